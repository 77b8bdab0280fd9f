package org.groupchat.migration;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.groupchat.channel.Category;
import org.groupchat.channel.CategoryAdministration;
import org.groupchat.channel.CategorySpec;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.ChatPost;
import org.groupchat.channel.MemberRole;
import org.groupchat.channel.Room;
import org.groupchat.channel.RoomAdministration;
import org.groupchat.channel.RoomRepository;
import org.groupchat.channel.RoomSpec;
import org.groupchat.channel.RoomUri;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.migration.ImportPlan.Action;
import org.groupchat.migration.ImportPlan.CategoryStep;
import org.groupchat.migration.ImportPlan.HistoryStep;
import org.groupchat.migration.ImportPlan.RoomStep;
import org.jboss.ejb3.annotation.TransactionTimeout;

/**
 * Brings what was read from Skype for Business's exports into this server: categories and rooms
 * created or changed to match the CSV (members are not invited: they were members there), each
 * room's history appended in its original order and time, each message archived as
 * MESSAGE_IMPORTED and each room's import as HISTORY_IMPORTED. All of it in one transaction:
 * an import that fails changes nothing. A message imported before (its source's channel and id)
 * is skipped, so running the same files again adds nothing.
 */
@Stateless
public class SfbImport {

    private static final Logger LOG = Logger.getLogger(SfbImport.class.getName());
    /** Messages numbered, stored and archived per round; the transaction's memory is let go every few rounds. */
    private static final int BATCH = 500;
    private static final int CLEAR_EVERY = 4 * BATCH;

    @EJB
    private RoomRepository rooms;

    @EJB
    private CategoryAdministration categoryAdministration;

    @EJB
    private RoomAdministration roomAdministration;

    @EJB
    private ComplianceRecorder compliance;

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    private final Clock clock = Clock.systemUTC();
    private String domain;

    @PostConstruct
    void readSettings() {
        domain = GroupchatSettings.current().domain();
    }

    /** What importing the source would change; its problems say why it would be refused. */
    public ImportPlan plan(ImportSource source) {
        ImportPlan plan = new ImportPlan();
        Map<String, CategoryRow> categoryRows = new LinkedHashMap<>();
        for (CategoryRow row : source.categories()) {
            if (categoryRows.putIfAbsent(row.name(), row) != null) {
                plan.problems.add(new ImportProblem(row.file(), row.line(), "category " + row.name() + " is listed twice (first at line "
                        + categoryRows.get(row.name()).line() + ")"));
            } else {
                plan.categories.add(categoryStep(row, plan.problems));
            }
        }
        Map<RoomKey, RoomRow> roomRows = new LinkedHashMap<>();
        for (RoomRow row : source.rooms()) {
            RoomKey key = new RoomKey(row.category(), row.name());
            if (roomRows.putIfAbsent(key, row) != null) {
                plan.problems.add(new ImportProblem(row.file(), row.line(), "room " + key + " is listed twice (first at line "
                        + roomRows.get(key).line() + ")"));
            } else {
                roomStep(row, categoryRows.containsKey(row.category()), plan.problems).ifPresent(plan.rooms::add);
            }
        }
        planHistory(source.conversations(), roomRows.keySet(), plan);
        return plan;
    }

    /** Applies the source as {@link #plan} says, or changes nothing and says why. */
    @TransactionTimeout(value = 1, unit = TimeUnit.HOURS)
    public ImportPlan apply(String admin, ImportSource source, ImportProgress progress) {
        ImportPlan plan = plan(source);
        if (!plan.problems.isEmpty()) {
            throw new ImportRefused(plan.problems);
        }
        Progress done = new Progress(progress, plan.steps());
        for (CategoryStep step : plan.categories) {
            refusedAt(step.row().file(), step.row().line(), () -> {
                if (step.action() == Action.CREATE) {
                    categoryAdministration.create(admin, step.spec());
                } else if (step.action() == Action.CHANGE) {
                    categoryAdministration.update(admin, step.id(), step.spec());
                }
            });
            if (step.action() != Action.SAME) {
                done.step();
            }
        }
        for (RoomStep step : plan.rooms) {
            refusedAt(step.row().file(), step.row().line(), () -> {
                if (step.action() == Action.CREATE) {
                    roomAdministration.createImported(admin, step.spec(), step.row().disabled());
                } else if (step.action() == Action.CHANGE) {
                    roomAdministration.updateImported(admin, step.id(), step.spec(), step.row().disabled());
                }
            });
            if (step.action() != Action.SAME) {
                done.step();
            }
        }
        for (HistoryStep history : plan.histories) {
            importHistory(admin, history, done);
        }
        LOG.info(() -> "import by " + admin + ": " + plan.summary());
        return plan;
    }

