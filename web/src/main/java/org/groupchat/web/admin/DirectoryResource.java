package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.groupchat.directory.DirectoryStatus;
import org.groupchat.directory.DirectorySync;

/**
 * {@code /api/admin/directory} (role admin): the directory's status, and {@code POST .../refresh}
 * to read it now rather than at its next scheduled reading (409 with the reason when it cannot be
 * read; 404 when none is configured).
 */
@Path("/admin/directory")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DirectoryResource {

    @EJB
    private DirectorySync directory;

    @GET
    public DirectoryStatus status() {
        return directory.status();
    }

    @POST
    @Path("refresh")
    public DirectoryStatus refresh() {
        return directory.refresh();
    }
}
