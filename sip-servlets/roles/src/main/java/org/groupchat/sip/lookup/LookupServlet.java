package org.groupchat.sip.lookup;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.util.Optional;
import java.util.logging.Logger;
import org.groupchat.lookup.ChannelServerPicker;
import org.groupchat.sip.SipRequestListener;
import org.groupchat.sip.xccos.XccosExchange;
import org.groupchat.sip.xccos.XccosServlet;
import org.groupchat.xccos.XccosCode;
import org.groupchat.xccos.XccosItem;
import org.groupchat.xccos.XmlElement;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The Lookup service: clients INVITE the shared lookup URI ({@code sip:ocschat@DOMAIN}), ask
 * {@code cmd:requri} which channel server to use, get one of the live ones round-robin, and BYE.
 */
@MessageDriven(messageListenerInterface = SipRequestListener.class, activationConfig =
        @ActivationConfigProperty(propertyName = "role", propertyValue = "lookup"))
@ResourceAdapter(XccosServlet.SIP_ADAPTER)
public class LookupServlet extends XccosServlet {

    private static final Logger LOG = Logger.getLogger(LookupServlet.class.getName());

    @EJB
    private ChannelServerPicker picker;

    @Override
    protected String roleName() {
        return "lookup";
    }

    @Override
    protected void onCommand(XccosExchange exchange, XccosItem command) {
        if (!"cmd:requri".equals(command.id())) {
            unknownCommand(exchange, command);
            return;
        }
        Optional<String> channelServer = picker.next();
        if (channelServer.isEmpty()) {
            LOG.warning(() -> "lookup: no live channel server for " + exchange.sender());
            exchange.reply(XccosCode.UNAVAILABLE, "No group chat server is available right now; try again later");
            return;
        }
        LOG.info(() -> "lookup: " + exchange.sender() + " sent to " + channelServer.get());
        exchange.replySuccess(XmlElement.of("uib").attribute("uri", channelServer.get()).build());
    }
}
