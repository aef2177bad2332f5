package io.montage.topology.wiring;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.processors.stage.BatchingStageProcessor;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.topology.topics.Topic;
import io.montage.topology.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Montage's stage applications, each in a Kafka Streams test driver of its own, connected the way
 * the broker connects them: whatever one stage writes to a topic is handed to every stage that
 * reads it, until nothing moves. Wall-clock time advances between rounds, so batching stages drain
 * their partial batches as their punctuations would.
 */
final class TestPipeline implements AutoCloseable {

    static final BatchingStageProcessor.Batching BATCHING =
            new BatchingStageProcessor.Batching(32, Duration.ofMillis(5));

    private final Map<String, Topology> topologies = new LinkedHashMap<>();
    private final Map<String, TopologyTestDriver> drivers = new LinkedHashMap<>();
    private final Map<String, List<TestRecord<byte[], byte[]>>> written = new HashMap<>();
    private final Map<String, Integer> read = new HashMap<>();
    /** Every driver's wall clock: they start together and every advance moves them all alike. */
    private Instant wallClock = Instant.now();

    private TestPipeline(List<MontageTopology.StageTopology> stages) {
        for (MontageTopology.StageTopology stage : stages) {
            topologies.put(stage.stage(), stage.topology());
            drivers.put(stage.stage(), new TopologyTestDriver(stage.topology(), properties(stage.stage()), wallClock));
        }
    }

    static TestPipeline of(Topics topics, Stages stages) {
        return of(topics, stages, false);
    }

    /** With {@code visionOnLiveFrames}, the vision stages read live streams' frames too. */
    static TestPipeline of(Topics topics, Stages stages, boolean visionOnLiveFrames) {
        return new TestPipeline(MontageTopology.build(
                topics,
                stages,
                new DeadLetterFactory(1024),
                new SimpleMeterRegistry(),
                new MontageTopology.Options(TestPipeline::properties, stage -> BATCHING, visionOnLiveFrames)));
    }

    static Properties properties(String stage) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "montage-test-" + stage);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put("processing.exception.handler.global.enabled", true);
        return props;
    }

    Topology topology(String stage) {
        return topologies.get(stage);
    }

    /** Produces a record to {@code topic} as a producer would, and lets every stage work on it. */
    <V> void pipe(Topic<V> topic, String key, V value) {
        pipeRaw(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value));
    }

    void pipeRaw(String topic, String key, byte[] value) {
        deliver(
                topic,
                new TestRecord<>(key == null ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
        settle();
    }

    /** Moves every stage's wall clock on by {@code time} (their wall-clock punctuations run) and lets them work. */
    void advanceWallClock(Duration time) {
        drivers.values().forEach(driver -> driver.advanceWallClockTime(time));
        wallClock = wallClock.plus(time);
        settle();
    }

    /** How many entries {@code stage}'s key-value store {@code store} holds now. */
    long entries(String stage, String store) {
        return drivers.get(stage).getKeyValueStore(store).approximateNumEntries();
    }

    /**
     * Stops {@code stage}'s application and starts it again from its state stores as they were, as a
     * restart restores them from their changelogs (everything it wrote has been read by then): a crash
     * after a commit, with nothing uncommitted to redo.
     */
    void restart(String stage) {
        TopologyTestDriver stopped = drivers.get(stage);
        TopologyTestDriver started = new TopologyTestDriver(topologies.get(stage), properties(stage), wallClock);
        stopped.getAllStateStores().keySet().forEach(name -> {
            KeyValueStore<Object, Object> from = stopped.getKeyValueStore(name);
            KeyValueStore<Object, Object> to = started.getKeyValueStore(name);
            try (KeyValueIterator<Object, Object> all = from.all()) {
                all.forEachRemaining(entry -> to.put(entry.key, entry.value));
            }
        });
        stopped.close();
        drivers.put(stage, started);
    }

    /** Every record written to {@code topic} since the last read of it, in the order they were written. */
    <V> List<KeyValue<String, V>> read(Topic<V> topic) {
        List<TestRecord<byte[], byte[]>> all = written.getOrDefault(topic.name(), List.of());
        int from = read.getOrDefault(topic.name(), 0);
        read.put(topic.name(), all.size());
        return all.subList(from, all.size()).stream()
                .map(r -> KeyValue.pair(
                        r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                        topic.valueSerde().deserializer().deserialize(topic.name(), r.value())))
                .collect(Collectors.toList());
    }

    <V> List<V> readValues(Topic<V> topic) {
        return read(topic).stream().map(kv -> kv.value).toList();
    }

    private void deliver(String topic, TestRecord<byte[], byte[]> record) {
        topologies.forEach((stage, topology) -> {
            if (inputs(topology).contains(topic)) {
                drivers.get(stage)
                        .createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                        .pipeInput(record);
            }
        });
    }

    /**
     * Rounds until two in a row move nothing: a batching stage drains a partial batch only after a
     * punctuation tick without new input, so one quiet round is not yet the end.
     */
    private void settle() {
        int quietRounds = 0;
        while (quietRounds < 2) {
            boolean moved = false;
            wallClock = wallClock.plus(BATCHING.maxDelay().plusMillis(1));
            for (Map.Entry<String, TopologyTestDriver> entry : drivers.entrySet()) {
                entry.getValue().advanceWallClockTime(BATCHING.maxDelay().plusMillis(1));
                for (String topic : outputs(topologies.get(entry.getKey()))) {
                    List<TestRecord<byte[], byte[]>> records = entry.getValue()
                            .createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                            .readRecordsToList();
                    for (TestRecord<byte[], byte[]> record : records) {
                        written.computeIfAbsent(topic, t -> new ArrayList<>()).add(record);
                        deliver(topic, record);
                        moved = true;
                    }
                }
            }
            quietRounds = moved ? 0 : quietRounds + 1;
        }
    }

    /** The topics a topology reads: its sources', and its global tables' (the match stage's reference lists). */
    private static Set<String> inputs(Topology topology) {
        Set<String> topics = nodes(topology).stream()
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .collect(Collectors.toSet());
        topology.describe()
                .globalStores()
                .forEach(store -> topics.addAll(store.source().topicSet()));
        return topics;
    }

    private static Set<String> outputs(Topology topology) {
        return nodes(topology).stream()
                .filter(n -> n instanceof TopologyDescription.Sink)
                .map(n -> ((TopologyDescription.Sink) n).topic())
                .collect(Collectors.toSet());
    }

    private static List<TopologyDescription.Node> nodes(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(s -> s.nodes().stream())
                .toList();
    }

    @Override
    public void close() {
        drivers.values().forEach(TopologyTestDriver::close);
    }
}
