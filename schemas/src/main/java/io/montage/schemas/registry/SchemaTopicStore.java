package io.montage.schemas.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry in a compacted, single-partition Kafka topic, as Confluent's registry does.
 * Every change is produced to the topic and reaches memory only through a reader thread that
 * consumes the topic from the beginning; a write returns once that thread has applied it, so a
 * caller always reads its own writes and every instance on the topic converges on one state.
 */
final class SchemaTopicStore implements SchemaLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchemaTopicStore.class);

    private final String topic;
    private final String bootstrapServers;
    private final TopicPartition partition;
    private final Duration timeout;
    private final SchemaRegistryState state;
    private final SchemaLogCodec codec = new SchemaLogCodec();
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread reader;
    private final Object progress = new Object();
    /** The next offset the reader will apply; guarded by {@link #progress}. */
    private long position;

    private volatile boolean running = true;

    SchemaTopicStore(String bootstrapServers, String topic, Duration timeout, SchemaRegistryState state) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
        this.partition = new TopicPartition(topic, 0);
        this.timeout = timeout;
        this.state = state;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis()));
        this.producer = new KafkaProducer<>(
                producerConfig(bootstrapServers, timeout), new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(
                consumerConfig(bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::readForever, "schema-registry-reader-" + topic);
        this.reader.setDaemon(true);
    }

    /** Creates the topic if needed, then reads it to its end before returning. */
    void start() {
        createTopicIfMissing();
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        reader.start();
        catchUp();
    }

    /** Waits until everything written to the topic so far, by any instance, has been applied. */
    @Override
    public void catchUp() {
        awaitPosition(endOffset());
    }

    /** The topic's end offset; retried while a just-created topic is still unknown to the broker. */
    private long endOffset() {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition)
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .offset();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw RegistryErrors.storeError(
                            "cannot read the end of topic '" + topic + "' ("
                                    + e.getCause().getMessage() + "); is Kafka running at " + bootstrapServers + "?",
                            e);
                }
                pauseBeforeRetry();
            } catch (TimeoutException e) {
                throw RegistryErrors.storeError(
                        "timed out reading the end of topic '" + topic + "'; is Kafka running at " + bootstrapServers
                                + "?",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryErrors.timeout("interrupted while reading topic '" + topic + "'");
            }
        }
    }

    private void pauseBeforeRetry() {
        // Metadata of a new topic reaches the broker within milliseconds; no event signals it.
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryErrors.timeout("interrupted while waiting for topic '" + topic + "'");
        }
    }

    /** Produces {@code entry} and returns once the reader has applied it. */
    @Override
    public void write(SchemaLogEntry entry) {
        long offset;
        try {
            offset = producer.send(new ProducerRecord<>(topic, 0, codec.key(entry), codec.value(entry)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw RegistryErrors.storeError("cannot write to topic '" + topic + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryErrors.timeout("interrupted while writing to topic '" + topic + "'");
        }
        awaitPosition(offset + 1);
    }

    private void awaitPosition(long target) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    throw RegistryErrors.timeout("the registry has applied topic '" + topic
                            + "' up to offset " + position + " but needs " + target
                            + "; is Kafka running at " + bootstrapServers + "?");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryErrors.timeout("interrupted while waiting for topic '" + topic + "'");
                }
            }
        }
    }

    private void readForever() {
        while (running) {
            try {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                // The position, not the last record, counts: compaction leaves gaps in offsets.
                advanceTo(consumer.position(partition));
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Reading schema registry topic '{}' failed; retrying", topic, e);
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            codec.decode(record.key(), record.value()).ifPresent(state::apply);
        } catch (IOException e) {
            log.warn(
                    "Skipping unreadable record at offset {} of schema registry topic '{}': {}",
                    record.offset(),
                    topic,
                    e.getMessage());
        }
    }

    private void advanceTo(long next) {
        synchronized (progress) {
            if (next > position) {
                position = next;
                progress.notifyAll();
            }
        }
    }

    private void createTopicIfMissing() {
        try {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            int brokers = admin.describeCluster().nodes().get().size();
            NewTopic newTopic = new NewTopic(topic, 1, (short) Math.min(3, brokers))
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(Set.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            log.info(
                    "Created schema registry topic '{}' (compacted, replication factor {})",
                    topic,
                    newTopic.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw RegistryErrors.storeError(
                        "cannot create topic '" + topic + "' (" + e.getCause() + "); is Kafka running at "
                                + bootstrapServers + "?",
                        e);
            }
        } catch (TimeoutException e) {
            throw RegistryErrors.storeError(
                    "timed out creating topic '" + topic + "'; is Kafka running at " + bootstrapServers + "?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryErrors.timeout("interrupted while creating topic '" + topic + "'");
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            consumer.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout.toMillis(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.CLIENT_ID_CONFIG,
                "montage-schema-registry-writer-" + UUID.randomUUID());
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG,
                "montage-schema-registry-reader-" + UUID.randomUUID());
    }
}
