package org.groupchat.it;

import static org.groupchat.it.ChannelIT.unique;
import static org.groupchat.it.Sipp.assertContains;

import java.io.File;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production front-end recipe: Kamailio (Debian's, started by scripts/run-kamailio.sh on
 * loopback) in front of the server under test. Clients register and are provisioned by Kamailio,
 * find a channel server through its dispatcher, and chat through it both ways (Record-Route).
 */
@ExtendWith(ArquillianExtension.class)
class KamailioIT {

    private static final int PORT = Kamailio.PORT;
    private static final String CHANNEL = Kamailio.CHANNEL;
    @RegisterExtension
    static final Kamailio KAMAILIO = new Kamailio();

    private final AdminApi admin = new AdminApi();

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
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
}
