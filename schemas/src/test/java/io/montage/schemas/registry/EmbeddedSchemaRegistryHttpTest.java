package io.montage.schemas.registry;

import static io.montage.schemas.registry.RegistryHttp.parse;
import static io.montage.schemas.registry.RegistryHttp.schemaBody;
import static io.montage.schemas.registry.TestSchemas.ORDER;
import static io.montage.schemas.registry.TestSchemas.USER_REQUIRED_EMAIL;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static org.assertj.core.api.Assertions.assertThat;

import io.montage.schemas.InProcessKafka;
import io.montage.schemas.registry.RegistryHttp.Answer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded registry's REST API, byte for byte as the Confluent Schema Registry API reference
 * documents it: paths, status codes, JSON shapes and error codes.
 */
class EmbeddedSchemaRegistryHttpTest {

    private static final AtomicInteger subjects = new AtomicInteger();
    private static InProcessKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    private String subject;

    @BeforeAll
    static void startRegistry() throws Exception {
        kafka = InProcessKafka.start();
        registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "127.0.0.1", 0, "_schemas_http_test");
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @BeforeEach
    void newSubject() {
        subject = "http-" + subjects.incrementAndGet() + "-value";
    }

    private int register(String schema) {
        Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().get("id").asInt();
    }

    private static String canonical(String schema) {
        return TestSchemas.parse(schema).toString();
    }

    @Test
    void rootAnswersAnEmptyObject() {
        assertThat(http.get("/")).isEqualTo(new Answer(200, parse("{}"), "application/vnd.schemaregistry.v1+json"));
    }

    @Test
    void registrationAnswersOnlyTheId() {
        Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(USER_V1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(parse("{\"id\": " + answer.body().get("id") + "}"));
        assertThat(answer.body().get("id").asInt()).isPositive();
    }

    @Test
    void schemaByIdAnswersTheCanonicalSchemaText() {
        int id = register(USER_V1);

        Answer answer = http.get("/schemas/ids/" + id);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(parse(schemaBody(canonical(USER_V1))));
    }

    @Test
    void subjectVersionAnswersSubjectVersionIdAndSchema() {
        register(USER_V1);
        int id = register(USER_V2);
        String expected = "{\"subject\": \"" + subject + "\", \"version\": 2, \"id\": " + id + ", \"schema\": "
                + parse(schemaBody(canonical(USER_V2))).get("schema") + "}";

        assertThat(http.get("/subjects/" + subject + "/versions/2").body()).isEqualTo(parse(expected));
        assertThat(http.get("/subjects/" + subject + "/versions/latest").body()).isEqualTo(parse(expected));
        assertThat(http.get("/subjects/" + subject + "/versions/-1").body()).isEqualTo(parse(expected));
    }

    @Test
    void versionSchemaAnswersTheRawSchema() {
        register(USER_V1);

        Answer answer = http.get("/subjects/" + subject + "/versions/1/schema");

        assertThat(answer.body()).isEqualTo(parse(USER_V1));
    }

    @Test
    void versionsAndSubjectsAreListed() {
        register(USER_V1);
        register(USER_V2);

        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo(parse("[1, 2]"));
        assertThat(http.get("/subjects").body()).contains(parse("\"" + subject + "\""));
    }

    @Test
    void schemaTypesAreAvroOnly() {
        assertThat(http.get("/schemas/types").body()).isEqualTo(parse("[\"AVRO\"]"));
    }

    @Test
    void subjectsOfAnIdListEverySubjectUsingIt() {
        int id = register(ORDER);
        http.post("/subjects/" + subject + "-twin/versions", schemaBody(ORDER));

        assertThat(http.get("/schemas/ids/" + id + "/subjects").body())
                .contains(parse("\"" + subject + "\""), parse("\"" + subject + "-twin\""));
    }

    @Test
    void whitespaceDoesNotMakeANewSchema() {
        int id = register(USER_V1);

        assertThat(register(canonical(USER_V1))).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo(parse("[1]"));
    }

    @Test
    void lookupAnswersTheVersionHoldingTheSchema() {
        int id = register(USER_V1);

        Answer answer = http.post("/subjects/" + subject, schemaBody(USER_V1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("subject").asText()).isEqualTo(subject);
        assertThat(answer.body().get("version").asInt()).isEqualTo(1);
        assertThat(answer.body().get("id").asInt()).isEqualTo(id);
        assertThat(answer.body().get("schema").asText()).isEqualTo(canonical(USER_V1));
    }

    @Test
    void lookupErrorsAre40401ForAnUnknownSubjectAnd40403ForAnUnknownSchema() {
        register(USER_V1);

        assertError(http.post("/subjects/" + subject + "-none", schemaBody(USER_V1)), 404, 40401);
        assertError(http.post("/subjects/" + subject, schemaBody(ORDER)), 404, 40403);
    }

    @Test
    void missingThingsAre404WithTheirOwnErrorCodes() {
        register(USER_V1);

        assertError(http.get("/subjects/" + subject + "-none/versions"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/9"), 404, 40402);
        assertError(http.get("/schemas/ids/99999"), 404, 40403);
        assertError(http.get("/no/such/path"), 404, 404);
    }

    @Test
    void anInvalidVersionIs42202() {
        register(USER_V1);

        assertError(http.get("/subjects/" + subject + "/versions/0"), 422, 42202);
        assertError(http.get("/subjects/" + subject + "/versions/first"), 422, 42202);
    }

    @Test
    void invalidSchemasAre42201() {
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody("{\"type\": \"rec")), 422, 42201);
        assertError(
                http.post(
                        "/subjects/" + subject + "/versions",
                        "{\"schema\": \"syntax = \\\"proto3\\\";\", \"schemaType\": \"PROTOBUF\"}"),
                422,
                42201);
        assertError(http.post("/subjects/" + subject + "/versions", "{}"), 422, 42201);
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        assertError(http.post("/subjects/" + subject + "/versions", "not json"), 400, 400);
    }

    @Test
    void aBackwardIncompatibleSchemaIs409WithErrorCode409() {
        register(USER_V1);

        Answer answer = http.post("/subjects/" + subject + "/versions", schemaBody(USER_REQUIRED_EMAIL));

        assertError(answer, 409, 409);
        assertThat(answer.body().get("message").asText()).contains(subject).contains("default");
    }

    @Test
    void compatibilityEndpointAnswersIsCompatible() {
        register(USER_V1);
        String path = "/compatibility/subjects/" + subject + "/versions/latest";

        assertThat(http.post(path, schemaBody(USER_V2)).body()).isEqualTo(parse("{\"is_compatible\": true}"));
        assertThat(http.post(path, schemaBody(USER_REQUIRED_EMAIL)).body())
                .isEqualTo(parse("{\"is_compatible\": false}"));
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/1", schemaBody(USER_V2))
                        .body())
                .isEqualTo(parse("{\"is_compatible\": true}"));
    }

    @Test
    void compatibilityWithAnEmptySubjectIsTrueForLatestAndMissingForAVersion() {
        assertThat(http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(USER_V1))
                        .body())
                .isEqualTo(parse("{\"is_compatible\": true}"));
        assertError(http.post("/compatibility/subjects/" + subject + "/versions/1", schemaBody(USER_V1)), 404, 40401);
    }

