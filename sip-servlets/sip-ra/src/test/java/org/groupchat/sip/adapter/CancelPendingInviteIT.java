package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.transaction.xa.XAResource;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.sip.SipRequest;
import org.groupchat.sip.SipRequestListener;
import org.groupchat.sip.SipServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter on its own, outside WildFly, with a role that holds an INVITE unanswered: a real
 * client (sipp) cancels it and must get 200 to the CANCEL and 487 to the INVITE, while the
 * role's late answer is dropped. In the deployed server an INVITE is answered too fast to cancel
 * on purpose, so this is where the pending case is pinned down.
 */
class CancelPendingInviteIT {

    private final ExecutorWorkManager workManager = new ExecutorWorkManager();
    private final SipResourceAdapter adapter = new SipResourceAdapter();
    private final HoldingRole role = new HoldingRole();
    private int port;

    @BeforeEach
    void startAdapter() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        System.setProperty(GroupchatSettings.SIP_PORT, Integer.toString(port));
        System.setProperty(GroupchatSettings.DOMAIN, "groupchat.test");
        adapter.start(new PlainBootstrapContext(workManager));
        SipActivationSpec spec = new SipActivationSpec();
        spec.setRole("lookup");
        adapter.endpointActivation(endpointFactory(role), spec);
    }

    @AfterEach
    void stopAdapter() throws Exception {
        role.release.countDown();
        adapter.stop();
        workManager.close();
        System.clearProperty(GroupchatSettings.SIP_PORT);
        System.clearProperty(GroupchatSettings.DOMAIN);
    }

    @Test
    void cancelOfAPendingInviteGets487AndTheRolesLateAnswerIsDropped() throws Exception {
        Path work = Files.createDirectories(Path.of("target/sipp-work").toAbsolutePath());
        Path messages = work.resolve("cancel-pending-messages.txt");
        Files.deleteIfExists(messages);
        Process sipp = new ProcessBuilder("sipp", "127.0.0.1:" + port,
                "-sf", Path.of("src/test/resources/sipp/cancel-pending.xml").toAbsolutePath().toString(),
                "-t", "u1", "-i", "127.0.0.1", "-p", "0", "-m", "1", "-timeout", "20s", "-timeout_error",
                "-nostdin", "-trace_msg", "-message_file", messages.toString())
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("cancel-pending-stdout.txt").toFile()).start();
        assertTrue(sipp.waitFor(40, TimeUnit.SECONDS), "sipp did not finish");
        String trace = Files.exists(messages) ? Files.readString(messages) : "(no trace)";
        assertEquals(0, sipp.exitValue(), trace);

        assertEquals(0, role.started.getCount(),
                "the role never got the INVITE: the CANCEL came before a worker had handed it over");
        role.release.countDown();
        assertTrue(role.finished.await(10, TimeUnit.SECONDS), "the role never finished the INVITE");
        assertTrue(role.sawItAnswered.get(), "the INVITE should count as answered once cancelled");
        assertTrue(role.cancelNoticed.await(10, TimeUnit.SECONDS), "the role was not told of the CANCEL");
    }

    /** A role that keeps the INVITE until the test lets it go, then tries to accept it anyway. */
    static final class HoldingRole extends SipServlet {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        final CountDownLatch cancelNoticed = new CountDownLatch(1);
        final AtomicBoolean sawItAnswered = new AtomicBoolean();

        @Override
        protected void doInvite(SipRequest request) {
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sawItAnswered.set(request.isAnswered());
            request.createResponse(200).send();
            finished.countDown();
        }

        @Override
        protected void doCancel(SipRequest request) {
            cancelNoticed.countDown();
        }
    }

    /** What the EJB container does for a message-driven bean: an endpoint proxy per delivery. */
    private static MessageEndpointFactory endpointFactory(SipRequestListener bean) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) {
                return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {MessageEndpoint.class, SipRequestListener.class},
                        (proxy, method, args) -> method.getName().equals("onRequest") ? invoke(bean, method, args) : null);
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
                return createEndpoint(xaResource);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "test-role";
            }

            @Override
            public Class<?> getEndpointClass() {
                return bean.getClass();
            }
        };
    }

    private static Object invoke(SipRequestListener bean, Method method, Object[] args) throws Exception {
        return method.invoke(bean, args);
    }

    private record PlainBootstrapContext(WorkManager workManager) implements BootstrapContext {
        @Override
        public WorkManager getWorkManager() {
            return workManager;
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() {
            return new Timer(true);
        }

        @Override
        public boolean isContextSupported(Class<? extends WorkContext> workContextClass) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }
}
