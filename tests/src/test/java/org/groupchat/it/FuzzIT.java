package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed SIP and XCCOS, thousands of cases from a fixed seed ({@link MalformedSip},
 * {@link MalformedXccos}; {@code -Dit.fuzz.seed=N} tries others): each gets an answer that is not a
 * server error, or its connection closed, never a hang; and after each batch the server still
 * answers a lookup and the fuzzing participant's session still works.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final long SEED = Long.getLong("it.fuzz.seed", 4475);
    private static final int SIP_CASES = 2000;
    private static final int XCCOS_CASES = 1000;
    private static final int BATCH = 250;
    /** A loopback address of the fuzz test's own: its connections count against nobody else's share. */
    private static final String FROM = "127.0.0.41";
    private static final Pattern STATUS = Pattern.compile("(?m)^SIP/2\\.0 (\\d{3}) ");

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void malformedSipIsAnsweredOrItsConnectionClosedAndTheServerGoesOn() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int number = 0;
        for (String invalid : MalformedSip.rfc4475Kinds(FROM + ":5099")) {
            judge("RFC 4475 kind " + number++, invalid.getBytes(StandardCharsets.ISO_8859_1), outcomes, failures);
        }
        assertServerGoesOn(failures);
        MalformedSip generator = new MalformedSip(SEED);
        for (int i = 0; i < SIP_CASES; i++) {
            judge("generated SIP case " + i + " (seed " + SEED + ")", generator.next(FROM + ":5099"), outcomes, failures);
            if ((i + 1) % BATCH == 0) {
                assertServerGoesOn(failures);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " cases failed (outcomes " + outcomes + "):\n" + String.join("\n", failures));
        System.out.println("malformed SIP, " + (number + SIP_CASES) + " cases: " + outcomes);
    }

    @Test
    void malformedXccosIsRefusedAndTheSessionGoesOn() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("fuzz") + "\",\"privacy\":\"OPEN\",\"members\":[\"sip:fuzzer@"
                + Sipp.DOMAIN + "\"]}");
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        MalformedXccos generator = new MalformedXccos(SEED, room, Sipp.DOMAIN);
        try (RawParticipant fuzzer = RawParticipant.join("fuzzer", room)) {
            int number = 0;
            for (String body : generator.classics()) {
                judge(fuzzer, "classic XCCOS case " + number++, body, statuses, failures);
            }
            for (int i = 0; i < XCCOS_CASES; i++) {
                judge(fuzzer, "generated XCCOS case " + i + " (seed " + SEED + ")", generator.next(), statuses, failures);
                if ((i + 1) % BATCH == 0) {
                    assertEquals(200, fuzzer.infoAnswered("<cmd id=\"cmd:requri\" seqid=\"1\"><data/></cmd>", 10),
                            "the fuzzing participant's session after " + (i + 1) + " cases");
                    Sipp.run("lookup-requri", Sipp.Transport.TCP).assertPassed();
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " cases failed (answers " + statuses + "):\n" + String.join("\n", failures));
        System.out.println("malformed XCCOS, " + (generator.classics().length + XCCOS_CASES) + " cases: answers " + statuses);
    }

    /**
     * Sends one case on a connection of its own, then a well-formed OPTIONS (the probe), and reads
     * until the probe is answered or the server closes the connection. Where the case's framing
     * swallowed the probe (a Content-Length that promises more), the client ends its side after a
     * second and the server must then close. The outcome is the case's answer, "dropped" (only the
     * probe answered: a message without a Via the server can answer), or "closed".
     */
    private static void judge(String name, byte[] request, Map<String, Integer> outcomes, List<String> failures) throws IOException {
        String probeId = "probe-" + UUID.randomUUID();
        String answer;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(FROM, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", Sipp.sipPort()));
            socket.getOutputStream().write(request);
            socket.getOutputStream().write(probe(probeId, socket.getLocalPort()));
            socket.setSoTimeout(1000);
            StringBuilder read = new StringBuilder();
            boolean closed = readUntil(socket.getInputStream(), read, "Call-ID: " + probeId);
            if (!closed && !read.toString().contains("Call-ID: " + probeId)) {
                socket.shutdownOutput(); // the probe became part of the case: end it
                socket.setSoTimeout(10_000);
                readUntil(socket.getInputStream(), read, null);
            }
            answer = read.toString();
        } catch (SocketTimeoutException hung) {
            failures.add(name + ": the connection stayed open 10 s after the client's end\n" + printable(request));
            return;
        }
        String outcome = answer.contains("Call-ID: " + probeId) ? "dropped" : "closed";
        for (String message : answer.split("(?=SIP/2\\.0 \\d{3} )")) {
            Matcher status = STATUS.matcher(message);
            if (status.find() && !status.group(1).startsWith("1") && !message.contains("Call-ID: " + probeId)) {
                outcome = status.group(1);
                break;
            }
        }
        outcomes.merge(outcome, 1, Integer::sum);
        if (outcome.startsWith("5") && !outcome.equals("501") && !outcome.equals("513")) {
            failures.add(name + ": " + outcome + "\n" + printable(request));
        }
    }

    private static byte[] probe(String callId, int localPort) {
        return ("OPTIONS sip:ocschat@" + Sipp.DOMAIN + " SIP/2.0\r\nVia: SIP/2.0/TCP " + FROM + ":" + localPort + ";branch=z9hG4bK" + callId
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@" + Sipp.DOMAIN + ">;tag=p\r\nTo: <sip:ocschat@" + Sipp.DOMAIN + ">\r\nCall-ID: "
                + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void judge(RawParticipant fuzzer, String name, String body, Map<Integer, Integer> statuses, List<String> failures)
            throws InterruptedException {
        int status;
        try {
            status = fuzzer.bodyAnswered(body, 10);
        } catch (IOException | IllegalStateException noAnswer) {
            failures.add(name + ": " + noAnswer.getMessage() + "\n" + body.substring(0, Math.min(body.length(), 2000)));
            return;
        }
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 && status != 513) {
            failures.add(name + ": " + status + "\n" + body.substring(0, Math.min(body.length(), 2000)));
        }
    }

    private static void assertServerGoesOn(List<String> failures) throws Exception {
        Sipp.Run lookup = Sipp.run("lookup-requri", Sipp.Transport.TCP);
        if (lookup.exitCode() != 0) {
            failures.add("the lookup failed after a batch:\n" + lookup.log());
        }
    }

    /**
     * Reads into {@code read} until it holds {@code enough} (null: never enough) or the server
     * closes; true when it closed. A second without a byte throws SocketTimeoutException unless
     * {@code enough} is given, in which case it returns false.
     */
    private static boolean readUntil(InputStream in, StringBuilder read, String enough) throws IOException {
        byte[] chunk = new byte[4096];
        try {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                read.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                if (enough != null && read.indexOf(enough) >= 0) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException quiet) {
            if (enough == null) {
                throw quiet;
            }
            return false;
        } catch (IOException reset) {
            return true; // closed with a reset
        }
    }

    private static String printable(byte[] request) {
        String text = new String(request, 0, Math.min(request.length, 2000), StandardCharsets.ISO_8859_1);
        return text.replace("\r", "\\r").replace("\n", "\\n\n").replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\xff]", "?");
    }
}
