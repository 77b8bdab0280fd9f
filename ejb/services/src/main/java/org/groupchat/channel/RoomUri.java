package org.groupchat.channel;

import java.util.Locale;

/**
 * A room's address in the chat protocol, {@code ma-chan://DOMAIN/ID}: the server's SIP domain and
 * the room's id. Clients also send it split up as {@code <chanid domain="DOMAIN" value="ID"/>}.
 */
public record RoomUri(String domain, long roomId) {

    private static final String SCHEME = "ma-chan://";

    public RoomUri {
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** @throws ChannelRefusal (bad request) when it is not a room URI */
    public static RoomUri parse(String uri) {
        if (uri == null || !uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw ChannelRefusal.badRequest("'" + uri + "' is not a room URI (ma-chan://DOMAIN/ID)");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw ChannelRefusal.badRequest("'" + uri + "' is not a room URI (ma-chan://DOMAIN/ID)");
        }
        return of(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** From the parts of a {@code <chanid>}. */
    public static RoomUri of(String domain, String id) {
        try {
            return new RoomUri(domain == null ? "" : domain, Long.parseLong(id));
        } catch (NumberFormatException | NullPointerException e) {
            throw ChannelRefusal.notFound("no room with id '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return SCHEME + domain + "/" + roomId;
    }
}
