package io.montage.topology.wiring;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.probe.ProbeStage;
import io.montage.processors.stage.DeadLetterFactory;
import io.montage.topology.topics.Topics;

/** What the topology tests share: media resolution and probing with the default limits, and the driver. */
final class TestTopologies {

    static final MediaLimits LIMITS = MediaLimits.defaults();

    private TestTopologies() {
    }

    /** Inline media, and file:// references under {@code blobs}. */
    static MediaResolver resolver(Path blobs) {
        return new MediaResolver(List.of(new FileBlobStore(blobs)), LIMITS.maxBytes());
    }

    static ProbeStage probe(MediaResolver resolver) {
        return new ProbeStage(resolver, new FfmpegMediaProbe(LIMITS));
    }

    /** Montage's topology for these stages, as production builds it. */
    static Topology topology(Topics topics, Stages stages) {
        return MontageTopology.build(topics, stages, new DeadLetterFactory(1024), new SimpleMeterRegistry());
    }

    /** Montage's topology for these stages, in Kafka Streams' test driver. */
    static TopologyTestDriver driver(Topics topics, Stages stages) {
        return driver(topology(topics, stages));
    }

    static TopologyTestDriver driver(Topology topology) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "montage-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(topology, props);
    }
}
