package org.groupchat.bench;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of the fault test (scripts/fault-test.sh): one poster per room posts its
 * messages one after another and writes every post answered 200 to a file. When the server goes
 * away (killed) it keeps trying: a post without an answer is unknown, not acknowledged; the
 * participant reconnects and the post is sent again with a new text, so that every text is
 * posted once. Ends when every room has its acknowledged posts.
 *
 * <p>Options ({@code --name=value}): rooms, posts (per room), acked-file, sip-port, http-port,
 * domain, channel-user, admin-password, local-port, deadline-seconds.
 */
public final class FaultDrill {

    private static final Pattern ROOM_ID = Pattern.compile("\"id\":(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        int rooms = Integer.parseInt(options.getOrDefault("rooms", "4"));
        int posts = Integer.parseInt(options.getOrDefault("posts", "200"));
        String domain = options.getOrDefault("domain", "fault.test");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("deadline-seconds", "600")));
        String run = Long.toString(System.currentTimeMillis(), 36);

        List<String> roomUris = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomUris.add(createRoom(options, "fault-" + run + "-" + r, "sip:poster-" + r + "@" + domain, domain));
        }
        SipLoadClient client = new SipLoadClient("127.0.0.1", List.of(Integer.parseInt(options.get("sip-port"))), "tcp",
                Integer.parseInt(options.getOrDefault("local-port", "15700")), 1, domain,
                List.of(options.getOrDefault("channel-user", "channel-fault")), 1);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        ExecutorService posters = Executors.newFixedThreadPool(rooms);
        try (PrintWriter acked = new PrintWriter(new FileWriter(options.get("acked-file"), StandardCharsets.UTF_8, true))) {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                int room = r;
                done.add(posters.submit(() -> {
                    postAll(client, "poster-" + room, roomUris.get(room), run + ":" + room, posts, deadline, text -> {
                        synchronized (acked) {
                            acked.println(roomUris.get(room) + "\t" + text);
                            acked.flush();
                        }
                        acknowledged.incrementAndGet();
                    }, unanswered);
                    return null;
                }));
            }
            for (Future<?> room : done) {
                room.get();
            }
        } finally {
            posters.shutdownNow();
            client.stop();
        }
        System.out.printf("drill: %d rooms x %d posts acknowledged (%d posts got no answer and were sent again)%n",
                rooms, posts, unanswered.get());
        System.exit(acknowledged.get() == (long) rooms * posts ? 0 : 1);
    }

    private static void postAll(SipLoadClient client, String user, String roomUri, String prefix, int posts, long deadline,
                                java.util.function.Consumer<String> onAcknowledged, AtomicLong unanswered) throws Exception {
        SipLoadClient.Participant participant = connect(client, user, roomUri, deadline);
        int attempt = 0;
        for (int n = 1; n <= posts; ) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(user + ": deadline passed with " + (n - 1) + " of " + posts + " posts acknowledged");
            }
            String text = "fault:" + prefix + ":" + n + ":" + (++attempt);
            Integer status;
            try {
                status = participant.postText(text).get(8, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                status = null;
            }
            if (status != null && status == 200) {
                onAcknowledged.accept(text);
                n++;
            } else if (status != null && status != 481 && status != 500 && status != 503 && status != 408) {
                throw new IllegalStateException(user + ": post refused with " + status);
            } else {
                unanswered.incrementAndGet();
                participant = connect(client, user, roomUri, deadline);
            }
        }
        participant.leave();
    }

    /** Opens a dialog and joins, trying again until the server answers (it may be restarting). */
    private static SipLoadClient.Participant connect(SipLoadClient client, String user, String roomUri, long deadline)
            throws Exception {
        while (true) {
            SipLoadClient.Participant participant = client.participant(user, roomUri);
            try {
                participant.connect().get(5, TimeUnit.SECONDS);
                return participant;
            } catch (Exception e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(user + " could not reconnect: " + e);
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    private static String createRoom(Map<String, String> options, String name, String member, String domain) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + options.getOrDefault("admin-password", "bench-admin"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + options.get("http-port") + "/groupchat/api/admin/rooms"))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"members\":[\"" + member + "\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = ROOM_ID.matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("room not created: " + created.statusCode() + " " + created.body());
        }
        return "ma-chan://" + domain + "/" + id.group(1);
    }
}
