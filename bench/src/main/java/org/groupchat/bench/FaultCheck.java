package org.groupchat.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The verdict of the fault tests, read from the databases once the servers have stopped: every
 * post answered 200 is in the chat database once and in the compliance database once; every stored
 * message is archived exactly once, with the number it has in its room; each room's numbers run
 * from 1 without a gap or a repeat (handed out one at a time, whichever node stored them); per
 * room, the archive holds the messages in the room's order; the outbox is empty. Prints the
 * counts; exits 1 on any failure.
 *
 * <p>Arguments: ACKED_FILE CHAT_JDBC_URL COMPLIANCE_JDBC_URL [USER PASSWORD] (default sa / sa, H2's).
 */
public final class FaultCheck {

    /** A stored message: its room and its number there. */
    private record Stored(String roomId, long sequence) {
    }

    public static void main(String[] args) throws Exception {
        List<String> acked = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String user = args.length > 3 ? args[3] : "sa";
        String password = args.length > 4 ? args[4] : "sa";
        Map<String, Integer> stored = new HashMap<>();
        Map<String, Stored> storedAs = new HashMap<>();
        Map<String, TreeSet<Long>> sequencesByRoom = new HashMap<>();
        long waitingInOutbox;
        try (Connection chat = DriverManager.getConnection(args[1], user, password); Statement sql = chat.createStatement()) {
            try (ResultSet rows = sql.executeQuery("select text, room_id, sequence from chat_message where text like 'fault:%'")) {
                while (rows.next()) {
                    stored.merge(rows.getString(1), 1, Integer::sum);
                    storedAs.put(rows.getString(1), new Stored(rows.getString(2), rows.getLong(3)));
                    sequencesByRoom.computeIfAbsent(rows.getString(2), room -> new TreeSet<>()).add(rows.getLong(3));
                }
            }
            try (ResultSet rows = sql.executeQuery("select count(*) from compliance_outbox")) {
                rows.next();
                waitingInOutbox = rows.getLong(1);
            }
        }
        Map<String, Integer> archived = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        long outOfOrder = 0;
        long wrongNumber = 0;
        try (Connection compliance = DriverManager.getConnection(args[2], user, password); Statement sql = compliance.createStatement();
             ResultSet rows = sql.executeQuery("select room_uri, content, chat_sequence from compliance_event"
                     + " where event_type = 'CHAT' and content like 'fault:%' order by id")) {
            while (rows.next()) {
                archived.merge(rows.getString(2), 1, Integer::sum);
                Long previous = lastSequence.put(rows.getString(1), rows.getLong(3));
                if (previous != null && rows.getLong(3) <= previous) {
                    outOfOrder++;
                }
                Stored message = storedAs.get(rows.getString(2));
                if (message != null && message.sequence() != rows.getLong(3)) {
                    wrongNumber++;
                }
            }
        }
        // Each room's numbers are 1..N: a gap or a number handed out twice shows as a shortfall.
        long roomsWithGaps = sequencesByRoom.values().stream().filter(numbers -> numbers.first() != 1 || numbers.last() != numbers.size()).count();

        long ackedMissingInChat = 0;
        long ackedMissingInArchive = 0;
        for (String line : acked) {
            String text = line.substring(line.indexOf('\t') + 1);
            ackedMissingInChat += stored.getOrDefault(text, 0) == 1 ? 0 : 1;
            ackedMissingInArchive += archived.getOrDefault(text, 0) == 1 ? 0 : 1;
        }
        long storedTwice = stored.values().stream().filter(n -> n > 1).count();
        long archivedTwice = archived.values().stream().filter(n -> n > 1).count();
        long storedNotArchived = stored.keySet().stream().filter(text -> !archived.containsKey(text)).count();
        long archivedNotStored = archived.keySet().stream().filter(text -> !stored.containsKey(text)).count();

        System.out.printf("acknowledged posts (SIP 200):            %d%n", acked.size());
        System.out.printf("messages in the chat database:          %d (%d of them without an answer to the client)%n",
                stored.size(), stored.size() - acked.size());
        System.out.printf("CHAT events in the compliance database: %d%n", archived.values().stream().mapToInt(Integer::intValue).sum());
        System.out.printf("acknowledged but not exactly once in chat / in compliance: %d / %d%n", ackedMissingInChat, ackedMissingInArchive);
        System.out.printf("stored twice: %d, archived twice: %d, stored not archived: %d, archived not stored: %d%n",
                storedTwice, archivedTwice, storedNotArchived, archivedNotStored);
        System.out.printf("rooms whose numbers are not 1..N: %d, archived with another number: %d%n", roomsWithGaps, wrongNumber);
        System.out.printf("archive out of room order: %d, events still in the outbox: %d%n", outOfOrder, waitingInOutbox);
        boolean passed = ackedMissingInChat == 0 && ackedMissingInArchive == 0 && storedTwice == 0 && archivedTwice == 0
                && storedNotArchived == 0 && archivedNotStored == 0 && roomsWithGaps == 0 && wrongNumber == 0
                && outOfOrder == 0 && waitingInOutbox == 0;
        System.out.println(passed ? "FAULT TEST PASSED" : "FAULT TEST FAILED");
        System.exit(passed ? 0 : 1);
    }
}
