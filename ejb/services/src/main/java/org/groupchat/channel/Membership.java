package org.groupchat.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** One role of one user in one room. */
@Entity
@Table(name = "membership", uniqueConstraints = @UniqueConstraint(columnNames = {"room_id", "user_uri", "role"}))
public class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Room room;

    @Column(name = "user_uri", nullable = false, length = 256)
    private String user;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private MemberRole role;

    protected Membership() {
        // for JPA
    }

    public Membership(Room room, String user, MemberRole role) {
        this.room = room;
        this.user = user;
        this.role = role;
    }

    public Room getRoom() {
        return room;
    }

    public String getUser() {
        return user;
    }

    public MemberRole getRole() {
        return role;
    }
}
