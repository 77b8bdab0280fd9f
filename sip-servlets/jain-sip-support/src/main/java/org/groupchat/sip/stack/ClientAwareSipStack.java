package org.groupchat.sip.stack;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.ServerRequestInterface;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.sip.PeerUnavailableException;

/**
 * JAIN-SIP's stack, keeping apart requests of different clients that look alike.
 *
 * <p>Why: libpurple reseeds {@code rand()} with a constant, so pidgin-sipe clients started
 * together send requests with the same Call-ID, From tag, CSeq and Via branch. The stack took the
 * second client's REGISTER for a retransmission of the first (and dropped it), and its INVITE for
 * a looped copy (482). Two rules change:
 * <ul>
 * <li>a request whose branch another client used within a transaction's lifetime gets a branch of
 * its own (the original with a suffix), so it gets its own transaction; its responses carry that
 * branch, which SIPE does not look at (it matches responses by Call-ID and CSeq), and clients that
 * make their branches unique, as RFC 3261 asks, never meet this;</li>
 * <li>a new INVITE is a merged request (RFC 3261 8.2.2.2) only if it started at the same client
 * as the transaction or dialog it collides with.</li>
 * </ul>
 * The client a request started at is its bottom Via (sent-by, and the received/rport a proxy
 * adds) plus, when no proxy is in between, the connection it came over. Dialogs are already apart:
 * the server's own To-tag differs.
 */
public class ClientAwareSipStack extends SipStackImpl {

    /** 64 x T1 (RFC 3261 17): no transaction outlives it. */
    private static final long TRANSACTION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(32);

    private final Map<String, BranchOwner> branchOwners = new ConcurrentHashMap<>();
    /** The owners in the order they were recorded, so that the expired ones leave from the head. */
    private final Queue<SeenBranch> branchesByAge = new ConcurrentLinkedQueue<>();
    /** Whether a request is forgetting expired branches now. */
    private final AtomicBoolean forgetting = new AtomicBoolean();
    private final Map<String, String> transactionClients = new ConcurrentHashMap<>();
    private final Map<String, String> dialogClients = new ConcurrentHashMap<>();

    /** The stack property that bounds the TCP and TLS connections from one IP address ({@link ConnectionsPerAddress}). */
    public static final String MAX_CONNECTIONS_PER_ADDRESS = "org.groupchat.sip.MAX_CONNECTIONS_PER_ADDRESS";
    /** The stack property that says after how many ms a client's answer to a pushed INFO is late ({@link LateAnswers}). */
    public static final String LATE_ANSWER_MILLIS = "org.groupchat.sip.LATE_ANSWER_MILLIS";

    private volatile SSLContext tlsContext;
    private final ConnectionsPerAddress connectionsPerAddress;
    /** How many of the clients' answers to the INFOs pushed over TCP and TLS come late, all together. */
    private final LateAnswers lateAnswers;

