package io.montage.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.schemas.serde.fixtures.v1.Greeting;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {

    @Test
    void eachStrategyNamesSubjectsAsConfluentDoes() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", false, Greeting.SCHEMA$))
                .isEqualTo("t-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, Greeting.SCHEMA$))
                .isEqualTo("t-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("t", false, Greeting.SCHEMA$))
                .isEqualTo("io.montage.schemas.serde.fixtures.v1.Greeting");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false, Greeting.SCHEMA$))
                .isEqualTo("t-io.montage.schemas.serde.fixtures.v1.Greeting");
    }

    @Test
    void confluentClassNamesAndEnumNamesAreAccepted() {
        assertThat(SubjectNameStrategy.parse("io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
                .isEqualTo(SubjectNameStrategy.TOPIC_RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("RecordNameStrategy")).isEqualTo(SubjectNameStrategy.RECORD_NAME);
        assertThat(SubjectNameStrategy.parse("TOPIC_NAME")).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    }

    @Test
    void anUnknownStrategyListsTheKnownOnes() {
        assertThatThrownBy(() -> SubjectNameStrategy.parse("ByMood")).hasMessageContaining("TopicNameStrategy");
    }
}
