package org.groupchat.migration;

import java.util.List;

/**
 * One {@code Conversation} of a compliance XML file: its channel and its chat messages (the other
 * event types, joins, parts and file transfers, are counted in {@code skipped}).
 */
record Conversation(String file, long line, String channelUri, String channelName, List<HistoryMessage> messages, int skipped) {
}
