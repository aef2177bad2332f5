package io.montage.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and its chromedriver, installed with apt-get the first time a build needs them
 * (CI and these machines run as root with the Debian mirrors reachable), and a headless browser
 * driven through them. Selenium is handed both paths, so it never looks for (or downloads) a
 * browser or driver of its own. Where they are missing and cannot be installed, the test fails
 * saying how to install them: a browser test that skips would pass without having looked.
 */
final class SystemChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");
    private static final String INSTALL =
            "apt-get update && apt-get install -y --no-install-recommends " + String.join(" ", PACKAGES);

    private static boolean checked;

    private SystemChromium() {}

    /** Installs Chromium and chromedriver where they are missing; fails saying what to do where it cannot. */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (checked || installed()) {
            checked = true;
            return;
        }
        if (!isRoot() || !Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("The web view's browser test needs Debian's Chromium and chromedriver ("
                    + BROWSER + ", " + DRIVER + "), which are missing, and it can install them only as root on "
                    + "Debian or Ubuntu. Install them with: sudo sh -c '" + INSTALL + "'");
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("chromium-install.log");
        long started = System.nanoTime();
        ProcessBuilder command = new ProcessBuilder("sh", "-c", INSTALL)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Keeps apt from asking questions on a terminal nobody reads.
        command.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process install = command.start();
        if (!install.waitFor(10, TimeUnit.MINUTES)) {
            install.destroyForcibly();
            throw new IllegalStateException("Installing Chromium (" + INSTALL + ") took over 10 minutes; see " + log
                    + ". Install it by hand and rerun.");
        }
        if (install.exitValue() != 0 || !installed()) {
            throw new IllegalStateException("Installing Chromium failed (exit " + install.exitValue() + "): `"
                    + INSTALL + "`; its output is in " + log.toAbsolutePath()
                    + ". Check that the Debian mirrors are reachable, or install the packages by hand.");
        }
        System.out.printf(
                "Installed %s in %.1f s (output in %s)%n",
                String.join(" ", PACKAGES), (System.nanoTime() - started) / 1e9, log.toAbsolutePath());
        checked = true;
    }

    /** A headless Chromium, its console log kept (to check the page broke none of its own policy). */
    static ChromeDriver headless() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: Chromium's sandbox cannot start as root, which CI runs as.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1400,1100");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new ChromeDriver(service, options);
    }

    private static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return id.waitFor() == 0 && uid.equals("0");
    }
}
