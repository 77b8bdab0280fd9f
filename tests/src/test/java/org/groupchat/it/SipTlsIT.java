package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIP over TLS on the TLS port (5061 + offset) with the key pair configure-server.sh made and
 * registered with Elytron; mutual TLS with the peers in the trust store (tests/src/test/tls);
 * who a request is from; and a registration flood.
 */
@ExtendWith(ArquillianExtension.class)
class SipTlsIT {

    static final int TLS_PORT = 5061 + Integer.getInteger("it.port-offset", 100);
    /** The configuration of the WildFly this failsafe execution runs (the suite's, or its copy on PostgreSQL). */
    static final Path CONFIGURATION = Path.of(System.getProperty("jboss.home"), "standalone", "configuration");
    private static final Path PEERS = Path.of("target", "tls-peers");

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Test
    void tlsServesSipWithTheKeyPairOfTheServersKeyStore() throws Exception {
        try (RawSip client = RawSip.tls(TLS_PORT, null)) {
            assertEquals(serverKeyStoreCertificate(), client.serverCertificate());
            String answer = client.request("OPTIONS", "sip:ocschat@groupchat.test", "sip:tina@groupchat.test", "sip:ocschat@groupchat.test");
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
        }
    }

    /** As over TCP (SipTransportIT): before, the server closed the TLS connection without a word. */
    @Test
    void anOversizedRequestOverTlsIsAnswered513AndTheConnectionGoesOn() throws Exception {
        try (RawSip client = RawSip.tls(TLS_PORT, null)) {
            String address = "sip:big@" + Sipp.DOMAIN;
            String tooLarge = client.requestWithBody("MESSAGE", "sip:ocschat@" + Sipp.DOMAIN, address, "sip:ocschat@" + Sipp.DOMAIN,
                    "x".repeat(100_000));
            assertTrue(tooLarge.startsWith("SIP/2.0 513 Message Too Large: a body of 100000 bytes, the limit is 65536\r\n"), tooLarge);
            String next = client.request("OPTIONS", "sip:ocschat@" + Sipp.DOMAIN, address, "sip:ocschat@" + Sipp.DOMAIN);
            assertTrue(next.startsWith("SIP/2.0 200"), "the same connection after the 513: " + next);
        }
    }

    @Test
    void onlyATrustedPeerMayAssertWhoARequestIsFrom() throws Exception {
        String[] asserted = {"P-Asserted-Identity: <sip:pat@groupchat.test>"};
        try (RawSip proxy = RawSip.tls(TLS_PORT, PEERS.resolve("trusted-proxy.p12"))) {
            String answer = proxy.request("REGISTER", "sip:groupchat.test", "sip:relay@groupchat.test", "sip:pat@groupchat.test", asserted);
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
        }
        try (RawSip anyone = RawSip.tls(TLS_PORT, null)) {
            String answer = anyone.request("REGISTER", "sip:groupchat.test", "sip:mallory@groupchat.test", "sip:pat@groupchat.test", asserted);
            assertTrue(answer.startsWith("SIP/2.0 403 sip:mallory@groupchat.test may not register sip:pat@groupchat.test"), answer);
        }
        try (RawSip anyone = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
            String answer = anyone.request("REGISTER", "sip:groupchat.test", "sip:mallory@groupchat.test", "sip:pat@groupchat.test", asserted);
            assertTrue(answer.startsWith("SIP/2.0 403"), answer);
        }
    }

    @Test
    void aClientWithACertificateTheTrustStoreDoesNotKnowIsRefused() throws Exception {
        // Refused at the handshake, or at the latest when it speaks (TLS 1.3 checks the client's certificate after the client's Finished).
        assertThrows(IOException.class, () -> {
            try (RawSip stranger = RawSip.tls(TLS_PORT, PEERS.resolve("stranger.p12"))) {
                stranger.request("REGISTER", "sip:groupchat.test", "sip:stranger@groupchat.test", "sip:pat@groupchat.test",
                        "P-Asserted-Identity: <sip:pat@groupchat.test>");
            }
        });
        assertContains(ServerLog.text(), "SIP over TLS: refused the client certificate of /127.0.0.1:");
        try (RawSip client = RawSip.tls(TLS_PORT, null)) {
            String answer = client.request("OPTIONS", "sip:ocschat@groupchat.test", "sip:tina@groupchat.test", "sip:ocschat@groupchat.test");
            assertTrue(answer.startsWith("SIP/2.0 200"), "the server keeps serving: " + answer);
        }
    }

    @Test
    void aRegistrationFloodFromOneAddressIsRefusedAndOthersAreStillServed() throws Exception {
        int accepted = 0;
        String refusal = null;
        // A loopback address of its own: the limit is per source address, and other tests register from 127.0.0.1.
        try (RawSip flood = RawSip.tcp("127.0.0.9", Sipp.sipPort())) {
            for (int i = 0; i < 70 && refusal == null; i++) {
                String answer = flood.request("REGISTER", "sip:groupchat.test", "sip:flood@groupchat.test", "sip:flood@groupchat.test");
                if (answer.startsWith("SIP/2.0 200")) {
                    accepted++;
                } else {
                    refusal = answer;
                }
            }
        }
        assertEquals(60, accepted, "groupchat.front.max-registrations-per-minute defaults to 60");
        assertTrue(refusal != null && refusal.startsWith("SIP/2.0 503 Too many registrations from your address"), refusal);
        assertContains(refusal, "Retry-After: ");
        try (RawSip other = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
            String answer = other.request("REGISTER", "sip:groupchat.test", "sip:calm@groupchat.test", "sip:calm@groupchat.test");
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
        }
    }

    /** The certificate in the key store configure-server.sh made for the test server. */
    static X509Certificate serverKeyStoreCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        char[] password = Files.readString(CONFIGURATION.resolve("groupchat-sip.password")).trim().toCharArray();
        try (InputStream in = Files.newInputStream(CONFIGURATION.resolve("groupchat-sip.p12"))) {
            store.load(in, password);
        }
        return (X509Certificate) store.getCertificate("groupchat-sip");
    }
}
