package org.groupchat.sip.stack;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.header.Header;
import javax.sip.message.Response;

/**
 * Answers {@code 513 Message Too Large} to a request whose body is larger than the stack's limit, on the
 * connection it came over, which stays open: {@link PushedInfoAnswerFilter} has passed on its head
 * alone with {@link #MARKER}, and thrown its body away. The marker carries a secret of this process,
 * so a client that writes the header itself gains nothing: its request goes on as any other.
 * Named, first, by the stack property {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}.
 */
public class OversizedRequests implements SIPMessageValve {

    static final String MARKER = "X-Groupchat-Too-Large";
    private static final String SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static final Logger LOG = Logger.getLogger(OversizedRequests.class.getName());

    private int limit;

    /** The header that stands for a body of {@code bodyLength} bytes that was thrown away. */
    static String marker(int bodyLength) {
        return MARKER + ": " + bodyLength + ";" + SECRET;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Header marker = request.getHeader(MARKER);
        if (!(marker instanceof ExtensionHeaderImpl extension) || !extension.getValue().endsWith(";" + SECRET)) {
            return true;
        }
        String size = extension.getValue().substring(0, extension.getValue().indexOf(';'));
        LOG.warning(() -> request.getMethod() + " from " + channel.getPeerAddress() + ":" + channel.getPeerPort() + " over "
                + channel.getTransport() + " refused (513): a body of " + size + " bytes, more than the limit of " + limit
                + " (groupchat.sip.max-message-bytes); its body was not read into memory");
        ValveRefusal.answer(request, channel, Response.MESSAGE_TOO_LARGE, "Message Too Large: a body of " + size
                + " bytes, the limit is " + limit);
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack sipStack) {
        limit = ((SIPTransactionStack) sipStack).getMaxMessageSize();
    }

    @Override
    public void destroy() {
    }
}
