package io.montage.schemas.registry;

import static io.montage.schemas.registry.TestSchemas.ORDER;
import static io.montage.schemas.registry.TestSchemas.USER_REQUIRED_EMAIL;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static io.montage.schemas.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.InProcessKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One script of calls, successes and failures, gives the same answers from
 * {@link InMemorySchemaRegistryClient} as from {@link RestSchemaRegistryClient} talking to a new
 * {@link EmbeddedSchemaRegistry}: the same ids and versions, and errors with the same status,
 * error code and server message (only the request suffix names a different place).
 */
class InMemoryClientMatchesEmbeddedRegistryTest {

    private static InProcessKafka kafka;
    private static EmbeddedSchemaRegistry embedded;

    @BeforeAll
    static void startRegistry() throws Exception {
        kafka = InProcessKafka.start();
        embedded = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, "_schemas_parity_test");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (embedded != null) {
            embedded.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void answersAndErrorsAreThoseOfTheEmbeddedRegistry() {
        List<String> overHttp =
                script(RestSchemaRegistryClient.forUrls(embedded.url().toString()));
        List<String> inMemory = script(new InMemorySchemaRegistryClient());

        assertThat(inMemory).containsExactlyElementsOf(overHttp);
    }

    /** Runs every call on {@code client}, writing down each answer or each error's details. */
    private static List<String> script(SchemaRegistryClient client) {
        List<Function<SchemaRegistryClient, Object>> calls = List.of(
                c -> c.register("users-value", parse(USER_V1)),
                c -> c.register("users-value", parse(USER_V2)),
                c -> c.register("orders-value", parse(ORDER)),
                c -> c.register("orders-copy-value", parse(ORDER)),
                c -> c.register("users-value", parse(USER_REQUIRED_EMAIL)),
                c -> c.isCompatible("users-value", parse(USER_REQUIRED_EMAIL)),
                c -> c.isCompatible("new-value", parse(USER_REQUIRED_EMAIL)),
                c -> c.lookup("users-value", parse(USER_V2)),
                c -> c.lookup("users-value", parse(ORDER)),
                c -> c.lookup("missing-value", parse(ORDER)),
                c -> c.version("users-value", 1),
                c -> c.version("users-value", 9),
                c -> c.version("users-value", 0),
                c -> c.latestVersion("missing-value"),
                c -> c.versions("users-value"),
                c -> c.schemaById(2),
                c -> c.schemaById(987_654),
                c -> c.subjects(),
                c -> c.deleteSubject("orders-copy-value"),
                c -> c.deleteSubject("orders-copy-value"),
                c -> c.deleteSubject("never-registered-value"),
                c -> c.register("orders-copy-value", parse(ORDER)),
                c -> c.versions("orders-copy-value"),
                c -> c.subjectCompatibility("users-value"),
                c -> {
                    c.setSubjectCompatibility("users-value", CompatibilityLevel.NONE);
                    return c.register("users-value", parse(USER_REQUIRED_EMAIL));
                },
                c -> c.subjectCompatibility("users-value"),
                c -> c.globalCompatibility());
        List<String> answers = new ArrayList<>();
        for (Function<SchemaRegistryClient, Object> call : calls) {
            answers.add(answerOf(client, call));
        }
        return answers;
    }

    private static String answerOf(SchemaRegistryClient client, Function<SchemaRegistryClient, Object> call) {
        try {
            return String.valueOf(call.apply(client));
        } catch (SchemaRegistryException e) {
            String message = e.getMessage();
            String serverMessage = message.substring(0, message.lastIndexOf(" ("));
            return e.httpStatus() + " " + e.errorCode() + " " + serverMessage;
        }
    }
}
