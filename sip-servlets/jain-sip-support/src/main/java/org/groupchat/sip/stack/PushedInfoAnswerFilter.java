package org.groupchat.sip.stack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a client sends over TCP, with the 2xx answers to the INFOs the server pushed taken out before
 * JAIN-SIP parses them: every participant answers every message it receives, so these are most of
 * what arrives, and parsing each into header objects only to drop it was the largest cost of a
 * delivery. Messages are framed here by their Content-Length; an answer is recognised by its status
 * line and the branch of its Via ({@link PushedInfoAnswers#BRANCH_PREFIX}); everything else (requests,
 * error answers, keep-alive CRLFs, anything this framing does not understand) passes unchanged.
 * <p>
 * A message whose body is larger than the stack's limit would make JAIN-SIP close the connection, and the client
 * lose its session without a word: here a request that large passes as its head alone, marked
 * {@link OversizedRequests#MARKER} for the answer {@code 513}, and its body is read and thrown
 * away, so the connection goes on; a response that large is thrown away whole.
 * <p>
 * Each answer taken out tells how late its client is: the branch ends with when the INFO was
 * written ({@link PushedInfoAnswers#stamp}), and that delay goes to the stack's {@link LateAnswers}.
 * <p>
 * Two ways to use it: as a stream over the connection's own (TLS: the reader thread blocks in
 * {@link #read}), or fed by a selector ({@link SelectedTcpSocket}: {@link #readFrom} takes what the
 * connection has without waiting, {@link #passable} frames it, {@link #take} hands out what passed),
 * so that an answer costs no thread a wake-up.
 */
final class PushedInfoAnswerFilter extends FilterInputStream {

    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BRANCH = ("branch=" + PushedInfoAnswers.BRANCH_PREFIX).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUCCESS = "SIP/2.0 2".getBytes(StandardCharsets.US_ASCII);
    /** A head longer than this is not ours to frame: it passes, and JAIN-SIP judges it. */
    private static final int MAX_HEAD = 16 * 1024;
    /** A message longer than this passes as it comes, unheld (JAIN-SIP's own limit refuses it). */
    private static final int MAX_HELD = 256 * 1024;

    private static final byte[] RESPONSE = "SIP/2.0 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);

    /** The stack's limit on a message (head and body), 0 for none. */
    private final int maxMessageBytes;
    /** Where answers record how late they came; null: nowhere. */
    private final LateAnswers lateAnswers;
    private byte[] buffer = new byte[16 * 1024];
    /** Bytes [start, passUntil) may go to the reader; [passUntil, end) are not framed yet. */
    private int start;
    private int passUntil;
    private int end;
    /** Bytes of a message too large to buffer that still pass through unframed. */
    private long passThrough;
    /** Bytes of an oversized message's body still to come and be thrown away. */
    private long discard;

    PushedInfoAnswerFilter(InputStream in, int maxMessageBytes, LateAnswers lateAnswers) {
        super(in);
        this.maxMessageBytes = maxMessageBytes;
        this.lateAnswers = lateAnswers;
    }

    @Override
    public int read() throws IOException {
        if (passUntil == start) {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
        return buffer[start++] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (passUntil == start) {
            if (!frame() && !fill()) {
                if (end > start) { // the connection closed mid-message: let JAIN-SIP see what came
                    passUntil = end;
                    break;
                }
                return -1;
            }
        }
        int n = Math.min(length, passUntil - start);
        System.arraycopy(buffer, start, into, offset, n);
        start += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return passUntil - start;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Frames what is buffered after passUntil; true when something became passable or was dropped. */
    private boolean frame() {
        boolean progress = false;
        while (passUntil < end) {
            if (discard > 0) {
                int n = (int) Math.min(discard, end - passUntil);
                System.arraycopy(buffer, passUntil + n, buffer, passUntil, end - passUntil - n);
                end -= n;
                discard -= n;
                progress = true;
                continue;
            }
            if (passThrough > 0) {
                int n = (int) Math.min(passThrough, end - passUntil);
                passUntil += n;
                passThrough -= n;
                return true;
            }
            byte first = buffer[passUntil];
            if (first == '\r' || first == '\n') { // keep-alive CRLFs are JAIN-SIP's to answer
                passUntil++;
                progress = true;
                continue;
            }
            int headEnd = indexOf(buffer, passUntil, end, HEADER_END);
            if (headEnd < 0) {
                if (end - passUntil > MAX_HEAD) {
                    passUntil = end; // not a head this framing knows: let it through
                    return true;
                }
                return progress;
            }
            int bodyStart = headEnd + HEADER_END.length;
            int length = contentLength(passUntil, headEnd);
            if (length < 0) {
                passUntil = end; // no readable Content-Length: JAIN-SIP answers it
                return true;
            }
            long messageLength = bodyStart + (long) length - passUntil;
            if (maxMessageBytes > 0 && length > maxMessageBytes) { // JAIN-SIP's own test of a body
                shrinkOversized(headEnd, bodyStart, length);
                return true;
            }
            if (passUntil + messageLength > end) { // not all here yet
                if (messageLength > MAX_HELD) {
                    passThrough = passUntil + messageLength - end; // too large to hold: never an answer of ours
                    passUntil = end;
                    return true;
                }
                return progress;
            }
            int messageEnd = bodyStart + length;
            int branch = answeredBranch(passUntil, headEnd);
            if (branch >= 0) {
                recordDelay(branch, headEnd);
                // drop it: move what follows down over it
                System.arraycopy(buffer, messageEnd, buffer, passUntil, end - messageEnd);
                end -= messageEnd - passUntil;
            } else {
                passUntil = messageEnd;
            }
            progress = true;
        }
        return progress;
    }

    /**
     * Puts the head of the oversized request at passUntil in place of the whole, with no body and
     * the marker, passable; drops a response; the body is thrown away as it comes.
     */
    private void shrinkOversized(int headEnd, int bodyStart, int length) {
        byte[] head = startsWith(buffer, passUntil, RESPONSE) ? new byte[0] : headWithoutBody(passUntil, headEnd, length);
        int bodyHere = (int) Math.min(length, end - bodyStart);
        discard = length - bodyHere;
        int rest = end - (bodyStart + bodyHere);
        byte[] replaced = new byte[Math.max(buffer.length, passUntil + head.length + rest)];
        System.arraycopy(buffer, 0, replaced, 0, passUntil);
        System.arraycopy(head, 0, replaced, passUntil, head.length);
        System.arraycopy(buffer, bodyStart + bodyHere, replaced, passUntil + head.length, rest);
        buffer = replaced;
        passUntil += head.length;
        end = passUntil + rest;
    }

    /** The head in [from, headEnd) without its Content-Length, with {@code Content-Length: 0} and the marker. */
    private byte[] headWithoutBody(int from, int headEnd, int bodyLength) {
        StringBuilder head = new StringBuilder();
        for (String line : new String(buffer, from, headEnd - from, StandardCharsets.ISO_8859_1).split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")
                    && !name.equalsIgnoreCase(OversizedRequests.MARKER)) {
                head.append(line).append("\r\n");
            }
        }
        head.append(OversizedRequests.marker(bodyLength)).append("\r\nContent-Length: 0\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where the branch of a 2xx answer to a pushed INFO continues after our prefix; -1 for any other message. */
    private int answeredBranch(int from, int headEnd) {
        if (!startsWith(buffer, from, SUCCESS)) {
            return -1;
        }
        int branch = indexOf(buffer, from, headEnd, BRANCH);
        return branch < 0 ? -1 : branch + BRANCH.length;
    }

    /** The branch's rest is {@code random.cseq.stamp}; a client that wrote something else is not counted. */
    private void recordDelay(int at, int headEnd) {
        if (lateAnswers == null) {
            return;
        }
        int end = at;
        while (end < headEnd && isBranchCharacter(buffer[end])) {
            end++;
        }
        int secondDot = -1;
        for (int i = at, dots = 0; i < end && secondDot < 0; i++) {
            if (buffer[i] == '.' && ++dots == 2) {
                secondDot = i;
            }
        }
        int digits = end - secondDot - 1;
        if (secondDot < 0 || digits < 1 || digits > 16) {
            return;
        }
        long stamp = 0;
        for (int i = secondDot + 1; i < end; i++) {
            int digit = Character.digit(buffer[i], 16);
            if (digit < 0) {
                return;
            }
            stamp = stamp << 4 | digit;
        }
        long now = System.nanoTime();
        long late = PushedInfoAnswers.nanosSince(stamp, now);
        if (late >= 0) {
            lateAnswers.record(late, now);
        }
    }

    /** A character of a Via branch's value (RFC 3261's token): it ends at ';', ',', a space or the line's end. */
    private static boolean isBranchCharacter(byte b) {
        return b > ' ' && b != ';' && b != ',' && b < 127;
    }

    /**
     * The Content-Length of the head in [from, headEnd), 0 when it has none, -1 when unreadable.
     * Read off the bytes where they lie: every answer passes here, and a String per header line
     * was a good part of what a delivery left for the collector.
     */
    private int contentLength(int from, int headEnd) {
        int line = from;
        while (line < headEnd) {
            int next = indexOf(buffer, line, headEnd, HEADER_END, 2);
            int lineEnd = next < 0 ? headEnd : next;
            int colon = line;
            while (colon < lineEnd && buffer[colon] != ':') {
                colon++;
            }
            if (colon < lineEnd && isContentLengthName(line, colon)) {
                return decimal(colon + 1, lineEnd);
            }
            line = lineEnd + 2;
        }
        return 0;
    }

    /** [from, to) without the blanks around it is Content-Length or its compact form l, in any case. */
    private boolean isContentLengthName(int from, int to) {
        int first = firstNonBlank(from, to);
        int end = endOfNonBlank(first, to);
        if (end - first == 1) {
            return lowerCase(buffer[first]) == 'l';
        }
        if (end - first != CONTENT_LENGTH.length) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            if (lowerCase(buffer[first + i]) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }

    /** The number in [from, to), blanks around it allowed, or -1 when it is none (or more than an int holds). */
    private int decimal(int from, int to) {
        int first = firstNonBlank(from, to);
        int end = endOfNonBlank(first, to);
        if (first < end && buffer[first] == '+') {
            first++;
        }
        if (first == end) {
            return -1;
        }
        long value = 0;
        for (int i = first; i < end; i++) {
            byte digit = buffer[i];
            if (digit < '0' || digit > '9') {
                return -1;
            }
            value = value * 10 + (digit - '0');
            if (value > Integer.MAX_VALUE) {
                return -1;
            }
        }
        return (int) value;
    }

    /** Where [from, to) stops being blank, as {@link String#trim()} reads it from the left. */
    private int firstNonBlank(int from, int to) {
        while (from < to && isBlank(buffer[from])) {
            from++;
        }
        return from;
    }

    /** Where [from, to) ends once its trailing blanks are cut. */
    private int endOfNonBlank(int from, int to) {
        while (to > from && isBlank(buffer[to - 1])) {
            to--;
        }
        return to;
    }

    /** As {@link String#trim()} has it: a control character or a space. */
    private static boolean isBlank(byte b) {
        return b >= 0 && b <= ' ';
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    /** Reads more from the connection; false at its end. */
    private boolean fill() throws IOException {
        makeRoom();
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            return false;
        }
        end += n;
        return true;
    }

    /** Room after {@code end} for at least one more byte; what the reader took is dropped first. */
    private void makeRoom() {
        if (start > 0) { // what the reader took is gone: keep the rest at the front
            System.arraycopy(buffer, start, buffer, 0, end - start);
            passUntil -= start;
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }

    /**
     * Fed by a selector: appends what {@code connection} (non-blocking) has now, without waiting.
     *
     * @return the bytes read, 0 when it had none, -1 at its end
     */
    int readFrom(ReadableByteChannel connection) throws IOException {
        makeRoom();
        int n = connection.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Fed by a selector: frames what has arrived; how many bytes may go to the parser now. */
    int passable() {
        frame();
        return passUntil - start;
    }

    /** Fed by a selector: copies up to {@code length} bytes that may pass into {@code into}; 0 when none may yet. */
    int take(byte[] into, int offset, int length) {
        int n = Math.min(length, passable());
        System.arraycopy(buffer, start, into, offset, n);
        start += n;
        return n;
    }

    /** Fed by a selector: the connection ended; what is left mid-message passes as it is, for JAIN-SIP to judge. */
    void ended() {
        frame();
        passUntil = end;
        passThrough = 0;
        discard = 0;
    }

    private static boolean startsWith(byte[] data, int from, byte[] prefix) {
        if (from + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        return indexOf(data, from, to, pattern, pattern.length);
    }

    /** Where the first {@code length} bytes of {@code pattern} start in [from, to), or -1. */
    private static int indexOf(byte[] data, int from, int to, byte[] pattern, int length) {
        outer:
        for (int i = from; i <= to - length; i++) {
            for (int j = 0; j < length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
