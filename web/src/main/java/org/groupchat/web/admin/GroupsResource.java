package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.GroupAdministration;
import org.groupchat.channel.GroupAdministration.GroupDetails;
import org.groupchat.channel.RoomPresence;

/** {@code /api/admin/groups}: named groups of SIP URIs that rooms' member lists name as {@code group:NAME} (role admin). */
@Path("/admin/groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @EJB
    private GroupAdministration groups;

    @EJB
    private RoomPresence presence;

    @Context
    private SecurityContext security;

    /** A new group: {@code {"name": "traders", "members": ["sip:a@example.org"]}}. */
    public record NewGroup(String name, List<String> members) {
    }

    @GET
    public List<GroupDetails> list() {
        return groups.list();
    }

    @GET
    @Path("{name}")
    public GroupDetails read(@PathParam("name") String name) {
        return groups.read(name);
    }

    @POST
    public Response create(NewGroup group) {
        if (group == null) {
            throw ChannelRefusal.badRequest("Send the group as a JSON object with name and members");
        }
        return Response.status(Response.Status.CREATED)
                .entity(groups.create(security.getUserPrincipal().getName(), group.name(), group.members())).build();
    }

    @PUT
    @Path("{name}/members")
    public GroupDetails setMembers(@PathParam("name") String name, List<String> members) {
        GroupDetails changed = groups.setMembers(security.getUserPrincipal().getName(), name, members);
        // rooms name the group as members, and category walls may: whoever it no longer covers leaves
        presence.removeThoseNoLongerAllowed(null, "no longer in the group " + name);
        return changed;
    }
}