    @Test
    void subjectConfigIsSetAndReadBack() {
        assertThat(http.put("/config/" + subject, "{\"compatibility\": \"FORWARD\"}")
                        .body())
                .isEqualTo(parse("{\"compatibility\": \"FORWARD\"}"));

        assertThat(http.get("/config/" + subject).body()).isEqualTo(parse("{\"compatibilityLevel\": \"FORWARD\"}"));
    }

    @Test
    void subjectWithoutConfigIs40408UnlessDefaultToGlobal() {
        assertError(http.get("/config/" + subject), 404, 40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").body())
                .isEqualTo(http.get("/config").body());
    }

    @Test
    void globalConfigDefaultsToBackwardAndCanBeChanged() {
        assertThat(http.get("/config").body()).isEqualTo(parse("{\"compatibilityLevel\": \"BACKWARD\"}"));
        try {
            assertThat(http.put("/config", "{\"compatibility\": \"full_transitive\"}")
                            .body())
                    .isEqualTo(parse("{\"compatibility\": \"FULL_TRANSITIVE\"}"));
            assertThat(http.get("/config").body()).isEqualTo(parse("{\"compatibilityLevel\": \"FULL_TRANSITIVE\"}"));
        } finally {
            http.put("/config", "{\"compatibility\": \"BACKWARD\"}");
        }
    }

    @Test
    void anUnknownCompatibilityLevelIs42203() {
        assertError(http.put("/config", "{\"compatibility\": \"SIDEWAYS\"}"), 422, 42203);
        assertError(http.put("/config/" + subject, "{}"), 422, 42203);
    }

    @Test
    void levelNoneLetsAnIncompatibleSchemaIn() {
        register(USER_V1);
        http.put("/config/" + subject, "{\"compatibility\": \"NONE\"}");

        assertThat(register(USER_REQUIRED_EMAIL)).isPositive();
    }

    @Test
    void deleteSoftDeletesEveryVersionAndReRegistrationKeepsTheId() {
        int id = register(USER_V1);
        register(USER_V2);

        assertThat(http.delete("/subjects/" + subject).body()).isEqualTo(parse("[1, 2]"));

        assertThat(http.get("/subjects").body()).doesNotContain(parse("\"" + subject + "\""));
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40404);
        assertThat(register(USER_V1)).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo(parse("[3]"));
    }

    @Test
    void permanentDeletionIsRefusedRatherThanSilentlySoft() {
        register(USER_V1);

        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 400, 400);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo(parse("[1]"));
    }

    @Test
    void deletingAnUnknownSubjectIs40401() {
        assertError(http.delete("/subjects/" + subject), 404, 40401);
    }

    @Test
    void subjectNamesAreUrlDecoded() {
        subject = "odd name/with+chars";
        String encoded = "odd%20name%2Fwith%2Bchars";

        int id = http.post("/subjects/" + encoded + "/versions", schemaBody(ORDER))
                .body()
                .get("id")
                .asInt();

        assertThat(http.get("/subjects/" + encoded + "/versions/1")
                        .body()
                        .get("id")
                        .asInt())
                .isEqualTo(id);
        assertThat(http.get("/subjects").body()).contains(parse("\"odd name/with+chars\""));
    }

    @Test
    void wrongMethodIs405() {
        assertError(http.send("PATCH", "/subjects", null), 405, 405);
    }

    private static void assertError(Answer answer, int status, int errorCode) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.errorCode()).as(answer.body().toString()).isEqualTo(errorCode);
        assertThat(answer.body().get("message").asText()).isNotBlank();
        assertThat(answer.body().size()).isEqualTo(2);
    }
}
