package org.groupchat.sip.adapter;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks on the adapter's WorkManager so that tasks of one dialog run one after another, in the
 * order they were submitted, while different dialogs run in parallel. Submitting never blocks, so
 * the SIP stack's event thread only hands work over.
 */
final class DialogWorkQueues {

    /** A unit of work for one dialog, which can still be refused if no thread will ever run it. */
    interface DialogTask extends Runnable {
        void reject(String reason);
    }

    private static final Logger LOG = Logger.getLogger(DialogWorkQueues.class.getName());

    private final WorkManager workManager;
    private final ConcurrentHashMap<String, Queue<DialogTask>> pending = new ConcurrentHashMap<>();

    DialogWorkQueues(WorkManager workManager) {
        this.workManager = workManager;
    }

    void submit(String dialogKey, DialogTask task) {
        boolean[] startDrain = {false};
        pending.compute(dialogKey, (key, queue) -> {
            if (queue == null) {
                queue = new ConcurrentLinkedQueue<>();
                startDrain[0] = true;
            }
            queue.add(task);
            return queue;
        });
        if (startDrain[0]) {
            schedule(dialogKey);
        }
    }

    /** How many dialogs have work queued or running; for tests and diagnostics. */
    int busyDialogs() {
        return pending.size();
    }

    private void schedule(String dialogKey) {
        try {
            workManager.scheduleWork(new Drain(dialogKey));
        } catch (WorkException e) {
            LOG.log(Level.SEVERE, "SIP work for dialog " + dialogKey + " was refused by the WorkManager: " + e.getMessage());
            Queue<DialogTask> refused = pending.remove(dialogKey);
            if (refused != null) {
                refused.forEach(task -> task.reject("server overloaded"));
            }
        }
    }

    /** The next task of the dialog, or null after giving the dialog up when its queue is empty. */
    private DialogTask next(String dialogKey) {
        DialogTask[] next = {null};
        pending.computeIfPresent(dialogKey, (key, queue) -> {
            queue.poll();
            next[0] = queue.peek();
            return next[0] == null ? null : queue;
        });
        return next[0];
    }

    /** Runs a dialog's tasks until its queue is empty; the task being run stays at the head. */
    private final class Drain implements Work {
        private final String dialogKey;

        Drain(String dialogKey) {
            this.dialogKey = dialogKey;
        }

        @Override
        public void run() {
            DialogTask task = head();
            while (task != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "SIP work for dialog " + dialogKey + " failed", e);
                }
                task = next(dialogKey);
            }
        }

        private DialogTask head() {
            Queue<DialogTask> queue = pending.get(dialogKey);
            return queue == null ? null : queue.peek();
        }

        @Override
        public void release() {
            // tasks are short; nothing to interrupt
        }
    }
}
