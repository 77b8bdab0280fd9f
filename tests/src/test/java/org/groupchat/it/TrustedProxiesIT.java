package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
        String log = ServerLog.text();
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

    /**
     * The production front end: Kamailio's recipe authenticates users (digest against its users
     * file), asserts the user it authenticated and removes what a client asserts itself, and reaches
     * this server over TLS with its own certificate. A client who signs in as mallory but writes
     * pat's From is refused; one who writes pat's P-Asserted-Identity herself is mallory to the
     * server (not a member of pat's closed room); pat, signed in, posts as pat.
     */
    @Test
    void kamailioAuthenticatesUsersAndTheServerBelievesOnlyWhatKamailioAsserts() throws Exception {
        ServerStatus.withOwnServer(containers, deployer, CONTAINER, DEPLOYMENT, () -> {
            Path users = Path.of("target", "kamailio-users-" + System.nanoTime());
            String patPassword = "pat-" + System.nanoTime();
            String quinnPassword = "quinn-" + System.nanoTime();
            String malloryPassword = "mallory-" + System.nanoTime();
            addKamailioUser(users, "pat", patPassword);
            addKamailioUser(users, "quinn", quinnPassword);
            addKamailioUser(users, "mallory", malloryPassword);
            long room = new AdminApi().createRoom("{\"name\":\"kamailio-" + System.nanoTime() + "\",\"privacy\":\"CLOSED\","
                    + "\"members\":[\"sip:pat@groupchat.test\",\"sip:quinn@groupchat.test\"]}");
            try (Kamailio kamailio = Kamailio.authenticating(users, PEERS, SipTlsIT.CONFIGURATION.resolve("groupchat-sip.pem"), TLS_PORT)) {
                // REGISTER: challenged, refused with a wrong password, accepted with the right one, once per nonce
                try (RawSip client = RawSip.tcp("127.0.0.1", Kamailio.PORT)) {
                    String challenge = client.register("pat", null);
                    assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
                    String wrong = client.register("pat", "Authorization: " + SipDigest.answer(wwwAuthenticate(challenge), "pat", "guess",
                            "REGISTER", "sip:groupchat.test"));
                    assertTrue(wrong.startsWith("SIP/2.0 403 Wrong user name or password"), wrong);
                    challenge = client.register("pat", null);
                    String credentials = "Authorization: " + SipDigest.answer(wwwAuthenticate(challenge), "pat", patPassword, "REGISTER",
                            "sip:groupchat.test");
                    String registered = client.register("pat", credentials);
                    assertTrue(registered.startsWith("SIP/2.0 200"), registered);
                    String replayed = client.register("pat", credentials);
                    assertTrue(replayed.startsWith("SIP/2.0 401"), "a nonce signs one request: " + replayed);
                }

                try (RawParticipant forger = RawParticipant.throughKamailio("mallory", malloryPassword, "pat", null)) {
                    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> forger.joinRoom(room));
                    assertTrue(forger.inviteAnswer().startsWith("SIP/2.0 403 You signed in as mallory, not as pat"), refused.getMessage());
                }
                try (RawParticipant pat = RawParticipant.throughKamailio("pat", patPassword, "pat", null).joinRoom(room);
                        RawParticipant quinn = RawParticipant.throughKamailio("quinn", quinnPassword, "quinn", null).joinRoom(room);
                        RawParticipant selfAsserted = RawParticipant.throughKamailio("mallory", malloryPassword, "mallory", "pat")
                                .joinRoom(room)) {
                    assertTrue(pat.inTheRoom(), "pat, signed in at Kamailio, is a member of the closed room");
                    assertTrue(quinn.inTheRoom());
                    assertFalse(selfAsserted.inTheRoom(), "mallory's own P-Asserted-Identity (pat) must not reach the server");
                    pat.post("ma-chan://groupchat.test/" + room, "through-kamailio|1|" + System.nanoTime() + "|");
                    assertTrue(quinn.awaitMessages(1, 10), "quinn received nothing");
                    assertEquals(Set.of("sip:pat@groupchat.test"), quinn.authors);
                    assertTrue(selfAsserted.latenciesMillis.isEmpty(), "mallory, outside the room, received a post");

                    // mallory, who learnt pat's dialog ids, speaks in it over a connection of her own: refused by Kamailio
                    try (Socket attacker = new Socket("127.0.0.1", Kamailio.PORT)) {
                        attacker.setSoTimeout(10_000);
                        String local = attacker.getLocalAddress().getHostAddress() + ":" + attacker.getLocalPort();
                        String post = "<xccos ver=\"1\" envid=\"90\" xmlns=\"urn:parlano:xml:ns:xccos\"><grpchat id=\"grpchat\" seqid=\"1\" "
                                + "chanUri=\"ma-chan://groupchat.test/" + room + "\"><chat>hijack|2|" + System.nanoTime() + "|</chat></grpchat></xccos>";
                        attacker.getOutputStream().write(pat.request("INFO", 90, "text/plain", post, local).getBytes(StandardCharsets.UTF_8));
                        String answer = new String(attacker.getInputStream().readNBytes(60), StandardCharsets.UTF_8);
                        assertTrue(answer.startsWith("SIP/2.0 403 This dialog belongs to another connection"), answer);
                    }
                    Thread.sleep(500);
                    assertEquals(1, quinn.latenciesMillis.size(), "the post from mallory's connection reached quinn as pat's");
                }
            }
        });
    }

    private static String wwwAuthenticate(String answer) {
        return answer.lines().filter(line -> line.startsWith("WWW-Authenticate:")).findFirst()
                .orElseThrow(() -> new AssertionError("no challenge in " + answer)).substring("WWW-Authenticate:".length()).trim();
    }

    private static void addKamailioUser(Path users, String user, String password) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of("..", "scripts", "set-kamailio-user.sh").toAbsolutePath().toString(),
                users.toAbsolutePath().toString(), user, "groupchat.test", password).inheritIO().start();
        assertEquals(0, process.waitFor(), "set-kamailio-user.sh " + user);
    }
}
