package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.models.media.ContentKind;
import io.montage.models.media.SyntheticClip;
import io.montage.models.speech.TinyWhisper;
import io.montage.models.video.ContactSheet;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.clip.TinyClip;
import io.montage.models.vision.hash.ReEncodedCopies;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The live web view in a real browser (Debian's headless Chromium through Selenium): an image with
 * text sent like a user would appears on the open page, without a reload, with its OCR boxes drawn
 * over the picture, its caption and its zero-shot labels; a broken file appears as a dead-letter with
 * its reason. Also the page's and the media's security headers, an SVG upload with a script in it,
 * and the Grafana dashboard's metric names against /metrics; a re-encoded copy of a picture put on a
 * reference list shows its match on its card. OCR runs its real model (npm-hosted);
 * the Hugging Face-only caption, CLIP and Whisper models are stood in for by the tiny random-weight
 * exports.
 */
class WebViewEndToEndTest {

    /** The screenshot of the wall, under the build's output. */
    static final Path SCREENSHOT = Path.of("target", "web-view", "wall.png").toAbsolutePath();

    /** The screenshot of an uploaded clip's card with its scenes. */
    static final Path SCENES_SCREENSHOT =
            Path.of("target", "web-view", "scenes.png").toAbsolutePath();

    /** The screenshot of a matched upload's card. */
    static final Path MATCH_SCREENSHOT =
            Path.of("target", "web-view", "match.png").toAbsolutePath();

    private static final Path PHOTO =
            Path.of("..", "models", "src", "test", "resources", "vision", "photo-720x480.png");

    private static final Path SPEECH = Path.of("..", "models", "src", "test", "resources", "audio", "phrases-16k.flac");

    private static final Path DASHBOARD = Path.of("..", "docker", "grafana", "montage.json");

    @TempDir
    static Path dataDir;

    private static RunningMontage montage;
    private static ChromeDriver browser;
    private static String page;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startMontageAndBrowser() throws Exception {
        long started = System.nanoTime();
        SystemChromium.ensureInstalled();
        Path catalog = UserCatalog.write(
                dataDir.resolve("my-models.json"),
                TinyCaptionModels.vitGpt2(Files.createDirectories(dataDir.resolve("vit-gpt2"))),
                TinyClip.files(Files.createDirectories(dataDir.resolve("clip"))),
                TinyWhisper.files(Files.createDirectories(dataDir.resolve("whisper"))));
        montage = RunningMontage.startWithStages(
                dataDir.resolve("montage"),
                Map.of(
                        MontageConfig.MODELS_CATALOG, catalog.toString(),
                        MontageConfig.CAPTION_MODEL, "tiny-vit-gpt2",
                        MontageConfig.IMAGE_EMBEDDING_MODEL, TinyClip.ID,
                        MontageConfig.IMAGE_LABELS, "a poster|a photo of a cat",
                        MontageConfig.SPEECH_MODEL, "tiny-whisper",
                        MontageConfig.HTTP_PORT, "0"),
                "ocr",
                "caption",
                "image-embed",
                "transcribe",
                "match",
                "scenes",
                "scene-transcripts");
        page = montage.app.webViewUrl().orElseThrow();
        long browserStarted = System.nanoTime();
        browser = SystemChromium.headless();
        System.out.printf(
                "Montage and Chromium started in %.1f s (Chromium %.1f s); web view at %s%n",
                (System.nanoTime() - started) / 1e9, (System.nanoTime() - browserStarted) / 1e9, page);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (montage != null) {
            montage.close();
        }
    }

    @Test
    void anUploadAndADeadLetterAppearOnTheOpenPageWithoutAReload() throws Exception {
        browser.manage().window().setSize(new Dimension(1400, 1100));
        browser.get(page);
        await("the page's event stream to open")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("connection")).getText(), "live"::equals);
        // A reload would lose this mark: the test sees the same page throughout.
        browser.executeScript("window.montageTestMark = 'same page';");

        String imageId;
        String brokenId;
        long sent;
        try (MediaSender sender = montage.sender()) {
            sent = System.nanoTime();
            imageId = sender.send(Path.of("sale.png"), Posters.png("SUMMER SALE 50"), ContentKind.IMAGE)
                    .eventId();
            sender.flush();
            brokenId = sender.send(Path.of("broken.jpg"), BadMedia.randomBytes(4096, 13), ContentKind.IMAGE)
                    .eventId();
            sender.flush();
        }
        String card = "article.upload[data-event-id='" + imageId + "']";
        await("the upload's OCR boxes on the page")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !browser.findElements(By.cssSelector(card + " svg.ocr-boxes polygon.ocr-box"))
                        .isEmpty());
        long ocrShown = System.nanoTime();
        await("the upload's caption and labels on the page")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !browser.findElements(By.cssSelector(card + " .caption[data-model]"))
                                .isEmpty()
                        && browser.findElements(By.cssSelector(card + " li.label"))
                                        .size()
                                == 2);
        long captionShown = System.nanoTime();

        WebElement upload = browser.findElement(By.cssSelector(card));
        WebElement picture = upload.findElement(By.cssSelector(".frame img"));
        await("the picture to load").atMost(Duration.ofSeconds(10)).until(() -> Long.valueOf(480)
                .equals(browser.executeScript("return arguments[0].naturalWidth;", picture)));
        List<WebElement> boxes = upload.findElements(By.cssSelector("polygon.ocr-box"));
        assertThat(boxes).hasSize(1);
        assertThat(boxes.get(0).getAttribute("data-text").replace(" ", "")).contains("SUMMERSALE");
        Rectangle pictureArea = picture.getRect();
        Rectangle boxArea = boxes.get(0).getRect();
        assertThat(boxArea.getX())
                .as("the box lies over the picture")
                .isBetween(pictureArea.getX(), right(pictureArea));
        assertThat(right(boxArea)).isBetween(pictureArea.getX(), right(pictureArea));
        assertThat(boxArea.getY()).isBetween(pictureArea.getY(), bottom(pictureArea));
        assertThat(bottom(boxArea)).isBetween(pictureArea.getY(), bottom(pictureArea));
        assertThat(upload.findElement(By.cssSelector(".ocr-text")).getText().replace(" ", ""))
                .contains("SUMMERSALE50");
        Caption caption = committed(montage.app.topics().captions(), imageId);
        String captionText = upload.findElement(By.cssSelector(".caption")).getText();
        assertThat(captionText)
                .isEqualTo(
                        caption.getText().isBlank()
                                ? "(tiny-vit-gpt2 returned no caption)"
                                : caption.getText().strip());
        assertThat(upload.findElements(By.cssSelector("li.label")).stream()
                        .map(WebElement::getText)
                        .map(t -> t.replaceAll(" \\d+%$", "")))
                .containsExactlyInAnyOrder("a poster", "a photo of a cat");

        String row = "tr.dead-letter[data-event-id='" + brokenId + "']";
        await("the broken file's dead-letter on the page")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !browser.findElements(By.cssSelector(row)).isEmpty());
        DeadLetter deadLetter = committed(montage.app.topics().deadLetter(), brokenId);
        WebElement deadLetterRow = browser.findElement(By.cssSelector(row));
        assertThat(deadLetterRow.findElement(By.cssSelector(".stage")).getText())
                .isEqualTo("probe");
        assertThat(deadLetterRow.findElement(By.cssSelector(".error-class")).getText())
                .isEqualTo(deadLetter.getErrorClass());
        assertThat(deadLetterRow.findElement(By.cssSelector(".reason")).getText())
                .isEqualTo(deadLetter.getReason().strip())
                .isNotBlank();
        choose("filter-error-class", deadLetter.getErrorClass());
        assertThat(deadLetterRow.isDisplayed()).isTrue();
        choose("filter-stage", "probe");
        assertThat(deadLetterRow.isDisplayed()).isTrue();

        await("the stage table to show the OCR stage on, with its latency")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElements(By.cssSelector("#stages tr[data-stage='ocr'] td.on"))
                                .size()
                        == 1);
        assertThat(browser.executeScript("return window.montageTestMark;")).isEqualTo("same page");

        Files.createDirectories(SCREENSHOT.getParent());
        browser.manage().window().setSize(new Dimension(1400, 1500));
        Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
        List<String> policyErrors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught"))
                .toList();
        assertThat(policyErrors).as("the page's console").isEmpty();
        System.out.printf(
                "Upload sent -> OCR boxes on the page: %d ms; -> caption and labels: %d ms; screenshot %s%n",
                (ocrShown - sent) / 1_000_000, (captionShown - sent) / 1_000_000, SCREENSHOT);

        // The first upload warms the models; the next ones, one at a time, show the usual delay.
        List<Long> warm = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id;
            long again;
            try (MediaSender sender = montage.sender()) {
                again = System.nanoTime();
                id = sender.send(Path.of("again.png"), Posters.png("AGAIN " + i), ContentKind.IMAGE)
                        .eventId();
                sender.flush();
            }
            await("upload " + i + "'s OCR box on the page")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !browser.findElements(
                                    By.cssSelector("article.upload[data-event-id='" + id + "'] polygon.ocr-box"))
                            .isEmpty());
            warm.add((System.nanoTime() - again) / 1_000_000);
        }
        System.out.println("Later uploads, sent -> OCR box on the page (ms): " + warm);
    }

    @Test
    void aReEncodedCopyOfAListedPictureShowsItsMatchOnItsCardWithoutAReload() throws Exception {
        browser.manage().window().setSize(new Dimension(1400, 1100));
        browser.get(page);
        await("the page's event stream to open")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("connection")).getText(), "live"::equals);
        browser.executeScript("window.montageTestMark = 'same page';");
        String list = "known-bad";
        String referenceId = "case-" + UUID.randomUUID();
        assertThat(ReferenceLists.run(montage, "add", "--list", list, "--id", referenceId, PHOTO.toString()))
                .isZero();
        byte[] copy = ReEncodedCopies.resizedJpeg(PHOTO, 0.7, 0.5f);

        // The lists reach the match stage through its global table: an upload sent right after the
        // entry was added may be matched against the lists of a moment before. Send another copy
        // then, and time the one whose match the page shows.
        Map<String, Long> sentAt = new java.util.LinkedHashMap<>();
        String[] matched = {null};
        await("a copy's match on the page")
                .atMost(Duration.ofSeconds(60))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    try (MediaSender sender = montage.sender()) {
                        long sent = System.nanoTime();
                        String id = sender.send(Path.of("copy.jpg"), copy, ContentKind.IMAGE)
                                .eventId();
                        sender.flush();
                        sentAt.put(id, sent);
                    }
                    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (System.nanoTime() < until) {
                        for (String id : sentAt.keySet()) {
                            if (!browser.findElements(By.cssSelector(matchOf(id, list, referenceId)))
                                    .isEmpty()) {
                                matched[0] = id;
                                return true;
                            }
                        }
                        Thread.sleep(20);
                    }
                    return false;
                });
        long shown = System.nanoTime();
        String id = matched[0];

        Match match = committed(montage.app.topics().matches(), id);
        WebElement card = browser.findElement(By.cssSelector("article.upload[data-event-id='" + id + "']"));
        WebElement item = card.findElement(By.cssSelector(matchOf(id, list, referenceId)));
        assertThat(card.getAttribute("class")).contains("matched");
        assertThat(item.isDisplayed()).isTrue();
        assertThat(item.getLocation().getY())
                .as("the match is above the picture")
                .isLessThan(
                        card.findElement(By.cssSelector(".frame")).getLocation().getY());
        assertThat(item.findElement(By.cssSelector(".match-list")).getText()).isEqualTo(list);
        assertThat(item.findElement(By.cssSelector(".match-reference")).getText())
                .isEqualTo(referenceId);
        assertThat(item.getAttribute("data-signal")).isEqualTo("pdq_hash");
        assertThat(match.getDistance()).isBetween(0.0, match.getThreshold());
        assertThat(item.findElement(By.cssSelector(".match-distance")).getText())
                .isEqualTo(String.format(
                        java.util.Locale.ROOT, "%.0f / %.0f bits", match.getDistance(), match.getThreshold()));
        assertThat(browser.executeScript("return window.montageTestMark;")).isEqualTo("same page");

        Files.createDirectories(MATCH_SCREENSHOT.getParent());
        Files.write(MATCH_SCREENSHOT, card.getScreenshotAs(OutputType.BYTES));
        System.out.printf(
                "Copy sent -> its match (PDQ distance %.0f of %.0f) on the page: %d ms, copy %d of %d sent;"
                        + " screenshot %s%n",
                match.getDistance(),
                match.getThreshold(),
                (shown - sentAt.get(id)) / 1_000_000,
                List.copyOf(sentAt.keySet()).indexOf(id) + 1,
                sentAt.size(),
                MATCH_SCREENSHOT);
    }

    private static String matchOf(String eventId, String list, String referenceId) {
        return "article.upload[data-event-id='" + eventId + "'] li.match[data-list='" + list + "'][data-reference-id='"
                + referenceId + "']";
    }

    @Test
    void anAudioClipPlaysOnThePageWithItsTranscriptAndItsSubtitlesAsATextTrack() throws Exception {
        browser.get(page);
        await("the page's event stream to open")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("connection")).getText(), "live"::equals);
        String speechId;
        try (MediaSender sender = montage.sender()) {
            speechId = sender.send(SPEECH).eventId();
            sender.flush();
        }
        Transcript transcript = committed(montage.app.topics().transcripts(), speechId);
        String card = "article.upload[data-event-id='" + speechId + "']";
        await("the clip's transcript on the page")
                .atMost(Duration.ofSeconds(30))
                .until(() -> !browser.findElements(By.cssSelector(card + " .transcript"))
                                .isEmpty()
                        && !browser.findElement(By.cssSelector(card + " .transcript"))
                                .getText()
                                .isEmpty());
        WebElement upload = browser.findElement(By.cssSelector(card));
        assertThat(upload.findElement(By.cssSelector(".transcript")).getText())
                .isEqualTo(
                        transcript.getText().isBlank()
                                ? "(no speech: " + transcript.getNoSpeechReason() + ")"
                                : transcript.getText().strip());
        WebElement audio = upload.findElement(By.cssSelector(".frame audio"));
        await("the browser to read the clip's duration")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) browser.executeScript("return arguments[0].duration || 0;", audio)).doubleValue()
                        > 3.0);
        // Random Whisper weights may hear nothing; subtitles exist where the transcript has text.
        if (!transcript.getText().isBlank()) {
            GeneratedMedia subtitles = committed(montage.app.topics().generatedMedia(), speechId);
            assertThat(subtitles.getContentType()).isEqualTo("text/vtt");
            await("the subtitles parsed as the clip's text track")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ((Number) browser.executeScript(
                                            "const t = arguments[0].textTracks[0];"
                                                    + " return t && t.cues ? t.cues.length : 0;",
                                            audio))
                                    .intValue()
                            > 0);
            HttpResponse<String> vtt = get(page + "subtitles/" + speechId);
            assertThat(vtt.headers().firstValue("Content-Type")).hasValue("text/vtt; charset=utf-8");
            assertThat(vtt.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
            assertThat(vtt.body()).startsWith("WEBVTT");
        }
        System.out.printf(
                "Speech clip on the page: transcript '%s', %d subtitle cues%n",
                transcript.getText(),
                ((Number) browser.executeScript(
                                "const t = arguments[0].textTracks[0]; return t && t.cues ? t.cues.length : 0;", audio))
                        .intValue());
    }

    @Test
    void anUploadedClipShowsItsScenesItsSummaryVideoWithTheSceneCuesAndItsContactSheet() throws Exception {
        browser.get(page);
        await("the page's event stream to open")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("connection")).getText(), "live"::equals);
        List<SyntheticClip.Segment> segments = SyntheticClip.threeScenes();
        SyntheticClip.Sound sound = SpokenWords.track(
                segments.stream().mapToDouble(SyntheticClip.Segment::seconds).sum(),
                List.of(new SpokenWords.Phrase("boats in the harbour", 0.6)));
        String clipId;
        try (MediaSender sender = montage.sender()) {
            clipId = sender.send(
                            Path.of("three-scenes.mp4"),
                            SyntheticClip.mp4(segments, 640, 360, sound),
                            ContentKind.VIDEO)
                    .eventId();
            sender.flush();
        }
        String card = "article.upload[data-event-id='" + clipId + "']";
        await("the clip's three scenes on its card, each with what was said during it")
                .atMost(Duration.ofSeconds(120))
                .until(() -> browser.findElements(By.cssSelector(card + " li.scene .scene-speech:not(.pending)"))
                                .size()
                        == 3);
        List<WebElement> scenes = browser.findElements(By.cssSelector(card + " li.scene"));
        for (int i = 0; i < 3; i++) {
            assertThat(scenes.get(i)
                            .findElement(By.cssSelector(".scene-ocr"))
                            .getText()
                            .replace(" ", ""))
                    .as("scene %d's keyframe text", i)
                    .containsIgnoringCase(segments.get(i).word());
        }
        WebElement sheet = browser.findElement(By.cssSelector(card + " img.contact-sheet"));
        await("the contact sheet to load")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) browser.executeScript("return arguments[0].naturalWidth;", sheet)).intValue()
                        == 3 * ContactSheet.TILE_WIDTH);
        WebElement summary = browser.findElement(By.cssSelector(card + " video.scene-summary"));
        await("the browser to read the summary video's duration (a keyframe held 2 s per scene)")
                .atMost(Duration.ofSeconds(10))
                .until(() ->
                        ((Number) browser.executeScript("return arguments[0].duration || 0;", summary)).doubleValue()
                                > 5.0);
        double duration = ((Number) browser.executeScript("return arguments[0].duration;", summary)).doubleValue();
        assertThat(duration).as("three keyframes of 2 s").isBetween(5.5, 6.5);
        await("the scene cues parsed as the summary's text track")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) browser.executeScript(
                                        "const t = arguments[0].textTracks[0]; return t && t.cues ? t.cues.length : 0;",
                                        summary))
                                .intValue()
                        == 3);
        // The clip's own speech subtitles are the transcribe stage's, never the summary's cue track.
        HttpResponse<String> cues = get(page + "scenes/" + clipId + "/summary.vtt");
        assertThat(cues.headers().firstValue("Content-Type")).hasValue("text/vtt; charset=utf-8");
        assertThat(cues.body()).contains("Scene 1");
        HttpResponse<String> subtitles = get(page + "subtitles/" + clipId);
        if (subtitles.statusCode() == 200) {
            assertThat(subtitles.body()).doesNotContain("Scene 1");
        }
        assertThat(get(page + "scenes/" + clipId + "/summary.mp4").headers().firstValue("Content-Type"))
                .hasValue("video/mp4");
        assertThat(get(page + "scenes/" + clipId + "/passwd").statusCode()).isEqualTo(404);
        Files.createDirectories(SCENES_SCREENSHOT.getParent());
        WebElement clipCard = browser.findElement(By.cssSelector(card));
        browser.executeScript("arguments[0].scrollIntoView();", clipCard);
        Files.write(SCENES_SCREENSHOT, clipCard.getScreenshotAs(OutputType.BYTES));
        System.out.printf(
                "Clip on the page: 3 scenes, summary video %.1f s with 3 scene cues, contact sheet %d px wide;"
                        + " screenshot %s%n",
                duration, 3 * ContactSheet.TILE_WIDTH, SCENES_SCREENSHOT);
    }

    /**
     * A live stream's card says what is on screen now (its open scene so far, from scenes-open) and
     * lists the scenes before it; when the stream goes idle, no scene is open and all three are listed.
     */
    @Test
    void aLiveStreamsSceneOnScreenNowAndTheScenesBeforeItAreOnThePage() throws Exception {
        browser.get(page);
        await("the page's event stream to open")
                .atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("connection")).getText(), "live"::equals);
        try (MediaSender sender = montage.sender()) {
            for (VideoFrameEvent frame :
                    ScenesCrashTest.liveFrames("camera-web").subList(0, 18)) {
                sender.produce(montage.app.topics().videoFrames(), "camera-web", frame);
            }
            sender.flush();
        }
        String card = "article.stream[data-stream-id='camera-web']";
        await("the stream's third scene on screen now, the two before it listed")
                .atMost(Duration.ofSeconds(90))
                .until(() -> !browser.findElements(By.cssSelector(card + " .now[data-index='2']"))
                                .isEmpty()
                        && browser.findElements(By.cssSelector(card + " li.recent-scene"))
                                        .size()
                                == 2);
        WebElement now = browser.findElement(By.cssSelector(card + " img.now-keyframe"));
        await("the open scene's keyframe to load")
                .atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) browser.executeScript("return arguments[0].naturalWidth;", now)).intValue() > 0);
        assertThat(browser.findElement(By.cssSelector(card + " .now-title")).getText())
                .startsWith("Now: scene 2 since 0:06");
        assertThat(browser.findElement(By.cssSelector(card + " .now-notes"))
                        .getText()
                        .replace(" ", ""))
                .as("the text on the open scene's keyframe")
                .containsIgnoringCase("FOREST");
        Files.createDirectories(SCENES_SCREENSHOT.getParent());
        WebElement stream = browser.findElement(By.cssSelector(card));
        browser.executeScript("arguments[0].scrollIntoView();", stream);
        Path screenshot = SCENES_SCREENSHOT.resolveSibling("live.png");
        Files.write(screenshot, stream.getScreenshotAs(OutputType.BYTES));

        await("the idle stream's scene closed: none open, three listed")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !browser.findElements(By.cssSelector(card + " .now-title.idle"))
                                .isEmpty()
                        && browser.findElements(By.cssSelector(card + " li.recent-scene"))
                                        .size()
                                == 3);
        assertThat(get(page + "live/camera-web/2.jpg").headers().firstValue("Content-Type"))
                .hasValue("image/jpeg");
        assertThat(get(page + "live/camera-web/nine.jpg").statusCode()).isEqualTo(404);
        System.out.printf(
                "Live stream on the page: now scene 2, then idle with 3 scenes listed; screenshot %s%n", screenshot);
    }

    @Test
    void thePageAndTheMediaCarryTheirSecurityHeadersAndAnSvgWithAScriptIsNeverServedAsAPage() throws Exception {
        HttpResponse<String> index = get(page);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .contains("default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        URI root = URI.create(page);
        assertThat(get(root.resolve("/metrics").toString()).statusCode())
                .as("the metrics beside it")
                .isEqualTo(200);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(page))
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(405);

        String svg = "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
                + "<rect width=\"64\" height=\"64\" fill=\"red\"/><script>alert(document.domain)</script></svg>";
        String svgId = UUID.randomUUID().toString();
        String pngId;
        try (MediaSender sender = montage.sender()) {
            sender.produce(
                    montage.app.topics().images(),
                    svgId,
                    ImageEvent.newBuilder()
                            .setEventId(svgId)
                            .setMedia(Media.newBuilder()
                                    .setInline(ByteBuffer.wrap(svg.getBytes(StandardCharsets.UTF_8)))
                                    .setContentType("text/html")
                                    .setFileName("innocent.svg")
                                    .build())
                            .build());
            pngId = sender.send(Path.of("ok.png"), Posters.png("OK"), ContentKind.IMAGE)
                    .eventId();
            sender.flush();
        }
        SpecificRecord verdict = committedOutcome(svgId);
        HttpResponse<String> svgMedia = get(page + "media/" + svgId);
        System.out.printf(
                "The SVG upload: %s; its media URL answers %d %s%n",
                verdict instanceof DeadLetter d ? "dead-lettered, " + d.getErrorClass() : "probed as an image",
                svgMedia.statusCode(),
                svgMedia.headers().firstValue("Content-Type").orElse(""));
        assertThat(svgMedia.headers().firstValue("Content-Type").orElseThrow())
                .doesNotContain("html")
                .doesNotContain("svg")
                .doesNotContain("xml");
        assertThat(svgMedia.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(svgMedia.statusCode()).as("the SVG is not served").isIn(404, 415);
        assertThat(svgMedia.body()).doesNotContain("<script>");

        committed(montage.app.topics().probes(), pngId);
        await("the PNG on the wall")
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(page + "media/" + pngId).statusCode() == 200);
        HttpResponse<byte[]> png = http.send(
                HttpRequest.newBuilder(URI.create(page + "media/" + pngId)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(png.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; sandbox");
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsOnTheMetricsEndpoint() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> queried = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b(?:montage|kafka)_[a-z0-9_]+\\b");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher names = metric.matcher(target.get("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(8);
        // Counters of outcomes and dead-letters appear once there was one: send both.
        try (MediaSender sender = montage.sender()) {
            sender.send(Path.of("metrics.png"), Posters.png("METRICS"), ContentKind.IMAGE);
            sender.send(Path.of("metrics.bin"), BadMedia.randomBytes(2048, 5), ContentKind.IMAGE);
            sender.flush();
        }
        String metrics = URI.create(page).resolve("/metrics").toString();
        await("every metric the dashboard queries on " + metrics)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(exposed(get(metrics).body())).containsAll(queried));
    }

    /** The sample names of a Prometheus text exposition. */
    private static Set<String> exposed(String scrape) {
        return scrape.lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The committed record of {@code eventId} on {@code topic}. */
    private static <V> V committed(Topic<V> topic, String eventId) {
        SpecificRecord[] found = new SpecificRecord[1];
        try (TopicTail<SpecificRecord> tail = montage.tail(topic)) {
            await("the record of " + eventId + " on " + topic.name())
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .until(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            if (eventId.equals(RunningMontage.eventId(r.value()))) {
                                found[0] = r.value();
                            }
                        });
                        return found[0] != null;
                    });
        }
        return topic.valueType().cast(found[0]);
    }

    /** The probe result or the dead-letter of {@code eventId}, whichever the probe committed. */
    private static SpecificRecord committedOutcome(String eventId) {
        SpecificRecord[] found = new SpecificRecord[1];
        try (TopicTail<SpecificRecord> tail =
                montage.tail(montage.app.topics().probes(), montage.app.topics().deadLetter())) {
            await("the probe's verdict on " + eventId)
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .until(() -> {
                        tail.poll(Duration.ofMillis(200), r -> {
                            if (eventId.equals(RunningMontage.eventId(r.value()))
                                    && (r.value() instanceof ProbeResult || r.value() instanceof DeadLetter)) {
                                found[0] = r.value();
                            }
                        });
                        return found[0] != null;
                    });
        }
        return found[0];
    }

    /** Picks {@code value} in the page's select {@code id}, as a person would. */
    private static void choose(String id, String value) {
        browser.findElement(By.id(id)).click();
        browser.findElement(By.cssSelector("#" + id + " option[value='" + value + "']"))
                .click();
    }

    private static int right(Rectangle r) {
        return r.getX() + r.getWidth();
    }

    private static int bottom(Rectangle r) {
        return r.getY() + r.getHeight();
    }
}
