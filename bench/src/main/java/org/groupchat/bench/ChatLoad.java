package org.groupchat.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The fan-out benchmark: R rooms of M participants each, over real SIP dialogs; one participant
 * per room posts, together P posts a second, for S seconds after a warm-up. Prints posts/s,
 * deliveries/s, post-to-delivery latency, losses, order violations and the server's memory.
 *
 * <p>Options (all {@code --name=value}): rooms, members, rate, seconds, warmup, transport (udp|tcp),
 * sip-port and channel-user (comma-separated, one per node: participants alternate between the nodes),
 * https-port, domain, admin-password, server-pid, local-port, connections (how
 * many SIP connections the participants are spread over, each a JAIN-SIP stack with its own local
 * port: 1 is like a proxy in front of the server, more is like clients connected directly).
 */
public final class ChatLoad {


    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int rooms = Integer.parseInt(options.getOrDefault("rooms", "10"));
        int members = Integer.parseInt(options.getOrDefault("members", "30"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "300"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        String transport = options.getOrDefault("transport", "tcp");
        String domain = options.getOrDefault("domain", "bench.test");

        List<String> roomUris = createRooms(options, rooms, members, domain);
        int expected = rate * seconds * (members - 1) + 1000;
        // several nodes: --sip-port=5560,5660 --channel-user=channel-node1,channel-node2 (participants alternate)
        List<Integer> ports = Arrays.stream(options.getOrDefault("sip-port", "5360").split(",")).map(Integer::parseInt).toList();
        List<String> channelUsers = List.of(options.getOrDefault("channel-user", "channel-bench").split(","));
        SipLoadClient client = new SipLoadClient("127.0.0.1", ports,
                transport, Integer.parseInt(options.getOrDefault("local-port", "15400")),
                Integer.parseInt(options.getOrDefault("connections", Integer.toString(ports.size()))), domain,
                channelUsers, expected);
        try {
            List<SipLoadClient.Participant> posters = join(client, roomUris, members);
            post(posters, rate, warmup);
            TimeUnit.SECONDS.sleep(2); // the warm-up's deliveries arrive before measuring starts
            client.startMeasuring();
            long warmupAcknowledged = client.postsAcknowledged.sum();
            long started = System.nanoTime();
            long posted = post(posters, rate, seconds);
            double postingSeconds = (System.nanoTime() - started) / 1e9;
            long acknowledgedInTime = client.postsAcknowledged.sum() - warmupAcknowledged;
            TimeUnit.SECONDS.sleep(5); // let the last deliveries arrive
            report(options, client, rooms, members, rate, transport, posted, postingSeconds,
                    client.postsAcknowledged.sum() - warmupAcknowledged, acknowledgedInTime);
        } finally {
            client.stop();
        }
        System.exit(0); // the SIP stack's threads would keep the JVM alive
    }

    /** Makes the rooms through the administration API, every participant a member. */
    private static List<String> createRooms(Map<String, String> options, int rooms, int members, String domain) throws Exception {
        RoomMaker maker = new RoomMaker(options.getOrDefault("https-port", "8743"), options.getOrDefault("admin-password", "bench-admin"));
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> uris = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            int room = r;
            List<String> users = IntStream.range(0, members).mapToObj(m -> "sip:" + user(room, m) + "@" + domain).toList();
            uris.add("ma-chan://" + domain + "/" + maker.create("bench-" + run + "-" + r, users));
        }
        return uris;
    }

    private static String user(int room, int member) {
        return "bench-r" + room + "-m" + member;
    }

    /** Every participant opens its dialog and joins its room; returns each room's poster. */
    private static List<SipLoadClient.Participant> join(SipLoadClient client, List<String> roomUris, int members) throws Exception {
        List<SipLoadClient.Participant> posters = new ArrayList<>();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int r = 0; r < roomUris.size(); r++) {
            for (int m = 0; m < members; m++) {
                SipLoadClient.Participant participant = client.participant(user(r, m), roomUris.get(r));
                joins.add(participant.connect());
                if (m == r % Math.min(2, members)) { // with two nodes, rooms alternate between posters on either
                    posters.add(participant);
                }
                if (joins.size() % 50 == 0) {
                    CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.printf("joined: %d participants in %d rooms%n", joins.size(), roomUris.size());
        return posters;
    }

    /** Posts at the rate, spread evenly, the rooms in turn. */
    private static long post(List<SipLoadClient.Participant> posters, int rate, int seconds) throws Exception {
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            posters.get((int) (n % posters.size())).post(n);
        }
        return total;
    }

    private static void report(Map<String, String> options, SipLoadClient client, int rooms, int members, int rate,
                               String transport, long posted, double seconds, long acknowledged, long acknowledgedInTime)
            throws Exception {
        long delivered = client.deliveries.sum();
        long expected = posted * (members - 1);
        System.out.printf("shape: %d rooms x %d participants, %d posts/s offered, %s%n", rooms, members, rate, transport);
        System.out.printf("posts: %d sent, %d acknowledged (200), %d refused, %.0f posts/s acknowledged%n",
                posted, acknowledged, client.postsRefused.sum(), acknowledgedInTime / seconds);
        System.out.printf("deliveries: %d of %d expected, %.0f deliveries/s, not delivered 5 s after the last post %d, out of order %d%n",
                delivered, expected, delivered / seconds, Math.max(0, expected - delivered), client.orderViolations.sum());
        System.out.printf("latency post->delivery: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                client.latencies.percentileMillis(50), client.latencies.percentileMillis(99), client.latencies.percentileMillis(100));
        String pid = options.get("server-pid");
        if (pid != null) {
            Path status = Path.of("/proc", pid, "status");
            if (Files.exists(status)) {
                Map<String, String> memory = new HashMap<>();
                for (String line : Files.readAllLines(status)) {
                    String[] parts = line.split(":\\s+", 2);
                    if (parts.length == 2 && (parts[0].equals("VmRSS") || parts[0].equals("VmHWM"))) {
                        memory.put(parts[0], parts[1]);
                    }
                }
                System.out.printf("server memory: RSS %s, peak RSS %s%n", memory.get("VmRSS"), memory.get("VmHWM"));
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
