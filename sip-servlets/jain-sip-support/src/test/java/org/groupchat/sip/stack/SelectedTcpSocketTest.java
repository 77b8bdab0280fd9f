package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real loopback connections through the selector, as JAIN-SIP's blocking channel uses them. */
@Timeout(30)
class SelectedTcpSocketTest {

    private static final String OURS = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch="
            + PushedInfoAnswers.BRANCH_PREFIX + "a1.7\r\nCSeq: 7 INFO\r\nContent-Length: 0\r\n\r\n";
    private static final String POST = "INFO sip:channel@d SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:40000;branch=z9hG4bKc1\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 21\r\n\r\n<xccos>hello</xccos>\n";

    private SelectingServerSocket listening;
    private Socket client;
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        listening = new SelectingServerSocket(0, 0, InetAddress.getLoopbackAddress(), null, () -> 0, () -> null);
        client = new Socket(InetAddress.getLoopbackAddress(), listening.getLocalPort());
        accepted = listening.accept();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        accepted.close();
        listening.close();
    }

    @Test
    void theReaderGetsWhatIsNotAnAnswerAndBothWaysWork() throws IOException {
        client.getOutputStream().write((OURS + POST + OURS + OURS + POST).getBytes(StandardCharsets.UTF_8));

        assertEquals(POST + POST, readExactly(accepted.getInputStream(), (POST + POST).length()));

        accepted.getOutputStream().write(POST.getBytes(StandardCharsets.UTF_8));
        assertEquals(POST, readExactly(client.getInputStream(), POST.length()));
        assertEquals(client.getLocalPort(), accepted.getPort());
    }

    @Test
    void theClientsEndIsTheReadersEnd() throws IOException {
        client.getOutputStream().write((POST + OURS).getBytes(StandardCharsets.UTF_8));
        client.close();

        InputStream in = accepted.getInputStream();
        assertEquals(POST, readExactly(in, POST.length()));
        assertEquals(-1, in.read(new byte[16], 0, 16));
    }

    @Test
    void closingTheSocketWakesItsReader() throws Exception {
        CompletableFuture<Exception> reading = CompletableFuture.supplyAsync(() -> {
            try {
                accepted.getInputStream().read(new byte[16], 0, 16);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(200);
        accepted.close();

        assertTrue(reading.get(5, TimeUnit.SECONDS) instanceof SocketException);
        assertTrue(accepted.isClosed());
    }

    @Test
    void theClientSeesTheServerCloseEvenWhenNothingElseHappens() throws IOException {
        client.setSoTimeout(5_000);

        accepted.close();

        assertEquals(-1, client.getInputStream().read());
    }

    @Test
    void aReadTimesOutAsASocketsWould() throws IOException {
        accepted.setSoTimeout(100);

        assertThrows(SocketTimeoutException.class, () -> accepted.getInputStream().read(new byte[16], 0, 16));
    }

    @Test
    void aClientWhoseRequestsAreNotTakenIsNoLongerReadAndItsWritesWait() throws Exception {
        byte[] post = POST.getBytes(StandardCharsets.UTF_8);
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> flooding = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(post);
                    written.addAndGet(post.length);
                }
            } catch (IOException closed) {
                // the test closes it
            }
        });
        long before;
        long after = written.get();
        do { // until the client's writes stall: the server stopped reading, the windows filled
            before = after;
            Thread.sleep(500);
            after = written.get();
        } while (after != before);

        assertTrue(after < 16L * 1024 * 1024, after + " bytes taken from a client nobody reads");
        byte[] chunk = new byte[4096];
        long read = 0;
        while (read < after / 2) { // the reader catches up: reading goes on
            read += accepted.getInputStream().read(chunk, 0, chunk.length);
        }
        Thread.sleep(500);
        assertTrue(written.get() > after, "the client writes again once the reader took what was waiting");
        client.close();
        flooding.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWriteToAClientThatDoesNotReadWaitsUntilTheSocketIsClosed() throws Exception {
        byte[] lots = new byte[1 << 20];
        CompletableFuture<Exception> writing = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; i < 256; i++) {
                    accepted.getOutputStream().write(lots);
                }
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        Thread.sleep(500);
        assertTrue(!writing.isDone(), "the write waits while the client's window is shut");

        accepted.close();

        assertTrue(writing.get(5, TimeUnit.SECONDS) instanceof IOException);
    }

    private static String readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        int at = 0;
        while (at < length) {
            int n = in.read(bytes, at, length - at);
            if (n < 0) {
                throw new IOException("ended after " + at + " bytes");
            }
            at += n;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
