package org.groupchat.channel;

import java.time.Instant;

/** What getserverinfo tells a client: the limits this server enforces, and where the category tree starts. */
public record ServerInfo(Instant serverTime, int searchLimit, int messageSizeLimit, int storySizeLimit, int historyLimit,
                         String rootCategoryUri, String databaseVersion) {
}
