package io.montage.topology.web;

import io.montage.schemas.avro.MediaKind;
import java.util.Map;
import java.util.Optional;

/**
 * The content type the web view serves an upload with, from what the probe found in its bytes. The
 * producer's declared type is not used: the contract makes it informational, and trusting it would
 * let an uploader have its bytes served as {@code text/html} or {@code image/svg+xml}. Only formats
 * a browser plays or shows as media are listed; anything else is not served at all.
 */
final class MediaTypes {

    private static final Map<String, String> PICTURES = Map.of(
            "jpeg", "image/jpeg",
            "png", "image/png",
            "gif", "image/gif",
            "webp", "image/webp",
            "avif", "image/avif",
            "heif", "image/heif",
            "bmp", "image/bmp",
            "tiff", "image/tiff");
    private static final Map<String, String> SOUNDS = Map.of(
            "mp3", "audio/mpeg",
            "ogg", "audio/ogg",
            "wav", "audio/wav",
            "flac", "audio/flac",
            "m4a", "audio/mp4",
            "matroska", "audio/webm",
            "webm", "audio/webm");
    private static final Map<String, String> VIDEOS = Map.of(
            "mp4", "video/mp4",
            "mov", "video/quicktime",
            "matroska", "video/webm",
            "webm", "video/webm",
            "ogg", "video/ogg");

    private MediaTypes() {}

    /** The type to serve media of {@code kind} in probe format {@code format} with; empty: not served. */
    static Optional<String> of(MediaKind kind, String format) {
        if (format == null) {
            return Optional.empty();
        }
        Map<String, String> types =
                switch (kind) {
                    case IMAGE -> PICTURES;
                    case AUDIO -> SOUNDS;
                    case VIDEO -> VIDEOS;
                    case UNKNOWN -> Map.of();
                };
        return Optional.ofNullable(types.get(format));
    }
}
