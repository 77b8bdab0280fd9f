package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lookup over a pool of channel servers: other nodes are put into the shared registry by a
 * fixture, as they would register themselves, and the lookup must spread clients over the live
 * ones and skip those whose heartbeat is stale.
 */
@ExtendWith(ArquillianExtension.class)
class ChannelServerPoolIT {

    private static final String THIS_NODE = "sip:channel-it-node@" + Sipp.DOMAIN;
    private static final String OTHER_NODE = "sip:channel-other@" + Sipp.DOMAIN;
    private static final String DEAD_NODE = "sip:channel-dead@" + Sipp.DOMAIN;
    private static final Pattern HANDED_OUT = Pattern.compile("CHANNEL-SERVER (\\S+) IN");

    private final HttpClient http = HttpClient.newHttpClient();

    @Deployment(name = "groupchat", order = 1, testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @Deployment(name = "registry-fixture", order = 2, testable = false)
    static WebArchive registryFixture() {
        return ShrinkWrap.create(WebArchive.class, "registry-fixture.war").addClass(RegistryFixtureServlet.class);
    }

    @AfterEach
    void removeOtherNodes() throws Exception {
        fixture("DELETE", "uri=" + OTHER_NODE);
        fixture("DELETE", "uri=" + DEAD_NODE);
    }

    @Test
    void clientsAreSpreadRoundRobinOverTheLiveServersOnly() throws Exception {
        fixture("PUT", "uri=" + OTHER_NODE + "&ageSeconds=0");
        fixture("PUT", "uri=" + DEAD_NODE + "&ageSeconds=86400");

        Sipp.Run run = Sipp.run("lookup-requri", Sipp.Transport.UDP, 6).assertPassed();

        assertEquals(Map.of(OTHER_NODE, 3, THIS_NODE, 3), handedOut(run.log()), run.log());
    }

    @Test
    void withNoLiveServerTheClientIsToldWhy() throws Exception {
        fixture("PUT", "uri=" + THIS_NODE + "&ageSeconds=86400");
        try {
            Sipp.Run run = Sipp.run("lookup-unavailable", Sipp.Transport.TCP).assertPassed();

            assertContains(run.log(), "<resp code=\"503\">No group chat server is available right now; try again later</resp>");
        } finally {
            fixture("PUT", "uri=" + THIS_NODE + "&ageSeconds=0"); // as this node's next heartbeat would
        }
    }

    private static Map<String, Integer> handedOut(String log) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher matcher = HANDED_OUT.matcher(log);
        while (matcher.find()) {
            counts.merge(matcher.group(1), 1, Integer::sum);
        }
        return counts;
    }

    private void fixture(String method, String query) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/registry-fixture/channel-servers?"
                + query.replace(":", "%3A").replace("@", "%40"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }
}
