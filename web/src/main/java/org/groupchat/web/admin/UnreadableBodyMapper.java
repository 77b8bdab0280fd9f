package org.groupchat.web.admin;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Logger;

/** A request body that is not the JSON the API expects: 400 with what the parser said, not a 500. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(UnreadableBodyMapper.class.getName());

    @Override
    public Response toResponse(ProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String reason = "The request body is not valid JSON for this resource: " + cause.getMessage();
        LOG.info(() -> "administration request refused (400): " + reason);
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", reason)).build();
    }
}
