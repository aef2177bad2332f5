package io.montage.topology.topics;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the registry-backed value serde of an Avro record type. */
@FunctionalInterface
public interface ValueSerdes {

    <T extends SpecificRecord> Serde<T> forType(Class<T> type);
}
