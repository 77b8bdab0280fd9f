package org.groupchat.sip.adapter;

import gov.nist.javax.sip.stack.HopImpl;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.message.Request;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipUri;

/** A JAIN-SIP dialog as the roles see it. */
final class JainSipDialog implements SipDialog {

    private final SipStackHost host;
    private final Dialog dialog;
    private final DialogState state;

    JainSipDialog(SipStackHost host, Dialog dialog, DialogState state) {
        this.host = host;
        this.dialog = dialog;
        this.state = state;
    }

    @Override
    public String id() {
        return dialog.getDialogId();
    }

    @Override
    public SipUri remoteParty() {
        return SipUri.parse(dialog.getRemoteParty().getURI().toString());
    }

    @Override
    public SipUri localParty() {
        return state.invited();
    }

    @Override
    public void sendInfo(String contentType, String body) {
        // One request at a time per dialog: JAIN-SIP numbers them (CSeq) as they are created.
        synchronized (state) {
            try {
                Request info = dialog.createRequest(Request.INFO);
                String[] type = contentType.split("/", 2);
                info.setContent(body.getBytes(StandardCharsets.UTF_8),
                        host.headerFactory().createContentTypeHeader(type[0], type[1]));
                ClientTransaction transaction = host.provider().getNewClientTransaction(info);
                transaction.setApplicationData(state);
                if (!dialog.getRouteSet().hasNext()) {
                    // No proxy in the path: answer over the connection (or to the address) the
                    // client used, since its Contact may well be unreachable from here.
                    DialogState.PeerAddress peer = state.peer();
                    ((SIPClientTransaction) transaction).setNextHop(new HopImpl(peer.host(), peer.port(), peer.transport()));
                }
                dialog.sendRequest(transaction);
            } catch (SipException | java.text.ParseException e) {
                throw new IllegalStateException("INFO to " + remoteParty() + " in dialog " + id() + " not sent: " + e.getMessage(), e);
            }
        }
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
