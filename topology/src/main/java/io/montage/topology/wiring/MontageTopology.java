package io.montage.topology.wiring;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.moderation.KeyframePdq;
import io.montage.processors.moderation.MatchStage;
import io.montage.processors.moderation.StoreReferenceLists;
import io.montage.processors.probe.ProbeInput;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.BatchStage;
import io.montage.processors.stage.BatchingStageProcessor;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageId;
import io.montage.processors.stage.StageMetrics;
import io.montage.processors.stage.StageOutcome;
import io.montage.processors.stage.StageProcessor;
import io.montage.processors.video.SceneOutput;
import io.montage.processors.video.SceneStage;
import io.montage.processors.video.SceneTranscriptSettings;
import io.montage.processors.video.SceneTranscriptsProcessor;
import io.montage.processors.video.ScenesProcessor;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.schemas.avro.SceneDescription;
import io.montage.schemas.avro.Transcript;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires each of Montage's stages into a Kafka Streams topology of its own: every stage runs as its
 * own application (its own application.id, consumer group, threads and settings), so stages scale,
 * are placed and fail independently, and a slow stage never holds up another. Every node has a
 * name, so {@code topology.describe()} reads like the data-flow diagram in docs/architecture.md.
 */
public final class MontageTopology {

    /** One stage's topology; its application is named after the stage. */
    public record StageTopology(String stage, Topology topology) {}

    /**
     * What the wiring needs to know per stage.
     *
     * @param streamsConfig the stage application's Kafka Streams configuration (the topology reads
     *                      its topology-level settings)
     * @param batching      how a batching stage gathers its records
     * @param visionOnLiveFrames whether the ocr, caption and image-embed stages read every frame of a
     *                      live stream too, not only still pictures ({@code montage.vision.live-frames})
     */
    public record Options(
            Function<String, Properties> streamsConfig,
            Function<String, BatchingStageProcessor.Batching> batching,
            boolean visionOnLiveFrames) {

        /** Which probe results the vision stages read. */
        Predicate<ProbeResult> pictures() {
            return visionOnLiveFrames ? ProbedImage::isPicture : ProbedImage::isStillPicture;
        }
    }

    private final Topics topics;
    private final String stageName;
    private final DeadLetterFactory deadLetters;
    private final StageMetrics metrics;
    private final StreamsBuilder builder;
    private final Map<String, KStream<String, byte[]>> sources = new HashMap<>();

    private MontageTopology(
            Topics topics, String stageName, DeadLetterFactory deadLetters, MeterRegistry meters, Options options) {
        this.topics = topics;
        this.stageName = stageName;
        this.deadLetters = deadLetters;
        this.metrics = new StageMetrics(meters, stageName);
        this.builder = new StreamsBuilder(
                new TopologyConfig(new StreamsConfig(options.streamsConfig().apply(stageName))));
    }

