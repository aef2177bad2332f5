package io.montage.schemas.registry;

/**
 * One subject version as kept in the registry's topic and memory.
 *
 * @param schema the schema's canonical text (Avro's {@code Schema.toString()} of the parsed
 *     schema), so the same schema written with other whitespace is recognised as the same
 * @param deleted whether the version was soft-deleted
 * @param writer a token unique to the write that produced this entry; lets a registry instance
 *     recognise its own write after reading it back from the topic
 */
record StoredSchema(String subject, int version, int id, String schema, boolean deleted, String writer) {

    StoredSchema asDeleted(String deleteWriter) {
        return new StoredSchema(subject, version, id, schema, true, deleteWriter);
    }
}
