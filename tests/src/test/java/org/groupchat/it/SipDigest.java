package org.groupchat.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SIP digest as a client answers a challenge (RFC 3261 22.4, RFC 2617 MD5; qop=auth when offered). */
final class SipDigest {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private SipDigest() {
    }

    /**
     * The value of the Authorization (or Proxy-Authorization) header that answers {@code challenge}
     * (a WWW-Authenticate or Proxy-Authenticate value) for a request.
     */
    static String answer(String challenge, String user, String password, String method, String uri) {
        String realm = parameter(challenge, "realm");
        String nonce = parameter(challenge, "nonce");
        String qop = parameter(challenge, "qop");
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        StringBuilder answer = new StringBuilder("Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", algorithm=MD5");
        if (qop != null && qop.contains("auth")) {
            String cnonce = UUID.randomUUID().toString().substring(0, 8);
            answer.append(", qop=auth, nc=00000001, cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            answer.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        String opaque = parameter(challenge, "opaque");
        if (opaque != null) {
            answer.append(", opaque=\"").append(opaque).append('"');
        }
        return answer.toString();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static String parameter(String challenge, String name) {
        Matcher parameter = PARAMETER.matcher(challenge);
        while (parameter.find()) {
            if (parameter.group(1).equalsIgnoreCase(name)) {
                return parameter.group(2) != null ? parameter.group(2) : parameter.group(3);
            }
        }
        return null;
    }
}
