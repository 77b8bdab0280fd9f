package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Real pidgin-sipe clients: Debian's SIPE plugin in libpurple, driven headless by
 * {@code src/test/sipe/sipe-driver.c} (built here by {@code src/test/sipe/build.sh}). Each client
 * signs in as a user, finds a room by name in the room list, joins it, and posts or waits for a
 * message; its stdout names each step, and SIPE's own log (every SIP message) follows it.
 */
final class Sipe {

    private static final Path SOURCES = Path.of("src/test/sipe").toAbsolutePath();
    private static final Path BUILT = Path.of("target/sipe").toAbsolutePath();
    private static final Pattern STEP = Pattern.compile("(SIGNED-ON|RECONNECT|ROOM|JOINED|POSTED|RECEIVED|ERROR|NOTICE|TIMEOUT) ");
    private static final Path WORK = Path.of(System.getProperty("it.work-dir", "target/it-work")).toAbsolutePath();

    private Sipe() {
    }

    /** Compiles the driver and the libxml2 shim; fails with the compiler's output if it cannot. */
    static void build() throws IOException, InterruptedException {
        Process build = new ProcessBuilder(SOURCES.resolve("build.sh").toString(), BUILT.toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes());
        if (build.waitFor() != 0) {
            fail("the pidgin-sipe driver did not build (needs Debian's pidgin-sipe, libpurple-dev, libglib2.0-dev, gcc):\n" + output);
        }
    }

    /**
     * Where clients sign in: a port on loopback, over TCP or over TLS; for TLS the server's
     * certificate (PEM), which each client's libpurple is given as an accepted peer certificate
     * for 127.0.0.1 (as a user does once by accepting it), since the test server's is self-signed.
     */
    record Server(int port, String transport, String certificate) {

        static Server tcp(int port) {
            return new Server(port, "tcp", null);
        }
    }

    /** A client that has been started: {@code user} is {@code name@DOMAIN}. */
    static Client start(String name, Server server, String room, String... action) throws IOException {
        return start(name, null, server, room, action);
    }

    /**
     * A client whose rand() is seeded with {@code seed} (see same-seed-shim.c): two clients given
     * the same seed send the same Call-IDs and tags, as SIPE clients that sign in together do.
     */
    static Client startSeeded(String name, long seed, Server server, String room, String... action) throws IOException {
        return start(name, seed, server, room, action);
    }

    private static Client start(String name, Long seed, Server server, String room, String... action) throws IOException {
        Path home = Files.createDirectories(WORK.resolve("sipe-" + name + "-" + System.nanoTime()));
        if (server.certificate() != null) {
            Path peers = Files.createDirectories(home.resolve("certificates/x509/tls_peers"));
            Files.writeString(peers.resolve("127.0.0.1"), server.certificate());
        }
        List<String> command = new ArrayList<>(List.of(BUILT.resolve("sipe-driver").toString(),
                "--home", home.toString(), "--user", name + "@" + Sipp.DOMAIN, "--server", "127.0.0.1:" + server.port(),
                "--transport", server.transport(), "--room", room, "--timeout", "60", "--debug"));
        command.addAll(List.of(action));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("client.log").toFile());
        // SIPE's XML callbacks only run with the shim on Debian bookworm's libxml2 (see sax1-shim.c),
        // and its send buffer only grows right with the other (see circbuffer-shim.c);
        // PURPLE_UNSAFE_DEBUG makes SIPE log the SIP messages themselves.
        builder.environment().put("LD_PRELOAD", BUILT.resolve("sax1-shim.so") + " " + BUILT.resolve("same-seed-shim.so")
                + " " + BUILT.resolve("circbuffer-shim.so"));
        builder.environment().put("PURPLE_UNSAFE_DEBUG", "1");
        if (seed != null) {
            builder.environment().put("GROUPCHAT_SIPE_SEED", Long.toString(seed));
        }
        return new Client(name, builder.start(), home.resolve("client.log"));
    }

    static final class Client {
        private final String name;
        private final Process process;
        private final Path log;

        private Client(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
        }

        /** Waits until the client has printed a line starting with {@code step} (JOINED, RECEIVED...). */
        Client awaitStep(String step) throws IOException, InterruptedException {
            for (int i = 0; i < 600; i++) {
                if (steps().stream().anyMatch(line -> line.startsWith(step))) {
                    return this;
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
            return fail(name + " never reached " + step + "\n" + log());
        }

        /** Waits for the client to finish and fails with its whole log unless it did what it was asked. */
        Client assertSucceeded() throws IOException, InterruptedException {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + " did not finish\n" + log());
            }
            if (process.exitValue() != 0) {
                fail(name + " exited " + process.exitValue() + "\n" + log());
            }
            return this;
        }

        /** The driver's own lines (SIGNED-ON, ROOM, JOINED, POSTED, RECEIVED, ERROR...), without SIPE's log. */
        List<String> steps() throws IOException {
            return Files.readAllLines(log).stream().filter(line -> STEP.matcher(line).lookingAt()).toList();
        }

        String log() throws IOException {
            return Files.readString(log);
        }

        void stop() {
            process.destroyForcibly();
        }
    }
}
