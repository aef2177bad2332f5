package io.montage.models.media;

/**
 * What an image file's own header declares, read without decoding a pixel.
 *
 * @param format   "png", "jpeg", "gif" or "webp"
 * @param width    declared width in pixels; 0 when the data ends before the header declares it
 * @param height   declared height in pixels; 0 when the data ends before the header declares it
 * @param complete whether the file's structure reaches its end marker (PNG IEND, JPEG EOI after
 *                 the scan, the GIF trailer, a WebP RIFF size that fits the data); false means it
 *                 was cut short. Data after the end marker does not count against it.
 */
record ImageHeader(String format, long width, long height, boolean complete) {}
