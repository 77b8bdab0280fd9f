package org.groupchat.sip.adapter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;

/**
 * JAIN-SIP logs through log4j 1.x, which WildFly does not route anywhere. This appender hands the
 * stack's lines (malformed messages, closed connections...) to the server log under the category
 * {@code org.groupchat.sip.stack}, at the level {@code groupchat.sip.stack-log-level} lets through.
 *
 * <p>One kind is kept out of the log: a message the stack could not send because the client's
 * connection is gone. JAIN-SIP writes four to six error lines (and a stack trace) for each such
 * message, and the adapter reports the same failure itself in one line; after a storm of clients
 * leaving, or clients put out under overload, that was millions of lines. They go to FINE, and
 * at most once a minute one line says how many there were.
 */
final class StackLogBridge extends AppenderSkeleton {

    /** The log4j category every JAIN-SIP logger lives under. */
    static final String STACK_CATEGORY = "gov.nist";

    private static final Logger LOG = Logger.getLogger("org.groupchat.sip.stack");
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private final AtomicLong unsentSinceSummary = new AtomicLong();
    private final AtomicLong nextSummaryNanos = new AtomicLong(System.nanoTime());

    /**
     * Attaches the bridge once per deployment. log4j lives in the EAR's lib/, so the bridge goes
     * away with the deployment; it stays attached after the stack stops, for the stack's last words.
     */
    static synchronized void install() {
        org.apache.log4j.Logger stack = org.apache.log4j.Logger.getLogger(STACK_CATEGORY);
        if (!stack.getAllAppenders().hasMoreElements()) {
            stack.setAdditivity(false);
            stack.addAppender(new StackLogBridge());
        }
    }

    @Override
    protected void append(LoggingEvent event) {
        Level level = switch (event.getLevel().toInt()) {
            case org.apache.log4j.Level.FATAL_INT, org.apache.log4j.Level.ERROR_INT -> Level.WARNING;
            case org.apache.log4j.Level.WARN_INT, org.apache.log4j.Level.INFO_INT -> Level.INFO;
            default -> Level.FINE;
        };
        if (level != Level.FINE && aboutAConnectionGone(event.getRenderedMessage())) {
            level = Level.FINE;
            unsentSinceSummary.incrementAndGet();
        }
        summariseUnsent();
        if (LOG.isLoggable(level)) {
            Throwable thrown = event.getThrowableInformation() == null ? null : event.getThrowableInformation().getThrowable();
            LOG.log(level, "JAIN-SIP: " + event.getRenderedMessage(), thrown);
        }
    }

    /** The stack's lines about a message it could not send, or a connection it could not open, to a client. */
    static boolean aboutAConnectionGone(String message) {
        return message != null && (message.contains("IOHandler.sendBytes") || message.contains("Could not connect to")
                || message.contains("Problem connecting") || message.contains("Problem sending"));
    }

    private void summariseUnsent() {
        long now = System.nanoTime();
        long due = nextSummaryNanos.get();
        if (now - due >= 0 && nextSummaryNanos.compareAndSet(due, now + SUMMARY_INTERVAL.toNanos())) {
            long lines = unsentSinceSummary.getAndSet(0);
            if (lines > 0) {
                LOG.info(() -> "JAIN-SIP: " + lines + " lines about messages to clients whose connection was gone since the last "
                        + "such count (each failure is reported once by the adapter; FINE on org.groupchat.sip.stack shows the lines)");
            }
        }
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public boolean requiresLayout() {
        return false;
    }
}
