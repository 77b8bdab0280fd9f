package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The room administration API of the server under test, as the admin user (tests/pom.xml sets the password). */
final class AdminApi {

    private static final Pattern ROOM_ID = Pattern.compile("\"id\":(\\d+)");

    private final HttpClient http = AcceptingTrustManager.httpsClient();
    private final String credentials;
    private final int port;

    AdminApi() {
        this("admin", System.getProperty("it.admin.password"));
    }

    AdminApi(String user, String password) {
        this(Sipp.httpsPort(), user, password);
    }

    /** The API of the server whose HTTPS port this is. */
    AdminApi(int port, String user, String password) {
        this.port = port;
        credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }


    /** A request to the rooms ({@code path} after {@code /admin/rooms}). */
    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return request("https://127.0.0.1:" + port + "/groupchat/api/admin/rooms" + path, method, json);
    }

    /** A request to the categories ({@code path} after {@code /admin/categories}). */
    HttpResponse<String> categories(String method, String path, String json) throws IOException, InterruptedException {
        return request("https://127.0.0.1:" + port + "/groupchat/api/admin/categories" + path, method, json);
    }

    /** A request to the groups ({@code path} after {@code /admin/groups}). */
    HttpResponse<String> groups(String method, String path, String json) throws IOException, InterruptedException {
        return request("https://127.0.0.1:" + port + "/groupchat/api/admin/groups" + path, method, json);
    }

    /** A request to any part of the administration API ({@code path} after {@code /admin}: /holds, /retention/run). */
    HttpResponse<String> api(String method, String path, String json) throws IOException, InterruptedException {
        return request("https://127.0.0.1:" + port + "/groupchat/api/admin" + path, method, json);
    }

    private HttpResponse<String> request(String url, String method, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a room from its JSON description and returns its id. */
    long createRoom(String json) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "", json);
        assertEquals(201, response.statusCode(), response.body());
        Matcher id = ROOM_ID.matcher(response.body());
        if (!id.find()) {
            throw new AssertionError("no room id in " + response.body());
        }
        return Long.parseLong(id.group(1));
    }
}
