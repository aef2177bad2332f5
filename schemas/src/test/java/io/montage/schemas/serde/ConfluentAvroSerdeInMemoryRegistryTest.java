package io.montage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.fixtures.v1.Greeting;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The serde over {@link InMemorySchemaRegistryClient}, as a {@code TopologyTestDriver} test uses
 * it: records round trip in Confluent's wire format with the ids the in-memory registry assigns,
 * with no broker and no HTTP server.
 */
class ConfluentAvroSerdeInMemoryRegistryTest {

    private static final String TOPIC = "greetings";

    private final SchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void aRecordRoundTripsUnderTheIdTheRegistryAssigned() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(registry, Greeting.class);

        byte[] bytes = serde.serializer().serialize(TOPIC, new Greeting("hello"));

        assertThat(serde.deserializer().deserialize(TOPIC, bytes).text()).isEqualTo("hello");
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt())
                .isEqualTo(registry.lookup(TOPIC + "-value", Greeting.SCHEMA$).id());
    }

    @Test
    void aNewerReaderSharingTheRegistryFillsInDefaults() {
        byte[] v1Bytes =
                new ConfluentAvroSerde<>(registry, Greeting.class).serializer().serialize(TOPIC, new Greeting("hallo"));

        var v2 = new ConfluentAvroSerde<>(registry, io.montage.schemas.serde.fixtures.v2.Greeting.class)
                .deserializer()
                .deserialize(TOPIC, v1Bytes);

        assertThat(v2.text()).isEqualTo("hallo");
        assertThat(v2.language()).isEqualTo("en");
    }

    @Test
    void bytesFromAnotherInMemoryRegistryAreAnUnknownSchemaId() {
        byte[] bytes = new ConfluentAvroSerde<>(new InMemorySchemaRegistryClient(), Greeting.class)
                .serializer()
                .serialize(TOPIC, new Greeting("elsewhere"));

        assertThatThrownBy(() -> new ConfluentAvroSerde<>(registry, Greeting.class)
                        .deserializer()
                        .deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 1");
    }
}