    private void importHistory(String admin, HistoryStep history, Progress done) {
        if (history.messages().isEmpty()) {
            return;
        }
        long roomId = history.roomId() != null ? history.roomId()
                : rooms.roomNamed(rooms.categoryNamed(history.category()).orElseThrow(), history.room()).orElseThrow().getId();
        String roomUri = new RoomUri(domain, roomId).toString();
        Instant now = clock.instant();
        List<HistoryMessage> messages = history.messages();
        long firstSequence = 0;
        long sinceClear = 0;
        for (int from = 0; from < messages.size(); from += BATCH) {
            List<HistoryMessage> batch = messages.subList(from, Math.min(messages.size(), from + BATCH));
            long sequence = rooms.takeSequences(roomId, batch.size());
            firstSequence = from == 0 ? sequence : firstSequence;
            for (HistoryMessage message : batch) {
                ChatPost post = new ChatPost(message.text(), message.storyTitle(), message.alert());
                rooms.addImported(roomId, sequence, message.sender(), message.postedAt(), post);
                chat.persist(new ImportedMessage(message.sourceKey(), roomId, sequence, now));
                compliance.recordImported(roomUri, history.room(), message.sender(), message.postedAt(), message.text(),
                        message.storyTitle(), message.alert(), sequence);
                sequence++;
                done.step();
            }
            sinceClear += batch.size();
            if (sinceClear >= CLEAR_EVERY) {
                rooms.flushAndClear();
                sinceClear = 0;
            }
        }
        long lastSequence = firstSequence + messages.size() - 1;
        String counts = "messages=" + messages.size() + "; firstSequence=" + firstSequence + "; lastSequence=" + lastSequence
                + "; postedFrom=" + messages.get(0).postedAt() + "; postedTo=" + messages.get(messages.size() - 1).postedAt()
                + "; importedBefore=" + history.importedBefore() + "; otherEventsLeftOut=" + history.skipped()
                + "; channels=" + history.channels() + "; files=" + history.files();
        compliance.record(ComplianceEventType.HISTORY_IMPORTED, roomUri, history.room(), admin, now, counts);
        LOG.info(() -> "room " + roomUri + " (" + history.category() + "/" + history.room() + "): history imported by " + admin + ", " + counts);
    }

    private CategoryStep categoryStep(CategoryRow row, List<ImportProblem> problems) {
        Set<String> allowed = categoryEntries(row, "AllowedMembers", row.allowedMembers(), problems);
        Set<String> denied = categoryEntries(row, "DeniedMembers", row.deniedMembers(), problems);
        Set<String> creators = categoryEntries(row, "Creators", row.creators(), problems);
        CategorySpec spec = new CategorySpec(row.name(), null, List.copyOf(allowed), List.copyOf(denied), List.copyOf(creators), null,
                row.filePost(), row.invite(), null);
        Optional<Category> existing = rooms.categoryNamed(row.name());
        if (existing.isEmpty()) {
            return new CategoryStep(row, Action.CREATE, null, spec, List.of());
        }
        Category category = existing.get();
        List<String> differences = new ArrayList<>();
        differs(differences, "allowedMembers", allowed, category.getAllowedMembers());
        differs(differences, "deniedMembers", denied, category.getDeniedMembers());
        differs(differences, "creators", creators, category.getAllowedCreators());
        if (row.filePost() != null && !row.filePost().equals(category.getFilePost())) {
            differences.add("fileUpload");
        }
        if (row.invite() != null && !row.invite().equals(category.getInvite())) {
            differences.add("invitations");
        }
        return new CategoryStep(row, differences.isEmpty() ? Action.SAME : Action.CHANGE, category.getId(), spec, differences);
    }

