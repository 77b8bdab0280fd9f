package org.groupchat.channel;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rooms, their members and messages, categories, invitations and preferences: every chat query lives here. */
@Stateless
public class RoomRepository {

    @PersistenceContext(unitName = "chat")
    private EntityManager entityManager;

    public Optional<Room> room(long id) {
        return Optional.ofNullable(entityManager.find(Room.class, id));
    }

    /**
     * Takes the room's next message number in the database itself: the update locks the room's row
     * until the transaction ends, and computes the number from the latest committed value, so two
     * posts, on one node or two, never get the same number, and numbers follow commit order. (A
     * pessimistic find is not enough: Hibernate reads the room with its category joined and then
     * locks the row by a second select, so the number it would increment was read before the lock.)
     */
    public long takeNextSequence(long roomId) {
        return takeSequences(roomId, 1);
    }

    /** Takes the room's next {@code count} message numbers at once, as {@link #takeNextSequence} one; says the first. */
    public long takeSequences(long roomId, int count) {
        // Plain SQL (the schema's, see db/chat): every post runs these two, and Hibernate
        // translates a bulk HQL update anew on each run.
        entityManager.createNativeQuery("update room set last_sequence = last_sequence + ?1 where id = ?2")
                .setParameter(1, (long) count).setParameter(2, roomId).executeUpdate();
        Number last = (Number) entityManager.createNativeQuery("select last_sequence from room where id = ?1")
                .setParameter(1, roomId).getSingleResult();
        return last.longValue() - count + 1;
    }

    /** A message brought from elsewhere (an import): its author, time and text as the source had them. */
    public ChatMessage addImported(long roomId, long sequence, String author, Instant postedAt, ChatPost post) {
        ChatMessage message = new ChatMessage(entityManager.getReference(Room.class, roomId), sequence, author, postedAt, post);
        entityManager.persist(message);
        return message;
    }

    /** When the room's latest message was posted, if it has one. */
    public Optional<Instant> latestPostedAt(long roomId) {
        return Optional.ofNullable(entityManager.createQuery("select max(m.postedAt) from ChatMessage m where m.room.id = :room", Instant.class)
                .setParameter("room", roomId).getSingleResult());
    }

    /** Rooms of any category with this name. */
    public List<Room> roomsNamed(String name) {
        return entityManager.createQuery("select r from Room r where r.name = :name order by r.id", Room.class)
                .setParameter("name", name).getResultList();
    }

    /** Writes what the transaction has changed so far and forgets it: a long import keeps its memory flat. */
    public void flushAndClear() {
        entityManager.flush();
        entityManager.clear();
    }

    public List<Room> rooms() {
        return entityManager.createQuery("select r from Room r order by r.id", Room.class).getResultList();
    }

    /** Enabled rooms whose name or description contains the text (any case), by name. */
    public List<Room> searchEnabled(String text, int limit) {
        return entityManager.createQuery("select r from Room r where r.disabled = false and "
                        + "(lower(r.name) like :pattern or lower(r.description) like :pattern) order by r.name, r.id", Room.class)
                .setParameter("pattern", "%" + text.toLowerCase().replace("%", "").replace("_", "") + "%")
                .setMaxResults(limit)
                .getResultList();
    }

