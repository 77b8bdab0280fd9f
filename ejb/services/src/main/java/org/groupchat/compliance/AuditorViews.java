package org.groupchat.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The SQL views auditors query the compliance database with (README lists them). They only read
 * {@code compliance_event}; the statements work on H2 and PostgreSQL alike.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
public class AuditorViews {

    private static final String COLUMNS = "id, event_id, event_type, room_uri, room_name, user_name, occurred_at,"
            + " content, node, chat_sequence, archived_at";

    static final List<String> VIEWS = List.of(
            "create or replace view auditor_events as select " + COLUMNS + " from compliance_event",
            "create or replace view auditor_chat_messages as select id, room_uri, room_name, chat_sequence, user_name,"
                    + " occurred_at, content, node from compliance_event where event_type = 'CHAT'",
            "create or replace view auditor_room_activity as select room_uri, event_type, count(*) as events,"
                    + " min(occurred_at) as first_at, max(occurred_at) as last_at from compliance_event"
                    + " group by room_uri, event_type");

    @PersistenceContext(unitName = "compliance")
    private EntityManager compliance;

    @PostConstruct
    void createViews() {
        VIEWS.forEach(statement -> compliance.createNativeQuery(statement).executeUpdate());
    }
}
