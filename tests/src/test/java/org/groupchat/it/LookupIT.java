package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Lookup service of the deployed EAR, driven by sipp over UDP and TCP. */
@ExtendWith(ArquillianExtension.class)
class LookupIT {

    /** The channel-server URI the test node registers (node name it-node, domain groupchat.test). */
    private static final String CHANNEL_SERVER = "sip:channel-it-node@" + Sipp.DOMAIN;

    @Deployment(testable = false)
    static EnterpriseArchive groupchat() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("it.ear")));
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void requriNamesTheLiveChannelServerOverTheClientsOwnConnection(Sipp.Transport transport) throws Exception {
        Sipp.Run run = Sipp.run("lookup-requri", transport).assertPassed();

        assertContains(run.log(), "CHANNEL-SERVER " + CHANNEL_SERVER + " IN");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void inDialogRequestsWithoutViaBranchAreServed(Sipp.Transport transport) throws Exception {
        Sipp.Run run = Sipp.run("lookup-rfc2543", transport).assertPassed();

        assertContains(run.log(), "<uib uri=\"" + CHANNEL_SERVER + "\"/>");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void hostileXccosIsRefusedWithAReasonAndTheDialogGoesOn(Sipp.Transport transport) throws Exception {
        Sipp.Run run = Sipp.run("lookup-bad-requests", transport).assertPassed();

        assertContains(run.log(), "REFUSED SIP/2.0 400 Bad XCCOS request: not well-formed XML");
        assertContains(run.log(), "REFUSED SIP/2.0 400 Bad XCCOS request: document type declarations are not accepted");
        assertContains(run.log(), "<resp code=\"400\">The lookup service does not know the command cmd:bogus</resp>");
        assertContains(run.log(), "REPLY <rpl id=\"rpl:requri\" seqid=\"4\"");
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void requestsForUnknownDialogsTransactionsAndServicesAreRefused(Sipp.Transport transport) throws Exception {
        // 481 to INFO, BYE and CANCEL that match nothing; 200 to OPTIONS; 405 with Allow to MESSAGE; 404 to an unknown URI
        Sipp.run("no-dialog", transport).assertPassed();
    }

    @Test
    void statusReportsThisNodeAsALiveChannelServer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/groupchat/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());

        org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.body());
        assertContains(response.body(), "\"uri\":\"" + CHANNEL_SERVER + "\"");
        assertContains(response.body(), "\"alive\":true");
        assertContains(response.body(), "\"lookupUri\":\"sip:ocschat@" + Sipp.DOMAIN + "\"");
    }
}
