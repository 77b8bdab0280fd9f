package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The room administration API over HTTPS: who may use it, and what it answers. */
@ExtendWith(ArquillianExtension.class)
class RoomAdministrationIT {

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void onlyTheAdminRoleGetsIn() throws Exception {
        assertEquals(401, new AdminApi("admin", "wrong").send("GET", "", null).statusCode());
        assertEquals(401, new AdminApi("nobody", "x").send("GET", "", null).statusCode());
        assertEquals(200, admin.send("GET", "", null).statusCode());
    }

    /** Over plain HTTP a password and the archive would cross the network readable by anyone on the way. */
    @Test
    void theAdministrationAndAuditorApisAndTheConsoleAnswerOverHttpsOnly() throws Exception {
        String adminPassword = System.getProperty("it.admin.password");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpClient plain = HttpClient.newHttpClient();
        for (String path : List.of("/groupchat/api/admin/rooms", "/groupchat/api/admin/categories", "/groupchat/api/admin/groups",
                "/groupchat/api/audit/events", "/groupchat/admin/")) {
            HttpResponse<String> overHttp = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Sipp.httpPort() + path))
                    .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, overHttp.statusCode(), path + " over plain HTTP: " + overHttp.body());
            assertEquals("https://127.0.0.1:" + Sipp.httpsPort() + path, overHttp.headers().firstValue("Location").orElse(null));
            assertEquals("", overHttp.body(), path + " answered over plain HTTP");
        }
        String name = ChannelIT.unique("over-plain-http");
        HttpResponse<String> forgedRoom = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Sipp.httpPort()
                        + "/groupchat/api/admin/rooms")).header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, forgedRoom.statusCode());
        assertFalse(admin.send("GET", "", null).body().contains(name), "a room was made over plain HTTP");
    }

    @Test
    void aRoomIsCreatedReadChangedDisabledAndEnabledButNeverDeleted() throws Exception {
        String name = ChannelIT.unique("admin");
        long id = admin.createRoom("{\"name\":\"" + name + "\",\"description\":\"d\",\"topic\":\"t\",\"category\":\"engineering\","
                + "\"privacy\":\"SECRET\",\"members\":[\"sip:Alice@GroupChat.test\"],\"managers\":[\"sip:boss@groupchat.test\"]}");

        HttpResponse<String> read = admin.send("GET", "/" + id, null);
        assertEquals(200, read.statusCode());
        assertContains(read.body(), "\"uri\":\"ma-chan://groupchat.test/" + id + "\"");
        assertContains(read.body(), "\"category\":\"engineering\"");
        assertContains(read.body(), "\"privacy\":\"SECRET\"");
        assertContains(read.body(), "\"members\":[\"sip:alice@groupchat.test\"]");
        assertContains(read.body(), "\"managers\":[\"sip:boss@groupchat.test\"]");

        HttpResponse<String> changed = admin.send("PATCH", "/" + id, "{\"topic\":\"new topic\",\"type\":\"AUDITORIUM\"}");
        assertEquals(200, changed.statusCode(), changed.body());
        assertContains(changed.body(), "\"topic\":\"new topic\"");
        assertContains(changed.body(), "\"type\":\"AUDITORIUM\"");
        assertContains(changed.body(), "\"description\":\"d\"");

        HttpResponse<String> presenters = admin.send("PUT", "/" + id + "/presenters", "[\"sip:speaker@groupchat.test\"]");
        assertContains(presenters.body(), "\"presenters\":[\"sip:speaker@groupchat.test\"]");

        assertContains(admin.send("POST", "/" + id + "/disable", null).body(), "\"disabled\":true");
        String enabled = admin.send("POST", "/" + id + "/enable", null).body();
        assertContains(enabled, "\"disabled\":false");
        assertContains(enabled, "\"members\":[\"sip:alice@groupchat.test\"]");
        assertContains(enabled, "\"topic\":\"new topic\"");

        HttpResponse<String> delete = admin.send("DELETE", "/" + id, null);
        assertEquals(405, delete.statusCode());
        assertContains(delete.body(), "Rooms are never deleted");
        assertEquals(200, admin.send("GET", "/" + id, null).statusCode());
    }

    @Test
    void disablingARoomTakesEveryoneOnlineOutOfIt() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("emptied") + "\",\"members\":[\"sip:olga@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        Sipp.Call olga = Sipp.start("channel-until-part", Sipp.Transport.TCP, List.of("olga", Long.toString(room), "-", "channel-it-node"))
                .awaitLog("JOINED");

        assertEquals(200, admin.send("POST", "/" + room + "/disable", null).statusCode());

        Sipp.Run olgaRun = olga.await().assertPassed();
        assertContains(olgaRun.log(), "<ntc id=\"ntc:part\" seqid=\"1\"><data><chanib uri=\"" + roomUri
                + "\"><uib uri=\"sip:olga@groupchat.test\"/></chanib></data></ntc>");
        List<JsonObject> events = new AuditApi().awaitEvents(roomUri, 4).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("ROOM_CREATED", "JOIN", "ROOM_DISABLED", "PART"), events.stream().map(e -> e.getString("type")).toList());
        assertEquals("room disabled", events.get(3).getString("content"));
        assertEquals("sip:olga@groupchat.test", events.get(3).getString("user"));

        // Enabled again, the room is hers as before.
        assertEquals(200, admin.send("POST", "/" + room + "/enable", null).statusCode());
        Sipp.run("channel-history", Sipp.Transport.TCP, List.of("olga", Long.toString(room), "-", "channel-it-node")).assertPassed();
    }

    /**
     * A member the administrator removes is taken out of the room at once (before, the removed
     * member kept receiving every post, with no ntc:part): it is told, the others see it leave, it
     * receives nothing more, its posts are refused, and compliance records the part with the reason.
     */
    @Test
    void aMemberRemovedByTheAdministratorIsTakenOutAtOnceAndHearsNothingMore() throws Exception {
        String domain = "@groupchat.test";
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("removal") + "\",\"privacy\":\"CLOSED\",\"members\":["
                + "\"sip:rm-poster" + domain + "\",\"sip:rm-staying" + domain + "\",\"sip:rm-removed" + domain + "\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        try (RawParticipant poster = RawParticipant.join("rm-poster", room);
             RawParticipant staying = RawParticipant.join("rm-staying", room);
             RawParticipant removed = RawParticipant.join("rm-removed", room)) {
            HttpResponse<String> change = admin.send("PUT", "/" + room + "/members",
                    "[\"sip:rm-poster" + domain + "\",\"sip:rm-staying" + domain + "\"]");
            assertEquals(200, change.statusCode(), change.body());

            assertTrue(removed.awaitPartOf("sip:rm-removed" + domain, 10), "the removed member was not told it is out");
            assertTrue(staying.awaitPartOf("sip:rm-removed" + domain, 10), "the others did not see the removed member leave");
            poster.post(roomUri, "removal|1|" + System.nanoTime() + "|after the removal");
            assertTrue(staying.awaitMessages(1, 10), "a member still in the room did not get the post");
            removed.post(roomUri, "removal|2|" + System.nanoTime() + "|from the removed member");
            assertTrue(removed.awaitAnswers(1, 10), "the removed member's post was not answered");
            assertEquals(1, removed.refused.get(), "the removed member's post was accepted");
            Thread.sleep(500);
            assertEquals(0, removed.latenciesMillis.size(), "the removed member still receives the room's posts");
            assertEquals(1, staying.latenciesMillis.size(), "the removed member's post reached the room");
        }
        List<JsonObject> parts = new AuditApi().awaitEvents(roomUri, 7).getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(event -> event.getString("type").equals("PART") && event.getString("user").equals("sip:rm-removed" + domain))
                .toList();
        assertFalse(parts.isEmpty(), "no PART of the removed member in the archive");
        assertEquals("no longer a member of the room", parts.get(0).getString("content"), parts.toString());
    }

    @Test
    void aUserAddedToAnInvitingRoomIsInvitedAtOnceAndJoiningAccepts() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("inviting") + "\",\"invite\":true,\"members\":[\"sip:olga@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        Sipp.Call ivan = Sipp.start("channel-invited", Sipp.Transport.TCP, List.of("ivan", Long.toString(room), "-", "channel-it-node"))
                .awaitLog("FIRST");

        HttpResponse<String> added = admin.send("PUT", "/" + room + "/members", "[\"sip:olga@groupchat.test\",\"sip:ivan@groupchat.test\"]");
        assertEquals(200, added.statusCode(), added.body());

        Sipp.Run ivanRun = ivan.await().assertPassed();
        String invited = ivanRun.log().substring(ivanRun.log().indexOf("INVITED"), ivanRun.log().indexOf("JOINED"));
        assertContains(invited, "<ntc id=\"ntc:inv\" seqid=\"1\"><data><inv inviteId=\"");
        assertContains(invited, "chanUri=\"" + roomUri + "\"");
        assertContains(invited, "inviter=\"admin\"");
        String first = ivanRun.log().substring(ivanRun.log().indexOf("FIRST"), ivanRun.log().indexOf("INVITED"));
        String after = ivanRun.log().substring(ivanRun.log().indexOf("AFTER"));
        assertEquals(false, first.contains(roomUri), "invited before being added: " + first);
        assertEquals(false, after.contains(roomUri), "the invitation is still pending after the join: " + after);
    }

    /**
     * An inviting room that names a group invites the group's members as it invites users named
     * one by one; a user who joins the group later is invited then.
     */
    @Test
    void theMembersOfAGroupAnInvitingRoomNamesAreInvitedAndSoIsALaterMemberOfTheGroup() throws Exception {
        String group = ChannelIT.unique("invitees");
        assertEquals(201, admin.groups("POST", "", "{\"name\":\"" + group + "\",\"members\":[\"sip:petra@groupchat.test\"]}").statusCode());
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("group-inviting") + "\",\"invite\":true,"
                + "\"members\":[\"sip:olga@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;

        Sipp.Call petra = Sipp.start("channel-invited", Sipp.Transport.TCP, List.of("petra", Long.toString(room), "-", "channel-it-node"))
                .awaitLog("FIRST");
        HttpResponse<String> named = admin.send("PUT", "/" + room + "/members", "[\"sip:olga@groupchat.test\",\"group:" + group + "\"]");
        assertEquals(200, named.statusCode(), named.body());
        assertContains(invitation(petra.await().assertPassed()), "chanUri=\"" + roomUri + "\"");

        Sipp.Call quinn = Sipp.start("channel-invited", Sipp.Transport.TCP, List.of("quinn", Long.toString(room), "-", "channel-it-node"))
                .awaitLog("FIRST");
        HttpResponse<String> joined = admin.groups("PUT", "/" + group + "/members", "[\"sip:petra@groupchat.test\",\"sip:quinn@groupchat.test\"]");
        assertEquals(200, joined.statusCode(), joined.body());
        assertContains(invitation(quinn.await().assertPassed()), "chanUri=\"" + roomUri + "\"");
    }

    /** What channel-invited logged of the invitation pushed to it. */
    private static String invitation(Sipp.Run run) {
        String invited = run.log().substring(run.log().indexOf("INVITED"), run.log().indexOf("JOINED"));
        assertContains(invited, "<ntc id=\"ntc:inv\" seqid=\"1\"><data><inv inviteId=\"");
        return invited;
    }

    @Test
    void anAdminRemovesAMessageFromTheHistoryButNotFromCompliance() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("moderated") + "\",\"members\":[\"sip:rita@groupchat.test\"]}");
        String roomUri = "ma-chan://groupchat.test/" + room;
        String text = "regrettable " + ChannelIT.unique("words");
        Sipp.run("channel-post-alone", Sipp.Transport.TCP, List.of("rita", Long.toString(room), text, "channel-it-node")).assertPassed();

        HttpResponse<String> removed = admin.send("POST", "/" + room + "/messages/1/remove", null);
        assertEquals(200, removed.statusCode(), removed.body());
        assertContains(removed.body(), "(This message was removed by admin at ");
        assertEquals(409, admin.send("POST", "/" + room + "/messages/1/remove", null).statusCode());
        assertEquals(404, admin.send("POST", "/" + room + "/messages/2/remove", null).statusCode());

        Sipp.Run history = Sipp.run("channel-history", Sipp.Transport.TCP, List.of("rita", Long.toString(room), "-", "channel-it-node")).assertPassed();
        assertContains(history.log(), "<chat>(This message was removed by admin at ");
        assertEquals(false, history.log().contains(text), "the history still shows the removed text");

        List<JsonObject> events = new AuditApi().awaitEvents(roomUri, 7).getJsonArray("events").getValuesAs(JsonObject.class);
        JsonObject removal = events.stream().filter(e -> e.getString("type").equals("MESSAGE_REMOVED")).findFirst().orElseThrow();
        assertEquals("admin", removal.getString("user"));
        assertContains(removal.getString("content"), "sequence=1; author=sip:rita@groupchat.test; posted=");
        assertContains(removal.getString("content"), "original=" + text);
        assertEquals(1, events.stream().filter(e -> e.getString("type").equals("CHAT") && e.getString("content").equals(text)).count());
    }

    @Test
    void aRoomManagerManagesItsOwnRoomsAndNoOthers() throws Exception {
        AdminApi mira = new AdminApi("mira", System.getProperty("it.manager.password"));
        long hers = admin.createRoom("{\"name\":\"" + ChannelIT.unique("miras") + "\",\"managers\":[\"sip:mira@groupchat.test\"]}");
        long other = admin.createRoom("{\"name\":\"" + ChannelIT.unique("not-miras") + "\"}");

        String listed = mira.send("GET", "", null).body();
        assertContains(listed, "\"id\":" + hers + ",");
        assertEquals(false, listed.contains("\"id\":" + other + ","), listed);
        assertEquals(200, mira.send("PATCH", "/" + hers, "{\"topic\":\"set by its manager\"}").statusCode());
        HttpResponse<String> members = mira.send("PUT", "/" + hers + "/members", "[\"sip:nils@groupchat.test\"]");
        assertEquals(200, members.statusCode(), members.body());

        HttpResponse<String> foreign = mira.send("PATCH", "/" + other, "{\"topic\":\"not hers\"}");
        assertEquals(403, foreign.statusCode());
        assertContains(foreign.body(), "sip:mira@groupchat.test is not a manager of room " + other);
        assertEquals(403, mira.send("POST", "/" + other + "/disable", null).statusCode());
        HttpResponse<String> create = mira.send("POST", "", "{\"name\":\"" + ChannelIT.unique("by-mira") + "\"}");
        assertEquals(403, create.statusCode());
        assertContains(create.body(), "sip:mira@groupchat.test may not create rooms in category root: no category from root up names room creators");
        assertEquals(403, mira.send("PATCH", "/" + hers, "{\"category\":\"elsewhere\"}").statusCode());
        assertEquals(403, mira.categories("GET", "", null).statusCode());
        assertContains(admin.send("GET", "/" + other, null).body(), "\"topic\":\"\"");

        List<JsonObject> events = new AuditApi().awaitEvents("ma-chan://groupchat.test/" + hers, 3).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("admin", "mira", "mira"), events.stream().map(e -> e.getString("user")).toList());
    }

    /** A manager may undo what a manager did, not an administrator's decision to disable the room. */
    @Test
    void aRoomAnAdministratorDisabledIsEnabledOnlyByAnAdministrator() throws Exception {
        AdminApi mira = new AdminApi("mira", System.getProperty("it.manager.password"));
        long hers = admin.createRoom("{\"name\":\"" + ChannelIT.unique("closed-by-admin") + "\",\"managers\":[\"sip:mira@groupchat.test\"]}");

        assertEquals(200, admin.send("POST", "/" + hers + "/disable", null).statusCode());
        HttpResponse<String> refused = mira.send("POST", "/" + hers + "/enable", null);
        assertEquals(403, refused.statusCode(), refused.body());
        assertContains(refused.body(), "Room " + hers + " was disabled by an administrator; only an administrator can enable it");
        assertContains(admin.send("GET", "/" + hers, null).body(), "\"disabled\":true");
        assertEquals(200, admin.send("POST", "/" + hers + "/enable", null).statusCode());

        assertEquals(200, mira.send("POST", "/" + hers + "/disable", null).statusCode());
        assertEquals(200, mira.send("POST", "/" + hers + "/enable", null).statusCode());
        assertContains(admin.send("GET", "/" + hers, null).body(), "\"disabled\":false");
    }

    @Test
    void badRequestsAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        String name = ChannelIT.unique("dup");
        admin.createRoom("{\"name\":\"" + name + "\"}");

        HttpResponse<String> duplicate = admin.send("POST", "", "{\"name\":\"" + name + "\"}");
        assertEquals(409, duplicate.statusCode());
        assertContains(duplicate.body(), "already has a room named " + name);

        HttpResponse<String> badMember = admin.send("POST", "", "{\"name\":\"" + name + "-2\",\"members\":[\"alice\"]}");
        assertEquals(400, badMember.statusCode());
        assertContains(badMember.body(), "'alice' is not a SIP URI");
        assertEquals(404, admin.send("GET", "/999999", null).statusCode());
        assertContains(admin.send("GET", "", null).body(), "\"name\":\"" + name + "\"");
        assertEquals(false, admin.send("GET", "", null).body().contains(name + "-2"), "the refused room was stored");

        assertEquals(400, admin.send("POST", "", "{\"name\":").statusCode());
        assertEquals(400, admin.send("POST", "", "{\"name\":\"\"}").statusCode());
        assertEquals(404, admin.send("PUT", "/999999/members", "[]").statusCode());
    }
}
