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
 * branch (with when it was written: {@link PushedInfoAnswers}) and its body, all copied into the one
 * array that goes on the wire.
 * This is the path of every message and notice a participant receives: the less it allocates, the
 * rarer the collector's pauses that every message in flight waits out.
 */
final class PushedInfo {

    interface Connection {
        void write(byte[] bytes) throws IOException;
    }

    private static final byte[] INFO_CONTENT_TYPE = ascii(" INFO\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] HEAD_END = ascii("\r\n\r\n");
    private static final byte[] HEX_DIGITS = ascii("0123456789abcdef");

    private final Connection connection;
    /** From the request line to the branch parameter's value, which each INFO completes. */
    private final byte[] start;
    /** From after the branch to the CSeq header's number. */
    private final byte[] fixedHeaders;

    PushedInfo(Connection connection, String start, String fixedHeaders) {
        this.connection = connection;
        this.start = start.getBytes(StandardCharsets.UTF_8);
        this.fixedHeaders = fixedHeaders.getBytes(StandardCharsets.UTF_8);
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
     * {@code contentType} is a media type, ASCII as RFC 3261 has it.
     */
    byte[] request(long cseq, String contentType, SipBody body) {
        long stamp = PushedInfoAnswers.stampValue(System.nanoTime());
        int cseqDigits = decimalDigits(cseq);
        int contentLength = body.length();
        byte[] request = new byte[start.length + cseqDigits + 1 + hexDigits(stamp) + fixedHeaders.length + cseqDigits
                + INFO_CONTENT_TYPE.length + contentType.length() + CONTENT_LENGTH.length + decimalDigits(contentLength)
                + HEAD_END.length + contentLength];
        int at = put(request, 0, start);
        at = putDecimal(request, at, cseq);
        request[at++] = '.';
        at = putHex(request, at, stamp);
        at = put(request, at, fixedHeaders);
        at = putDecimal(request, at, cseq);
        at = put(request, at, INFO_CONTENT_TYPE);
        for (int i = 0; i < contentType.length(); i++) {
            request[at++] = (byte) contentType.charAt(i);
        }
        at = put(request, at, CONTENT_LENGTH);
        at = putDecimal(request, at, contentLength);
        at = put(request, at, HEAD_END);
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

    /** Digits of a number that is not negative, in decimal. */
    private static int decimalDigits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static int putDecimal(byte[] into, int at, long value) {
        int end = at + decimalDigits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    /** Digits of a number that is not negative, in hex, as {@link Long#toHexString} writes it. */
    private static int hexDigits(long value) {
        return Math.max(1, (67 - Long.numberOfLeadingZeros(value)) / 4);
    }

    private static int putHex(byte[] into, int at, long value) {
        int end = at + hexDigits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            into[i] = HEX_DIGITS[(int) (rest & 0xf)];
            rest >>>= 4;
        }
        return end;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
