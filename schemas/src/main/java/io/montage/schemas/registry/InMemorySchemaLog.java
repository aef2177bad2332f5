package io.montage.schemas.registry;

/**
 * A {@link SchemaLog} that applies each entry to the state as it is written and keeps nothing
 * else: with a single writer in one process there is no one to catch up with, and nothing
 * survives the process.
 */
final class InMemorySchemaLog implements SchemaLog {

    private final SchemaRegistryState state;

    InMemorySchemaLog(SchemaRegistryState state) {
        this.state = state;
    }

    @Override
    public void catchUp() {
        // Every entry was applied by the write that made it; no other writer exists.
    }

    @Override
    public void write(SchemaLogEntry entry) {
        state.apply(entry);
    }
}
