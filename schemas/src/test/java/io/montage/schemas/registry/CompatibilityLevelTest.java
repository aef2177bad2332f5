package io.montage.schemas.registry;

import static io.montage.schemas.registry.TestSchemas.USER_REQUIRED_EMAIL;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static io.montage.schemas.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The levels apply Avro's reader/writer rules in the directions Confluent documents. */
class CompatibilityLevelTest {

    private static final Schema V1 = parse(USER_V1);
    private static final Schema V2 = parse(USER_V2);
    private static final Schema REQUIRED_EMAIL = parse(USER_REQUIRED_EMAIL);
    /** Drops the defaulted field of V2: old readers (V2) can still read it, thanks to the default. */
    private static final Schema V3_WITHOUT_AGE = parse(USER_V1);

    @Test
    void backwardMeansTheNewSchemaReadsOldData() {
        assertThat(CompatibilityLevel.BACKWARD.incompatibility(V2, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD.incompatibility(REQUIRED_EMAIL, List.of(V1)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("email"));
    }

    @Test
    void forwardMeansOldSchemasReadNewData() {
        assertThat(CompatibilityLevel.FORWARD.incompatibility(REQUIRED_EMAIL, List.of(V1)))
                .isEmpty();
        assertThat(CompatibilityLevel.FORWARD.incompatibility(V1, List.of(REQUIRED_EMAIL)))
                .isPresent();
    }

    @Test
    void fullNeedsBothDirections() {
        assertThat(CompatibilityLevel.FULL.incompatibility(V2, List.of(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibility(REQUIRED_EMAIL, List.of(V1)))
                .isPresent();
    }

    @Test
    void nonTransitiveLevelsCompareWithTheLatestOnlyAndTransitiveOnesWithAll() {
        Schema requiredAge = parse("""
        {"type": "record", "name": "User", "namespace": "test.registry",
         "fields": [{"name": "name", "type": "string"}, {"name": "age", "type": "int"}]}""");

        assertThat(CompatibilityLevel.BACKWARD.incompatibility(requiredAge, List.of(V1, V2)))
                .isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.incompatibility(requiredAge, List.of(V1, V2)))
                .isPresent();
    }

    @Test
    void noneAcceptsAnythingAndAFirstSchemaIsAlwaysAccepted() {
        assertThat(CompatibilityLevel.NONE.incompatibility(REQUIRED_EMAIL, List.of(V1)))
                .isEmpty();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.incompatibility(REQUIRED_EMAIL, List.of()))
                .isEmpty();
        assertThat(CompatibilityLevel.FULL.incompatibility(V3_WITHOUT_AGE, List.of(V2)))
                .isEmpty();
    }

    @Test
    void levelsParseCaseInsensitively() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
    }
}
