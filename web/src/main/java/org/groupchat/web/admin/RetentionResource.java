package org.groupchat.web.admin;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.retention.RetentionSummary;
import org.groupchat.retention.ScheduledRetention;

/** {@code /api/admin/retention/run}: the retention job now, rather than at its next scheduled run (role admin). */
@Path("/admin/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    @EJB
    private ScheduledRetention retention;

    @POST
    @Path("run")
    public RetentionSummary run() {
        RetentionSummary summary = retention.runNow(false);
        if (!summary.ran()) {
            throw ChannelRefusal.conflict("The retention job is running already (on this node or another); try again when it is done");
        }
        return summary;
    }
}
