package org.groupchat.sip.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.ChatPost;
import org.groupchat.channel.PostOutcome;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.RoomPost;
import org.groupchat.sip.SipBody;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipUri;
import org.groupchat.xccos.XmlElement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room's order on one node, without a server: what is delivered, in which order, to whom. */
class RoomOrderTest {

    private static final String ROOM = "ma-chan://example.org/7";

    private final RoomOrder order = new RoomOrder();
    private final OnlineParticipants online = new OnlineParticipants();
    private final RecordingDelivery local = new RecordingDelivery();
    private final List<Long> publishedToOtherNodes = new ArrayList<>();

    @BeforeEach
    void wire() throws ReflectiveOperationException {
        set("online", online);
        set("local", local);
        set("cluster", new ClusterTopic() {
            @Override
            public void message(PostedMessage message) {
                publishedToOtherNodes.add(message.sequence());
            }

            @Override
            public void roomNotice(String roomUri, XmlElement notice) {
            }
        });
    }

    @Test
    void aPostIsDeliveredToEveryoneButItsPosterPublishedThenAnswered() {
        order.enter(ROOM, 0, participant("alice", "d1"));
        order.enter(ROOM, 0, participant("bob", "d2"));
        List<String> steps = new ArrayList<>();

        order.post(ROOM, "d1", () -> message(1), stored -> steps.add("answered " + stored.sequence()
                + " after " + local.calls + " and " + publishedToOtherNodes));

        assertEquals(List.of("answered 1 after [push 1 except d1] and [1]"), steps);
    }

    @Test
    void aPosterWhoseAnswerCannotBeWrittenHoldsUpNoOtherPostOfTheRoom() throws Exception {
        order.enter(ROOM, 0, participant("alice", "d1"));
        order.enter(ROOM, 0, participant("bob", "d2"));
        CompletableFuture<PostedMessage> othersPost = new CompletableFuture<>();

        // alice's answer blocks (her connection is full) until bob's post of the same room is through
        order.post(ROOM, "d1", () -> message(1), stored -> {
            Thread bob = new Thread(() -> othersPost.complete(order.post(ROOM, "d2", () -> message(2), answered -> { })));
            bob.start();
            try {
                othersPost.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                othersPost.completeExceptionally(e);
            }
        });

        assertEquals(2, othersPost.get().sequence(), "bob's post went through while alice's answer waited");
        assertEquals(List.of("push 1 except d1", "push 2 except d2"), local.calls);
    }

