package org.groupchat.it;

import jakarta.annotation.Resource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;

/**
 * Test fixture deployed beside the EAR: puts a compliance event on the compliance queue the given
 * number of times, as a relay that resends after a crash (or a consumer whose acknowledgement was
 * lost) would. {@code POST ?eventId=E&room=R&user=U&content=C&times=N}. The JSON array is the
 * queue's message format (org.groupchat.compliance.ComplianceMessages). With {@code &to=dead-letters}
 * the message goes to the dead-letter queue instead, as one whose redeliveries ran out would;
 * {@code DELETE} moves what waits there back to the compliance queue, as the operator does.
 */
@WebServlet("/compliance-queue")
public class ComplianceQueueFixtureServlet extends HttpServlet {

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connections;

    @Resource(lookup = "java:/jms/queue/groupchat/compliance")
    private Queue queue;

    @Resource(lookup = "java:/jms/queue/groupchat/compliance-dead-letters")
    private Queue deadLetters;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int times = Integer.parseInt(request.getParameter("times"));
        try (JMSContext jms = connections.createContext()) {
            for (int i = 0; i < times; i++) {
                JsonObject event = Json.createObjectBuilder()
                        .add("eventId", request.getParameter("eventId"))
                        .add("type", "CHAT")
                        .add("roomUri", request.getParameter("room"))
                        .add("roomName", "fixture")
                        .add("user", request.getParameter("user"))
                        .add("occurredAt", Instant.now().toString())
                        .add("content", request.getParameter("content"))
                        .add("node", "fixture")
                        .build();
                TextMessage message = jms.createTextMessage(Json.createArrayBuilder().add(event).build().toString());
                message.setStringProperty("JMSXGroupID", request.getParameter("room"));
                jms.createProducer().send("dead-letters".equals(request.getParameter("to")) ? deadLetters : queue, message);
            }
        } catch (Exception e) {
            response.sendError(500, e.toString());
            return;
        }
        response.getWriter().print(times);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int moved = 0;
        try (JMSContext jms = connections.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer waiting = jms.createConsumer(deadLetters)) {
            for (Message message = waiting.receive(1000); message != null; message = waiting.receive(1000)) {
                jms.createProducer().send(queue, message);
                jms.commit();
                moved++;
            }
        } catch (Exception e) {
            response.sendError(500, e.toString());
            return;
        }
        response.getWriter().print(moved);
    }
}
