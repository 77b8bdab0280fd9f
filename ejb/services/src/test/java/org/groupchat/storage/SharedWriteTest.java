package org.groupchat.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedWriteTest {

    private final SharedWrite shared = new SharedWrite();

    @Test
    void everyCallerReturnsOnlyAfterAWriteThatBeganAfterItAsked() throws Exception {
        AtomicLong writesStarted = new AtomicLong();
        AtomicLong writesFinished = new AtomicLong();
        AtomicInteger violations = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(callers.submit(() -> {
                long startedBefore = writesStarted.get();
                shared.await(() -> {
                    writesStarted.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(2);
                    writesFinished.incrementAndGet();
                });
                // a write that began after this call has finished: more finished than had started when it asked
                if (writesFinished.get() <= startedBefore) {
                    violations.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        assertEquals(0, violations.get());
        assertTrue(writesFinished.get() < 400, "callers shared writes: " + writesFinished.get() + " writes for 400 calls");
    }

    @Test
    void aFailedWriteFailsItsCallerAndTheNextCallerWritesAgain() throws Exception {
        assertThrows(IllegalStateException.class, () -> shared.await(() -> {
            throw new IllegalStateException("disk full");
        }));
        CountDownLatch written = new CountDownLatch(1);
        shared.await(written::countDown);
        assertEquals(0, written.getCount());
    }
}
