package org.groupchat.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A legal hold on one room or on one user's messages and events, until an administrator releases it. */
@Entity
@Table(name = "legal_hold")
public class LegalHold {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The room held, or null for a hold on a user. */
    @Column(name = "room_id")
    private Long roomId;

    /** The user held (a SIP URI, lower case), or null for a hold on a room. */
    @Column(name = "user_uri", length = 256)
    private String user;

    @Column(nullable = false, length = 1024)
    private String reason;

    @Column(name = "placed_by", nullable = false, length = 256)
    private String placedBy;

    @Column(name = "placed_at", nullable = false)
    private Instant placedAt;

    protected LegalHold() {
        // for JPA
    }

    LegalHold(Long roomId, String user, String reason, String placedBy, Instant placedAt) {
        this.roomId = roomId;
        this.user = user;
        this.reason = reason;
        this.placedBy = placedBy;
        this.placedAt = placedAt;
    }

    public Long getId() {
        return id;
    }

    public Long getRoomId() {
        return roomId;
    }

    public String getUser() {
        return user;
    }

    public String getReason() {
        return reason;
    }

    public String getPlacedBy() {
        return placedBy;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }
}
