package org.groupchat.storage;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * On H2, lets the id columns of the tables every post writes reserve their numbers 1,024 at a
 * time instead of 32. H2 writes an identity's reservation into its schema, as a commit of its
 * own that also writes the store to the file: with 32 that was one extra commit for every 32
 * rows, taken inside the insert of whichever post ran out, a few per cent of a busy node's CPU.
 * A node killed with kill -9 skips what was left of a reservation; the ids stay unique and keep
 * rising. On PostgreSQL nothing changes: there each connection would keep a reservation of its
 * own, and ids would no longer follow the order rows were written in, which the outbox is read in.
 */
final class IdentityCacheOnH2 implements JavaMigration {

    private static final int RESERVED_AT_ONCE = 1024;

    private final MigrationVersion version;
    private final List<String> tables;

    IdentityCacheOnH2(String version, String... tables) {
        this.version = MigrationVersion.fromVersion(version);
        this.tables = List.of(tables);
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return "on H2, ids of " + String.join(", ", tables) + " reserved " + RESERVED_AT_ONCE + " at a time";
    }

    @Override
    public Integer getChecksum() {
        return RESERVED_AT_ONCE; // another number is another version, as an edited script would be
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        if (!Database.isH2(context.getConnection())) {
            return;
        }
        try (Statement change = context.getConnection().createStatement()) {
            for (String table : tables) {
                change.execute("alter table " + table + " alter column id set cache " + RESERVED_AT_ONCE);
            }
        }
    }
}
