package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.groupchat.channel.CategoryAdministration;
import org.groupchat.channel.CategoryDetails;
import org.groupchat.channel.CategorySpec;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.RoomPresence;

/**
 * {@code /api/admin/categories}: the category tree, its ethical walls and the options rooms
 * inherit (role admin). Categories are not deleted.
 */
@Path("/admin/categories")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CategoriesResource {

    @EJB
    private CategoryAdministration categories;

    @EJB
    private RoomPresence presence;

    @Context
    private SecurityContext security;

    @GET
    public List<CategoryDetails> list() {
        return categories.list();
    }

    @GET
    @Path("{id}")
    public CategoryDetails read(@PathParam("id") long id) {
        return categories.read(id);
    }

    @POST
    public Response create(CategorySpec spec) {
        return Response.status(Response.Status.CREATED).entity(categories.create(admin(), required(spec))).build();
    }

    @PATCH
    @Path("{id}")
    public CategoryDetails update(@PathParam("id") long id, CategorySpec spec) {
        CategoryDetails changed = categories.update(admin(), id, required(spec));
        // a wall put up keeps those it excludes out of the category's rooms from now on
        presence.removeThoseNoLongerAllowed(null, "the room's category changed");
        return changed;
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        return Response.status(Response.Status.METHOD_NOT_ALLOWED).header("Allow", "GET, PATCH")
                .entity(Map.of("error", "Categories are not deleted: their rooms and history stay")).build();
    }

    private String admin() {
        return security.getUserPrincipal().getName();
    }

    private static CategorySpec required(CategorySpec spec) {
        if (spec == null) {
            throw ChannelRefusal.badRequest("Send the category as a JSON object");
        }
        return spec;
    }
}
