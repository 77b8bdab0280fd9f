package org.groupchat.it;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Test fixture deployed beside the EAR: makes a room's data older, as the days a retention
 * counts would. {@code POST /age?room=ID&days=N&what=messages} moves the room's messages' post
 * times N days back; {@code what=events} moves its archived events' times (occurred and
 * archived) back. Answers how many rows it moved.
 */
@WebServlet("/age")
public class RetentionFixtureServlet extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chatDatabase;

    @Resource(lookup = "java:jboss/datasources/GroupchatComplianceDS")
    private DataSource complianceDatabase;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long room = Long.parseLong(request.getParameter("room"));
        Duration back = Duration.ofDays(Long.parseLong(request.getParameter("days")));
        try {
            int moved = switch (request.getParameter("what")) {
                case "messages" -> age(chatDatabase, "select id, posted_at from chat_message where room_id = ?",
                        "update chat_message set posted_at = ? where id = ?", room, back);
                case "events" -> age(complianceDatabase, "select id, archived_at, occurred_at from compliance_event where room_uri = ?",
                        "update compliance_event set archived_at = ?, occurred_at = ? where id = ?",
                        "ma-chan://groupchat.test/" + room, back);
                default -> throw new IllegalArgumentException("what: messages or events");
            };
            response.getWriter().print(moved);
        } catch (SQLException | IllegalArgumentException e) {
            response.sendError(500, e.toString());
        }
    }

    /** Each selected row's times (every column after the id) moved back; done in Java, as H2 and PostgreSQL count dates differently. */
    private static int age(DataSource database, String select, String update, Object room, Duration back) throws SQLException {
        int moved = 0;
        try (Connection connection = database.getConnection();
             PreparedStatement rows = connection.prepareStatement(select);
             PreparedStatement change = connection.prepareStatement(update)) {
            rows.setObject(1, room);
            try (ResultSet found = rows.executeQuery()) {
                int times = found.getMetaData().getColumnCount() - 1;
                while (found.next()) {
                    for (int i = 1; i <= times; i++) {
                        change.setTimestamp(i, Timestamp.from(found.getTimestamp(i + 1).toInstant().minus(back)));
                    }
                    change.setLong(times + 1, found.getLong(1));
                    moved += change.executeUpdate();
                }
            }
        }
        return moved;
    }
}
