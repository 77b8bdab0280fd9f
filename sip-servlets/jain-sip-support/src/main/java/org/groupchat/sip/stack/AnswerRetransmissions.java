package org.groupchat.sip.stack;

import gov.nist.javax.sip.stack.SIPDialog;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops JAIN-SIP resending a dialog's 200 to its INVITE. The stack writes the 200 and only then
 * starts the timer that resends it until the ACK; an ACK read in between finds no timer to stop,
 * is not recorded, and the timer resends the 200 for 32 s (a client that joins at once saw it
 * again mid-session). The adapter calls this once both the ACK has arrived and the 200 is out.
 * SIPDialog's own way to stop the timer is protected, so it is reached by reflection.
 */
public final class AnswerRetransmissions {

    private static final Logger LOG = Logger.getLogger(AnswerRetransmissions.class.getName());
    private static final Method STOP_TIMER = stopTimer();

    private AnswerRetransmissions() {
    }

    /** False when this JAIN-SIP has no such method (then the 200 goes on being resent, as before). */
    public static boolean stop(SIPDialog dialog) {
        if (STOP_TIMER == null) {
            return false;
        }
        try {
            STOP_TIMER.invoke(dialog);
            return true;
        } catch (ReflectiveOperationException e) {
            LOG.log(Level.FINE, "the 200's retransmission timer could not be stopped", e);
            return false;
        }
    }

    private static Method stopTimer() {
        try {
            Method method = SIPDialog.class.getDeclaredMethod("stopTimer");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "JAIN-SIP's SIPDialog has no stopTimer(): an ACK that comes while the 200 is"
                    + " being written leaves the 200 resent for 32 s", e);
            return null;
        }
    }
}
