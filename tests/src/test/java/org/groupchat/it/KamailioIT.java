package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production front-end recipe: Kamailio (Debian's, started by scripts/run-kamailio.sh on
 * loopback) in front of the server under test. Clients register and are provisioned by Kamailio,
 * find a channel server through its dispatcher, and chat through it both ways (Record-Route).
 */
@ExtendWith(ArquillianExtension.class)
class KamailioIT {

    /** Kamailio's port: the test server's SIP port plus 100, clear of every server the tests start. */
    private static final int PORT = Sipp.sipPort() + 100;
    private static final String CHANNEL = "channel-it-node";
    private static Process kamailio;
    private static Path work;

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @BeforeAll
    static void startKamailio() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("it.work-dir", "target/it-work"), "kamailio-" + System.nanoTime()));
        kamailio = new ProcessBuilder(Path.of("..", "scripts", "run-kamailio.sh").toAbsolutePath().toString(),
                "--port=" + PORT, "--domain=" + Sipp.DOMAIN, "--work=" + work.toAbsolutePath(),
                "it-node=127.0.0.1:" + Sipp.sipPort())
                .redirectErrorStream(true).redirectOutput(work.resolve("kamailio.log").toFile()).start();
        for (int i = 0; i < 100 && portIsFree(); i++) {
            if (!kamailio.isAlive()) {
                throw new IllegalStateException("kamailio did not start:\n" + Files.readString(work.resolve("kamailio.log")));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopKamailio() throws Exception {
        if (kamailio != null) {
            kamailio.destroy();
            if (!kamailio.waitFor(10, TimeUnit.SECONDS)) {
                kamailio.destroyForcibly();
            }
        }
    }

    @Test
    void kamailioRegistersAndProvisionsAClientAsSipeNeeds() throws Exception {
        Sipp.Run client = Sipp.runVia(PORT, "front-register-subscribe", Sipp.Transport.TCP, List.of("kim")).assertPassed();

        assertContains(client.log(), "REGISTERED supported msrtc-event-categories");
        assertContains(client.log(), "PROVISIONED event vnd-microsoft-provisioning-v2 pool <property name=\"DefaultPersistentChatPoolUri\">sip:ocschat@groupchat.test<");
        assertContains(client.log(), "REFUSED presence, allowed vnd-microsoft-provisioning-v2");
    }

    @Test
    void theLookupIsDispatchedToANodeThroughKamailio() throws Exception {
        for (Sipp.Transport transport : Sipp.Transport.values()) {
            Sipp.Run lookup = Sipp.runVia(PORT, "lookup-requri", transport, List.of()).assertPassed();
            assertContains(lookup.log(), "CHANNEL-SERVER sip:" + CHANNEL + "@groupchat.test IN");
        }
    }

    @Test
    void aPostTravelsThroughKamailioBothWays() throws Exception {
        long room = admin.createRoom("{\"name\":\"" + unique("proxied") + "\",\"members\":[\"sip:alice@groupchat.test\",\"sip:bob@groupchat.test\"]}");
        String text = "through the proxy " + unique("m");

        Sipp.Call bob = Sipp.startVia(PORT, "channel-listen", Sipp.Transport.TCP, List.of("bob", Long.toString(room), "-", CHANNEL))
                .awaitLog("JOINED");
        Sipp.Run alice = Sipp.runVia(PORT, "channel-post", Sipp.Transport.UDP, List.of("alice", Long.toString(room), text, CHANNEL))
                .assertPassed();
        Sipp.Run bobRun = bob.await().assertPassed();

        assertContains(bobRun.log(), "<chat>" + text + "</chat></grpchat>");
        assertContains(bobRun.messages(), "Record-Route: <sip:127.0.0.1:" + PORT);
        assertContains(alice.messages(), "Record-Route: <sip:127.0.0.1:" + PORT);
    }

    private static boolean portIsFree() {
        try (DatagramSocket socket = new DatagramSocket(PORT, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
