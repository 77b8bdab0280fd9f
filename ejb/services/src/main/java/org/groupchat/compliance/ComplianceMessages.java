package org.groupchat.compliance;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import java.time.Instant;

/**
 * How a compliance event travels over JMS: a map message of plain fields (no Java serialization),
 * grouped by room so that one consumer at a time archives a room's events, in the room's order.
 */
final class ComplianceMessages {

    private ComplianceMessages() {
    }

    static MapMessage toMessage(JMSContext jms, ComplianceEvent event) throws JMSException {
        MapMessage message = jms.createMapMessage();
        message.setString("eventId", event.eventId());
        message.setString("type", event.type().name());
        message.setString("roomUri", event.roomUri());
        message.setString("roomName", event.roomName());
        message.setString("user", event.user());
        message.setString("occurredAt", event.occurredAt().toString());
        message.setString("content", event.content());
        message.setString("node", event.node());
        if (event.chatSequence() != null) {
            message.setLong("chatSequence", event.chatSequence());
        }
        message.setStringProperty("JMSXGroupID", event.roomUri());
        return message;
    }

    /** @throws IllegalArgumentException for a message that is not a compliance event */
    static ComplianceEvent fromMessage(Message message) throws JMSException {
        if (!(message instanceof MapMessage map) || map.getString("eventId") == null) {
            throw new IllegalArgumentException("not a compliance event: " + message.getJMSMessageID());
        }
        try {
            return new ComplianceEvent(
                    map.getString("eventId"),
                    ComplianceEventType.valueOf(map.getString("type")),
                    map.getString("roomUri"),
                    map.getString("roomName"),
                    map.getString("user"),
                    Instant.parse(map.getString("occurredAt")),
                    map.getString("content"),
                    map.getString("node"),
                    map.itemExists("chatSequence") ? map.getLong("chatSequence") : null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable compliance event " + map.getString("eventId") + ": " + e, e);
        }
    }
}
