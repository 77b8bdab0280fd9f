package org.groupchat.web.audit;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.groupchat.compliance.ArchivedEvent;
import org.groupchat.compliance.AuditQuery;
import org.groupchat.compliance.ComplianceArchive;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceExport;
import org.groupchat.web.Times;

/**
 * The compliance archive for auditors: events filtered by room, user, type, time range and text,
 * a page at a time; an export of a range as XML (the compliance adapter's layout) or CSV; and the
 * export's XML schema. Every filter is optional; times are ISO 8601 instants or dates (UTC).
 */
@RequestScoped
@Path("/audit")
public class AuditResource {

    private static final Logger LOG = Logger.getLogger(AuditResource.class.getName());
    private static final int MAX_PAGE_SIZE = 1000;

    @EJB
    private ComplianceArchive archive;

    @Context
    private SecurityContext caller;

    public record EventPage(long total, int page, int size, List<ArchivedEvent> events) {
    }

    @GET
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public EventPage events(@QueryParam("room") String room, @QueryParam("user") String user, @QueryParam("type") String type,
                            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("text") String text,
                            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadAuditRequest("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        AuditQuery query = query(room, user, type, from, to, text);
        LOG.info(() -> "audit: " + auditor() + " reads events " + query + ", page " + page);
        return new EventPage(archive.count(query), page, size, archive.find(query, page * size, size));
    }

    @GET
    @Path("export")
    public Response export(@QueryParam("format") @DefaultValue("xml") String format, @QueryParam("room") String room,
                           @QueryParam("user") String user, @QueryParam("type") String type, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("text") String text) {
        AuditQuery query = query(room, user, type, from, to, text);
        LOG.info(() -> "audit: " + auditor() + " exports " + format + " " + query);
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "xml" -> download(out -> ComplianceExport.writeXml(archive::after, archive.rooms(query), query, out),
                    MediaType.APPLICATION_XML + ";charset=UTF-8", "xml");
            case "csv" -> download(out -> ComplianceExport.writeCsv(archive::after, query,
                    new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))), "text/csv;charset=UTF-8", "csv");
            default -> throw new BadAuditRequest("format must be xml or csv, not '" + format + "'");
        };
    }

    /** The XML schema of the export, as shipped in the project. */
    @GET
    @Path("schema")
    @Produces(MediaType.APPLICATION_XML)
    public InputStream schema() {
        return ComplianceExport.class.getResourceAsStream(ComplianceExport.SCHEMA_RESOURCE);
    }

    private static Response download(StreamingOutput body, String mediaType, String extension) {
        return Response.ok(body, mediaType)
                .header("Content-Disposition", "attachment; filename=\"groupchat-compliance." + extension + "\"")
                .build();
    }

    private static AuditQuery query(String room, String user, String type, String from, String to, String text) {
        return new AuditQuery(blankToNull(room), blankToNull(user), eventType(type), instant("from", from), instant("to", to),
                blankToNull(text));
    }

    private static ComplianceEventType eventType(String type) {
        if (blankToNull(type) == null) {
            return null;
        }
        try {
            return ComplianceEventType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadAuditRequest("type must be one of " + List.of(ComplianceEventType.values()) + ", not '" + type + "'");
        }
    }

    /** 2026-11-24T10:15:30Z, or a date 2026-11-24 (its start, UTC). */
    private static Instant instant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Times.instantOrDate(value);
        } catch (DateTimeParseException e) {
            throw new BadAuditRequest(name + " must be an ISO 8601 instant (2026-11-24T10:15:30Z) or date (2026-11-24), not '"
                    + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String auditor() {
        return caller.getUserPrincipal().getName();
    }
}
