package org.groupchat.retention;

/**
 * What one run of the retention job did.
 *
 * @param ran false when another node of the pool was running it: then the counts are 0
 * @param rooms rooms whose category has a retention
 * @param removed messages that left the chat database
 * @param keptUnderHold messages past their retention that legal holds kept
 * @param archiveRemoved events that left the compliance archive
 */
public record RetentionSummary(boolean ran, int rooms, long removed, long keptUnderHold, long archiveRemoved) {
}
