package org.groupchat.storage;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work that must wait for the caller's transaction to commit (and not happen at all if it rolls
 * back): telling other parties of a change, writing the change through to disk.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code work} once the current transaction has committed. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing before
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        });
    }
}
