package org.groupchat.sip.stack;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that reads every client TCP connection of a listening point, so that the answers to
 * pushed INFOs (nearly all that clients send) are taken out without waking the connection's own
 * reader thread: JAIN-SIP's blocking channel has a thread per connection, and a thread switch for
 * each answer was a third of a delivery's cost. What is not an answer is handed to that thread as
 * before ({@link SelectedTcpSocket}); a connection whose thread lags is not read until it catches up,
 * so a flood fills the client's TCP window, not the heap.
 */
final class TcpReadSelector implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TcpReadSelector.class.getName());

    private final Selector selector;
    private final Thread thread;
    private volatile boolean open = true;

    TcpReadSelector(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts reading {@code connection}'s channel for it. */
    SelectionKey register(SocketChannel channel, SelectedTcpSocket connection) throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ, connection);
        selector.wakeup(); // a select in progress does not see a new key before it returns
        return key;
    }

    /** Reads {@code key}'s connection again once its reader has caught up. */
    void resume(SelectionKey key) {
        try {
            key.interestOps(SelectionKey.OP_READ);
            selector.wakeup();
        } catch (CancelledKeyException closed) {
            // the connection is gone; its reader learns that from the socket
        }
    }

    /**
     * Lets the selector drop the connections closed since its last round: a channel still
     * registered keeps its descriptor open (no FIN for the client) until the selector's next
     * round, which on a quiet server might not come for a long time.
     */
    void forget() {
        selector.wakeup();
    }

    private void run() {
        try {
            select();
        } finally {
            for (SelectionKey key : selector.keys()) {
                ((SelectedTcpSocket) key.attachment()).selectorClosed();
            }
            try {
                selector.close();
            } catch (IOException e) {
                LOG.fine(() -> "closing the TCP read selector: " + e);
            }
        }
    }

    private void select() {
        while (open) {
            try {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (key.isValid()) {
                        ((SelectedTcpSocket) key.attachment()).readable(key);
                    }
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (CancelledKeyException e) {
                // closed while being read: its reader has been told
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "reading SIP over TCP: " + e, e); // one connection's trouble; the others go on
            }
        }
    }

    /** Stops reading: the connections still open learn it as a failed read. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
    }
}
