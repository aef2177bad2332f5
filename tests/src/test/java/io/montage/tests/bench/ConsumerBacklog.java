package io.montage.tests.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic: the committed end of the topic (last stable offset)
 * minus the group's committed position, summed over partitions. On a topic written in transactions
 * the count includes the commit markers, one per partition and transaction, so an idle group that
 * has read everything is a few offsets "behind"; what matters is whether it grows.
 */
final class ConsumerBacklog implements AutoCloseable {

    private final Admin admin;

    ConsumerBacklog(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    long behind(String groupId, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long behind = 0;
            var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get();
            for (var end : ends.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                behind += end.getValue().offset() - (position == null ? 0 : position.offset());
            }
            return behind;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "the broker did not answer for consumer group " + groupId + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
