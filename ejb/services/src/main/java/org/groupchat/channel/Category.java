package org.groupchat.channel;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of the category tree that rooms live in; the root has no parent. A category says who may
 * be in its rooms (and in those of the categories below it) and who may create rooms there, as
 * lists of entries: a SIP URI ({@code sip:alice@example.org}) or a whole domain
 * ({@code @example.org}). Denied entries are an ethical wall: a denied user is never in its rooms.
 * It also gives the options its rooms inherit unless they set their own (null: as the parent),
 * and how long their messages stay in the chat database.
 */
@Entity
@Table(name = "category")
public class Category {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 256)
    private String name;

    @ManyToOne
    private Category parent;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "category_allowed_member", joinColumns = @JoinColumn(name = "category_id"))
    @Column(name = "entry", length = 256)
    private Set<String> allowedMembers = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "category_denied_member", joinColumns = @JoinColumn(name = "category_id"))
    @Column(name = "entry", length = 256)
    private Set<String> deniedMembers = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "category_allowed_creator", joinColumns = @JoinColumn(name = "category_id"))
    @Column(name = "entry", length = 256)
    private Set<String> allowedCreators = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "category_denied_creator", joinColumns = @JoinColumn(name = "category_id"))
    @Column(name = "entry", length = 256)
    private Set<String> deniedCreators = new LinkedHashSet<>();

    @Column(name = "file_post")
    private Boolean filePost;

    private Boolean invite;

    /** Days its rooms keep their messages in the chat database: null as the parent, 0 for ever. */
    @Column(name = "retention_days")
    private Integer retentionDays;

    protected Category() {
        // for JPA
    }

    public Category(String name, Category parent) {
        this.name = name;
        this.parent = parent;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Category getParent() {
        return parent;
    }

    void setName(String name) {
        this.name = name;
    }

    void setParent(Category parent) {
        this.parent = parent;
    }

    public Set<String> getAllowedMembers() {
        return allowedMembers;
    }

    public Set<String> getDeniedMembers() {
        return deniedMembers;
    }

    public Set<String> getAllowedCreators() {
        return allowedCreators;
    }

    public Set<String> getDeniedCreators() {
        return deniedCreators;
    }

    /** The category's own file-posting option; null when it takes its parent's. */
    public Boolean getFilePost() {
        return filePost;
    }

    void setFilePost(Boolean filePost) {
        this.filePost = filePost;
    }

    public Boolean getInvite() {
        return invite;
    }

    void setInvite(Boolean invite) {
        this.invite = invite;
    }

    public Integer getRetentionDays() {
        return retentionDays;
    }

    void setRetentionDays(Integer retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** This category and its ancestors, nearest first. */
    public List<Category> chain() {
        List<Category> chain = new ArrayList<>();
        for (Category category = this; category != null && chain.size() < 64; category = category.parent) {
            chain.add(category);
        }
        return chain;
    }
}
