package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PushedInfoAnswerFilterTest {

    private static final String OURS = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch="
            + PushedInfoAnswers.BRANCH_PREFIX + "a1.7\r\nCSeq: 7 INFO\r\nContent-Length: 0\r\n\r\n";
    private static final String OURS_REFUSED = OURS.replace("200 OK", "481 Call Does Not Exist");
    private static final String OTHER_ANSWER = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-other\r\n"
            + "CSeq: 2 INFO\r\nContent-Length: 0\r\n\r\n";
    private static final String POST = "INFO sip:channel@d SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bKc1\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 21\r\n\r\n<xccos>hello</xccos>\n";

    @Test
    void takesOutOnlyTheSuccessAnswersToPushedInfos() throws IOException {
        String arriving = OURS + POST + OURS + "\r\n\r\n" + OTHER_ANSWER + OURS_REFUSED + OURS;

        assertEquals(POST + "\r\n\r\n" + OTHER_ANSWER + OURS_REFUSED, throughFilter(arriving, 1 << 16));
    }

    @Test
    void framesMessagesWhateverHowTheyArriveInPieces() throws IOException {
        String arriving = OURS + POST + OURS + OURS + POST;

        for (int piece : new int[] {1, 2, 7, 50}) {
            assertEquals(POST + POST, throughFilter(arriving, piece), "in pieces of " + piece);
        }
    }

    @Test
    void readsContentLengthInAnyOfItsSpellings() throws IOException {
        for (String spelling : new String[] {"Content-Length: ", "content-length:", "CONTENT-LENGTH:\t", "l: ", " L :  "}) {
            String answer = OURS.replace("Content-Length: 0", spelling + "0 ");
            String post = POST.replace("Content-Length: 21", spelling + "21");

            assertEquals(post + post, throughFilter(answer + post + answer + post, 1 << 16), "as '" + spelling + "'");
        }
    }

    @Test
    void passesWhatItCannotFrame() throws IOException {
        String noLength = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=" + PushedInfoAnswers.BRANCH_PREFIX
                + "x\r\nContent-Length: many\r\n\r\n";

        assertEquals(noLength + POST, throughFilter(noLength + POST, 1 << 16));
        assertEquals("garbage without an end", throughFilter("garbage without an end", 5));
    }

    @Test
    void anOversizedRequestPassesAsItsHeadMarkedAndItsBodyIsThrownAway() throws IOException {
        String head = "MESSAGE sip:channel@d SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bKbig\r\n"
                + "Content-Type: text/plain\r\n";
        String oversized = head + "Content-Length: 10000\r\n\r\n" + "x".repeat(10_000);
        String passed = head + OversizedRequests.marker(10_000) + "\r\nContent-Length: 0\r\n\r\n";

        for (int piece : new int[] {1, 7, 1000, 1 << 16}) {
            assertEquals(POST + passed + POST, throughFilter(POST + oversized + OURS + POST, piece, 4096), "in pieces of " + piece);
        }
        assertEquals(oversized, throughFilter(oversized, 1 << 16, 0), "without a limit it passes whole");
        assertEquals(POST, throughFilter(oversized.replace(OversizedRequests.MARKER, "Subject").replace("Content-Length: 10000", "l: 10000")
                .replace("x".repeat(10_000), "y".repeat(10_000)).replace(head, "SIP/2.0 200 OK\r\nCSeq: 1 MESSAGE\r\n") + POST, 100, 4096),
                "an oversized response is thrown away whole");
    }

    @Test
    void aMarkerAClientWritesItselfIsNotTheServers() throws ParseException {
        SIPRequest forged = (SIPRequest) new StringMsgParser().parseSIPMessage((POST.replace("Content-Type",
                OversizedRequests.MARKER + ": 10000\r\nContent-Type")).getBytes(StandardCharsets.UTF_8), true, false, null);

        assertTrue(new OversizedRequests().processRequest(forged, null), "goes on as any other request");
    }

    @Test
    void anAnswerTellsHowLateItsClientIsFromTheStampItsBranchCarries() throws IOException {
        long written = System.nanoTime() - 250_000_000L;
        for (long limitMillis : new long[] {200, 2_000}) {
            // every answer ends a window: each reads what the answer before it recorded
            LateAnswers late = new LateAnswers(Duration.ZERO, Duration.ofMillis(limitMillis), written);
            String answer = OURS.replace("a1.7\r\n", "a1.7." + PushedInfoAnswers.stamp(written) + ";received=127.0.0.1\r\n");

            assertEquals(POST, throughFilter(answer + answer + POST, 5, 0, late));
            assertEquals(limitMillis < 250 ? 1.0 : 0.0, late.share(), "250 ms late against a limit of " + limitMillis + " ms");
        }
    }

    @Test
    void aStampNoInfoOfThisServerCanHaveCountsForNothing() throws IOException {
        long now = System.nanoTime();
        for (String branchEnd : new String[] {"a1.7", "a1.7." + PushedInfoAnswers.stamp(now + 10_000_000_000L),
                "a1.7." + PushedInfoAnswers.stamp(now - 120_000_000_000L), "a1.7.xyz", "a1.7.12.34", "a1.7.fffffffffffffffff", "a1.7."}) {
            LateAnswers late = new LateAnswers(Duration.ZERO, Duration.ZERO, now);
            String answer = OURS.replace("a1.7\r\n", branchEnd + "\r\n");

            assertEquals(POST, throughFilter(answer + answer + POST, 1 << 16, 0, late), "still taken out: " + branchEnd);
            assertEquals(0.0, late.share(), branchEnd);
        }
    }

    /** Feeds the text in pieces of at most {@code piece} bytes (as a socket might) and reads it all back. */
    private static String throughFilter(String arriving, int piece) throws IOException {
        return throughFilter(arriving, piece, 0);
    }

    private static String throughFilter(String arriving, int piece, int maxMessageBytes) throws IOException {
        return throughFilter(arriving, piece, maxMessageBytes, null);
    }

    /** Both ways of using the filter, a stream under it and fed by a selector, must pass the same. */
    private static String throughFilter(String arriving, int piece, int maxMessageBytes, LateAnswers lateAnswers) throws IOException {
        String read = readThroughFilter(arriving, piece, maxMessageBytes, lateAnswers);
        assertEquals(read, fedThroughFilter(arriving, piece, maxMessageBytes, lateAnswers), "fed by a selector as read");
        return read;
    }

    private static String fedThroughFilter(String arriving, int piece, int maxMessageBytes, LateAnswers lateAnswers) throws IOException {
        ReadableByteChannel pieces = Channels.newChannel(pieces(arriving.getBytes(StandardCharsets.UTF_8), piece));
        PushedInfoAnswerFilter fed = new PushedInfoAnswerFilter(null, maxMessageBytes, lateAnswers);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[3];
        while (true) {
            int n = fed.readFrom(pieces);
            if (n < 0) {
                fed.ended();
            }
            int taken;
            while ((taken = fed.take(chunk, 0, chunk.length)) > 0) {
                out.write(chunk, 0, taken);
            }
            if (n < 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private static String readThroughFilter(String arriving, int piece, int maxMessageBytes, LateAnswers lateAnswers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream filtered = new PushedInfoAnswerFilter(pieces(arriving.getBytes(StandardCharsets.UTF_8), piece), maxMessageBytes, lateAnswers)) {
            byte[] chunk = new byte[3];
            int n;
            while ((n = filtered.read(chunk, 0, chunk.length)) >= 0) {
                out.write(chunk, 0, n);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The bytes, at most {@code piece} of them a read, as a socket might give them. */
    private static InputStream pieces(byte[] bytes, int piece) {
        return new InputStream() {
            private int at;

            @Override
            public int read() {
                return at < bytes.length ? bytes[at++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (at == bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, piece), bytes.length - at);
                System.arraycopy(bytes, at, into, offset, n);
                at += n;
                return n;
            }
        };
    }
}
