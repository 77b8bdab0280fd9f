package org.groupchat.compliance;

import java.time.Instant;

/**
 * Which archived events an auditor asks for; every criterion is optional (null).
 *
 * @param from inclusive
 * @param to exclusive
 * @param text found anywhere in the content, ignoring case
 */
public record AuditQuery(String roomUri, String user, ComplianceEventType type, Instant from, Instant to, String text) {

    public static AuditQuery everything() {
        return new AuditQuery(null, null, null, null, null, null);
    }
}
