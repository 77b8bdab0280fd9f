package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.migration.ImportPlan;
import org.groupchat.migration.ImportProblem;
import org.groupchat.migration.ImportReader;
import org.groupchat.migration.ImportRefused;
import org.groupchat.migration.ImportSource;
import org.groupchat.migration.SfbImport;

/**
 * {@code POST /api/admin/import} (role admin): what {@code scripts/import-sfb.sh} sends, as
 * multipart form parts {@code categories} and {@code rooms} (CSV) and {@code history} (compliance
 * XML, as many as needed). Answers in plain text, line by line: {@code 400} with every problem
 * (file and line) when the files are refused; with {@code dryRun=true}, what would change; else
 * {@code progress DONE TOTAL} lines while the import runs, then {@code imported: ...} or
 * {@code refused: ...} (nothing imported).
 */
@Path("/admin/import")
@RequestScoped
public class ImportResource {

    private static final Logger LOG = Logger.getLogger(ImportResource.class.getName());
    /** The most an import request may carry; history beyond it goes in several runs (each adds what the last did not). */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    @EJB
    private SfbImport imports;

    @Context
    private SecurityContext caller;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_PLAIN)
    public Response run(@QueryParam("dryRun") boolean dryRun, @HeaderParam("Content-Length") Long length, List<EntityPart> parts)
            throws IOException {
        String admin = caller.getUserPrincipal().getName();
        if (length != null && length > MAX_BYTES) {
            return refused(413, admin, List.of("the files are " + length / (1024 * 1024) + " MiB; an import takes at most "
                    + MAX_BYTES / (1024 * 1024) + " MiB: split the history across runs"));
        }
        ImportSource source;
        ImportPlan plan;
        try {
            source = read(parts);
            plan = imports.plan(source);
        } catch (ImportRefused refusal) {
            return refused(400, admin, refusal.problems().stream().map(ImportProblem::toString).toList());
        } catch (IllegalArgumentException unknownPart) {
            return refused(400, admin, List.of(unknownPart.getMessage()));
        }
        if (!plan.problems().isEmpty()) {
            return refused(400, admin, plan.problems().stream().map(ImportProblem::toString).toList());
        }
        if (dryRun) {
            LOG.info(() -> "import dry run by " + admin + ": " + plan.summary());
            String listing = String.join("\n", plan.lines()) + (plan.lines().isEmpty() ? "" : "\n") + "dry run: nothing changed; "
                    + plan.summary() + "\n";
            return Response.ok(listing, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
        }
        StreamingOutput progress = out -> {
            PrintWriter lines = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                ImportPlan applied = imports.apply(admin, source, (done, total) -> {
                    lines.println("progress " + done + " " + total);
                    lines.flush();
                });
                applied.lines().forEach(lines::println);
                lines.println("imported: " + applied.summary());
            } catch (ImportRefused refusal) {
                LOG.warning(() -> "import by " + admin + " refused, nothing imported: " + refusal.getMessage());
                refusal.problems().forEach(problem -> lines.println("refused: " + problem));
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "import by " + admin + " failed, nothing imported", e);
                lines.println("refused: the import failed, nothing was imported (" + e + "); the server log has the details");
            }
            lines.flush();
        };
        return Response.ok(progress, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
    }

    private static ImportSource read(List<EntityPart> parts) throws IOException {
        ImportReader reader = new ImportReader(GroupchatSettings.current().storySizeLimit());
        for (EntityPart part : parts) {
            String file = part.getFileName().orElse(part.getName());
            try (InputStream content = part.getContent()) {
                switch (part.getName()) {
                    case "categories" -> reader.categories(file, content);
                    case "rooms" -> reader.rooms(file, content);
                    case "history" -> reader.history(file, content);
                    default -> throw new IllegalArgumentException("unknown part '" + part.getName()
                            + "': the parts are categories, rooms and history");
                }
            }
        }
        return reader.source();
    }

    private static Response refused(int status, String admin, List<String> problems) {
        LOG.info(() -> "import by " + admin + " refused (" + status + "), nothing imported: " + problems.size() + " problem(s), first: "
                + problems.get(0));
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(String.join("\n", problems) + "\n").build();
    }
}
