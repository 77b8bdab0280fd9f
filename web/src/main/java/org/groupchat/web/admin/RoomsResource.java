package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.MemberRole;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.RoomAdministration;
import org.groupchat.channel.RoomDetails;
import org.groupchat.channel.RoomPresence;
import org.groupchat.channel.RoomSpec;
import org.groupchat.channel.RoomSummary;
import org.groupchat.retention.ClearedHistory;
import org.groupchat.retention.Retention;
import org.groupchat.web.Times;

/**
 * The room administration API, for the {@code admin} role (HTTP Basic, see web.xml): create,
 * read, list, change, set members, disable and enable. Rooms are never deleted.
 */
@RequestScoped
@Path("/admin/rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @EJB
    private RoomAdministration administration;

    @EJB
    private RoomPresence presence;

    @EJB
    private Retention retention;

    @Context
    private UriInfo uriInfo;

    @Context
    private SecurityContext caller;

    /** Administrators see every room, a room manager the rooms the manager manages. */
    @GET
    public List<RoomSummary> list() {
        List<RoomSummary> rooms = administration.list();
        return isAdmin() ? rooms : rooms.stream().filter(room -> administration.manages(managerUri(), room.id())).toList();
    }

    /** Administrators create rooms anywhere; a room manager where a category names the manager as a creator. */
    @POST
    public Response create(RoomSpec spec) {
        RoomDetails created = isAdmin() ? administration.create(admin(), required(spec))
                : administration.createAsCreator(admin(), managerUri(), required(spec));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.room().id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public RoomDetails read(@PathParam("id") long id) {
        requireManagerOf(id);
        return administration.read(id);
    }

    /** Changes the fields given; those left out keep their value. */
    @PATCH
    @Path("{id}")
    public RoomDetails update(@PathParam("id") long id, RoomSpec spec) {
        requireManagerOf(id);
        if (required(spec).category() != null) {
            requireAdmin("move rooms between categories");
        }
        RoomDetails changed = administration.update(admin(), id, spec);
        // a room made closed or moved behind a category's wall keeps only those it still admits
        presence.removeThoseNoLongerAllowed(changed.room().uri(), "the room's settings changed");
        return changed;
    }

    /** Sets who holds a role: {@code members}, {@code managers} or {@code presenters}. */
    @PUT
    @Path("{id}/{role}")
    public RoomDetails setMembers(@PathParam("id") long id, @PathParam("role") String role, List<String> users) {
        requireManagerOf(id);
        if (users == null) {
            throw ChannelRefusal.badRequest("Send the list of SIP URIs as a JSON array");
        }
        RoomDetails changed = administration.setMembers(admin(), id, roleNamed(role), users);
        presence.removeThoseNoLongerAllowed(changed.room().uri(), "no longer a member of the room");
        return changed;
    }

    @POST
    @Path("{id}/disable")
    public RoomDetails disable(@PathParam("id") long id) {
        requireManagerOf(id);
        RoomDetails disabled = administration.setDisabled(admin(), id, true, isAdmin());
        presence.removeEveryone(disabled.room().uri(), "room disabled");
        return disabled;
    }

    @POST
    @Path("{id}/enable")
    public RoomDetails enable(@PathParam("id") long id) {
        requireManagerOf(id);
        return administration.setDisabled(admin(), id, false, isAdmin());
    }

    /** The message's text becomes a notice of its removal; compliance keeps the original. */
    @POST
    @Path("{id}/messages/{sequence}/remove")
    public PostedMessage removeMessage(@PathParam("id") long id, @PathParam("sequence") long sequence) {
        requireManagerOf(id);
        return administration.removeMessage(admin(), id, sequence);
    }

    /**
     * The room's messages posted before {@code {"before": TIME}} leave its history and search
     * (administrators only; not while the room is under a legal hold). Compliance keeps them.
     */
    @POST
    @Path("{id}/clear")
    public ClearedHistory clear(@PathParam("id") long id, Map<String, String> body) {
        requireAdmin("clear a room's history");
        return retention.clearRoom(admin(), id, instant(body == null ? null : body.get("before")));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        return Response.status(Response.Status.METHOD_NOT_ALLOWED)
                .header("Allow", "GET, PATCH")
                .entity(Map.of("error", "Rooms are never deleted, so that their history stays; disable room " + id
                        + " with POST /groupchat/api/admin/rooms/" + id + "/disable"))
                .build();
    }

    /** The caller's login name (an administrator's or a room manager's): compliance records who changed what. */
    private String admin() {
        return caller.getUserPrincipal().getName();
    }

    private boolean isAdmin() {
        return caller.isUserInRole("admin");
    }

    /** A room manager's SIP URI, from the login name. */
    private String managerUri() {
        return administration.userOfLogin(admin());
    }

    private void requireAdmin(String what) {
        if (!isAdmin()) {
            throw ChannelRefusal.notAllowed("Only administrators " + what);
        }
    }

    private void requireManagerOf(long id) {
        if (!isAdmin() && !administration.manages(managerUri(), id)) {
            throw ChannelRefusal.notAllowed(managerUri() + " is not a manager of room " + id);
        }
    }

    /** An ISO-8601 instant, or a date (its midnight, UTC); null when not given. */
    private static Instant instant(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return Times.instantOrDate(given);
        } catch (DateTimeParseException e) {
            throw ChannelRefusal.badRequest("before: '" + given + "' is neither an ISO-8601 time (2026-01-01T00:00:00Z) nor a date (2026-01-01)");
        }
    }

    private static RoomSpec required(RoomSpec spec) {
        if (spec == null) {
            throw ChannelRefusal.badRequest("Send the room as a JSON object");
        }
        return spec;
    }

    private static MemberRole roleNamed(String path) {
        return switch (path.toLowerCase(Locale.ROOT)) {
            case "members" -> MemberRole.MEMBER;
            case "managers" -> MemberRole.MANAGER;
            case "presenters" -> MemberRole.PRESENTER;
            default -> throw ChannelRefusal.notFound("No such list '" + path + "': members, managers or presenters");
        };
    }
}
