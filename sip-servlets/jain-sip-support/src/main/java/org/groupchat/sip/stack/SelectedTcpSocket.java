package org.groupchat.sip.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A client's TCP connection as JAIN-SIP's blocking channel expects a socket, read by a
 * {@link TcpReadSelector}: the selector's thread reads what arrives and frames it
 * ({@link PushedInfoAnswerFilter}), and only what is not an answer to a pushed INFO wakes the
 * thread JAIN-SIP reads the connection with. Writes stay blocking for whoever writes: a write the
 * connection cannot take now waits until it can (or the connection is closed: that is how the
 * adapter puts out a client that stopped reading).
 */
final class SelectedTcpSocket extends Socket {

    /** Past this many bytes for the parser not yet taken, the selector stops reading the connection. */
    static final int PAUSE_AT = 64 * 1024;
    /** How long a blocked write waits for the connection before it looks again whether it was closed. */
    private static final long WRITE_WAIT_MILLIS = 100;
    /** Each writing thread's own selector, to wait on a full connection without spinning. */
    private static final ThreadLocal<Selector> WRITE_WAITS = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("no selector to wait for a TCP write with", e);
        }
    });

    private final SocketChannel channel;
    private final Socket adaptor;
    private final TcpReadSelector selector;
    /** Guarded by itself: what has arrived, framed; where the reader thread waits. */
    private final PushedInfoAnswerFilter arrived;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();
    private final Object writing = new Object();
    private SelectionKey key;
    /** The following are guarded by {@link #arrived}. */
    private boolean ended;
    private boolean paused;
    private IOException failure;
    private volatile int readTimeoutMillis;

    SelectedTcpSocket(SocketChannel channel, TcpReadSelector selector, int maxMessageBytes, LateAnswers lateAnswers) throws IOException {
        this.channel = channel;
        this.adaptor = channel.socket();
        this.selector = selector;
        this.arrived = new PushedInfoAnswerFilter(null, maxMessageBytes, lateAnswers);
        channel.configureBlocking(false);
    }

    /** Starts reading (once JAIN-SIP may take what arrives: at once, it buffers here until then). */
    SelectedTcpSocket reading() throws IOException {
        key = selector.register(channel, this);
        return this;
    }

    /** On the selector's thread: the connection has something to read. */
    void readable(SelectionKey readyKey) {
        synchronized (arrived) {
            int n;
            try {
                n = arrived.readFrom(channel);
            } catch (IOException e) {
                failure = e;
                readyKey.cancel();
                arrived.notifyAll();
                return;
            }
            if (n < 0) {
                ended = true;
                arrived.ended();
                readyKey.cancel();
                arrived.notifyAll();
                return;
            }
            int passable = arrived.passable();
            if (passable > 0) {
                arrived.notifyAll(); // something for the parser; answers alone wake nobody
            }
            if (passable >= PAUSE_AT) {
                paused = true;
                readyKey.interestOps(0);
            }
        }
    }

    /** The selector stopped (the listening point closed): the reader learns it as a failed read. */
    void selectorClosed() {
        synchronized (arrived) {
            if (failure == null) {
                failure = new SocketException("the SIP listening point was closed");
            }
            arrived.notifyAll();
        }
    }

    /** JAIN-SIP's reader thread: blocks until something for the parser has arrived, or the end. */
    private int read(byte[] into, int offset, int length) throws IOException {
        long timeout = readTimeoutMillis;
        long deadline = timeout > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout) : 0;
        synchronized (arrived) {
            while (true) {
                if (!channel.isOpen()) {
                    throw new SocketException("Socket closed");
                }
                int n = arrived.take(into, offset, length);
                if (n > 0) {
                    if (paused && arrived.passable() < PAUSE_AT / 2) {
                        paused = false;
                        selector.resume(key);
                    }
                    return n;
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return -1;
                }
                waitForArrival(deadline);
            }
        }
    }

    private void waitForArrival(long deadline) throws IOException {
        try {
            if (deadline == 0) {
                arrived.wait();
                return;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new SocketTimeoutException("Read timed out");
            }
            arrived.wait(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketException("interrupted while reading");
        }
    }

    /** Writes all of it; blocks while the connection's window is shut. */
    private void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer rest = ByteBuffer.wrap(bytes, offset, length);
        synchronized (writing) {
            while (rest.hasRemaining()) {
                if (channel.write(rest) == 0) {
                    waitUntilWritable();
                }
            }
        }
    }

    private void waitUntilWritable() throws IOException {
        Selector waits = WRITE_WAITS.get();
        SelectionKey writable = channel.register(waits, SelectionKey.OP_WRITE);
        try {
            waits.select(WRITE_WAIT_MILLIS);
        } finally {
            writable.cancel();
            waits.selectNow(); // forgets the cancelled key, so that the channel may register again
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        selector.forget(); // the connection's descriptor is released (the client sees the close) once the selector lets go of it
        synchronized (arrived) {
            arrived.notifyAll();
        }
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        return input;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        return output;
    }

    @Override
    public SocketChannel getChannel() {
        return channel;
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout < 0");
        }
        readTimeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return readTimeoutMillis;
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return adaptor.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return adaptor.isOutputShutdown();
    }

    @Override
    public boolean isConnected() {
        return adaptor.isConnected();
    }

    @Override
    public boolean isBound() {
        return adaptor.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return adaptor.getInetAddress();
    }

    @Override
    public int getPort() {
        return adaptor.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return adaptor.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return adaptor.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return adaptor.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return adaptor.getLocalSocketAddress();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        adaptor.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return adaptor.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        adaptor.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return adaptor.getSoLinger();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        adaptor.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return adaptor.getKeepAlive();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        adaptor.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return adaptor.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        adaptor.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return adaptor.getReceiveBufferSize();
    }

    @Override
    public void setReuseAddress(boolean on) throws SocketException {
        adaptor.setReuseAddress(on);
    }

    @Override
    public boolean getReuseAddress() throws SocketException {
        return adaptor.getReuseAddress();
    }

    @Override
    public void setTrafficClass(int trafficClass) throws SocketException {
        adaptor.setTrafficClass(trafficClass);
    }

    @Override
    public int getTrafficClass() throws SocketException {
        return adaptor.getTrafficClass();
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        throw new SocketException("an accepted connection is connected already");
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("an accepted connection is bound already");
    }

    @Override
    public String toString() {
        return "SelectedTcpSocket" + adaptor;
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return SelectedTcpSocket.this.read(into, offset, length);
        }

        @Override
        public int available() {
            synchronized (arrived) {
                return arrived.passable();
            }
        }

        @Override
        public void close() throws IOException {
            SelectedTcpSocket.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            SelectedTcpSocket.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            SelectedTcpSocket.this.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            SelectedTcpSocket.this.close();
        }
    }
}
