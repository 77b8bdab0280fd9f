package org.groupchat.sip.adapter;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;

/**
 * JAIN-SIP logs through log4j 1.x, which WildFly does not route anywhere. This appender hands the
 * stack's lines (malformed messages, closed connections...) to the server log under the category
 * {@code org.groupchat.sip.stack}, at the level {@code groupchat.sip.stack-log-level} lets through.
 */
final class StackLogBridge extends AppenderSkeleton {

    /** The log4j category every JAIN-SIP logger lives under. */
    static final String STACK_CATEGORY = "gov.nist";

    private static final Logger LOG = Logger.getLogger("org.groupchat.sip.stack");

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
        if (LOG.isLoggable(level)) {
            Throwable thrown = event.getThrowableInformation() == null ? null : event.getThrowableInformation().getThrowable();
            LOG.log(level, "JAIN-SIP: " + event.getRenderedMessage(), thrown);
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
