package org.groupchat.migration;

import java.time.Instant;

/**
 * A chat message from a compliance XML file.
 *
 * @param sourceKey what names it across runs: its channel's URI and its id there
 */
record HistoryMessage(String file, long line, String sourceKey, String sender, Instant postedAt, String text, String storyTitle,
                      boolean alert) {
}
