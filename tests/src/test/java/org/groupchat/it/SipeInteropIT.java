package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one client that speaks this protocol, pidgin-sipe 1.25, against the server: alone (the
 * built-in front role registers and provisions it) over TCP and over TLS, and behind Kamailio. Two users start at the
 * same moment (libpurple then makes their Call-IDs, tags and branches identical), find the room
 * in the room list, join; a third posts; both receive it live; a user who joins afterwards finds
 * it in the room's history.
 */
@ExtendWith(ArquillianExtension.class)
class SipeInteropIT {

    @RegisterExtension
    static final Kamailio KAMAILIO = new Kamailio();
    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @BeforeAll
    static void buildDriver() throws Exception {
        Sipe.build();
    }

    @Test
    void sipeUsersChatWithTheServerAlone() throws Exception {
        chatThrough(Sipe.Server.tcp(Sipp.sipPort()));
    }

    @Test
    void sipeUsersChatWithTheServerAloneOverTls() throws Exception {
        chatThrough(new Sipe.Server(SipTlsIT.TLS_PORT, "tls", pem(SipTlsIT.serverKeyStoreCertificate())));
    }

    @Test
    void sipeUsersChatThroughKamailio() throws Exception {
        chatThrough(Sipe.Server.tcp(Kamailio.PORT));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private void chatThrough(Sipe.Server server) throws Exception {
        // SIPE lists rooms with an empty search, which returns the first search-limit rooms by
        // name; the test server holds more rooms than that, so this one's name sorts first.
        String room = unique("0-sipe-room");
        admin.createRoom("{\"name\":\"" + room + "\",\"members\":[\"sip:alice@groupchat.test\",\"sip:bob@groupchat.test\","
                + "\"sip:erin@groupchat.test\"]}");
        String text = "hello from erin " + unique("m");
        // The poster has a 4-letter name: with this domain, that made SIPE's send buffer grow while
        // full to its end, and libpurple's buffer then sent old bytes again (the tail of its REGISTER
        // after its SUBSCRIBE, or the same SUBSCRIBE in a loop); circbuffer-shim.c mends that.

        // One seed for both: they send identical requests even if they do not sign in within one second.
        long seed = System.nanoTime() & 0x7fffffff;
        Sipe.Client alice = Sipe.startSeeded("alice", seed, server, room, "--expect", text);
        Sipe.Client bob = Sipe.startSeeded("bob", seed, server, room, "--expect", text);
        try {
            alice.awaitStep("JOINED");
            bob.awaitStep("JOINED");
            Sipe.Client erin = Sipe.start("erin", server, room, "--post", text).assertSucceeded();
            alice.assertSucceeded();
            bob.assertSucceeded();
            assertTrue(erin.steps().contains("POSTED " + text), () -> String.join("\n", steps(erin)));
            assertTrue(alice.steps().contains("RECEIVED " + room + " sip:erin@groupchat.test " + text), () -> String.join("\n", steps(alice)));
            assertTrue(bob.steps().contains("RECEIVED " + room + " sip:erin@groupchat.test " + text), () -> String.join("\n", steps(bob)));
            assertEquals(firstCallId(alice), firstCallId(bob), "one rand() seed gives both clients the same Call-IDs; "
                    + "this test is meant to show that the server keeps such clients apart");

            // Joining later, the history (cmd:bccontext) brings the message.
            Sipe.Client aliceAgain = Sipe.start("alice", server, room, "--expect", text).assertSucceeded();
            assertTrue(aliceAgain.steps().contains("RECEIVED " + room + " sip:erin@groupchat.test " + text), () -> String.join("\n", steps(aliceAgain)));
        } finally {
            alice.stop();
            bob.stop();
        }
    }

    /** The Call-ID of the client's first request (its REGISTER), as SIPE logged it. */
    private static String firstCallId(Sipe.Client client) throws Exception {
        return client.log().lines().filter(line -> line.startsWith("Call-ID: ")).findFirst().orElse("none");
    }

    private static List<String> steps(Sipe.Client client) {
        try {
            return client.steps();
        } catch (java.io.IOException e) {
            return List.of(e.toString());
        }
    }
}
