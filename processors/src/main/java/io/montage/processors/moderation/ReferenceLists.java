package io.montage.processors.moderation;

import java.util.function.Consumer;

/** Every entry of every reference list, as they stand now. */
@FunctionalInterface
public interface ReferenceLists {

    void forEach(Consumer<Reference> entry);
}
