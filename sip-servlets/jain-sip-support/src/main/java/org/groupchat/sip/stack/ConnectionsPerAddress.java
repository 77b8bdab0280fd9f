package org.groupchat.sip.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The TCP and TLS connections open from each IP address, so that one address cannot take every
 * thread the stack has (JAIN-SIP reads each connection on a thread of its own). A connection past
 * the limit is closed as soon as it is accepted, with a reset and nothing read from it, and a
 * warning once a minute per address. It counts the sockets not closed yet, so it needs no word from
 * the stack when a connection ends. Called by the accepting threads of TCP and TLS.
 */
final class ConnectionsPerAddress {

    private static final Logger LOG = Logger.getLogger(ConnectionsPerAddress.class.getName());
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Accepts between two sweeps of the addresses whose connections have all closed. */
    private static final int SWEEP_INTERVAL = 4096;

    private final int limit;
    private final Map<InetAddress, List<Socket>> open = new HashMap<>();
    private final Map<InetAddress, Refusals> refusals = new HashMap<>();
    private int acceptsSinceSweep;

    ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /** True when the accepted connection is within its address's limit; else it has been closed. */
    synchronized boolean admit(Socket accepted) {
        if (++acceptsSinceSweep >= SWEEP_INTERVAL) {
            acceptsSinceSweep = 0;
            open.values().removeIf(sockets -> sockets.removeIf(Socket::isClosed) && sockets.isEmpty());
        }
        InetAddress address = accepted.getInetAddress();
        List<Socket> fromThere = open.computeIfAbsent(address, any -> new ArrayList<>());
        fromThere.removeIf(Socket::isClosed);
        if (fromThere.size() < limit) {
            fromThere.add(accepted);
            return true;
        }
        refuse(accepted);
        Refusals counted = refusals.computeIfAbsent(address, any -> new Refusals());
        counted.count++;
        long now = System.nanoTime();
        if (!counted.warned || now - counted.warnedAt >= WARNING_INTERVAL_NANOS) {
            long refused = counted.count;
            LOG.warning(() -> "SIP connection from " + address.getHostAddress() + " refused: " + fromThere.size()
                    + " are open from there, the limit (groupchat.sip.max-connections-per-address) is " + limit
                    + "; " + refused + " refused since the last such warning");
            counted.count = 0;
            counted.warned = true;
            counted.warnedAt = now;
        }
        return false;
    }

    private static void refuse(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // a reset: no TIME_WAIT kept for a connection never served
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    private static final class Refusals {
        long count;
        boolean warned;
        long warnedAt;
    }
}
