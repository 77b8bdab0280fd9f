package org.groupchat.files;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.groupchat.channel.CategoryPolicy;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.MemberRole;
import org.groupchat.channel.Privacy;
import org.groupchat.channel.Room;
import org.groupchat.channel.RoomRepository;
import org.groupchat.channel.RoomType;
import org.groupchat.channel.RoomUri;
import org.groupchat.config.GroupchatSettings;

/**
 * Tokens for file transfers, asked for over the channel ({@code cmd:getfutok}, {@code cmd:getfdtok}).
 * A token is 256 random bits, bound to its user, room, file and direction, good for one transfer
 * within {@code groupchat.files.token-seconds}. Given only to members of an enabled room that
 * allows files, outside its category's walls (in an auditorium, uploads only to presenters); to
 * anyone else a SECRET room does not exist. Used and expired tokens are deleted as new ones are given.
 */
@Stateless
public class FileTokens {

    private static final Logger LOG = Logger.getLogger(FileTokens.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @EJB
    private RoomRepository rooms;

    private final Clock clock = Clock.systemUTC();
    private GroupchatSettings settings;

    @PostConstruct
    void readSettings() {
        settings = GroupchatSettings.current();
    }

    /**
     * @param fileUrl for an upload the file's name; for a download the room's file as a message
     *                names it ({@code ID/NAME}), or its name alone (the latest file of that name)
     */
    public IssuedToken issue(String user, String roomUri, String fileUrl, FileDirection direction) {
        Room room = roomOpenToFiles(user, roomUri, direction);
        String name;
        StoredFile file = null;
        if (direction == FileDirection.UPLOAD) {
            name = FileNames.sanitize(fileUrl);
            if (name.isEmpty()) {
                throw ChannelRefusal.badRequest("Name the file to upload with fileUrl");
            }
        } else {
            file = fileOf(room, fileUrl);
            name = file.getName();
        }
        pruneSpentTokens();
        String token = newToken();
        Instant expiresAt = clock.instant().plus(settings.files().tokenLifetime());
        chat.persist(new FileToken(sha256(token), direction, user, room, name, file, expiresAt));
        LOG.info(() -> "files: " + direction.name().toLowerCase() + " token for '" + name + "' in " + roomUri + " given to " + user);
        return new IssuedToken(token, settings.files().baseUri(), name, expiresAt);
    }

    /**
     * Spends a token on the transfer it was given for, in a transaction of its own: once this
     * returns, the token is used, whatever happens to the transfer.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TokenGrant redeem(String token, FileDirection direction) {
        if (token == null || token.length() > 100) {
            throw ChannelRefusal.notAllowed("This is not a file token");
        }
        List<FileToken> found = chat.createQuery("select t from FileToken t where t.tokenSha256 = :hash", FileToken.class)
                .setParameter("hash", sha256(token)).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (found.isEmpty()) {
            throw ChannelRefusal.notAllowed("This file token is not known here");
        }
        FileToken granted = found.get(0);
        if (granted.getDirection() != direction) {
            throw ChannelRefusal.notAllowed("This token is for " + (direction == FileDirection.UPLOAD ? "a download" : "an upload")
                    + ", not for " + (direction == FileDirection.UPLOAD ? "an upload" : "a download"));
        }
        if (granted.getUsedAt().isPresent()) {
            throw ChannelRefusal.notAllowed("This file token was used at " + granted.getUsedAt().get()
                    + "; a token is good for one transfer");
        }
        Instant now = clock.instant();
        if (now.isAfter(granted.getExpiresAt())) {
            throw ChannelRefusal.notAllowed("This file token expired at " + granted.getExpiresAt());
        }
        Room room = granted.getRoom();
        if (room.isDisabled()) {
            throw ChannelRefusal.notAllowed("The room " + room.getName() + " is disabled");
        }
        granted.use(now);
        return new TokenGrant(granted.getUser(), new RoomUri(settings.domain(), room.getId()).toString(), room.getId(),
                granted.getFileName(), granted.getFile().map(StoredFile::getId).orElse(null));
    }

    /**
     * A used or expired token opens nothing: deleted whenever a token is given, so the table holds
     * the live ones only (a used token then reads as unknown, and is refused all the same).
     */
    private void pruneSpentTokens() {
        int pruned = chat.createQuery("delete from FileToken t where t.usedAt is not null or t.expiresAt < :now")
                .setParameter("now", clock.instant()).executeUpdate();
        if (pruned > 0) {
            LOG.fine(() -> "files: " + pruned + " spent tokens deleted");
        }
    }

    private Room roomOpenToFiles(String user, String roomUri, FileDirection direction) {
        RoomUri uri = RoomUri.parse(roomUri);
        Optional<Room> found = uri.domain().equalsIgnoreCase(settings.domain()) ? rooms.room(uri.roomId()) : Optional.empty();
        Room room = found.orElseThrow(() -> noSuchRoom(roomUri));
        Set<MemberRole> roles = rooms.roles(room, user);
        if (roles.isEmpty() && !room.takesPostsFromNonMembers()) {
            if (room.getPrivacy() == Privacy.SECRET) {
                throw noSuchRoom(roomUri); // a secret room does not exist for those outside it, nor its name
            }
            throw ChannelRefusal.notAllowed("Only members of " + room.getName() + " share its files");
        }
        CategoryPolicy.requireOutsideWalls(room, user, rooms::groupsOf);
        if (room.isDisabled()) {
            throw ChannelRefusal.notAllowed("The room " + room.getName() + " is disabled");
        }
        if (!room.isFilePost()) {
            throw ChannelRefusal.notAllowed("Files are not shared in " + room.getName());
        }
        if (direction == FileDirection.UPLOAD && room.getType() == RoomType.AUDITORIUM && !roles.contains(MemberRole.PRESENTER)) {
            throw ChannelRefusal.notAllowed(room.getName() + " is an auditorium: only presenters post files");
        }
        return room;
    }

    private static ChannelRefusal noSuchRoom(String roomUri) {
        return ChannelRefusal.notFound("There is no room " + roomUri);
    }

    private StoredFile fileOf(Room room, String fileUrl) {
        String given = fileUrl == null ? "" : fileUrl.strip();
        int slash = given.indexOf('/');
        if (slash > 0 && given.substring(0, slash).matches("\\d{1,18}")) {
            StoredFile file = chat.find(StoredFile.class, Long.parseLong(given.substring(0, slash)));
            if (file != null && file.getRoom().getId().equals(room.getId())) {
                return file;
            }
        } else {
            List<StoredFile> named = chat.createQuery("select f from StoredFile f where f.room = :room and f.name = :name"
                            + " order by f.id desc", StoredFile.class)
                    .setParameter("room", room).setParameter("name", FileNames.sanitize(given)).setMaxResults(1).getResultList();
            if (!named.isEmpty()) {
                return named.get(0);
            }
        }
        throw ChannelRefusal.notFound("There is no file " + given + " in " + room.getName());
    }

    private static String newToken() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** A token as the channel replies it: the client sends it to {@code serverUri + token}. */
    public record IssuedToken(String token, String serverUri, String fileName, Instant expiresAt) {
    }

    /** What a spent token allows: {@code fileId} is the file to send for a download, null for an upload. */
    public record TokenGrant(String user, String roomUri, long roomId, String fileName, Long fileId) {
    }
}
