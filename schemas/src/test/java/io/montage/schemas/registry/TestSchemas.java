package io.montage.schemas.registry;

import org.apache.avro.Schema;

/** Test-only Avro schemas: one lineage with a compatible and an incompatible successor. */
final class TestSchemas {

    /** Version 1: a user with a name. */
    static final String USER_V1 = """
      {"type": "record", "name": "User", "namespace": "test.registry",
       "fields": [{"name": "name", "type": "string"}]}""";

    /** Version 2: adds a field with a default, so it reads version 1 data (backward compatible). */
    static final String USER_V2 = """
      {"type": "record", "name": "User", "namespace": "test.registry",
       "fields": [{"name": "name", "type": "string"},
                  {"name": "age", "type": "int", "default": 0}]}""";

    /** Adds a field without a default: it cannot read version 1 data (backward incompatible). */
    static final String USER_REQUIRED_EMAIL = """
      {"type": "record", "name": "User", "namespace": "test.registry",
       "fields": [{"name": "name", "type": "string"},
                  {"name": "email", "type": "string"}]}""";

    /** An unrelated schema. */
    static final String ORDER = """
      {"type": "record", "name": "Order", "namespace": "test.registry",
       "fields": [{"name": "id", "type": "long"}]}""";

    private TestSchemas() {}

    static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
