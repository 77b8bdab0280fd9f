package org.groupchat.compliance;

import java.util.List;

/** Reads archived events a page at a time, so that an export of any size streams. */
@FunctionalInterface
public interface EventPages {

    /** The matching events after the given row id, in archive order, at most {@code limit}. */
    List<ArchivedEvent> after(AuditQuery query, long afterId, int limit);
}
