package org.groupchat.storage;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Compacts H2's store while the server runs, as H2's own background writer would. That writer is
 * off here ({@code WRITE_DELAY=0}: each commit is written before it returns, see
 * {@link DurableCommits}), and without it nothing rewrites the chunks of which only a page or two
 * is still live. They stayed in the file for good, and the free space between them was too broken
 * up to take new chunks: five minutes of the benchmark at 1,200 posts/s left a 2 GB chat database
 * with 8 % of its chunks' data live, and commits slowed down as the chunks piled up.
 *
 * <p>Each second this moves the live pages of the emptiest chunks older than H2's retention time
 * (at most 8 MB of them) into the next chunk written; the old chunks' space is free once that
 * chunk is stored. It is H2's own compaction ({@link MVStore#compact}), run under H2's store lock
 * like every commit. With it, the same runs left a 1.35 GB file where they had left 2.06 GB, and
 * 98 chunks once idle where 13,277 had stayed. PostgreSQL needs none of this.
 */
@Singleton
public class H2Compaction {

    private static final Logger LOG = Logger.getLogger(H2Compaction.class.getName());
    /** Compact while less than this share of the chunks' data is live. */
    private static final int TARGET_FILL_RATE = 80;
    private static final int LIVE_BYTES_MOVED_PER_RUN = 8 << 20;

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chat;

    @Resource(lookup = "java:jboss/datasources/GroupchatComplianceDS")
    private DataSource compliance;

    private final Set<Database> notH2 = EnumSet.noneOf(Database.class);
    private final Set<Database> failing = EnumSet.noneOf(Database.class);

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void compactBoth() {
        compact(Database.CHAT, chat);
        compact(Database.COMPLIANCE, compliance);
    }

    private void compact(Database database, DataSource source) {
        if (notH2.contains(database)) {
            return;
        }
        try (Connection connection = source.getConnection()) {
            if (!Database.isH2(connection)) {
                notH2.add(database);
                return;
            }
            MVStore store = storeOf(connection);
            if (store != null && !store.isClosed()) {
                store.compact(TARGET_FILL_RATE, LIVE_BYTES_MOVED_PER_RUN);
            }
            if (failing.remove(database)) {
                LOG.info("the " + database + " database's store is compacted again");
            }
        } catch (SQLException | RuntimeException e) {
            // said once, not every second; the store is as it was, only it grows
            if (failing.add(database)) {
                LOG.log(Level.WARNING, "the " + database + " database's store could not be compacted; it grows until it can", e);
            }
        }
    }

    /** The store behind an embedded H2 connection; none for one to an H2 server elsewhere. */
    private static MVStore storeOf(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local && local.getDatabase().getStore() != null) {
            return local.getDatabase().getStore().getMvStore();
        }
        return null;
    }
}
