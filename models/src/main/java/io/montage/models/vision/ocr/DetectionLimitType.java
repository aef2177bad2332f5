package io.montage.models.vision.ocr;

/** How the detector's resize limit applies (det_limit_type in PaddleOCR's tools/infer/utility.py). */
public enum DetectionLimitType {
    /** Shrink so the longer side is at most the limit; PP-OCR's default. */
    MAX,
    /** Enlarge so the shorter side is at least the limit. */
    MIN
}
