package org.groupchat.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A TCP listening point whose connections are read by one {@link TcpReadSelector}
 * ({@link SelectedTcpSocket}), as JAIN-SIP's blocking TCP processor expects a server socket.
 */
final class SelectingServerSocket extends ServerSocket {

    private final ServerSocketChannel listening;
    private final TcpReadSelector reads;
    private final ConnectionsPerAddress admission;
    private final IntSupplier maxMessageBytes;
    private final Supplier<LateAnswers> lateAnswers;

    SelectingServerSocket(int port, int backlog, InetAddress bindAddress, ConnectionsPerAddress admission,
            IntSupplier maxMessageBytes, Supplier<LateAnswers> lateAnswers) throws IOException {
        this.listening = ServerSocketChannel.open();
        this.admission = admission;
        this.maxMessageBytes = maxMessageBytes;
        this.lateAnswers = lateAnswers;
        try {
            listening.bind(new InetSocketAddress(bindAddress, port), backlog);
            reads = new TcpReadSelector("sip-tcp-reads-" + listening.socket().getLocalPort());
        } catch (IOException | RuntimeException e) {
            listening.close();
            throw e;
        }
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            SocketChannel channel;
            try {
                channel = listening.accept();
            } catch (ClosedChannelException e) {
                throw new SocketException("Socket is closed"); // what JAIN-SIP's processor takes for its end
            }
            SelectedTcpSocket accepted;
            try {
                accepted = NoDelayNetworkLayer.noDelay(new SelectedTcpSocket(channel, reads, maxMessageBytes.getAsInt(), lateAnswers.get()));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (admission == null || admission.admit(accepted)) {
                return accepted.reading();
            }
        }
    }

    @Override
    public void close() throws IOException {
        reads.close();
        listening.close();
    }

    @Override
    public boolean isClosed() {
        return !listening.isOpen();
    }

    @Override
    public boolean isBound() {
        return listening.socket().isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return listening.socket().getInetAddress();
    }

    @Override
    public int getLocalPort() {
        return listening.socket().getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return listening.socket().getLocalSocketAddress();
    }

    @Override
    public ServerSocketChannel getChannel() {
        return listening;
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) throws IOException {
        throw new SocketException("bound already");
    }

    @Override
    public String toString() {
        return "SelectingServerSocket" + listening.socket();
    }
}
