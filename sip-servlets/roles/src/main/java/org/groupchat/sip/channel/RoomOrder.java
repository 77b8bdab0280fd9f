package org.groupchat.sip.channel;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.PostOutcome;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.RoomDelivery;
import org.groupchat.channel.RoomPost;
import org.groupchat.xccos.XmlElement;

/**
 * Each room's order on this node, in one place: the room's lock, the number of the last message
 * delivered here, the line of posts waiting for their turn, and the fan-out. Every path that
 * stores or hands out something of a room goes through here: a post over SIP or over HTTPS (a
 * file shared), a message another node stored, a participant entering, participants taken out
 * (room disabled, access taken away), join and part notices. So every participant receives the
 * room's messages in the room's order, and nobody enters or leaves between a message's store and
 * its delivery.
 */
@Singleton
@LocalBean
@Local(RoomDelivery.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // the rooms' own locks, one room at a time
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // a post commits before anyone hears of it
public class RoomOrder implements RoomDelivery {

    /** No dialog posted it: everyone online in the room receives it, the poster's own clients too. */
    private static final String NO_DIALOG = "";
    /** At most this many of a room's waiting posts go in one transaction. */
    private static final int MAX_POSTS_STORED_TOGETHER = 64;

    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** The number of the last message of each room delivered on this node. */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    /** Posts of each room waiting for its lock or holding it. */
    private final Map<String, AtomicInteger> postsInLine = new ConcurrentHashMap<>();
    /** Posts of each room not yet stored, in the order they came: whoever holds the room's lock stores them together. */
    private final Map<String, Queue<WaitingPost>> unstored = new ConcurrentHashMap<>();

    @EJB
    private OnlineParticipants online;

    @EJB
    private LocalDelivery local;

    @EJB
    private ClusterTopic cluster;

    @EJB
    private ChannelService channels;

    /** Takes a place in the room's line of posts; false (and no place) when {@code limit} are in it already. */
    public boolean queueToPost(String roomUri, int limit) {
        AtomicInteger line = postsInLine.computeIfAbsent(roomUri, room -> new AtomicInteger());
        if (line.incrementAndGet() > limit) {
            line.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives the place taken by {@link #queueToPost} back. */
    public void donePosting(String roomUri) {
        postsInLine.get(roomUri).decrementAndGet();
    }

    /**
     * Stores a post over SIP and hands it out in the room's order: everyone in the room here but
     * {@code postingDialogId} receives it, then the other nodes; then {@code stored} answers the
     * poster, once the room's lock is released: the answer is written on the poster's connection,
     * and a poster that has stopped reading would otherwise hold up every other post of the room
     * until its connection is closed. The posts that came in while the room's lock was held are
     * stored together, in one transaction, by whoever takes the lock next. A refusal (a
     * {@link org.groupchat.channel.ChannelRefusal}) or a failure to store is thrown.
     */
    public PostedMessage post(String roomUri, String postingDialogId, RoomPost post, Consumer<PostedMessage> stored) {
        WaitingPost mine = new WaitingPost(post, postingDialogId);
        Queue<WaitingPost> line = unstored.computeIfAbsent(roomUri, room -> new ConcurrentLinkedQueue<>());
        line.add(mine);
        synchronized (lockOf(roomUri)) {
            while (!mine.isDone()) {
                storeWaiting(roomUri, line);
            }
        }
        PostedMessage message = mine.outcome();
        stored.accept(message);
        return message;
    }

    /** Stores the posts at the head of the room's line in one transaction, and hands out those stored. Holding the room's lock. */
    private void storeWaiting(String roomUri, Queue<WaitingPost> line) {
        List<WaitingPost> batch = new ArrayList<>();
        WaitingPost next;
        while (batch.size() < MAX_POSTS_STORED_TOGETHER && (next = line.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            throw new IllegalStateException("a post of " + roomUri + " is neither stored nor waiting");
        }
        List<PostOutcome> outcomes;
        try {
            outcomes = channels.postAll(roomUri, batch.stream().map(WaitingPost::post).toList());
        } catch (RuntimeException e) {
            batch.forEach(waiting -> waiting.fail(e)); // nothing of the batch was stored
            return;
        }
        // each poster learns its outcome whatever happens to the hand-out: they are stored
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done(outcomes.get(i));
        }
        for (int i = 0; i < batch.size(); i++) {
            PostOutcome outcome = outcomes.get(i);
            if (outcome.refusal() == null) {
                deliverLocked(outcome.message(), batch.get(i).dialogId());
                cluster.message(outcome.message());
            }
        }
    }

    /**
     * Stores something else than a post over SIP (a file shared) and hands it out in the room's
     * order: {@code store} commits it (a call on a transactional bean; what it throws reaches the
     * caller, nothing is handed out), everyone in the room here but {@code postingDialogId}
     * receives it, then the other nodes; then {@code stored} is told, outside the room's lock.
     */
    public PostedMessage post(String roomUri, String postingDialogId, Supplier<PostedMessage> store, Consumer<PostedMessage> stored) {
        PostedMessage message;
        synchronized (lockOf(roomUri)) {
            message = store.get();
            deliverLocked(message, postingDialogId);
            cluster.message(message);
        }
        stored.accept(message);
        return message;
    }

    /** A post from outside a dialog (a file shared over HTTPS): everyone online in the room receives it. */
    @Override
    public PostedMessage postAndDeliver(String roomUri, Supplier<PostedMessage> store) {
        return post(roomUri, NO_DIALOG, store, message -> { });
    }

    /**
     * A message another node stored: delivered here in the room's order. One that arrives ahead
     * of others (they were overtaken on the way) brings the ones it skipped from the database
     * first; one that arrives after its turn is not delivered again.
     */
    public void deliverFromAnotherNode(PostedMessage message) {
        synchronized (lockOf(message.roomUri())) {
            deliverLocked(message, NO_DIALOG);
        }
    }

    private void deliverLocked(PostedMessage message, String exceptDialogId) {
        String roomUri = message.roomUri();
        long last = delivered.getOrDefault(roomUri, -1L);
        if (last >= message.sequence()) {
            return; // delivered already, with the ones before it
        }
        if (last >= 0 && message.sequence() > last + 1) {
            local.catchUp(roomUri, last + 1, message.sequence() - 1);
        }
        local.push(roomUri, ChannelElements.grpchat(message), exceptDialogId);
        delivered.put(roomUri, message.sequence());
    }

    /**
     * The participant enters the room, which it has read up to message {@code lastSequence}:
     * when nobody here is in the room, this node's delivery of it goes on from there (whatever
     * it missed while empty is in the history the client reads). False when that dialog was in
     * the room already.
     */
    public boolean enter(String roomUri, long lastSequence, Participant participant) {
        synchronized (lockOf(roomUri)) {
            if (online.in(roomUri).isEmpty()) {
                delivered.merge(roomUri, lastSequence, Math::max);
            }
            return online.enter(roomUri, participant);
        }
    }

    /**
     * Takes out of the room the participants here that {@code leaves} picks, between two of its
     * messages; {@code leaving} tells each (and records it) while no message can slip in.
     *
     * @return how many were taken out
     */
    public int takeOut(String roomUri, Predicate<Participant> leaves, Consumer<Participant> leaving) {
        int taken = 0;
        synchronized (lockOf(roomUri)) {
            for (Participant participant : online.in(roomUri)) {
                if (leaves.test(participant) && online.leave(roomUri, participant.dialogId())) {
                    taken++;
                    leaving.accept(participant);
                }
            }
        }
        return taken;
    }

    /** A notice ({@code ntc:join}, {@code ntc:part}) for everyone in the room but the dialog it is about, here and on the other nodes. */
    public void announce(String roomUri, XmlElement notice, String exceptDialogId) {
        local.notice(roomUri, notice, exceptDialogId);
        cluster.roomNotice(roomUri, notice);
    }

    private Object lockOf(String roomUri) {
        return locks.computeIfAbsent(roomUri, room -> new Object());
    }

    /** A post in a room's line, and what became of it once stored (or refused, or failed). */
    private static final class WaitingPost {
        private final RoomPost post;
        private final String dialogId;
        /** Set by the holder of the room's lock, read by the poster's thread once it holds the lock itself or after. */
        private volatile PostOutcome outcome;
        private volatile RuntimeException failure;

        WaitingPost(RoomPost post, String dialogId) {
            this.post = post;
            this.dialogId = dialogId;
        }

        RoomPost post() {
            return post;
        }

        String dialogId() {
            return dialogId;
        }

        void done(PostOutcome outcome) {
            this.outcome = outcome;
        }

        void fail(RuntimeException failure) {
            this.failure = failure;
        }

        boolean isDone() {
            return outcome != null || failure != null;
        }

        PostedMessage outcome() {
            if (failure != null) {
                throw failure;
            }
            return outcome.messageOrThrow();
        }
    }
}
