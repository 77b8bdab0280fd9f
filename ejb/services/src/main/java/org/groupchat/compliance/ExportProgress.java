package org.groupchat.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far a compliance adapter's scheduled export has gone: the end of the last interval it wrote. */
@Entity
@Table(name = "compliance_export_progress")
public class ExportProgress {

    @Id
    @Column(name = "adapter", length = 100)
    private String adapter;

    /** Null before its first interval. */
    @Column(name = "exported_to")
    private Instant exportedTo;

    protected ExportProgress() {
        // for JPA
    }

    ExportProgress(String adapter) {
        this.adapter = adapter;
    }

    Instant exportedTo() {
        return exportedTo;
    }

    void exportedTo(Instant end) {
        exportedTo = end;
    }
}
