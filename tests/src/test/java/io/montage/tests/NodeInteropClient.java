package io.montage.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The JavaScript client of Montage's topics in {@code src/test/node} (kafkajs with the
 * Confluent-format Avro deserializer), installed with {@code npm ci} from its lock file into
 * {@code target/node-interop}. Where Node.js is absent the calling test is skipped, saying so;
 * where npm cannot install the client, the test fails.
 */
final class NodeInteropClient {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path INSTALLED = Path.of("target", "node-interop").toAbsolutePath();
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "decode-topics.js");

    private NodeInteropClient() {}

    /** Installs the client once per build, or skips the test where Node.js or npm is missing. */
    static Path install() throws IOException, InterruptedException {
        for (String tool : List.of("node", "npm")) {
            if (!runs(tool, "--version")) {
                String why = tool + " is not on the PATH: the JavaScript interoperability test needs Node.js with npm";
                System.out.println("SKIPPED: " + why);
                Assumptions.abort(why);
            }
        }
        Files.createDirectories(INSTALLED);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(INSTALLED.resolve("node_modules").resolve("kafkajs"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            if (install.exit() != 0) {
                throw new IllegalStateException("npm ci of the interoperability client failed (exit " + install.exit()
                        + "):\n" + install.output());
            }
        }
        return INSTALLED;
    }

    /** Runs {@code decode-topics.js}: one JSON line per topic, for the record of the event id given. */
    static Result decode(String bootstrap, String registryUrl, Map<String, String> eventIdByTopic, int timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of("node", "decode-topics.js", bootstrap, registryUrl, Integer.toString(timeoutSeconds * 1000)));
        eventIdByTopic.forEach((topic, eventId) -> command.add(topic + "=" + eventId));
        return run(command, timeoutSeconds + 30);
    }

    record Result(int exit, String output, String errors) {}

    private static boolean runs(String... command) {
        try {
            return run(List.of(command), 30).exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(INSTALLED);
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(INSTALLED.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
