package org.groupchat.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every configuration key of the server, read in one place.
 *
 * <p>Keys are Java system properties: set them with {@code -Dkey=value} on the WildFly command line
 * or with {@code /system-property=key:add(value=...)} in jboss-cli. Each has a default that runs the
 * all-in-one server on loopback. README lists them all.
 */
public record GroupchatSettings(
        String domain,
        String nodeName,
        String sipBindAddress,
        int sipPort,
        Set<String> sipTransports,
        int sipMaxMessageBytes,
        ConnectionLimits connectionLimits,
        String sipStackLogLevel,
        int sipWorkerThreads,
        SendLimits sendLimits,
        Duration sessionExpires,
        String lookupUri,
        String channelServerUri,
        Duration heartbeatInterval,
        Duration staleAfter,
        int messageSizeLimit,
        int storySizeLimit,
        int historyLimit,
        int searchLimit,
        int participantUpdateLimit,
        boolean complianceEnabled,
        Duration deadLetterCheckInterval,
        ComplianceExportSettings complianceExport,
        RetentionSettings retention,
        FileSettings files,
        String frontRegistration,
        TlsSettings tls,
        String identityPolicy,
        int frontMaxRegistrationsPerMinute,
        Path sipUsers,
        DirectorySettings directory) {

    public static final String DOMAIN = "groupchat.sip.domain";
    public static final String NODE_NAME = "groupchat.node.name";
    public static final String SIP_BIND_ADDRESS = "groupchat.sip.bind-address";
    public static final String SIP_PORT = "groupchat.sip.port";
    public static final String SIP_TRANSPORTS = "groupchat.sip.transports";
    public static final String SIP_MAX_MESSAGE_BYTES = "groupchat.sip.max-message-bytes";
    public static final String SIP_MAX_CONNECTIONS = "groupchat.sip.max-connections";
    public static final String SIP_MAX_CONNECTIONS_PER_ADDRESS = "groupchat.sip.max-connections-per-address";
    public static final String SIP_STACK_LOG_LEVEL = "groupchat.sip.stack-log-level";
    public static final String SIP_WORKER_THREADS = "groupchat.sip.worker-threads";
    public static final String SIP_MAX_QUEUED_PER_DIALOG = "groupchat.sip.max-queued-per-dialog";
    public static final String SIP_MAX_QUEUED = "groupchat.sip.max-queued";
    public static final String SIP_MAX_QUEUE_DELAY_MILLIS = "groupchat.sip.max-queue-delay-millis";
    public static final String SIP_STALLED_WRITE_SECONDS = "groupchat.sip.stalled-write-seconds";
    public static final String SESSION_EXPIRES_SECONDS = "groupchat.sip.session-expires-seconds";
    public static final String LOOKUP_URI = "groupchat.lookup.uri";
    public static final String CHANNEL_SERVER_URI = "groupchat.channel.uri";
    public static final String HEARTBEAT_SECONDS = "groupchat.registry.heartbeat-seconds";
    public static final String STALE_SECONDS = "groupchat.registry.stale-seconds";
    public static final String MESSAGE_SIZE_LIMIT = "groupchat.channel.message-size-limit";
    public static final String STORY_SIZE_LIMIT = "groupchat.channel.story-size-limit";
    public static final String HISTORY_LIMIT = "groupchat.channel.history-limit";
    public static final String SEARCH_LIMIT = "groupchat.channel.search-limit";
    public static final String PARTICIPANT_UPDATE_LIMIT = "groupchat.channel.participant-update-limit";
    public static final String COMPLIANCE_ENABLED = "groupchat.compliance.enabled";
    public static final String DEAD_LETTER_CHECK_SECONDS = "groupchat.compliance.dead-letter-check-seconds";
    public static final String EXPORT_DIRECTORY = "groupchat.compliance.export.directory";
    public static final String EXPORT_INTERVAL_SECONDS = "groupchat.compliance.export.interval-seconds";
    public static final String EXPORT_DELAY_SECONDS = "groupchat.compliance.export.delay-seconds";
    public static final String EXPORT_ADAPTERS = "groupchat.compliance.export.adapters";
    public static final String EXPORT_XML_FILES = "groupchat.compliance.export.xml-files";
    public static final String RETENTION_CHECK_SECONDS = "groupchat.retention.check-seconds";
    public static final String RETENTION_BATCH = "groupchat.retention.batch";
    public static final String ARCHIVE_RETENTION_DAYS = "groupchat.compliance.retention-days";
    public static final String FRONT_REGISTRATION = "groupchat.front.registration";
    public static final String SIP_TLS_PORT = "groupchat.sip.tls-port";
    public static final String SIP_TLS_KEY_STORE = "groupchat.sip.tls.key-store";
    public static final String SIP_TLS_KEY_STORE_PASSWORD = "groupchat.sip.tls.key-store-password";
    public static final String SIP_TLS_TRUST_STORE = "groupchat.sip.tls.trust-store";
    public static final String SIP_TLS_TRUST_STORE_PASSWORD = "groupchat.sip.tls.trust-store-password";
    public static final String SIP_TLS_CLIENT_AUTH = "groupchat.sip.tls.client-auth";
    public static final String SIP_IDENTITY = "groupchat.sip.identity";
    public static final String FRONT_MAX_REGISTRATIONS = "groupchat.front.max-registrations-per-minute";
    public static final String SIP_USERS = "groupchat.front.sip-users";
    public static final String FILES_BASE_URI = "groupchat.files.base-uri";
    public static final String FILES_MAX_BYTES = "groupchat.files.max-bytes";
    public static final String FILES_TOKEN_SECONDS = "groupchat.files.token-seconds";
    public static final String FILES_DIRECTORY = "groupchat.files.directory";
    public static final String DIRECTORY_URL = "groupchat.directory.url";
    public static final String DIRECTORY_BIND_DN = "groupchat.directory.bind-dn";
    public static final String DIRECTORY_BIND_PASSWORD = "groupchat.directory.bind-password";
    public static final String DIRECTORY_USER_BASE = "groupchat.directory.user-base";
    public static final String DIRECTORY_USER_FILTER = "groupchat.directory.user-filter";
    public static final String DIRECTORY_USER_SIP_ATTRIBUTE = "groupchat.directory.user-sip-attribute";
    public static final String DIRECTORY_DISPLAY_NAME_ATTRIBUTE = "groupchat.directory.display-name-attribute";
    public static final String DIRECTORY_MAIL_ATTRIBUTE = "groupchat.directory.mail-attribute";
    public static final String DIRECTORY_GROUP_BASE = "groupchat.directory.group-base";
    public static final String DIRECTORY_GROUP_FILTER = "groupchat.directory.group-filter";
    public static final String DIRECTORY_GROUP_NAME_ATTRIBUTE = "groupchat.directory.group-name-attribute";
    public static final String DIRECTORY_MEMBER_ATTRIBUTE = "groupchat.directory.member-attribute";
    public static final String DIRECTORY_REFRESH_SECONDS = "groupchat.directory.refresh-seconds";
    /** WildFly's own offset, applied to the SIP port as to every other port of the server. */
    public static final String PORT_OFFSET = "jboss.socket.binding.port-offset";

    private static final Set<String> KNOWN_TRANSPORTS = Set.of("udp", "tcp");
    /** The levels JAIN-SIP's own log understands. */
    private static final Set<String> STACK_LOG_LEVELS = Set.of("OFF", "ERROR", "INFO", "DEBUG", "TRACE");

    public GroupchatSettings {
        if (!Set.of("open", "digest", "off").contains(frontRegistration)) {
            throw new IllegalArgumentException(FRONT_REGISTRATION + "=" + frontRegistration
                    + " is not one of open, digest, off (for trusted proxies only, see " + SIP_IDENTITY + ")");
        }
        if (!Set.of("open", "trusted-proxies").contains(identityPolicy)) {
            throw new IllegalArgumentException(SIP_IDENTITY + "=" + identityPolicy + " is not one of open, trusted-proxies");
        }
        if ("trusted-proxies".equals(identityPolicy) && !tls.enabled()) {
            throw new IllegalArgumentException(SIP_IDENTITY + "=trusted-proxies needs SIP over TLS (" + SIP_TLS_PORT + ")");
        }
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative() || staleAfter.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException(STALE_SECONDS + " (" + staleAfter.toSeconds()
                    + ") must be longer than " + HEARTBEAT_SECONDS + " (" + heartbeatInterval.toSeconds() + ")");
        }
        if (storySizeLimit < messageSizeLimit) {
            throw new IllegalArgumentException(STORY_SIZE_LIMIT + " (" + storySizeLimit + ") must be at least "
                    + MESSAGE_SIZE_LIMIT + " (" + messageSizeLimit + ")");
        }
        if (sipTransports.isEmpty()) {
            throw new IllegalArgumentException(SIP_TRANSPORTS + " names no transport");
        }
        sipTransports = Set.copyOf(sipTransports);
    }

    /** The settings of this JVM: system properties over defaults. */
    public static GroupchatSettings current() {
        return from(System::getProperty);
    }

    /** Settings from any key lookup (a missing key answers null); tests pass a map here. */
    public static GroupchatSettings from(UnaryOperator<String> property) {
        Reader keys = new Reader(property);
        String domain = keys.text(DOMAIN, "localhost");
        String nodeName = keys.text(NODE_NAME, keys.text("jboss.node.name", localHostName()));
        return new GroupchatSettings(
                domain,
                nodeName,
                keys.text(SIP_BIND_ADDRESS, "127.0.0.1"),
                keys.port(SIP_PORT, 5060) + keys.integer(PORT_OFFSET, 0, 0, 65535),
                keys.transports(SIP_TRANSPORTS, "udp,tcp"),
                keys.integer(SIP_MAX_MESSAGE_BYTES, 65536, 4096, 16 * 1024 * 1024),
                new ConnectionLimits(
                        keys.integer(SIP_MAX_CONNECTIONS, 20_000, 1, 1_000_000),
                        keys.integer(SIP_MAX_CONNECTIONS_PER_ADDRESS, 1024, 1, 1_000_000)),
                keys.oneOf(SIP_STACK_LOG_LEVEL, "ERROR", STACK_LOG_LEVELS),
                keys.integer(SIP_WORKER_THREADS, 16, 1, 26),
                new SendLimits(
                        keys.integer(SIP_MAX_QUEUED_PER_DIALOG, 256, 10, 1_000_000),
                        keys.integer(SIP_MAX_QUEUED, 50_000, 100, 10_000_000),
                        Duration.ofMillis(keys.integer(SIP_MAX_QUEUE_DELAY_MILLIS, 300, 10, 600_000)),
                        Duration.ofSeconds(keys.integer(SIP_STALLED_WRITE_SECONDS, 5, 1, 3600))),
                Duration.ofSeconds(keys.sessionExpires(SESSION_EXPIRES_SECONDS, 1800)),
                keys.sipUri(LOOKUP_URI, "sip:ocschat@" + domain),
                keys.sipUri(CHANNEL_SERVER_URI, "sip:channel-" + userPartOf(nodeName) + "@" + domain),
                Duration.ofSeconds(keys.integer(HEARTBEAT_SECONDS, 10, 1, 3600)),
                Duration.ofSeconds(keys.integer(STALE_SECONDS, 30, 2, 86400)),
                keys.integer(MESSAGE_SIZE_LIMIT, 8000, 1, 1_000_000),
                keys.integer(STORY_SIZE_LIMIT, 20_000, 1, 1_000_000),
                keys.integer(HISTORY_LIMIT, 100, 1, 10_000),
                keys.integer(SEARCH_LIMIT, 100, 1, 10_000),
                keys.integer(PARTICIPANT_UPDATE_LIMIT, 75, 0, 1_000_000),
                keys.bool(COMPLIANCE_ENABLED, true),
                Duration.ofSeconds(keys.integer(DEAD_LETTER_CHECK_SECONDS, 60, 1, 86400)),
                complianceExport(keys),
                new RetentionSettings(
                        Duration.ofSeconds(keys.integer(RETENTION_CHECK_SECONDS, 3600, 10, 7 * 86400)),
                        keys.integer(RETENTION_BATCH, 1000, 1, 100_000),
                        keys.integer(ARCHIVE_RETENTION_DAYS, 0, 0, 100 * 366)),
                new FileSettings(
                        keys.text(FILES_BASE_URI, "https://" + publicHost(keys.text("jboss.bind.address", "127.0.0.1")) + ":"
                                + (8443 + keys.integer(PORT_OFFSET, 0, 0, 65535)) + "/groupchat/api/files/"),
                        keys.longInteger(FILES_MAX_BYTES, 256L * 1024 * 1024, 1, Long.MAX_VALUE),
                        Duration.ofSeconds(keys.integer(FILES_TOKEN_SECONDS, 120, 5, 86400)),
                        Path.of(keys.text(FILES_DIRECTORY, keys.text("jboss.server.data.dir", "data") + "/groupchat-files"))),
                keys.text(FRONT_REGISTRATION, "open").toLowerCase(Locale.ROOT),
                tls(keys),
                keys.text(SIP_IDENTITY, "open").toLowerCase(Locale.ROOT),
                keys.integer(FRONT_MAX_REGISTRATIONS, 60, 1, 1_000_000),
                Path.of(keys.text(SIP_USERS, keys.text("jboss.server.config.dir", "configuration") + "/groupchat-sip-users.properties")),
                directory(keys));
    }

    /** Active Directory's names by default: what an organisation leaving Skype for Business has. */
    private static DirectorySettings directory(Reader keys) {
        String url = keys.text(DIRECTORY_URL, "");
        String userBase = keys.text(DIRECTORY_USER_BASE, "");
        if (!url.isEmpty() && !url.startsWith("ldap://") && !url.startsWith("ldaps://")) {
            throw new IllegalArgumentException(DIRECTORY_URL + "=" + url + " is not an ldap:// or ldaps:// URL");
        }
        if (!url.isEmpty() && userBase.isEmpty()) {
            throw new IllegalArgumentException(DIRECTORY_USER_BASE + " must name where the users are (a DN) when " + DIRECTORY_URL + " is set");
        }
        return new DirectorySettings(url, keys.text(DIRECTORY_BIND_DN, ""), keys.text(DIRECTORY_BIND_PASSWORD, ""),
                userBase, keys.text(DIRECTORY_USER_FILTER, "(objectClass=user)"),
                keys.text(DIRECTORY_USER_SIP_ATTRIBUTE, "msRTCSIP-PrimaryUserAddress"),
                keys.text(DIRECTORY_DISPLAY_NAME_ATTRIBUTE, "displayName"), keys.text(DIRECTORY_MAIL_ATTRIBUTE, "mail"),
                keys.text(DIRECTORY_GROUP_BASE, userBase), keys.text(DIRECTORY_GROUP_FILTER, "(objectClass=group)"),
                keys.text(DIRECTORY_GROUP_NAME_ATTRIBUTE, "cn"), keys.text(DIRECTORY_MEMBER_ATTRIBUTE, "member"),
                Duration.ofSeconds(keys.integer(DIRECTORY_REFRESH_SECONDS, 900, 10, 7 * 86400)));
    }

    private static TlsSettings tls(Reader keys) {
        int port = keys.integer(SIP_TLS_PORT, 5061, 0, 65535);
        String config = keys.text("jboss.server.config.dir", "configuration");
        String clientAuth = keys.text(SIP_TLS_CLIENT_AUTH, "want").toLowerCase(Locale.ROOT);
        if (!Set.of("want", "need").contains(clientAuth)) {
            throw new IllegalArgumentException(SIP_TLS_CLIENT_AUTH + "=" + clientAuth + " is not one of want, need");
        }
        return new TlsSettings(
                port == 0 ? 0 : port + keys.integer(PORT_OFFSET, 0, 0, 65535),
                Path.of(keys.text(SIP_TLS_KEY_STORE, config + "/groupchat-sip.p12")),
                keys.text(SIP_TLS_KEY_STORE_PASSWORD, ""),
                Path.of(keys.text(SIP_TLS_TRUST_STORE, config + "/groupchat-sip-peers.p12")),
                keys.text(SIP_TLS_TRUST_STORE_PASSWORD, ""),
                "need".equals(clientAuth));
    }

    /**
     * How many TCP and TLS connections clients may hold open: each costs the stack a thread.
     *
     * @param total on each of TCP and TLS; past it the server accepts no more until some close
     * @param perAddress from one IP address; past it a new connection from there is closed at once
     *        (behind a NAT many clients share one address: raise it there)
     */
    public record ConnectionLimits(int total, int perAddress) {
    }

    /**
     * What the server holds for clients that do not keep up, and when it stops taking more.
     *
     * @param maxQueuedPerDialog requests waiting to be written to one client: past it the client is
     *        taken as no longer reading, and its session ends
     * @param maxQueued requests and sends waiting in all dialogs together: past it the server is
     *        overloaded, and new posts are refused (503 with Retry-After) before anything is stored
     * @param maxQueueDelay how long work may wait in the queues before the server counts as
     *        overloaded, whatever the count
     * @param stalledWrite how long one write to a client's connection may block before the
     *        connection is closed (the client's TCP window stays shut: it is not reading)
     */
    public record SendLimits(int maxQueuedPerDialog, int maxQueued, Duration maxQueueDelay, Duration stalledWrite) {
    }

    /**
     * SIP over TLS.
     *
     * @param port where it listens (WildFly's port offset added); 0 when off
     * @param keyStore the server's key pair and certificate (PKCS#12)
     * @param trustStore the certificates of trusted peers (proxies) for mutual TLS; may be absent
     * @param needClientCertificate whether every TLS client must present a certificate the trust
     *        store verifies ({@code need}), or only may ({@code want}: a client without one is
     *        served as an untrusted peer, a client with an unverifiable one is refused)
     */
    public record TlsSettings(int port, Path keyStore, String keyStorePassword, Path trustStore,
            String trustStorePassword, boolean needClientCertificate) {

        public boolean enabled() {
            return port != 0;
        }
    }

    private static ComplianceExportSettings complianceExport(Reader keys) {
        String directory = keys.text(EXPORT_DIRECTORY, "");
        Set<String> adapters = new LinkedHashSet<>();
        for (String name : keys.text(EXPORT_ADAPTERS, "").split(",")) {
            if (!name.isBlank()) {
                adapters.add(name.trim());
            }
        }
        return new ComplianceExportSettings(directory.isEmpty() ? null : Path.of(directory),
                Duration.ofSeconds(keys.integer(EXPORT_INTERVAL_SECONDS, 900, 1, 86400)),
                Duration.ofSeconds(keys.integer(EXPORT_DELAY_SECONDS, 360, 0, 86400)),
                Set.copyOf(adapters),
                keys.oneOf(EXPORT_XML_FILES, "interval", Set.of("INTERVAL", "ROOM")).equals("ROOM"));
    }

    /**
     * The scheduled compliance export: every interval, each adapter gets the intervals of archive
     * time that are complete.
     *
     * @param directory where the adapters write, each in a directory of its own; null: no scheduled export
     * @param interval the length of an interval: its files cover {@code [k * interval, (k + 1) * interval)} since the epoch
     * @param delay how long after an interval's end it is exported: longer than a transaction may
     *         take (WildFly's default timeout is 300 s), so that no event archived in it can still
     *         be on its way
     * @param adapters the adapters' names to run; empty: every adapter deployed
     * @param filePerRoom whether the XML adapter writes a file per room and interval rather than one per interval
     */
    public record ComplianceExportSettings(Path directory, Duration interval, Duration delay, Set<String> adapters,
            boolean filePerRoom) {

        public boolean enabled() {
            return directory != null;
        }
    }

    /**
     * The directory (LDAP) users and groups come from; none when {@code url} is empty.
     *
     * @param userSipAttribute the attribute that holds a user's SIP address ({@code sip:} is added
     *         when it has none, so that {@code mail} serves where SIP addresses are e-mail addresses)
     * @param refreshEvery how often its groups are read again (and on demand)
     */
    public record DirectorySettings(String url, String bindDn, String bindPassword, String userBase, String userFilter,
                                    String userSipAttribute, String displayNameAttribute, String mailAttribute,
                                    String groupBase, String groupFilter, String groupNameAttribute, String memberAttribute,
                                    Duration refreshEvery) {

        public boolean enabled() {
            return !url.isEmpty();
        }
    }

    /**
     * The retention job: messages past their category's retention leave the chat database, and,
     * when set, events past the archive's retention leave the compliance archive; legal holds
     * keep what they cover.
     *
     * @param checkEvery how often the job runs (on one node of a pool)
     * @param batch how many messages or events one transaction removes
     * @param archiveDays how long the compliance archive keeps an event; 0 (the default): for ever
     */
    public record RetentionSettings(Duration checkEvery, int batch, int archiveDays) {

        public boolean archivePurged() {
            return archiveDays > 0;
        }
    }

    /**
     * The Web service's files.
     *
     * @param baseUri where clients upload and download (the {@code serveruri} of a token reply; the token is appended)
     * @param maxBytes the largest file accepted
     * @param tokenLifetime how long a token is good for (it is good for one use)
     * @param directory where the files are kept, by content hash
     */
    public record FileSettings(String baseUri, long maxBytes, Duration tokenLifetime, Path directory) {

        public FileSettings {
            if (!baseUri.startsWith("https://") || !baseUri.endsWith("/")) {
                throw new IllegalArgumentException(FILES_BASE_URI + "=" + baseUri + " must be an https:// URI ending in /");
            }
        }
    }

    /**
     * A host clients can reach: the address WildFly binds; on loopback {@code localhost}, the
     * name in WildFly's self-signed certificate; on every address, this machine's name.
     */
    private static String publicHost(String bindAddress) {
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::")) {
            return localHostName();
        }
        if (bindAddress.equals("127.0.0.1") || bindAddress.equals("::1")) {
            return "localhost";
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    /**
     * The SIP URI a role answers at. Roles are named by the SIP servlets that serve them.
     *
     * @return empty for a role this server does not know
     */
    public Optional<String> uriOfRole(String role) {
        return switch (role) {
            case "lookup" -> Optional.of(lookupUri);
            case "channel" -> Optional.of(channelServerUri);
            case "front" -> Optional.of("sip:front@" + domain); // reached by method (REGISTER, SUBSCRIBE), not by this URI
            default -> Optional.empty();
        };
    }

    /** Turns a node name into something a SIP URI user part may hold. */
    static String userPartOf(String nodeName) {
        return nodeName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node1";
        }
    }

    /** Reads and checks single keys, naming the key in every complaint. */
    private record Reader(UnaryOperator<String> property) {

        String text(String key, String fallback) {
            String value = property.apply(key);
            return value == null || value.isBlank() ? fallback : value.trim();
        }

        int integer(String key, int fallback, int min, int max) {
            return (int) longInteger(key, fallback, min, max);
        }

        long longInteger(String key, long fallback, long min, long max) {
            String value = text(key, null);
            if (value == null) {
                return fallback;
            }
            try {
                long parsed = Long.parseLong(value);
                if (parsed < min || parsed > max) {
                    throw new IllegalArgumentException(key + "=" + value + " is outside " + min + ".." + max);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + "=" + value + " is not a whole number");
            }
        }

        boolean bool(String key, boolean fallback) {
            String value = text(key, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "on", "yes" -> true;
                case "false", "off", "no" -> false;
                default -> throw new IllegalArgumentException(key + "=" + value + " is neither true nor false");
            };
        }

        String oneOf(String key, String fallback, Set<String> allowed) {
            String value = text(key, fallback).toUpperCase(Locale.ROOT);
            if (!allowed.contains(value)) {
                throw new IllegalArgumentException(key + "=" + value + " is not one of " + allowed);
            }
            return value;
        }

        /** 0 switches session timers off; otherwise at least 10 s (RFC 4028 asks for 90 in production). */
        int sessionExpires(String key, int fallback) {
            int seconds = integer(key, fallback, 0, 86400);
            if (seconds > 0 && seconds < 10) {
                throw new IllegalArgumentException(key + "=" + seconds + " is too short: 0 (off) or at least 10");
            }
            return seconds;
        }

        int port(String key, int fallback) {
            return integer(key, fallback, 1, 65535);
        }

        Set<String> transports(String key, String fallback) {
            Set<String> transports = new LinkedHashSet<>();
            for (String name : text(key, fallback).toLowerCase(Locale.ROOT).split(",")) {
                String transport = name.trim();
                if (!KNOWN_TRANSPORTS.contains(transport)) {
                    throw new IllegalArgumentException(key + " names unknown transport '" + transport
                            + "' (known: udp, tcp)");
                }
                transports.add(transport);
            }
            return transports;
        }

        String sipUri(String key, String fallback) {
            String uri = text(key, fallback);
            if (!uri.startsWith("sip:") || uri.indexOf('@') < 5) {
                throw new IllegalArgumentException(key + "=" + uri + " is not a sip:user@host URI");
            }
            return uri;
        }
    }
}
