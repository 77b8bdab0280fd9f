package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/import-sfb.sh against a real server, with the sample exports README's migration example
 * uses (src/test/resources/migration: Get-CsPersistentChatCategory and Get-CsPersistentChatRoom as
 * Export-Csv writes them, two compliance XML files): a dry run changes nothing, the import makes
 * the categories and rooms and puts the history in the rooms in its original order and time,
 * archived as imported events; a second run adds nothing; bad rows are refused with their lines,
 * and a refusal half-way leaves nothing behind.
 */
@ExtendWith(ArquillianExtension.class)
class ImportIT {

    private static final Path SAMPLES = Path.of("src/test/resources/migration");
    private static final String CHANNEL = "channel-it-node";

    private final AdminApi admin = new AdminApi();
    private final AuditApi auditor = new AuditApi();

    @Deployment(name = "groupchat", testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void theSampleExportsComeInOnceWithTheirHistoryInOrder(@TempDir Path dir) throws Exception {
        String suffix = unique("");
        String[] samples = {"--categories", copy("categories.csv", dir, suffix), "--rooms", copy("rooms.csv", dir, suffix),
                "--history", copy("history/compliance-20240304T080000Z-20240304T090000Z.xml", dir, suffix),
                "--history", copy("history/compliance-20240304T090000Z-20240304T100000Z.xml", dir, suffix)};

        Result dryRun = importSfb(samples, "--dry-run");
        assertEquals(0, dryRun.status, dryRun.toString());
        assertContains(dryRun.out, "category Trading" + suffix + ": create");
        assertContains(dryRun.out, "room Research" + suffix + "/Models" + suffix + ": create");
        assertContains(dryRun.out, "history Trading" + suffix + "/Desk chatter" + suffix + ": 3 messages to import posted 2024-03-04T08:00:00Z to 2024-03-04T08:05:00Z,"
                + " 2 joins, parts and file events left out");
        assertContains(dryRun.out, "dry run: nothing changed; categories 2 to create, 0 to change, 0 unchanged;"
                + " rooms 4 to create, 0 to change, 0 unchanged; messages 5 to import, 0 imported before");
        assertFalse(admin.categories("GET", "", null).body().contains("\"name\":\"Trading" + suffix + "\""), "the dry run made a category");

        Result imported = importSfb(samples);
        assertEquals(0, imported.status, imported.toString());
        assertContains(imported.out, "imported: categories 2 to create, 0 to change, 0 unchanged; rooms 4 to create, 0 to change, 0 unchanged;"
                + " messages 5 to import, 0 imported before");
        assertContains(imported.err, "100% (11 of 11)"); // 2 categories, 4 rooms, 5 messages

        JsonObject models = room("Models" + suffix);
        assertEquals("CLOSED", models.getString("privacy"));
        assertEquals("Research" + suffix, models.getString("category"));
        String modelsDetails = admin.send("GET", "/" + models.getInt("id"), null).body();
        assertContains(modelsDetails, "\"members\":[\"sip:rachel@groupchat.test\",\"sip:reader@groupchat.test\"]");
        assertContains(modelsDetails, "\"managers\":[\"sip:tom@groupchat.test\"]");
        assertEquals("AUDITORIUM", room("Morning call" + suffix).getString("type"));
        assertTrue(room("Old desk" + suffix).getBoolean("disabled"));

        int desk = room("Desk chatter" + suffix).getInt("id");
        String history = history(desk);
        int first = history.indexOf("Morning all, book is flat");
        int second = history.indexOf("Bund futures gapping lower");
        int third = history.indexOf("Rates are falling on the open");
        assertTrue(first >= 0 && first < second && second < third, "not in the original order: " + history);
        assertContains(history, "ts=\"2024-03-04T08:00:00Z\"");
        assertContains(history, "Desk view, 4 March");
        assertContains(history(models.getInt("id")), "Reviewed: &lt;fine&gt;");

        String deskUri = "ma-chan://groupchat.test/" + desk;
        List<JsonObject> events = auditor.eventsOnceArchived(deskUri, "HISTORY_IMPORTED");
        List<JsonObject> messages = events.stream().filter(e -> e.getString("type").equals("MESSAGE_IMPORTED")).toList();
        assertEquals(List.of("sip:tom@groupchat.test", "sip:ulla@groupchat.test", "sip:tom@groupchat.test"),
                messages.stream().map(e -> e.getString("user")).toList(), events.toString());
        assertEquals("2024-03-04T08:00:00Z", messages.get(0).getString("occurredAt"));
        JsonObject summary = events.stream().filter(e -> e.getString("type").equals("HISTORY_IMPORTED")).findFirst().orElseThrow();
        assertEquals("admin", summary.getString("user"));
        assertContains(summary.getString("content"), "messages=3; firstSequence=1; lastSequence=3; postedFrom=2024-03-04T08:00:00Z");

        Result again = importSfb(samples);
        assertEquals(0, again.status, again.toString());
        assertContains(again.out, "imported: categories 0 to create, 0 to change, 2 unchanged; rooms 0 to create, 0 to change, 4 unchanged;"
                + " messages 0 to import, 5 imported before");
        String historyAgain = history(desk);
        assertEquals(1, historyAgain.split("Morning all, book is flat", -1).length - 1, "imported twice: " + historyAgain);
    }

    @Test
    void badRowsAreRefusedWithTheirLinesAndARefusalHalfWayLeavesNothing(@TempDir Path dir) throws Exception {
        String walled = unique("Walled");
        Path categories = Files.writeString(dir.resolve("categories.csv"), "Name,AllowedMembers,DeniedMembers,Creators\n"
                + walled + ",@groupchat.test,sip:intern@groupchat.test,\n");
        Path badRooms = Files.writeString(dir.resolve("rooms.csv"), "Name,Category,Privacy,Members\n"
                + "Fine," + walled + ",Open,\n"
                + "Odd," + walled + ",Public,sip:ann@groupchat.test\n"
                + "Odder," + walled + ",Closed,CN=Desk;OU=Groups\n");
        Result refused = importSfb("--categories", categories.toString(), "--rooms", badRooms.toString());
        assertEquals(1, refused.status, refused.toString());
        assertContains(refused.out, "rooms.csv line 3: Privacy 'Public' is not one of [Open, Closed, Secret]");
        assertContains(refused.out, "rooms.csv line 4: Members entry 'CN=Desk' is a directory name");
        assertContains(refused.err, "refused (400): nothing was imported");

        // the rows are right, but the category's wall keeps the intern out: found while applying, after the category was made
        Path walledRooms = Files.writeString(dir.resolve("rooms.csv"), "Name,Category,Privacy,Members\n"
                + "Fine," + walled + ",Open,\n"
                + "Interns," + walled + ",Closed,sip:intern@groupchat.test\n");
        Result halfWay = importSfb("--categories", categories.toString(), "--rooms", walledRooms.toString());
        assertEquals(1, halfWay.status, halfWay.toString());
        assertContains(halfWay.out, "refused: rooms.csv line 3: sip:intern@groupchat.test cannot be in Interns");
        assertFalse(admin.categories("GET", "", null).body().contains(walled), "the refused import left its category behind");
        assertFalse(admin.send("GET", "", null).body().contains("\"name\":\"Fine\""), "the refused import left a room behind");
    }

    @Test
    void historyOlderThanARoomsMessagesIsRefused(@TempDir Path dir) throws Exception {
        String name = unique("busy");
        long room = admin.createRoom("{\"name\":\"" + name + "\",\"privacy\":\"OPEN\"}");
        // the poster stays in the room while the history is read: its part would reach the reader mid-scenario
        try (RawParticipant poster = RawParticipant.join("poster", room)) {
            poster.post("ma-chan://groupchat.test/" + room, "today's news");
            assertTrue(poster.awaitAnswers(1, 10), "the post was not answered");
            refuseOlderHistory(dir, name, room);
        }
    }

    private void refuseOlderHistory(Path dir, String name, long room) throws Exception {
        Path history = Files.writeString(dir.resolve("old.xml"), "<?xml version=\"1.0\"?>\n<Conversations><Conversation>\n"
                + "<Channel uri=\"ma-chan://old/1\" name=\"" + name + "\"/><Messages>\n"
                + "<Message type=\"CHAT\" content=\"yesterday's news\" id=\"7\"><Sender uri=\"tom@groupchat.test\"/>"
                + "<DateTimeUTC since1970=\"1700000000000\"/></Message>\n</Messages></Conversation></Conversations>\n");
        Result refused = importSfb("--history", history.toString());
        assertEquals(1, refused.status, refused.toString());
        assertContains(refused.out, "old.xml line 4: room root/" + name + " has messages up to ");
        assertFalse(history(room).contains("yesterday's news"));
    }

    /**
     * The sample file, copied with this run's suffix on every category, room and channel name, so
     * that the test finds none of them made already (by an earlier run on the same database).
     */
    private static String copy(String sample, Path dir, String suffix) throws IOException {
        String text = Files.readString(SAMPLES.resolve(sample), StandardCharsets.UTF_8);
        for (String name : List.of("Trading", "Research", "Desk chatter", "Morning call", "Models", "Old desk")) {
            text = text.replace("\\" + name + "\"", "\\" + name + suffix + "\"").replace("\"" + name + "\"", "\"" + name + suffix + "\"");
        }
        Path copy = dir.resolve(sample.replace('/', '-'));
        Files.writeString(copy, text.replace("ma-chan://atl-pchat-001.contoso.com/", "ma-chan://atl-pchat-001.contoso.com/" + suffix));
        return copy.toString();
    }

    /** The room of that name, as the administration API lists it. */
    private JsonObject room(String name) throws Exception {
        try (JsonReader reader = Json.createReader(new StringReader(admin.send("GET", "", null).body()))) {
            return reader.readArray().getValuesAs(JsonObject.class).stream().filter(r -> r.getString("name").equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no room " + name));
        }
    }

    private static String history(long room) throws Exception {
        return Sipp.start("channel-history", Sipp.Transport.TCP, List.of("reader", Long.toString(room), "-", CHANNEL))
                .await().assertPassed().log();
    }

    private static Result importSfb(String[] samples, String... more) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(samples));
        arguments.addAll(List.of(more));
        return importSfb(arguments.toArray(String[]::new));
    }

    /** The script as an administrator runs it, against the server under test. */
    private static Result importSfb(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("../scripts/import-sfb.sh", "--server", "https://127.0.0.1:" + Sipp.httpsPort(),
                "--insecure"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("GROUPCHAT_PASSWORD", System.getProperty("it.admin.password"));
        Path out = Files.createTempFile("import-sfb", ".out");
        Path err = Files.createTempFile("import-sfb", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "import-sfb.sh did not end");
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "exit " + status + "\n" + out + err;
        }
    }
}
