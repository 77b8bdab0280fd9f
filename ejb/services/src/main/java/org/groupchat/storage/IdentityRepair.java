package org.groupchat.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Puts H2's identity counters back ahead of the rows they numbered. After kill -9, H2 (2.2.224)
 * sometimes reopens a table whose last rows are there but whose identity counter is not: the next
 * insert then collides with an existing id, again and again until the counter has passed them. In
 * the compliance archive that would throw a room's events back onto the queue and let the room's
 * later events overtake them. Runs once at start, before the application takes any request
 * (a startup singleton: the container holds message deliveries and calls until it is ready).
 * PostgreSQL needs nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdentityRepair {

    private static final Logger LOG = Logger.getLogger(IdentityRepair.class.getName());

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chat;

    @Resource(lookup = "java:jboss/datasources/GroupchatComplianceDS")
    private DataSource compliance;

    @PostConstruct
    void repair() {
        repair(Database.CHAT, chat);
        repair(Database.COMPLIANCE, compliance);
    }

    private void repair(Database database, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            if (!Database.isH2(connection)) {
                return;
            }
            for (IdentityColumn column : identityColumns(sql)) {
                long highest;
                try (ResultSet rows = sql.executeQuery("select coalesce(max(" + column.name() + "), 0) from " + column.table())) {
                    rows.next();
                    highest = rows.getLong(1);
                }
                if (column.next() <= highest) {
                    sql.execute("alter table " + column.table() + " alter column " + column.name() + " restart with " + (highest + 1));
                    LOG.warning("the " + database + " database reopened with the identity counter of " + column.table() + "."
                            + column.name() + " at " + column.next() + ", behind its rows (up to " + highest
                            + "; H2 after a crash): set to " + (highest + 1));
                }
            }
        } catch (SQLException e) {
            LOG.severe("the identity counters of the " + database + " database could not be checked: " + e);
        }
    }

    private static List<IdentityColumn> identityColumns(Statement sql) throws SQLException {
        List<IdentityColumn> columns = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select table_name, column_name, identity_base from information_schema.columns"
                + " where table_schema = 'PUBLIC' and is_identity = 'YES'")) {
            while (rows.next()) {
                columns.add(new IdentityColumn("\"" + rows.getString(1) + "\"", "\"" + rows.getString(2) + "\"", rows.getLong(3)));
            }
        }
        return columns;
    }

    private record IdentityColumn(String table, String name, long next) {
    }
}
