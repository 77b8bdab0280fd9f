package org.groupchat.sip;

import java.util.Locale;
import java.util.Objects;

/**
 * The user@host core of a SIP URI, the part that names a user or a service. Parameters, port and
 * display names are left out; user and host compare without regard to case, as URIs do in practice.
 */
public record SipUri(String user, String host) {

    public SipUri {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        user = user.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code sip:user@host[:port][;params]}, with or without angle brackets and display name.
     *
     * @throws IllegalArgumentException when it is not a sip/sips URI with a user part
     */
    public static SipUri parse(String text) {
        String uri = text.trim();
        int open = uri.indexOf('<');
        if (open >= 0) {
            int close = uri.indexOf('>', open);
            uri = uri.substring(open + 1, close < 0 ? uri.length() : close);
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("sip:")) {
            rest = uri.substring(4);
        } else if (lower.startsWith("sips:")) {
            rest = uri.substring(5);
        } else {
            throw new IllegalArgumentException("not a sip URI: " + text);
        }
        int at = rest.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("no user part in " + text);
        }
        String host = rest.substring(at + 1).split("[;:?>]", 2)[0];
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in " + text);
        }
        return new SipUri(rest.substring(0, at), host);
    }

    @Override
    public String toString() {
        return "sip:" + user + "@" + host;
    }
}
