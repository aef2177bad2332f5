package io.montage.models.media;

import io.montage.models.vision.hash.PdqResult;

/**
 * What the probe learned about an upload that decoded successfully. Fields that do not apply to
 * the kind are {@code null} (an image has no duration, audio has no width).
 *
 * @param kind           image, audio or video, from the streams found
 * @param format         short container name: "png", "jpeg", "webp", "gif", "heif", "wav", "mp3",
 *                       "ogg", "flac", "m4a", "mp4", "mov", "matroska"…
 * @param codec          codec of the main stream: the video stream for images and video, else audio
 * @param width          picture width in pixels (images and video)
 * @param height         picture height in pixels (images and video)
 * @param durationMicros duration in microseconds as the container declares it (audio and video)
 * @param sampleRate     audio sample rate in Hz (audio, and video with a sound track)
 * @param channels       audio channel count (audio, and video with a sound track)
 * @param sizeBytes      size of the upload
 * @param sha256Hex      lower-case hex SHA-256 of the upload's bytes
 * @param perceptualHash 64-bit DCT pHash of the picture (video: of its first frame); compare with
 *                       {@link DctPerceptualHash#distance(long, long)}
 * @param frameCount     1 for images, the declared frame count for video if the container knows it
 * @param pdq            256-bit PDQ hash and its quality (images; video: its first frame), with
 *                       uniform border bands trimmed first so framed copies match; null for audio
 */
public record MediaInfo(
        ContentKind kind,
        String format,
        String codec,
        Integer width,
        Integer height,
        Long durationMicros,
        Integer sampleRate,
        Integer channels,
        long sizeBytes,
        String sha256Hex,
        Long perceptualHash,
        Integer frameCount,
        PdqResult pdq) {}
