package org.groupchat.it;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Test fixture deployed beside the EAR: puts other channel servers into the registry table, as
 * other nodes sharing the chat database would, with a heartbeat of a chosen age.
 * {@code PUT ?uri=U&ageSeconds=N} registers or updates one; {@code DELETE ?uri=U} removes it.
 */
@WebServlet("/channel-servers")
public class RegistryFixtureServlet extends HttpServlet {

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chatDatabase;

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Instant heartbeat = Instant.now().minusSeconds(Long.parseLong(request.getParameter("ageSeconds")));
        String uri = request.getParameter("uri");
        // delete and insert rather than H2's MERGE or PostgreSQL's ON CONFLICT: the suite runs on both
        update(response, "delete from channel_server where uri = ?", uri);
        update(response, "insert into channel_server (uri, node_name, started_at, last_heartbeat) values (?, 'fixture', ?, ?)",
                uri, Timestamp.from(heartbeat), Timestamp.from(heartbeat));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        update(response, "delete from channel_server where uri = ?", request.getParameter("uri"));
    }

    private void update(HttpServletResponse response, String sql, Object... values) throws IOException {
        try (Connection connection = chatDatabase.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            response.getWriter().print(statement.executeUpdate());
        } catch (SQLException e) {
            response.sendError(500, e.getMessage());
        }
    }
}
