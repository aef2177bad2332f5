package io.montage.topology.app;

import io.montage.schemas.RecordLimits;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.config.StageSettings;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams configuration of one stage's application, derived from Montage's settings; pass-through keys win. */
final class StreamsProperties {

    /** How long a stream thread's transaction may stay open: the longest model batch, with room. */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(1);

    private StreamsProperties() {}

    static Properties of(MontageSettings settings, String bootstrapServers, String stage) {
        StageSettings tuning = settings.stage(stage);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId(stage));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, tuning.threads());
        p.put(
                StreamsConfig.STATE_DIR_CONFIG,
                settings.dataDir().resolve("streams").toString());
        if (settings.replicationFactor() > 0) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        }
        // Under exactly_once_v2 outputs become visible at commit; 100 ms (Streams' EOS default) keeps
        // end-to-end latency low, stated here so nobody "tunes" it to the at-least-once 30 s by accident.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // A stream thread runs wall-clock punctuations (which drain partial batches) between polls, so
        // an idle poll must not outlast the batch delay.
        p.put(
                StreamsConfig.POLL_MS_CONFIG,
                Math.max(1, Math.min(100, tuning.batchMaxDelay().toMillis())));
        // Static membership: a restarted instance rejoins each stage's group under the same name and
        // takes its partitions back at once, instead of every member waiting out the dead one's
        // session (45 s). Kafka Streams appends each stream thread's index.
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), settings.instanceId());
        // Records carry media inline up to the topic limit.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), RecordLimits.MAX_RECORD_BYTES);
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                RecordLimits.MAX_RECORD_BYTES);
        // A model stage can take seconds on a batch; few records per poll keep a slow batch from
        // exceeding max.poll.interval.ms, and a full batch per partition is still in one poll.
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                Math.max(100, tuning.batchMaxSize() * 4));
        // Under exactly_once_v2 a model batch runs inside the stream thread's open transaction, and
        // Kafka Streams' 10 s transaction timeout is shorter than a batch can take (eight Whisper
        // windows re-decoded at higher temperatures on a CPU): the broker aborted the transaction
        // mid-batch, the task migrated, retried the same batch, and timed out again, for ever. A
        // minute bounds how long a crashed instance that is not restarted blocks read_committed
        // readers of its outputs; a restarted one fences its predecessor at once (stable
        // transactional ids), and its group waits out the 45 s session timeout meanwhile anyway.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), (int)
                TRANSACTION_TIMEOUT.toMillis());
        // Opt in now to what Kafka 5.0 makes the default, and silence its start-up warning. Kafka 4.3's
        // partition assignor reads its own StreamsConfig from the main consumer's settings and warns
        // once per stream thread unless the key is there too.
        p.put("processing.exception.handler.global.enabled", "true");
        p.put(StreamsConfig.mainConsumerPrefix("processing.exception.handler.global.enabled"), "true");
        p.putAll(settings.kafka());
        return p;
    }
}
