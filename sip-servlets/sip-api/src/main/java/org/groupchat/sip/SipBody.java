package org.groupchat.sip;

import java.nio.charset.StandardCharsets;

/**
 * A request's body as UTF-8 bytes, kept in parts so that what many requests share is encoded once:
 * a message pushed to the participants of a room is one part of each of their INFOs, between the
 * parts of their own envelopes. Nobody changes a part once it is given here.
 */
public final class SipBody {

    private final byte[][] parts;
    private final int length;

    private SipBody(byte[][] parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        this.parts = parts;
        this.length = total;
    }

    public static SipBody of(String text) {
        return new SipBody(new byte[][] {text.getBytes(StandardCharsets.UTF_8)});
    }

    /** The body made of these UTF-8 parts, in this order. */
    public static SipBody of(byte[]... parts) {
        return new SipBody(parts.clone());
    }

    /** In bytes: the body's Content-Length. */
    public int length() {
        return length;
    }

    /** Copies the body into {@code into} from {@code offset}; returns where it ends there. */
    public int copyTo(byte[] into, int offset) {
        for (byte[] part : parts) {
            System.arraycopy(part, 0, into, offset, part.length);
            offset += part.length;
        }
        return offset;
    }

    /** The body in one array of its own. */
    public byte[] bytes() {
        byte[] all = new byte[length];
        copyTo(all, 0);
        return all;
    }

    /** The body as text. */
    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
