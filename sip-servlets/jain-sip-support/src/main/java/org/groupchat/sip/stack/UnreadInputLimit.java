package org.groupchat.sip.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.Pipeline;
import gov.nist.javax.sip.parser.PipelinedMsgParser;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.lang.reflect.Field;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Puts out a TCP or TLS client that sends faster than the server parses. JAIN-SIP reads each
 * connection on one thread and parses it on another, and what lies between them (the connection's
 * {@link Pipeline}) has no bound: one client writing requests in a loop filled a 1 GB heap in ten
 * seconds. Before each message parsed from a connection is processed, this valve looks at how many
 * reads still wait to be parsed behind it; past {@link #MAX_UNREAD_READS} (each read holds a 4 KB
 * array: about 32 MB) it drops the message, throws away what waits and closes the connection, the
 * counterpart of the adapter closing a client that stops reading. A proxy's connection, many users'
 * traffic on one socket, stays far below that unless the server stops parsing for seconds.
 * <p>
 * JAIN-SIP keeps the pipeline private, so it is reached by reflection; should a JAIN-SIP upgrade
 * rename a field, the limit logs that once and stands aside (UnreadInputLimitTest fails first).
 * Named, before {@link PushedInfoAnswers}, by the stack property {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}.
 */
public class UnreadInputLimit implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(UnreadInputLimit.class.getName());
    /** Reads waiting to be parsed on one connection before it is closed. */
    static final int MAX_UNREAD_READS = 8192;
    private static final int READ_BYTES = 4096;

    private static final Field PARSER = field(ConnectionOrientedMessageChannel.class, "myParser");
    private static final Field PIPELINE = field(PipelinedMsgParser.class, "rawInputStream");
    private static final Field READS = field(Pipeline.class, "buffList");

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return withinLimit(channel);
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return withinLimit(channel);
    }

    /** False (drop the message) when the connection it came from was closed for sending too much. */
    static boolean withinLimit(MessageChannel channel) {
        if (!(channel instanceof ConnectionOrientedMessageChannel connection)) {
            return true;
        }
        List<?> unread = unreadInput(connection);
        if (unread == null || unread.size() <= MAX_UNREAD_READS) {
            return true;
        }
        int reads;
        synchronized (unread) { // the pipeline's own lock
            reads = unread.size();
            unread.clear();
        }
        // not on this thread: closing TLS writes close_notify, which waits on a client that does not read
        Thread closer = new Thread(connection::close, "sip-unread-input-close");
        closer.setDaemon(true);
        closer.start();
        LOG.warning(() -> String.format("SIP client %s:%d over %s sends faster than the server parses"
                + " (%d reads, up to %d KB, waited): connection closed", connection.getPeerAddress(),
                connection.getPeerPort(), connection.getTransport(), reads, reads * READ_BYTES / 1024));
        return false;
    }

    /** The reads waiting in the connection's pipeline, or null when it has none (yet) or the fields are gone. */
    static List<?> unreadInput(ConnectionOrientedMessageChannel connection) {
        try {
            return PARSER == null ? null : waitingToBeParsed(PARSER.get(connection));
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /** The reads a connection's parser has not reached yet (JAIN-SIP's own list, guarded by itself). */
    static List<?> waitingToBeParsed(Object parser) {
        if (parser == null || PIPELINE == null || READS == null) {
            return null;
        }
        try {
            Object pipeline = PIPELINE.get(parser);
            return pipeline == null ? null : (List<?>) READS.get(pipeline);
        } catch (IllegalAccessException | ClassCastException e) {
            return null;
        }
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "JAIN-SIP has no field " + owner.getSimpleName() + "." + name
                    + ": clients that send faster than the server parses are not put out", e);
            return null;
        }
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
