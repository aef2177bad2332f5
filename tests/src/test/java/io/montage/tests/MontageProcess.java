package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Montage as a separate operating-system process, as production runs it. */
record MontageProcess(Process process, Path log) {

    /** One answer of the readiness endpoint: 200 or 503 and the body naming what is wrong; -1 when unreachable. */
    record Readiness(int status, String body) {
        boolean ready() {
            return status == 200;
        }
    }

    /**
     * The command that runs Montage's {@code run} in its own JVM (1 GB heap, this test's class path)
     * against {@code bootstrap} and {@code registryUrl}, with two probe threads, the shared model
     * cache and its data under {@code dataDir}.
     *
     * @param metricsPort the HTTP port, or -1 for none
     * @param settings    further {@code key=value} settings (stages, models)
     */
    static List<String> command(
            Path dataDir, String bootstrap, String registryUrl, int metricsPort, String... settings) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                "io.montage.topology.cli.MontageCommand",
                "run",
                "-D",
                "bootstrap.servers=" + bootstrap,
                "-D",
                "schema.registry.url=" + registryUrl,
                "-D",
                "montage.data.dir=" + dataDir,
                "-D",
                "montage.models.cache-dir=" + RunningMontage.SHARED_MODEL_CACHE,
                "-D",
                "montage.stream.threads=2",
                "-D",
                "montage.http.port=" + metricsPort));
        for (String setting : settings) {
            command.addAll(List.of("-D", setting));
        }
        return List.copyOf(command);
    }

    static MontageProcess start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new MontageProcess(process, log);
    }

    /** Waits until Montage logs {@code line}; fails with its log after {@code timeout}, or at once if it exits. */
    void awaitLog(String line, Duration timeout) {
        await("Montage logging '" + line + "'")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    String written = Files.readString(log);
                    if (!written.contains(line) && !process.isAlive()) {
                        // Not an AssertionError: Awaitility would retry that until the timeout.
                        throw new IllegalStateException("Montage exited (" + process.exitValue() + ") without logging '"
                                + line + "'; its log:\n" + written);
                    }
                    assertThat(written).as("Montage's log").contains(line);
                });
    }

    /** What {@code /ready} on {@code port} answers now. */
    static Readiness readiness(int port) throws InterruptedException {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Readiness(answer.statusCode(), answer.body());
        } catch (IOException e) {
            return new Readiness(-1, e.toString());
        }
    }

    /** SIGKILL: no shutdown hook runs, no transaction is committed or aborted cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then SIGKILL after a minute. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