    @Test
    void postsThatComeWhileTheRoomIsStoringAreStoredTogetherInOrderEachWithItsOwnOutcome() throws Exception {
        order.enter(ROOM, 0, participant("alice", "d1"));
        order.enter(ROOM, 0, participant("bob", "d2"));
        order.enter(ROOM, 0, participant("carol", "d3"));
        List<List<String>> transactions = new ArrayList<>();
        CompletableFuture<PostedMessage> bobs = new CompletableFuture<>();
        CompletableFuture<PostedMessage> carols = new CompletableFuture<>();
        set("channels", new ChannelService() {
            private long last;

            @Override
            public List<PostOutcome> postAll(String roomUri, List<RoomPost> posts) {
                transactions.add(posts.stream().map(RoomPost::user).toList());
                if (transactions.size() == 1) { // while alice's post is being stored, bob and carol post
                    waitUntilBlocked(poster(() -> order.post(ROOM, "d2", post("bob"), stored -> { }), bobs));
                    waitUntilBlocked(poster(() -> order.post(ROOM, "d3", post("carol"), stored -> { }), carols));
                }
                return posts.stream().map(post -> post.user().equals("carol")
                        ? new PostOutcome(null, ChannelRefusal.notAllowed("carol is not a member"))
                        : new PostOutcome(message(++last), null)).toList();
            }
        });

        PostedMessage alices = order.post(ROOM, "d1", post("alice"), stored -> { });

        assertEquals(1, alices.sequence());
        assertEquals(2, bobs.get(5, TimeUnit.SECONDS).sequence());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> carols.get(5, TimeUnit.SECONDS));
        assertEquals("carol is not a member", refused.getCause().getMessage());
        assertEquals(List.of(List.of("alice"), List.of("bob", "carol")), transactions, "bob's and carol's in one transaction");
        assertEquals(List.of("push 1 except d1", "push 2 except d2"), local.calls, "nothing of carol's handed out");
    }

    @Test
    void aMessageFromAnotherNodeThatSkippedSomeBringsThemFirstAndALateOneIsNotDeliveredAgain() {
        order.enter(ROOM, 4, participant("carol", "d3"));

        order.deliverFromAnotherNode(message(5));
        order.deliverFromAnotherNode(message(8));
        order.deliverFromAnotherNode(message(7));

        assertEquals(List.of("push 5 except ", "catch up 6-7", "push 8 except "), local.calls);
    }

    @Test
    void theFirstToEnterAnEmptyRoomSetsWhereDeliveryGoesOn() {
        order.enter(ROOM, 10, participant("dave", "d4"));
        order.enter(ROOM, 3, participant("erin", "d5")); // someone is in: delivery goes on where it is

        order.deliverFromAnotherNode(message(11));

        assertEquals(List.of("push 11 except "), local.calls);
    }

    @Test
    void aRoomTakesSixPostsInLineAndRefusesTheSeventh() {
        for (int i = 0; i < 6; i++) {
            assertTrue(order.queueToPost(ROOM, 6));
        }
        assertFalse(order.queueToPost(ROOM, 6));
        order.donePosting(ROOM);
        assertTrue(order.queueToPost(ROOM, 6));
    }

    @Test
    void takingOutLeavesTheOthersAndTellsEachOneTakenOut() {
        order.enter(ROOM, 0, participant("frank", "d6"));
        order.enter(ROOM, 0, participant("gina", "d7"));
        List<String> told = new ArrayList<>();

        int taken = order.takeOut(ROOM, p -> p.user().equals("frank"), p -> told.add(p.user()));

        assertEquals(1, taken);
        assertEquals(List.of("frank"), told);
        assertEquals(List.of("gina"), online.in(ROOM).stream().map(Participant::user).toList());
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field declared = RoomOrder.class.getDeclaredField(field);
        declared.setAccessible(true);
        declared.set(order, value);
    }

    private static RoomPost post(String user) {
        return new RoomPost(user, ChatPost.plain("hello from " + user));
    }

    /** Posts on a thread of its own; the outcome (or refusal) completes {@code outcome}. */
    private static Thread poster(java.util.function.Supplier<PostedMessage> posting, CompletableFuture<PostedMessage> outcome) {
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(posting.get());
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        thread.start();
        return thread;
    }

    /** Until the thread waits for the room's lock (its post is in the room's line). */
    private static void waitUntilBlocked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread + " never waited for the room's lock");
            }
            Thread.onSpinWait();
        }
    }

    private static PostedMessage message(long sequence) {
        return new PostedMessage(ROOM, sequence, "sip:alice@example.org", Instant.EPOCH, "text " + sequence, null, false);
    }

    private static Participant participant(String user, String dialogId) {
        return new Participant(user, new SipDialog() {
            @Override
            public String id() {
                return dialogId;
            }

            @Override
            public SipUri remoteParty() {
                return SipUri.parse("sip:" + user + "@example.org");
            }

            @Override
            public SipUri localParty() {
                return SipUri.parse("sip:channel@example.org");
            }

            @Override
            public void sendInfo(String contentType, SipBody body) {
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public boolean isBehind() {
                return false;
            }

            @Override
            public <T> Optional<T> attribute(String name, Class<T> type) {
                return Optional.empty();
            }

            @Override
            public void setAttribute(String name, Object value) {
            }
        });
    }

    /** What the room's order asked of this node's delivery. */
    private static final class RecordingDelivery extends LocalDelivery {
        final List<String> calls = new ArrayList<>();

        @Override
        public void push(String roomUri, XmlElement element, String exceptDialogId) {
            calls.add("push " + element.attribute("seqid").orElse("?") + " except " + exceptDialogId);
        }

        @Override
        public void catchUp(String roomUri, long from, long to) {
            calls.add("catch up " + from + "-" + to);
        }

        @Override
        public void notice(String roomUri, XmlElement notice, String exceptDialogId) {
        }
    }
}
