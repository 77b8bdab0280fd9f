package org.groupchat.sip.adapter;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.sip.stack.ClientAwareSipStack;

/**
 * The JAIN-SIP stack of this node: its listening points, provider and factories, started and
 * stopped with the resource adapter.
 *
 * <p>The stack is created from a thread of its own ThreadGroup. Its threads (event scanner, timers,
 * transport readers) inherit that group; JAIN-SIP's event scanner outlives {@code stop()}, so the
 * group is interrupted after stopping, or it would pin the deployment's class loader on undeploy.
 */
final class SipStackHost {

    private static final Logger LOG = Logger.getLogger(SipStackHost.class.getName());

    private final ThreadGroup threads;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addressFactory;
    private final HeaderFactory headerFactory;
    private final MessageFactory messageFactory;

    private SipStackHost(ThreadGroup threads, SipStack stack, SipProvider provider, SipFactory factory)
            throws Exception {
        this.threads = threads;
        this.stack = stack;
        this.provider = provider;
        this.addressFactory = factory.createAddressFactory();
        this.headerFactory = factory.createHeaderFactory();
        this.messageFactory = factory.createMessageFactory();
    }

    static SipStackHost start(GroupchatSettings settings) throws Exception {
        ThreadGroup threads = new ThreadGroup("groupchat-sip");
        FutureTask<SipStackHost> creation = new FutureTask<>(() -> create(settings, threads));
        Thread creator = new Thread(threads, creation, "groupchat-sip-start");
        creator.start();
        try {
            return creation.get();
        } catch (ExecutionException e) {
            threads.interrupt();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static SipStackHost create(GroupchatSettings settings, ThreadGroup threads) throws Exception {
        StackLogBridge.install();
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Optional<SSLContext> tls = SipTls.context(settings.tls());
        ClientAwareSipStack stack = new ClientAwareSipStack(stackProperties(settings, tls));
        tls.ifPresent(stack::useTls);
        List<ListeningPoint> points = new ArrayList<>();
        try {
            for (String transport : settings.sipTransports()) {
                points.add(stack.createListeningPoint(settings.sipBindAddress(), settings.sipPort(), transport));
            }
        } catch (Exception e) {
            stack.stop();
            throw new IllegalStateException("cannot listen for SIP on " + settings.sipBindAddress() + ":"
                    + settings.sipPort() + " (" + GroupchatSettings.SIP_BIND_ADDRESS + ", " + GroupchatSettings.SIP_PORT
                    + "): " + e.getMessage(), e);
        }
        if (tls.isPresent()) {
            try {
                points.add(stack.createListeningPoint(settings.sipBindAddress(), settings.tls().port(), ListeningPoint.TLS));
            } catch (Exception e) {
                stack.stop();
                throw new IllegalStateException("cannot listen for SIP over TLS on " + settings.sipBindAddress() + ":"
                        + settings.tls().port() + " (" + GroupchatSettings.SIP_TLS_PORT + "): " + e.getMessage(), e);
            }
        }
        SipProvider provider = stack.createSipProvider(points.get(0));
        for (ListeningPoint point : points.subList(1, points.size())) {
            provider.addListeningPoint(point);
        }
        provider.setAutomaticDialogSupportEnabled(true);
        return new SipStackHost(threads, stack, provider, factory);
    }

    private static Properties stackProperties(GroupchatSettings settings, Optional<SSLContext> tls) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "groupchat-" + settings.nodeName());
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.sipMaxMessageBytes()));
        // Each TCP or TLS connection costs a reader thread: a bound on all, and on each address.
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(settings.connectionLimits().total()));
        properties.setProperty(ClientAwareSipStack.MAX_CONNECTIONS_PER_ADDRESS, Integer.toString(settings.connectionLimits().perAddress()));
        // an answer to a pushed INFO is late past the same limit as work waiting in the server's queues
        properties.setProperty(ClientAwareSipStack.LATE_ANSWER_MILLIS, Long.toString(settings.sendLimits().maxQueueDelay().toMillis()));
        // TCP without Nagle's delay: chat pushes go out in bursts of small messages.
        properties.setProperty("gov.nist.javax.sip.NETWORK_LAYER", "org.groupchat.sip.stack.NoDelayNetworkLayer");
        // A client that sends faster than the stack parses is put out; the 200s to the INFOs pushed
        // without a transaction end here (they need nothing more); a request in a dialog from
        // elsewhere than the dialog's client is refused before the dialog sees it.
        properties.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", "org.groupchat.sip.stack.OversizedRequests,"
                + "org.groupchat.sip.stack.UnreadInputLimit,"
                + "org.groupchat.sip.stack.PushedInfoAnswers,org.groupchat.sip.stack.DialogOriginCheck");
        // Keep the connections clients open: requests to them must go back over those.
        properties.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // One event thread that only hands requests over to the WorkManager.
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false");
        // The stack's own log goes to the server log through StackLogBridge, as verbose as asked.
        properties.setProperty("gov.nist.javax.sip.LOG4J_LOGGER_NAME", StackLogBridge.STACK_CATEGORY + ".javax.sip");
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", settings.sipStackLogLevel());
        tls.ifPresent(context -> {
            // JAIN-SIP's own defaults are TLS 1.0-1.2 with 2008's cipher suites: use what the JDK offers today.
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3, TLSv1.2");
            properties.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES",
                    String.join(", ", context.getDefaultSSLParameters().getCipherSuites()));
            properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", settings.tls().needClientCertificate() ? "Enabled" : "Want");
        });
        return properties;
    }

    void listen(SipListener listener) throws Exception {
        provider.addSipListener(listener);
        stack.start();
        LOG.info(() -> "SIP listening on " + describeListeningPoints());
    }

    void stop() {
        try {
            stack.stop();
        } finally {
            threads.interrupt();
        }
        LOG.info("SIP stack stopped");
    }

    String describeListeningPoints() {
        List<String> described = new ArrayList<>();
        for (ListeningPoint point : provider.getListeningPoints()) {
            described.add(point.getTransport().toLowerCase() + " " + point.getIPAddress() + ":" + point.getPort());
        }
        return String.join(", ", described);
    }

    /**
     * Parses one header line into headers to add; a list header (Allow, Supported...) may give
     * several, which JAIN-SIP's createHeader refuses.
     */
    List<Header> headers(String name, String value) throws ParseException {
        SIPHeader parsed = new StringMsgParser().parseSIPHeader(name + ": " + value);
        if (parsed instanceof SIPHeaderList<?> list) {
            return new ArrayList<>(list.getHeaderList());
        }
        return List.of(parsed);
    }

    /** The share of the clients' answers to what is pushed to them that came late (see {@link ClientAwareSipStack#lateAnswerShare}). */
    double lateAnswerShare() {
        return ((ClientAwareSipStack) stack).lateAnswerShare();
    }

    SipProvider provider() {
        return provider;
    }

    AddressFactory addressFactory() {
        return addressFactory;
    }

    HeaderFactory headerFactory() {
        return headerFactory;
    }

    MessageFactory messageFactory() {
        return messageFactory;
    }
}
