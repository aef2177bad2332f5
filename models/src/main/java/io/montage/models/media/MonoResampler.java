package io.montage.models.media;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Interleaved float audio at any rate and channel count in, 16 kHz mono float out, through
 * FFmpeg's swresample. Done here rather than by the grabber because the grabber never flushes
 * its resampler: the filter's delay (a few ms) would be lost at the end of every clip, which
 * is a visible share of a 0.3 s utterance.
 */
final class MonoResampler implements AutoCloseable {

    private final SwrContext swr = new SwrContext();
    private final int inChannels;
    private final PointerPointer<FloatPointer> inPlanes = new PointerPointer<>(1);
    private final PointerPointer<FloatPointer> outPlanes = new PointerPointer<>(1);
    private FloatPointer in = new FloatPointer(0);
    private FloatPointer out = new FloatPointer(0);
    private float[] samples = new float[16_000];
    private int size;

    MonoResampler(int inRate, int inChannels) {
        this.inChannels = inChannels;
        try (AVChannelLayout inLayout = new AVChannelLayout();
                AVChannelLayout outLayout = new AVChannelLayout()) {
            avutil.av_channel_layout_default(inLayout, inChannels);
            avutil.av_channel_layout_default(outLayout, 1);
            int ret = swresample.swr_alloc_set_opts2(
                    swr,
                    outLayout,
                    avutil.AV_SAMPLE_FMT_FLT,
                    AudioDecoder.SAMPLE_RATE,
                    inLayout,
                    avutil.AV_SAMPLE_FMT_FLT,
                    inRate,
                    0,
                    null);
            if (ret < 0) {
                throw new IllegalStateException(
                        "swr_alloc_set_opts2 failed (" + ret + ") for " + inRate + " Hz, " + inChannels + " channels");
            }
            // Down-mixing sums channels (0.707 each for stereo); normalising the matrix keeps a
            // full-scale stereo signal within [-1, 1] instead of peaking at 1.41.
            avutil.av_opt_set_double(swr, "rematrix_maxval", 1.0, 0);
            if ((ret = swresample.swr_init(swr)) < 0) {
                throw new IllegalStateException(
                        "swr_init failed (" + ret + ") for " + inRate + " Hz, " + inChannels + " channels");
            }
        }
    }

    /** Resamples the remaining samples of an interleaved float buffer. */
    void accept(FloatBuffer interleaved) {
        int frames = interleaved.remaining() / inChannels;
        if (frames == 0) {
            return;
        }
        if (in.capacity() < (long) frames * inChannels) {
            in.close();
            in = new FloatPointer((long) frames * inChannels);
        }
        in.position(0).limit((long) frames * inChannels);
        in.asBuffer().put(interleaved);
        convert(inPlanes.put(0, in), frames);
    }

    /** Drains the filter's delay line and returns everything resampled so far. */
    float[] finish() {
        convert(null, 0);
        return Arrays.copyOf(samples, size);
    }

    private void convert(PointerPointer<FloatPointer> input, int frames) {
        while (true) {
            int capacity = Math.max(swresample.swr_get_out_samples(swr, frames), 256);
            if (out.capacity() < capacity) {
                out.close();
                out = new FloatPointer(capacity);
            }
            int produced = swresample.swr_convert(swr, outPlanes.put(0, out), capacity, input, frames);
            if (produced < 0) {
                throw new IllegalStateException("swr_convert failed (" + produced + ")");
            }
            append(produced);
            // Once input is consumed, only a flush (input == null) can leave more behind.
            if (input != null || produced == 0) {
                return;
            }
        }
    }

    private void append(int count) {
        if (size + count > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + count));
        }
        out.position(0).get(samples, size, count);
        size += count;
    }

    @Override
    public void close() {
        swresample.swr_free(swr);
        in.close();
        out.close();
        inPlanes.close();
        outPlanes.close();
    }
}
