package org.groupchat.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** A message posted in a room: numbered in the room's order, stamped with the server's time. */
@Entity
@Table(name = "chat_message", uniqueConstraints = @UniqueConstraint(columnNames = {"room_id", "sequence"}))
public class ChatMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    private Room room;

    @Column(nullable = false)
    private long sequence;

    @Column(nullable = false, length = 256)
    private String author;

    @Column(name = "posted_at", nullable = false)
    private Instant postedAt;

    @Column(nullable = false, length = 1_000_000) // varchar on H2 and PostgreSQL alike (db/chat/V1)
    private String text;

    /** A story's title (its text is the story's body); null for an ordinary message. */
    @Column(name = "story_title", length = 256)
    private String storyTitle;

    /** Sent as high importance: clients ring or colour it. */
    @Column(nullable = false)
    private boolean alert;

    /** The administrator who took the message out of the history, if one did. */
    @Column(name = "removed_by", length = 256)
    private String removedBy;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected ChatMessage() {
        // for JPA
    }

    ChatMessage(Room room, long sequence, String author, Instant postedAt, ChatPost post) {
        this.room = room;
        this.sequence = sequence;
        this.author = author;
        this.postedAt = postedAt;
        this.text = post.text();
        this.storyTitle = post.storyTitle();
        this.alert = post.alert();
    }

    public Room getRoom() {
        return room;
    }

    public long getSequence() {
        return sequence;
    }

    public String getAuthor() {
        return author;
    }

    public Instant getPostedAt() {
        return postedAt;
    }

    public String getText() {
        return text;
    }

    public String getStoryTitle() {
        return storyTitle;
    }

    public boolean isAlert() {
        return alert;
    }

    public boolean isRemoved() {
        return removedBy != null;
    }

    /** The text (and a story's title) is replaced by a notice; the original lives on in compliance only. */
    void remove(String by, Instant at, String notice) {
        this.removedBy = by;
        this.removedAt = at;
        this.text = notice;
        this.storyTitle = null;
    }
}
