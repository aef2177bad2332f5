package io.montage.topology.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.Media;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The web view's paths under {@code /web/}: the page and its two resources, the event stream, and
 * each upload's media and subtitles, a clip's contact sheet, summary video and its cue track, and
 * live streams' scene keyframes. Read-only: anything but GET and HEAD is refused.
 */
final class WebRoutes implements HttpHandler {

    static final String ROOT = "/web";

    /** The page's files, from the classpath, by the name they are served under. */
    private static final Map<String, String> PAGE_FILES = Map.of(
            "", "text/html; charset=utf-8",
            "wall.js", "text/javascript; charset=utf-8",
            "wall.css", "text/css; charset=utf-8");

    private static final String MEDIA = "media/";
    private static final String SUBTITLES = "subtitles/";
    private static final String SCENES = "scenes/";
    private static final String LIVE = "live/";

    private final RecentUploads uploads;
    private final LiveStreams live;
    private final MediaResolver resolver;
    private final EventStream events;
    private final Supplier<List<EventStream.Event>> snapshot;
    private final Map<String, byte[]> pageFiles;

    WebRoutes(
            RecentUploads uploads,
            LiveStreams live,
            MediaResolver resolver,
            EventStream events,
            Supplier<List<EventStream.Event>> snapshot) {
        this.uploads = uploads;
        this.live = live;
        this.resolver = resolver;
        this.events = events;
        this.snapshot = snapshot;
        this.pageFiles = Map.of("", read("index.html"), "wall.js", read("wall.js"), "wall.css", read("wall.css"));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                WebResponses.text(exchange, 405, "The web view is read-only: only GET and HEAD are served.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals(ROOT)) {
                exchange.getResponseHeaders().set("Location", ROOT + "/");
                WebResponses.text(exchange, 308, "The web view is at " + ROOT + "/");
                return;
            }
            if (!path.startsWith(ROOT + "/")) {
                WebResponses.text(exchange, 404, "No such page; the web view is at " + ROOT + "/");
                return;
            }
            String rest = path.substring(ROOT.length() + 1);
            if (PAGE_FILES.containsKey(rest)) {
                WebResponses.pageHeaders(exchange, PAGE_FILES.get(rest));
                WebResponses.body(exchange, 200, pageFiles.get(rest));
            } else if (rest.equals("events")) {
                events.open(exchange, snapshot);
            } else if (rest.startsWith(MEDIA)) {
                media(exchange, rest.substring(MEDIA.length()));
            } else if (rest.startsWith(SUBTITLES)) {
                subtitles(exchange, rest.substring(SUBTITLES.length()));
            } else if (rest.startsWith(SCENES)) {
                scenes(exchange, rest.substring(SCENES.length()));
            } else if (rest.startsWith(LIVE)) {
                liveKeyframe(exchange, rest.substring(LIVE.length()));
            } else {
                WebResponses.text(exchange, 404, "No such page; the web view is at " + ROOT + "/");
            }
        } catch (RuntimeException e) {
            WebResponses.text(exchange, 500, "The web view failed: " + e.getMessage());
        }
    }

    private void media(HttpExchange exchange, String eventId) throws IOException {
        Optional<UploadView> upload = uploads.get(eventId);
        if (upload.isEmpty()) {
            WebResponses.text(
                    exchange, 404, "No recent upload " + eventId + "; the web view keeps the last ones only.");
            return;
        }
        Optional<String> type = upload.get().mediaType();
        if (type.isEmpty()) {
            WebResponses.text(
                    exchange,
                    415,
                    "The upload's format (" + upload.get().probe().getFormat()
                            + ") is not one the web view serves as media.");
            return;
        }
        serve(exchange, upload.get().probe().getMedia(), type.get());
    }

    private void subtitles(HttpExchange exchange, String eventId) throws IOException {
        Optional<UploadView> upload = uploads.get(eventId).filter(u -> u.subtitles() != null);
        if (upload.isEmpty()) {
            WebResponses.text(exchange, 404, "No subtitles of a recent upload " + eventId + ".");
            return;
        }
        serve(exchange, upload.get().subtitles().getMedia(), "text/vtt; charset=utf-8");
    }

    /** {@code <eventId>/<file>}: a clip's contact sheet, summary video or the summary's cue track. */
    private void scenes(HttpExchange exchange, String path) throws IOException {
        int slash = path.lastIndexOf('/');
        Optional<ClipScenesView.File> file =
                slash < 0 ? Optional.empty() : ClipScenesView.File.named(path.substring(slash + 1));
        if (file.isEmpty()) {
            WebResponses.text(
                    exchange,
                    404,
                    "No such scene file; a clip's are scenes/<eventId>/contact-sheet.jpg, summary.mp4 and summary.vtt.");
            return;
        }
        String eventId = path.substring(0, slash);
        Optional<GeneratedMedia> media =
                uploads.get(eventId).flatMap(upload -> upload.scenes().file(file.get()));
        if (media.isEmpty()) {
            WebResponses.text(exchange, 404, "No " + file.get().fileName + " of a recent clip " + eventId + ".");
            return;
        }
        serve(exchange, media.get().getMedia(), file.get().contentType);
    }

    /** {@code <streamId>/<sceneIndex>.jpg}: the keyframe of a live stream's open or recent scene. */
    private void liveKeyframe(HttpExchange exchange, String path) throws IOException {
        int slash = path.lastIndexOf('/');
        Optional<Long> index = slash < 0 || !path.endsWith(".jpg")
                ? Optional.empty()
                : sceneIndex(path.substring(slash + 1, path.length() - ".jpg".length()));
        Optional<Media> keyframe = index.flatMap(i -> live.keyframe(path.substring(0, slash), i));
        if (keyframe.isEmpty()) {
            WebResponses.text(
                    exchange,
                    404,
                    "No such keyframe of a live stream the web view holds; they are live/<streamId>/<sceneIndex>.jpg.");
            return;
        }
        serve(exchange, keyframe.get(), "image/jpeg");
    }

    private static Optional<Long> sceneIndex(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void serve(HttpExchange exchange, Media media, String type) throws IOException {
        byte[] bytes;
        try {
            bytes = resolver.bytes(media);
        } catch (StageRejection e) {
            WebResponses.text(exchange, 502, "The media cannot be read: " + e.getMessage());
            return;
        }
        WebResponses.mediaHeaders(exchange, type);
        WebResponses.body(exchange, 200, bytes);
    }

    private static byte[] read(String name) {
        try (InputStream in = WebRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The web view's " + name + " is missing from the classpath; rebuild "
                        + "Montage (mvn package).");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
