package org.groupchat.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.groupchat.channel.CategorySpec;
import org.groupchat.channel.RoomSpec;

/**
 * What an import changes, worked out against the server as it is before anything changes: the
 * dry run lists it, the import applies it (worked out again in its own transaction).
 */
public final class ImportPlan {

    enum Action { CREATE, CHANGE, SAME }

    /** A category of the CSV, and what the import does with it; {@code id} when it exists. */
    record CategoryStep(CategoryRow row, Action action, Long id, CategorySpec spec, List<String> differences) {
    }

    record RoomStep(RoomRow row, Action action, Long id, RoomSpec spec, List<String> differences) {
    }

    /**
     * A room's history to import: the messages it does not have yet, oldest first.
     *
     * @param roomId null for a room this import creates
     */
    record HistoryStep(String category, String room, Long roomId, List<HistoryMessage> messages, int importedBefore, int skipped,
                       Set<String> channels, Set<String> files) {
    }

    final List<CategoryStep> categories = new ArrayList<>();
    final List<RoomStep> rooms = new ArrayList<>();
    final List<HistoryStep> histories = new ArrayList<>();
    final List<ImportProblem> problems = new ArrayList<>();

    public List<ImportProblem> problems() {
        return List.copyOf(problems);
    }

    /** How many steps applying it takes: each category and room created or changed, each message. */
    public long steps() {
        return categories.stream().filter(c -> c.action() != Action.SAME).count() + rooms.stream().filter(r -> r.action() != Action.SAME).count()
                + messages();
    }

    long messages() {
        return histories.stream().mapToLong(h -> h.messages().size()).sum();
    }

    /** One line per category, room and history: what happens to it. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        categories.forEach(c -> lines.add("category " + c.row().name() + ": " + said(c.action(), c.differences())));
        rooms.forEach(r -> lines.add("room " + r.row().category() + "/" + r.row().name() + ": " + said(r.action(), r.differences())));
        for (HistoryStep h : histories) {
            String span = h.messages().isEmpty() ? "" : " posted " + first(h) + " to " + h.messages().get(h.messages().size() - 1).postedAt();
            lines.add("history " + h.category() + "/" + h.room() + ": " + h.messages().size() + " messages to import" + span
                    + (h.importedBefore() > 0 ? ", " + h.importedBefore() + " imported before" : "")
                    + (h.skipped() > 0 ? ", " + h.skipped() + " joins, parts and file events left out" : ""));
        }
        return lines;
    }

    /** The counts, on one line. */
    public String summary() {
        return "categories " + count(categories.stream().map(CategoryStep::action).toList()) + "; rooms "
                + count(rooms.stream().map(RoomStep::action).toList()) + "; messages " + messages() + " to import, "
                + histories.stream().mapToLong(HistoryStep::importedBefore).sum() + " imported before";
    }

    private static Instant first(HistoryStep history) {
        return history.messages().get(0).postedAt();
    }

    private static String said(Action action, List<String> differences) {
        return switch (action) {
            case CREATE -> "create";
            case CHANGE -> "change " + String.join(", ", differences);
            case SAME -> "unchanged";
        };
    }

    private static String count(List<Action> actions) {
        return actions.stream().filter(a -> a == Action.CREATE).count() + " to create, "
                + actions.stream().filter(a -> a == Action.CHANGE).count() + " to change, "
                + actions.stream().filter(a -> a == Action.SAME).count() + " unchanged";
    }
}