    private Optional<RoomStep> roomStep(RoomRow row, boolean categoryInCsv, List<ImportProblem> problems) {
        Optional<Category> category = rooms.categoryNamed(row.category());
        if (category.isEmpty() && !categoryInCsv) {
            problems.add(new ImportProblem(row.file(), row.line(), "category " + row.category() + " is neither in the categories CSV nor on this server"));
            return Optional.empty();
        }
        Map<MemberRole, Set<String>> given = Map.of(MemberRole.MEMBER, memberEntries(row, row.members(), problems),
                MemberRole.MANAGER, memberEntries(row, row.managers(), problems),
                MemberRole.PRESENTER, memberEntries(row, row.presenters(), problems));
        RoomSpec spec = new RoomSpec(row.name(), row.description(), null, row.category(), row.privacy(), row.type(), row.filePost(),
                row.invite(), null, List.copyOf(given.get(MemberRole.MEMBER)), List.copyOf(given.get(MemberRole.MANAGER)),
                List.copyOf(given.get(MemberRole.PRESENTER)));
        Optional<Room> existing = category.flatMap(c -> rooms.roomNamed(c, row.name()));
        if (existing.isEmpty()) {
            return Optional.of(new RoomStep(row, Action.CREATE, null, spec, List.of()));
        }
        Room room = existing.get();
        List<String> differences = new ArrayList<>();
        if (!Objects.equals(nullToEmpty(room.getDescription()), row.description())) {
            differences.add("description");
        }
        if (room.getPrivacy() != row.privacy()) {
            differences.add("privacy");
        }
        if (room.getType() != row.type()) {
            differences.add("type");
        }
        if (room.isDisabled() != row.disabled()) {
            differences.add("disabled");
        }
        if (!Objects.equals(room.getInviteOption(), row.invite())) {
            differences.add("invitations");
        }
        if (!Objects.equals(room.getFilePostOption(), row.filePost())) {
            differences.add("fileUpload");
        }
        Map<String, Set<MemberRole>> members = rooms.members(room);
        for (MemberRole role : MemberRole.values()) {
            Set<String> holding = members.entrySet().stream().filter(e -> e.getValue().contains(role)).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            differs(differences, role.name().toLowerCase(Locale.ROOT) + "s", given.getOrDefault(role, Set.of()), holding);
        }
        return Optional.of(new RoomStep(row, differences.isEmpty() ? Action.SAME : Action.CHANGE, room.getId(), spec, differences));
    }

    /** A room list's entries as the room keeps them (the administration's own check); a bad one is the row's problem. */
    private Set<String> memberEntries(RoomRow row, List<String> entries, List<ImportProblem> problems) {
        return checked(entries, roomAdministration::memberEntry, row.file(), row.line(), problems);
    }

    /** A category list's entries as the category keeps them (the administration's own check). */
    private Set<String> categoryEntries(CategoryRow row, String column, List<String> entries, List<ImportProblem> problems) {
        return checked(entries, entry -> categoryAdministration.listEntry(column, entry), row.file(), row.line(), problems);
    }

    private static Set<String> checked(List<String> entries, UnaryOperator<String> check, String file, long line,
                                       List<ImportProblem> problems) {
        Set<String> checked = new LinkedHashSet<>();
        for (String entry : entries) {
            try {
                checked.add(check.apply(entry));
            } catch (ChannelRefusal refusal) {
                problems.add(new ImportProblem(file, line, refusal.getMessage()));
            }
        }
        return checked;
    }

    /**
     * Finds each conversation's room (the one its messages went to in an earlier run, else the
     * one room of its name among the CSV's and the server's) and what of it is new.
     */
    private void planHistory(List<Conversation> conversations, Set<RoomKey> roomsInCsv, ImportPlan plan) {
        Map<String, Long> importedBefore = importedBefore(conversations.stream()
                .flatMap(c -> c.messages().stream()).map(HistoryMessage::sourceKey).distinct().toList());
        Map<RoomKey, RoomHistory> byRoom = new LinkedHashMap<>();
        for (Conversation conversation : conversations) {
            target(conversation, roomsInCsv, importedBefore, plan.problems)
                    .ifPresent(target -> byRoom.computeIfAbsent(target.key(), key -> new RoomHistory(target.roomId())).add(conversation));
        }
        byRoom.forEach((key, room) -> {
            List<HistoryMessage> fresh = room.messages.values().stream().filter(m -> !importedBefore.containsKey(m.sourceKey()))
                    .sorted(Comparator.comparing(HistoryMessage::postedAt)).toList(); // stable: equal times keep the files' order
            if (room.roomId != null && !fresh.isEmpty()) {
                HistoryMessage first = fresh.get(0);
                rooms.latestPostedAt(room.roomId).filter(latest -> latest.isAfter(first.postedAt())).ifPresent(latest ->
                        plan.problems.add(new ImportProblem(first.file(), first.line(), "room " + key + " has messages up to " + latest
                                + ", after this one (" + first.postedAt() + "): history is imported before a room's newer messages, "
                                + "into a new room or one whose messages are all older")));
            }
            plan.histories.add(new HistoryStep(key.category(), key.name(), room.roomId, fresh, room.messages.size() - fresh.size(),
                    room.skipped, room.channels, room.files));
        });
    }

