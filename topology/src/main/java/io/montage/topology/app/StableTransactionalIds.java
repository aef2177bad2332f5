package io.montage.topology.app;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients, with each stream thread's transactional id named after this instance
 * rather than after a process id drawn at random on every start.
 *
 * <p>Why: under exactly_once_v2 a stream thread's producer is {@code <application.id>-<process
 * id>-<thread index>}, and the process id is only kept across restarts by applications with
 * persistent (on-disk) stores; Montage's stores are in memory. After a {@code kill -9} the
 * restarted instance's producers therefore had new ids, and the dead ones' open transactions
 * stayed open until the broker timed them out ({@code transaction.timeout.ms}, 10 s, found by a
 * scan every 10 s): until then the committed offsets of those partitions were unstable and
 * read_committed consumers downstream stood still behind them. Measured in the crash test: the
 * first embedding after a restart took 4.3–16.4 s over five runs (the long ones where the kill left
 * a transaction open), and 3.6–3.9 s over four runs with these ids. With {@code <application.id>-<montage.instance.id>-<thread index>}, the restarted
 * producer's {@code initTransactions} fences its predecessor and aborts its transaction at once.
 * The id must then be unique per running instance — the rule that static membership already
 * places on {@code montage.instance.id}.
 */
final class StableTransactionalIds implements KafkaClientSupplier {

    /** Kafka Streams' own form: application id, process UUID, stream thread index. */
    private static final Pattern STREAMS_TRANSACTIONAL_ID = Pattern.compile(
            "^(.+)-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}-(\\d+)$");

    private final String instanceId;

    StableTransactionalIds(String instanceId) {
        this.instanceId = instanceId;
    }

    /** The transactional id this instance uses in place of Kafka Streams' one (unchanged when not in its form). */
    String stable(String streamsTransactionalId) {
        Matcher id = STREAMS_TRANSACTIONAL_ID.matcher(streamsTransactionalId);
        return id.matches() ? id.group(1) + "-" + instanceId + "-" + id.group(2) : streamsTransactionalId;
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Map<String, Object> named = new HashMap<>(config);
        Object transactionalId = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        if (transactionalId != null) {
            named.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, stable(transactionalId.toString()));
        }
        return new KafkaProducer<>(named, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return getConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return getConsumer(config);
    }
}
