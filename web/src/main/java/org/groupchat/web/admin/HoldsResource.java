package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.retention.HoldDetails;
import org.groupchat.retention.HoldSpec;
import org.groupchat.retention.LegalHolds;

/**
 * {@code /api/admin/holds}: legal holds on rooms and users (role admin). While one is in place,
 * neither retention nor an administrator removes anything it covers.
 */
@Path("/admin/holds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HoldsResource {

    @EJB
    private LegalHolds holds;

    @Context
    private SecurityContext security;

    @GET
    public List<HoldDetails> list() {
        return holds.list();
    }

    /** {@code {"room": 7, "reason": "..."}} or {@code {"user": "sip:...", "reason": "..."}}. */
    @POST
    public Response place(HoldSpec spec) {
        if (spec == null) {
            throw ChannelRefusal.badRequest("Send the hold as a JSON object: room or user, and reason");
        }
        return Response.status(Response.Status.CREATED).entity(holds.place(admin(), spec)).build();
    }

    @DELETE
    @Path("{id}")
    public HoldDetails release(@PathParam("id") long id) {
        return holds.release(admin(), id);
    }

    private String admin() {
        return security.getUserPrincipal().getName();
    }
}
