package io.montage.models.natives;

import java.util.Map;
import java.util.Optional;

/**
 * The Debian/Ubuntu package that ships each system library Montage's native dependencies link
 * against. The list comes from the NEEDED entries of the bundled natives ({@code readelf -d}):
 * FFmpeg's libavutil needs libudev; ONNX Runtime and the tokenizers need the C++ runtime. Every
 * other library they need ships inside their jars.
 */
final class DebianPackages {

    private static final Map<String, String> BY_SONAME = Map.ofEntries(
            Map.entry("libudev.so.1", "libudev1"),
            Map.entry("libstdc++.so.6", "libstdc++6"),
            Map.entry("libgcc_s.so.1", "libgcc-s1"),
            Map.entry("libgomp.so.1", "libgomp1"),
            Map.entry("libz.so.1", "zlib1g"),
            Map.entry("libdrm.so.2", "libdrm2"),
            Map.entry("libva.so.2", "libva2"),
            Map.entry("libva-drm.so.2", "libva-drm2"),
            // libavdevice's capture devices; Montage never loads libavdevice (see FfmpegNatives),
            // but the entries keep the hint right for anyone who does.
            Map.entry("libpulse.so.0", "libpulse0"),
            Map.entry("libasound.so.2", "libasound2"),
            Map.entry("libxcb.so.1", "libxcb1"),
            Map.entry("libxcb-shm.so.0", "libxcb-shm0"));

    private DebianPackages() {}

    static Optional<String> providing(String soname) {
        return Optional.ofNullable(BY_SONAME.get(soname));
    }
}
