package io.montage.topology.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Montage topic: its name and the serdes of its keys and values, declared once in {@link Topics}
 * so no topic name or serde is spelled twice.
 *
 * @param configs topic-level configs Montage sets when it creates the topic
 */
public record Topic<V>(
        String name, Serde<String> keySerde, Serde<V> valueSerde, Class<V> valueType, Map<String, String> configs) {}
