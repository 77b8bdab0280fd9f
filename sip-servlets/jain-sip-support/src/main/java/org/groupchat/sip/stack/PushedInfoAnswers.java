package org.groupchat.sip.stack;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Takes the 2xx answers to the INFOs the server pushes over reliable connections out of the stack
 * before it looks for their transaction: those INFOs are written without one (see the adapter's
 * {@code PushedInfo}), so the 200 that every participant sends for every message needs nothing
 * more. Any other answer (481, 408, 5xx) goes on to the listener, which ends the dialog.
 * Named by the stack property {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}.
 */
public class PushedInfoAnswers implements SIPMessageValve {

    /**
     * The start of the branch of every pushed INFO: RFC 3261's magic cookie, then ours. The rest is
     * {@code <dialog's random hex>.<CSeq>.<stamp>}, the stamp saying when the INFO was written
     * ({@link #stamp}), so that its answer tells how late the client is without the server
     * remembering anything of the INFO.
     */
    public static final String BRANCH_PREFIX = "z9hG4bKgcpush.";
    /** Stamps count units of 1,024 ns (about microseconds). */
    private static final int STAMP_SHIFT = 10;
    /** An answer later than this is not to an INFO of this run (or its client made the stamp up). */
    private static final long LONGEST_ANSWER_NANOS = 60_000_000_000L;

    /** The stamp that ends the branch of an INFO written at {@code nowNanos} ({@link System#nanoTime()}). */
    public static String stamp(long nowNanos) {
        return Long.toHexString(nowNanos >>> STAMP_SHIFT);
    }

    /**
     * How long ago the INFO {@code stamp} was written, at {@code nowNanos}; -1 when no INFO of this
     * run can have that stamp (one from the future, or from more than a minute ago).
     */
    static long nanosSince(long stamp, long nowNanos) {
        long units = (nowNanos >>> STAMP_SHIFT) - stamp;
        return units < 0 || units > LONGEST_ANSWER_NANOS >>> STAMP_SHIFT ? -1 : units << STAMP_SHIFT;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (response.getStatusCode() / 100 != 2) {
            return true;
        }
        Via via = ((SIPResponse) response).getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        return branch == null || !branch.regionMatches(true, 0, BRANCH_PREFIX, 0, BRANCH_PREFIX.length());
    }

    @Override
    public void init(SipStack stack) {
    }

    @Override
    public void destroy() {
    }
}