    public ClientAwareSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
        connectionsPerAddress = new ConnectionsPerAddress(Integer.parseInt(
                properties.getProperty(MAX_CONNECTIONS_PER_ADDRESS, Integer.toString(Integer.MAX_VALUE))));
        lateAnswers = new LateAnswers(Duration.ofMillis(100),
                Duration.ofMillis(Long.parseLong(properties.getProperty(LATE_ANSWER_MILLIS, "300"))), System.nanoTime());
    }

    /** Who may open one more connection (shared by TCP and TLS). */
    ConnectionsPerAddress connectionsPerAddress() {
        return connectionsPerAddress;
    }

    /** Where the answers to pushed INFOs record how late they came ({@link PushedInfoAnswerFilter}). */
    LateAnswers lateAnswers() {
        return lateAnswers;
    }

    /**
     * The share of the clients' answers to pushed INFOs that came later than the limit
     * ({@link #LATE_ANSWER_MILLIS}) in the last 100 ms in which answers came: the backlog between
     * the server and its clients that the server's own queues do not see (the sockets' buffers,
     * the clients' own queues). Zero once no answer has come for 200 ms: nothing pushed is waiting
     * then, or what waits is the clients' alone to answer (those that stopped reading are ended by
     * their own limits).
     */
    public double lateAnswerShare() {
        return lateAnswers.quiet(System.nanoTime()) ? 0 : lateAnswers.share();
    }

    /** The key material (and trusted peers) SIP over TLS uses; set before a TLS listening point is made. */
    public void useTls(SSLContext context) {
        this.tlsContext = context;
    }

    /** The TLS context, or null when none was given. */
    public SSLContext tlsContext() {
        return tlsContext;
    }

    @Override
    public ServerRequestInterface newSIPServerRequest(SIPRequest request, MessageChannel channel) {
        Via top = request.getTopmostVia();
        if (top != null && top.getBranch() != null) {
            request.setMessageChannel(channel);
            giveOwnBranchIfTaken(request, top, System.nanoTime());
        }
        return super.newSIPServerRequest(request, channel);
    }

    /**
     * Remembers which client each branch came from for as long as a transaction can last
     * (64 x T1); a request with a branch another client sent in that time gets a suffix that
     * depends on its own client only, so its CANCEL or ACK gets the same one and still matches.
     */
    void giveOwnBranchIfTaken(SIPRequest request, Via top, long now) {
        String branch = top.getBranch().toLowerCase(Locale.ROOT);
        String client = clientOf(request);
        BranchOwner recorded = new BranchOwner(client, now);
        BranchOwner owner = branchOwners.merge(branch, recorded,
                (old, fresh) -> now - old.since() > TRANSACTION_LIFETIME_NANOS || old.client().equals(fresh.client()) ? fresh : old);
        if (owner == recorded) {
            branchesByAge.add(new SeenBranch(branch, recorded));
        }
        forgetExpiredBranches(now);
        if (!owner.client().equals(client)) {
            try {
                top.setBranch(top.getBranch() + ".c" + Integer.toHexString(client.hashCode()));
            } catch (ParseException e) {
                throw new IllegalStateException("a branch with a hex suffix is still a token", e);
            }
        }
    }

    /**
     * Drops the owners older than a transaction's lifetime, oldest first: a few per request, never
     * a walk over all of them (which, past some thousands of requests in 32 s, cost more than the
     * requests did). One request at a time does it, the others go on: two taking the same head
     * made the loser's {@code remove} search the whole queue for it, and at a thousand requests a
     * second those searches took more than a quarter of the server's samples. An owner recorded
     * again since is newer in the map and stays.
     */
    private void forgetExpiredBranches(long now) {
        if (!forgetting.compareAndSet(false, true)) {
            return;
        }
        try {
            for (SeenBranch oldest = branchesByAge.peek(); oldest != null && now - oldest.owner().since() > TRANSACTION_LIFETIME_NANOS;
                 oldest = branchesByAge.peek()) {
                branchesByAge.poll(); // the head just seen: no other thread takes from this queue
                branchOwners.remove(oldest.branch(), oldest.owner());
            }
        } finally {
            forgetting.set(false);
        }
    }

    /** How many branches are remembered now (for tests). */
    int rememberedBranches() {
        return branchOwners.size();
    }

    private record BranchOwner(String client, long since) {
    }

    private record SeenBranch(String branch, BranchOwner owner) {
    }

    @Override
    public boolean findMergedTransaction(SIPRequest request) {
        if (!super.findMergedTransaction(request)) {
            return false;
        }
        String mergeId = request.getMergeId();
        String client = clientOf(request);
        return client.equals(transactionClients.get(mergeId)) || client.equals(dialogClients.get(mergeId));
    }

    @Override
    public void putInMergeTable(SIPServerTransaction transaction, SIPRequest request) {
        super.putInMergeTable(transaction, request);
        String mergeId = request.getMergeId();
        if (mergeId != null) {
            transactionClients.put(mergeId, clientOf(request));
        }
    }

    @Override
    public void removeFromMergeTable(SIPServerTransaction transaction) {
        super.removeFromMergeTable(transaction);
        if (transaction.getRequest() instanceof SIPRequest request && request.getMergeId() != null) {
            transactionClients.remove(request.getMergeId());
        }
    }

    @Override
    protected void putMergeDialog(SIPDialog dialog) {
        super.putMergeDialog(dialog);
        String mergeId = dialog.getMergeId();
        if (mergeId != null && dialog.getFirstTransactionInt() instanceof SIPTransaction first
                && first.getRequest() instanceof SIPRequest request) {
            dialogClients.put(mergeId, clientOf(request));
        }
    }

    @Override
    protected void removeMergeDialog(String mergeId) {
        super.removeMergeDialog(mergeId);
        if (mergeId != null) {
            dialogClients.remove(mergeId);
        }
    }

    /** Where a request started: its bottom Via, and the connection when it is also the top one. */
    static String clientOf(SIPRequest request) {
        ViaList vias = request.getViaHeaders();
        if (vias == null || vias.isEmpty()) {
            return "";
        }
        Via origin = (Via) vias.getLast();
        String client = origin.getTransport() + " " + origin.getSentBy().encode()
                + " received=" + origin.getReceived() + " rport=" + origin.getRPort();
        if (vias.size() == 1 && request.getMessageChannel() instanceof MessageChannel channel) {
            client += " from " + channel.getPeerAddress() + ":" + channel.getPeerPort();
        }
        return client;
    }
}
