package io.montage.schemas.registry;

import static io.montage.schemas.registry.TestSchemas.ORDER;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static io.montage.schemas.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.montage.schemas.InProcessKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The registry keeps its state in Kafka: it survives restarts and is shared by instances. */
class EmbeddedSchemaRegistryDurabilityTest {

    private static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = InProcessKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static EmbeddedSchemaRegistry startRegistry(String topic) {
        return EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, topic);
    }

    private static String topicFor(TestInfo test) {
        return "_schemas_" + test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void schemasIdsAndConfigSurviveARestart(TestInfo test) {
        String topic = topicFor(test);
        int userV1;
        int userV2;
        int order;
        try (EmbeddedSchemaRegistry first = startRegistry(topic)) {
            SchemaRegistryClient client =
                    RestSchemaRegistryClient.forUrls(first.url().toString());
            userV1 = client.register("users-value", parse(USER_V1));
            userV2 = client.register("users-value", parse(USER_V2));
            order = client.register("orders-value", parse(ORDER));
            client.setSubjectCompatibility("orders-value", CompatibilityLevel.FULL);
            client.setGlobalCompatibility(CompatibilityLevel.FORWARD);
        }

        try (EmbeddedSchemaRegistry second = startRegistry(topic)) {
            SchemaRegistryClient client =
                    RestSchemaRegistryClient.forUrls(second.url().toString());
            assertThat(client.subjects()).containsExactly("orders-value", "users-value");
            assertThat(client.version("users-value", 1).id()).isEqualTo(userV1);
            assertThat(client.latestVersion("users-value"))
                    .isEqualTo(new RegisteredSchema("users-value", 2, userV2, parse(USER_V2)));
            assertThat(client.schemaById(order)).isEqualTo(parse(ORDER));
            assertThat(client.subjectCompatibility("orders-value")).isEqualTo(CompatibilityLevel.FULL);
            assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FORWARD);
            assertThat(client.register("more-value", parse(USER_V1))).isEqualTo(userV1);
        }
    }

    @Test
    void aRestartedRegistryNeverReusesAnId(TestInfo test) {
        String topic = topicFor(test);
        int first;
        try (EmbeddedSchemaRegistry registry = startRegistry(topic)) {
            first = RestSchemaRegistryClient.forUrls(registry.url().toString()).register("a-value", parse(USER_V1));
        }
        try (EmbeddedSchemaRegistry registry = startRegistry(topic)) {
            int next =
                    RestSchemaRegistryClient.forUrls(registry.url().toString()).register("b-value", parse(ORDER));
            assertThat(next).isGreaterThan(first);
        }
    }

    @Test
    void twoInstancesOnOneTopicShareSchemasAndIds(TestInfo test) {
        String topic = topicFor(test);
        try (EmbeddedSchemaRegistry a = startRegistry(topic);
                EmbeddedSchemaRegistry b = startRegistry(topic)) {
            SchemaRegistryClient viaA = RestSchemaRegistryClient.forUrls(a.url().toString());
            SchemaRegistryClient viaB = RestSchemaRegistryClient.forUrls(b.url().toString());

            int id = viaA.register("shared-value", parse(USER_V1));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                            RestSchemaRegistryClient.forUrls(b.url().toString()).subjects())
                    .contains("shared-value"));
            assertThat(viaB.register("shared-value", parse(USER_V1))).isEqualTo(id);
            int orderId = viaB.register("orders-value", parse(ORDER));
            assertThat(orderId).isNotEqualTo(id);
            assertThat(viaA.register("orders-value", parse(ORDER))).isEqualTo(orderId);
            assertThat(viaA.versions("shared-value")).containsExactly(1);
        }
    }

    @Test
    void theTopicIsCreatedCompactedWithOnePartition(TestInfo test) throws Exception {
        String topic = topicFor(test);
        startRegistry(topic).close();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(1);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }
}
