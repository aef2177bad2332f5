package io.montage.schemas.serde;

import java.util.Map;

/**
 * The serde settings, under the property names of Confluent's Avro serializers.
 *
 * @param autoRegisterSchemas register the record's schema when serializing (default true)
 * @param useLatestVersion when not auto-registering, write with the subject's latest schema
 * @param keySubjectNameStrategy subject naming for keys
 * @param valueSubjectNameStrategy subject naming for values
 */
public record AvroSerdeConfig(
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        SubjectNameStrategy keySubjectNameStrategy,
        SubjectNameStrategy valueSubjectNameStrategy) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    public static final AvroSerdeConfig DEFAULTS =
            new AvroSerdeConfig(true, false, SubjectNameStrategy.TOPIC_NAME, SubjectNameStrategy.TOPIC_NAME);

    public static AvroSerdeConfig fromProperties(Map<String, ?> properties) {
        return new AvroSerdeConfig(
                flag(properties, AUTO_REGISTER_SCHEMAS, DEFAULTS.autoRegisterSchemas()),
                flag(properties, USE_LATEST_VERSION, DEFAULTS.useLatestVersion()),
                strategy(properties, KEY_SUBJECT_NAME_STRATEGY),
                strategy(properties, VALUE_SUBJECT_NAME_STRATEGY));
    }

    public SubjectNameStrategy strategy(boolean isKey) {
        return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
    }

    private static boolean flag(Map<String, ?> properties, String name, boolean fallback) {
        Object value = properties.get(name);
        return value == null ? fallback : Boolean.parseBoolean(value.toString().trim());
    }

    private static SubjectNameStrategy strategy(Map<String, ?> properties, String name) {
        Object value = properties.get(name);
        if (value instanceof Class<?> type) {
            return SubjectNameStrategy.parse(type.getName());
        }
        return value == null ? SubjectNameStrategy.TOPIC_NAME : SubjectNameStrategy.parse(value.toString());
    }
}
