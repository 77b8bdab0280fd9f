package org.groupchat.bench;

import java.io.FileWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sip.SipException;

/**
 * The client side of the fault tests (scripts/fault-test.sh, and the pool's): posters post their
 * messages one after another and write every post answered 200 to a file. When a server goes away
 * (killed) they keep trying: a post without an answer is unknown, not acknowledged; the
 * participant reconnects (to whichever node answers) and the post is sent again with a new text,
 * so that every text is posted once. Ends when every poster has its acknowledged posts.
 *
 * <p>Options ({@code --name=value}): rooms, posters (per room; each on the next node in turn),
 * posts (per poster), until-file (instead of posts: post until this file exists), pause-millis
 * (between one poster's posts), acked-file, sip-ports (one per node, comma-separated; or
 * sip-port), channel-users (each node's channel server, in the same order; or channel-user),
 * https-port (where rooms are made), domain, admin-password, local-port, deadline-seconds.
 */
public final class FaultDrill {


    /**
     * What the drill saw.
     *
     * @param storeFailures posts answered 500 (the server could not store them): sent again, but
     *                      with ordinary posting in a pool there should be none
     */
    public record Result(List<String> roomUris, long acknowledged, long unanswered, long storeFailures, boolean complete) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        Result result = run(options);
        System.out.printf("drill: %d posts acknowledged in %d rooms, %s posters each (%d posts got no answer and were sent again,"
                        + " %d were answered 500 and sent again)%n", result.acknowledged(), result.roomUris().size(),
                options.getOrDefault("posters", "1"), result.unanswered(), result.storeFailures());
        System.exit(result.complete() ? 0 : 1);
    }

    /** Runs the drill with the options of {@link FaultDrill}; returns when every post is acknowledged or it failed. */
    public static Result run(Map<String, String> options) throws Exception {
        int rooms = Integer.parseInt(options.getOrDefault("rooms", "4"));
        int posters = Integer.parseInt(options.getOrDefault("posters", "1"));
        Path untilFile = options.containsKey("until-file") ? Path.of(options.get("until-file")) : null;
        int posts = untilFile != null ? Integer.MAX_VALUE : Integer.parseInt(options.getOrDefault("posts", "200"));
        long pauseMillis = Long.parseLong(options.getOrDefault("pause-millis", "0"));
        String domain = options.getOrDefault("domain", "fault.test");
        List<Integer> sipPorts = Arrays.stream(options.getOrDefault("sip-ports", options.getOrDefault("sip-port", "5460")).split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        List<String> channelUsers = List.of(options.getOrDefault("channel-users", options.getOrDefault("channel-user", "channel-fault")).split(","));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("deadline-seconds", "600")));
        String run = Long.toString(System.currentTimeMillis(), 36);

        RoomMaker maker = new RoomMaker(options.getOrDefault("https-port", "8843"), options.getOrDefault("admin-password", "bench-admin"));
        List<String> roomUris = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            List<String> members = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                members.add("sip:" + posterName(r, p) + "@" + domain);
            }
            roomUris.add("ma-chan://" + domain + "/" + maker.create("fault-" + run + "-" + r, members));
        }
        // One connection per node: participant k of the client goes to node k % nodes, so the
        // posters of a room are spread over the nodes, and a reconnection tries the next node.
        SipLoadClient client = new SipLoadClient("127.0.0.1", sipPorts, "tcp",
                Integer.parseInt(options.getOrDefault("local-port", "15700")), sipPorts.size(), domain, channelUsers, 1);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        AtomicLong storeFailures = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(rooms * posters);
        boolean complete = true;
        try (PrintWriter acked = new PrintWriter(new FileWriter(options.get("acked-file"), StandardCharsets.UTF_8, true))) {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                for (int p = 0; p < posters; p++) {
                    String roomUri = roomUris.get(r);
                    Poster poster = new Poster(client, posterName(r, p), roomUri, "fault:" + run + ":" + r + ":" + p, deadline,
                            untilFile, pauseMillis);
                    done.add(threads.submit(() -> {
                        poster.postAll(posts, text -> {
                            synchronized (acked) {
                                acked.println(roomUri + "\t" + text);
                                acked.flush();
                            }
                            acknowledged.incrementAndGet();
                        }, unanswered, storeFailures);
                        return null;
                    }));
                }
            }
            for (Future<?> poster : done) {
                try {
                    poster.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println("drill: " + e.getCause().getMessage());
                    complete = false;
                }
            }
        } finally {
            threads.shutdownNow();
            client.stop();
        }
        return new Result(roomUris, acknowledged.get(), unanswered.get(), storeFailures.get(),
                complete && (untilFile != null || acknowledged.get() == (long) rooms * posters * posts));
    }

    private static String posterName(int room, int poster) {
        return "poster-" + room + "-" + poster;
    }

    /** One user posting into one room, reconnecting whenever the server it is on stops answering. */
    private record Poster(SipLoadClient client, String user, String roomUri, String prefix, long deadline, Path untilFile,
                          long pauseMillis) {

        void postAll(int posts, Consumer<String> onAcknowledged, AtomicLong unanswered, AtomicLong storeFailures) throws Exception {
            SipLoadClient.Participant participant = connect();
            int attempt = 0;
            for (int n = 1; n <= posts && (untilFile == null || !Files.exists(untilFile)); ) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(user + ": deadline passed with " + (n - 1) + " of " + posts + " posts acknowledged");
                }
                String text = prefix + ":" + n + ":" + (++attempt);
                Integer status;
                try {
                    status = participant.postText(text).get(8, TimeUnit.SECONDS);
                } catch (TimeoutException | SipException e) {
                    status = null; // no answer, or the connection to a killed node could not take the request
                }
                if (status != null && status == 200) {
                    onAcknowledged.accept(text);
                    n++;
                    TimeUnit.MILLISECONDS.sleep(pauseMillis);
                } else if (status != null && status == 500) {
                    storeFailures.incrementAndGet(); // not stored: the same post goes again as a new text
                    TimeUnit.MILLISECONDS.sleep(200);
                } else if (status == null || status == 481 || status == 503 || status == 408) {
                    unanswered.incrementAndGet();
                    participant = connect();
                } else {
                    throw new IllegalStateException(user + ": post refused with " + status);
                }
            }
            participant.leave();
        }

        /** Opens a dialog and joins, trying again (on the next node) until a server answers. */
        private SipLoadClient.Participant connect() throws Exception {
            while (true) {
                SipLoadClient.Participant participant = client.participant(user, roomUri);
                try {
                    participant.connect().get(5, TimeUnit.SECONDS);
                    return participant;
                } catch (Exception e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(user + " could not reconnect: " + e);
                    }
                    TimeUnit.MILLISECONDS.sleep(500);
                }
            }
        }
    }
}
