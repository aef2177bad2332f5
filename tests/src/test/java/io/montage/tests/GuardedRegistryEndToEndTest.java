package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.registry.RegistryClientConfig;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryException;
import io.montage.topology.client.MediaSender;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Montage on the embedded default with its registry requiring authentication: Montage's own
 * clients log in with the Confluent client properties, strangers are turned away, and a read-only
 * user can decode but not change the contract.
 */
class GuardedRegistryEndToEndTest {

    @TempDir
    static Path dir;

    @Test
    void montageWorksWithItsRegistryClosedToStrangers() throws Exception {
        Path users = usersFile();
        Map<String, String> settings = Map.of(
                MontageConfig.STAGES,
                "probe",
                MontageConfig.EMBEDDED_REGISTRY_USERS_FILE,
                users.toString(),
                RegistryClientConfig.BASIC_AUTH_USER_INFO,
                "montage:pipeline-secret");
        try (RunningMontage montage = RunningMontage.start(dir.resolve("data"), settings)) {
            String eventId;
            try (MediaSender sender = montage.sender()) {
                eventId = sender.send(write("poster.jpg", BadMedia.sample("sample-text.jpg")))
                        .eventId();
                sender.flush();
            }
            assertThat(probeOf(montage, eventId).getKind()).isEqualTo(MediaKind.IMAGE);

            HttpResponse<String> stranger = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(montage.app.registryUrl() + "/subjects"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).isEqualTo(401);

            String probesSubject = montage.app.topics().probes().name() + "-value";
            try (RestSchemaRegistryClient dashboard = new RestSchemaRegistryClient(
                    RegistryClientConfig.forUrls(montage.app.registryUrl()).withBasicAuth("dashboard:view-only"))) {
                assertThat(dashboard.subjects()).contains(probesSubject);
                Schema unrelated = SchemaBuilder.record("Unrelated")
                        .fields()
                        .requiredString("x")
                        .endRecord();
                assertThatThrownBy(() -> dashboard.register(probesSubject, unrelated))
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining("may only read");
            }
        }
    }

    @Test
    void montageWithoutCredentialsForItsGuardedRegistryDoesNotStart() throws Exception {
        Map<String, String> settings = Map.of(
                MontageConfig.STAGES,
                "probe",
                MontageConfig.EMBEDDED_REGISTRY_USERS_FILE,
                usersFile().toString());

        assertThatThrownBy(() -> RunningMontage.start(dir.resolve("data-2"), settings))
                .hasMessageContaining(MontageConfig.EMBEDDED_REGISTRY_USERS_FILE)
                .hasMessageContaining("basic.auth.user.info=user:password");
    }

    private static Path usersFile() throws Exception {
        Path users = dir.resolve("registry-users");
        if (!Files.exists(users)) {
            Files.writeString(
                    users, "# name: password[,role]\nmontage: pipeline-secret, write\ndashboard: view-only\n");
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
        }
        return users;
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static ProbeResult probeOf(RunningMontage montage, String eventId) {
        List<SpecificRecord> found = new ArrayList<>();
        try (TopicTail<SpecificRecord> outputs =
                montage.tail(montage.app.topics().probes(), montage.app.topics().deadLetter())) {
            await("the probe result of " + eventId)
                    .atMost(Duration.ofSeconds(60))
                    .pollInSameThread()
                    .untilAsserted(() -> {
                        outputs.poll(Duration.ofMillis(500), r -> {
                            if (eventId.equals(RunningMontage.eventId(r.value()))) {
                                found.add(r.value());
                            }
                        });
                        assertThat(found).as("outputs of %s", eventId).isNotEmpty();
                    });
        }
        assertThat(found).as("the probe result of %s", eventId).hasSize(1);
        assertThat(found.get(0)).as("the output of %s", eventId).isInstanceOf(ProbeResult.class);
        return (ProbeResult) found.get(0);
    }
}
