package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that stop reading their connection (a laptop lid closed mid-session, a hostile client):
 * the server must not hold their messages without bound nor let them hold up anyone else. More of
 * them than the server has SIP workers join a busy room and go silent; the room's other
 * participants must still get every message at once, and the silent ones must be put out.
 */
@ExtendWith(ArquillianExtension.class)
class StalledClientsIT {

    private static final String DOMAIN = "groupchat.test";
    /** More than the server's 16 SIP workers: if a blocked write held a worker, nothing would move. */
    private static final int STALLED = 20;

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void clientsThatStopReadingArePutOutAndHoldUpNobodyElse() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("stalled") + "\",\"privacy\":\"OPEN\","
                + "\"members\":[\"sip:stall-poster@" + DOMAIN + "\"]}");
        String roomUri = "ma-chan://" + DOMAIN + "/" + room;
        try (RawParticipant listener = RawParticipant.join("stall-listener", room);
             RawParticipant poster = RawParticipant.join("stall-poster", room)) {
            // the test server's sessions expire after 10 s of silence: these two keep theirs
            listener.keepSessionAlive();
            poster.keepSessionAlive();
            List<RawParticipant> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED; i++) {
                stalled.add(RawParticipant.join("stalled-" + i, room));
            }
            stalled.forEach(RawParticipant::stopReading);

            // 800 posts of 7,000 characters, 50 a second: 5.6 MB for each client, more than the
            // kernel buffers for a silent one; then every write to it blocks.
            String filler = "x".repeat(7000);
            int posts = 800;
            for (int i = 0; i < posts; i++) {
                poster.post(roomUri, "stall|" + i + "|" + System.nanoTime() + "|" + filler);
                Thread.sleep(20);
            }
            assertTrue(poster.awaitAnswers(posts, 30), "every post answered: " + poster.answers());
            int accepted = poster.accepted.get();
            assertEquals(posts, accepted, "every post accepted (" + poster.answers() + "): the silent clients are not the server's load");
            assertTrue(listener.awaitMessages(accepted, 60),
                    "the listener got " + listener.latenciesMillis.size() + " of the " + accepted + " accepted posts");
            List<Long> latencies = new ArrayList<>(listener.latenciesMillis);
            Collections.sort(latencies);
            long p99 = latencies.get((int) Math.floor(0.99 * (latencies.size() - 1)));
            assertTrue(p99 < 1000, "the listener's p99 was " + p99 + " ms (p50 " + latencies.get(latencies.size() / 2) + " ms, max "
                    + latencies.get(latencies.size() - 1) + " ms)");

            for (int i = 0; i < STALLED; i++) {
                String user = "sip:stalled-" + i + "@" + DOMAIN;
                assertTrue(listener.awaitPartOf(user, 30), user + " was not put out of the room");
            }
            stalled.forEach(RawParticipant::closeQuietly);
        }
    }

    /**
     * A client that stops reading but goes on posting: the answers to its posts cannot be written,
     * and that must hold up nobody else's posts in its room (the answer once left under the room's
     * lock, and the whole room waited with it until the client was put out). It is put out; the
     * others' posts are all taken and delivered meanwhile.
     */
    @Test
    void aClientThatStopsReadingButPostsHoldsUpNobodyElsesPosts() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("lagging") + "\",\"privacy\":\"OPEN\"}");
        String roomUri = "ma-chan://" + DOMAIN + "/" + room;
        String laggardUri = "sip:lag-laggard@" + DOMAIN;
        try (RawParticipant listener = RawParticipant.join("lag-listener", room);
             RawParticipant flooder = RawParticipant.join("lag-flooder", room);
             RawParticipant laggard = RawParticipant.join("lag-laggard", room)) {
            listener.keepSessionAlive();
            flooder.keepSessionAlive();
            laggard.stopReading();
            // the laggard posts ten times a second, and never reads an answer
            Thread laggardPosts = new Thread(() -> {
                try {
                    for (int i = 0; i < 600 && !listener.parted.contains(laggardUri); i++) {
                        laggard.post(roomUri, "lag|" + i + "|" + System.nanoTime() + "|");
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    // put out: its connection is closed
                }
            }, "laggard-posts");
            laggardPosts.start();
            Thread.sleep(1000); // its first posts go through while its connection still takes them

            String filler = "x".repeat(7000);
            int flooded = 0;
            while (flooded < 1200 && !listener.parted.contains(laggardUri)) {
                // at most 8 posts unanswered, as a client that pipelines a little: more would make
                // the flooder itself a client the server holds back (32 requests queued for it) on a
                // machine loaded enough that its posts take longer than 20 ms to store
                flooder.awaitAnswers(flooded - 8, 5);
                flooder.post(roomUri, "flood|" + flooded + "|" + System.nanoTime() + "|" + filler);
                flooded++;
                Thread.sleep(20);
            }
            assertTrue(listener.awaitPartOf(laggardUri, 30), "the laggard was not put out");
            laggardPosts.join(5000);

            assertTrue(flooder.awaitAnswers(flooded, 30), "every post of the flooder answered: " + flooder.answers());
            assertEquals(flooded, flooder.accepted.get(), "every post of the flooder taken (" + flooder.answers() + ")");
            assertTrue(listener.awaitChats("flood|", flooded, 30),
                    "the listener got " + listener.chatsStartingWith("flood|") + " of the flooder's " + flooded + " posts");
            for (int i = 0; i < 5; i++) {
                assertEquals(1, listener.chatsStartingWith("lag|" + i + "|"),
                        "the laggard's post " + i + ", from before its connection filled, was delivered once");
            }
            laggard.closeQuietly();
        }
    }

    /**
     * A client that lags behind what its room sends it (it reads nothing for a moment) has its own
     * posts refused as they arrive, 503 with Retry-After, and none of them is stored: what it adds
     * would only grow everyone's backlog. Once it has read what waited for it, it posts again.
     */
    @Test
    void aPosterWhoseClientLagsBehindIsRefusedUntilItHasCaughtUp() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + ChannelIT.unique("behind") + "\",\"privacy\":\"OPEN\"}");
        String roomUri = "ma-chan://" + DOMAIN + "/" + room;
        try (RawParticipant listener = RawParticipant.join("behind-listener", room);
             RawParticipant flooder = RawParticipant.join("behind-flooder", room);
             RawParticipant lagging = RawParticipant.join("behind-poster", room)) {
            // the test server's sessions expire after 10 s of silence, and on a slow machine this
            // test takes about that long: the listener sends nothing of its own
            listener.keepSessionAlive();
            flooder.keepSessionAlive();
            lagging.keepSessionAlive();
            lagging.stopReading();
            // posts of 7,000 characters, 25 at a time, then one of the lagging client's own: once the
            // kernel's buffers for it are full, what waits for it grows past 32 and it is behind. The
            // listener tells whether its post was taken (it is delivered) or not.
            String filler = "x".repeat(7000);
            int flooded = 0;
            int probes = 0;
            while (probes == listener.chatsStartingWith("probe|") && flooded < 2000) {
                for (int i = 0; i < 25; i++, flooded++) {
                    flooder.awaitAnswers(flooded - 8, 5);
                    flooder.post(roomUri, "fill|" + flooded + "|" + System.nanoTime() + "|" + filler);
                }
                assertTrue(listener.awaitChats("fill|", flooded, 30), "the listener got " + listener.chatsStartingWith("fill|")
                        + " of " + flooded + " posts");
                lagging.post(roomUri, "probe|" + probes++ + "|" + System.nanoTime() + "|");
                listener.awaitChats("probe|", probes, 1);
            }
            for (int i = 0; i < 4; i++) {
                lagging.post(roomUri, "probe|" + probes++ + "|" + System.nanoTime() + "|");
            }
            Thread.sleep(300); // the probes reach the server while it is still behind
            lagging.resumeReading(); // within the 5 s a write to it may stay blocked: it is not put out
            assertTrue(lagging.awaitChats("fill|", flooded, 30), "the lagging client caught up with " + lagging.chatsStartingWith("fill|")
                    + " of " + flooded + " posts");
            assertTrue(lagging.awaitAnswers(probes, 30), "its posts answered: " + lagging.answers());
            assertTrue(lagging.refused.get() >= 5, "its posts while behind refused: " + lagging.answers());
            Thread.sleep(500);
            assertEquals(lagging.accepted.get(), listener.chatsStartingWith("probe|"), "only its posts taken delivered: " + lagging.answers());

            lagging.post(roomUri, "caught-up|0|" + System.nanoTime() + "|");
            assertTrue(lagging.awaitAnswers(probes + 1, 30), "its post after it caught up answered: " + lagging.answers());
            assertTrue(listener.awaitChats("caught-up|", 1, 30), "its post after it caught up taken and delivered: " + lagging.answers());
        }
    }
}
