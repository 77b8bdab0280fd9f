package org.groupchat.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's Kamailio with the project's recipe ({@code scripts/run-kamailio.sh}), on loopback in
 * front of the test server, as the node {@code it-node}. The development front end (no
 * authentication, plain TCP to the server in {@code open} mode) runs for a test class that
 * registers it ({@code @RegisterExtension static final Kamailio KAMAILIO = new Kamailio();}); the
 * production one ({@link #authenticating}) is started and closed by a test itself.
 */
final class Kamailio implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    /** Kamailio's port: the test server's SIP port plus 100, clear of every server the tests start. */
    static final int PORT = Sipp.sipPort() + 100;
    /** The channel-server URI's user part Kamailio routes to the test server. */
    static final String CHANNEL = "channel-it-node";
    /** How long Kamailio may take to listen once started. */
    private static final int READY_SECONDS = 60;

    private final List<String> options;
    private Process process;

    Kamailio() {
        this(List.of("--development", "it-node=127.0.0.1:" + Sipp.sipPort()));
    }

    private Kamailio(List<String> options) {
        this.options = options;
    }

    /**
     * The production recipe, running: users authenticated against {@code users}
     * (scripts/set-kamailio-user.sh), the server reached over TLS at {@code nodeTlsPort} with
     * Kamailio's key pair in {@code peers} (made by tests/src/test/tls/make-test-peers.sh, its
     * certificate in the server's trust store), the server's certificate checked against
     * {@code nodeCertificate}.
     */
    static Kamailio authenticating(Path users, Path peers, Path nodeCertificate, int nodeTlsPort) throws IOException, InterruptedException {
        Kamailio kamailio = new Kamailio(List.of("--users=" + users.toAbsolutePath(),
                "--certificate=" + peers.resolve("kamailio.pem").toAbsolutePath(), "--key=" + peers.resolve("kamailio-key.pem").toAbsolutePath(),
                "--nodes-ca=" + nodeCertificate.toAbsolutePath(), "it-node=127.0.0.1:" + nodeTlsPort));
        kamailio.start();
        return kamailio;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        start();
    }

    private void start() throws IOException, InterruptedException {
        // a port still held a moment after the previous class's Kamailio stopped is given time;
        // one held for good (a Kamailio a killed test run left behind) stops the class
        for (int attempt = 1; ; attempt++) {
            if (!awaitPortFree(5)) {
                // another Kamailio would answer in this one's place
                throw new IllegalStateException("port " + PORT + " is taken before Kamailio started: stop whatever holds it");
            }
            Optional<String> refusal = tryStart();
            if (refusal.isEmpty()) {
                return;
            }
            if (attempt == 3 || !refusal.get().contains("Address already in use")) {
                throw new IllegalStateException("kamailio did not start:\n" + refusal.get());
            }
        }
    }

    /** Starts Kamailio and waits for its port; what it logged when it stopped instead. */
    private Optional<String> tryStart() throws IOException, InterruptedException {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work-dir", "target/it-work"), "kamailio-" + System.nanoTime()));
        Path log = work.resolve("kamailio.log");
        List<String> command = new ArrayList<>(List.of(Path.of("..", "scripts", "run-kamailio.sh").toAbsolutePath().toString(),
                "--port=" + PORT, "--domain=" + Sipp.DOMAIN, "--work=" + work.toAbsolutePath()));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // ready when its TCP port takes a connection: UDP is bound a moment before TCP listens, and
        // a slow machine (the recipe is checked, then TLS set up) takes longer than one would guess
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        while (!acceptsTcp()) {
            if (!process.isAlive()) {
                process = null;
                return Optional.of(Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("kamailio did not listen on TCP port " + PORT + " within " + READY_SECONDS + " s:\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static boolean acceptsTcp() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean awaitPortFree(int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (portIsFree()) {
                return true;
            }
            Thread.sleep(100);
        }
        return portIsFree();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        close();
    }

    @Override
    public void close() throws InterruptedException {
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
        // gone, not just told to go: the next class's Kamailio binds the same port at once
        for (ProcessHandle worker : workers) {
            try {
                worker.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // start() waits for the port in any case
            }
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
