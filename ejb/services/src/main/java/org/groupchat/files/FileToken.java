package org.groupchat.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.groupchat.channel.Room;

/**
 * A permission for one transfer. Only the token's SHA-256 is kept: whoever reads the database
 * cannot use the tokens in it.
 */
@Entity
@Table(name = "file_token")
public class FileToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "token_sha256", nullable = false, unique = true, length = 64)
    private String tokenSha256;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, columnDefinition = "varchar(16)")
    private FileDirection direction;

    @Column(name = "user_uri", nullable = false, length = 256)
    private String user;

    @ManyToOne(optional = false)
    private Room room;

    @Column(name = "file_name", nullable = false, length = FileNames.MAX_LENGTH)
    private String fileName;

    /** The file a download token fetches; none for an upload. */
    @ManyToOne
    private StoredFile file;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected FileToken() {
        // for JPA
    }

    FileToken(String tokenSha256, FileDirection direction, String user, Room room, String fileName, StoredFile file, Instant expiresAt) {
        this.tokenSha256 = tokenSha256;
        this.direction = direction;
        this.user = user;
        this.room = room;
        this.fileName = fileName;
        this.file = file;
        this.expiresAt = expiresAt;
    }

    FileDirection getDirection() {
        return direction;
    }

    String getUser() {
        return user;
    }

    Room getRoom() {
        return room;
    }

    String getFileName() {
        return fileName;
    }

    Optional<StoredFile> getFile() {
        return Optional.ofNullable(file);
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    Optional<Instant> getUsedAt() {
        return Optional.ofNullable(usedAt);
    }

    void use(Instant at) {
        this.usedAt = at;
    }
}
