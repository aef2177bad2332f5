package io.montage.schemas.serde;

import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for specific Avro records in Confluent's wire format, interoperable with
 * Confluent's own serializers and every client that speaks the format.
 *
 * <p>Programmatic use: {@code new ConfluentAvroSerde<>(registryClient, Event.class)} (topic-name
 * subjects, auto-registration); call {@link #configure} to change settings. Configuration use:
 * {@code new ConfluentAvroSerde<>(Event.class)} then {@code configure(props, isKey)} with
 * {@code schema.registry.url} and optionally {@code auto.register.schemas},
 * {@code use.latest.version}, {@code value.subject.name.strategy}, {@code basic.auth.user.info}.
 *
 * @param <T> the record class
 */
public final class ConfluentAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private ConfluentAvroSerializer<T> serializer;
    private ConfluentAvroDeserializer<T> deserializer;

    /** A serde for value records using {@code registry}, with Confluent's default settings. */
    public ConfluentAvroSerde(SchemaRegistryClient registry, Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        use(Objects.requireNonNull(registry, "registry"), AvroSerdeConfig.DEFAULTS, false);
    }

    /** A serde that must be {@link #configure configured} with {@code schema.registry.url}. */
    public ConfluentAvroSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void configure(Map<String, ?> properties, boolean isKey) {
        SchemaRegistryClient client = registry != null ? registry : RestSchemaRegistryClient.fromProperties(properties);
        use(client, AvroSerdeConfig.fromProperties(properties), isKey);
    }

    private void use(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.registry = client;
        this.serializer = new ConfluentAvroSerializer<>(client, config, isKey);
        this.deserializer = new ConfluentAvroDeserializer<>(client, type);
    }

    @Override
    public Serializer<T> serializer() {
        return configured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return configured(deserializer);
    }

    private <S> S configured(S part) {
        if (part == null) {
            throw new IllegalStateException("ConfluentAvroSerde for " + type.getName() + " is not"
                    + " configured; call configure() with schema.registry.url or pass a"
                    + " SchemaRegistryClient");
        }
        return part;
    }
}
