package org.groupchat.sip.adapter;

import javax.sip.Dialog;

/**
 * What the request and dialog views need of the adapter: the stack, the dialogs' work queues, and
 * the way to end a dialog whose client is gone.
 */
record AdapterContext(SipStackHost host, DialogWorkQueues queues, DialogEnder ender) {

    /** Ends dialogs whose client can no longer be reached; their role is told once, with the reason. */
    interface DialogEnder {
        void end(Dialog dialog, String reason);
    }
}
