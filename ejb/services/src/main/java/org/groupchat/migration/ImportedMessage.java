package org.groupchat.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A message an import brought in, by the key its source gave it: a second run skips it. */
@Entity
@Table(name = "imported_message")
public class ImportedMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "source_key", nullable = false, length = 1024, unique = true)
    private String sourceKey;

    @Column(name = "room_id", nullable = false)
    private long roomId;

    @Column(nullable = false)
    private long sequence;

    @Column(name = "imported_at", nullable = false)
    private Instant importedAt;

    protected ImportedMessage() {
        // for JPA
    }

    ImportedMessage(String sourceKey, long roomId, long sequence, Instant importedAt) {
        this.sourceKey = sourceKey;
        this.roomId = roomId;
        this.sequence = sequence;
        this.importedAt = importedAt;
    }

    public long getRoomId() {
        return roomId;
    }
}
