package io.montage.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The state rules that keep instances sharing a topic consistent: the first schema to claim an id
 * keeps it, and the loser of a race is hidden until its writer re-registers it.
 */
class SchemaRegistryStateTest {

    private final SchemaRegistryState state = new SchemaRegistryState();

    private void apply(String subject, int version, int id, String schema) {
        state.apply(new SchemaLogEntry.SchemaVersion(
                new StoredSchema(subject, version, id, schema, false, "w-" + subject + version)));
    }

    @Test
    void theFirstSchemaToClaimAnIdKeepsItAndTheLoserIsHidden() {
        apply("a-value", 1, 1, "schema-a");
        apply("b-value", 1, 1, "schema-b");

        assertThat(state.schemaById(1)).contains("schema-a");
        assertThat(state.liveVersions("b-value")).isEmpty();
        assertThat(state.lostIdRace("b-value", "schema-b"))
                .map(StoredSchema::version)
                .contains(1);
    }

    @Test
    void reRegisteringTheLoserInItsSlotWithAFreshIdMakesItLive() {
        apply("a-value", 1, 1, "schema-a");
        apply("b-value", 1, 1, "schema-b");

        apply("b-value", 1, 2, "schema-b");

        assertThat(state.liveVersions("b-value")).extracting(StoredSchema::id).containsExactly(2);
        assertThat(state.lostIdRace("b-value", "schema-b")).isEmpty();
        assertThat(state.highestId()).isEqualTo(2);
    }

    @Test
    void aLaterWriteToTheSameVersionReplacesTheEarlierOne() {
        apply("a-value", 1, 1, "schema-a");
        apply("a-value", 1, 1, "schema-a");
        state.apply(new SchemaLogEntry.SchemaVersion(new StoredSchema("a-value", 1, 1, "schema-a", true, "delete")));

        assertThat(state.liveVersions("a-value")).isEmpty();
        assertThat(state.hasHistory("a-value")).isTrue();
        assertThat(state.highestVersion("a-value")).isEqualTo(1);
        assertThat(state.subjects()).doesNotContain("a-value");
    }

    @Test
    void configEntriesSetTheSubjectOrGlobalLevel() {
        state.apply(new SchemaLogEntry.Config(Optional.of("a-value"), CompatibilityLevel.NONE, "w1"));
        state.apply(new SchemaLogEntry.Config(Optional.empty(), CompatibilityLevel.FULL, "w2"));

        assertThat(state.subjectLevel("a-value")).contains(CompatibilityLevel.NONE);
        assertThat(state.subjectLevel("b-value")).isEmpty();
        assertThat(state.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void topicRecordsRoundTripThroughTheCodec() throws Exception {
        SchemaLogCodec codec = new SchemaLogCodec();
        SchemaLogEntry entry = new SchemaLogEntry.SchemaVersion(new StoredSchema("s", 3, 7, "\"string\"", true, "w"));

        assertThat(codec.decode(codec.key(entry), codec.value(entry))).contains(entry);
        assertThat(new String(codec.key(entry), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3,\"magic\":1}");
    }
}
