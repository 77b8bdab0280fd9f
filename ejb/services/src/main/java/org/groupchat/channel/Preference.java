package org.groupchat.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A client's stored preference (getpref/setpref): an opaque base64 blob under a label, per user. */
@Entity
@Table(name = "preference", uniqueConstraints = @UniqueConstraint(columnNames = {"user_uri", "label"}))
public class Preference {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_uri", nullable = false, length = 256)
    private String user;

    @Column(nullable = false, length = 256)
    private String label;

    @Column(nullable = false)
    private long version;

    @Column(nullable = false, length = 1_000_000) // varchar on H2 and PostgreSQL alike (db/chat/V1)
    private String content;

    protected Preference() {
        // for JPA
    }

    Preference(String user, String label, String content) {
        this.user = user;
        this.label = label;
        this.content = content;
    }

    public String getLabel() {
        return label;
    }

    public long getVersion() {
        return version;
    }

    public String getContent() {
        return content;
    }

    void replace(String newContent) {
        this.content = newContent;
        this.version++;
    }
}
