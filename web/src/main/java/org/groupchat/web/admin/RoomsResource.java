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

    @Context
    private UriInfo uriInfo;

    @Context
    private SecurityContext caller;

    @GET
    public List<RoomSummary> list() {
        return administration.list();
    }

    @POST
    public Response create(RoomSpec spec) {
        RoomDetails created = administration.create(admin(), required(spec));
        return Response.created(uriInfo.getAbsolutePathBuilder().path(Long.toString(created.room().id())).build())
                .entity(created).build();
    }

    @GET
    @Path("{id}")
    public RoomDetails read(@PathParam("id") long id) {
        return administration.read(id);
    }

    /** Changes the fields given; those left out keep their value. */
    @PATCH
    @Path("{id}")
    public RoomDetails update(@PathParam("id") long id, RoomSpec spec) {
        return administration.update(admin(), id, required(spec));
    }

    /** Sets who holds a role: {@code members}, {@code managers} or {@code presenters}. */
    @PUT
    @Path("{id}/{role}")
    public RoomDetails setMembers(@PathParam("id") long id, @PathParam("role") String role, List<String> users) {
        if (users == null) {
            throw ChannelRefusal.badRequest("Send the list of SIP URIs as a JSON array");
        }
        return administration.setMembers(admin(), id, roleNamed(role), users);
    }

    @POST
    @Path("{id}/disable")
    public RoomDetails disable(@PathParam("id") long id) {
        RoomDetails disabled = administration.setDisabled(admin(), id, true);
        presence.removeEveryone(disabled.room().uri(), "room disabled");
        return disabled;
    }

    @POST
    @Path("{id}/enable")
    public RoomDetails enable(@PathParam("id") long id) {
        return administration.setDisabled(admin(), id, false);
    }

    /** The message's text becomes a notice of its removal; compliance keeps the original. */
    @POST
    @Path("{id}/messages/{sequence}/remove")
    public PostedMessage removeMessage(@PathParam("id") long id, @PathParam("sequence") long sequence) {
        return administration.removeMessage(admin(), id, sequence);
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

    /** The administrator's login name: compliance records who changed what. */
    private String admin() {
        return caller.getUserPrincipal().getName();
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
