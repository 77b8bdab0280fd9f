package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * SIP digest for standard clients ({@code groupchat.front.registration=digest}): REGISTER is
 * challenged, the right password registers, a wrong one, another user's address, a nonce the
 * server never issued or a REGISTER played again do not (the domain may come in any case); other
 * requests are served only on a connection a REGISTER signed in, for its own user, and only while
 * that connection lasts. The user dana is made by scripts/set-sip-password.sh (tests/pom.xml).
 * Runs in a failsafe execution of its own, against the container "digest" (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class DigestIT {

    private static final String CONTAINER = "digest";
    private static final String DEPLOYMENT = "groupchat";
    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

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
    void registerNeedsTheUsersOwnPassword() throws Exception {
        ServerStatus.withOwnServer(containers, deployer, CONTAINER, DEPLOYMENT, () -> {
            try (RawSip dana = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
                String early = provisioning(dana, "dana");
                assertTrue(early.startsWith("SIP/2.0 403 Register first: this connection has not signed in"), early);

                String challenge = dana.register("dana", null);
                assertTrue(challenge.startsWith("SIP/2.0 401"), challenge);
                assertContains(challenge, "WWW-Authenticate: Digest");
                assertContains(challenge, "realm=\"groupchat.test\"");

                String wrong = dana.register("dana", credentials("dana", "not-her-password", nonceOf(challenge)));
                assertTrue(wrong.startsWith("SIP/2.0 403 Wrong user name or password for sip:dana@groupchat.test"), wrong);

                String forged = dana.register("dana", credentials("dana", "it-dana-Secret-1", "a-nonce-never-issued"));
                assertTrue(forged.startsWith("SIP/2.0 401"), "a nonce the server did not issue gets a new challenge: " + forged);

                String someoneElse = dana.register("erin", credentials("dana", "it-dana-Secret-1", nonceOf(dana.register("erin", null))));
                assertTrue(someoneElse.startsWith("SIP/2.0 403"), someoneElse);

                String good = credentials("dana", "it-dana-Secret-1", nonceOf(dana.register("dana", null)));
                String right = dana.register("dana", good);
                assertTrue(right.startsWith("SIP/2.0 200"), right);
                assertContains(right, "Supported: msrtc-event-categories");

                // The same REGISTER played again (its nonce has signed a REGISTER in) gets a new
                // challenge, on another connection as on this one, and signs nothing in.
                try (RawSip replayer = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
                    String replayed = replayer.register("dana", good);
                    assertTrue(replayed.startsWith("SIP/2.0 401"), "a replayed REGISTER: " + replayed);
                    String notSignedIn = provisioning(replayer, "dana");
                    assertTrue(notSignedIn.startsWith("SIP/2.0 403 Register first"), notSignedIn);
                }
                String replayedHere = dana.register("dana", good);
                assertTrue(replayedHere.startsWith("SIP/2.0 401"), "a replayed REGISTER: " + replayedHere);

                // Hosts compare without regard to case (RFC 3261 19.1.4), as users do in this server.
                try (RawSip mixedCase = RawSip.tcp("127.0.0.1", Sipp.sipPort())) {
                    String address = "sip:Dana@GroupChat.Test";
                    String mixedChallenge = mixedCase.request("REGISTER", "sip:groupchat.test", address, address);
                    String signedIn = mixedCase.request("REGISTER", "sip:groupchat.test", address, address,
                            credentials("dana", "it-dana-Secret-1", nonceOf(mixedChallenge)));
                    assertTrue(signedIn.startsWith("SIP/2.0 200"), signedIn);
                    String served = provisioning(mixedCase, "dana");
                    assertTrue(served.startsWith("SIP/2.0 200"), served);
                }

                // The connection is now dana's: her requests are served, nobody else's.
                String hers = provisioning(dana, "dana");
                assertTrue(hers.startsWith("SIP/2.0 200"), hers);
                String claimed = provisioning(dana, "erin");
                assertTrue(claimed.startsWith("SIP/2.0 403 This connection is signed in as sip:dana@groupchat.test, not sip:erin@groupchat.test"), claimed);

                // The sign-in ends with the connection: another one from the same address and port
                // (another program, or a NAT's next client) is not dana's.
                int port = dana.localPort();
                dana.abort();
                // JAIN-SIP keeps connections by address and port: until it has seen the old one
                // end, its answer to the new one goes to the old socket and is lost.
                Thread.sleep(1000);
                try (RawSip samePort = RawSip.tcp("127.0.0.1", port, Sipp.sipPort())) {
                    String after = provisioning(samePort, "dana");
                    assertTrue(after.startsWith("SIP/2.0 403 Register first: this connection has not signed in"), after);
                }
            }
        });
    }

    private static String provisioning(RawSip client, String user) throws IOException {
        String address = "sip:" + user + "@groupchat.test";
        return client.request("SUBSCRIBE", address, address, address, "Event: vnd-microsoft-provisioning-v2");
    }

    /** The Authorization a client answering a challenge with this nonce sends (SipDigest; the nonce may be forged). */
    private static String credentials(String user, String password, String nonce) {
        return "Authorization: " + SipDigest.answer("Digest realm=\"groupchat.test\", nonce=\"" + nonce + "\"", user, password,
                "REGISTER", "sip:groupchat.test");
    }

    private static String nonceOf(String challenge) {
        Matcher nonce = NONCE.matcher(challenge);
        assertTrue(nonce.find(), challenge);
        return nonce.group(1);
    }
}
