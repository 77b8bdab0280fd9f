package org.groupchat.channel;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.storage.AfterCommit;

/**
 * What administrators do with rooms: create, change, manage members, disable and enable. There is
 * no delete: a room and its messages stay for as long as the database lives. Every change is a
 * compliance event naming the administrator who made it.
 */
@Stateless
public class RoomAdministration {

    private static final Logger LOG = Logger.getLogger(RoomAdministration.class.getName());

    @EJB
    private RoomRepository rooms;

    @EJB
    private CategoryTree categories;

    @EJB
    private ComplianceRecorder compliance;

    @EJB
    private RoomPresence presence;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    private final Clock clock = Clock.systemUTC();
    private String domain;

    @PostConstruct
    void readSettings() {
        domain = GroupchatSettings.current().domain();
    }

    public RoomDetails create(String admin, RoomSpec spec) {
        return create(admin, spec, false, true);
    }

    /**
     * A room brought from another server (a migration): its members are not invited (they were
     * members there), and it may come disabled.
     */
    public RoomDetails createImported(String admin, RoomSpec spec, boolean disabled) {
        return create(admin, spec, disabled, false);
    }

    private RoomDetails create(String admin, RoomSpec spec, boolean disabled, boolean inviting) {
        Category category = categories.named(spec.category());
        String name = freeName(category, spec.name());
        Room room = new Room(name, category, clock.instant());
        apply(spec, room);
        disableAsAdministrator(room, disabled);
        rooms.add(room);
        replaceMembers(admin, room, spec, inviting);
        LOG.info(() -> "room " + new RoomUri(domain, room.getId()) + " '" + name + "' created in category " + category.getName()
                + " by " + admin);
        return recorded(ComplianceEventType.ROOM_CREATED, admin, details(room));
    }

    /**
     * A room created by a user the category lets create rooms (not an administrator): the
     * category must exist and allow the user as a creator; the creator becomes a manager of it.
     */
    public RoomDetails createAsCreator(String login, String creator, RoomSpec spec) {
        Category category = spec.category() == null || spec.category().isBlank() ? categories.root()
                : rooms.categoryNamed(spec.category().trim()).orElseThrow(() -> ChannelRefusal.notFound("There is no category " + spec.category()));
        CategoryPolicy.creationRefusal(category, creator, rooms::groupsOf).ifPresent(reason -> {
            throw ChannelRefusal.notAllowed(creator + " may not create rooms in category " + category.getName() + ": " + reason);
        });
        List<String> managers = new ArrayList<>(spec.managers() == null ? List.of() : spec.managers());
        if (!managers.contains(creator)) {
            managers.add(creator);
        }
        return create(login, new RoomSpec(spec.name(), spec.description(), spec.topic(), category.getName(), spec.privacy(),
                spec.type(), spec.filePost(), spec.invite(), spec.logged(), spec.members(), managers, spec.presenters()));
    }

    public RoomDetails read(long id) {
        return details(room(id));
    }

    /**
     * The SIP user an HTTP login stands for: {@code alice} is {@code sip:alice@DOMAIN},
     * {@code alice@example.org} is {@code sip:alice@example.org}.
     */
    public String userOfLogin(String login) {
        String name = login.trim().toLowerCase(Locale.ROOT);
        return "sip:" + (name.contains("@") ? name : name + "@" + domain);
    }

    /** Whether the user holds the manager role in the room (an unknown room: no). */
    public boolean manages(String user, long id) {
        return rooms.room(id).map(room -> rooms.roles(room, user).contains(MemberRole.MANAGER)).orElse(false);
    }

    public List<RoomSummary> list() {
        return rooms.rooms().stream().map(room -> RoomSummary.of(room, domain, rooms.memberCount(room))).toList();
    }

    public RoomDetails update(String admin, long id, RoomSpec spec) {
        return update(admin, room(id), spec, true);
    }

