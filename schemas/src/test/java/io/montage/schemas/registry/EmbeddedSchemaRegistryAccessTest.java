package io.montage.schemas.registry;

import static io.montage.schemas.registry.RegistryHttp.schemaBody;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.montage.schemas.InProcessKafka;
import io.montage.schemas.registry.RegistryHttp.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The embedded registry guarding itself: basic authentication with read and write users, a
 * read-only mode, a bound on request bodies, server errors logged, and no unauthenticated
 * registry on a non-loopback address.
 */
class EmbeddedSchemaRegistryAccessTest {

    private static final AtomicInteger subjects = new AtomicInteger();
    private static InProcessKafka kafka;
    private static EmbeddedSchemaRegistry guarded;
    private static EmbeddedSchemaRegistry readOnly;
    private static RegistryHttp anonymous;
    private static RegistryHttp writer;
    private static RegistryHttp reader;

    @BeforeAll
    static void start() throws Exception {
        kafka = InProcessKafka.start();
        RegistryUsers users = RegistryUsers.parse(
                List.of("# who may call the registry", "montage: s3cret, write", "dashboard: view-only"), "users");
        guarded = EmbeddedSchemaRegistry.start(
                kafka.bootstrapServers(),
                "127.0.0.1",
                0,
                "_schemas_access_test",
                new RegistryServerSettings(Optional.of(users), false, 64 * 1024));
        anonymous = new RegistryHttp(guarded.url());
        writer = anonymous.as("montage", "s3cret");
        reader = anonymous.as("dashboard", "view-only");
        // The read-only registry shares the topic, so it serves what the guarded one registered.
        readOnly = EmbeddedSchemaRegistry.start(
                kafka.bootstrapServers(),
                "127.0.0.1",
                0,
                "_schemas_access_test",
                new RegistryServerSettings(Optional.empty(), true, RegistryServerSettings.DEFAULT_MAX_REQUEST_BYTES));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {readOnly, guarded, kafka}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Best effort: the next test class starts its own cluster.
            }
        }
    }

    private static String newSubject() {
        return "access-" + subjects.incrementAndGet() + "-value";
    }

    @Test
    void requestsWithoutCredentialsAreChallenged() {
        Answer answer = anonymous.get("/subjects");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.errorCode()).isEqualTo(401);
        assertThat(answer.challenge()).startsWith("Basic realm=");
        assertThat(answer.body().path("message").asText())
                .contains("requires authentication", "basic.auth.user.info=user:password");
    }

    @Test
    void wrongPasswordsUnknownUsersAndMalformedHeadersAreRefusedAlike() {
        for (RegistryHttp caller : List.of(
                anonymous.as("montage", "guess"),
                anonymous.as("nobody", "s3cret"),
                anonymous.withAuthorization("Basic not-base64!"),
                anonymous.withAuthorization("Bearer token"))) {
            Answer answer = caller.get("/subjects");
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(401);
        }
        assertThat(anonymous
                        .as("nobody", "s3cret")
                        .get("/subjects")
                        .body()
                        .path("message")
                        .asText())
                .isEqualTo(anonymous
                        .as("montage", "guess")
                        .get("/subjects")
                        .body()
                        .path("message")
                        .asText());
    }

    @Test
    void aWriterRegistersAndAReaderReadsButCannotChange() {
        String subject = newSubject();
        Answer registered = writer.post("/subjects/" + subject + "/versions", schemaBody(USER_V1));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        int id = registered.body().get("id").asInt();

        assertThat(reader.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(reader.post("/subjects/" + subject, schemaBody(USER_V1)).status())
                .isEqualTo(200);
        assertThat(reader.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(USER_V2))
                        .status())
                .isEqualTo(200);
        // A serializer that always registers keeps working for a schema that is already there.
        Answer again = reader.post("/subjects/" + subject + "/versions", schemaBody(USER_V1));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asInt()).isEqualTo(id);

        Answer newVersion = reader.post("/subjects/" + subject + "/versions", schemaBody(USER_V2));
        Answer level = reader.put("/config/" + subject, "{\"compatibility\": \"NONE\"}");
        Answer globalLevel = reader.put("/config", "{\"compatibility\": \"NONE\"}");
        Answer deletion = reader.delete("/subjects/" + subject);
        for (Answer refused : List.of(newVersion, level, globalLevel, deletion)) {
            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo(40301);
            assertThat(refused.body().path("message").asText()).contains("'dashboard' may only read");
        }
        assertThat(writer.get("/subjects/" + subject + "/versions").body().size())
                .isEqualTo(1);
        assertThat(writer.get("/config").body().path("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void montagesOwnClientAuthenticatesWithTheConfluentProperties() {
        String subject = newSubject();
        try (RestSchemaRegistryClient client = new RestSchemaRegistryClient(
                RegistryClientConfig.forUrls(guarded.url().toString()).withBasicAuth("montage:s3cret"))) {
            int id = client.register(subject, TestSchemas.parse(USER_V1));
            assertThat(client.schemaById(id)).isEqualTo(TestSchemas.parse(USER_V1));
        }
        try (RestSchemaRegistryClient client =
                RestSchemaRegistryClient.forUrls(guarded.url().toString())) {
            assertThatThrownBy(client::subjects)
                    .isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("requires authentication");
        }
    }

    @Test
    void aReadOnlyRegistryServesAndLooksUpButChangesNothing() {
        String subject = newSubject();
        int id = writer.post("/subjects/" + subject + "/versions", schemaBody(USER_V1))
                .body()
                .get("id")
                .asInt();
        RegistryHttp http = new RegistryHttp(readOnly.url());
        awaitSubject(http, subject);

        assertThat(http.get("/mode").body().path("mode").asText()).isEqualTo("READONLY");
        assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(USER_V1))
                        .body()
                        .get("id")
                        .asInt())
                .isEqualTo(id);
        List<Answer> refused = List.of(
                http.post("/subjects/" + subject + "/versions", schemaBody(USER_V2)),
                http.post("/subjects/" + newSubject() + "/versions", schemaBody(USER_V1)),
                http.put("/config", "{\"compatibility\": \"NONE\"}"),
                http.delete("/subjects/" + subject),
                http.put("/mode", "{\"mode\": \"READWRITE\"}"));
        for (Answer answer : refused) {
            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(422);
            assertThat(answer.errorCode()).isEqualTo(42205);
        }
        assertThat(refused.get(0).body().path("message").asText()).contains("read-only mode");
        assertThat(http.get("/subjects/" + subject + "/versions").body().size()).isEqualTo(1);
        assertThat(new RegistryHttp(guarded.url())
                        .as("montage", "s3cret")
                        .get("/mode")
                        .body()
                        .path("mode")
                        .asText())
                .isEqualTo("READWRITE");
    }

    @Test
    void oversizedBodiesAreRefusedWith413AndNotStored() {
        String subject = newSubject();
        String huge = "{\"type\": \"record\", \"name\": \"Huge\", \"doc\": \"" + "x".repeat(5_000_000)
                + "\", \"fields\": []}";
        ListAppender<ILoggingEvent> log = capture(RegistryHttpHandler.class);

        Answer answer = writer.post("/subjects/" + subject + "/versions", schemaBody(huge));
        release(log, RegistryHttpHandler.class);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body().path("message").asText()).contains("larger than the 65536 bytes", "max-request-bytes");
        assertThat(writer.get("/subjects").body().toString()).doesNotContain(subject);
        assertThat(log.list)
                .anyMatch(e ->
                        e.getLevel() == Level.WARN && e.getFormattedMessage().contains("refused POST"));
    }

    @Test
    void serverErrorsAreLoggedWithTheirCause() {
        // Just under the body limit, but over what the broker takes as one record of the schemas topic.
        String subject = newSubject();
        String large = "{\"type\": \"record\", \"name\": \"Large\", \"doc\": \"" + "y".repeat(1_100_000)
                + "\", \"fields\": []}";
        ListAppender<ILoggingEvent> log = capture(RegistryHttpHandler.class);
        try (EmbeddedSchemaRegistry roomy = EmbeddedSchemaRegistry.start(
                kafka.bootstrapServers(),
                "127.0.0.1",
                0,
                "_schemas_access_test",
                new RegistryServerSettings(Optional.empty(), false, 4 * 1024 * 1024))) {
            Answer answer = new RegistryHttp(roomy.url()).post("/subjects/" + subject + "/versions", schemaBody(large));
            release(log, RegistryHttpHandler.class);

            assertThat(answer.status()).isEqualTo(500);
            assertThat(log.list)
                    .anyMatch(e -> e.getLevel() == Level.ERROR
                            && e.getFormattedMessage().contains("failed")
                            && e.getThrowableProxy() != null);
        }
    }

    @Test
    void anUnauthenticatedRegistryIsRefusedOnANonLoopbackAddress() {
        assertThatThrownBy(() ->
                        EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "0.0.0.0", 0, "_schemas_access_test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without authentication")
                .hasMessageContaining("montage.embedded.registry.users-file");

        RegistryUsers users = RegistryUsers.parse(List.of("montage: s3cret, write"), "users");
        try (EmbeddedSchemaRegistry everywhere = EmbeddedSchemaRegistry.start(
                kafka.bootstrapServers(),
                "0.0.0.0",
                0,
                "_schemas_access_test",
                new RegistryServerSettings(Optional.of(users), false, 64 * 1024))) {
            assertThat(everywhere.url().getPort()).isPositive();
        }
    }

    @Test
    void usersFilesWithMistakesAreRejectedWithTheLine() {
        assertThatThrownBy(() -> RegistryUsers.parse(List.of("montage s3cret"), "users.txt"))
                .hasMessageContaining("users.txt line 1");
        assertThatThrownBy(() -> RegistryUsers.parse(List.of("a: b", "c: d, admin"), "users.txt"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("role 'admin'");
        assertThatThrownBy(() -> RegistryUsers.parse(List.of("a: b", "a: c"), "users.txt"))
                .hasMessageContaining("a second time");
        assertThatThrownBy(() -> RegistryUsers.parse(List.of("# nobody"), "users.txt"))
                .hasMessageContaining("names no user");
    }

    private static void awaitSubject(RegistryHttp http, String subject) {
        Awaitility.await("the read-only registry to see subject " + subject)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> http.get("/subjects/" + subject + "/versions").status() == 200);
    }

    private static void release(ListAppender<ILoggingEvent> appender, Class<?> type) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(appender);
    }

    private static ListAppender<ILoggingEvent> capture(Class<?> type) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(type)).addAppender(appender);
        return appender;
    }
}
