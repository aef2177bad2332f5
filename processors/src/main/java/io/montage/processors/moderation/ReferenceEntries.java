package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import io.montage.schemas.avro.ReferenceEntry;
import io.montage.schemas.avro.ReferenceVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the contract's {@link ReferenceEntry} into the {@link Reference} the matcher compares. */
public final class ReferenceEntries {

    private ReferenceEntries() {}

    /**
     * @param key the entry's key on the reference-lists topic
     * @throws IllegalArgumentException when the entry cannot be matched, saying what to change
     */
    public static Reference read(String key, ReferenceEntry entry) {
        String expectedKey = Reference.key(entry.getList(), entry.getReferenceId());
        if (!expectedKey.equals(key)) {
            throw new IllegalArgumentException("its key is '" + key + "' but its list and referenceId make '"
                    + expectedKey + "'; write it under that key, or a removal by list and id would miss it");
        }
        if (entry.getPdqHash() == null && entry.getEmbedding() == null) {
            throw new IllegalArgumentException("it has neither a pdqHash nor an embedding, so nothing can match it");
        }
        if (entry.getPdqHash() == null && !entry.getPdqVariants().isEmpty()) {
            throw new IllegalArgumentException("it has pdqVariants but no pdqHash; put the original's hash in pdqHash");
        }
        List<PdqHash> hashes = new ArrayList<>();
        if (entry.getPdqHash() != null) {
            hashes.add(PdqHash.fromBytes(entry.getPdqHash().bytes()));
            entry.getPdqVariants().forEach(variant -> hashes.add(PdqHash.fromBytes(variant.bytes())));
        }
        Integer quality = entry.getPdqQuality();
        return new Reference(
                entry.getList(),
                entry.getReferenceId(),
                hashes,
                quality == null ? OptionalInt.empty() : OptionalInt.of(quality),
                Optional.ofNullable(entry.getEmbedding()).map(ReferenceEntries::embedding));
    }

    private static ReferenceEmbedding embedding(ReferenceVector vector) {
        List<Float> values = vector.getVector();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("its embedding has no values");
        }
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return new ReferenceEmbedding(
                new CosineVector(array), vector.getModality(), vector.getModel().getId());
    }
}
