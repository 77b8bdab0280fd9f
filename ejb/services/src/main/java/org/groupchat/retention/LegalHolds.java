package org.groupchat.retention;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.Room;
import org.groupchat.channel.RoomAdministration;
import org.groupchat.channel.RoomRepository;
import org.groupchat.channel.RoomUri;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.config.GroupchatSettings;

/**
 * Legal holds: placed and released by administrators, each a compliance event, and read by every
 * purge. A hold on a room keeps all of the room; a hold on a user keeps that user's messages and
 * events in every room.
 */
@Stateless
public class LegalHolds {

    private static final Logger LOG = Logger.getLogger(LegalHolds.class.getName());

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @EJB
    private RoomRepository rooms;

    @EJB
    private ComplianceRecorder compliance;

    private final Clock clock = Clock.systemUTC();
    private String domain;

    @PostConstruct
    void readSettings() {
        domain = GroupchatSettings.current().domain();
    }

    public List<HoldDetails> list() {
        return chat.createQuery("select h from LegalHold h order by h.id", LegalHold.class).getResultList().stream()
                .map(this::details).toList();
    }

    public HoldDetails place(String admin, HoldSpec spec) {
        String reason = spec.reason() == null ? "" : spec.reason().trim();
        if (reason.isEmpty() || reason.length() > 1024) {
            throw ChannelRefusal.badRequest("A legal hold needs a reason of at most 1024 characters");
        }
        if ((spec.room() == null) == (spec.user() == null)) {
            throw ChannelRefusal.badRequest("A legal hold is on a room or on a user: give one of room and user");
        }
        String user = spec.user() == null ? null : RoomAdministration.userUri(spec.user());
        Long roomId = spec.room() == null ? null : room(spec.room()).getId();
        LegalHold hold = new LegalHold(roomId, user, reason, admin, clock.instant());
        chat.persist(hold);
        chat.flush(); // for its number
        HoldDetails placed = details(hold);
        recorded(ComplianceEventType.LEGAL_HOLD_PLACED, admin, placed);
        LOG.info(() -> "legal hold " + placed.id() + " on " + subject(placed) + " placed by " + admin + ": " + reason);
        return placed;
    }

    public HoldDetails release(String admin, long id) {
        LegalHold hold = chat.find(LegalHold.class, id);
        if (hold == null) {
            throw ChannelRefusal.notFound("There is no legal hold " + id);
        }
        HoldDetails released = details(hold);
        chat.remove(hold);
        recorded(ComplianceEventType.LEGAL_HOLD_RELEASED, admin, released);
        LOG.info(() -> "legal hold " + id + " on " + subject(released) + " released by " + admin);
        return released;
    }

    /** What the holds in place cover now. */
    public Holds covered() {
        Set<Long> heldRooms = new HashSet<>();
        Set<String> heldRoomUris = new HashSet<>();
        Set<String> heldUsers = new HashSet<>();
        for (LegalHold hold : chat.createQuery("select h from LegalHold h", LegalHold.class).getResultList()) {
            if (hold.getRoomId() != null) {
                heldRooms.add(hold.getRoomId());
                heldRoomUris.add(new RoomUri(domain, hold.getRoomId()).toString());
            } else {
                heldUsers.add(hold.getUser());
            }
        }
        return new Holds(heldRooms, heldRoomUris, heldUsers);
    }

    /** The event's subject is the room held, or {@code user:URI}. */
    private void recorded(ComplianceEventType type, String admin, HoldDetails hold) {
        String roomUri = hold.room() != null ? new RoomUri(domain, hold.room()).toString() : "user:" + hold.user();
        compliance.record(type, roomUri, hold.roomName() == null ? "" : hold.roomName(), admin, clock.instant(),
                "hold=" + hold.id() + "; reason=" + hold.reason() + "; placedBy=" + hold.placedBy() + "; placedAt=" + hold.placedAt());
    }

    private HoldDetails details(LegalHold hold) {
        String roomName = hold.getRoomId() == null ? null : rooms.room(hold.getRoomId()).map(Room::getName).orElse(null);
        return new HoldDetails(hold.getId(), hold.getRoomId(), roomName, hold.getUser(), hold.getReason(), hold.getPlacedBy(),
                hold.getPlacedAt());
    }

    private Room room(long id) {
        return rooms.room(id).orElseThrow(() -> ChannelRefusal.notFound("There is no room " + id));
    }

    private static String subject(HoldDetails hold) {
        return hold.room() != null ? "room " + hold.room() + " (" + hold.roomName() + ")" : hold.user();
    }

    /** The first hold on the room, if one is in place: a room held is not cleared. */
    public Optional<HoldDetails> onRoom(long roomId) {
        return chat.createQuery("select h from LegalHold h where h.roomId = :room order by h.id", LegalHold.class)
                .setParameter("room", roomId).setMaxResults(1).getResultStream().findFirst().map(this::details);
    }
}
