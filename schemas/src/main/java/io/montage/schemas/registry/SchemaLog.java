package io.montage.schemas.registry;

/**
 * Where {@link RegistryService} records its changes. The service reads only from
 * {@link SchemaRegistryState}, so a log must have applied an entry to that state before
 * {@link #write} returns: that is what lets the service check a write by reading it back.
 */
interface SchemaLog {

    /** Waits until every entry written so far, by any writer of the log, has been applied. */
    void catchUp();

    /** Records {@code entry} and returns once it has been applied to the state. */
    void write(SchemaLogEntry entry);
}
