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
import org.groupchat.sip.stack.PushedInfoAnswers;

/**
 * The INFOs the server pushes in one dialog over a reliable connection (TCP, TLS), written straight
 * onto the connection the client opened, without a JAIN-SIP client transaction: over a reliable
 * transport nothing is retransmitted, and the answer needs no matching ({@link PushedInfoAnswers}
 * drops the 200s; an error answer still reaches the listener, which ends the dialog). What never
 * changes in the dialog's requests is built once; each INFO adds its CSeq, the end of its branch
 * (with when it was written: {@link PushedInfoAnswers}) and its body.
 * This is the path of every message and notice a participant receives.
 */
final class PushedInfo {

    private interface Connection {
        void write(byte[] bytes) throws IOException;
    }

    private final Connection connection;
    /** From the request line to the branch parameter's value, which each INFO completes. */
    private final String start;
    /** From after the branch to the CSeq header's number. */
    private final String fixedHeaders;

    private PushedInfo(Connection connection, String start, String fixedHeaders) {
        this.connection = connection;
        this.start = start;
        this.fixedHeaders = fixedHeaders;
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
    byte[] request(long cseq, String contentType, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = start + cseq + "." + PushedInfoAnswers.stamp(System.nanoTime()) + fixedHeaders + cseq + " INFO\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /** Writes it onto the client's connection; blocks while the client's window is shut. */
    void write(byte[] request) throws IOException {
        connection.write(request);
    }
}
