package io.montage.schemas.registry;

import static io.montage.schemas.registry.TestSchemas.ORDER;
import static io.montage.schemas.registry.TestSchemas.USER_REQUIRED_EMAIL;
import static io.montage.schemas.registry.TestSchemas.USER_V1;
import static io.montage.schemas.registry.TestSchemas.USER_V2;
import static io.montage.schemas.registry.TestSchemas.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What a {@link SchemaRegistryClient} must do against any Confluent-compatible registry, written
 * from the Confluent Schema Registry API reference: {@link RestSchemaRegistryClient} against
 * Confluent's and the embedded registry, and {@link InMemorySchemaRegistryClient}. Subclasses
 * supply the clients; each test uses its own subjects, so tests do not depend on each other.
 */
abstract class SchemaRegistryClientContract {

    private static final AtomicInteger subjects = new AtomicInteger();

    private SchemaRegistryClient client;
    private String subject;

    /** A new client of the registry under test, with nothing cached. */
    protected abstract SchemaRegistryClient newClient();

    @BeforeEach
    void newClientAndSubject(TestInfo test) {
        client = newClient();
        subject = test.getTestMethod().orElseThrow().getName() + "-" + subjects.incrementAndGet() + "-value";
    }

    /** A client without caches, so answers come from the registry itself. */
    private SchemaRegistryClient freshClient() {
        return newClient();
    }

    @Test
    void registeringTheSameSchemaTwiceReturnsTheSameIdAndOneVersion() {
        int first = client.register(subject, parse(USER_V1));
        int second = freshClient().register(subject, parse(USER_V1));

        assertThat(second).isEqualTo(first);
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void anIdenticalSchemaUnderAnotherSubjectGetsTheSameGlobalId() {
        int id = client.register(subject, parse(ORDER));

        assertThat(client.register(subject + "-other", parse(ORDER))).isEqualTo(id);
    }

    @Test
    void schemaByIdReturnsTheRegisteredSchema() {
        int id = client.register(subject, parse(USER_V1));

        assertThat(freshClient().schemaById(id)).isEqualTo(parse(USER_V1));
    }

    @Test
    void unknownSchemaIdIsReportedAs40403() {
        assertThatThrownBy(() -> client.schemaById(987_654))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                });
    }

    @Test
    void lookupFindsARegisteredSchemaWithItsVersionAndId() {
        client.register(subject, parse(USER_V1));
        int id = client.register(subject, parse(USER_V2));

        RegisteredSchema found = freshClient().lookup(subject, parse(USER_V2));

        assertThat(found).isEqualTo(new RegisteredSchema(subject, 2, id, parse(USER_V2)));
    }

    @Test
    void lookupOfAnUnregisteredSchemaIs40403AndOfAnUnknownSubject40401() {
        client.register(subject, parse(USER_V1));

        assertThatThrownBy(() -> client.lookup(subject, parse(USER_V2)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40403));
        assertThatThrownBy(() -> client.lookup(subject + "-missing", parse(USER_V1)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40401));
    }

    @Test
    void versionsAreNumberedFromOneAndLatestIsTheNewest() {
        int v1 = client.register(subject, parse(USER_V1));
        int v2 = client.register(subject, parse(USER_V2));

        assertThat(client.versions(subject)).containsExactly(1, 2);
        assertThat(client.version(subject, 1)).isEqualTo(new RegisteredSchema(subject, 1, v1, parse(USER_V1)));
        assertThat(client.latestVersion(subject)).isEqualTo(new RegisteredSchema(subject, 2, v2, parse(USER_V2)));
    }

    @Test
    void unknownSubjectIs40401AndUnknownVersion40402() {
        client.register(subject, parse(USER_V1));

        assertThatThrownBy(() -> client.versions(subject + "-missing"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40401));
        assertThatThrownBy(() -> client.version(subject, 7))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40402));
    }

    @Test
    void aBackwardIncompatibleSchemaIsRejectedWith409() {
        client.register(subject, parse(USER_V1));

        assertThatThrownBy(() -> client.register(subject, parse(USER_REQUIRED_EMAIL)))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                });
        assertThat(client.versions(subject)).containsExactly(1);
    }

    @Test
    void compatibilityCheckAcceptsADefaultedFieldAndRejectsARequiredOne() {
        client.register(subject, parse(USER_V1));

        assertThat(client.isCompatible(subject, parse(USER_V2))).isTrue();
        assertThat(client.isCompatible(subject, parse(USER_REQUIRED_EMAIL))).isFalse();
    }

    @Test
    void subjectCompatibilityNoneAllowsAnyChange() {
        client.register(subject, parse(USER_V1));

        client.setSubjectCompatibility(subject, CompatibilityLevel.NONE);

        assertThat(client.subjectCompatibility(subject)).isEqualTo(CompatibilityLevel.NONE);
        assertThat(client.register(subject, parse(USER_REQUIRED_EMAIL))).isPositive();
    }

    @Test
    void subjectWithoutItsOwnLevelReportsTheGlobalOne() {
        client.register(subject, parse(USER_V1));

        assertThat(client.subjectCompatibility(subject)).isEqualTo(client.globalCompatibility());
    }

    @Test
    void globalCompatibilityCanBeChanged() {
        CompatibilityLevel before = client.globalCompatibility();
        try {
            client.setGlobalCompatibility(CompatibilityLevel.FULL);
            assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.FULL);
        } finally {
            client.setGlobalCompatibility(before);
        }
    }

    @Test
    void subjectsListsRegisteredSubjectsAndDeleteRemovesThem() {
        client.register(subject, parse(USER_V1));
        client.register(subject, parse(USER_V2));
        assertThat(client.subjects()).contains(subject);

        assertThat(client.deleteSubject(subject)).containsExactly(1, 2);

        assertThat(client.subjects()).doesNotContain(subject);
        assertThatThrownBy(() -> client.versions(subject))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode())
                        .isEqualTo(40401));
    }

    @Test
    void registryErrorsCarryTheRegistrysMessage() {
        assertThatThrownBy(() -> client.latestVersion(subject + "-missing"))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.getMessage()).contains(subject + "-missing");
                });
    }
}
