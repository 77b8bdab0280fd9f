package org.groupchat.sip.xccos;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.groupchat.sip.SipBody;
import org.groupchat.sip.SipDialog;
import org.groupchat.xccos.XccosWriter;
import org.groupchat.xccos.XmlElement;

/**
 * Sends XCCOS documents in a client's dialog: one child per envelope, numbered by the dialog's own
 * envelope counter, as {@code text/plain} INFOs.
 */
public final class XccosSender {

    static final String CONTENT_TYPE = "text/plain";
    private static final String ENVELOPE_COUNTER = "xccos.envid";
    private static final XccosWriter WRITER = new XccosWriter();
    private static final byte[] ENVELOPE_END = XccosWriter.ENVELOPE_END.getBytes(StandardCharsets.UTF_8);

    private XccosSender() {
    }

    /** Sends {@code child} (a {@code ntc} or {@code grpchat}) in its own envelope. */
    public static void send(SipDialog dialog, XmlElement child) {
        dialog.sendInfo(CONTENT_TYPE, WRITER.envelope(nextEnvid(dialog), child));
    }

    /**
     * Sends a child {@link #write(XmlElement) written} once for many dialogs, in this dialog's
     * envelope: only the envelope's start is this dialog's own.
     */
    public static void sendWritten(SipDialog dialog, byte[] writtenChild) {
        byte[] start = WRITER.envelopeStart(nextEnvid(dialog)).getBytes(StandardCharsets.UTF_8);
        dialog.sendInfo(CONTENT_TYPE, SipBody.of(start, writtenChild, ENVELOPE_END));
    }

    /** The child written once, as UTF-8, for {@link #sendWritten}. */
    public static byte[] write(XmlElement child) {
        return WRITER.write(child).getBytes(StandardCharsets.UTF_8);
    }

    static XccosWriter writer() {
        return WRITER;
    }

    static long nextEnvid(SipDialog dialog) {
        AtomicLong counter = dialog.attribute(ENVELOPE_COUNTER, AtomicLong.class).orElseGet(() -> {
            AtomicLong first = new AtomicLong();
            dialog.setAttribute(ENVELOPE_COUNTER, first);
            return first;
        });
        return counter.incrementAndGet();
    }
}
