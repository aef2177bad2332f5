package io.montage.models.vision.preprocess;

/** How a preprocessor_config.json's {@code size} sets the resized image's dimensions. */
public sealed interface ResizeTarget {

    /** The resized width and height for an input of {@code width}×{@code height}. */
    Size sizeFor(int width, int height);

    /**
     * {@code "size": {"shortest_edge": n}}: the shorter side becomes n, the longer keeps the aspect ratio,
     * truncated as Hugging Face's {@code get_resize_output_image_size} truncates ({@code int(n * long / short)}).
     */
    record ShortestEdge(int edge) implements ResizeTarget {
        public ShortestEdge {
            if (edge < 1) {
                throw new IllegalArgumentException("shortest_edge must be >= 1, got " + edge);
            }
        }

        @Override
        public Size sizeFor(int width, int height) {
            int shortSide = Math.min(width, height);
            int longSide = Math.max(width, height);
            int newLong = (int) ((double) edge * longSide / shortSide);
            return width <= height ? new Size(edge, newLong) : new Size(newLong, edge);
        }
    }

    /** {@code "size": {"height": h, "width": w}}: both sides set, aspect ratio not kept. */
    record Exact(Size size) implements ResizeTarget {
        @Override
        public Size sizeFor(int width, int height) {
            return size;
        }
    }
}
