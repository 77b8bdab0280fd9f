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
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A named list of users kept by the server. A room's members, managers and presenters may name
 * it ({@code group:NAME}): whoever is in the group when it matters holds the role.
 */
@Entity
@Table(name = "user_group")
public class UserGroup {

    /** How a room's member lists name a group. */
    public static final String PREFIX = "group:";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 128)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_group_member", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "user_uri", length = 256)
    private Set<String> members = new LinkedHashSet<>();

    /** The directory group it mirrors (its DN), or null for a group the administrators keep here. */
    @Column(name = "directory_dn", length = 1024)
    private String directoryDn;

    protected UserGroup() {
        // for JPA
    }

    UserGroup(String name) {
        this.name = name;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Set<String> getMembers() {
        return members;
    }

    public String getDirectoryDn() {
        return directoryDn;
    }

    void setDirectoryDn(String directoryDn) {
        this.directoryDn = directoryDn;
    }
}
