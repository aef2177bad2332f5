package io.montage.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and its chromedriver, installed with apt-get the first time a build needs them
 * ({@link DebianPackages}), and a headless browser driven through them. Selenium is handed both
 * paths, so it never looks for (or downloads) a browser or driver of its own.
 */
final class SystemChromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> PACKAGES = List.of("chromium", "chromium-driver");

    private SystemChromium() {}

    /** Installs Chromium and chromedriver where they are missing; fails saying what to do where it cannot. */
    static void ensureInstalled() throws IOException, InterruptedException {
        DebianPackages.ensure("The web view's browser test", PACKAGES, List.of(BROWSER, DRIVER));
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
}