    public Optional<Room> roomNamed(Category category, String name) {
        return entityManager.createQuery("select r from Room r where r.category = :category and r.name = :name", Room.class)
                .setParameter("category", category)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    public void add(Object entity) {
        entityManager.persist(entity);
    }

    /** The user's roles in the room: held directly, or through a group the room names. */
    public Set<MemberRole> roles(Room room, String user) {
        // One query with the user's groups as a subquery, not a list of holders bound in: every
        // post asks this, and a list parameter makes Hibernate translate the query anew each time.
        List<MemberRole> roles = entityManager.createQuery(
                        "select m.role from Membership m where m.room = :room and (m.user = :user or m.user in "
                                + "(select concat('" + UserGroup.PREFIX + "', g.name) from UserGroup g join g.members u where u = :user))",
                        MemberRole.class)
                .setParameter("room", room)
                .setParameter("user", user)
                .getResultList();
        return roles.isEmpty() ? EnumSet.noneOf(MemberRole.class) : EnumSet.copyOf(roles);
    }

    /** The user's roles among the room's members (as {@link #members} reads them), as {@link #roles} finds them. */
    public Set<MemberRole> rolesAmong(Map<String, Set<MemberRole>> members, String user) {
        Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
        holdersOf(user).forEach(holder -> roles.addAll(members.getOrDefault(holder, Set.of())));
        return roles;
    }

    /** The names a membership of the user can be under: the user's own and each of its groups'. */
    private List<String> holdersOf(String user) {
        List<String> holders = new ArrayList<>(groupsOf(user).stream().map(group -> UserGroup.PREFIX + group).toList());
        holders.add(user);
        return holders;
    }

    /** The rooms whose member, manager or presenter lists name the holder (a user, or {@code group:NAME}). */
    public List<Room> roomsNaming(String holder) {
        return entityManager.createQuery("select distinct m.room from Membership m where m.user = :holder", Room.class)
                .setParameter("holder", holder).getResultList();
    }

    /** Every member of the room with their roles, in the order they were added. */
    public Map<String, Set<MemberRole>> members(Room room) {
        Map<String, Set<MemberRole>> members = new LinkedHashMap<>();
        entityManager.createQuery("select m from Membership m where m.room = :room order by m.id", Membership.class)
                .setParameter("room", room)
                .getResultStream()
                .forEach(m -> members.computeIfAbsent(m.getUser(), user -> EnumSet.noneOf(MemberRole.class)).add(m.getRole()));
        return members;
    }

    public long memberCount(Room room) {
        return entityManager.createQuery("select count(distinct m.user) from Membership m where m.room = :room", Long.class)
                .setParameter("room", room)
                .getSingleResult();
    }

    public void removeMemberships(Room room, MemberRole role) {
        entityManager.createQuery("delete from Membership m where m.room = :room and m.role = :role")
                .setParameter("room", room)
                .setParameter("role", role)
                .executeUpdate();
    }

    /** The room's last {@code count} messages, oldest first. */
    public Optional<ChatMessage> message(Room room, long sequence) {
        return entityManager.createQuery("select m from ChatMessage m where m.room = :room and m.sequence = :sequence", ChatMessage.class)
                .setParameter("room", room).setParameter("sequence", sequence).getResultStream().findFirst();
    }

    public List<ChatMessage> messagesBetween(long roomId, long from, long to) {
        return entityManager.createQuery("select m from ChatMessage m where m.room.id = :room"
                        + " and m.sequence between :from and :to order by m.sequence", ChatMessage.class)
                .setParameter("room", roomId).setParameter("from", from).setParameter("to", to)
                .getResultList();
    }

    public List<ChatMessage> lastMessages(Room room, int count) {
        List<ChatMessage> messages = new ArrayList<>(entityManager.createQuery(
                        "select m from ChatMessage m where m.room = :room order by m.sequence desc", ChatMessage.class)
                .setParameter("room", room)
                .setMaxResults(count)
                .getResultList());
        Collections.reverse(messages);
        return messages;
    }

    public Optional<Category> rootCategory() {
        return entityManager.createQuery("select c from Category c where c.parent is null order by c.id", Category.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    public List<Category> categories() {
        return entityManager.createQuery("select c from Category c order by c.id", Category.class).getResultList();
    }

    public Optional<Category> category(long id) {
        return Optional.ofNullable(entityManager.find(Category.class, id));
    }

    public List<Room> roomsIn(Collection<Category> categories) {
        return entityManager.createQuery("select r from Room r where r.category in :categories order by r.id", Room.class)
                .setParameter("categories", categories).getResultList();
    }

    /** Takes the user out of the room in every role. */
    public void removeMember(Room room, String user) {
        entityManager.createQuery("delete from Membership m where m.room = :room and m.user = :user")
                .setParameter("room", room).setParameter("user", user).executeUpdate();
    }

    /** The names of the groups the user is in. */
    public List<String> groupsOf(String user) {
        return entityManager.createQuery("select g.name from UserGroup g join g.members m where m = :user", String.class)
                .setParameter("user", user).getResultList();
    }

    public Optional<UserGroup> group(String name) {
        return entityManager.createQuery("select g from UserGroup g where g.name = :name", UserGroup.class)
                .setParameter("name", name).getResultStream().findFirst();
    }

    public List<UserGroup> groups() {
        return entityManager.createQuery("select g from UserGroup g order by g.name", UserGroup.class).getResultList();
    }

    public Optional<Category> categoryNamed(String name) {
        return entityManager.createQuery("select c from Category c where c.name = :name order by c.id", Category.class)
                .setParameter("name", name)
                .setMaxResults(1).getResultStream().findFirst();
    }

    public List<Invitation> pendingInvitations(String user) {
        return entityManager.createQuery("select i from Invitation i where i.user = :user and i.accepted = false "
                        + "and i.room.disabled = false order by i.id", Invitation.class)
                .setParameter("user", user)
                .getResultList();
    }

    public List<Invitation> pendingInvitations(String user, Room room) {
        return entityManager.createQuery("select i from Invitation i where i.user = :user and i.room = :room "
                        + "and i.accepted = false", Invitation.class)
                .setParameter("user", user)
                .setParameter("room", room)
                .getResultList();
    }

    public Optional<Preference> preference(String user, String label) {
        return entityManager.createQuery("select p from Preference p where p.user = :user and p.label = :label", Preference.class)
                .setParameter("user", user)
                .setParameter("label", label)
                .getResultStream().findFirst();
    }
}
