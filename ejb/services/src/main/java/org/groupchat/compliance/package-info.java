/**
 * The Compliance service: every chat event (joins, parts, posts, history views, file transfers,
 * room administration) archived exactly once in the compliance database. The chat side writes an
 * event into an outbox table in the same transaction as the change it records
 * ({@link org.groupchat.compliance.ComplianceRecorder}); a relay moves the outbox to the JMS
 * compliance queue ({@link org.groupchat.compliance.ComplianceRelay}); a message-driven bean
 * writes each event to the compliance database, skipping the ones it already holds
 * ({@link org.groupchat.compliance.ComplianceArchive}); auditors read and export it.
 */
package org.groupchat.compliance;