    /**
     * A room changed to what another server's export says it is (a migration): as
     * {@link #update} but new members are not invited, and it is disabled or enabled as given.
     */
    public RoomDetails updateImported(String admin, long id, RoomSpec spec, boolean disabled) {
        Room room = room(id);
        disableAsAdministrator(room, disabled);
        return update(admin, room, spec, false);
    }

    private RoomDetails update(String admin, Room room, RoomSpec spec, boolean inviting) {
        long id = room.getId();
        if (spec.category() != null) {
            room.setCategory(categories.named(spec.category()));
            removeExcluded(room); // moved behind another category's wall
        }
        if (spec.name() != null && !spec.name().trim().equals(room.getName())) {
            room.setName(freeName(room.getCategory(), spec.name()));
        }
        apply(spec, room);
        replaceMembers(admin, room, spec, inviting);
        LOG.info(() -> "room " + new RoomUri(domain, id) + " changed by " + admin);
        return recorded(ComplianceEventType.ROOM_CHANGED, admin, details(room));
    }

    /** Sets who holds a role in the room; the others lose it. */
    public RoomDetails setMembers(String admin, long id, MemberRole role, List<String> users) {
        Room room = room(id);
        replace(admin, room, role, users, true);
        LOG.info(() -> "room " + new RoomUri(domain, id) + ": " + role.name().toLowerCase(Locale.ROOT) + "s set to " + users
                + " by " + admin);
        return recorded(ComplianceEventType.MEMBERSHIP_CHANGED, admin, details(room));
    }

    /**
     * Disables or enables the room. {@code byAdministrator} says whether an administrator (not a
     * room manager) asks: a room an administrator disabled is enabled again only by one.
     */
    public RoomDetails setDisabled(String admin, long id, boolean disabled, boolean byAdministrator) {
        Room room = room(id);
        if (!disabled && room.isDisabled() && room.isDisabledByAdministrator() && !byAdministrator) {
            throw ChannelRefusal.notAllowed("Room " + id + " was disabled by an administrator; only an administrator can enable it");
        }
        room.setDisabled(disabled);
        room.setDisabledByAdministrator(disabled && byAdministrator);
        LOG.info(() -> "room " + new RoomUri(domain, id) + (disabled ? " disabled" : " enabled") + " by " + admin);
        return recorded(disabled ? ComplianceEventType.ROOM_DISABLED : ComplianceEventType.ROOM_ENABLED, admin, details(room));
    }

    /**
     * Takes a message out of the room's history: its text becomes a notice naming who removed it
     * and when. The original stays in compliance, in a MESSAGE_REMOVED event with the remover.
     */
    public PostedMessage removeMessage(String admin, long id, long sequence) {
        Room room = room(id);
        ChatMessage message = rooms.message(room, sequence)
                .orElseThrow(() -> ChannelRefusal.notFound("Room " + id + " has no message " + sequence));
        if (message.isRemoved()) {
            throw ChannelRefusal.conflict("Message " + sequence + " of room " + id + " was removed already");
        }
        Instant now = clock.instant();
        String original = message.getText();
        message.remove(admin, now, "(This message was removed by " + admin + " at " + now + ")");
        String roomUri = new RoomUri(domain, id).toString();
        compliance.recordAboutMessage(ComplianceEventType.MESSAGE_REMOVED, roomUri, room.getName(), admin, now,
                "sequence=" + sequence + "; author=" + message.getAuthor() + "; posted=" + message.getPostedAt()
                        + "; original=" + original, sequence);
        LOG.info(() -> "room " + roomUri + ": message " + sequence + " by " + message.getAuthor() + " removed by " + admin);
        return PostedMessage.of(message, domain);
    }

    /**
     * After the rules of the room's category changed (or the room moved): the options it inherits
     * are taken again, and members the category now excludes leave the room, recorded as a
     * membership change by the administrator.
     */
    public void applyCategoryRules(String admin, Room room) {
        room.refreshOptions();
        if (!removeExcluded(room).isEmpty()) {
            recorded(ComplianceEventType.MEMBERSHIP_CHANGED, admin, details(room));
        }
    }

