package org.groupchat.sip.channel;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.groupchat.sip.SipDialog;

/**
 * Who is in which room on this node right now: the participants a post is delivered to. Kept in
 * memory (a dialog lives only as long as this node does). Entering and being taken out of a room
 * go through {@link RoomOrder}, which keeps them in order with the room's messages.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OnlineParticipants {

    private final Map<String, Map<String, Participant>> byRoom = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomsByDialog = new ConcurrentHashMap<>();
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

    /** The rooms someone is in on this node. */
    public Set<String> occupiedRooms() {
        Set<String> rooms = new HashSet<>();
        byRoom.forEach((room, present) -> {
            if (!present.isEmpty()) {
                rooms.add(room);
            }
        });
        return rooms;
    }

    /** How many participants the room has on this node. */
    public int count(String roomUri) {
        Map<String, Participant> present = byRoom.get(roomUri);
        return present == null ? 0 : present.size();
    }

    public List<Participant> in(String roomUri) {
        Map<String, Participant> present = byRoom.get(roomUri);
        return present == null ? List.of() : List.copyOf(present.values());
    }
}
