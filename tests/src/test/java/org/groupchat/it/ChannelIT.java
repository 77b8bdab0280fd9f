package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Channel service with real SIP clients (sipp): rooms made through the administration API,
 * users who join, post, receive each other's messages and read the history, and what they may not do.
 */
@ExtendWith(ArquillianExtension.class)
class ChannelIT {

    private static final String CHANNEL = "channel-it-node";

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void aPostReachesTheOtherParticipantAndStaysInTheHistory(Sipp.Transport transport) throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("team") + "\",\"members\":[\"sip:alice@groupchat.test\","
                + "\"sip:bob@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        String text = "hello from alice " + System.nanoTime();

        Sipp.Call bob = Sipp.start("channel-listen", transport, List.of("bob", Long.toString(room), "-", CHANNEL)).awaitLog("JOINED");
        Sipp.Run alice = Sipp.start("channel-post", transport, List.of("alice", Long.toString(room), text, CHANNEL)).await().assertPassed();
        Sipp.Run bobRun = bob.await().assertPassed();

        // Bob heard Alice come in, then got her message with the author the server knows, not the one she claimed.
        assertContains(bobRun.log(), "<ntc id=\"ntc:join\" seqid=\"1\"><data><uib uri=\"sip:alice@groupchat.test\">");
        assertContains(bobRun.log(), "RECEIVED <grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"" + roomUri
                + "\" author=\"sip:alice@groupchat.test\" ts=\"");
        assertContains(bobRun.log(), "<chat>" + text + "</chat></grpchat>");
        // Alice saw Bob leave, and her message is in the history.
        assertContains(alice.log(), "<ntc id=\"ntc:part\" seqid=\"1\"><data><chanib uri=\"" + roomUri + "\"><uib uri=\"sip:bob@groupchat.test\"/>");
        assertContains(alice.log(), "<msg id=\"grpchat\" chanUri=\"" + roomUri + "\" author=\"sip:alice@groupchat.test\" ts=\"");

