package io.montage.topology.wiring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import io.micrometer.core.instrument.MeterRegistry;
import io.montage.processors.audio.TranscriptionStage;
import io.montage.processors.probe.ProbeInput;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageMetrics;
import io.montage.processors.stage.StageOutcome;
import io.montage.processors.stage.StageProcessor;
import io.montage.processors.text.TextEmbeddingStage;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ImageEmbeddingStage;
import io.montage.processors.vision.OcrStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;

/**
 * Wires Montage's stages into one Kafka Streams topology. Every node has a name, so
 * {@code topology.describe()} reads like the data-flow diagram in DESIGN.md.
 */
public final class MontageTopology {

    private final Topics topics;
    private final DeadLetterFactory deadLetters;
    private final StreamsBuilder builder = new StreamsBuilder();
    private final Map<String, KStream<String, byte[]>> sources = new HashMap<>();

    private MontageTopology(Topics topics, DeadLetterFactory deadLetters) {
        this.topics = topics;
        this.deadLetters = deadLetters;
    }

    /**
     * The probe on every input topic (images, audio, videos, video frames); the model stages on
     * what it passed ({@code probes}) or on {@code texts}, where their models are loaded.
     */
    public static Topology build(Topics topics, Stages stages, DeadLetterFactory deadLetters, MeterRegistry meters) {
        MontageTopology wiring = new MontageTopology(topics, deadLetters);
        ProbeStage probe = stages.probe();
        StageMetrics probeMetrics = new StageMetrics(meters, ProbeStage.NAME);
        wiring.stage(topics.images(), ProbeStage.NAME, (e, c) -> probe.process(ProbeInput.of(e), c),
                e -> e.getEventId(), topics.probes(), probeMetrics);
        wiring.stage(topics.audio(), ProbeStage.NAME, (e, c) -> probe.process(ProbeInput.of(e), c),
                e -> e.getEventId(), topics.probes(), probeMetrics);
        wiring.stage(topics.videos(), ProbeStage.NAME, (e, c) -> probe.process(ProbeInput.of(e), c),
                e -> e.getEventId(), topics.probes(), probeMetrics);
        wiring.stage(topics.videoFrames(), ProbeStage.NAME, (e, c) -> probe.process(ProbeInput.of(e), c),
                e -> e.getEventId(), topics.probes(), probeMetrics);
        stages.textEmbedding().ifPresent(stage -> wiring.stage(topics.texts(), TextEmbeddingStage.NAME, stage,
                e -> e.getEventId(), topics.embeddings(), new StageMetrics(meters, TextEmbeddingStage.NAME)));
        stages.ocr().ifPresent(stage -> wiring.stage(topics.probes(), OcrStage.NAME, stage, e -> e.getEventId(),
                ProbedImage::isPicture, new StageMetrics(meters, OcrStage.NAME), List.of(
                        new StageOutput<>(topics.ocr(), OcrStage.Outputs::ocr),
                        new StageOutput<>(topics.texts(), OcrStage.Outputs::text))));
        stages.imageEmbedding().ifPresent(stage -> wiring.stage(topics.probes(), ImageEmbeddingStage.NAME, stage,
                e -> e.getEventId(), ProbedImage::isPicture, new StageMetrics(meters, ImageEmbeddingStage.NAME),
                List.of(StageOutput.of(topics.embeddings()))));
        stages.caption().ifPresent(stage -> wiring.stage(topics.probes(), CaptionStage.NAME, stage,
                e -> e.getEventId(), ProbedImage::isPicture, new StageMetrics(meters, CaptionStage.NAME), List.of(
                        new StageOutput<>(topics.captions(), CaptionStage.Outputs::caption),
                        new StageOutput<>(topics.texts(), CaptionStage.Outputs::text))));
        stages.transcription().ifPresent(stage -> wiring.stage(topics.probes(), TranscriptionStage.NAME, stage,
                e -> e.getEventId(), TranscriptionStage::hasSound, new StageMetrics(meters, TranscriptionStage.NAME),
                List.of(new StageOutput<>(topics.transcripts(), TranscriptionStage.Outputs::transcript),
                        new StageOutput<>(topics.texts(), TranscriptionStage.Outputs::text),
                        new StageOutput<>(topics.generatedMedia(), TranscriptionStage.Outputs::subtitles))));
        return wiring.builder.build();
    }

    private <I, O> void stage(Topic<I> input, String stageName, Stage<I, O> stage, Function<I, String> eventIdOf,
            Topic<O> output, StageMetrics metrics) {
        stage(input, stageName, stage, eventIdOf, any -> true, metrics, List.of(StageOutput.of(output)));
    }

    /**
     * Runs {@code stage} on every record of {@code input} it {@code applies} to: results go to each
     * of {@code outputs}, failures to the dead-letter topic. Stages on the same input topic share one
     * source node (Kafka Streams allows one per topic).
     */
    private <I, O> void stage(Topic<I> input, String stageName, Stage<I, O> stage, Function<I, String> eventIdOf,
            Predicate<I> applies, StageMetrics metrics, List<StageOutput<O, ?>> outputs) {
        String node = stageName + "-" + shortName(input);
        KStream<String, StageOutcome<O>> outcomes = source(input).processValues(
                () -> new StageProcessor<>(stageName, input.valueSerde().deserializer(), eventIdOf, applies, stage,
                        deadLetters, metrics),
                Named.as(node));
        outcomes.split(Named.as(node + "-"))
                .branch((key, outcome) -> outcome instanceof StageOutcome.Emitted<O>, Branched.withConsumer(
                        results -> outputs.forEach(out -> sendTo(results, node, out)), "results"))
                .defaultBranch(Branched.withConsumer(
                        failures -> failures
                                .mapValues(outcome -> ((StageOutcome.DeadLettered<O>) outcome).deadLetter(),
                                        Named.as(node + "-dead-letter"))
                                .to(topics.deadLetter().name(), Produced.with(topics.deadLetter().keySerde(),
                                        topics.deadLetter().valueSerde()).withName(node + "-to-dead-letter")),
                        "dead-letters"));
    }

    private static <O, X> void sendTo(KStream<String, StageOutcome<O>> results, String node, StageOutput<O, X> out) {
        String target = shortName(out.topic());
        results.mapValues(outcome -> out.extract().apply(((StageOutcome.Emitted<O>) outcome).value()),
                        Named.as(node + "-" + target + "-record"))
                .filter((key, value) -> value != null, Named.as(node + "-" + target + "-present"))
                .to(out.topic().name(), Produced.with(out.topic().keySerde(), out.topic().valueSerde())
                        .withName(node + "-to-" + target));
    }

    private KStream<String, byte[]> source(Topic<?> input) {
        return sources.computeIfAbsent(input.name(), name -> builder.stream(name,
                Consumed.with(input.keySerde(), Serdes.ByteArray()).withName(shortName(input) + "-source")));
    }

    private static String shortName(Topic<?> topic) {
        return topic.name().replaceAll("[^A-Za-z0-9-]", "-");
    }
}
