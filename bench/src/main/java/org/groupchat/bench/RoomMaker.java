package org.groupchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Makes the rooms of a drill or a load run through the administration API, which answers over
 * HTTPS only. The servers these tools drive are local test servers with self-signed certificates,
 * so any certificate is accepted: nothing secret crosses but the test admin's password.
 */
final class RoomMaker {

    private static final Pattern ROOM_ID = Pattern.compile("\"id\":(\\d+)");

    private final HttpClient https = HttpClient.newBuilder().sslContext(acceptingAnyCertificate()).build();
    private final URI rooms;
    private final String authorization;

    RoomMaker(String httpsPort, String adminPassword) {
        rooms = URI.create("https://127.0.0.1:" + httpsPort + "/groupchat/api/admin/rooms");
        authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the new room's id */
    long create(String name, List<String> members) throws IOException, InterruptedException {
        String memberList = members.stream().map(member -> "\"" + member + "\"").collect(Collectors.joining(","));
        HttpResponse<String> created = https.send(HttpRequest.newBuilder(rooms)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"members\":[" + memberList + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ROOM_ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("room not created: " + created.statusCode() + " " + created.body());
        }
        return Long.parseLong(id.group(1));
    }

    private static SSLContext acceptingAnyCertificate() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, new SecureRandom());
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
