package org.groupchat.sip.adapter;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.TCPMessageChannel;
import gov.nist.javax.sip.stack.TLSMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.groupchat.sip.SipBody;
import org.groupchat.sip.stack.PushedInfoAnswers;

/**
 * The INFOs the server pushes in one dialog over a reliable connection (TCP, TLS), written straight
 * onto the connection the client opened, without a JAIN-SIP client transaction: over a reliable
 * transport nothing is retransmitted, and the answer needs no matching ({@link PushedInfoAnswers}
 * drops the 200s; an error answer still reaches the listener, which ends the dialog). What never
 * changes in the dialog's requests is built once, as bytes; each INFO adds its CSeq, the end of its
 * branch (with when it was written: {@link PushedInfoAnswers}), its lengths and its body (encoded
 * once for all receivers), all copied into the one array that goes on the wire.
 * This is the path of every message and notice a participant receives: the less it allocates, the
 * rarer the collector's pauses that every message in flight waits out.
 */
final class PushedInfo {

    interface Connection {
        void write(byte[] bytes) throws IOException;
    }

    private final Connection connection;
    /** From the request line to the branch parameter's value, which each INFO completes. */
    private final byte[] start;
    /** From after the branch to the CSeq header's number. */
    private final byte[] fixedHeaders;

    PushedInfo(Connection connection, String start, String fixedHeaders) {
        this.connection = connection;
        this.start = utf8(start);
        this.fixedHeaders = utf8(fixedHeaders);
    }

    /**
     * The pushed INFOs of a confirmed dialog whose client connected directly (no route set) over a
     * reliable transport; empty otherwise (UDP, or a proxy's route: JAIN-SIP sends those).
     */
    static Optional<PushedInfo> of(SIPDialog dialog, MessageChannel channel) {
        if (channel == null || !channel.isReliable() || dialog.getRouteSet().hasNext()
                || dialog.getRemoteTag() == null || dialog.getRemoteTarget() == null) {
            return Optional.empty();
        }
        InetAddress peer = channel.getPeerPacketSourceAddress();
        int port = channel.getPeerPacketSourcePort();
        Connection connection;
        if (channel instanceof TLSMessageChannel tls) {
            connection = bytes -> tls.sendMessage(bytes, peer, port, false);
        } else if (channel instanceof TCPMessageChannel tcp) {
            connection = bytes -> tcp.sendMessage(bytes, peer, port, false);
        } else {
            return Optional.empty();
        }
        String start = "INFO " + dialog.getRemoteTarget().getURI() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + channel.getTransport().toUpperCase() + " " + channel.getViaHost() + ":"
                + channel.getViaPort() + ";branch=" + PushedInfoAnswers.BRANCH_PREFIX
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".";
        String fixed = "\r\nMax-Forwards: 70\r\n"
                + "From: " + dialog.getLocalParty() + ";tag=" + dialog.getLocalTag() + "\r\n"
                + "To: " + dialog.getRemoteParty() + ";tag=" + dialog.getRemoteTag() + "\r\n"
                + "Call-ID: " + dialog.getCallId().getCallId() + "\r\n"
                + "CSeq: ";
        return Optional.of(new PushedInfo(connection, start, fixed));
    }

    /**
     * One INFO in the dialog, numbered {@code cseq} (which the dialog has counted), as it goes on
     * the wire; its branch ends with when it was written, which its answer brings back.
     */
    byte[] request(long cseq, String contentType, SipBody body) {
        byte[] branchEnd = utf8(cseq + "." + PushedInfoAnswers.stamp(System.nanoTime()));
        byte[] rest = utf8(cseq + " INFO\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length() + "\r\n\r\n");
        byte[] request = new byte[start.length + branchEnd.length + fixedHeaders.length + rest.length + body.length()];
        int at = put(request, 0, start);
        at = put(request, at, branchEnd);
        at = put(request, at, fixedHeaders);
        at = put(request, at, rest);
        body.copyTo(request, at);
        return request;
    }

    /** Writes it onto the client's connection; blocks while the client's window is shut. */
    void write(byte[] request) throws IOException {
        connection.write(request);
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
