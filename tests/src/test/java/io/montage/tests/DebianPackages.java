package io.montage.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Debian packages a test needs (a browser, a speech synthesiser), installed with apt-get the first
 * time a build needs them: CI and these machines run as root with the Debian mirrors reachable.
 * Where they are missing and cannot be installed, the test fails saying how to install them: a
 * test that skipped would pass without having looked.
 */
final class DebianPackages {

    private static final Set<List<String>> present = new HashSet<>();

    private DebianPackages() {}

    /**
     * Installs {@code packages} unless every one of {@code executables} is already there.
     *
     * @param neededBy what needs them, for the messages ("The web view's browser test")
     */
    static synchronized void ensure(String neededBy, List<String> packages, List<Path> executables)
            throws IOException, InterruptedException {
        if (present.contains(packages) || installed(executables)) {
            present.add(packages);
            return;
        }
        String install = "apt-get update && apt-get install -y --no-install-recommends " + String.join(" ", packages);
        if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException(neededBy + " needs Debian's " + String.join(", ", packages) + " ("
                    + executables + "), which are missing, and it can install them only as root on Debian or"
                    + " Ubuntu. Install them with: sudo sh -c '" + install + "'");
        }
        Path log = Files.createDirectories(Path.of("target")).resolve(packages.get(0) + "-install.log");
        long started = System.nanoTime();
        ProcessBuilder command = new ProcessBuilder("sh", "-c", install)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Keeps apt from asking questions on a terminal nobody reads.
        command.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = command.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("Installing " + String.join(" ", packages) + " (" + install
                    + ") took over 10 minutes; see " + log + ". Install them by hand and rerun.");
        }
        if (process.exitValue() != 0 || !installed(executables)) {
            throw new IllegalStateException("Installing " + String.join(" ", packages) + " failed (exit "
                    + process.exitValue() + "): `" + install + "`; its output is in " + log.toAbsolutePath()
                    + ". Check that the Debian mirrors are reachable, or install the packages by hand.");
        }
        System.out.printf(
                "Installed %s in %.1f s (output in %s)%n",
                String.join(" ", packages), (System.nanoTime() - started) / 1e9, log.toAbsolutePath());
        present.add(packages);
    }

    private static boolean installed(List<Path> executables) {
        return executables.stream().allMatch(Files::isExecutable);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }
}
