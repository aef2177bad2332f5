package io.montage.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a schema against an earlier one kept under {@code /contract/}: FULL compatibility, the
 * strictest non-transitive level a registry enforces, means readers of either version read records
 * of the other, so deployments upgrade without touching the registry.
 */
final class FullCompatibility {

    private FullCompatibility() {}

    /** The earlier schema kept as {@code /contract/<name>}. */
    static Schema previous(String name) throws IOException {
        try (InputStream in = FullCompatibility.class.getResourceAsStream("/contract/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/contract/" + name + " is missing from the test resources");
            }
            return new Schema.Parser().parse(in);
        }
    }

    static void assertFullyCompatible(Schema current, Schema previous) {
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, previous)
                        .getType())
                .as("new readers read old records")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(previous, current)
                        .getType())
                .as("old readers read new records")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
}
