package io.montage.processors.moderation;

import io.montage.schemas.avro.ReferenceEntry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference lists as the global table of the reference-lists topic holds them: every instance
 * of the match stage reads the whole topic, so an entry added or removed there is seen by every
 * task at its next record, without a restart.
 *
 * <p>The table keeps the entries' raw bytes, and they are decoded here, once per version of each
 * entry: an entry that is not a valid {@link ReferenceEntry} is then skipped with one warning
 * instead of stopping the global thread (and with it the stage), as a deserializing table would.
 * One instance per task; not thread-safe.
 */
public final class StoreReferenceLists implements ReferenceLists {

    private static final Logger log = LoggerFactory.getLogger(StoreReferenceLists.class);

    private record Decoded(byte[] raw, Optional<Reference> reference) {}

    private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store;
    private final String topic;
    private final Deserializer<ReferenceEntry> deserializer;
    private Map<String, Decoded> decoded = new HashMap<>();

    public StoreReferenceLists(
            ReadOnlyKeyValueStore<String, ValueAndTimestamp<byte[]>> store,
            String topic,
            Deserializer<ReferenceEntry> deserializer) {
        this.store = store;
        this.topic = topic;
        this.deserializer = deserializer;
    }

    @Override
    public void forEach(Consumer<Reference> entry) {
        // Entries gone from the table are forgotten here too: the map holds what this scan saw.
        Map<String, Decoded> seen = new HashMap<>(decoded.size() * 2 + 1);
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, ValueAndTimestamp<byte[]>> next = entries.next();
                if (next.value == null || next.value.value() == null) {
                    continue;
                }
                byte[] raw = next.value.value();
                Decoded known = decoded.get(next.key);
                Decoded current = known != null && Arrays.equals(known.raw(), raw) ? known : decode(next.key, raw);
                seen.put(next.key, current);
                current.reference().ifPresent(entry);
            }
        }
        decoded = seen;
    }

    private Decoded decode(String key, byte[] raw) {
        try {
            ReferenceEntry value = deserializer.deserialize(topic, raw);
            return new Decoded(raw, Optional.of(ReferenceEntries.read(key, value)));
        } catch (SerializationException | IllegalArgumentException e) {
            log.warn(
                    "The reference-list entry {} on {} is not matched: {}. Write it again with `montage lists add` "
                            + "(or a Confluent-compatible Avro serializer and the ReferenceEntry schema), or remove "
                            + "it with a tombstone under its key (`montage lists remove` for keys of the form list/id)",
                    key,
                    topic,
                    e.getMessage());
            return new Decoded(raw, Optional.empty());
        }
    }
}
