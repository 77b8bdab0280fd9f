package org.groupchat.web.audit;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A 400 with the reason, in the same {@code {"error": "..."}} shape as the administration API. */
class BadAuditRequest extends WebApplicationException {

    BadAuditRequest(String reason) {
        super(reason, Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", reason)).build());
    }
}
