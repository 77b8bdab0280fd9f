package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Compliance service end to end: real SIP clients (sipp) do things in rooms, the events go
 * through the outbox and the JMS queue of the embedded Artemis to the compliance database, and an
 * auditor reads and exports them over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class ComplianceIT {

    private static final String CHANNEL = "channel-it-node";
    private static final Path EXPORT_SCHEMA =
            Path.of("..", "ejb", "services", "src", "main", "resources", "org", "groupchat", "compliance", "compliance-export.xsd");

    private final AdminApi admin = new AdminApi();
    private final AuditApi auditor = new AuditApi();

    /** The scheduled export's directory (arquillian.xml: an interval of 2 s, exported 1 s after its end). */
    /** Beside the server's databases (standalone/data): the PostgreSQL run's copy of the server starts without either. */
    private static final Path EXPORTED = Path.of(System.getProperty("jboss.home"), "standalone", "data", "compliance-export");

    /** The EAR, with a compliance adapter of the site's own in its lib/, as README tells a site to add one. */
    @Deployment(name = "groupchat", order = 1, testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")))
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "it-compliance-adapter.jar").addClass(LinesComplianceAdapter.class)
                        .addAsManifestResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                                + " bean-discovery-mode=\"annotated\"/>"), "beans.xml"));
    }

    @Deployment(name = "compliance-fixture", order = 2, testable = false)
    static WebArchive queueFixture() {
        return ShrinkWrap.create(WebArchive.class, "compliance-fixture.war").addClass(ComplianceQueueFixtureServlet.class);
    }

    @Test
    void aJoinAPostAHistoryViewAndAPartBecomeOneRowEach() throws Exception {
        String roomUri = roomWithActivity("alice", "for the record " + UUID.randomUUID());

        List<JsonObject> events = auditor.awaitEvents(roomUri, 5).getJsonArray("events").getValuesAs(JsonObject.class);

        assertEquals(List.of("ROOM_CREATED", "JOIN", "CHAT", "BACKCHAT", "PART"),
                events.stream().map(e -> e.getString("type")).toList(), events.toString());
        assertEquals("admin", events.get(0).getString("user"));
        assertContains(events.get(0).getString("content"), "members=[sip:alice@groupchat.test]");
        for (JsonObject event : events.subList(1, 5)) {
            assertEquals("sip:alice@groupchat.test", event.getString("user"), event.toString());
            assertEquals("it-node", event.getString("node"), event.toString());
        }
        JsonObject chat = events.get(2);
        assertContains(chat.getString("content"), "for the record ");
        assertEquals(1, chat.getInt("chatSequence"));
        assertEquals("part", events.get(4).getString("content"));
    }

    @Test
    void anEventDeliveredAgainIsArchivedOnce() throws Exception {
        String roomUri = "ma-chan://groupchat.test/fixture-" + UUID.randomUUID();
        String repeated = UUID.randomUUID().toString();

        putOnQueue(repeated, roomUri, "sent three times", 3);
        putOnQueue(UUID.randomUUID().toString(), roomUri, "sent once, after them", 1);

        // one consumer takes a room's events in order: once the last is in, the repeats have been handled
        List<JsonObject> events = auditor.awaitEvents(roomUri, 2).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("sent three times", "sent once, after them"),
                events.stream().map(e -> e.getString("content")).toList(), events.toString());
        assertEquals(repeated, events.get(0).getString("eventId"));
    }

    @Test
    void onlyAuditorsReadTheArchiveAndBadFiltersAreNamed() throws Exception {
        assertEquals(401, new AuditApi(null, null).get("events").statusCode());
        assertEquals(403, new AuditApi("admin", System.getProperty("it.admin.password")).get("events").statusCode());
        assertEquals(200, auditor.get("events?type=chat&text=x&from=2020-01-01&to=2100-01-01T00:00:00Z").statusCode());

        HttpResponse<String> badType = auditor.get("events?type=GOSSIP");
        assertEquals(400, badType.statusCode());
        assertContains(badType.body(), "type must be one of [JOIN, PART, CHAT");
        HttpResponse<String> badTime = auditor.get("events?from=yesterday");
        assertEquals(400, badTime.statusCode());
        assertContains(badTime.body(), "from must be an ISO 8601 instant");
        assertEquals(400, auditor.get("export?format=pdf").statusCode());
    }

    @Test
    void theXmlExportValidatesAgainstTheShippedSchemaAndTheCsvHoldsEveryEvent() throws Exception {
        String text = "exported, with \"quotes\" " + UUID.randomUUID();
        String roomUri = roomWithActivity("bob", text);
        auditor.awaitEvents(roomUri, 5);

        HttpResponse<String> xml = auditor.get("export?format=xml&room=" + AuditApi.encoded(roomUri));
        assertEquals(200, xml.statusCode(), xml.body());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(EXPORT_SCHEMA.toFile()).newValidator()
                .validate(new StreamSource(new StringReader(xml.body())));
        assertContains(xml.body(), "<Channel uri=\"" + roomUri + "\"");
        assertContains(xml.body(), "<FirstMessage type=\"JOIN\"");
        assertContains(xml.body(), "<Message type=\"CHAT\" content=\"exported, with &quot;quotes&quot; ");
        assertContains(xml.body(), "uri=\"bob@groupchat.test\"");
        assertTrue(!xml.body().contains("ROOM_CREATED"), "administrative events are not in the adapter's layout");

        HttpResponse<String> csv = auditor.get("export?format=csv&room=" + AuditApi.encoded(roomUri));
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("groupchat-compliance.csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("id,event_id,type,room_uri,room_name,user,occurred_at,content,node,chat_sequence,archived_at,story_title,alert,"
                + "user_display_name,user_email", lines.get(0));
        assertEquals(6, lines.size(), csv.body());
        assertContains(csv.body(), ",\"" + text.replace("\"", "\"\"") + "\",it-node,1,");

        HttpResponse<String> schema = auditor.get("schema");
        assertEquals(Files.readString(EXPORT_SCHEMA), schema.body());
    }

    /**
     * The scheduled export hands every interval to each adapter deployed: the built-in one writes
     * files of the shipped schema, the site's own its lines; each event is in one interval only.
     */
    @Test
    void theScheduledExportWritesEachEventOnceThroughTheBuiltInAndTheSiteAdapter() throws Exception {
        String text = "exported on schedule " + UUID.randomUUID();
        String roomUri = roomWithActivity("carol", text);
        auditor.awaitEvents(roomUri, 5);

        Instant deadline = Instant.now().plusSeconds(120); // a first run catches up with the archive so far
        while ((exportedChats(text) == 0 || exportedLines(roomUri).size() < 5) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        Thread.sleep(5000); // a few more intervals, so that an event written twice would show
        assertEquals(1, exportedChats(text), "the post in the XML adapter's files");
        assertEquals(List.of("ROOM_CREATED", "JOIN", "CHAT", "BACKCHAT", "PART"),
                exportedLines(roomUri).stream().map(line -> line.split("\t")[1]).toList(), "the room's events in the site adapter's files");
        assertTrue(exportedLines(roomUri).get(2).endsWith("\t" + text));
        try (var left = Files.list(EXPORTED.resolve("xml"))) {
            assertEquals(List.of(), left.filter(file -> file.getFileName().toString().endsWith(".partial")).toList(),
                    "a file left half-written");
        }
    }

    /** How often the XML adapter's files hold a CHAT with this text; each file is checked against the schema. */
    private static int exportedChats(String text) throws Exception {
        int found = 0;
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(EXPORT_SCHEMA.toFile());
        for (Path file : exportedFiles("xml", ".xml")) {
            schema.newValidator().validate(new StreamSource(file.toFile()));
            var messages = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getElementsByTagName("Message");
            for (int i = 0; i < messages.getLength(); i++) {
                var message = (org.w3c.dom.Element) messages.item(i);
                if (message.getAttribute("type").equals("CHAT") && message.getAttribute("content").equals(text)) {
                    found++;
                }
            }
        }
        return found;
    }

    /** The site adapter's lines about the room, in archive order. */
    private static List<String> exportedLines(String roomUri) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : exportedFiles(LinesComplianceAdapter.NAME, ".tsv")) {
            Files.readAllLines(file).stream().filter(line -> line.split("\t")[2].equals(roomUri)).forEach(lines::add);
        }
        return lines;
    }

    private static List<Path> exportedFiles(String adapter, String suffix) throws IOException {
        Path directory = EXPORTED.resolve(adapter);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** What users post reaches the auditor's spreadsheet as text, never as a formula it would run. */
    @Test
    void theCsvExportKeepsFormulasAsText() throws Exception {
        String formula = "=HYPERLINK(\"http://evil.example/" + UUID.randomUUID() + "\",\"click\")";
        String roomUri = roomWithActivity("bob", formula);
        auditor.awaitEvents(roomUri, 5);

        HttpResponse<String> csv = auditor.get("export?format=csv&room=" + AuditApi.encoded(roomUri));
        assertEquals(200, csv.statusCode());
        assertContains(csv.body(), ",\"'" + formula.replace("\"", "\"\"") + "\",it-node,1,");
        assertTrue(csv.body().lines().noneMatch(line -> line.contains(",=") || line.contains(",\"=")), csv.body());
    }

    /** A room where the user joins, posts the text, reads the history and parts; returns its URI. */
    private String roomWithActivity(String user, String text) throws Exception {
        long room = admin.createRoom("{\"name\":\"compliance-" + UUID.randomUUID() + "\",\"members\":[\"sip:" + user
                + "@groupchat.test\"]}");
        Sipp.run("channel-compliance", Sipp.Transport.TCP, List.of(user, Long.toString(room), text, CHANNEL)).assertPassed();
        return "ma-chan://groupchat.test/" + room;
    }

    /**
     * An event the archive could not take after every redelivery waits in the dead-letter queue:
     * the node says so in its log and its status until the operator moves it back, and then the
     * archive has it.
     */
    @Test
    void eventsInTheDeadLetterQueueAreReportedUntilMovedBackAndThenArchived() throws Exception {
        String roomUri = "ma-chan://groupchat.test/dead-letter-" + UUID.randomUUID();
        String content = "archived late " + UUID.randomUUID();
        sendToFixture("POST", "eventId=" + UUID.randomUUID() + "&room=" + AuditApi.encoded(roomUri) + "&user="
                + AuditApi.encoded("sip:fixture@groupchat.test") + "&content=" + AuditApi.encoded(content) + "&times=1&to=dead-letters");

        assertEquals(1, awaitDeadLetters(1), "the status counts the dead letter");
        assertContains(ServerLog.text(), "compliance: 1 message(s) of events the archive could not take"
                + " wait in the dead-letter queue groupchat.compliance.DLQ");

        assertEquals("1", sendToFixture("DELETE", ""), "moved back");
        assertEquals(0, awaitDeadLetters(0));
        JsonObject archived = auditor.awaitEvents(roomUri, 1);
        assertEquals(1, archived.getInt("total"));
        assertEquals(content, archived.getJsonArray("events").getJsonObject(0).getString("content"));
    }

    /** complianceDeadLetters of the node's status, once it is {@code expected} or after 30 s. */
    private static int awaitDeadLetters(int expected) throws Exception {
        Pattern count = Pattern.compile("\"complianceDeadLetters\":(-?\\d+)");
        int seen = -1;
        for (Instant deadline = Instant.now().plusSeconds(30); seen != expected && Instant.now().isBefore(deadline); Thread.sleep(500)) {
            Matcher status = count.matcher(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + Sipp.httpPort() + "/groupchat/api/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
            seen = status.find() ? Integer.parseInt(status.group(1)) : -2;
        }
        return seen;
    }

    private static void putOnQueue(String eventId, String roomUri, String content, int times) throws IOException, InterruptedException {
        sendToFixture("POST", "eventId=" + eventId + "&room=" + AuditApi.encoded(roomUri) + "&user=" + AuditApi.encoded("sip:fixture@groupchat.test")
                + "&content=" + AuditApi.encoded(content) + "&times=" + times);
    }

    private static String sendToFixture(String method, String query) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/compliance-fixture/compliance-queue?" + query))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
