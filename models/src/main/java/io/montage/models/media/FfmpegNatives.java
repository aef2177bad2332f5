package io.montage.models.media;

import io.montage.models.natives.NativeComponent;
import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.models.natives.NativeLoadFailure;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the FFmpeg libraries Montage decodes with — and only those.
 *
 * <p>JavaCV's {@code FFmpegFrameGrabber.tryLoad()} also loads libavdevice (capture from cameras,
 * screens and sound cards), whose bundled build links PulseAudio, ALSA and X11 client libraries
 * that a server or a fresh Debian does not have. Montage reads uploads from memory and never
 * opens a device, so it loads libavutil, libswresample, libavcodec, libavformat and libswscale
 * itself and never asks for libavdevice: the grabber's own attempt to load it, in its static
 * initialiser, fails quietly and is not needed by anything the grabber does for Montage. What is
 * left needs nothing beyond libc and libudev (libavutil's hardware-device enumeration); the
 * jar bundles the rest (libva, libdrm).
 */
public final class FfmpegNatives {

    public static final NativeComponent COMPONENT =
            new NativeComponent("FFmpeg", "decoding every upload", FfmpegNatives::load);

    private FfmpegNatives() {}

    /** Loads the libraries (once per JVM; later calls return at once). */
    public static void load() throws Throwable {
        Throwable failure = Loaded.FAILURE;
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * For the code paths that decode or encode: the libraries are loaded, or the machine is at fault. Thrown
     * as {@link NativeLibrariesUnavailableException}, which stages never dead-letter an input for.
     */
    public static void require() {
        if (Loaded.FAILURE != null) {
            throw new NativeLibrariesUnavailableException(List.of(NativeLoadFailure.of(COMPONENT, Loaded.FAILURE)));
        }
    }

    /** Class initialisation runs once, thread-safe, and never throws: the outcome is kept. */
    private static final class Loaded {
        static final Throwable FAILURE = tryLoad();

        private static Throwable tryLoad() {
            try {
                for (Class<?> library :
                        List.of(avutil.class, swresample.class, avcodec.class, avformat.class, swscale.class)) {
                    Loader.load(library);
                }
                FfmpegErrorLog.install();
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, or an Error from JavaCPP's own class init
                return t;
            }
        }
    }
}
