package org.groupchat.storage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings both databases' schemas to this release's version with Flyway, before anything else of
 * the application touches them (the other startup beans depend on this one). The scripts are in
 * {@code db/chat} and {@code db/compliance}, one set for H2 and PostgreSQL. Nodes that start
 * together take turns (Flyway locks the schema history table). A database made by an older
 * release's Hibernate schema update, without a history, is taken as version 1.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway runs its own transactions
public class SchemaMigrations {

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "java:jboss/datasources/GroupchatChatDS")
    private DataSource chat;

    @Resource(lookup = "java:jboss/datasources/GroupchatComplianceDS")
    private DataSource compliance;

    @PostConstruct
    void migrate() {
        migrate(Database.CHAT, chat, "db/chat", new EventTypesCheck("5", "compliance_outbox", "type", "category and group"),
                new EventTypesCheck("8", "compliance_outbox", "type", "purge and legal hold"),
                new EventTypesCheck("10", "compliance_outbox", "type", "import"),
                new IdentityCacheOnH2("13", "chat_message", "compliance_outbox"));
        migrate(Database.COMPLIANCE, compliance, "db/compliance", new EventTypesCheck("2", "compliance_event", "event_type", "category and group"),
                new EventTypesCheck("5", "compliance_event", "event_type", "purge and legal hold"),
                new EventTypesCheck("6", "compliance_event", "event_type", "import"),
                new IdentityCacheOnH2("8", "compliance_event"));
    }

    private void migrate(Database database, DataSource dataSource, String scripts, JavaMigration... inJava) {
        MigrateResult result = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:" + scripts)
                .javaMigrations(inJava)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load()
                .migrate();
        LOG.info(() -> "the " + database + " database (" + result.database + ") is at schema version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion)
                + (result.migrationsExecuted > 0 ? " (" + result.migrationsExecuted + " migrations applied)" : ""));
    }
}