    /** The conversation's room, and its id when it exists already; empty (a problem noted) when there is not exactly one. */
    private Optional<Target> target(Conversation conversation, Set<RoomKey> roomsInCsv, Map<String, Long> importedBefore,
                                    List<ImportProblem> problems) {
        Set<Long> before = conversation.messages().stream().map(m -> importedBefore.get(m.sourceKey())).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<RoomKey, Long> candidates = new LinkedHashMap<>();
        if (before.size() == 1) {
            rooms.room(before.iterator().next()).ifPresent(room -> candidates.put(RoomKey.of(room), room.getId()));
        } else {
            roomsInCsv.stream().filter(key -> key.name().equals(conversation.channelName())).forEach(key -> candidates.put(key, null));
            for (Room room : rooms.roomsNamed(conversation.channelName())) {
                candidates.put(RoomKey.of(room), room.getId());
            }
        }
        if (candidates.size() != 1) {
            problems.add(new ImportProblem(conversation.file(), conversation.line(), candidates.isEmpty()
                    ? "there is no room " + conversation.channelName() + " (neither in the rooms CSV nor on this server) for "
                            + conversation.channelUri()
                    : candidates.size() + " rooms are named " + conversation.channelName() + " (" + candidates.keySet()
                            + "): rename all but one before importing its history"));
            return Optional.empty();
        }
        Map.Entry<RoomKey, Long> found = candidates.entrySet().iterator().next();
        return Optional.of(new Target(found.getKey(), found.getValue()));
    }

    /** Which of these source keys an earlier import brought in, and into which room. */
    private Map<String, Long> importedBefore(List<String> keys) {
        Map<String, Long> imported = new HashMap<>();
        for (int from = 0; from < keys.size(); from += BATCH) {
            chat.createQuery("select i.sourceKey, i.roomId from ImportedMessage i where i.sourceKey in :keys", Object[].class)
                    .setParameter("keys", keys.subList(from, Math.min(keys.size(), from + BATCH)))
                    .getResultList().forEach(row -> imported.put((String) row[0], (Long) row[1]));
        }
        return imported;
    }

    /** A refusal of one row's change names the row: the whole import is refused with it. */
    private static void refusedAt(String file, long line, Runnable change) {
        try {
            change.run();
        } catch (ChannelRefusal refusal) {
            throw new ImportRefused(List.of(new ImportProblem(file, line, refusal.getMessage())));
        }
    }

    private static void differs(List<String> differences, String field, Set<String> given, Set<String> held) {
        if (!given.equals(held)) {
            differences.add(field);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A room by its category's name and its own. */
    record RoomKey(String category, String name) {

        static RoomKey of(Room room) {
            return new RoomKey(room.getCategory().getName(), room.getName());
        }

        @Override
        public String toString() {
            return category + "/" + name;
        }
    }

    /** A conversation's room: its key, and its id when it exists already. */
    private record Target(RoomKey key, Long roomId) {
    }

    /** A room's history as the conversations for it are read: messages once each, by source key. */
    private static final class RoomHistory {

        private final Long roomId;
        private final Map<String, HistoryMessage> messages = new LinkedHashMap<>();
        private final Set<String> channels = new LinkedHashSet<>();
        private final Set<String> files = new LinkedHashSet<>();
        private int skipped;

        RoomHistory(Long roomId) {
            this.roomId = roomId;
        }

        void add(Conversation conversation) {
            conversation.messages().forEach(message -> messages.putIfAbsent(message.sourceKey(), message));
            channels.add(conversation.channelUri());
            files.add(conversation.file());
            skipped += conversation.skipped();
        }
    }

    /** Steps done so far, told to the listener at most every hundredth of the way and at the end. */
    private static final class Progress {

        private final ImportProgress listener;
        private final long total;
        private final long every;
        private long done;

        Progress(ImportProgress listener, long total) {
            this.listener = listener;
            this.total = total;
            this.every = Math.max(1, total / 100);
            listener.advanced(0, total);
        }

        void step() {
            done++;
            if (done % every == 0 || done == total) {
                listener.advanced(done, total);
            }
        }
    }
}
