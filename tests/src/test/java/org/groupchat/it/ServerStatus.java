package org.groupchat.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;

/** For the tests that start a server of their own (a manual container of arquillian.xml). */
final class ServerStatus {

    /** What a test does with its server up. */
    interface Body {
        void run() throws Exception;
    }

    private ServerStatus() {
    }

    /** Starts the container, deploys the EAR, waits until it answers, runs the body, then undeploys and stops. */
    static void withOwnServer(ContainerController containers, Deployer deployer, String container, String deployment,
            Body body) throws Exception {
        containers.start(container);
        deployer.deploy(deployment);
        try {
            awaitUp();
            body.run();
        } finally {
            deployer.undeploy(deployment);
            containers.stop(container);
        }
    }

    static void awaitUp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + Sipp.httpPort() + "/groupchat/api/status");
        for (int i = 0; i < 60; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not come up");
    }
}
