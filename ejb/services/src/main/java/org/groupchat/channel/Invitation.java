package org.groupchat.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** An invitation of a user to a room, pending until the user joins it. */
@Entity
@Table(name = "invitation")
public class Invitation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Room room;

    @Column(name = "user_uri", nullable = false, length = 256)
    private String user;

    @Column(name = "invited_by", nullable = false, length = 256)
    private String invitedBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    private boolean accepted;

    protected Invitation() {
        // for JPA
    }

    public Invitation(Room room, String user, String invitedBy, Instant createdAt) {
        this.room = room;
        this.user = user;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public Room getRoom() {
        return room;
    }

    public String getInvitedBy() {
        return invitedBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    void accept() {
        accepted = true;
    }
}
