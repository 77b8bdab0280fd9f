package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production setting behind a proxy: {@code groupchat.sip.identity=trusted-proxies} with
 * {@code groupchat.sip.tls.client-auth=need}. Only the trusted proxy (its certificate in the trust
 * store, tests/src/test/tls) is served, and who a request is from is what it asserts. Runs in a
 * failsafe execution of its own, against the container "trusted-proxies" (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class TrustedProxiesIT {

    private static final String CONTAINER = "trusted-proxies";
    private static final String DEPLOYMENT = "groupchat";
    private static final int TLS_PORT = 5061 + Integer.getInteger("it.port-offset", 100);
    private static final Path PEERS = Path.of("target", "tls-peers");
    private static final String CHANNEL = "sip:channel-it-node@groupchat.test";

    @ArquillianResource
    private ContainerController containers;

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void onlyTheTrustedProxyIsServedAndItSaysWhoRequestsAreFrom() throws Exception {
        ServerStatus.withOwnServer(containers, deployer, CONTAINER, DEPLOYMENT, () -> {
            try (RawSip direct = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
                String answer = direct.request("REGISTER", "sip:groupchat.test", "sip:pat@groupchat.test", "sip:pat@groupchat.test");
                assertTrue(answer.startsWith("SIP/2.0 403 Only trusted proxies (mutual TLS) are served here"), answer);
                answer = direct.request("OPTIONS", "sip:ocschat@groupchat.test", "sip:pat@groupchat.test", "sip:ocschat@groupchat.test");
                assertTrue(answer.startsWith("SIP/2.0 403"), answer);
            }
            // TLS without a certificate: refused (client-auth need)
            assertThrows(IOException.class, () -> {
                try (RawSip anonymous = RawSip.tls(TLS_PORT, null)) {
                    anonymous.request("OPTIONS", "sip:ocschat@groupchat.test", "sip:pat@groupchat.test", "sip:ocschat@groupchat.test");
                }
        });
        try (RawSip proxy = RawSip.tls(TLS_PORT, PEERS.resolve("trusted-proxy.p12"))) {
            String answer = proxy.request("REGISTER", "sip:groupchat.test", "sip:relay@groupchat.test", "sip:pat@groupchat.test",
                    "P-Asserted-Identity: <sip:pat@groupchat.test>");
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
            answer = proxy.request("REGISTER", "sip:groupchat.test", "sip:relay@groupchat.test", "sip:pat@groupchat.test",
                    "P-Asserted-Identity: <sip:quinn@groupchat.test>");
            assertTrue(answer.startsWith("SIP/2.0 403 sip:quinn@groupchat.test may not register sip:pat@groupchat.test"), answer);
            // two assertions (say, a client's own passed on beside the proxy's): which user? refused
            answer = proxy.request("REGISTER", "sip:groupchat.test", "sip:relay@groupchat.test", "sip:pat@groupchat.test",
                    "P-Asserted-Identity: <sip:quinn@groupchat.test>", "P-Asserted-Identity: <sip:pat@groupchat.test>");
            assertTrue(answer.startsWith("SIP/2.0 400 More than one P-Asserted-Identity"), answer);
            answer = proxy.request("INVITE", CHANNEL, "sip:pat@groupchat.test", CHANNEL,
                    "P-Asserted-Identity: <sip:quinn@groupchat.test>, <sip:pat@groupchat.test>");
            assertTrue(answer.startsWith("SIP/2.0 400 More than one P-Asserted-Identity"), answer);
        }
        String log = java.nio.file.Files.readString(SipTlsIT.SERVER_LOG);
        assertContains(log, "not from a trusted proxy (groupchat.sip.identity=trusted-proxies");
        });
    }

    /**
     * A dialog is the user the proxy asserted when it began, whatever the client put in From: a
     * client that claims to be mallory but signed in to the proxy as pat joins pat's closed room
     * and posts as pat. A proxy that asserts nobody gets 403: From alone vouches for no one here.
     */
    @Test
    void aDialogIsTheUserTheProxyAssertedWhateverFromSays() throws Exception {
        ServerStatus.withOwnServer(containers, deployer, CONTAINER, DEPLOYMENT, () -> {
            long room = new AdminApi().createRoom("{\"name\":\"asserted-" + System.nanoTime() + "\",\"privacy\":\"CLOSED\","
                    + "\"members\":[\"sip:pat@groupchat.test\",\"sip:quinn@groupchat.test\"]}");
            Path proxyKeys = PEERS.resolve("trusted-proxy.p12");
            try (RawSip proxy = RawSip.tls(TLS_PORT, proxyKeys)) {
                String answer = proxy.request("INVITE", CHANNEL, "sip:pat@groupchat.test", CHANNEL);
                assertTrue(answer.startsWith("SIP/2.0 403 No P-Asserted-Identity"), answer);
            }
            try (RawParticipant pat = RawParticipant.joinThroughProxy(RawSip.tlsSocket(TLS_PORT, proxyKeys), "mallory", "pat", room);
                    RawParticipant quinn = RawParticipant.joinThroughProxy(RawSip.tlsSocket(TLS_PORT, proxyKeys), "quinn", "quinn", room)) {
                assertTrue(pat.inTheRoom(), "pat (asserted) is a member of the closed room; mallory (From) is not");
                assertTrue(quinn.inTheRoom());
                pat.post("ma-chan://groupchat.test/" + room, "asserted|1|" + System.nanoTime() + "|");
                assertTrue(quinn.awaitMessages(1, 10), "quinn received nothing");
                assertEquals(Set.of("sip:pat@groupchat.test"), quinn.authors);
            }
        });
    }
}
