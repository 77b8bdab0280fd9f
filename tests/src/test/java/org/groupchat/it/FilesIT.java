package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Web service end to end: tokens asked for over SIP (sipp), files moved over HTTPS, the file
 * message reaching a participant over SIP, and the compliance rows of both directions.
 */
@ExtendWith(ArquillianExtension.class)
class FilesIT {

    private static final String CHANNEL = "channel-it-node";
    private static final Path FILES = Path.of(System.getProperty("jboss.home"), "standalone", "data", "groupchat-files");
    /** groupchat.files.max-bytes and groupchat.files.token-seconds of the test server (arquillian.xml). */
    private static final long LIMIT = 210_000_000;
    private static final int TOKEN_SECONDS = 5;

    private final AdminApi admin = new AdminApi();
    private final AuditApi auditor = new AuditApi();
    private final FilesApi files;

    FilesIT() throws Exception {
        files = new FilesApi();
    }

    @Deployment(name = "groupchat", order = 1, testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Deployment(name = "heap-fixture", order = 2, testable = false)
    static WebArchive heapFixture() {
        return ShrinkWrap.create(WebArchive.class, "heap-fixture.war").addClass(HeapFixtureServlet.class);
    }

    @Test
    void aSharedFileReachesTheRoomAndComesBackTheSameAndBothWaysAreArchived() throws Exception {
        long room = room("share", "alice", "bob");
        String roomUri = "ma-chan://" + Sipp.DOMAIN + "/" + room;
        byte[] content = ("minutes of the meeting " + unique("m") + "\n").repeat(500).getBytes(StandardCharsets.UTF_8);

        Sipp.Call bob = Sipp.start("files-listen", Sipp.Transport.TCP, List.of("bob", Long.toString(room), "-", CHANNEL)).awaitLog("JOINED");
        URI upload = FilesApi.fileUri(token("alice", room, "getfutok", "../../etc/minutes.txt").log());
        assertTrue(upload.toString().startsWith("https://localhost:" + (8443 + Integer.getInteger("it.port-offset", 100))
                + "/groupchat/api/files/"), upload.toString());
        HttpResponse<String> uploaded = files.upload(upload, content);
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        JsonObject shared = Json.createReader(new StringReader(uploaded.body())).readObject();
        assertEquals("minutes.txt", shared.getString("name"), "the path in the name is gone");
        assertEquals(content.length, shared.getJsonNumber("size").longValue());
        assertEquals(FilesApi.sha256(content), shared.getString("sha256"));

        // Bob, in the room over SIP, receives the message that announces it.
        Sipp.Run bobRun = bob.await().assertPassed();
        assertContains(bobRun.log(), "RECEIVED <grpchat id=\"grpchat\" seqid=\"1\" chanUri=\"" + roomUri + "\" author=\"sip:alice@groupchat.test\"");
        assertContains(bobRun.log(), "<chat>shared the file \"minutes.txt\" (");
        String fileUrl = bobRun.log().replaceAll("(?s).*fileUrl (\\d+/minutes\\.txt).*", "$1");

        // He fetches it by the name the message gave: the same bytes, the checksum in the headers; a range of it.
        HttpResponse<byte[]> downloaded = files.download(FilesApi.fileUri(token("bob", room, "getfdtok", fileUrl).log()), null);
        assertEquals(200, downloaded.statusCode());
        assertArrayEquals(content, downloaded.body());
        assertEquals("\"" + FilesApi.sha256(content) + "\"", downloaded.headers().firstValue("ETag").orElse(""));
        assertContains(downloaded.headers().firstValue("Content-Disposition").orElse(""), "attachment; filename=\"minutes.txt\"");
        assertEquals("text/plain", downloaded.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> part = files.download(FilesApi.fileUri(token("bob", room, "getfdtok", "minutes.txt").log()), "bytes=10-19");
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(content, 10, 20), part.body());
        assertEquals("bytes 10-19/" + content.length, part.headers().firstValue("Content-Range").orElse(""));

        // (Bob's part is recorded as his session ends, while the downloads begin: its place may vary.)
        List<JsonObject> events = auditor.awaitEvents(roomUri, 6).getJsonArray("events").getValuesAs(JsonObject.class);
        assertEquals(List.of("ROOM_CREATED", "JOIN", "FILEUPLOAD", "FILEDOWNLOAD", "FILEDOWNLOAD"),
                events.stream().map(e -> e.getString("type")).filter(type -> !type.equals("PART")).toList(), events.toString());
        JsonObject uploadEvent = events.stream().filter(e -> e.getString("type").equals("FILEUPLOAD")).findFirst().orElseThrow();
        assertEquals("sip:alice@groupchat.test", uploadEvent.getString("user"));
        assertContains(uploadEvent.getString("content"), "name=minutes.txt; size=" + content.length + "; sha256=" + FilesApi.sha256(content));
        assertEquals(1, uploadEvent.getInt("chatSequence"));
    }

    @Test
    void tokensAreForMembersAndForOneTransfer() throws Exception {
        long room = room("tokens", "carol");

        Sipp.Run stranger = token("mallory", room, "getfutok", "x.txt");
        assertContains(stranger.log(), "<resp code=\"403\">");
        assertContains(stranger.log(), "Only members of");

        URI upload = FilesApi.fileUri(token("carol", room, "getfutok", "once.txt").log());
        assertEquals(201, files.upload(upload, "first".getBytes(StandardCharsets.UTF_8)).statusCode());
        HttpResponse<String> again = files.upload(upload, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, again.statusCode());
        assertContains(again.body(), "was used at");

        URI forged = URI.create(upload.toString().replaceAll("[^/]+$", "c2VjcmV0LWJ1dC1mb3JnZWQtdG9rZW4tdmFsdWUtMTIzNDU2Nzg5MA"));
        assertEquals(403, files.download(forged, null).statusCode());
        URI download = FilesApi.fileUri(token("carol", room, "getfdtok", "once.txt").log());
        HttpResponse<String> spent = files.upload(upload, "third".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, spent.statusCode());
        assertContains(spent.body(), "This file token is not known here"); // deleted as the next token was given
        HttpResponse<String> wrongWay = files.upload(download, "not a download".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, wrongWay.statusCode());
        assertContains(wrongWay.body(), "This token is for a download");
        assertContains(token("carol", room, "getfdtok", "no-such-file.txt").log(), "<resp code=\"404\">");

        HttpResponse<String> plainHttp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + Sipp.httpPort() + "/groupchat/api/files/anything")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, plainHttp.statusCode());
        assertContains(plainHttp.body(), "HTTPS only");