    /** Takes out of the room every member its category excludes; says whom. */
    private List<String> removeExcluded(Room room) {
        List<String> excluded = rooms.members(room).keySet().stream()
                .filter(user -> !user.startsWith(UserGroup.PREFIX)) // a group stays; its walled members are refused at the door
                .filter(user -> CategoryPolicy.memberExclusion(room.getCategory(), user, rooms::groupsOf).isPresent())
                .toList();
        excluded.forEach(user -> rooms.removeMember(room, user));
        if (!excluded.isEmpty()) {
            LOG.info(() -> "room " + new RoomUri(domain, room.getId()) + ": " + excluded + " removed, excluded by category "
                    + room.getCategory().getName());
        }
        return excluded;
    }

    /** The name, trimmed, if it is one and no other room of the category has it. */
    private String freeName(Category category, String requested) {
        String name = requested == null ? "" : requested.trim();
        if (name.isEmpty()) {
            throw ChannelRefusal.badRequest("A room needs a name");
        }
        if (rooms.roomNamed(category, name).isPresent()) {
            throw ChannelRefusal.conflict("Category " + category.getName() + " already has a room named " + name);
        }
        return name;
    }

    private Room room(long id) {
        return rooms.room(id).orElseThrow(() -> ChannelRefusal.notFound("There is no room " + id));
    }

    /** Disabled as an administrator disables it (only an administrator enables it again), or enabled. */
    private static void disableAsAdministrator(Room room, boolean disabled) {
        room.setDisabled(disabled);
        room.setDisabledByAdministrator(disabled);
    }

    private static void apply(RoomSpec spec, Room room) {
        if (spec.description() != null) {
            room.setDescription(spec.description());
        }
        if (spec.topic() != null) {
            room.setTopic(spec.topic());
        }
        if (spec.privacy() != null) {
            room.setPrivacy(spec.privacy());
        }
        if (spec.type() != null) {
            room.setType(spec.type());
        }
        if (spec.filePost() != null) {
            room.setFilePostOption(spec.filePost());
        }
        if (spec.invite() != null) {
            room.setInviteOption(spec.invite());
        }
        if (spec.logged() != null) {
            room.setLogged(spec.logged());
        }
    }

    private void replaceMembers(String admin, Room room, RoomSpec spec, boolean inviting) {
        Map<MemberRole, List<String>> given = new EnumMap<>(MemberRole.class);
        if (spec.members() != null) {
            given.put(MemberRole.MEMBER, spec.members());
        }
        if (spec.managers() != null) {
            given.put(MemberRole.MANAGER, spec.managers());
        }
        if (spec.presenters() != null) {
            given.put(MemberRole.PRESENTER, spec.presenters());
        }
        given.forEach((role, users) -> replace(admin, room, role, users, inviting));
    }

    private void replace(String admin, Room room, MemberRole role, List<String> users, boolean inviting) {
        Set<String> checked = new LinkedHashSet<>();
        for (String user : users) {
            String entry = memberEntry(user);
            for (String uri : usersOf(entry)) {
                CategoryPolicy.memberExclusion(room.getCategory(), uri, rooms::groupsOf).ifPresent(reason -> {
                    throw ChannelRefusal.notAllowed(uri + (entry.equals(uri) ? "" : " (in " + entry + ")") + " cannot be in "
                            + room.getName() + ": " + reason);
                });
            }
            checked.add(entry);
        }
        Set<String> before = rooms.members(room).keySet();
        rooms.removeMemberships(room, role);
        checked.forEach(user -> rooms.add(new Membership(room, user, role)));
        if (inviting && room.isInvite()) {
            // a group's members are invited as its own are: each user new to the room, once
            Set<String> usersBefore = new HashSet<>();
            before.forEach(entry -> usersBefore.addAll(usersOf(entry)));
            checked.stream().filter(entry -> !before.contains(entry))
                    .flatMap(entry -> usersOf(entry).stream())
                    .filter(user -> !usersBefore.contains(user))
                    .distinct()
                    .forEach(user -> invite(admin, room, user));
        }
    }

