package org.groupchat.storage;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes a commit durable before the caller acknowledges it. PostgreSQL's commit is; H2's is not
 * (its MVStore keeps committed changes in memory until something stores them, so a server killed
 * with kill -9 loses the last ones). On H2 the transaction is followed, once committed and before
 * the caller goes on, by a {@code CHECKPOINT}, which writes the store to its file; commits that
 * finish while a checkpoint runs share the next one. H2's own background writer is off
 * ({@code WRITE_DELAY=0} in the datasources): racing these checkpoints, it corrupted files.
 *
 * <p>The checkpoint runs on a connection of its own, taken once and kept: it runs while the
 * committed transaction's thread still holds that transaction's connection (JTA calls us before
 * the pool takes it back), so taking one from the pool each time deadlocked a busy server, every
 * connection held by a thread waiting for the checkpoint that waited for a connection.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DurableCommits {

    private static final Logger LOG = Logger.getLogger(DurableCommits.class.getName());

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private SessionContext context;

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chat;

    @Resource(lookup = "java:jboss/datasources/GroupchatComplianceDS")
    private DataSource compliance;

    private final Map<Database, Boolean> needsCheckpoint = new ConcurrentHashMap<>();
    private final Map<Database, SharedWrite> checkpoints = new ConcurrentHashMap<>();
    /** Used by one checkpoint at a time: the shared write runs one at a time per database. */
    private final Map<Database, Connection> checkpointConnections = new ConcurrentHashMap<>();

    /** In the caller's transaction: when it has committed, the database's file holds it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void onCommit(Database database) {
        String key = DurableCommits.class.getName() + "." + database;
        if (transactions.getResource(key) != null) {
            return; // once per transaction is enough
        }
        transactions.putResource(key, Boolean.TRUE);
        DurableCommits self = context.getBusinessObject(DurableCommits.class);
        AfterCommit.run(transactions, () -> self.writeThrough(database));
    }

    /** Outside any transaction: CHECKPOINT is not part of the committed one. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void writeThrough(Database database) {
        try {
            checkpoints.computeIfAbsent(database, d -> new SharedWrite()).await(() -> checkpoint(database));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the commit stands; only its survival of a crash in the next moment is in question
            LOG.warning("the " + database + " database could not write its last commit through to its file: " + e);
        }
    }

    private void checkpoint(Database database) throws SQLException {
        if (Boolean.FALSE.equals(needsCheckpoint.get(database))) {
            return;
        }
        Connection connection = checkpointConnections.get(database);
        if (connection == null) {
            connection = (database == Database.CHAT ? chat : compliance).getConnection();
            if (!Database.isH2(connection)) {
                needsCheckpoint.put(database, false); // its commit is durable: nothing to keep a connection for
                closeQuietly(connection);
                return;
            }
            needsCheckpoint.put(database, true);
            checkpointConnections.put(database, connection);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            checkpointConnections.remove(database);
            closeQuietly(connection); // the next checkpoint takes a fresh one
            throw e;
        }
    }

    @PreDestroy
    void closeConnections() {
        checkpointConnections.values().forEach(DurableCommits::closeQuietly);
        checkpointConnections.clear();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.fine(() -> "closing a checkpoint connection: " + e);
        }
    }
}
