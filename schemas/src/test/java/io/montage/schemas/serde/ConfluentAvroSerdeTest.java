package io.montage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.InProcessKafka;
import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.schemas.serde.fixtures.v1.Greeting;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records go through the Confluent wire format and the registry and come back, evolving. */
class ConfluentAvroSerdeTest {

    private static final AtomicInteger topics = new AtomicInteger();
    private static InProcessKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    private SchemaRegistryClient client;
    private String topic;

    @BeforeAll
    static void startRegistry() throws Exception {
        kafka = InProcessKafka.start();
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, "_schemas_serde_test");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void newClientAndTopic() {
        client = RestSchemaRegistryClient.forUrls(registry.url().toString());
        topic = "greetings-" + topics.incrementAndGet();
    }

    private Map<String, Object> properties(Object... extra) {
        Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("schema.registry.url", registry.url().toString());
        for (int i = 0; i < extra.length; i += 2) {
            properties.put((String) extra[i], extra[i + 1]);
        }
        return properties;
    }

    @Test
    void aRecordRoundTrips() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(client, Greeting.class);

        byte[] bytes = serde.serializer().serialize(topic, new Greeting("hello"));

        assertThat(serde.deserializer().deserialize(topic, bytes).text()).isEqualTo("hello");
    }

    @Test
    void bytesAreMagicByteZeroThenTheBigEndianSchemaIdThenAvro() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(client, Greeting.class);

        byte[] bytes = serde.serializer().serialize(topic, new Greeting("hi"));

        int id = client.lookup(topic + "-value", Greeting.SCHEMA$).id();
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        // Avro binary of one string "hi": zig-zag length 2 (0x04), then the UTF-8 bytes.
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(4, 'h', 'i');
    }

    @Test
    void aNewerReaderFillsInTheDefaultOfAFieldTheWriterDidNotHave() {
        byte[] v1Bytes =
                new ConfluentAvroSerde<>(client, Greeting.class).serializer().serialize(topic, new Greeting("hallo"));

        var v2 = new ConfluentAvroDeserializer<>(client, io.montage.schemas.serde.fixtures.v2.Greeting.class)
                .deserialize(topic, v1Bytes);

        assertThat(v2.text()).isEqualTo("hallo");
        assertThat(v2.language()).isEqualTo("en");
    }

    @Test
    void anOlderReaderIgnoresAFieldItDoesNotKnow() {
        byte[] v2Bytes = new ConfluentAvroSerde<>(client, io.montage.schemas.serde.fixtures.v2.Greeting.class)
                .serializer()
                .serialize(topic, new io.montage.schemas.serde.fixtures.v2.Greeting("salut", "fr"));

        Greeting v1 = new ConfluentAvroDeserializer<>(client, Greeting.class).deserialize(topic, v2Bytes);

        assertThat(v1.text()).isEqualTo("salut");
    }

    @Test
    void keysAreRegisteredUnderTheKeySubjectWhenConfiguredAsKey() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(Greeting.class);
        serde.configure(properties(), true);

        serde.serializer().serialize(topic, new Greeting("k"));

        assertThat(client.subjects()).contains(topic + "-key").doesNotContain(topic + "-value");
    }

    @Test
    void recordNameStrategyRegistersUnderTheRecordsFullName() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(Greeting.class);
        serde.configure(
                properties("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"),
                false);

        serde.serializer().serialize(topic, new Greeting("r"));

        assertThat(client.subjects()).contains("io.montage.schemas.serde.fixtures.v1.Greeting");
    }

    @Test
    void withoutAutoRegistrationAnUnregisteredSchemaIsAnError() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(Greeting.class);
        serde.configure(properties("auto.register.schemas", "false"), false);

        assertThatThrownBy(() -> serde.serializer().serialize(topic, new Greeting("x")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(topic + "-value")
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void withoutAutoRegistrationARegisteredSchemaIsFound() {
        int id = client.register(topic + "-value", Greeting.SCHEMA$);
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(Greeting.class);
        serde.configure(properties("auto.register.schemas", "false"), false);

        byte[] bytes = serde.serializer().serialize(topic, new Greeting("x"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    }

    @Test
    void useLatestVersionWritesWithTheSubjectsLatestSchema() {
        client.register(topic + "-value", Greeting.SCHEMA$);
        int latest = client.register(topic + "-value", io.montage.schemas.serde.fixtures.v2.Greeting.SCHEMA$);
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(Greeting.class);
        serde.configure(properties("auto.register.schemas", false, "use.latest.version", true), false);

        byte[] bytes = serde.serializer().serialize(topic, new Greeting("olá"));

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latest);
        var read = new ConfluentAvroDeserializer<>(client, io.montage.schemas.serde.fixtures.v2.Greeting.class)
                .deserialize(topic, bytes);
        assertThat(read.text()).isEqualTo("olá");
        assertThat(read.language()).isEqualTo("en");
    }

    @Test
    void anyRecordDecodesToAGenericRecordWithItsWriterSchema() {
        byte[] bytes = new ConfluentAvroSerde<>(client, io.montage.schemas.serde.fixtures.v2.Greeting.class)
                .serializer()
                .serialize(topic, new io.montage.schemas.serde.fixtures.v2.Greeting("hej", "sv"));
        GenericRecordDeserializer deserializer = new GenericRecordDeserializer();
        deserializer.configure(properties(), false);

        GenericRecord record = deserializer.deserialize(topic, bytes);

        assertThat(record.getSchema()).isEqualTo(io.montage.schemas.serde.fixtures.v2.Greeting.SCHEMA$);
        assertThat(record.toString()).isEqualTo("{\"text\": \"hej\", \"language\": \"sv\"}");
    }

    @Test
    void nullsPassThroughAsTombstones() {
        ConfluentAvroSerde<Greeting> serde = new ConfluentAvroSerde<>(client, Greeting.class);

        assertThat(serde.serializer().serialize(topic, null)).isNull();
        assertThat(serde.deserializer().deserialize(topic, null)).isNull();
    }

    @Test
    void anUnknownMagicByteIsASerializationErrorSayingSo() {
        byte[] notConfluent = {1, 0, 0, 0, 1, 2};

        assertThatThrownBy(() -> deserializer().deserialize(topic, notConfluent))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 0x01")
                .hasMessageContaining(topic);
    }

    @Test
    void anUnknownSchemaIdIsASerializationErrorNamingTheId() {
        byte[] unknownId = {0, 0, 1, (byte) 0x86, (byte) 0x9f, 2, 'a'};

        assertThatThrownBy(() -> deserializer().deserialize(topic, unknownId))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown schema id 99999")
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void aPayloadShorterThanTheHeaderIsTruncated() {
        assertThatThrownBy(() -> deserializer().deserialize(topic, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aCutOffAvroBodyIsASerializationError() {
        byte[] bytes = new ConfluentAvroSerde<>(client, Greeting.class)
                .serializer()
                .serialize(topic, new Greeting("a long enough greeting"));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> deserializer().deserialize(topic, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void anUnconfiguredSerdeSaysHowToConfigureIt() {
        assertThatThrownBy(() -> new ConfluentAvroSerde<>(Greeting.class).serializer())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private ConfluentAvroDeserializer<Greeting> deserializer() {
        return new ConfluentAvroDeserializer<>(client, Greeting.class);
    }
}
