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
 * How compliance events travel over JMS: a text message holding a JSON array of events (no Java
 * serialization), those of each room together and in the room's order. A message holds the events
 * of several rooms, so that the archive writes many in one transaction; a room's events are never
 * in two messages on their way at once (the relay sees to that), so no message grouping is needed
 * to keep a room's order.
 */
final class ComplianceMessages {

    private static final Jsonb JSON = JsonbBuilder.create();
    private static final ComplianceEvent[] ARRAY = new ComplianceEvent[0];

    private ComplianceMessages() {
    }

    /** @param events each room's together, oldest first */
    static TextMessage toMessage(JMSContext jms, List<ComplianceEvent> events) throws JMSException {
        return jms.createTextMessage(JSON.toJson(events.toArray(ARRAY)));
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
