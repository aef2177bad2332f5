package io.montage.schemas.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject as the registry reports it: {@code GET /subjects/{s}/versions/{v}} or
 * the answer to a lookup ({@code POST /subjects/{s}}).
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {}
