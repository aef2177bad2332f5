package io.montage.models.media;

import java.util.Locale;
import java.util.Set;

/** Kind and short format name from parsed streams; file names are never consulted. */
final class MediaClassifier {

    // Demuxers that carry exactly one picture (animated GIF/APNG count as their first frame).
    private static final Set<String> IMAGE_DEMUXERS = Set.of(
            "png_pipe",
            "jpeg_pipe",
            "webp_pipe",
            "gif",
            "image2",
            "apng",
            "bmp_pipe",
            "tiff_pipe",
            "jpegxl_pipe",
            "jpegls_pipe",
            "qoi_pipe",
            "pam_pipe",
            "ppm_pipe",
            "pgm_pipe",
            "svg_pipe");
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "mif1", "msf1");

    private MediaClassifier() {}

    /** The kind, or null when there is neither a video nor an audio stream. */
    static ContentKind kindOf(MediaFacts facts) {
        if (facts.hasVideo()) {
            boolean singlePicture = IMAGE_DEMUXERS.contains(facts.demuxer())
                    || facts.videoFrames() == 1
                    || (facts.videoFrames() <= 0 && !facts.knowsDuration());
            return singlePicture ? ContentKind.IMAGE : ContentKind.VIDEO;
        }
        return facts.hasAudio() ? ContentKind.AUDIO : null;
    }

    static String formatOf(MediaFacts facts, ContentKind kind) {
        String demuxer = facts.demuxer();
        if (demuxer.startsWith("mov,")) {
            return isoMediaFormat(facts.majorBrand().strip().toLowerCase(Locale.ROOT), kind);
        }
        if (demuxer.equals("image2") || demuxer.equals("jpeg_pipe")) {
            return "mjpeg".equals(facts.videoCodec()) ? "jpeg" : facts.videoCodec();
        }
        if (demuxer.equals("apng")) {
            return "png";
        }
        String first = demuxer.split(",", 2)[0];
        return first.endsWith("_pipe") ? first.substring(0, first.length() - "_pipe".length()) : first;
    }

    private static String isoMediaFormat(String brand, ContentKind kind) {
        if (HEIF_BRANDS.contains(brand)) {
            return "heif";
        }
        if (brand.equals("avif") || brand.equals("avis")) {
            return "avif";
        }
        if (brand.equals("qt")) {
            return "mov";
        }
        if (brand.startsWith("m4a") || brand.startsWith("m4b") || kind == ContentKind.AUDIO) {
            return "m4a";
        }
        return kind == ContentKind.IMAGE ? "heif" : "mp4";
    }
}
