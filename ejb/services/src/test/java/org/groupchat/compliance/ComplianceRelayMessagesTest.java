package org.groupchat.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceRelayMessagesTest {

    @Test
    void packsSeveralRoomsToAMessageEachRoomWholeAndInOrder() {
        List<ComplianceEvent> batch = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            batch.add(event("room" + (i % 3), i)); // three rooms, their events interleaved
        }

        List<List<ComplianceEvent>> messages = ComplianceRelay.messages(batch);

        // 50 events a room: two rooms fill the first message, the third needs another
        assertEquals(2, messages.size());
        assertEquals(List.of("room0", "room1"), rooms(messages.get(0)));
        assertEquals(List.of("room2"), rooms(messages.get(1)));
        for (List<ComplianceEvent> message : messages) {
            for (List<ComplianceEvent> room : ComplianceEvent.byRoom(message)) {
                assertEquals(room.stream().sorted((a, b) -> Long.compare(a.chatSequence(), b.chatSequence())).toList(), room,
                        "a room's events in the order they were written");
            }
        }
    }

    @Test
    void aRoomWithMoreThanAMessageHoldsGoesAloneAndWhole() {
        List<ComplianceEvent> batch = new ArrayList<>();
        batch.add(event("small", 1));
        for (int i = 0; i < ComplianceRelay.EVENTS_PER_MESSAGE + 20; i++) {
            batch.add(event("busy", i));
        }
        batch.add(event("small", 2));

        List<List<ComplianceEvent>> messages = ComplianceRelay.messages(batch);

        assertEquals(2, messages.size());
        assertEquals(List.of("small"), rooms(messages.get(0)));
        assertEquals(2, messages.get(0).size());
        assertEquals(ComplianceRelay.EVENTS_PER_MESSAGE + 20, messages.get(1).size(), "one room's events are never split");
    }

    private static List<String> rooms(List<ComplianceEvent> message) {
        return ComplianceEvent.byRoom(message).stream().map(room -> room.get(0).roomUri()).toList();
    }

    private static ComplianceEvent event(String room, long sequence) {
        return new ComplianceEvent("e-" + room + "-" + sequence, ComplianceEventType.CHAT, room, room, "sip:u@d",
                Instant.EPOCH, "text", "node", sequence, null, false, null, null);
    }
}
