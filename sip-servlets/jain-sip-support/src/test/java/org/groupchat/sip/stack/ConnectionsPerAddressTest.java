package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    @Test
    void anAddressGetsItsShareAndAPlaceFreedIsTakenAgain() throws IOException {
        ConnectionsPerAddress admission = new ConnectionsPerAddress(2);
        List<Socket> sockets = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Socket first = accepted(server, "127.0.0.31", sockets);
            Socket second = accepted(server, "127.0.0.31", sockets);
            Socket third = accepted(server, "127.0.0.31", sockets);
            Socket elsewhere = accepted(server, "127.0.0.32", sockets);

            assertTrue(admission.admit(first));
            assertTrue(admission.admit(second));
            assertFalse(admission.admit(third), "past the share");
            assertTrue(third.isClosed(), "refused connections are closed");
            assertTrue(admission.admit(elsewhere), "another address has a share of its own");

            first.close();
            assertTrue(admission.admit(accepted(server, "127.0.0.31", sockets)), "the place the first one left");
            assertFalse(admission.admit(accepted(server, "127.0.0.31", sockets)));
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The server's end of a new connection from {@code from}. */
    private static Socket accepted(ServerSocket server, String from, List<Socket> sockets) throws IOException {
        Socket client = new Socket();
        client.bind(new InetSocketAddress(from, 0));
        client.connect(server.getLocalSocketAddress());
        sockets.add(client);
        Socket serverEnd = server.accept();
        sockets.add(serverEnd);
        return serverEnd;
    }
}
