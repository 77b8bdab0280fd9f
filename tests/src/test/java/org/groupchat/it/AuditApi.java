package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The auditor API of the server under test (tests/pom.xml sets the auditor's password). */
final class AuditApi {

    private final HttpClient http = AcceptingTrustManager.httpsClient();
    private final String credentials;
    private final int port;

    AuditApi() {
        this("auditor", System.getProperty("it.auditor.password"));
    }

    AuditApi(String user, String password) {
        this(Sipp.httpsPort(), user, password);
    }

    /** The API of the server whose HTTPS port this is. */
    AuditApi(int port, String user, String password) {
        this.port = port;
        credentials = user == null ? null
                : Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }


    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/groupchat/api/audit/" + pathAndQuery));
        if (credentials != null) {
            request.header("Authorization", "Basic " + credentials);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonObject events(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = get("events?" + query);
        assertEquals(200, response.statusCode(), response.body());
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** The room's events once one of that type is archived (the compliance queue is asynchronous), at most 20 s on. */
    List<JsonObject> eventsOnceArchived(String roomUri, String type) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            List<JsonObject> events = events("room=" + encoded(roomUri) + "&size=1000").getJsonArray("events").getValuesAs(JsonObject.class);
            if (events.stream().anyMatch(e -> e.getString("type").equals(type)) || attempt == 100) {
                return events;
            }
            Thread.sleep(200);
        }
    }

    /**
     * The room's events once the archive holds at least {@code expected} of them (the compliance
     * queue is asynchronous), and a little longer, so that a row too many would show.
     */
    JsonObject awaitEvents(String roomUri, int expected) throws IOException, InterruptedException {
        String query = "room=" + encoded(roomUri) + "&size=1000";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonObject page = events(query);
        while (page.getInt("total") < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            page = events(query);
        }
        Thread.sleep(1000);
        return events(query);
    }
}
