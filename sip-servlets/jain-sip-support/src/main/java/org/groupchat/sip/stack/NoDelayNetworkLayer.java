package org.groupchat.sip.stack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN-SIP's sockets with Nagle's algorithm off, and the answers to pushed INFOs (and the bodies of
 * oversized requests) taken out of what clients send over TCP and TLS before the stack parses it
 * ({@link PushedInfoAnswerFilter}). The stack
 * writes each SIP message on its own; with Nagle on, a message that follows another within a round
 * trip waits for the peer's delayed ACK (40 ms on Linux), and chat pushes come in bursts. TLS sockets come from the key material
 * {@link ClientAwareSipStack#useTls} was given. Everything else is JAIN-SIP's default.
 * Named by the stack property {@code gov.nist.javax.sip.NETWORK_LAYER}.
 * <p>
 * The TCP connections clients open are read by one selector per listening point
 * ({@link SelectingServerSocket}): an answer to a pushed INFO then wakes no thread. The system
 * property {@value #TCP_READS}{@code =threads} goes back to a blocking read per connection, to
 * compare the two.
 */
public class NoDelayNetworkLayer implements NetworkLayer {

    /** {@code selector} (the default) or {@code threads}: how accepted TCP connections are read. */
    public static final String TCP_READS = "org.groupchat.sip.tcpReads";

    private final NetworkLayer sockets = DefaultNetworkLayer.SINGLETON;
    private SipStackImpl stack;

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        ConnectionsPerAddress admission = admission();
        if (!"threads".equals(System.getProperty(TCP_READS, "selector"))) {
            return new SelectingServerSocket(port, backlog, bindAddress, admission, this::maxMessageBytes, this::lateAnswers);
        }
        return new ServerSocket(port, backlog, bindAddress) {
            @Override
            public Socket accept() throws IOException {
                while (true) {
                    Socket accepted = new AnswerFilteringSocket(maxMessageBytes(), lateAnswers());
                    implAccept(accepted);
                    if (admission == null || admission.admit(accepted)) {
                        return noDelay(accepted);
                    }
                }
            }
        };
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        SSLServerSocket tls = (SSLServerSocket) tls().getServerSocketFactory().createServerSocket(port, backlog, bindAddress);
        return new ClientTlsServerSocket(tls, admission(), maxMessageBytes(), lateAnswers());
    }

    /** The stack's limit on a message body (0: none), asked when a connection is accepted. */
    private int maxMessageBytes() {
        return stack == null ? 0 : stack.getMaxMessageSize();
    }

    /** The limit on connections from one address, shared by TCP and TLS (none on a plain JAIN-SIP stack). */
    private ConnectionsPerAddress admission() {
        return stack instanceof ClientAwareSipStack clientAware ? clientAware.connectionsPerAddress() : null;
    }

    /** Where answers to pushed INFOs record how late they came (nowhere on a plain JAIN-SIP stack). */
    private LateAnswers lateAnswers() {
        return stack instanceof ClientAwareSipStack clientAware ? clientAware.lateAnswers() : null;
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
        return noDelay((SSLSocket) tls().getSocketFactory().createSocket(address, port));
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return noDelay((SSLSocket) tls().getSocketFactory().createSocket(address, port, localAddress, 0));
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
        this.stack = stack;
        sockets.setSipStack(stack);
    }

    /** The server's TLS context, from the stack (asked late: the stack is still being built when it hands itself over). */
    private SSLContext tls() throws IOException {
        if (stack instanceof ClientAwareSipStack clientAware && clientAware.tlsContext() != null) {
            return clientAware.tlsContext();
        }
        throw new IOException("SIP over TLS has no key material");
    }

    /** A client's TCP connection whose answers to pushed INFOs end before the stack parses them. */
    private static final class AnswerFilteringSocket extends Socket {
        private final int maxMessageBytes;
        private final LateAnswers lateAnswers;
        private InputStream filtered;

        AnswerFilteringSocket(int maxMessageBytes, LateAnswers lateAnswers) {
            this.maxMessageBytes = maxMessageBytes;
            this.lateAnswers = lateAnswers;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (filtered == null) {
                filtered = new PushedInfoAnswerFilter(super.getInputStream(), maxMessageBytes, lateAnswers);
            }
            return filtered;
        }
    }

    static <S extends Socket> S noDelay(S socket) throws SocketException {
        if (socket != null) {
            socket.setTcpNoDelay(true);
        }
        return socket;
    }
}
