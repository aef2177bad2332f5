package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.montage.processors.blob.MediaResolver;
import io.montage.schemas.avro.DeadLetter;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneDescription;
import io.montage.topology.models.StageStatus;
import io.montage.topology.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live web view: a wall of recent uploads with what each stage found in them, the live
 * streams' scenes (on screen now, and the last ones), the recent dead-letters, and each stage's activity, pushed to open pages as server-sent events. It reads
 * only committed records of Montage's topics, so it shows what any consumer of them would see.
 */
public final class WebView implements AutoCloseable, CommittedRecordFeed.Sink {

    private static final Logger log = LoggerFactory.getLogger(WebView.class);

    /** Where the web view reads from and what it shows; kafka holds Montage's client settings. */
    public record Sources(
            String bootstrapServers,
            Map<String, String> kafka,
            Topics topics,
            MediaResolver media,
            MeterRegistry meters,
            List<StageStatus> stages,
            Supplier<Map<String, String>> applicationStates) {}

    /** Pages open at once; each holds a connection and gets every event. */
    private static final int MAX_PAGES = 32;
    /** Stage samples: one every two seconds, three minutes of them. */
    private static final long SAMPLE_MILLIS = 2000;

    private static final int SAMPLES = 90;

    private final Sources sources;
    private final RecentUploads uploads;
    private final RecentDeadLetters deadLetters;
    private final StageActivity activity;
    private final LiveStreams live;
    private final EventStream events = new EventStream(MAX_PAGES);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "montage-web-stages");
        t.setDaemon(true);
        return t;
    });
    private final WebRoutes routes;
    private CommittedRecordFeed feed;

    private WebView(Sources sources, int recentUploads) {
        this.sources = sources;
        this.uploads = new RecentUploads(recentUploads);
        this.deadLetters = new RecentDeadLetters(recentUploads);
        this.activity = new StageActivity(sources.meters(), sources.stages(), SAMPLES);
        this.live = new LiveStreams(recentUploads);
        this.routes = new WebRoutes(uploads, live, sources.media(), events, this::snapshot);
    }

    /** Starts reading the topics and sampling the stages; serve {@link #handler()} under {@link #path()}. */
    public static WebView start(Sources sources, int recentUploads) {
        WebView view = new WebView(sources, recentUploads);
        view.feed = CommittedRecordFeed.start(
                sources.bootstrapServers(), sources.kafka(), sources.topics(), recentUploads, view);
        view.sampler.scheduleAtFixedRate(view::sampleStages, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        return view;
    }

    public String path() {
        return WebRoutes.ROOT;
    }

    public HttpHandler handler() {
        return routes;
    }

    @Override
    public void probe(ProbeResult probe, Instant seenAt) {
        events.publish(upload(uploads.accept(probe, seenAt).toJson()));
    }

    @Override
    public void output(String eventId, SpecificRecord output) {
        uploads.add(eventId, output).ifPresent(view -> events.publish(upload(view.toJson())));
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        events.publish(
                new EventStream.Event("dead-letter", deadLetters.add(deadLetter).toString()));
    }

    @Override
    public void liveSceneSoFar(String streamId, SceneDescription soFar) {
        events.publish(liveStream(live.open(streamId, soFar)));
    }

    @Override
    public void liveSceneClosed(SceneDescription scene) {
        events.publish(liveStream(live.closed(scene)));
    }

    private static EventStream.Event liveStream(LiveStreams.Stream stream) {
        return new EventStream.Event("live", LiveStreams.toJson(stream).toString());
    }

    private void sampleStages() {
        try {
            activity.sample(System.currentTimeMillis(), System.nanoTime());
            events.publish(stages());
        } catch (RuntimeException e) {
            // A failed sample must not end the schedule: the next one may succeed.
            log.warn("The web view could not sample the stages' meters: {}", e.toString());
        }
    }

    /** What a page that just opened gets: every upload and dead-letter held, then the stages. */
    private List<EventStream.Event> snapshot() {
        List<EventStream.Event> all = new ArrayList<>();
        uploads.all().forEach(u -> all.add(upload(u.toJson())));
        live.all().forEach(stream -> all.add(liveStream(stream)));
        deadLetters.all().forEach(d -> all.add(new EventStream.Event("dead-letter", d.toString())));
        all.add(stages());
        return all;
    }

    private EventStream.Event stages() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("sampleMillis", SAMPLE_MILLIS);
        node.set("stages", activity.toJson(sources.applicationStates().get()));
        return new EventStream.Event("stages", node.toString());
    }

    private static EventStream.Event upload(ObjectNode json) {
        return new EventStream.Event("upload", json.toString());
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        if (feed != null) {
            feed.close();
        }
        events.close();
    }
}
