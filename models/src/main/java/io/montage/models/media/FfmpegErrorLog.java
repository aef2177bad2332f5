package io.montage.models.media;

import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * Keeps FFmpeg quiet on stderr and hands its error lines to the probe that caused them, so a
 * rejection can quote FFmpeg ("chunk too big") instead of a bare error code.
 *
 * <p>FFmpeg has one process-wide log callback. Lines are kept per calling thread; with decoders
 * opened single-threaded (the probe does that) the decoding thread is the caller. Lines logged by
 * FFmpeg's own worker threads are dropped, which loses detail but never mixes up two probes.
 */
final class FfmpegErrorLog {

    private static final int MAX_CHARS = 500;
    private static final Pattern ADDRESS = Pattern.compile(" @ 0x[0-9a-fA-F]+");
    private static final ThreadLocal<StringBuilder> LINES = new ThreadLocal<>();
    // Held in a static field: FFmpeg keeps only the native pointer, the JVM must keep the object.
    private static final LogCallback CALLBACK = new LogCallback() {
        @Override
        public void call(int level, BytePointer message) {
            StringBuilder lines = LINES.get();
            if (lines != null && level <= avutil.AV_LOG_ERROR && lines.length() < MAX_CHARS) {
                // "[png @ 0x55d0c0ffee00] chunk too big": the address means nothing to a reader.
                String line = ADDRESS.matcher(message.getString().strip()).replaceAll("");
                if (!line.isEmpty()) {
                    lines.append(lines.isEmpty() ? "" : "; ").append(line);
                }
            }
        }
    };

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        avutil.setLogCallback(CALLBACK);
    }

    private FfmpegErrorLog() {}

    /** Makes sure the callback is installed; idempotent, cheap after the first call. */
    static void install() {
        // The static initialiser does the work exactly once, under the JVM's class-init lock.
    }

    /** Starts collecting this thread's FFmpeg error lines, discarding any earlier ones. */
    static void startCapture() {
        LINES.set(new StringBuilder());
    }

    /** This thread's FFmpeg error lines since {@link #startCapture()}, or "" when there were none. */
    static String captured() {
        StringBuilder lines = LINES.get();
        return lines == null ? "" : lines.toString();
    }

    /** Stops collecting on this thread (stream threads are long-lived; leave nothing behind). */
    static void stopCapture() {
        LINES.remove();
    }

    /** " (FFmpeg: …)" for appending to a message, or "" when FFmpeg said nothing. */
    static String quoted() {
        String lines = captured();
        return lines.isEmpty() ? "" : " (FFmpeg: " + lines + ")";
    }
}
