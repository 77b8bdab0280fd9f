package org.groupchat.storage;

/**
 * One write shared by every caller that needs it at the same time (group commit): a caller returns
 * once a write that began after it asked has finished. While one write runs, the callers that
 * arrive wait and are all served by the next one.
 */
final class SharedWrite {

    @FunctionalInterface
    interface Write {
        void run() throws Exception;
    }

    private final Object lock = new Object();
    private long requested;
    private long completed;
    private boolean writing;

    void await(Write write) throws Exception {
        long mine;
        synchronized (lock) {
            mine = ++requested;
        }
        while (true) {
            long covers;
            synchronized (lock) {
                while (writing && completed < mine) {
                    lock.wait();
                }
                if (completed >= mine) {
                    return;
                }
                writing = true;
                covers = requested; // everyone who asked before this write starts
            }
            boolean written = false;
            try {
                write.run();
                written = true;
            } finally {
                synchronized (lock) {
                    writing = false;
                    if (written) {
                        completed = Math.max(completed, covers);
                    }
                    lock.notifyAll();
                }
            }
        }
    }
}
