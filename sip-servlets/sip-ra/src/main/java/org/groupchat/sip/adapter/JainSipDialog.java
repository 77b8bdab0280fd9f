package org.groupchat.sip.adapter;

import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPDialog;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.groupchat.sip.SipBody;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipUri;

/** A JAIN-SIP dialog as the roles see it. */
final class JainSipDialog implements SipDialog {

    private static final Logger LOG = Logger.getLogger(JainSipDialog.class.getName());

    private final AdapterContext context;
    private final Dialog dialog;
    private final DialogState state;

    JainSipDialog(AdapterContext context, Dialog dialog, DialogState state) {
        this.context = context;
        this.dialog = dialog;
        this.state = state;
    }

    @Override
    public String id() {
        return dialog.getDialogId();
    }

    @Override
    public SipUri remoteParty() {
        return state.user();
    }

    @Override
    public SipUri localParty() {
        return state.invited();
    }

    /**
     * Queues the INFO for the dialog, so that whoever sends (the dialog's own role, or a fan-out
     * for another dialog) never waits on this client's connection, and everything sent in the
     * dialog leaves in the order it was handed over. A pushed INFO goes straight to the dialog's
     * writer, which numbers, builds and writes it: one hand-over per delivery, not two (a post in
     * a room of 300 is 300 deliveries, and on two cores each thread woken costs as much as the
     * INFO's bytes). The others go through the dialog's work queue to JAIN-SIP.
     */
    @Override
    public void sendInfo(String contentType, SipBody body) {
        if (context.queuedFor(state) >= context.limits().maxQueuedPerDialog()) {
            // The client does not take what is sent to it: holding more would only grow the heap.
            if (state.overflows()) {
                LOG.warning(() -> "dialog with " + remoteParty() + ": " + context.limits().maxQueuedPerDialog()
                        + " requests wait for the client, which has stopped reading; its session ends");
                state.closeConnection();
                context.ender().end(dialog, "the client stopped reading what is sent to it");
            }
            return;
        }
        Optional<PushedInfo> pushed;
        synchronized (state) {
            pushed = state.pushedInfo((SIPDialog) dialog);
        }
        if (pushed.isPresent()) {
            write(pushed.get(), contentType, body);
            return;
        }
        context.queues().submit(state.workKey(), new DialogWorkQueues.DialogTask() {
            @Override
            public void run() {
                sendWithTransaction(contentType, body);
            }

            @Override
            public void reject(String reason) {
                LOG.warning(() -> "INFO to " + remoteParty() + " in dialog " + id() + " dropped: " + reason);
            }
        });
    }

    @Override
    public boolean isBehind() {
        return context.isBehind(state);
    }

    /**
     * Has the dialog's writer number, build and write the INFO: a worker never waits on a
     * client's connection, so one that stops reading holds up nobody else (the adapter's sweep
     * closes its connection). The writer takes the dialog's tasks one at a time, in order, so the
     * CSeqs go on the wire in the order they were counted.
     */
    private void write(PushedInfo pushed, String contentType, SipBody body) {
        context.writers().submit(state.workKey(), new DialogWorkQueues.DialogTask() {
            @Override
            public void run() {
                byte[] request;
                synchronized (state) {
                    if (!isOpen()) {
                        return; // ended while this waited; the role has been told
                    }
                    SIPDialog counted = (SIPDialog) dialog;
                    counted.incrementLocalSequenceNumber();
                    request = pushed.request(counted.getLocalSeqNumber(), contentType, body);
                }
                state.writing(true);
                context.writesInProgress().put(state, dialog);
                try {
                    pushed.write(request);
                } catch (IOException | RuntimeException e) {
                    notSent(e);
                } finally {
                    context.writesInProgress().remove(state);
                    state.writing(false);
                }
            }

            @Override
            public void reject(String reason) {
                LOG.fine(() -> "INFO to " + remoteParty() + " in dialog " + id() + " dropped: " + reason);
            }
        });
    }

    /** Over UDP (retransmitted until answered) or through a proxy's route: a JAIN-SIP client transaction, one at a time per dialog. */
    private void sendWithTransaction(String contentType, SipBody body) {
        synchronized (state) {
            if (!isOpen()) {
                return; // ended while this waited; the role has been told
            }
            try {
                Request info = dialog.createRequest(Request.INFO);
                String[] type = contentType.split("/", 2);
                info.setContent(body.bytes(),
                        context.host().headerFactory().createContentTypeHeader(type[0], type[1]));
                ClientTransaction transaction = context.host().provider().getNewClientTransaction(info);
                transaction.setApplicationData(state);
                if (!dialog.getRouteSet().hasNext()) {
                    // No proxy in the path: answer over the connection (or to the address) the
                    // client used, since its Contact may well be unreachable from here.
                    DialogState.PeerAddress peer = state.peer();
                    ((SIPClientTransaction) transaction).setNextHop(new HopImpl(peer.host(), peer.port(), peer.transport()));
                }
                dialog.sendRequest(transaction);
            } catch (SipException | java.text.ParseException | RuntimeException e) {
                notSent(e);
            }
        }
    }

    private void notSent(Exception e) {
        LOG.info(() -> "INFO to " + remoteParty() + " in dialog " + id() + " not sent: " + e.getMessage());
        context.ender().end(dialog, "the client's connection is gone");
    }

    @Override
    public boolean isOpen() {
        return dialog.getState() != javax.sip.DialogState.TERMINATED;
    }

    @Override
    public <T> Optional<T> attribute(String name, Class<T> type) {
        Object value = state.attributes().get(name);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            state.attributes().remove(name);
        } else {
            state.attributes().put(name, value);
        }
    }
}
