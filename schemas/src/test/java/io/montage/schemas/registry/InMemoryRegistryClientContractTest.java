package io.montage.schemas.registry;

import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The client contract against {@link InMemorySchemaRegistryClient}: each test gets a new
 * registry, and every client of the test shares it, so a fresh client still answers from the
 * registry rather than from a cache.
 */
class InMemoryRegistryClientContractTest extends SchemaRegistryClientContract {

    private final RegistryService registry = InMemorySchemaRegistryClient.newRegistry();

    @Override
    protected SchemaRegistryClient newClient() {
        return new InMemorySchemaRegistryClient(registry);
    }

    @Test
    void eachPublicInstanceIsASeparateEmptyRegistryNumberingIdsFromOne() {
        SchemaRegistryClient first = new InMemorySchemaRegistryClient();
        SchemaRegistryClient second = new InMemorySchemaRegistryClient();

        assertThat(first.register("users-value", parse(USER_V1))).isEqualTo(1);

        assertThat(second.subjects()).isEmpty();
        assertThat(second.globalCompatibility()).isEqualTo(CompatibilityLevel.DEFAULT);
    }
}
