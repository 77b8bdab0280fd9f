package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIP at the byte level, where sipp cannot go: malformed messages, oversized ones, and the bare
 * CRLF keep-alives that clients send on TCP between requests.
 */
@ExtendWith(ArquillianExtension.class)
class SipTransportIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** groupchat.sip.max-connections-per-address of the suite's servers (arquillian.xml). */
    private static final int CONNECTIONS_PER_ADDRESS = 150;

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void malformedRequestOverUdpIsAnswered400() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
            socket.setSoTimeout(5000);
            byte[] request = options("UDP", socket.getLocalPort(), "CSeq: not-a-number OPTIONS").getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(request, request.length, LOOPBACK, Sipp.sipPort()));

            byte[] buffer = new byte[8192];
            DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
            socket.receive(answer);
            String response = new String(buffer, 0, answer.getLength(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("SIP/2.0 400 "), response);
        }
    }

    @Test
    void malformedRequestOverTcpClosesThatConnectionOnlyAndIsLogged() throws Exception {
        try (Socket broken = connect()) {
            send(broken, options("TCP", broken.getLocalPort(), "CSeq: not-a-number OPTIONS"));
            // The stream's framing can no longer be trusted: the server drops this connection.
            assertEquals(-1, broken.getInputStream().read());
        }
        try (Socket next = connect()) {
            send(next, options("TCP", next.getLocalPort(), "CSeq: 1 OPTIONS"));
            assertTrue(readResponse(next).startsWith("SIP/2.0 200 "));
        }
        assertContains(ServerLog.text(), "Malformed mandatory headers: closing socket");
    }

    @Test
    void crlfKeepAlivesBetweenRequestsOnTcpAreTolerated() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "\r\n\r\n");
            send(socket, options("TCP", socket.getLocalPort(), "CSeq: 1 OPTIONS"));
            String first = readResponse(socket);
            send(socket, "\r\n\r\n\r\n\r\n");
            send(socket, options("TCP", socket.getLocalPort(), "CSeq: 2 OPTIONS"));
            String second = readResponse(socket);

            assertTrue(first.startsWith("SIP/2.0 200 "), first);
            assertContains(first, "Allow: INVITE");
            assertTrue(second.startsWith("SIP/2.0 200 "), second);
            assertContains(second, "CSeq: 2 OPTIONS");
        }
    }

    /**
     * One address cannot hold every thread of the stack (one per connection): past its share a
     * connection is closed as it is accepted, while other addresses are served as before.
     */
    @Test
    void anAddressHoldsNoMoreConnectionsThanItsShare() throws Exception {
        List<RawSip> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS_PER_ADDRESS; i++) {
                held.add(RawSip.tcp("127.0.0.21", Sipp.sipPort()));
            }
            assertTrue(optionsOver(held.get(CONNECTIONS_PER_ADDRESS - 1)).startsWith("SIP/2.0 200"), "the last one within the share");
            try (RawSip oneTooMany = RawSip.tcp("127.0.0.21", Sipp.sipPort())) {
                assertThrows(IOException.class, () -> optionsOver(oneTooMany), "one past the share is closed at once");
            }
            try (RawSip elsewhere = RawSip.tcp("127.0.0.22", Sipp.sipPort())) {
                assertTrue(optionsOver(elsewhere).startsWith("SIP/2.0 200"), "another address is served");
            }
            held.remove(0).close();
            String again = null;
            for (int attempt = 0; attempt < 50 && again == null; attempt++) { // until the server has seen the close
                try (RawSip next = RawSip.tcp("127.0.0.21", Sipp.sipPort())) {
                    again = optionsOver(next);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            assertTrue(again != null && again.startsWith("SIP/2.0 200"), "a place freed is taken again: " + again);
        } finally {
            for (RawSip connection : held) {
                connection.close();
            }
        }
        assertContains(ServerLog.text(), "SIP connection from 127.0.0.21 refused: " + CONNECTIONS_PER_ADDRESS
                + " are open from there, the limit (groupchat.sip.max-connections-per-address) is " + CONNECTIONS_PER_ADDRESS);
    }

    private static String optionsOver(RawSip connection) throws IOException {
        return connection.request("OPTIONS", "sip:ocschat@" + Sipp.DOMAIN, "sip:connections@" + Sipp.DOMAIN, "sip:ocschat@" + Sipp.DOMAIN);
    }

    /** Before, the server closed the connection without a word, and the client lost its session. */
    @Test
    void anOversizedRequestOverTcpIsAnswered513AndTheConnectionGoesOn() throws Exception {
        String body = "x".repeat(100_000);
        try (Socket socket = connect()) {
            send(socket, options("TCP", socket.getLocalPort(), "CSeq: 1 OPTIONS")
                    .replace("Content-Length: 0\r\n\r\n", "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body));
            String answer = readResponse(socket);
            assertTrue(answer.startsWith("SIP/2.0 513 Message Too Large: a body of 100000 bytes, the limit is 65536\r\n"), answer);
            assertContains(answer, "CSeq: 1 OPTIONS");

            send(socket, options("TCP", socket.getLocalPort(), "CSeq: 2 OPTIONS"));
            String next = readResponse(socket);
            assertTrue(next.startsWith("SIP/2.0 200 "), "the same connection after the 513: " + next);
            assertContains(next, "CSeq: 2 OPTIONS");
        }
        assertContains(ServerLog.text(), "refused (513): a body of 100000 bytes, more than the limit of 65536");
    }

    @Test
    void anInviteWhoseFromNamesNoUserIsAnswered400() throws Exception {
        try (RawSip client = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
            String answer = client.request("INVITE", "sip:channel-it-node@" + Sipp.DOMAIN, "sip:" + Sipp.DOMAIN,
                    "sip:channel-it-node@" + Sipp.DOMAIN);
            assertTrue(answer.startsWith("SIP/2.0 400 From and To must name a user"), answer);
        }
    }

    /** A proxy's keep-alive OPTIONS to the server itself names no user (Kamailio's dispatcher probes): it gets 200, or the proxy takes the node for dead. */
    @Test
    void aProxysOptionsPingFromNoUserIsAnswered200() throws Exception {
        try (RawSip proxy = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
            String answer = proxy.request("OPTIONS", "sip:127.0.0.1:" + Sipp.sipPort(), "sip:proxy.test", "sip:127.0.0.1:" + Sipp.sipPort());
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
        }
    }

    private static String options(String transport, int localPort, String cseq) {
        return "OPTIONS sip:ocschat@" + Sipp.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "From: <sip:mallory@" + Sipp.DOMAIN + ">;tag=" + UUID.randomUUID() + "\r\n"
                + "To: <sip:ocschat@" + Sipp.DOMAIN + ">\r\n"
                + "Call-ID: " + UUID.randomUUID() + "\r\n"
                + cseq + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(LOOPBACK, Sipp.sipPort());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** One response's header block, skipping keep-alive CRLFs the server may send back; empty if the server closed. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try {
            int c;
            while ((c = in.read()) != -1) {
                if (header.size() == 0 && (c == '\r' || c == '\n')) {
                    continue;
                }
                header.write(c);
                if (header.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // whatever arrived is the answer
        }
        return header.toString(StandardCharsets.UTF_8);
    }
}