        Sipp.Run rejoin = Sipp.start("channel-history", transport, List.of("bob", Long.toString(room), "-", CHANNEL)).await().assertPassed();
        assertContains(rejoin.log(), "<chat>" + text + "</chat></msg></chanib>");
    }

    @Test
    void searchShowsOpenAndClosedRoomsAndHidesSecretAndDisabledOnesFromOutsiders() throws Exception {
        String prefix = unique("search");
        admin.createRoom("{\"name\":\"" + prefix + "-open\",\"privacy\":\"OPEN\",\"members\":[\"sip:dave@groupchat.test\"]}");
        long closed = admin.createRoom("{\"name\":\"" + prefix + "-closed\",\"privacy\":\"CLOSED\",\"members\":[\"sip:dave@groupchat.test\"]}");
        admin.createRoom("{\"name\":\"" + prefix + "-secret\",\"privacy\":\"SECRET\",\"members\":[\"sip:dave@groupchat.test\"]}");
        long disabled = admin.createRoom("{\"name\":\"" + prefix + "-disabled\",\"privacy\":\"OPEN\"}");
        admin.send("POST", "/" + disabled + "/disable", null);

        // searched by the test's own prefix: the test server holds every other test's rooms too, beyond the search limit
        Sipp.Run carol = Sipp.start("channel-refusals", Sipp.Transport.TCP, List.of("carol", Long.toString(closed), prefix, CHANNEL))
                .await().assertPassed();

        assertContains(carol.log(), "name=\"" + prefix + "-open\"");
        assertContains(carol.log(), "name=\"" + prefix + "-closed\"");
        assertFalse(carol.log().contains(prefix + "-secret"), carol.log());
        assertFalse(carol.log().contains(prefix + "-disabled"), carol.log());
        assertContains(carol.log(), "<info id=\"urn:parlano:ma:info:visibilty\">public</info>");
        // a non-member cannot enter a closed room; the rest of the refusals are checked by the scenario
        assertContains(carol.log(), "<resp code=\"403\">" + prefix + "-closed is a closed room: only its members may enter</resp>");
    }

    @Test
    void aDisabledRoomCannotBeJoinedEvenByItsMembers() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("disabled") + "\",\"members\":[\"sip:frank@groupchat.test\"]}");
        admin.send("POST", "/" + room + "/disable", null);

        Sipp.Run frank = Sipp.start("channel-refusals", Sipp.Transport.UDP, List.of("frank", Long.toString(room), "-", CHANNEL))
                .await().assertPassed();

        assertContains(frank.log(), "is disabled</resp>");
    }

    @Test
    void onlyPresentersPostInAnAuditorium() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("town-hall") + "\",\"type\":\"AUDITORIUM\","
                + "\"members\":[\"sip:erin@groupchat.test\"],\"presenters\":[\"sip:ceo@groupchat.test\"]}");

        Sipp.Run erin = Sipp.start("channel-post-refused", Sipp.Transport.TCP,
                List.of("erin", Long.toString(room), "a question", CHANNEL)).await().assertPassed();

        assertContains(erin.log(), "POSTREFUSED SIP/2.0 403 ");
        assertContains(erin.log(), "is an auditorium: only presenters post");
    }

    /**
     * Skype for Business's rule: an OPEN room takes posts from anyone its category admits, listed
     * as a member or not, and they read its history (a closed room, ChannelIT's refusals, keeps
     * its members' rule); an open auditorium still takes posts only from its presenters.
     */
    @Test
    void anOpenRoomTakesPostsFromAnyoneItsCategoryAdmits() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("town-square") + "\",\"privacy\":\"OPEN\"}");
        String text = "open|1|" + System.nanoTime() + "|";
        try (RawParticipant passerBy = RawParticipant.join("passer-by", room);
             RawParticipant listener = RawParticipant.join("square-listener", room)) {
            passerBy.post("ma-chan://groupchat.test/" + room, text);
            assertTrue(passerBy.awaitAnswers(1, 10), "the post was not answered");
            assertEquals("1 accepted, 0 refused", passerBy.answers());
            assertTrue(listener.awaitMessages(1, 10), "the post did not arrive");
            assertEquals(Set.of("sip:passer-by@groupchat.test"), listener.authors);
            // and another non-member reads it in the history (while the others stay: their parts
            // would reach the reader in the middle of its scenario)
            Sipp.Run reader = Sipp.start("channel-history", Sipp.Transport.TCP, List.of("window-shopper", Long.toString(room), "-", CHANNEL))
                    .await().assertPassed();
            assertContains(reader.log(), "<chat>" + text + "</chat></msg></chanib>");
        }
        long auditorium = admin.createRoom("{\"name\":\"" + unique("open-stage") + "\",\"privacy\":\"OPEN\",\"type\":\"AUDITORIUM\","
                + "\"presenters\":[\"sip:ceo@groupchat.test\"]}");
        try (RawParticipant audience = RawParticipant.join("passer-by", auditorium)) {
            audience.post("ma-chan://groupchat.test/" + auditorium, "open|2|" + System.nanoTime() + "|");
            assertTrue(audience.awaitAnswers(1, 10), "the post was not answered");
            assertEquals("0 accepted, 1 refused", audience.answers());
        }
    }

    @Test
    void aMessageOverTheAdvertisedLimitIsRefusedAndNotStored() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("long") + "\",\"members\":[\"sip:kim@groupchat.test\"]}");

        Sipp.Run kim = Sipp.run("channel-post-too-large", Sipp.Transport.TCP,
                List.of("kim", Long.toString(room), "x".repeat(8001), CHANNEL)).assertPassed();
        assertContains(kim.log(), "POSTREFUSED SIP/2.0 413 The message has 8001 characters; the limit is 8000");

        Sipp.Run history = Sipp.run("channel-history", Sipp.Transport.TCP, List.of("kim", Long.toString(room), "-", CHANNEL)).assertPassed();
        assertContains(history.log(), "<chanib uri=\"ma-chan://groupchat.test/" + room + "\"/></data></rpl>");
    }

    /** Over UDP the INFO goes in a JAIN-SIP transaction; over TCP it is pushed without one, and the 481 still ends the dialog. */
    @ParameterizedTest
    @EnumSource(value = Sipp.Transport.class, names = {"UDP", "TCP"})
    void aParticipantWhoseClientAnswers481LeavesTheRoom(Sipp.Transport transport) throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("481") + "\",\"privacy\":\"OPEN\"}");

        Sipp.Call gone = Sipp.start("channel-answer-481", transport, List.of("gina", Long.toString(room), "-", CHANNEL))
                .awaitLog("JOINED");
        Sipp.Run staying = Sipp.start("channel-sees-part", transport, List.of("hank", Long.toString(room), "-", CHANNEL))
                .await().assertPassed();
        gone.await().assertPassed();

        assertContains(staying.log(), "<chanib uri=\"ma-chan://groupchat.test/" + room + "\"><uib uri=\"sip:gina@groupchat.test\"/>");
    }

    @Test
    void aParticipantWhoseConnectionIsGoneLeavesTheRoom() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("lost") + "\",\"privacy\":\"OPEN\","
                + "\"members\":[\"sip:judy@groupchat.test\"]}");

        Sipp.Call staying = Sipp.start("channel-post-to-the-gone", Sipp.Transport.TCP,
                List.of("judy", Long.toString(room), "anyone there?", CHANNEL)).awaitLog("JOINED");
        // joins over TCP, then sipp exits without BYE and its connection closes; judy's post finds it gone
        Sipp.run("channel-join-only", Sipp.Transport.TCP, List.of("ivan", Long.toString(room), "-", CHANNEL)).assertPassed();
        Sipp.Run judy = staying.await().assertPassed();

        assertContains(judy.log(), "<chanib uri=\"ma-chan://groupchat.test/" + room + "\"><uib uri=\"sip:ivan@groupchat.test\"/>");
    }

    @Test
    void aParticipantWhoseSessionIsNotRefreshedLeavesTheRoom() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("expired") + "\",\"privacy\":\"OPEN\"}");

        // joins over UDP and vanishes: no BYE, no connection to lose, no refresh
        Sipp.run("channel-join-only", Sipp.Transport.UDP, List.of("nina", Long.toString(room), "-", CHANNEL)).assertPassed();
        // stays, refreshing its own session with UPDATE, until it sees nina go (session interval 10 s here)
        Sipp.Run oscar = Sipp.run("channel-refresh-until-part", Sipp.Transport.TCP,
                List.of("oscar", Long.toString(room), "-", CHANNEL)).assertPassed();

        assertContains(oscar.log(), "SESSION Session-Expires: 10;refresher=uac");
        assertContains(oscar.log(), "<chanib uri=\"ma-chan://groupchat.test/" + room + "\"><uib uri=\"sip:nina@groupchat.test\"/>");
    }

    /**
     * One INFO may carry a few commands, not hundreds: 500 history requests in one 60 KB INFO made
     * the server write 200 MB of replies. Past the limit the INFO is refused whole, with the reason.
     */
    @Test
    void anInfoWithMoreCommandsThanTheLimitIsRefusedWhole() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("flood") + "\",\"members\":[\"sip:cmd-flooder@groupchat.test\"]}");
        String history = "<cmd id=\"cmd:bccontext\" seqid=\"%d\"><data><chanib uri=\"ma-chan://groupchat.test/" + room
                + "\"/><bcq><last cnt=\"50\"/></bcq></data></cmd>";
        try (RawParticipant client = RawParticipant.join("cmd-flooder", room)) {
            String hundred = IntStream.range(0, 100).mapToObj(history::formatted).collect(Collectors.joining());
            assertEquals(400, client.infoAnswered(hundred, 10), "an INFO of 100 commands was accepted");
            String eight = IntStream.range(0, 8).mapToObj(history::formatted).collect(Collectors.joining());
            assertEquals(200, client.infoAnswered(eight, 10), "an INFO of 8 commands (the limit) was refused");
        }
    }

    /**
     * Call-ID and tags are no secret (every proxy on the way sees them): a request that names
     * someone's dialog but comes over another connection is refused, and nothing is posted as them.
     */
    @Test
    void aRequestInSomeoneElsesDialogFromAnotherConnectionIsRefused() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("hijack") + "\",\"members\":[\"sip:hj-victim@groupchat.test\","
                + "\"sip:hj-witness@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        try (RawParticipant victim = RawParticipant.join("hj-victim", room);
             RawParticipant witness = RawParticipant.join("hj-witness", room);
             Socket attacker = new Socket("127.0.0.1", Sipp.sipPort())) {
            attacker.setSoTimeout(10_000);
            String post = "<xccos ver=\"1\" envid=\"90\" xmlns=\"urn:parlano:xml:ns:xccos\"><grpchat id=\"grpchat\" seqid=\"1\" chanUri=\""
                    + roomUri + "\"><chat>hijack|1|" + System.nanoTime() + "|posted as the victim</chat></grpchat></xccos>";
            String local = attacker.getLocalAddress().getHostAddress() + ":" + attacker.getLocalPort();
            attacker.getOutputStream().write(victim.request("INFO", 90, "text/plain", post, local).getBytes(StandardCharsets.UTF_8));
            String answer = firstLine(attacker.getInputStream());
            assertEquals("SIP/2.0 403 This session belongs to another connection", answer);

            victim.post(roomUri, "hijack|2|" + System.nanoTime() + "|from the victim's own connection");
            assertTrue(witness.awaitMessages(1, 10), "the victim's own post did not arrive");
            Thread.sleep(500);
            assertEquals(1, witness.latenciesMillis.size(), "the post from the other connection was delivered as the victim's");
        }
    }

    /**
     * A story (a title over a body longer than a message may be) sent as an alert reaches the
     * others, the history and the archive with its title and flag as sent; the same body as an
     * ordinary message is refused (413), and a story needs a title (400).
     */
    @Test
    void aStorySentAsAnAlertKeepsItsTitleAndFlagInDeliveryHistoryAndArchive() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("stories") + "\",\"members\":[\"sip:carl@groupchat.test\","
                + "\"sip:dana@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        String piece = unique("story") + "-" + "abcdefghij".repeat(60);
        String body = piece.repeat(14); // channel-post-story's body: past the message limit (8000), within the story limit (20000)

        Sipp.Call dana = Sipp.start("channel-listen", Sipp.Transport.TCP, List.of("dana", Long.toString(room), "-", CHANNEL)).awaitLog("JOINED");
        Sipp.Run carl = Sipp.start("channel-post-story", Sipp.Transport.TCP, List.of("carl", Long.toString(room), piece, CHANNEL))
                .await().assertPassed();
        Sipp.Run danaRun = dana.await().assertPassed();

        assertContains(carl.log(), "TOO LONG SIP/2.0 413 The message has " + body.length() + " characters; the limit is 8000 (20000 for a story)");
        assertContains(carl.log(), "NO TITLE SIP/2.0 400 A story's title is 1 to 256 characters");
        String sent = " alert=\"true\" title=\"A story told by carl\"><chat>" + body + "</chat>";
        assertContains(danaRun.log(), "author=\"sip:carl@groupchat.test\" ts=\"");
        assertContains(danaRun.log(), sent + "</grpchat>");
        assertContains(carl.log(), sent + "</msg></chanib>");

        List<JsonObject> chats = new AuditApi().awaitEvents(roomUri, 7).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("type").equals("CHAT")).toList();
        assertEquals(1, chats.size(), chats.toString());
        assertEquals("A story told by carl", chats.get(0).getString("storyTitle"));
        assertTrue(chats.get(0).getBoolean("alert"), chats.toString());
        assertEquals(body, chats.get(0).getString("content"));
    }

    /**
     * Past the participant-update limit (75, Skype for Business's default) a room's participants
     * are not told of each join and part; at or below it they are.
     */
    @Test
    void pastTheParticipantUpdateLimitJoinsAndPartsAreNotAnnounced() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("crowded") + "\",\"privacy\":\"OPEN\"}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        List<RawParticipant> crowd = new ArrayList<>();
        try (RawParticipant watcher = RawParticipant.join("crowd-watcher", room)) {
            watcher.keepSessionAlive(); // joining 75 takes longer than the tests' session expiry
            for (int i = 1; i < 75; i++) {
                RawParticipant participant = RawParticipant.join("crowd-" + i, room);
                participant.keepSessionAlive();
                crowd.add(participant);
            }
            assertTrue(watcher.awaitJoinOf("sip:crowd-74@groupchat.test", 30), "the 75th participant's join was not announced");

            RawParticipant late = RawParticipant.join("crowd-late", room); // the 76th
            crowd.add(late);
            late.post(roomUri, "late|1|" + System.nanoTime() + "|in a crowded room");
            // a join notice would have come before the post: one client's pushes keep their order
            assertTrue(watcher.awaitMessages(1, 30), "the watcher did not get the post");
            assertFalse(watcher.joinsSeen.contains("sip:crowd-late@groupchat.test"), "the 76th participant's join was announced");

            assertEquals(200, late.infoAnswered(part(roomUri), 10)); // leaves a room of 76
            assertEquals(200, crowd.get(0).infoAnswered(part(roomUri), 10)); // leaves a room of 75
            assertTrue(watcher.awaitPartOf("sip:crowd-1@groupchat.test", 30), "a part from a room of 75 was not announced");
            // the watcher's pushes keep their order: the first part, had it been announced, came before
            assertFalse(watcher.parted.contains("sip:crowd-late@groupchat.test"), "a part from a room of 76 was announced");
        } finally {
            crowd.forEach(RawParticipant::closeQuietly);
        }
    }

    private static String part(String roomUri) {
        return "<cmd id=\"cmd:part\" seqid=\"1\"><data><chanib uri=\"" + roomUri + "\"/></data></cmd>";
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next >= 0 && next != '\r'; next = in.read()) {
            line.append((char) next);
        }
        return line.toString();
    }

    static String unique(String name) {
        return name + "-" + Long.toString(System.nanoTime(), 36);
    }
}
