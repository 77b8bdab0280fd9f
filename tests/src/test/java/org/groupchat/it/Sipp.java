package org.groupchat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs sipp, a real SIP user agent, against the server under test on loopback, with one of the
 * scenarios in {@code src/test/resources/sipp}. The scenario checks the server's messages itself
 * (regular expressions with {@code check_it}); sipp's exit code says whether every check passed.
 */
final class Sipp {

    /** The SIP domain the test server is configured with (arquillian.xml). */
    static final String DOMAIN = "groupchat.test";

    private static final Path SCENARIOS = Path.of("src/test/resources/sipp").toAbsolutePath();
    private static final Path WORK = Path.of(System.getProperty("it.work-dir", "target/it-work")).toAbsolutePath();

    enum Transport {
        UDP("u1"), TCP("t1");

        private final String sippMode;

        Transport(String sippMode) {
            this.sippMode = sippMode;
        }
    }

    /** What a run left behind: sipp's log actions ({@code <log message=...>}) and its message trace. */
    record Run(int exitCode, String log, String messages, String errors) {

        /** Fails with the whole exchange when sipp found anything wrong. */
        Run assertPassed() {
            if (exitCode != 0) {
                fail("sipp exited " + exitCode + "\n--- errors ---\n" + errors + "\n--- log ---\n" + log
                        + "\n--- messages ---\n" + messages);
            }
            return this;
        }
    }

    private Sipp() {
    }

    static int sipPort() {
        return 5060 + Integer.getInteger("it.port-offset", 100);
    }

    static int httpPort() {
        return 8080 + Integer.getInteger("it.port-offset", 100);
    }

    /** The administration, auditor and file APIs answer here only. */
    static int httpsPort() {
        return 8443 + Integer.getInteger("it.port-offset", 100);
    }

    static Run run(String scenario, Transport transport) throws IOException, InterruptedException {
        return run(scenario, transport, 1);
    }

    /** Runs the scenario {@code calls} times (concurrently, as sipp does), each a call of its own. */
    static Run run(String scenario, Transport transport, int calls) throws IOException, InterruptedException {
        return start(scenario, transport, calls, List.of()).await();
    }

    /**
     * Starts the scenario in the background. The fields after the domain ({@code [field0]}) become
     * {@code [field1]}, {@code [field2]}... of the scenario.
     */
    static Run run(String scenario, Transport transport, List<String> fields) throws IOException, InterruptedException {
        return start(scenario, transport, fields).await();
    }

    static Call start(String scenario, Transport transport, List<String> fields) throws IOException {
        return start(scenario, transport, 1, fields);
    }

    /** Runs the scenario against another SIP address than the server's: a proxy in front of it. */
    static Run runVia(int port, String scenario, Transport transport, List<String> fields) throws IOException, InterruptedException {
        return start(port, scenario, transport, 1, fields).await();
    }

    static Call startVia(int port, String scenario, Transport transport, List<String> fields) throws IOException {
        return start(port, scenario, transport, 1, fields);
    }

    private static Call start(String scenario, Transport transport, int calls, List<String> fields) throws IOException {
        return start(sipPort(), scenario, transport, calls, fields);
    }

    private static Call start(int port, String scenario, Transport transport, int calls, List<String> fields) throws IOException {
        Path dir = Files.createDirectories(WORK.resolve(scenario + "-" + transport.name().toLowerCase() + "-" + System.nanoTime()));
        List<String> values = new ArrayList<>(List.of(DOMAIN));
        values.addAll(fields);
        Path injection = Files.writeString(dir.resolve("fields.csv"), "SEQUENTIAL\n" + String.join(";", values) + "\n");
        Path log = dir.resolve("log.txt");
        Path messages = dir.resolve("messages.txt");
        Path errors = dir.resolve("errors.txt");
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + port,
                "-sf", SCENARIOS.resolve(scenario + ".xml").toString(),
                "-inf", injection.toString(),
                "-t", transport.sippMode,
                "-i", "127.0.0.1", "-p", Integer.toString(freePort()),
                "-m", Integer.toString(calls), "-timeout", "30s", "-timeout_error", "-nostdin",
                "-trace_msg", "-message_file", messages.toString(),
                "-trace_logs", "-log_file", log.toString(),
                "-trace_err", "-error_file", errors.toString()));
        try {
            Process sipp = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            return new Call(sipp, dir, log, messages, errors);
        } catch (IOException e) {
            throw new IllegalStateException("sipp is not installed (Debian package sip-tester; .ci/run installs it)", e);
        }
    }

    /** A sipp run under way. */
    record Call(Process sipp, Path dir, Path log, Path messages, Path errors) {

        /** Waits until the scenario has logged this text (sipp writes its log as it goes). */
        Call awaitLog(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!read(log).contains(text)) {
                if (!sipp.isAlive() || System.nanoTime() > deadline) {
                    fail("sipp never logged '" + text + "'\n" + await());
                }
                Thread.sleep(20);
            }
            return this;
        }

        Run await() throws IOException, InterruptedException {
            if (!sipp.waitFor(60, TimeUnit.SECONDS)) {
                sipp.destroyForcibly();
                fail("sipp did not finish within 60 s: " + read(messages));
            }
            return new Run(sipp.exitValue(), read(log), read(messages), read(errors) + read(dir.resolve("stdout.txt")));
        }
    }

    static void assertContains(String text, String expected) {
        assertEquals(true, text.contains(expected), () -> "expected to find\n" + expected + "\nin\n" + text);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
