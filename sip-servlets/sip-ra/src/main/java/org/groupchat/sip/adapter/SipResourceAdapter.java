package org.groupchat.sip.adapter;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.Timer;
import java.util.TimerTask;
import java.util.logging.Logger;
import javax.transaction.xa.XAResource;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.sip.SipUri;

/**
 * The SIP resource adapter: starts the JAIN-SIP stack when the EAR deploys, and delivers each
 * request to the message-driven bean of the role it is addressed to (lookup, channel...).
 * Its settings come from {@link GroupchatSettings}, like the rest of the server's.
 */
public class SipResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(SipResourceAdapter.class.getName());
    /**
     * Threads that write to clients' connections: as many clients as this may stop reading at once
     * (each blocks one until the sweep closes its connection, within the stalled-write limit) before
     * the others' messages wait. With the workers they stay within WildFly's 50 long-running threads.
     */
    private static final int WRITER_THREADS = 24;

    private final RoleEndpoints roles = new RoleEndpoints();
    private GroupchatSettings settings;
    private SipStackHost host;
    private DialogWorkQueues queues;
    /** Write what is pushed to clients over TCP and TLS, so that a client that stops reading blocks none of the workers. */
    private DialogWorkQueues writers;
    private Timer timer;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        try {
            settings = GroupchatSettings.current();
            queues = new DialogWorkQueues(context.getWorkManager(), settings.sipWorkerThreads());
            writers = new DialogWorkQueues(context.getWorkManager(), WRITER_THREADS);
            host = SipStackHost.start(settings);
            InboundRequestHandler handler = new InboundRequestHandler(host, roles, queues, writers, settings.sessionExpires(), settings.sendLimits(),
                    "trusted-proxies".equals(settings.identityPolicy()),
                    "digest".equals(settings.frontRegistration()) ? new RegisterDigest(settings.domain(), settings.sipUsers()) : null);
            host.listen(handler);
            timer = context.createTimer();
            timer.schedule(new TimerTask() {
                @Override
                public void run() {
                    handler.closeStalledConnections();
                }
            }, 1000, 1000);
            if (!settings.sessionExpires().isZero()) {
                long period = Math.max(1000, settings.sessionExpires().toMillis() / 4);
                timer.schedule(new TimerTask() {
                    @Override
                    public void run() {
                        handler.endExpiredSessions();
                    }
                }, period, period);
            }
        } catch (Exception e) {
            throw new ResourceAdapterInternalException("SIP adapter not started: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (host != null) {
            host.stop();
            host = null;
        }
        if (queues != null) {
            queues.stop();
            queues = null;
        }
        if (writers != null) {
            writers.stop();
            writers = null;
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws ResourceException {
        SipActivationSpec activation = (SipActivationSpec) spec;
        String role = activation.getRole();
        String uri = settings.uriOfRole(role)
                .orElseThrow(() -> new ResourceException("unknown SIP role '" + role + "' (known: lookup, channel, front)"));
        roles.add(new RoleEndpoint(role, SipUri.parse(uri), factory, PostMark.of(activation.getPostMark())));
        LOG.info(() -> "SIP role " + role + " answers at " + uri);
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        roles.remove(factory);
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    // A resource adapter is a JavaBean compared by its configuration; this one has none.
    @Override
    public boolean equals(Object other) {
        return other instanceof SipResourceAdapter;
    }

    @Override
    public int hashCode() {
        return SipResourceAdapter.class.hashCode();
    }
}
