package org.groupchat.it;

import static org.groupchat.it.Sipp.assertContains;

import java.io.File;
import java.util.List;
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
 * A posted message is still there after the server process stops and starts again: the chat
 * database is a file, not memory. Runs in a failsafe execution of its own, against the container
 * "restartable" that this test starts and stops itself (arquillian.xml).
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String CONTAINER = "restartable";
    private static final String DEPLOYMENT = "groupchat";

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
    void aPostedMessageSurvivesAServerRestart() throws Exception {
        containers.start(CONTAINER);
        deployer.deploy(DEPLOYMENT);
        try {
            long room = new AdminApi().createRoom("{\"name\":\"" + ChannelIT.unique("durable") + "\","
                    + "\"members\":[\"sip:lena@groupchat.test\",\"sip:mike@groupchat.test\"]}");
            String text = "still here after the restart " + System.nanoTime();
            Sipp.run("channel-post-alone", Sipp.Transport.TCP, List.of("lena", Long.toString(room), text, "channel-it-node"))
                    .assertPassed();

            containers.stop(CONTAINER);
            containers.start(CONTAINER); // the EAR is in the server's configuration: it deploys again
            ServerStatus.awaitUp();

            Sipp.Run history = Sipp.run("channel-history", Sipp.Transport.TCP,
                    List.of("mike", Long.toString(room), "-", "channel-it-node")).assertPassed();
            assertContains(history.log(), "author=\"sip:lena@groupchat.test\"");
            assertContains(history.log(), "<chat>" + text + "</chat>");
        } finally {
            deployer.undeploy(DEPLOYMENT);
            containers.stop(CONTAINER);
        }
    }
}