        URI expiring = FilesApi.fileUri(token("carol", room, "getfutok", "late.txt").log());
        Thread.sleep(TOKEN_SECONDS * 1000L + 1500);
        HttpResponse<String> late = files.upload(expiring, "too late".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, late.statusCode());
        assertContains(late.body(), "This file token expired at");

        String secretName = unique("secret-files");
        long secret = admin.createRoom("{\"name\":\"" + secretName + "\",\"privacy\":\"SECRET\",\"members\":[\"sip:carol@groupchat.test\"]}");
        String outsider = token("mallory", secret, "getfutok", "x.txt").log();
        assertContains(outsider, "<resp code=\"404\">There is no room");
        assertFalse(outsider.contains(secretName), "a refusal names the secret room: " + outsider);

        long closedToFiles = admin.createRoom("{\"name\":\"" + unique("nofiles") + "\",\"filePost\":false,\"members\":[\"sip:carol@groupchat.test\"]}");
        assertContains(token("carol", closedToFiles, "getfutok", "x.txt").log(), "Files are not shared in");
    }

    @Test
    void aLargeUploadStreamsAndAnOversizedOneLeavesNothing() throws Exception {
        long room = room("large", "dave");
        String heapUrl = "http://127.0.0.1:" + Sipp.httpPort() + "/heap-fixture/heap";
        HttpClient http = HttpClient.newHttpClient();

        long before = Long.parseLong(http.send(HttpRequest.newBuilder(URI.create(heapUrl)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        FilesApi.GeneratedContent large = new FilesApi.GeneratedContent(200_000_000);
        HttpResponse<String> uploaded = files.upload(FilesApi.fileUri(token("dave", room, "getfutok", "dump.bin").log()), large);
        long peak = Long.parseLong(http.send(HttpRequest.newBuilder(URI.create(heapUrl)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        assertContains(uploaded.body(), "\"sha256\":\"" + large.sha256() + "\"");
        long grown = peak - before;
        System.out.printf("FilesIT: 200 MB upload, old generation %d MB before, peak %d MB during (grew %d MB)%n",
                before >> 20, peak >> 20, grown >> 20);
        assertTrue(grown < 50L * 1024 * 1024, "the heap grew by " + (grown >> 20) + " MB during a 200 MB upload");

        long storedBefore = storedFiles();
        HttpResponse<String> oversized = files.upload(FilesApi.fileUri(token("dave", room, "getfutok", "too-big.bin").log()),
                new FilesApi.GeneratedContent(LIMIT + 1_000_000));
        assertEquals(413, oversized.statusCode(), oversized.body());
        assertContains(oversized.body(), "larger than this server's limit of " + LIMIT + " bytes");
        assertEquals(storedBefore, storedFiles(), "the oversized upload left a stored file");
        assertNoPartialUpload();

        // A client that goes away in the middle of an upload leaves nothing either.
        files.uploadAndHangUp(FilesApi.fileUri(token("dave", room, "getfutok", "cut.bin").log()), 10_000_000, 1_000_000);
        Thread.sleep(2000);
        assertEquals(storedBefore, storedFiles(), "the broken-off upload left a stored file");
        assertNoPartialUpload();
    }

    private static void assertNoPartialUpload() throws IOException {
        try (Stream<Path> incoming = Files.list(FILES.resolve("incoming"))) {
            assertEquals(List.of(), incoming.toList(), "a partial upload was left behind");
        }
    }

    /** Through a group Uma becomes a member of a room whose category walls her off: no token for her either. */
    @Test
    void aCategorysWallKeepsFileTokensFromAMemberItWallsOff() throws Exception {
        String group = unique("file-desk");
        assertEquals(201, admin.groups("POST", "", "{\"name\":\"" + group + "\",\"members\":[\"sip:tom@groupchat.test\"]}").statusCode());
        String category = unique("walled-files");
        HttpResponse<String> created = admin.categories("POST", "", "{\"name\":\"" + category + "\",\"deniedMembers\":[\"sip:uma@groupchat.test\"]}");
        assertEquals(201, created.statusCode(), created.body());
        long room = admin.createRoom("{\"name\":\"" + unique("walled-desk") + "\",\"category\":\"" + category
                + "\",\"filePost\":true,\"members\":[\"group:" + group + "\"]}");
        assertEquals(200, admin.groups("PUT", "/" + group + "/members", "[\"sip:tom@groupchat.test\",\"sip:uma@groupchat.test\"]").statusCode());

        String uma = token("uma", room, "getfutok", "x.txt").log();
        assertContains(uma, "<resp code=\"403\">");
        assertContains(uma, "is closed to you: sip:uma@groupchat.test is denied");
        assertContains(token("tom", room, "getfutok", "x.txt").log(), "<resp code=\"200\">");
    }

    private long room(String name, String... members) throws IOException, InterruptedException {
        String uris = String.join(",", Arrays.stream(members).map(m -> "\"sip:" + m + "@" + Sipp.DOMAIN + "\"").toList());
        return admin.createRoom("{\"name\":\"" + unique(name) + "\",\"members\":[" + uris + "]}");
    }

    private static Sipp.Run token(String user, long room, String command, String fileUrl) throws IOException, InterruptedException {
        return Sipp.run("files-token", Sipp.Transport.TCP, List.of(user, Long.toString(room), command, CHANNEL, fileUrl)).assertPassed();
    }

    private static long storedFiles() throws IOException {
        try (Stream<Path> stored = Files.walk(FILES.resolve("sha256"))) {
            return stored.filter(Files::isRegularFile).count();
        }
    }
}
