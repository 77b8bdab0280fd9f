package org.groupchat.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Kamailio with the project's recipe ({@code scripts/run-kamailio.sh}), on loopback in
 * front of the test server, as the node {@code it-node}.
 */
final class Kamailio implements AutoCloseable {

    /** Kamailio's port: the test server's SIP port plus 100, clear of every server the tests start. */
    static final int PORT = Sipp.sipPort() + 100;
    /** The channel-server URI's user part Kamailio routes to the test server. */
    static final String CHANNEL = "channel-it-node";

    private final Process process;

    private Kamailio(Process process) {
        this.process = process;
    }

    static Kamailio start() throws IOException, InterruptedException {
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
        return new Kamailio(process);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static boolean portIsFree() {
        try (DatagramSocket socket = new DatagramSocket(PORT, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
