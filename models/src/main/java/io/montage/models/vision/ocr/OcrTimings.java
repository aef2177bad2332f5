package io.montage.models.vision.ocr;

/** Where the time of one image went, in nanoseconds: detection (pre-process, model, DB post-process), crops + angle classifier, recognition. */
public record OcrTimings(long detectNanos, long classifyNanos, long recognizeNanos) {

    public long totalNanos() {
        return detectNanos + classifyNanos + recognizeNanos;
    }
}
