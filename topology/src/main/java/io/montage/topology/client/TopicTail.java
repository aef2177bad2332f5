package io.montage.topology.client;

import io.montage.schemas.RecordLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with {@code read_committed} (so only outputs of committed
 * exactly-once transactions are seen) and hands each decoded record to a callback. It uses no
 * consumer group: tailing never moves anyone's offsets.
 */
public final class TopicTail<V> implements AutoCloseable {

    /** The longest a wait blocks in one poll, so that a condition set by another thread is seen soon. */
    private static final Duration LONGEST_POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, V> consumer;

    public TopicTail(String bootstrapServers, Map<String, String> kafka, List<String> topics, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, RecordLimits.MAX_RECORD_BYTES);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalArgumentException(
                        "Topic " + topic + " does not exist; `montage topics` creates " + "Montage's topics");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Moves every partition back to its last {@code records} offsets (or its beginning, where it holds
     * fewer), for a reader that wants only the recent past of a long topic.
     */
    public void rewindToLast(int records) {
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions)
                .forEach((partition, end) ->
                        consumer.seek(partition, Math.max(beginnings.getOrDefault(partition, 0L), end - records)));
    }

    /** Polls once and hands over what arrived; returns how many records that was. */
    public int poll(Duration timeout, Consumer<ConsumerRecord<String, V>> sink) {
        int count = 0;
        for (ConsumerRecord<String, V> record : consumer.poll(timeout)) {
            sink.accept(record);
            count++;
        }
        return count;
    }

    /**
     * Hands over records as they arrive until {@code done} holds, checked after each poll, so that a
     * sink which ticks off what it reads ends the wait as soon as the last one comes.
     *
     * @return whether {@code done} held before {@code timeout} passed
     */
    public boolean pollUntil(BooleanSupplier done, Duration timeout, Consumer<ConsumerRecord<String, V>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            poll(Duration.ofNanos(Math.min(left, LONGEST_POLL.toNanos())), sink);
        }
        return true;
    }

    /**
     * Hands over records as they arrive until none has come for {@code quiet} (the consumer's poll
     * blocks that long for the next), and for at most {@code timeout}: the outputs still trickling in
     * after the ones a caller waited for.
     */
    public void pollUntilQuiet(Duration quiet, Duration timeout, Consumer<ConsumerRecord<String, V>> sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left = timeout.toNanos();
        while (left > 0 && poll(Duration.ofNanos(Math.min(left, quiet.toNanos())), sink) > 0) {
            left = deadline - System.nanoTime();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
