package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.File;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.Hashtable;
import java.util.List;
import javax.naming.Context;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Groups from a real OpenLDAP directory (slapd on loopback, src/test/ldap/directory.ldif): a
 * directory group, with a group nested in it, becomes the server's group of its users; rooms and
 * categories that name it admit them over SIP; a membership changed in the directory takes effect
 * at the next refresh, without a restart, and is archived as the directory's change; the archive
 * names users as the directory does; the directory's people sign in to the APIs with the roles
 * their groups give (scripts/configure-directory-login.sh, run on the suite's server by the build).
 */
@ExtendWith(ArquillianExtension.class)
class DirectoryIT {

    private static final String CHANNEL = "channel-it-node";
    private static final String PEOPLE = "ou=people,dc=groupchat,dc=test";
    private static final String JUNIORS = "cn=ldap-juniors,ou=groups,dc=groupchat,dc=test";

    private final AdminApi admin = new AdminApi();
    private final AuditApi auditor = new AuditApi();

    @Deployment(name = "groupchat", testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    /** The directory as directory.ldif has it: the suite's two runs share one slapd. */
    @BeforeEach
    void juniorsAreLeoAlone() throws Exception {
        setJuniors("uid=leo," + PEOPLE);
        refresh();
    }

    @Test
    void aDirectoryGroupAndTheGroupsNestedInItGiveARoomItsMembersAndTheirChangesComeWithoutARestart() throws Exception {
        HttpResponse<String> desk = admin.groups("GET", "/ldap-desk", null);
        assertEquals(200, desk.statusCode(), desk.body());
        assertEquals(List.of("sip:lena@groupchat.test", "sip:leo@groupchat.test"), members(desk.body()), desk.body());
        assertContains(desk.body(), "\"directoryDn\":\"cn=ldap-desk,ou=groups,dc=groupchat,dc=test\"");
        HttpResponse<String> byHand = admin.groups("PUT", "/ldap-desk/members", "[\"sip:eve@groupchat.test\"]");
        assertEquals(409, byHand.statusCode(), byHand.body());
        assertContains(byHand.body(), "is the directory's");

        long room = admin.createRoom("{\"name\":\"" + unique("desk-only") + "\",\"privacy\":\"CLOSED\",\"members\":[\"group:ldap-desk\"]}");
        try (RawParticipant leo = RawParticipant.join("leo", room)) { // in ldap-juniors, which is in ldap-desk
            post(leo, room, "leo is in through a nested group");
        }
        Sipp.Run lars = Sipp.run("channel-refusals", Sipp.Transport.TCP, List.of("lars", Long.toString(room), "none", CHANNEL)).assertPassed();
        assertContains(lars.log(), "only its members may enter");

        setJuniors("uid=leo," + PEOPLE, "uid=lars," + PEOPLE);
        String refreshed = refresh();
        assertContains(refreshed, "\"changed\":");
        try (RawParticipant larsNow = RawParticipant.join("lars", room)) {
            post(larsNow, room, "lars came in with the directory's change");
        }
        List<JsonObject> changes = auditor.events("room=" + AuditApi.encoded("group:ldap-desk") + "&type=GROUP_CHANGED&size=1000")
                .getJsonArray("events").getValuesAs(JsonObject.class);
        assertTrue(changes.stream().anyMatch(e -> e.getString("user").equals("directory")
                && e.getString("content").contains("sip:lars@groupchat.test")), "the directory's change is not archived: " + changes);
    }

    @Test
    void aCategoryThatAllowsADirectoryGroupKeepsOthersOut() throws Exception {
        String category = unique("desk-category");
        HttpResponse<String> made = admin.categories("POST", "", "{\"name\":\"" + category + "\",\"allowedMembers\":[\"group:ldap-desk\"]}");
        assertEquals(201, made.statusCode(), made.body());
        assertEquals(404, admin.categories("POST", "", "{\"name\":\"" + unique("nogroup") + "\",\"allowedMembers\":[\"group:no-such\"]}")
                .statusCode());
        HttpResponse<String> walled = admin.send("POST", "", "{\"name\":\"" + unique("walled") + "\",\"category\":\"" + category
                + "\",\"members\":[\"sip:lars@groupchat.test\"]}");
        assertEquals(403, walled.statusCode(), walled.body());
        assertContains(walled.body(), "category " + category + " allows only [group:ldap-desk]");

        String roomName = unique("desk-lobby");
        long room = admin.createRoom("{\"name\":\"" + roomName + "\",\"category\":\"" + category + "\",\"privacy\":\"OPEN\"}");
        String text = "lena is on the desk " + System.nanoTime();
        try (RawParticipant lena = RawParticipant.join("lena", room)) {
            post(lena, room, text);
        }
        Sipp.Run lars = Sipp.run("channel-refusals", Sipp.Transport.TCP, List.of("lars", Long.toString(room), roomName, CHANNEL)).assertPassed();
        assertContains(lars.log(), roomName + " is closed to you: category " + category + " allows only [group:ldap-desk]");

        // the archive names lena as the directory does, in its rows and in the compliance XML
        String roomUri = "ma-chan://groupchat.test/" + room;
        JsonObject chat = archivedChat(roomUri, text);
        assertEquals("Lena Lang", chat.getString("userDisplayName"), chat.toString());
        assertEquals("lena@groupchat.test", chat.getString("userEmail"), chat.toString());
        HttpResponse<String> xml = auditor.get("export?format=xml&room=" + AuditApi.encoded(roomUri));
        assertEquals(200, xml.statusCode());
        assertContains(xml.body(), "<Sender UserName=\"Lena Lang\" email=\"lena@groupchat.test\" internal=\"true\" uri=\"lena@groupchat.test\"");
    }

    private JsonObject archivedChat(String roomUri, String text) throws Exception {
        for (int attempt = 0; ; attempt++) {
            var found = auditor.events("room=" + AuditApi.encoded(roomUri) + "&type=CHAT").getJsonArray("events").getValuesAs(JsonObject.class)
                    .stream().filter(e -> e.getString("content").equals(text)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertTrue(attempt < 100, "the post was not archived");
            Thread.sleep(200);
        }
    }

    /** A group's members as the API gives them, sorted. */
    private static List<String> members(String group) {
        try (JsonReader reader = Json.createReader(new StringReader(group))) {
            return reader.readObject().getJsonArray("members").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .sorted().toList();
        }
    }

    @Test
    void directoryPeopleSignInToTheApisWithTheRolesOfTheirGroups() throws Exception {
        assertEquals(200, new AdminApi("lukas", "lukas-Secret-1").send("GET", "", null).statusCode(), "groupchat-admins: admin");
        assertEquals(200, new AdminApi("lars", "lars-Secret-1").send("GET", "", null).statusCode(),
                "ldap-deputies, inside groupchat-admins: admin");
        assertEquals(401, new AdminApi("lukas", "not-his").send("GET", "", null).statusCode(), "the directory checks the password");
        assertEquals(403, new AdminApi("lena", "lena-Secret-1").send("GET", "", null).statusCode(), "no role: signed in, refused");
        assertEquals(403, new AdminApi("lia", "lia-Secret-1").send("GET", "", null).statusCode(), "an auditor is no admin");
        assertEquals(200, new AuditApi("lia", "lia-Secret-1").get("events?size=1").statusCode(), "groupchat-auditors: auditor");
        assertEquals(403, new AuditApi("lukas", "lukas-Secret-1").get("events?size=1").statusCode(), "an admin is no auditor");
        assertEquals(200, new AdminApi().send("GET", "", null).statusCode(), "the server's own users still sign in");
    }

    private String refresh() throws Exception {
        HttpResponse<String> refreshed = admin.api("POST", "/directory/refresh", null);
        assertEquals(200, refreshed.statusCode(), refreshed.body());
        assertContains(refreshed.body(), "\"configured\":true");
        return refreshed.body();
    }

    private static void post(RawParticipant participant, long room, String text) throws Exception {
        int answered = participant.accepted.get() + participant.refused.get();
        participant.post("ma-chan://groupchat.test/" + room, text);
        assertTrue(participant.awaitAnswers(answered + 1, 10), "the post was not answered");
        assertEquals(answered + 1, participant.accepted.get(), participant.answers());
    }

    /** Sets ldap-juniors' members in the directory itself, as its administrator would. */
    private static void setJuniors(String... members) throws Exception {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, "ldap://127.0.0.1:" + System.getProperty("it.ldap.port"));
        environment.put(Context.SECURITY_PRINCIPAL, "cn=admin,dc=groupchat,dc=test");
        environment.put(Context.SECURITY_CREDENTIALS, "secret");
        DirContext ldap = new InitialDirContext(environment);
        try {
            BasicAttribute member = new BasicAttribute("member");
            for (String dn : members) {
                member.add(dn);
            }
            ldap.modifyAttributes(JUNIORS, new ModificationItem[] {new ModificationItem(DirContext.REPLACE_ATTRIBUTE, member)});
        } finally {
            ldap.close();
        }
    }
}
