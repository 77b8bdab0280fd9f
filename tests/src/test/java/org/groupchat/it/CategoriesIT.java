package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.io.File;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Categories: ethical walls, the options rooms inherit, and what the API refuses. */
@ExtendWith(ArquillianExtension.class)
class CategoriesIT {

    private static final String EVE = "sip:eve@groupchat.test";
    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void aDeniedUserIsNeverAddedToTheCategorysRoomsAndNothingIsHalfDone() throws Exception {
        String walled = category("{\"name\":\"" + unique("research") + "\",\"deniedMembers\":[\"" + EVE + "\"]}");
        String below = category("{\"name\":\"" + unique("equity") + "\",\"parent\":\"" + walled + "\"}");
        String roomName = unique("analysts");

        HttpResponse<String> refused = admin.send("POST", "", "{\"name\":\"" + roomName + "\",\"category\":\"" + below
                + "\",\"members\":[\"sip:bob@groupchat.test\",\"" + EVE + "\"]}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertContains(refused.body(), EVE + " cannot be in " + roomName + ": " + EVE + " is denied as one of the members of category " + walled);
        assertFalse(admin.send("GET", "", null).body().contains(roomName), "the refused room was created");

        long room = admin.createRoom("{\"name\":\"" + roomName + "\",\"category\":\"" + below + "\",\"members\":[\"sip:bob@groupchat.test\"]}");
        HttpResponse<String> added = admin.send("PUT", "/" + room + "/members", "[\"sip:bob@groupchat.test\",\"" + EVE + "\"]");
        assertEquals(403, added.statusCode(), added.body());
        assertContains(admin.send("GET", "/" + room, null).body(), "\"members\":[\"sip:bob@groupchat.test\"]");
    }

    @Test
    void aWalledUserCannotEvenFindOrEnterAnOpenRoomOverSip() throws Exception {
        String walled = category("{\"name\":\"" + unique("legal") + "\",\"deniedMembers\":[\"sip:mallory@groupchat.test\"]}");
        String roomName = unique("open-but-walled");
        long room = admin.createRoom("{\"name\":\"" + roomName + "\",\"category\":\"" + walled + "\",\"privacy\":\"OPEN\"}");

        Sipp.Run mallory = Sipp.run("channel-refusals", Sipp.Transport.TCP, List.of("mallory", Long.toString(room), roomName, "channel-it-node"))
                .assertPassed();
        assertFalse(mallory.log().contains(roomName + "\""), "search shows the walled room: " + mallory.log());
        // The same search by someone the wall does not stop finds it (the scenario also tries a room closed to him).
        long closedToOlaf = admin.createRoom("{\"name\":\"" + unique("closed") + "\"}");
        Sipp.Run olaf = Sipp.run("channel-refusals", Sipp.Transport.TCP, List.of("olaf", Long.toString(closedToOlaf), roomName, "channel-it-node"))
                .assertPassed();
        assertContains(olaf.log(), "name=\"" + roomName + "\"");
        assertContains(mallory.log(), "<resp code=\"403\">" + roomName + " is closed to you: sip:mallory@groupchat.test is denied"
                + " as one of the members of category " + walled + "</resp>");
    }

    @Test
    void movingARoomBehindAWallRemovesWhomTheNewCategoryDoesNotAllow() throws Exception {
        String open = category("{\"name\":\"" + unique("lobby") + "\"}");
        String restricted = category("{\"name\":\"" + unique("board") + "\",\"allowedMembers\":[\"sip:bob@groupchat.test\",\"@board.example\"]}");
        long room = admin.createRoom("{\"name\":\"" + unique("moving") + "\",\"category\":\"" + open
                + "\",\"members\":[\"sip:bob@groupchat.test\",\"sip:carol@groupchat.test\",\"sip:dan@board.example\"]}");

        HttpResponse<String> moved = admin.send("PATCH", "/" + room, "{\"category\":\"" + restricted + "\"}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertContains(moved.body(), "\"members\":[\"sip:bob@groupchat.test\",\"sip:dan@board.example\"]");
    }

    @Test
    void roomsInheritTheirCategorysOptionsUnlessTheySetTheirOwn() throws Exception {
        String name = unique("no-files");
        String id = admin.categories("POST", "", "{\"name\":\"" + name + "\",\"filePost\":false}").body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        long inheriting = admin.createRoom("{\"name\":\"" + unique("inherits") + "\",\"category\":\"" + name + "\"}");
        long overriding = admin.createRoom("{\"name\":\"" + unique("overrides") + "\",\"category\":\"" + name + "\",\"filePost\":true}");
        assertContains(admin.send("GET", "/" + inheriting, null).body(), "\"filePost\":false");
        assertContains(admin.send("GET", "/" + overriding, null).body(), "\"filePost\":true");

        assertEquals(200, admin.categories("PATCH", "/" + id, "{\"filePost\":true,\"invite\":false}").statusCode());
        String after = admin.send("GET", "/" + inheriting, null).body();
        assertContains(after, "\"filePost\":true");
        assertContains(after, "\"invite\":false");
    }

    @Test
    void aGroupHoldsRolesForItsMembersAndTheWallsSeeThroughIt() throws Exception {
        String group = unique("traders");
        assertEquals(201, admin.groups("POST", "", "{\"name\":\"" + group + "\",\"members\":[\"sip:tom@groupchat.test\"]}").statusCode());
        long room = admin.createRoom("{\"name\":\"" + unique("desk") + "\",\"members\":[\"group:" + group + "\"]}");

        // Tom is in the closed room through the group: he joins and reads it over SIP.
        Sipp.run("channel-history", Sipp.Transport.TCP, List.of("tom", Long.toString(room), "-", "channel-it-node")).assertPassed();
        // Uma is not, until the group gets her.
        Sipp.Run uma = Sipp.run("channel-refusals", Sipp.Transport.TCP, List.of("uma", Long.toString(room), "-", "channel-it-node")).assertPassed();
        assertContains(uma.log(), "is a closed room: only its members may enter");
        assertEquals(200, admin.groups("PUT", "/" + group + "/members", "[\"sip:tom@groupchat.test\",\"sip:uma@groupchat.test\"]").statusCode());
        Sipp.run("channel-history", Sipp.Transport.TCP, List.of("uma", Long.toString(room), "-", "channel-it-node")).assertPassed();

        HttpResponse<String> unknown = admin.send("PUT", "/" + room + "/members", "[\"group:no-such-group\"]");
        assertEquals(404, unknown.statusCode());
        assertContains(unknown.body(), "There is no group no-such-group");

        String walled = category("{\"name\":\"" + unique("compliance") + "\",\"deniedMembers\":[\"sip:uma@groupchat.test\"]}");
        HttpResponse<String> refused = admin.send("POST", "", "{\"name\":\"" + unique("walled-desk") + "\",\"category\":\"" + walled
                + "\",\"members\":[\"group:" + group + "\"]}");
        assertEquals(403, refused.statusCode());
        assertContains(refused.body(), "sip:uma@groupchat.test (in group:" + group + ") cannot be in");
        assertEquals(409, admin.groups("POST", "", "{\"name\":\"" + group + "\",\"members\":[]}").statusCode());
    }

    /** Walls and groups decide who reads what: an auditor must see who changed them, and to what. */
    @Test
    void categoryAndGroupChangesAreComplianceEventsNamingTheAdministrator() throws Exception {
        String name = unique("audited");
        String id = admin.categories("POST", "", "{\"name\":\"" + name + "\"}").body().replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        assertEquals(200, admin.categories("PATCH", "/" + id, "{\"deniedMembers\":[\"" + EVE + "\"],\"invite\":false}").statusCode());
        String group = unique("auditors-see");
        assertEquals(201, admin.groups("POST", "", "{\"name\":\"" + group + "\",\"members\":[\"sip:tom@groupchat.test\"]}").statusCode());
        assertEquals(200, admin.groups("PUT", "/" + group + "/members", "[\"sip:uma@groupchat.test\"]").statusCode());

        AuditApi auditor = new AuditApi();
        List<JsonObject> categoryEvents = auditor.awaitEvents("category:" + id, 2).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("CATEGORY_CREATED", "CATEGORY_CHANGED"), categoryEvents.stream().map(e -> e.getString("type")).toList());
        assertEquals(List.of("admin", "admin"), categoryEvents.stream().map(e -> e.getString("user")).toList());
        assertContains(categoryEvents.get(1).getString("content"), "name=" + name + "; parent=root; allowedMembers=[]; deniedMembers=[" + EVE + "]");
        assertContains(categoryEvents.get(1).getString("content"), "invite=false");

        List<JsonObject> groupEvents = auditor.awaitEvents("group:" + group, 2).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("GROUP_CREATED", "GROUP_CHANGED"), groupEvents.stream().map(e -> e.getString("type")).toList());
        assertEquals("members=[sip:tom@groupchat.test]", groupEvents.get(0).getString("content"));
        assertEquals("members=[sip:uma@groupchat.test]", groupEvents.get(1).getString("content"));
        assertEquals("admin", groupEvents.get(1).getString("user"));
    }

    @Test
    void aCategoryLetsTheCreatorsItNamesCreateRooms() throws Exception {
        AdminApi mira = new AdminApi("mira", System.getProperty("it.manager.password"));
        String open = category("{\"name\":\"" + unique("projects") + "\",\"allowedCreators\":[\"sip:mira@groupchat.test\"]}");
        String closed = category("{\"name\":\"" + unique("secret-projects") + "\",\"parent\":\"" + open
                + "\",\"deniedCreators\":[\"sip:mira@groupchat.test\"]}");

        HttpResponse<String> created = mira.send("POST", "", "{\"name\":\"" + unique("by-mira") + "\",\"category\":\"" + open + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertContains(created.body(), "\"managers\":[\"sip:mira@groupchat.test\"]");
        HttpResponse<String> refused = mira.send("POST", "", "{\"name\":\"" + unique("by-mira") + "\",\"category\":\"" + closed + "\"}");
        assertEquals(403, refused.statusCode());
        assertContains(refused.body(), "sip:mira@groupchat.test is denied as one of the room creators of category " + closed);
    }

    @Test
    void badCategoryRequestsAreRefusedWithTheReason() throws Exception {
        String name = unique("twice");
        category("{\"name\":\"" + name + "\"}");
        assertEquals(409, admin.categories("POST", "", "{\"name\":\"" + name + "\"}").statusCode());
        HttpResponse<String> orphan = admin.categories("POST", "", "{\"name\":\"" + unique("orphan") + "\",\"parent\":\"no-such-category\"}");
        assertEquals(404, orphan.statusCode());
        assertContains(orphan.body(), "There is no category no-such-category");
        HttpResponse<String> badEntry = admin.categories("POST", "", "{\"name\":\"" + unique("bad") + "\",\"deniedMembers\":[\"eve\"]}");
        assertEquals(400, badEntry.statusCode());
        assertContains(badEntry.body(), "deniedMembers: 'eve' is neither a SIP URI (sip:user@host), a domain (@host) nor a group (group:NAME)");
        assertEquals(405, admin.categories("DELETE", "/1", null).statusCode());
        assertEquals(401, new AdminApi("admin", "wrong").categories("GET", "", null).statusCode());
    }

    private String category(String json) throws Exception {
        HttpResponse<String> created = admin.categories("POST", "", json);
        assertEquals(201, created.statusCode(), created.body());
        return created.body().replaceAll("(?s).*\"name\":\"([^\"]+)\".*", "$1");
    }
}
