package org.groupchat.sip.adapter;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.sip.stack.StandingDelay;

/**
 * Runs tasks so that the tasks of one dialog run one after another, in the order they were
 * submitted, while different dialogs run in parallel. Submitting never blocks, so the SIP stack's
 * event thread only hands work over.
 *
 * <p>The tasks run on a fixed set of long-running workers taken from the adapter's WorkManager
 * when the adapter starts. Submitting a Work per task instead would overflow the WorkManager's
 * bounded queue under a burst (a post fans out to every participant at once) and lose work.
 */
final class DialogWorkQueues {

    /** A unit of work for one dialog, which can still be refused if no thread will ever run it. */
    interface DialogTask extends Runnable {
        void reject(String reason);
    }

    private static final Logger LOG = Logger.getLogger(DialogWorkQueues.class.getName());
    /** How many tasks of one dialog a worker runs before it lets the other ready dialogs go first. */
    private static final int FAIR_SHARE = 32;
    private static final Duration WINDOW = Duration.ofMillis(100);

    private final ConcurrentHashMap<String, DialogQueue> pending = new ConcurrentHashMap<>();
    /** Tasks submitted and not yet done, all dialogs together. */
    private final AtomicInteger queued = new AtomicInteger();
    /**
     * The shortest wait for a worker of the dialogs taken up in the last full window: a line of
     * ready dialogs that stands (every one waits) rather than a few that waited. A task's wait
     * behind its own dialog's earlier tasks is not counted: that is one client's backlog (a
     * client that pipelines, or stopped reading), held to its own limits, not the server's; counted,
     * a single busy poster made the whole server refuse posts. CoDel's measure, roughly kept.
     */
    private final StandingDelay standingDelay = new StandingDelay(WINDOW, System.nanoTime());
    private final LinkedBlockingQueue<String> ready = new LinkedBlockingQueue<>();
    private final List<Worker> workers = new ArrayList<>();

    DialogWorkQueues(WorkManager workManager, int workerCount) throws WorkException {
        for (int i = 0; i < workerCount; i++) {
            Worker worker = new Worker();
            workManager.scheduleWork(worker);
            workers.add(worker);
        }
    }

    void submit(String dialogKey, DialogTask task) {
        boolean[] becameReady = {false};
        queued.incrementAndGet();
        pending.compute(dialogKey, (key, queue) -> {
            if (queue == null) {
                queue = new DialogQueue();
                queue.readySince = System.nanoTime();
                becameReady[0] = true;
            }
            queue.add(new Entry(task));
            return queue;
        });
        if (becameReady[0]) {
            ready.add(dialogKey);
        }
    }

    /** Tasks waiting or running, all dialogs together: the adapter's backlog. */
    int queued() {
        return queued.get();
    }

    /**
     * How long every dialog with work waited for a worker at least, in the last window of 100 ms in
     * which workers took dialogs up (kept while none are and dialogs wait: workers that all hang
     * are a queue that stands). Once nothing has been taken up for two windows and no dialog
     * waits, zero: the reading of a queue since drained would otherwise stand for good where the
     * work that would renew it is refused because of it (posts refused as they arrive).
     */
    Duration delay() {
        return standingDelay.quiet(System.nanoTime()) && ready.isEmpty() ? Duration.ZERO : standingDelay.current();
    }

    /** Tasks of one dialog waiting or running. */
    int queuedFor(String dialogKey) {
        DialogQueue queue = pending.get(dialogKey);
        return queue == null ? 0 : queue.size.get();
    }

    /** How many dialogs have work queued or running; for tests and diagnostics. */
    int busyDialogs() {
        return pending.size();
    }

    /** Stops the workers; what was still waiting to run is refused. */
    void stop() {
        workers.forEach(Worker::release);
        pending.keySet().forEach(key -> {
            DialogQueue left = pending.remove(key);
            if (left != null) {
                left.entries.stream().filter(Entry::neverStarted).forEach(entry -> entry.task.reject("the server is stopping"));
            }
        });
    }

    /**
     * Runs the ready dialog's tasks, the running one staying at the head of its queue so that no
     * other worker takes the dialog meanwhile; after a fair share it goes back to the ready line.
     */
    private void runSome(String dialogKey) {
        DialogQueue queue = pending.get(dialogKey);
        Entry task = queue == null ? null : queue.entries.peek();
        if (task != null) {
            long now = System.nanoTime();
            standingDelay.record(now - queue.readySince, now);
        }
        int done = 0;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "SIP work for dialog " + dialogKey + " failed", e);
            }
            task = next(dialogKey);
            if (task != null && ++done >= FAIR_SHARE) {
                queue.readySince = System.nanoTime();
                ready.add(dialogKey);
                return;
            }
        }
    }

    /** The next task of the dialog, or null after giving the dialog up when its queue is empty. */
    private Entry next(String dialogKey) {
        Entry[] next = {null};
        pending.computeIfPresent(dialogKey, (key, queue) -> {
            queue.poll();
            next[0] = queue.entries.peek();
            return next[0] == null ? null : queue;
        });
        queued.decrementAndGet();
        return next[0];
    }

    /** One dialog's tasks in order, the running one at the head, how many there are, and since when it waits for a worker. */
    private static final class DialogQueue {
        private final Queue<Entry> entries = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private volatile long readySince;

        void add(Entry entry) {
            entries.add(entry);
            size.incrementAndGet();
        }

        void poll() {
            entries.poll();
            size.decrementAndGet();
        }
    }

    /** A queued task, and whether a worker has taken it up. */
    private final class Entry {
        private final DialogTask task;
        private final AtomicBoolean started = new AtomicBoolean();

        Entry(DialogTask task) {
            this.task = task;
        }

        void run() {
            started.set(true);
            task.run();
        }

        boolean neverStarted() {
            return !started.get();
        }
    }

    /** A long-running Work that serves ready dialogs until the adapter stops. */
    private final class Worker implements Work, WorkContextProvider {
        private volatile boolean running = true;
        private volatile Thread thread;

        @Override
        public void run() {
            thread = Thread.currentThread();
            while (running) {
                try {
                    runSome(ready.take());
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                }
            }
        }

        @Override
        public void release() {
            running = false;
            Thread current = thread;
            if (current != null) {
                current.interrupt();
            }
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            HintsContext hints = new HintsContext();
            hints.setHint(HintsContext.LONGRUNNING_HINT, Boolean.TRUE);
            hints.setName("groupchat SIP dialog worker");
            return List.of(hints);
        }
    }
}
