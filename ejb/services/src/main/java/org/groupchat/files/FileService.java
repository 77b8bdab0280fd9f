package org.groupchat.files;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.Room;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.files.FileStore.ReceivedFile;
import org.groupchat.files.FileTokens.TokenGrant;

/** Files in rooms: an upload becomes a file of its room and a message in it; a download is recorded. */
@Stateless
public class FileService {

    private static final Logger LOG = Logger.getLogger(FileService.class.getName());

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @EJB
    private ChannelService channels;

    @EJB
    private ComplianceRecorder compliance;

    private final Clock clock = Clock.systemUTC();

    /**
     * The uploaded content becomes the room's file, announced by a message from the uploader, in
     * one transaction with its FILEUPLOAD event.
     */
    public PostedMessage shareUpload(TokenGrant grant, ReceivedFile content, String contentType) {
        Room room = chat.find(Room.class, grant.roomId());
        StoredFile file = new StoredFile(room, grant.fileName(), contentType, content.size(), content.sha256(), grant.user(),
                clock.instant());
        chat.persist(file);
        chat.flush(); // the file's id names it in the message
        PostedMessage message = channels.postFile(grant.user(), grant.roomUri(),
                "shared the file \"" + file.getName() + "\" (" + describeSize(file.getSize()) + "; fileUrl " + file.fileUrl() + ")",
                details(file));
        file.announcedAs(message.sequence());
        LOG.info(() -> "files: " + grant.user() + " shared '" + file.getName() + "' (" + file.getSize() + " bytes, sha256 "
                + file.getSha256() + ") in " + grant.roomUri() + " as message " + message.sequence());
        return message;
    }

    /** The file a download token was given for, its download recorded (FILEDOWNLOAD). */
    public SharedFile startDownload(TokenGrant grant) {
        StoredFile file = chat.find(StoredFile.class, grant.fileId());
        if (file == null) {
            throw ChannelRefusal.notFound("The file of this token is gone");
        }
        compliance.recordAboutMessage(ComplianceEventType.FILEDOWNLOAD, grant.roomUri(), file.getRoom().getName(), grant.user(),
                clock.instant(), details(file), null);
        LOG.info(() -> "files: " + grant.user() + " downloads '" + file.getName() + "' from " + grant.roomUri());
        return new SharedFile(file.getId(), file.getName(), file.getContentType(), file.getSize(), file.getSha256());
    }

    /** Whether any room holds a file with this content (an upload that failed must not remove it then). */
    public boolean isShared(String sha256) {
        return !chat.createQuery("select f.id from StoredFile f where f.sha256 = :hash", Long.class)
                .setParameter("hash", sha256).setMaxResults(1).getResultList().isEmpty();
    }

    private static String details(StoredFile file) {
        return "fileUrl=" + file.fileUrl() + "; name=" + file.getName() + "; size=" + file.getSize() + "; sha256=" + file.getSha256()
                + "; contentType=" + file.getContentType();
    }

    static String describeSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A stored file as a download sends it. */
    public record SharedFile(long id, String name, String contentType, long size, String sha256) {
    }
}
