package org.groupchat.migration;

/** Told as an import goes: how many of its steps (categories, rooms, messages) are done. */
@FunctionalInterface
public interface ImportProgress {

    void advanced(long done, long total);
}
