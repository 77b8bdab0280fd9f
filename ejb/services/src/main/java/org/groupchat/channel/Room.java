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
import java.time.Instant;

/**
 * A persistent chat room. Rooms are never deleted, only disabled: their messages stay readable to
 * compliance for as long as the database lives.
 */
@Entity
@Table(name = "room", uniqueConstraints = @UniqueConstraint(columnNames = {"category_id", "name"}))
public class Room {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 256)
    private String name;

    @Column(length = 1024)
    private String description = "";

    @Column(length = 1024)
    private String topic = "";

    @ManyToOne(optional = false)
    private Category category;

    // Enums are varchar columns, not H2's native ENUM type, which read back as ordinals after a kill -9.
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private Privacy privacy = Privacy.CLOSED;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, columnDefinition = "varchar(16)")
    private RoomType type = RoomType.NORMAL;

    private boolean disabled;

    /** Disabled by an administrator: only an administrator enables it again. */
    @Column(name = "disabled_by_admin", nullable = false)
    private boolean disabledByAdministrator;

    /** In effect: the room's own option if it has one, else its category's (kept up to date by the administration). */
    @Column(name = "file_post")
    private boolean filePost = true;

    private boolean invite = true;

    /** The room's own options; null: as its category says. */
    @Column(name = "file_post_option")
    private Boolean filePostOption;

    @Column(name = "invite_option")
    private Boolean inviteOption;

    private boolean logged = true;

    /**
     * The sequence number of the room's latest message; the next one gets this plus one. Only
     * {@link RoomRepository#takeNextSequence} changes it, in the database: never written back from
     * here, where it may be older than the row.
     */
    @Column(name = "last_sequence", nullable = false, updatable = false)
    private long lastSequence;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Room() {
        // for JPA
    }

    public Room(String name, Category category, Instant createdAt) {
        this.name = name;
        this.category = category;
        this.createdAt = createdAt;
        refreshOptions();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public Category getCategory() {
        return category;
    }

    public void setCategory(Category category) {
        this.category = category;
        refreshOptions();
    }

    public Privacy getPrivacy() {
        return privacy;
    }

    public void setPrivacy(Privacy privacy) {
        this.privacy = privacy;
    }

    public RoomType getType() {
        return type;
    }

    public void setType(RoomType type) {
        this.type = type;
    }

    /**
     * Whether anyone the category admits may post without being a member: an OPEN room of the
     * NORMAL type, as in Skype for Business. Other rooms take posts from their members (an
     * auditorium from its presenters).
     */
    public boolean takesPostsFromNonMembers() {
        return getPrivacy() == Privacy.OPEN && getType() == RoomType.NORMAL;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }

    public boolean isDisabledByAdministrator() {
        return disabledByAdministrator;
    }

    public void setDisabledByAdministrator(boolean disabledByAdministrator) {
        this.disabledByAdministrator = disabledByAdministrator;
    }

    public boolean isFilePost() {
        return filePost;
    }

    /** The room's own file-posting option, or null to take its category's. */
    void setFilePostOption(Boolean option) {
        this.filePostOption = option;
        refreshOptions();
    }

    public Boolean getFilePostOption() {
        return filePostOption;
    }

    public boolean isInvite() {
        return invite;
    }

    void setInviteOption(Boolean option) {
        this.inviteOption = option;
        refreshOptions();
    }

    public Boolean getInviteOption() {
        return inviteOption;
    }

    /** Recomputes the options in effect, after the room's own or its category's changed. */
    void refreshOptions() {
        filePost = filePostOption != null ? filePostOption : CategoryPolicy.filePost(category);
        invite = inviteOption != null ? inviteOption : CategoryPolicy.invite(category);
    }

    public boolean isLogged() {
        return logged;
    }

    public void setLogged(boolean logged) {
        this.logged = logged;
    }

    public long getLastSequence() {
        return lastSequence;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
