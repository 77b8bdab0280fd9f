package org.groupchat.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Kamailio with the project's recipe ({@code scripts/run-kamailio.sh}), on loopback in
 * front of the test server, as the node {@code it-node}: a test class registers it
 * ({@code @RegisterExtension static final Kamailio KAMAILIO = new Kamailio();}) and it runs for
 * that class's tests.
 */
final class Kamailio implements BeforeAllCallback, AfterAllCallback {

    /** Kamailio's port: the test server's SIP port plus 100, clear of every server the tests start. */
    static final int PORT = Sipp.sipPort() + 100;
    /** The channel-server URI's user part Kamailio routes to the test server. */
    static final String CHANNEL = "channel-it-node";

    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        process = start();
    }

    private static Process start() throws IOException, InterruptedException {
        if (!portIsFree()) {
            // another Kamailio (say, one a killed test run left behind) would answer in this one's place
            throw new IllegalStateException("port " + PORT + " is taken before Kamailio started: stop whatever holds it");
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work-dir", "target/it-work"), "kamailio-" + System.nanoTime()));
        Path log = work.resolve("kamailio.log");
        Process process = new ProcessBuilder(Path.of("..", "scripts", "run-kamailio.sh").toAbsolutePath().toString(),
                "--port=" + PORT, "--domain=" + Sipp.DOMAIN, "--work=" + work.toAbsolutePath(),
                "it-node=127.0.0.1:" + Sipp.sipPort())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 100 && portIsFree(); i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kamailio did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        if (process == null) {
            return;
        }
        // Kamailio's workers are its children: stopped with it, or they keep the port without it
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean portIsFree() {
        try (DatagramSocket socket = new DatagramSocket(PORT, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