    /**
     * Users who have just joined a group are new to the inviting rooms that name the group: each
     * gets an invitation to each of them.
     */
    public void inviteNewGroupMembers(String admin, String group, Set<String> users) {
        String named = UserGroup.PREFIX + group;
        for (Room room : rooms.roomsNaming(named)) {
            if (room.isInvite() && !room.isDisabled()) {
                Set<String> inAnotherWay = new HashSet<>();
                rooms.members(room).keySet().stream().filter(entry -> !entry.equals(named))
                        .forEach(entry -> inAnotherWay.addAll(usersOf(entry)));
                users.stream().filter(user -> !inAnotherWay.contains(user)).forEach(user -> invite(admin, room, user));
            }
        }
    }

    /** A user new to a room that invites: a pending invitation (getinv), pushed once the change commits. */
    private void invite(String admin, Room room, String user) {
        if (!rooms.pendingInvitations(user, room).isEmpty()) {
            return;
        }
        Invitation invitation = new Invitation(room, user, admin, clock.instant());
        rooms.add(invitation);
        PendingInvitation pending = new PendingInvitation(invitation.getId(), new RoomUri(domain, room.getId()).toString(),
                room.getName(), admin, invitation.getCreatedAt());
        AfterCommit.run(transactions, () -> presence.invited(user, pending));
        LOG.info(() -> "room " + pending.roomUri() + ": " + user + " invited by " + admin);
    }

    /** A member list's entry as the room keeps it: a SIP URI, or a group ({@code group:NAME}), which must exist. */
    public String memberEntry(String given) {
        String entry = given == null ? "" : given.trim();
        if (entry.toLowerCase(Locale.ROOT).startsWith(UserGroup.PREFIX)) {
            String name = entry.substring(UserGroup.PREFIX.length()).trim();
            rooms.group(name).orElseThrow(() -> ChannelRefusal.notFound("There is no group " + name));
            return UserGroup.PREFIX + name;
        }
        return userUri(entry);
    }

    /** The users an entry stands for: itself, or the group's members. */
    private List<String> usersOf(String entry) {
        if (!entry.startsWith(UserGroup.PREFIX)) {
            return List.of(entry);
        }
        return rooms.group(entry.substring(UserGroup.PREFIX.length())).map(group -> List.copyOf(group.getMembers())).orElse(List.of());
    }

    /** A member is named by a SIP URI, {@code sip:user@host}; kept in lower case as URIs compare. */
    public static String userUri(String user) {
        String uri = user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
        if (!uri.matches("sips?:[^@\\s<>\"]+@[^@\\s<>\";:?]+")) {
            throw ChannelRefusal.badRequest("'" + user + "' is not a SIP URI of the form sip:user@host");
        }
        return uri.startsWith("sips:") ? "sip:" + uri.substring(5) : uri;
    }

    /** The change goes to compliance as the room's state after it: settings and members by role. */
    private RoomDetails recorded(ComplianceEventType type, String admin, RoomDetails details) {
        RoomSummary room = details.room();
        String state = "name=" + room.name() + "; category=" + room.category() + "; privacy=" + room.privacy()
                + "; type=" + room.type() + "; disabled=" + room.disabled() + "; filepost=" + room.filePost()
                + "; invite=" + room.invite() + "; logged=" + room.logged() + "; members=" + details.members()
                + "; managers=" + details.managers() + "; presenters=" + details.presenters();
        compliance.record(type, room.uri(), room.name(), admin, clock.instant(), state);
        return details;
    }

    private RoomDetails details(Room room) {
        Map<String, Set<MemberRole>> members = rooms.members(room);
        return new RoomDetails(RoomSummary.of(room, domain, members.size()),
                holding(members, MemberRole.MEMBER), holding(members, MemberRole.MANAGER), holding(members, MemberRole.PRESENTER));
    }

    private static List<String> holding(Map<String, Set<MemberRole>> members, MemberRole role) {
        return members.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey).toList();
    }
}