    /**
     * The probe on every input topic (images, audio, videos, video frames); the model stages on what
     * it passed ({@code probes}) or on {@code texts}; the match stage on {@code probes},
     * {@code scenes} and {@code embeddings}; the scene-transcripts stage on {@code scenes} and
     * {@code transcripts}. One topology per stage that is on.
     */
    public static List<StageTopology> build(
            Topics topics, Stages stages, DeadLetterFactory deadLetters, MeterRegistry meters, Options options) {
        List<StageTopology> built = new ArrayList<>();
        stages.probe().ifPresent(probe -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.PROBE.id(), deadLetters, meters, options);
            wiring.probe(topics.images(), ProbeInput::of, probe);
            wiring.probe(topics.audio(), ProbeInput::of, probe);
            wiring.probe(topics.videos(), ProbeInput::of, probe);
            wiring.probe(topics.videoFrames(), ProbeInput::of, probe);
            built.add(wiring.build());
        });
        stages.textEmbedding().ifPresent(stage -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.TEXT_EMBED.id(), deadLetters, meters, options);
            wiring.batched(
                    topics.texts(),
                    stage,
                    e -> e.getEventId(),
                    any -> true,
                    List.of(StageOutput.of(topics.embeddings())),
                    options);
            built.add(wiring.build());
        });
        stages.ocr().ifPresent(stage -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.OCR.id(), deadLetters, meters, options);
            wiring.perRecord(
                    topics.probes(),
                    stage,
                    e -> e.getEventId(),
                    options.pictures(),
                    List.of(
                            StageOutput.one(topics.ocr(), OcrStage.Outputs::ocr),
                            StageOutput.one(topics.texts(), OcrStage.Outputs::text)));
            built.add(wiring.build());
        });
        stages.imageEmbedding().ifPresent(stage -> {
            MontageTopology wiring =
                    new MontageTopology(topics, StageId.IMAGE_EMBED.id(), deadLetters, meters, options);
            wiring.batched(
                    topics.probes(),
                    stage,
                    e -> e.getEventId(),
                    options.pictures(),
                    List.of(StageOutput.of(topics.embeddings())),
                    options);
            built.add(wiring.build());
        });
        stages.caption().ifPresent(stage -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.CAPTION.id(), deadLetters, meters, options);
            wiring.batched(
                    topics.probes(),
                    stage,
                    e -> e.getEventId(),
                    options.pictures(),
                    List.of(
                            StageOutput.one(topics.captions(), CaptionStage.Outputs::caption),
                            StageOutput.one(topics.texts(), CaptionStage.Outputs::text)),
                    options);
            built.add(wiring.build());
        });
        stages.transcription().ifPresent(stage -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.TRANSCRIBE.id(), deadLetters, meters, options);
            wiring.batched(
                    topics.probes(),
                    stage,
                    e -> e.getEventId(),
                    TranscriptionStage::hasSound,
                    List.of(
                            StageOutput.one(topics.transcripts(), TranscriptionStage.Outputs::transcript),
                            StageOutput.one(topics.texts(), TranscriptionStage.Outputs::text),
                            StageOutput.one(topics.generatedMedia(), TranscriptionStage.Outputs::subtitles)),
                    options);
            built.add(wiring.build());
        });
        stages.match().ifPresent(matcher -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.MATCH.id(), deadLetters, meters, options);
            wiring.match(matcher);
            built.add(wiring.build());
        });
        stages.scenes().ifPresent(stage -> {
            MontageTopology wiring = new MontageTopology(topics, StageId.SCENES.id(), deadLetters, meters, options);
            wiring.scenes(stage);
            built.add(wiring.build());
        });
        stages.sceneTranscripts().ifPresent(settings -> {
            MontageTopology wiring =
                    new MontageTopology(topics, StageId.SCENE_TRANSCRIPTS.id(), deadLetters, meters, options);
            wiring.sceneTranscripts(settings);
            built.add(wiring.build());
        });
        return built;
    }

    private StageTopology build() {
        return new StageTopology(stageName, builder.build());
    }

    private <E> void probe(Topic<E> input, Function<E, ProbeInput> asProbeInput, ProbeStage probe) {
        perRecord(
                input,
                (e, c) -> probe.process(asProbeInput.apply(e), c),
                e -> asProbeInput.apply(e).eventId(),
                any -> true,
                List.of(StageOutput.of(topics.probes())));
    }

    /** Runs {@code stage} on every record of {@code input} it applies to, one record at a time. */
    private <I, O> void perRecord(
            Topic<I> input,
            Stage<I, O> stage,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            List<StageOutput<O, ?>> outputs) {
        perRecord(input, context -> stage, eventIdOf, applies, outputs);
    }

    /** As above, with the stage made per task from its context (for stages that read state stores). */
    private <I, O> void perRecord(
            Topic<I> input,
            Function<ProcessingContext, Stage<I, O>> stageOfTask,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            List<StageOutput<O, ?>> outputs) {
        String node = stageName + "-" + shortName(input);
        KStream<String, StageOutcome<O>> outcomes = source(input)
                .processValues(
                        () -> new StageProcessor<>(
                                stageName,
                                input.valueSerde().deserializer(),
                                eventIdOf,
                                applies,
                                stageOfTask,
                                deadLetters,
                                metrics),
                        Named.as(node));
        route(outcomes, node, outputs);
    }

    /**
     * The match stage on probes (PDQ hashes), scenes (their keyframes' PDQ hashes) and embeddings,
     * against the reference lists: a global
     * table of the whole reference-lists topic, so every instance holds every list, and entries
     * added or removed there apply at the next record. The table keeps raw bytes (see
     * {@link StoreReferenceLists}) in memory, restored from the compacted topic at each start.
     */
    private void match(MatchStage.Shared shared) {
        Topic<ReferenceEntry> lists = topics.referenceLists();
        String store = stageName + "-reference-lists";
        builder.globalTable(
                lists.name(),
                Consumed.with(lists.keySerde(), Serdes.ByteArray()).withName(shortName(lists) + "-source"),
                Materialized.<String, byte[]>as(Stores.inMemoryKeyValueStore(store))
                        .withKeySerde(lists.keySerde())
                        .withValueSerde(Serdes.ByteArray()));
        Function<ProcessingContext, MatchStage> stageOfTask = context -> new MatchStage(
                shared.matcher(),
                shared.keyframes(),
                new StoreReferenceLists(
                        context.getStateStore(store),
                        lists.name(),
                        lists.valueSerde().deserializer()));
        List<StageOutput<MatchStage.Matches, ?>> outputs =
                List.of(StageOutput.each(topics.matches(), MatchStage.Matches::matches));
        perRecord(
                topics.probes(),
                context -> stageOfTask.apply(context)::probe,
                ProbeResult::getEventId,
                MatchStage::hasPdqHash,
                outputs);
        perRecord(
                topics.scenes(),
                context -> stageOfTask.apply(context)::scene,
                SceneDescription::getEventId,
                KeyframePdq::hasKeyframe,
                outputs);
        perRecord(
                topics.embeddings(),
                context -> stageOfTask.apply(context)::embedding,
                Embedding::getEventId,
                MatchStage::isComparable,
                outputs);
    }

    /** Runs {@code stage} on batches of the records of {@code input} it applies to (BatchingStageProcessor). */
    private <I, O> void batched(
            Topic<I> input,
            BatchStage<I, O> stage,
            Function<I, String> eventIdOf,
            Predicate<I> applies,
            List<StageOutput<O, ?>> outputs,
            Options options) {
        String node = stageName + "-" + shortName(input);
        String store = stageName + "-batch-buffer";
        builder.addStateStore(BatchingStageProcessor.bufferStore(store));
        BatchingStageProcessor.Batching batching = options.batching().apply(stageName);
        KStream<String, StageOutcome<O>> outcomes = source(input)
                .process(
                        () -> new BatchingStageProcessor<>(
                                stageName,
                                input.valueSerde().deserializer(),
                                eventIdOf,
                                applies,
                                stage,
                                deadLetters,
                                metrics,
                                store,
                                batching),
                        Named.as(node),
                        store);
        route(outcomes, node, outputs);
    }

    /**
     * Clips and live streams' frames from {@code probes} become scenes (and a clip's or a live window's
     * contact sheet and summary), with each stream's state and its window's kept scenes in stores, and
     * live streams' open scenes so far on {@code scenes-open}.
     */
    private void scenes(SceneStage stage) {
        Topic<ProbeResult> input = topics.probes();
        String node = stageName + "-" + shortName(input);
        String store = stageName + "-streams";
        String keptScenes = stageName + "-kept-scenes";
        builder.addStateStore(ScenesProcessor.streamStore(store));
        builder.addStateStore(ScenesProcessor.keptScenesStore(keptScenes));
        KStream<String, StageOutcome<SceneOutput>> outcomes = source(input)
                .process(
                        () -> new ScenesProcessor(
                                stageName,
                                input.valueSerde().deserializer(),
                                stage,
                                deadLetters,
                                metrics,
                                store,
                                keptScenes,
                                input.name()),
                        Named.as(node),
                        store,
                        keptScenes);
        route(
                outcomes,
                node,
                List.of(
                        StageOutput.one(topics.scenes(), SceneOutput::scene),
                        StageOutput.one(topics.generatedMedia(), SceneOutput::media),
                        StageOutput.latest(
                                topics.scenesOpen(), output -> output.soFar() != null, output -> output.soFar()
                                        .scene())));
    }

    /**
     * Clips' scenes (from {@code scenes}) and their transcripts (from {@code transcripts}) meet in one
     * processor: both are keyed by the clip's event id, so a clip's two halves share a partition number
     * and a task, and wait for each other in its stores.
     */
    private void sceneTranscripts(SceneTranscriptSettings settings) {
        Topic<SceneDescription> scenes = topics.scenes();
        Topic<Transcript> transcripts = topics.transcripts();
        String node = stageName + "-join";
        SceneTranscriptsProcessor.Inputs inputs = new SceneTranscriptsProcessor.Inputs(
                scenes.name(), transcripts.name(), stageName + "-waiting-scenes", stageName + "-waiting-transcripts");
        builder.addStateStore(SceneTranscriptsProcessor.store(inputs.sceneStore()));
        builder.addStateStore(SceneTranscriptsProcessor.store(inputs.transcriptStore()));
        KStream<String, StageOutcome<SceneDescription>> outcomes = source(scenes)
                .merge(source(transcripts), Named.as(node + "-inputs"))
                .process(
                        () -> new SceneTranscriptsProcessor(
                                stageName,
                                scenes.valueSerde().deserializer(),
                                transcripts.valueSerde().deserializer(),
                                inputs,
                                settings.maxWait(),
                                deadLetters,
                                metrics),
                        Named.as(node),
                        inputs.sceneStore(),
                        inputs.transcriptStore());
        route(outcomes, node, List.of(StageOutput.of(topics.sceneTranscripts())));
    }

    /** Results go to each of {@code outputs}, failures to the dead-letter topic. */
    private <O> void route(KStream<String, StageOutcome<O>> outcomes, String node, List<StageOutput<O, ?>> outputs) {
        outcomes.split(Named.as(node + "-"))
                .branch(
                        (key, outcome) -> outcome instanceof StageOutcome.Emitted<O>,
                        Branched.withConsumer(results -> outputs.forEach(out -> sendTo(results, node, out)), "results"))
                .defaultBranch(Branched.withConsumer(
                        failures -> failures.mapValues(
                                        outcome -> ((StageOutcome.DeadLettered<O>) outcome).deadLetter(),
                                        Named.as(node + "-dead-letter"))
                                .to(
                                        topics.deadLetter().name(),
                                        Produced.with(
                                                        topics.deadLetter().keySerde(),
                                                        topics.deadLetter().valueSerde())
                                                .withName(node + "-to-dead-letter")),
                        "dead-letters"));
    }

    private static <O, X> void sendTo(KStream<String, StageOutcome<O>> results, String node, StageOutput<O, X> out) {
        String target = shortName(out.topic());
        KStream<String, X> records;
        if (out instanceof StageOutput.Each<O, X> each) {
            records = results.flatMapValues(
                    outcome -> each.extract().apply(((StageOutcome.Emitted<O>) outcome).value()),
                    Named.as(node + "-" + target + "-records"));
        } else if (out instanceof StageOutput.Latest<O, X> latest) {
            records = results.filter(
                            (key, outcome) -> latest.has().test(((StageOutcome.Emitted<O>) outcome).value()),
                            Named.as(node + "-" + target + "-present"))
                    .mapValues(
                            outcome -> latest.value().apply(((StageOutcome.Emitted<O>) outcome).value()),
                            Named.as(node + "-" + target + "-record"));
        } else {
            StageOutput.One<O, X> one = (StageOutput.One<O, X>) out;
            records = results.mapValues(
                            outcome -> one.extract().apply(((StageOutcome.Emitted<O>) outcome).value()),
                            Named.as(node + "-" + target + "-record"))
                    .filter((key, value) -> value != null, Named.as(node + "-" + target + "-present"));
        }
        records.to(
                out.topic().name(),
                Produced.with(out.topic().keySerde(), out.topic().valueSerde()).withName(node + "-to-" + target));
    }

    /** Stages on the same input topic share one source node (Kafka Streams allows one per topic). */
    private KStream<String, byte[]> source(Topic<?> input) {
        return sources.computeIfAbsent(
                input.name(),
                name -> builder.stream(
                        name,
                        Consumed.with(input.keySerde(), Serdes.ByteArray()).withName(shortName(input) + "-source")));
    }

    private static String shortName(Topic<?> topic) {
        return topic.name().replaceAll("[^A-Za-z0-9-]", "-");
    }
}
