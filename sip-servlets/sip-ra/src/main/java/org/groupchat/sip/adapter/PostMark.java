package org.groupchat.sip.adapter;

import java.nio.charset.StandardCharsets;
import javax.sip.message.Request;

/**
 * Tells a role's posts from its other requests as they arrive, before they are queued or parsed:
 * an INFO within a dialog whose body holds the text the role named (its activation property
 * {@code postMark}). Under load the adapter refuses posts there, at the cost of a 503, rather than
 * after their turn on a worker, the role's bean and the body's parse. A request the mark takes
 * for a post by mistake is at worst refused as one, and sent again by its client.
 */
final class PostMark {

    static final PostMark NONE = new PostMark(null);

    private final byte[] mark;

    private PostMark(byte[] mark) {
        this.mark = mark;
    }

    /** The role's mark; none when it names none. */
    static PostMark of(String text) {
        return text == null || text.isEmpty() ? NONE : new PostMark(text.getBytes(StandardCharsets.UTF_8));
    }

    boolean marks(Request request, boolean inDialog) {
        if (mark == null || !inDialog || !Request.INFO.equals(request.getMethod())) {
            return false;
        }
        byte[] body = request.getRawContent();
        return body != null && holds(body);
    }

    private boolean holds(byte[] body) {
        scan:
        for (int start = 0; start + mark.length <= body.length; start++) {
            for (int i = 0; i < mark.length; i++) {
                if (body[start + i] != mark[i]) {
                    continue scan;
                }
            }
            return true;
        }
        return false;
    }
}
