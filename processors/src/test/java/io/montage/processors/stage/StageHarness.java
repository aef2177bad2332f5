package io.montage.processors.stage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A stage processor in Kafka Streams' test driver: String records in (the text is the event id),
 * each outcome out as a line of text ("emitted X" or "dead-letter CLASS: reason").
 */
final class StageHarness implements AutoCloseable {

    static final String STORE = "test-batch-buffer";

    final TopologyTestDriver driver;
    final TestInputTopic<String, String> input;
    final TestOutputTopic<String, String> output;
    final SimpleMeterRegistry meters;

    private StageHarness(
            StreamsBuilder builder, KStream<String, StageOutcome<String>> outcomes, SimpleMeterRegistry meters) {
        this.meters = meters;
        outcomes.mapValues(outcome -> outcome instanceof StageOutcome.DeadLettered<String> dead
                        ? "dead-letter " + dead.deadLetter().getErrorClass() + ": "
                                + dead.deadLetter().getReason()
                        : "emitted " + ((StageOutcome.Emitted<String>) outcome).value())
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stage-harness");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(
                "in", Serdes.String().serializer(), Serdes.String().serializer());
        output = driver.createOutputTopic(
                "out", Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    /** A stage that takes one record at a time. */
    static StageHarness perRecord(Stage<String, String> stage) {
        StreamsBuilder builder = new StreamsBuilder();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KStream<String, StageOutcome<String>> outcomes = builder.stream(
                        "in", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new StageProcessor<>(
                        "test",
                        new StringDeserializer(),
                        s -> s,
                        s -> true,
                        stage,
                        new DeadLetterFactory(1024),
                        new StageMetrics(meters, "test")));
        return new StageHarness(builder, outcomes, meters);
    }

    /** A batching stage; records whose text starts with "skip" are not its business. */
    static StageHarness batched(BatchStage<String, String> stage, int maxSize, Duration maxDelay) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(BatchingStageProcessor.bufferStore(STORE));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StageMetrics metrics = new StageMetrics(meters, "test");
        KStream<String, StageOutcome<String>> outcomes = builder.stream(
                        "in", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .process(
                        () -> new BatchingStageProcessor<>(
                                "test",
                                new StringDeserializer(),
                                s -> s,
                                s -> !s.startsWith("skip"),
                                stage,
                                new DeadLetterFactory(1024),
                                metrics,
                                STORE,
                                new BatchingStageProcessor.Batching(maxSize, maxDelay)),
                        STORE);
        return new StageHarness(builder, outcomes, meters);
    }

    /** How many records wait in the batch buffer, as a restore would find them. */
    int waiting() {
        KeyValueStore<Long, byte[]> store = driver.getKeyValueStore(STORE);
        BatchBuffer buffer = new BatchBuffer(store, 1);
        buffer.restore();
        return buffer.size();
    }

    /** Entries in the buffer's store: the ring's slots and the watermark. */
    long storeEntries() {
        return driver.<Long, byte[]>getKeyValueStore(STORE).approximateNumEntries();
    }

    @Override
    public void close() {
        driver.close();
    }
}
