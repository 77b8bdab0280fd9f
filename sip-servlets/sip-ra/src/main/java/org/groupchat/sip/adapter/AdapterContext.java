package org.groupchat.sip.adapter;

import java.time.Duration;
import javax.sip.Dialog;

/**
 * What the request and dialog views need of the adapter: the stack, the dialogs' work queues, the
 * way to end a dialog whose client is gone, and the session interval clients must refresh within
 * (zero: no session timer).
 */
record AdapterContext(SipStackHost host, DialogWorkQueues queues, DialogEnder ender, Duration sessionExpires) {

    /** Ends dialogs whose client can no longer be reached; their role is told once, with the reason. */
    interface DialogEnder {
        void end(Dialog dialog, String reason);
    }
}
