package io.montage.topology.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.topology.config.MontageConfig;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.config.SettingsLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** send, tail and topics find the embedded default where run put it, from the same settings. */
class InfrastructureTest {

    @Test
    void clientsConnectToTheEmbeddedPortsTheSettingsName() {
        MontageSettings settings = SettingsLoader.load(
                null,
                Map.of(),
                Map.of(MontageConfig.EMBEDDED_KAFKA_PORT, "19092", MontageConfig.EMBEDDED_REGISTRY_PORT, "18081"));

        try (Infrastructure infrastructure = Infrastructure.connect(settings)) {
            assertThat(infrastructure.bootstrapServers()).isEqualTo("127.0.0.1:19092");
            assertThat(infrastructure.registryUrl()).isEqualTo("http://127.0.0.1:18081");
        }
    }

    @Test
    void aWildcardBindIsReachedOnLoopbackAndExplicitClustersWin() {
        MontageSettings wildcard = SettingsLoader.load(null, Map.of(), Map.of(MontageConfig.EMBEDDED_HOST, "0.0.0.0"));
        MontageSettings explicit = SettingsLoader.load(
                null,
                Map.of(),
                Map.of(
                        MontageConfig.BOOTSTRAP_SERVERS,
                        "kafka-1:9092",
                        MontageConfig.SCHEMA_REGISTRY_URL,
                        "http://registry:8081",
                        MontageConfig.EMBEDDED_KAFKA_PORT,
                        "19092"));

        assertThat(Infrastructure.embeddedBootstrap(wildcard)).isEqualTo("127.0.0.1:9092");
        try (Infrastructure infrastructure = Infrastructure.connect(explicit)) {
            assertThat(infrastructure.bootstrapServers()).isEqualTo("kafka-1:9092");
            assertThat(infrastructure.registryUrl()).isEqualTo("http://registry:8081");
        }
    }
}
