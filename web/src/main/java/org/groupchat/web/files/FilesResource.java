package org.groupchat.web.files;

import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.RoomDelivery;
import org.groupchat.files.ByteRange;
import org.groupchat.files.FileDirection;
import org.groupchat.files.FileService;
import org.groupchat.files.FileService.SharedFile;
import org.groupchat.files.FileStore;
import org.groupchat.files.FileStore.ReceivedFile;
import org.groupchat.files.FileTokens;
import org.groupchat.files.FileTokens.TokenGrant;

/**
 * {@code PUT} (or {@code POST}) {@code /api/files/TOKEN} uploads a file, the raw bytes as the body;
 * {@code GET /api/files/TOKEN} downloads one, whole or one {@code Range}. Both stream. HTTPS only.
 * A refused token is 403 with the reason; over the size limit 413, and nothing is kept.
 */
@Path("files/{token}")
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {

    private static final Logger LOG = Logger.getLogger(FilesResource.class.getName());

    @EJB
    private FileTokens tokens;

    @EJB
    private FileService files;

    @EJB
    private FileStore store;

    @EJB
    private RoomDelivery rooms;

    @Context
    private SecurityContext connection;

    @PUT
    public Response upload(@PathParam("token") String token, @Context HttpHeaders headers, InputStream body) {
        requireHttps();
        long limit = store.maxBytes();
        if (headers.getLength() > limit) { // said up front: refused before a byte is read or the token spent
            throw tooLarge(limit);
        }
        TokenGrant grant = tokens.redeem(token, FileDirection.UPLOAD);
        ReceivedFile content;
        try {
            content = store.receive(body);
        } catch (FileStore.TooLarge e) {
            LOG.info(() -> "files: upload of '" + grant.fileName() + "' by " + grant.user() + " went past " + limit + " bytes; removed");
            throw tooLarge(limit);
        } catch (IOException e) {
            LOG.info(() -> "files: upload of '" + grant.fileName() + "' by " + grant.user() + " broke off (" + e + "); removed");
            throw ChannelRefusal.badRequest("The upload broke off before its end; nothing was kept");
        }
        Optional<String> expected = Digests.sha256Of(headers);
        if (expected.isPresent() && !expected.get().equals(content.sha256())) {
            discardIfUnshared(content);
            throw ChannelRefusal.badRequest("The file's SHA-256 is " + content.sha256() + ", not the " + expected.get()
                    + " the request announced; nothing was kept");
        }
        String contentType = Optional.ofNullable(headers.getMediaType()).map(MediaType::toString)
                .filter(type -> type.length() <= 255).orElse(MediaType.APPLICATION_OCTET_STREAM);
        PostedMessage message;
        try {
            message = rooms.postAndDeliver(grant.roomUri(), () -> files.shareUpload(grant, content, contentType));
        } catch (RuntimeException e) {
            discardIfUnshared(content);
            throw e;
        }
        return Response.status(Response.Status.CREATED)
                .header("Repr-Digest", Digests.reprDigest(content.sha256()))
                .entity(Map.of("room", grant.roomUri(), "name", grant.fileName(), "size", content.size(),
                        "sha256", content.sha256(), "message", message.sequence()))
                .build();
    }

    /** The same as PUT, for clients that only POST. */
    @POST
    public Response uploadByPost(@PathParam("token") String token, @Context HttpHeaders headers, InputStream body) {
        return upload(token, headers, body);
    }

    @GET
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("token") String token, @HeaderParam("Range") String range) {
        requireHttps();
        TokenGrant grant = tokens.redeem(token, FileDirection.DOWNLOAD);
        SharedFile file = files.startDownload(grant);
        Optional<ByteRange> part;
        try {
            part = ByteRange.parse(range, file.size());
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + file.size()).build();
        }
        long first = part.map(ByteRange::first).orElse(0L);
        long length = part.map(ByteRange::length).orElse(file.size());
        StreamingOutput bytes = out -> {
            try (FileChannel channel = store.open(file.sha256(), first)) {
                FileStore.copy(channel, length, out);
            }
        };
        Response.ResponseBuilder response = Response.status(part.isPresent() ? 206 : 200).entity(bytes)
                .type(file.contentType())
                .header("Content-Length", length)
                .header("Content-Disposition", ContentDisposition.attachment(file.name()))
                .header("Accept-Ranges", "bytes")
                .header("ETag", "\"" + file.sha256() + "\"")
                .header("Repr-Digest", Digests.reprDigest(file.sha256()))
                .header("X-Content-Type-Options", "nosniff");
        part.ifPresent(p -> response.header("Content-Range", p.contentRange(file.size())));
        return response.build();
    }

    private void requireHttps() {
        if (!connection.isSecure()) {
            throw ChannelRefusal.notAllowed("Files move over HTTPS only: use the serveruri the channel gave with the token");
        }
    }

    private void discardIfUnshared(ReceivedFile content) {
        if (!files.isShared(content.sha256())) {
            store.discard(content.sha256());
        }
    }

    private static ChannelRefusal tooLarge(long limit) {
        return ChannelRefusal.tooLarge("The file is larger than this server's limit of " + limit + " bytes (groupchat.files.max-bytes)");
    }

    /** RFC 9530 digests: {@code sha-256=:BASE64:}. */
    static final class Digests {

        private Digests() {
        }

        static String reprDigest(String sha256Hex) {
            return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
        }

        /** The SHA-256 a client announced with {@code Repr-Digest} or {@code Content-Digest}, as hex. */
        static Optional<String> sha256Of(HttpHeaders headers) {
            for (String header : new String[] {"Repr-Digest", "Content-Digest"}) {
                String value = headers.getHeaderString(header);
                if (value == null) {
                    continue;
                }
                for (String item : value.split(",")) {
                    String trimmed = item.strip();
                    if (trimmed.toLowerCase().startsWith("sha-256=:") && trimmed.endsWith(":") && trimmed.length() > 10) {
                        try {
                            byte[] digest = Base64.getDecoder().decode(trimmed.substring(9, trimmed.length() - 1));
                            return Optional.of(HexFormat.of().formatHex(digest));
                        } catch (IllegalArgumentException e) {
                            throw ChannelRefusal.badRequest(header + " holds a sha-256 that is not base64");
                        }
                    }
                }
            }
            return Optional.empty();
        }
    }
}
