package io.montage.schemas.serde;

import java.util.Locale;
import org.apache.avro.Schema;

/**
 * How a topic and record map to a registry subject, with Confluent's three strategies. Accepts
 * Confluent's class names in configuration ({@code io.confluent...RecordNameStrategy}) so existing
 * client settings carry over.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME,
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several record types per topic, each with a lineage. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** Parses {@code TOPIC_NAME}, {@code TopicNameStrategy} or Confluent's full class name. */
    public static SubjectNameStrategy parse(String text) {
        String simple = text.substring(text.lastIndexOf('.') + 1).trim();
        String normalized = simple.replace("Strategy", "")
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT);
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.name().equals(normalized)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("Unknown subject name strategy '" + text + "'; use"
                + " TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
}
