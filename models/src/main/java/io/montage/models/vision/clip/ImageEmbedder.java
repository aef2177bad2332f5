package io.montage.models.vision.clip;

import io.montage.models.batching.Timed;
import java.awt.image.BufferedImage;
import java.util.List;

/** Turns an image into a unit-length vector; cosine similarity is then a dot product. Thread-safe. */
public interface ImageEmbedder extends AutoCloseable {

    float[] embedImage(BufferedImage image);

    /** Like {@link #embedImage}, with the queue wait, model run time and batch size of the call that made it. */
    Timed<float[]> embedImageTimed(BufferedImage image);

    /** Embeds all images, batched together; results are in input order. */
    List<float[]> embedImages(List<BufferedImage> images);

    /** Like {@link #embedImages}, with each vector's queue wait, model run time and batch size. */
    List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images);

    int dimension();

    /** Catalog id of the model that made the vectors, for the output record. */
    String modelId();

    @Override
    void close();
}
