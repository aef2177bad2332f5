package io.montage.topology.client;

import io.montage.models.media.ImageDecoder;
import io.montage.models.media.MediaInfo;
import io.montage.models.media.MediaProbe;
import io.montage.models.media.MediaRejectedException;
import io.montage.models.media.ProbePdq;
import io.montage.models.vision.hash.Dihedral;
import io.montage.models.vision.hash.PdqDihedralHashes;
import io.montage.models.vision.hash.PdqResult;
import io.montage.processors.moderation.Reference;
import io.montage.schemas.avro.Hash256;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.topology.topics.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Adds entries to the moderation reference lists and removes them, on the compacted reference-lists
 * topic the match stage reads. A picture's entry carries its PDQ hash as the probe computes it (the
 * same {@link MediaProbe}), so a re-upload of it is compared hash for hash.
 */
public final class ReferenceListWriter implements AutoCloseable {

    /** What was written: the entry's key and, for an addition, the entry. */
    public record Written(String key, ReferenceEntry entry) {}

    private final Topic<ReferenceEntry> topic;
    private final MediaProbe probe;
    private final ImageDecoder decoder;
    private final KafkaProducer<String, byte[]> producer;

    /** @param decoder decodes the picture for the hashes of its turns, as the probe decodes it */
    public ReferenceListWriter(
            Topic<ReferenceEntry> topic,
            MediaProbe probe,
            ImageDecoder decoder,
            String bootstrapServers,
            Map<String, String> kafka) {
        this.topic = topic;
        this.probe = probe;
        this.decoder = decoder;
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Adds (or replaces) the entry {@code list/id} with the PDQ hash of the picture in {@code file}.
     *
     * @param turns      whether copies turned or mirrored should match too: the entry then carries the
     *                   hashes of the picture's seven other rotations and flips
     * @param minQuality hashes below this quality are refused: the match stage would never match them
     * @throws MediaRejectedException when the file is not media the probe accepts
     * @throws IllegalArgumentException when it is not a picture, or too featureless to match
     */
    public Written addPicture(String list, String id, Path file, String note, boolean turns, int minQuality)
            throws IOException, MediaRejectedException {
        byte[] data = Files.readAllBytes(file);
        MediaInfo info = probe.probe(data);
        PdqResult pdq = info.pdq();
        if (pdq == null) {
            throw new IllegalArgumentException(
                    file + " is " + info.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + ", not a picture: reference lists match pictures (images, video frames) by their PDQ hash");
        }
        if (pdq.quality() < minQuality) {
            throw new IllegalArgumentException(file + " has PDQ quality " + pdq.quality() + ", below the "
                    + minQuality + " the match stage needs (montage.match.pdq.min-quality): the picture is too "
                    + "featureless for its hash to tell it from others. Add a more detailed copy");
        }
        ReferenceEntry entry = ReferenceEntry.newBuilder()
                .setList(list)
                .setReferenceId(id)
                .setPdqHash(new Hash256(pdq.hash().bytes()))
                .setPdqQuality(pdq.quality())
                .setPdqVariants(turns ? variants(data) : List.of())
                .setAddedAt(Instant.now())
                .setNote(note)
                .build();
        return add(entry);
    }

    private List<Hash256> variants(byte[] data) throws MediaRejectedException {
        PdqDihedralHashes hashes = ProbePdq.dihedral(decoder.decode(data));
        return Arrays.stream(Dihedral.values())
                .filter(variant -> variant != Dihedral.ORIGINAL)
                .map(variant -> new Hash256(hashes.of(variant).bytes()))
                .toList();
    }

    /** Adds (or replaces) an entry as it is: one with an embedding, say. */
    public Written add(ReferenceEntry entry) {
        String key = Reference.key(entry.getList(), entry.getReferenceId());
        send(key, topic.valueSerde().serializer().serialize(topic.name(), entry));
        return new Written(key, entry);
    }

    /** Removes the entry {@code list/id} (a tombstone); removing an entry that is not there changes nothing. */
    public Written remove(String list, String id) {
        String key = Reference.key(list, id);
        send(key, null);
        return new Written(key, null);
    }

    private void send(String key, byte[] value) {
        Future<?> sent = producer.send(new ProducerRecord<>(topic.name(), key, value));
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing " + key + " to " + topic.name(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka did not accept " + key + " on " + topic.name() + ": "
                            + e.getCause().getMessage() + ". Is Montage (or the broker at bootstrap.servers) running?",
                    e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
