package org.groupchat.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.groupchat.channel.Room;

/** A file shared in a room: its details; the bytes are in the file store under {@link #getSha256()}. */
@Entity
@Table(name = "stored_file", indexes = @Index(name = "stored_file_room_name", columnList = "room_id, name"))
public class StoredFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Room room;

    @Column(nullable = false, length = FileNames.MAX_LENGTH)
    private String name;

    @Column(name = "content_type", nullable = false, length = 255)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "uploaded_by", nullable = false, length = 256)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    private Instant uploadedAt;

    /** The room message that announced it. */
    @Column(name = "message_sequence")
    private Long messageSequence;

    protected StoredFile() {
        // for JPA
    }

    StoredFile(Room room, String name, String contentType, long size, String sha256, String uploadedBy, Instant uploadedAt) {
        this.room = room;
        this.name = name;
        this.contentType = contentType;
        this.size = size;
        this.sha256 = sha256;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    public Long getId() {
        return id;
    }

    public Room getRoom() {
        return room;
    }

    public String getName() {
        return name;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    /** How clients name it in a download token request: {@code ID/NAME}. */
    public String fileUrl() {
        return id + "/" + name;
    }

    void announcedAs(long sequence) {
        this.messageSequence = sequence;
    }
}
