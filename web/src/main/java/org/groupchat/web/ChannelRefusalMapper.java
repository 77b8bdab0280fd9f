package org.groupchat.web;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;

/** A refused request becomes its HTTP status with the reason: {@code {"error": "..."}}. */
@Provider
public class ChannelRefusalMapper implements ExceptionMapper<ChannelRefusal> {

    private static final Logger LOG = Logger.getLogger(ChannelRefusalMapper.class.getName());

    @Context
    private UriInfo request;

    @Override
    public Response toResponse(ChannelRefusal refusal) {
        int status = switch (refusal.kind()) {
            case BAD_REQUEST -> 400;
            case NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
        };
        // the first segment only: a file path holds its token
        LOG.info(() -> request.getPathSegments().get(0).getPath() + " request refused (" + status + "): " + refusal.getMessage());
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", refusal.getMessage())).build();
    }
}
