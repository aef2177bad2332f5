package io.montage.schemas.registry;

import io.montage.schemas.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The client contract against {@link EmbeddedSchemaRegistry} on an in-process broker. */
class EmbeddedRegistryClientContractTest extends SchemaRegistryClientContract {

    private static InProcessKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() throws Exception {
        kafka = InProcessKafka.start();
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, "_schemas");
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

    @Override
    protected SchemaRegistryClient newClient() {
        return RestSchemaRegistryClient.forUrls(registry.url().toString());
    }
}
