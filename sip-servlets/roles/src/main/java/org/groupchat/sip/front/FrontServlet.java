package org.groupchat.sip.front;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.sip.SipRequest;
import org.groupchat.sip.SipRequestListener;
import org.groupchat.sip.SipServlet;
import org.groupchat.sip.xccos.XccosServlet;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The front role ({@code ../shared/docs/protocol.md} section 5): REGISTER is answered 200 with the
 * bindings, {@code Supported: msrtc-event-categories} and {@code Allow-Events:
 * vnd-microsoft-provisioning-v2}; the provisioning SUBSCRIBE is answered 200 with the
 * persistent-chat configuration (group chat on, the lookup URI as its pool); other event packages
 * get 489. Who may register is {@code groupchat.front.registration}: {@code open} (a user, for
 * their own address only: the loopback and development default) or {@code off} (a real front end
 * does it: 403); a source address sending more REGISTERs a minute than
 * {@code groupchat.front.max-registrations-per-minute} gets 503 with Retry-After. Who the sender
 * is, the adapter decides ({@code groupchat.sip.identity}).
 */
@MessageDriven(messageListenerInterface = SipRequestListener.class, activationConfig =
        @ActivationConfigProperty(propertyName = "role", propertyValue = "front"))
@ResourceAdapter(XccosServlet.SIP_ADAPTER)
public class FrontServlet extends SipServlet {

    private static final Logger LOG = Logger.getLogger(FrontServlet.class.getName());
    static final String PROVISIONING_EVENT = "vnd-microsoft-provisioning-v2";
    private static final long DEFAULT_EXPIRES = 3600;
    private static final long MAX_EXPIRES = 7200;

    @EJB
    private Registrations registrations;

    @EJB
    private RegistrationRate rate;

    private GroupchatSettings settings;

    @PostConstruct
    void readSettings() {
        settings = GroupchatSettings.current();
    }

    @Override
    protected void doOther(SipRequest request) {
        switch (request.method()) {
            case "REGISTER" -> register(request);
            case "SUBSCRIBE" -> subscribe(request);
            default -> notAllowed(request);
        }
    }

    private void register(SipRequest request) {
        String user = request.to().toString();
        if (settings.frontRegistration().equals("off")) {
            LOG.info(() -> "front: REGISTER of " + user + " from " + request.remoteAddress() + " refused: registration is off");
            request.createResponse(403).reason("Registration is the SIP front end's business on this network").send();
            return;
        }
        String host = request.remoteAddress().substring(0, request.remoteAddress().lastIndexOf(':'));
        if (!rate.admit(host)) {
            LOG.warning(() -> "front: REGISTER of " + user + " from " + request.remoteAddress() + " refused: more than "
                    + settings.frontMaxRegistrationsPerMinute() + " a minute from " + host + " (" + GroupchatSettings.FRONT_MAX_REGISTRATIONS + ")");
            request.createResponse(503).reason("Too many registrations from your address").header("Retry-After",
                    Long.toString(rate.secondsLeft(host))).send();
            return;
        }
        if (!request.to().equals(request.from())) {
            LOG.warning(() -> "front: REGISTER of " + user + " by " + request.from() + " from " + request.remoteAddress()
                    + " refused: a user registers only themselves");
            request.createResponse(403).reason(request.from() + " may not register " + user).send();
            return;
        }
        long expires = expiresOf(request);
        String contact = request.header("Contact").orElse("").trim();
        if (contact.equals("*")) {
            registrations.unbindAll(user);
        } else if (!contact.isEmpty()) {
            registrations.bind(user, contactUri(contact), Duration.ofSeconds(expires));
        }
        var answer = request.createResponse(200)
                .header("Expires", Long.toString(contact.equals("*") ? 0 : expires))
                .header("Supported", "msrtc-event-categories")
                .header("Allow-Events", PROVISIONING_EVENT);
        String bindings = String.join(", ", registrations.bindings(user).stream()
                .map(binding -> "<" + binding.contact() + ">;expires=" + binding.expiresSeconds()).toList());
        if (!bindings.isEmpty()) {
            answer.header("Contact", bindings); // every binding the user has, as RFC 3261 asks
        }
        answer.send();
        LOG.info(() -> "front: " + user + (expires == 0 || contact.equals("*") ? " unregistered" : " registered for " + expires + " s")
                + " from " + request.remoteAddress());
    }

    private void subscribe(SipRequest request) {
        String event = request.header("Event").orElse("").trim();
        String eventPackage = event.contains(";") ? event.substring(0, event.indexOf(';')).trim() : event;
        if (!eventPackage.equalsIgnoreCase(PROVISIONING_EVENT)) {
            LOG.info(() -> "front: 489 to SUBSCRIBE for '" + event + "' from " + request.from());
            request.createResponse(489).reason("Only " + PROVISIONING_EVENT + " is served here")
                    .header("Allow-Events", PROVISIONING_EVENT).send();
            return;
        }
        request.createResponse(200)
                .header("Event", PROVISIONING_EVENT)
                .header("Expires", "0")
                .header("ms-piggyback-cseq", "1")
                .content("application/vnd-microsoft-roaming-provisioning-v2+xml", provisioning())
                .send();
        LOG.info(() -> "front: provisioning for " + request.from() + ": group chat at " + settings.lookupUri());
    }

    /** The persistent-chat part of the provisioning data: group chat on, its pool the lookup URI. */
    private String provisioning() {
        return "<provisionGroupList xmlns=\"http://schemas.microsoft.com/2006/09/sip/provisiongrouplist-notification\">"
                + "<provisionGroup name=\"persistentChatConfiguration\"><propertyEntryList>"
                + "<property name=\"EnablePersistentChat\">true</property>"
                + "<property name=\"DefaultPersistentChatPoolUri\">" + settings.lookupUri() + "</property>"
                + "</propertyEntryList></provisionGroup></provisionGroupList>";
    }

    /** Expires from the Contact's parameter or the Expires header, within what this registrar grants. */
    private static long expiresOf(SipRequest request) {
        String contact = request.header("Contact").orElse("").toLowerCase(Locale.ROOT);
        String value = null;
        int parameter = contact.indexOf(";expires=");
        if (parameter >= 0) {
            value = contact.substring(parameter + 9).split("[;,\\s]", 2)[0];
        } else if (request.header("Expires").isPresent()) {
            value = request.header("Expires").get().trim();
        }
        try {
            return value == null ? DEFAULT_EXPIRES : Math.min(Math.max(0, Long.parseLong(value)), MAX_EXPIRES);
        } catch (NumberFormatException e) {
            return DEFAULT_EXPIRES;
        }
    }

    /** The URI inside a Contact header value ({@code "Name" <sip:...>;params} or a bare URI). */
    private static String contactUri(String contact) {
        int open = contact.indexOf('<');
        int close = contact.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return contact.substring(open + 1, close);
        }
        return contact.split(";", 2)[0].trim();
    }
}
