package org.groupchat.compliance.adapter;

import java.io.IOException;

/**
 * A sink for the compliance archive. The scheduled export ({@code groupchat.compliance.export.*})
 * finds every adapter deployed as a CDI bean and hands each, in order, every interval of archive
 * time that holds events, once the archive has all of that interval.
 *
 * <p>An interval counts as written only when {@link #write} returns: its progress is kept in the
 * same transaction, under a lock that one node of a pool holds at a time. If {@code write} throws,
 * or the node dies before the commit, the same interval comes again at the next run, on this
 * node or another. So write an interval in a way that writing it again replaces what was
 * written, never adds to it: the XML adapter writes the same file names atomically
 * ({@link ExportBatch#writeFile}); a sink that sends elsewhere can use {@link ExportedEvent#eventId()}
 * to drop what it already has.
 */
public interface ComplianceAdapter {

    /**
     * Its name: how {@code groupchat.compliance.export.adapters} picks it, the directory of its
     * own under the export directory, and the key of its progress. Letters, digits, {@code -}
     * and {@code _}; never change it, or the adapter starts again from the archive's beginning.
     */
    String name();

    /** Writes the events of one interval; throws to have it handed over again at the next run. */
    void write(ExportBatch batch) throws IOException;
}
