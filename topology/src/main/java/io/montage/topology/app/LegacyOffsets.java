package io.montage.topology.app;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries committed offsets over from the single Kafka Streams application Montage ran as before
 * each stage became an application of its own. That application's group (the bare
 * {@code montage.application.id}) read every input topic; each stage's new group starts with no
 * offsets and would read its topics from the beginning, reprocessing everything. So before a
 * stage's first start, its group takes the old group's offsets for the topics it reads.
 */
final class LegacyOffsets {

    private static final Logger log = LoggerFactory.getLogger(LegacyOffsets.class);
    private static final long TIMEOUT_SECONDS = 30;

    private LegacyOffsets() {}

    static void carryOver(Admin admin, String legacyGroup, String stageGroup, Topology topology) {
        Set<String> inputs = inputTopics(topology);
        try {
            if (!committed(admin, stageGroup).isEmpty()) {
                return; // the stage has run before (or another instance carried the offsets over just now)
            }
            Map<TopicPartition, OffsetAndMetadata> legacy = committed(admin, legacyGroup).entrySet().stream()
                    .filter(e -> inputs.contains(e.getKey().topic()) && e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (legacy.isEmpty()) {
                return;
            }
            admin.alterConsumerGroupOffsets(stageGroup, legacy).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info(
                    "Consumer group {} starts where {} left off on {} ({} partitions)",
                    stageGroup,
                    legacyGroup,
                    String.join(", ", inputs),
                    legacy.size());
        } catch (ExecutionException e) {
            // Another instance started the stage's group between the check and the write: its
            // offsets stand. Anything else is worth a warning, not a refusal to start.
            log.warn(
                    "Could not carry the offsets of consumer group {} over to {}: {}",
                    legacyGroup,
                    stageGroup,
                    e.getCause().getMessage());
        } catch (TimeoutException e) {
            log.warn(
                    "Could not carry the offsets of consumer group {} over to {} within {} s",
                    legacyGroup,
                    stageGroup,
                    TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group)
            throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static Set<String> inputTopics(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(sub -> sub.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toUnmodifiableSet());
    }
}
