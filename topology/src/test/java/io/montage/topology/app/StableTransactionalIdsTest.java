package io.montage.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class StableTransactionalIdsTest {

    private final StableTransactionalIds ids = new StableTransactionalIds("host-1a2b3c4d");

    @Test
    void theProcessIdOfKafkaStreamsIsReplacedByTheInstanceId() {
        String first = ids.stable("montage-text-embed-" + UUID.randomUUID() + "-2");
        String afterRestart = ids.stable("montage-text-embed-" + UUID.randomUUID() + "-2");

        assertThat(first).isEqualTo("montage-text-embed-host-1a2b3c4d-2").isEqualTo(afterRestart);
    }

    @Test
    void threadsAndInstancesKeepDistinctIds() {
        String process = UUID.randomUUID().toString();

        assertThat(ids.stable("montage-ocr-" + process + "-1"))
                .isNotEqualTo(ids.stable("montage-ocr-" + process + "-2"));
        assertThat(new StableTransactionalIds("other-host").stable("montage-ocr-" + process + "-1"))
                .isNotEqualTo(ids.stable("montage-ocr-" + process + "-1"));
    }

    @Test
    void anIdNotInKafkaStreamsFormIsLeftAsItIs() {
        assertThat(ids.stable("my-own-transactional-id")).isEqualTo("my-own-transactional-id");
    }
}
