package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DialogWorkQueuesTest {

    @Test
    void tasksOfOneDialogRunInOrderAndNeverTogether() throws Exception {
        try (ExecutorWorkManager workManager = new ExecutorWorkManager()) {
            DialogWorkQueues queues = new DialogWorkQueues(workManager, 4);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger running = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(200);

            for (int i = 0; i < 200; i++) {
                int number = i;
                queues.submit("call-1;tag", task(() -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    order.add(number);
                    running.decrementAndGet();
                    done.countDown();
                }));
            }

            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, order.get(i));
            }
            queues.stop();
        }
    }

    @Test
    void aBusyDialogDoesNotHoldUpTheOthers() throws Exception {
        try (ExecutorWorkManager workManager = new ExecutorWorkManager()) {
            DialogWorkQueues queues = new DialogWorkQueues(workManager, 4);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch otherDone = new CountDownLatch(1);

            queues.submit("slow", task(() -> await(release)));
            queues.submit("other", task(otherDone::countDown));

            assertTrue(otherDone.await(5, TimeUnit.SECONDS), "the second dialog waited for the first");
            release.countDown();
            queues.stop();
        }
    }

    @Test
    void queuesAreReleasedWhenTheirWorkIsDone() throws Exception {
        try (ExecutorWorkManager workManager = new ExecutorWorkManager()) {
            DialogWorkQueues queues = new DialogWorkQueues(workManager, 4);
            CountDownLatch done = new CountDownLatch(50);
            for (int i = 0; i < 50; i++) {
                queues.submit("dialog-" + (i % 5), task(done::countDown));
            }
            assertTrue(done.await(5, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (queues.busyDialogs() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, queues.busyDialogs());
            queues.stop();
        }
    }

    @Test
    void oneDialogsBacklogIsNotAWaitForWorkers() throws Exception {
        try (ExecutorWorkManager workManager = new ExecutorWorkManager()) {
            DialogWorkQueues queues = new DialogWorkQueues(workManager, 4);
            // 60 tasks of 10 ms for one dialog: the last waits 600 ms behind the dialog's own, none for a worker
            CountDownLatch done = new CountDownLatch(60);
            for (int i = 0; i < 60; i++) {
                queues.submit("pipelining", task(() -> {
                    sleep(10);
                    done.countDown();
                }));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(queues.delay().toMillis() < 100, "a dialog's own backlog counted as waiting for workers: " + queues.delay());
            queues.stop();
        }
    }

    @Test
    void dialogsThatWaitForABusyWorkerAreAStandingDelay() throws Exception {
        try (ExecutorWorkManager workManager = new ExecutorWorkManager()) {
            DialogWorkQueues queues = new DialogWorkQueues(workManager, 1);
            // one worker, four dialogs: each waits for the ones before it, in windows of its own
            CountDownLatch done = new CountDownLatch(4);
            AtomicLong measuredByTheLast = new AtomicLong(-1);
            for (int i = 0; i < 4; i++) {
                queues.submit("dialog-" + i, task(() -> {
                    if (done.getCount() == 1) {
                        measuredByTheLast.set(queues.delay().toMillis());
                    }
                    sleep(150);
                    done.countDown();
                }));
            }
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertTrue(measuredByTheLast.get() >= 250, "dialogs waited 150, 300 and 450 ms for the worker, measured " + measuredByTheLast);
            sleep(300);
            assertEquals(0, queues.delay().toMillis(), "drained, and nothing taken up for three windows: no queue stands");
            queues.stop();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DialogWorkQueues.DialogTask task(Runnable body) {
        return new DialogWorkQueues.DialogTask() {
            @Override
            public void run() {
                body.run();
            }

            @Override
            public void reject(String reason) {
                throw new AssertionError("rejected: " + reason);
            }
        };
    }
}
