package org.groupchat.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.groupchat.compliance.ComplianceEventType;

/**
 * Lets a table's event-type column hold every name {@link ComplianceEventType} has now. The first
 * schema wrote the list into a CHECK without a name, which H2 and PostgreSQL name each their own
 * way; so this finds the CHECK by what it says, drops it and adds one named
 * {@code TABLE_COLUMN_known}. A release that adds event types adds another version of it.
 */
final class EventTypesCheck implements JavaMigration {

    /** A name every version of the list has had. */
    private static final String ALWAYS_LISTED = ComplianceEventType.MESSAGE_REMOVED.name();

    private final MigrationVersion version;
    private final String table;
    private final String column;
    private final String added;

    /** @param added which events this version adds, for Flyway's history */
    EventTypesCheck(String version, String table, String column, String added) {
        this.version = MigrationVersion.fromVersion(version);
        this.table = table;
        this.column = column;
        this.added = added;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return table + " " + column + " takes the " + added + " events";
    }

    @Override
    public Integer getChecksum() {
        return null; // the list follows the enum: a later version widens it again
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement change = connection.createStatement()) {
            for (String old : checksListingEventTypes(connection)) {
                change.execute("alter table " + table + " drop constraint \"" + old.replace("\"", "\"\"") + "\"");
            }
            String names = Arrays.stream(ComplianceEventType.values()).map(type -> "'" + type.name() + "'").collect(Collectors.joining(","));
            change.execute("alter table " + table + " add constraint " + table + "_" + column + "_known check (" + column + " in (" + names + "))");
        }
    }

    private List<String> checksListingEventTypes(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select tc.constraint_name from information_schema.table_constraints tc"
                + " join information_schema.check_constraints cc on cc.constraint_schema = tc.constraint_schema"
                + " and cc.constraint_name = tc.constraint_name"
                + " where upper(tc.table_name) = ? and tc.table_schema = current_schema and tc.constraint_type = 'CHECK'"
                + " and cc.check_clause like ?")) {
            query.setString(1, table.toUpperCase(Locale.ROOT));
            query.setString(2, "%" + ALWAYS_LISTED + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
