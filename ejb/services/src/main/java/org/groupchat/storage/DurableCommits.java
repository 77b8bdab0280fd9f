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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes a commit durable before the caller acknowledges it. PostgreSQL's commit is. So is H2's
 * when its background writer is off ({@code WRITE_DELAY=0}, as the datasources set it): each
 * commit then writes its chunk of the store to the file before it returns. With the writer on,
 * H2 keeps committed changes in memory until something stores them, so a server killed with
 * kill -9 loses the last ones; on such a database the transaction is followed, once committed and
 * before the caller goes on, by a {@code CHECKPOINT}, which writes the store to its file; commits
 * that finish while a checkpoint runs share the next one. (Racing these checkpoints, H2's writer
 * corrupted files: hence {@code WRITE_DELAY=0} in the datasources.) Which case a database is, is
 * asked once, at its first commit here.
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

    private final Map<Database, SharedWrite> checkpoints = new ConcurrentHashMap<>();
    /**
     * Per database, once known: the connection its checkpoints run on (used by one at a time, as
     * the shared write runs one at a time), or none when its commits are durable by themselves.
     */
    private final Map<Database, Optional<Connection>> checkpointConnections = new ConcurrentHashMap<>();

    /** In the caller's transaction: when it has committed, the database's file holds it. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void onCommit(Database database) {
        if (commitsKnownDurable(database)) {
            return;
        }
        String key = DurableCommits.class.getName() + "." + database;
        if (transactions.getResource(key) != null) {
            return; // once per transaction is enough
        }
        transactions.putResource(key, Boolean.TRUE);
        DurableCommits self = context.getBusinessObject(DurableCommits.class);
        AfterCommit.run(transactions, () -> self.writeThrough(database));
    }

    private boolean commitsKnownDurable(Database database) {
        Optional<Connection> kept = checkpointConnections.get(database);
        return kept != null && kept.isEmpty();
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
        Optional<Connection> kept = checkpointConnections.get(database);
        if (kept == null) {
            Connection connection = (database == Database.CHAT ? chat : compliance).getConnection();
            kept = commitsAreDurable(connection) ? Optional.empty() : Optional.of(connection);
            checkpointConnections.put(database, kept);
            if (kept.isEmpty()) {
                closeQuietly(connection); // nothing to keep it for
                LOG.info("the " + database + " database writes each commit to its file before the commit returns: no checkpoints needed");
                return;
            }
            LOG.info("the " + database + " database keeps commits in memory for a while (H2's WRITE_DELAY): each commit here is followed by a CHECKPOINT");
        }
        if (kept.isEmpty()) {
            return;
        }
        try (Statement statement = kept.get().createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            checkpointConnections.remove(database);
            closeQuietly(kept.get()); // the next checkpoint takes a fresh one
            throw e;
        }
    }

    /**
     * PostgreSQL's commits are durable (its WAL); H2's when its background writer is off: with
     * {@code WRITE_DELAY=0} each commit stores its chunk before it returns.
     */
    private static boolean commitsAreDurable(Connection connection) throws SQLException {
        if (!Database.isH2(connection)) {
            return true;
        }
        try (Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            return setting.next() && "0".equals(setting.getString(1));
        }
    }

    @PreDestroy
    void closeConnections() {
        checkpointConnections.values().forEach(kept -> kept.ifPresent(DurableCommits::closeQuietly));
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
