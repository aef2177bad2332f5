package io.montage.processors.stage;

import java.util.ArrayList;
import java.util.List;

/** Avro's array<float> is a List<Float> in Java; embeddings arrive as float[]. */
public final class AvroVector {

    private AvroVector() {}

    public static List<Float> of(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }
}
