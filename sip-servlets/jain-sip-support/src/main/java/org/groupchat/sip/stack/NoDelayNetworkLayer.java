package org.groupchat.sip.stack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets with Nagle's algorithm off. The stack writes each SIP message on its own;
 * with Nagle on, a message that follows another within a round trip waits for the peer's delayed
 * ACK (40 ms on Linux), and chat pushes come in bursts. Everything else is JAIN-SIP's default.
 * Named by the stack property {@code gov.nist.javax.sip.NETWORK_LAYER}.
 */
public class NoDelayNetworkLayer implements NetworkLayer {

    private final NetworkLayer sockets = DefaultNetworkLayer.SINGLETON;

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        ServerSocket server = new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                return noDelay(super.accept());
            }
        };
        return server;
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return sockets.createSSLServerSocket(port, backlog, bindAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return noDelay(sockets.createSocket(address, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return noDelay(sockets.createSocket(address, port, localAddress));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return noDelay(sockets.createSocket(address, port, myAddress, myPort));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return sockets.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return sockets.createSSLSocket(address, port, localAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return sockets.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress localAddress) throws SocketException {
        return sockets.createDatagramSocket(port, localAddress);
    }

    @Override
    public void setSipStack(SipStackImpl stack) {
        sockets.setSipStack(stack);
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        if (socket != null) {
            socket.setTcpNoDelay(true);
        }
        return socket;
    }
}
