package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that writes requests in a loop, faster than the server parses them: before the limit on
 * unread input, one such connection filled the server's 1 GB heap in seconds (a pidgin-sipe client
 * did it to the suite's server). Now the connection is closed with a log line, the heap holds
 * little more than the limit, and the server goes on answering others.
 */
@ExtendWith(ArquillianExtension.class)
class FloodIT {

    /** Far more than the limit (32 MB); before it, this much sent in a loop left the heap full. */
    private static final long FLOOD_BYTES = 600L * 1024 * 1024;

    @Deployment(name = "groupchat", order = 1, testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Deployment(name = "heap-fixture", order = 2, testable = false)
    static WebArchive heapFixture() {
        return ShrinkWrap.create(WebArchive.class, "heap-fixture.war").addClass(HeapFixtureServlet.class);
    }

    @Test
    void aTcpClientThatSendsFasterThanTheServerParsesIsPutOut() throws Exception {
        floodIsPutOut(new Socket(InetAddress.getLoopbackAddress(), Sipp.sipPort()), "TCP");
    }

    @Test
    void aTlsClientThatSendsFasterThanTheServerParsesIsPutOut() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AcceptingTrustManager()}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", SipTlsIT.TLS_PORT);
        socket.startHandshake();
        floodIsPutOut(socket, "TLS");
    }

    private void floodIsPutOut(Socket socket, String transport) throws Exception {
        ServerLog.Mark logBefore = ServerLog.end();
        long heapBefore = heap("POST");
        AtomicLong answers = new AtomicLong();
        long sent = 0;
        try (socket) {
            Thread reader = drain(socket.getInputStream(), answers);
            byte[] burst = options(transport, socket.getLocalPort()).repeat(64).getBytes(StandardCharsets.US_ASCII);
            OutputStream out = socket.getOutputStream();
            try {
                while (sent < FLOOD_BYTES) {
                    out.write(burst);
                    sent += burst.length;
                }
            } catch (IOException closedByTheServer) {
                // what the test waits for
            }
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        long heapPeak = heap("GET");
        System.out.printf("FloodIT over %s: %d MB sent, %d answers, old generation %d MB before, peak %d MB during%n",
                transport, sent >> 20, answers.get(), heapBefore >> 20, heapPeak >> 20);
        assertTrue(sent < FLOOD_BYTES, "the server took " + (sent >> 20) + " MB of requests over one " + transport
                + " connection without closing it");
        assertTrue(heapPeak - heapBefore < 200L * 1024 * 1024, "the heap grew by " + ((heapPeak - heapBefore) >> 20)
                + " MB while one client flooded it");
        String log = ServerLog.since(logBefore);
        assertContains(log, "over " + transport + " sends faster than the server parses");

        try (RawSip next = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
            String answer = next.request("OPTIONS", "sip:ocschat@" + Sipp.DOMAIN, "sip:alice@" + Sipp.DOMAIN, "sip:ocschat@" + Sipp.DOMAIN);
            assertTrue(answer.startsWith("SIP/2.0 200 "), answer);
        }
    }

    /** Reads (and counts the answers on) the flooding connection until the server closes it. */
    private static Thread drain(InputStream in, AtomicLong answers) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    for (int i = 0; i + 7 < n; i++) {
                        if (buffer[i] == 'S' && buffer[i + 1] == 'I' && buffer[i + 2] == 'P' && buffer[i + 7] == ' ' && buffer[i + 3] == '/') {
                            answers.incrementAndGet();
                        }
                    }
                }
            } catch (IOException closed) {
                // the server closed the connection
            }
        }, "flood-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static String options(String transport, int localPort) {
        return "OPTIONS sip:ocschat@" + Sipp.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK-flood\r\n"
                + "From: <sip:mallory@" + Sipp.DOMAIN + ">;tag=flood\r\n"
                + "To: <sip:ocschat@" + Sipp.DOMAIN + ">\r\n"
                + "Call-ID: flood-" + transport + "-" + localPort + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The old generation's use after a collection (POST, which also restarts the peak) or its peak since (GET). */
    private static long heap(String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/heap-fixture/heap"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return Long.parseLong(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
