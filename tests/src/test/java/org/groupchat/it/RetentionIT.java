package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention and legal holds on a real server: messages posted over SIP leave a room's history
 * when an administrator clears it or when its category's retention has passed (the fixture makes
 * them older, as the days would), never while a legal hold covers them, and always stay in the
 * compliance archive until the archive's own retention (3,650 days on the test server) passes.
 * Every purge and hold is itself in the archive.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    private static final String CHANNEL = "channel-it-node";
    private static final Pattern HOLD_ID = Pattern.compile("\"id\":(\\d+)");

    private final AdminApi admin = new AdminApi();
    private final AuditApi auditor = new AuditApi();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> holds = new ArrayList<>();

    @Deployment(name = "groupchat", order = 1, testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Deployment(name = "retention-fixture", order = 2, testable = false)
    static WebArchive fixture() {
        return ShrinkWrap.create(WebArchive.class, "retention-fixture.war").addClass(RetentionFixtureServlet.class);
    }

    @AfterEach
    void releaseHolds() throws Exception {
        for (String id : holds) {
            admin.api("DELETE", "/holds/" + id, null);
        }
    }

    @Test
    void clearingARoomRemovesItsHistoryNotItsArchiveAndLegalHoldsKeepWhatTheyCover() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("cleared") + "\",\"privacy\":\"OPEN\"}");
        String gone = "to-be-cleared " + System.nanoTime();
        String held = "held-by-law " + System.nanoTime();
        // the posters stay in the room while the history is read: their parts would reach the reader mid-scenario
        try (RawParticipant clara = RawParticipant.join("clara", room); RawParticipant hal = RawParticipant.join("hal", room)) {
            post(clara, room, gone);
            post(hal, room, held);
            clearUnderHolds(room, gone, held);
        }
    }

    private void clearUnderHolds(long room, String gone, String held) throws Exception {
        String roomUri = "ma-chan://groupchat.test/" + room;

        String roomHold = place("{\"room\":" + room + ",\"reason\":\"case 17: the whole room\"}");
        place("{\"user\":\"sip:HAL@groupchat.test\",\"reason\":\"case 17: hal\"}");
        String before = Instant.now().toString();
        HttpResponse<String> refused = admin.send("POST", "/" + room + "/clear", "{\"before\":\"" + before + "\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertContains(refused.body(), "is under legal hold " + roomHold + " (case 17: the whole room");
        assertEquals(400, admin.send("POST", "/" + room + "/clear", "{\"before\":\"last tuesday\"}").statusCode());
        assertEquals(400, admin.send("POST", "/" + room + "/clear", "{\"before\":\"2999-01-01\"}").statusCode());
        assertEquals(404, admin.send("POST", "/999999999/clear", "{\"before\":\"" + before + "\"}").statusCode());

        assertEquals(200, admin.api("DELETE", "/holds/" + roomHold, null).statusCode());
        holds.remove(roomHold);
        HttpResponse<String> cleared = admin.send("POST", "/" + room + "/clear", "{\"before\":\"" + before + "\"}");
        assertEquals(200, cleared.statusCode(), cleared.body());
        assertContains(cleared.body(), "\"removed\":1");
        assertContains(cleared.body(), "\"keptUnderHold\":1");

        String history = history(room);
        assertFalse(history.contains(gone), "the cleared message is still in the history: " + history);
        assertContains(history, held);

        List<JsonObject> events = auditor.eventsOnceArchived(roomUri, "HISTORY_PURGED");
        assertTrue(events.stream().anyMatch(e -> e.getString("type").equals("CHAT") && e.getString("content").equals(gone)),
                "the archive lost the cleared message: " + events);
        JsonObject purge = events.stream().filter(e -> e.getString("type").equals("HISTORY_PURGED")).findFirst().orElseThrow();
        assertEquals("admin", purge.getString("user"));
        assertContains(purge.getString("content"), "removed=1; postedBefore=" + before);
        assertContains(purge.getString("content"), "rule=cleared by admin");
        assertEquals(List.of("LEGAL_HOLD_PLACED", "LEGAL_HOLD_RELEASED"), events.stream().map(e -> e.getString("type"))
                .filter(type -> type.startsWith("LEGAL_HOLD")).toList());
        String userHolds = auditor.events("room=" + AuditApi.encoded("user:sip:hal@groupchat.test") + "&type=LEGAL_HOLD_PLACED").toString();
        assertContains(userHolds, "reason=case 17: hal");
    }

    @Test
    void aCategoryRetentionEmptiesTheHistoryAndTheArchiveRetentionTheArchiveExceptWhatIsHeld() throws Exception {
        String category = unique("thirty-days");
        HttpResponse<String> made = admin.categories("POST", "", "{\"name\":\"" + category + "\",\"retentionDays\":30}");
        assertEquals(201, made.statusCode(), made.body());
        assertContains(made.body(), "\"inheritedRetentionDays\":30");
        assertEquals(400, admin.categories("POST", "", "{\"name\":\"" + unique("bad") + "\",\"retentionDays\":-1}").statusCode());
        long room = admin.createRoom("{\"name\":\"" + unique("kept-30-days") + "\",\"privacy\":\"OPEN\",\"category\":\"" + category + "\"}");
        String first = "old news " + System.nanoTime();
        String second = "older news " + System.nanoTime();
        String held = "evidence " + System.nanoTime();
        try (RawParticipant rita = RawParticipant.join("rita", room); RawParticipant hank = RawParticipant.join("hank", room)) {
            post(rita, room, first);
            post(rita, room, second);
            post(hank, room, held);
            place("{\"user\":\"sip:hank@groupchat.test\",\"reason\":\"case 18\"}");
            purgeByRetention(room, category, first, second, held);
        }
    }

    private void purgeByRetention(long room, String category, String first, String second, String held) throws Exception {
        String roomUri = "ma-chan://groupchat.test/" + room;

        // 29 days old: within the retention, nothing goes
        assertEquals("3", age(room, 29, "messages"));
        assertContains(runRetention(), "\"ran\":true");
        assertContains(history(room), first);

        // 31 days old: past it, except the held user's
        age(room, 2, "messages");
        String run = runRetention();
        assertContains(run, "\"ran\":true");
        String history = history(room);
        assertFalse(history.contains(first) || history.contains(second), "past the retention and still in the history: " + history);
        assertContains(history, held);

        List<JsonObject> events = auditor.eventsOnceArchived(roomUri, "HISTORY_PURGED");
        assertEquals(3, events.stream().filter(e -> e.getString("type").equals("CHAT")).count(), "the archive lost a message: " + events);
        JsonObject purge = events.stream().filter(e -> e.getString("type").equals("HISTORY_PURGED")).findFirst().orElseThrow();
        assertEquals("retention", purge.getString("user"));
        assertContains(purge.getString("content"), "removed=2;");
        assertContains(purge.getString("content"), "rule=category " + category + " keeps 30 days");

        // the archive keeps 3,650 days on the test server: older than that, its events go, the held user's stay
        age(room, 4000, "events");
        // the archive is purged only as far as the scheduled export has written it (on a fresh
        // server its first interval takes a few seconds): run until that has caught up
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            assertContains(runRetention(), "\"ran\":true");
            List<JsonObject> left = auditor.events("room=" + AuditApi.encoded(roomUri) + "&size=1000").getJsonArray("events")
                    .getValuesAs(JsonObject.class);
            if (left.stream().noneMatch(RetentionIT::pastTheArchivesRetention) || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(500);
        }
        List<JsonObject> left = auditor.events("room=" + AuditApi.encoded(roomUri) + "&size=1000").getJsonArray("events")
                .getValuesAs(JsonObject.class);
        assertFalse(left.stream().anyMatch(RetentionIT::pastTheArchivesRetention), "past the archive's retention and still archived: " + left);
        assertTrue(left.stream().anyMatch(e -> e.getString("content").equals(held)), "the held user's message left the archive: " + left);
        String archivePurges = auditor.events("room=archive&type=ARCHIVE_PURGED&size=1000").toString();
        assertContains(archivePurges, "retentionDays=3650");
    }

    /** The aged events of the second test that no hold covers: rita's, and the room's creation. */
    private static boolean pastTheArchivesRetention(JsonObject event) {
        return event.getString("user").equals("sip:rita@groupchat.test") || event.getString("type").equals("ROOM_CREATED");
    }

    private static void post(RawParticipant participant, long room, String text) throws Exception {
        int answered = participant.accepted.get() + participant.refused.get();
        participant.post("ma-chan://groupchat.test/" + room, text);
        assertTrue(participant.awaitAnswers(answered + 1, 10), "the post was not answered");
        assertEquals(answered + 1, participant.accepted.get(), participant.answers());
    }

    private String history(long room) throws Exception {
        return Sipp.start("channel-history", Sipp.Transport.TCP, List.of("reader", Long.toString(room), "-", CHANNEL))
                .await().assertPassed().log();
    }

    private String place(String hold) throws Exception {
        HttpResponse<String> placed = admin.api("POST", "/holds", hold);
        assertEquals(201, placed.statusCode(), placed.body());
        Matcher id = HOLD_ID.matcher(placed.body());
        assertTrue(id.find(), placed.body());
        holds.add(id.group(1));
        return id.group(1);
    }

    /** The run asked for now; a scheduled run that happens to be going on is waited for. */
    private String runRetention() throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> run = admin.api("POST", "/retention/run", null);
            if (run.statusCode() != 409 || attempt == 20) {
                assertEquals(200, run.statusCode(), run.body());
                return run.body();
            }
            Thread.sleep(500);
        }
    }

    private String age(long room, int days, String what) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/retention-fixture/age?room=" + room + "&days=" + days + "&what=" + what);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
