package io.montage.schemas.registry;

import static io.montage.schemas.registry.RegistryHttp.parse;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it treats failures, checked against a stub server. */
class RestSchemaRegistryClientTest {

    private static final Schema USER = TestSchemas.parse(USER_V1);
    /** The body of GET /schemas/ids/{id}: the same shape as a registration request. */
    private static final String SCHEMA_BY_ID = RegistryHttp.schemaBody(USER.toString());

    private final StubRegistryServer stub = new StubRegistryServer();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    @Test
    void registrationPostsTheSchemaWithTheConfluentContentTypeAndNoSchemaType() {
        stub.answer("POST /subjects/users-value/versions", 200, "{\"id\": 7}");

        int id = RestSchemaRegistryClient.forUrls(stub.url()).register("users-value", USER);

        assertThat(id).isEqualTo(7);
        StubRegistryServer.Received request = stub.received().get(0);
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        assertThat(parse(request.body())).isEqualTo(parse(RegistryHttp.schemaBody(USER.toString())));
    }

    @Test
    void idsAndRegistrationsAreFetchedOnceAndThenServedFromCache() {
        stub.answer("GET /schemas/ids/3", 200, SCHEMA_BY_ID)
                .answer("POST /subjects/users-value/versions", 200, "{\"id\": 3}");
        SchemaRegistryClient client = RestSchemaRegistryClient.forUrls(stub.url());

        for (int i = 0; i < 3; i++) {
            assertThat(client.schemaById(3)).isEqualTo(USER);
            assertThat(client.register("users-value", USER)).isEqualTo(3);
        }

        assertThat(stub.received()).hasSize(2);
    }

    @Test
    void aRegisteredSchemaIsKnownByIdWithoutAnotherCall() {
        stub.answer("POST /subjects/users-value/versions", 200, "{\"id\": 4}");
        SchemaRegistryClient client = RestSchemaRegistryClient.forUrls(stub.url());

        client.register("users-value", USER);

        assertThat(client.schemaById(4)).isEqualTo(USER);
        assertThat(stub.received()).hasSize(1);
    }

    @Test
    void basicAuthUserInfoIsSentAsBasicAuthorization() {
        stub.answer("GET /subjects", 200, "[\"a\"]");
        SchemaRegistryClient client = RestSchemaRegistryClient.fromProperties(Map.of(
                "schema.registry.url", stub.url(),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "montage:s3cret"));

        assertThat(client.subjects()).containsExactly("a");

        assertThat(stub.received().get(0).authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString("montage:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void registryErrorsCarryStatusErrorCodeAndMessage() {
        stub.answer("GET /schemas/ids/9", 404, "{\"error_code\": 40403, \"message\": \"Schema 9 not found\"}");

        assertThatThrownBy(() -> RestSchemaRegistryClient.forUrls(stub.url()).schemaById(9))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.getMessage()).contains("Schema 9 not found").contains("/schemas/ids/9");
                });
    }

    @Test
    void anUnauthorizedAnswerPointsAtTheCredentials() {
        stub.answer("GET /subjects", 401, "Unauthorized");

        assertThatThrownBy(() -> RestSchemaRegistryClient.forUrls(stub.url()).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("basic.auth.user.info");
                });
    }

    @Test
    void anUnreachableRegistryGetsAMessageSayingWhatToCheck() throws IOException {
        String deadUrl = "http://127.0.0.1:" + freePort();

        assertThatThrownBy(() -> RestSchemaRegistryClient.forUrls(deadUrl).subjects())
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(SchemaRegistryException.UNREACHABLE);
                    assertThat(e.getMessage())
                            .contains("Schema registry at " + deadUrl + " is unreachable")
                            .contains("is it running?")
                            .contains("schema.registry.url");
                });
    }

    @Test
    void anUnreachableUrlFailsOverToTheNextOne() throws IOException {
        stub.answer("GET /subjects", 200, "[\"x\"]");
        String urls = "http://127.0.0.1:" + freePort() + ", " + stub.url() + "/";

        assertThat(RestSchemaRegistryClient.forUrls(urls).subjects()).containsExactly("x");
    }

    @Test
    void subjectsAreUrlEncodedInPaths() {
        stub.answer("GET /subjects/a%20b%2Fc/versions", 200, "[1]");

        assertThat(RestSchemaRegistryClient.forUrls(stub.url()).versions("a b/c"))
                .containsExactly(1);
    }

    @Test
    void aRegistryWithoutDefaultToGlobalFallsBackToTheGlobalLevel() {
        stub.answer(
                        "GET /config/a-value?defaultToGlobal=true",
                        404,
                        "{\"error_code\": 40401, \"message\": \"Subject not found\"}")
                .answer("GET /config", 200, "{\"compatibilityLevel\": \"FULL\"}");

        assertThat(RestSchemaRegistryClient.forUrls(stub.url()).subjectCompatibility("a-value"))
                .isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void aMissingUrlIsAConfigurationErrorNamingTheProperty() {
        assertThatThrownBy(() -> RestSchemaRegistryClient.fromProperties(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
