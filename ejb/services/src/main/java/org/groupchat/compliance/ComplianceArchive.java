package org.groupchat.compliance;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.storage.Database;
import org.groupchat.storage.DurableCommits;

/** The compliance database: archives each event once and answers the auditors' queries. */
@Stateless
public class ComplianceArchive {

    private static final Logger LOG = Logger.getLogger(ComplianceArchive.class.getName());

    @PersistenceContext(unitName = "compliance")
    private EntityManager compliance;

    @EJB
    private DurableCommits durable;

    private final Clock clock = Clock.systemUTC();

    /**
     * Archives the events the archive does not hold yet (a message delivered again after a crash,
     * or sent twice by the relay, holds events it has). The unique event id settles a race
     * between two deliveries.
     *
     * @return how many rows were written
     */
    public int archive(List<ComplianceEvent> events) {
        Set<String> known = new HashSet<>(compliance.createQuery(
                        "select r.fields.eventId from ComplianceRecord r where r.fields.eventId in :ids", String.class)
                .setParameter("ids", events.stream().map(ComplianceEvent::eventId).toList())
                .getResultList());
        int written = 0;
        for (ComplianceEvent event : events) {
            if (known.add(event.eventId())) {
                compliance.persist(new ComplianceRecord(event, clock.instant()));
                written++;
            } else {
                LOG.info(() -> "compliance: event " + event.eventId() + " (" + event.type() + " in " + event.roomUri()
                        + ") is archived already; the repeat is ignored");
            }
        }
        if (written > 0) {
            durable.onCommit(Database.COMPLIANCE); // in the file before the queue forgets the message
        }
        return written;
    }

    /** One page of the matching events, in archive order. */
    public List<ArchivedEvent> find(AuditQuery query, int offset, int limit) {
        return select("select r from ComplianceRecord r", query, "", "order by r.id", ComplianceRecord.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList().stream().map(ArchivedEvent::of).toList();
    }

    public long count(AuditQuery query) {
        return select("select count(r) from ComplianceRecord r", query, "", "", Long.class).getSingleResult();
    }

    /** The next matching events after the given row, in archive order: pages of an export. */
    public List<ArchivedEvent> after(AuditQuery query, long afterId, int limit) {
        return select("select r from ComplianceRecord r", query, "r.id > :after", "order by r.id", ComplianceRecord.class)
                .setParameter("after", afterId).setMaxResults(limit).getResultList().stream().map(ArchivedEvent::of).toList();
    }

    /** The rooms that have matching events, for an export one conversation per room. */
    public List<String> rooms(AuditQuery query) {
        return select("select distinct r.fields.roomUri from ComplianceRecord r", query, "", "order by r.fields.roomUri", String.class)
                .getResultList();
    }

    private <T> TypedQuery<T> select(String head, AuditQuery query, String extra, String order, Class<T> type) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (query.roomUri() != null) {
            where.add("r.fields.roomUri = :room");
            parameters.put("room", query.roomUri());
        }
        if (query.user() != null) {
            where.add("r.fields.user = :user");
            parameters.put("user", query.user());
        }
        if (query.type() != null) {
            where.add("r.fields.type = :type");
            parameters.put("type", query.type());
        }
        if (query.from() != null) {
            where.add("r.fields.occurredAt >= :from");
            parameters.put("from", query.from());
        }
        if (query.to() != null) {
            where.add("r.fields.occurredAt < :to");
            parameters.put("to", query.to());
        }
        if (query.text() != null && !query.text().isEmpty()) {
            where.add("lower(r.fields.content) like :text escape '!'");
            parameters.put("text", "%" + likePattern(query.text().toLowerCase(Locale.ROOT)) + "%");
        }
        if (!extra.isEmpty()) {
            where.add(extra);
        }
        String jpql = head + (where.isEmpty() ? "" : " where " + String.join(" and ", where)) + " " + order;
        TypedQuery<T> typed = compliance.createQuery(jpql, type);
        parameters.forEach(typed::setParameter);
        return typed;
    }

    /** The text taken literally: % and _ are not wildcards for the auditor. */
    private static String likePattern(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
