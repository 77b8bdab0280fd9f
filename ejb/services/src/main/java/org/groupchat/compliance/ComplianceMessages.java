package org.groupchat.compliance;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.ArrayList;
import java.util.List;

/**
 * How compliance events travel over JMS: a text message holding a JSON array of one room's events
 * in the room's order (no Java serialization), grouped by room ({@code JMSXGroupID}) so that one
 * consumer at a time archives a room's events. Several events to a message: the archive writes
 * them in one transaction.
 */
final class ComplianceMessages {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final ComplianceEvent[] ARRAY = new ComplianceEvent[0];

    private ComplianceMessages() {
    }

    /** @param events of one room, oldest first */
    static TextMessage toMessage(JMSContext jms, List<ComplianceEvent> events) throws JMSException {
        TextMessage message = jms.createTextMessage(JSON.toJson(events.toArray(ARRAY)));
        message.setStringProperty("JMSXGroupID", events.get(0).roomUri());
        return message;
    }

    /** @throws IllegalArgumentException for a message that is not compliance events */
    static List<ComplianceEvent> fromMessage(Message message) throws JMSException {
        if (!(message instanceof TextMessage text) || text.getText() == null) {
            throw new IllegalArgumentException("not compliance events: " + message.getJMSMessageID());
        }
        try {
            ComplianceEvent[] events = JSON.fromJson(text.getText(), ComplianceEvent[].class);
            return new ArrayList<>(List.of(events));
        } catch (JsonbException | NullPointerException e) {
            throw new IllegalArgumentException("unreadable compliance events in " + message.getJMSMessageID() + ": " + e.getMessage(), e);
        }
    }
}
