package org.groupchat.sip.channel;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.groupchat.sip.SipDialog;

/**
 * Who is in which room on this node right now: the participants a post is delivered to. Kept in
 * memory (a dialog lives only as long as this node does); each room also has a lock that keeps its
 * posts and their deliveries in the room's order.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OnlineParticipants {

    private final Map<String, Map<String, Participant>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomsByDialog = new ConcurrentHashMap<>();
    private final Map<String, Object> roomLocks = new ConcurrentHashMap<>();
    /** Posts of each room waiting for its lock or holding it. */
    private final Map<String, AtomicInteger> postsInLine = new ConcurrentHashMap<>();
    /** The sequence number of the last message of each room delivered on this node. */
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    /** Every open channel session by user, in rooms or not: whom a push for the user reaches. */
    private final Map<String, Map<String, SipDialog>> sessionsByUser = new ConcurrentHashMap<>();

    /** The user's session is open (called on each command; cheap when known). */
    public void connected(String user, SipDialog dialog) {
        sessionsByUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).putIfAbsent(dialog.id(), dialog);
    }

    public void disconnected(String user, String dialogId) {
        sessionsByUser.computeIfPresent(user, (u, dialogs) -> {
            dialogs.remove(dialogId);
            return dialogs.isEmpty() ? null : dialogs;
        });
    }

    public List<SipDialog> sessionsOf(String user) {
        Map<String, SipDialog> dialogs = sessionsByUser.get(user);
        return dialogs == null ? List.of() : List.copyOf(dialogs.values());
    }

    /** Adds the participant to the room; false when that dialog was in it already. */
    public boolean enter(String roomUri, Participant participant) {
        roomsByDialog.computeIfAbsent(participant.dialogId(), id -> ConcurrentHashMap.newKeySet()).add(roomUri);
        return byRoom.computeIfAbsent(roomUri, room -> new ConcurrentHashMap<>())
                .putIfAbsent(participant.dialogId(), participant) == null;
    }

    /** Takes the dialog's participant out of the room; false when it was not in it. */
    public boolean leave(String roomUri, String dialogId) {
        Set<String> rooms = roomsByDialog.get(dialogId);
        if (rooms != null) {
            rooms.remove(roomUri);
        }
        Map<String, Participant> present = byRoom.get(roomUri);
        return present != null && present.remove(dialogId) != null;
    }

    /** Takes the dialog out of every room it was in, and says which. */
    public Set<String> leaveAll(String dialogId) {
        Set<String> rooms = roomsByDialog.remove(dialogId);
        if (rooms == null) {
            return Set.of();
        }
        rooms.forEach(room -> {
            Map<String, Participant> present = byRoom.get(room);
            if (present != null) {
                present.remove(dialogId);
            }
        });
        return rooms;
    }

    public boolean isIn(String roomUri, String dialogId) {
        Map<String, Participant> present = byRoom.get(roomUri);
        return present != null && present.containsKey(dialogId);
    }

    public List<Participant> in(String roomUri) {
        Map<String, Participant> present = byRoom.get(roomUri);
        return present == null ? List.of() : List.copyOf(present.values());
    }

    /**
     * A participant joins after the room's message {@code sequence}: when nobody here is in the
     * room, this node's delivery of it goes on from there (whatever it missed while empty is in
     * the history the client reads); otherwise it goes on where it is. Called under the room's lock.
     */
    public void joiningAfter(String roomUri, long sequence) {
        if (in(roomUri).isEmpty()) {
            delivered.merge(roomUri, sequence, Math::max);
        }
    }

    /** The last message of the room delivered here, or -1 if none yet. Read and set under the room's lock. */
    public long lastDelivered(String roomUri) {
        return delivered.getOrDefault(roomUri, -1L);
    }

    public void delivered(String roomUri, long sequence) {
        delivered.put(roomUri, sequence);
    }

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

    /** The lock that orders the room's posts: whoever holds it stores and hands out one message. */
    public Object lockOf(String roomUri) {
        return roomLocks.computeIfAbsent(roomUri, room -> new Object());
    }
}
