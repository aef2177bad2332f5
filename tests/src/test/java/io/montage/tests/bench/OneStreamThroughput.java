package io.montage.tests.bench;

import io.montage.tests.RunningMontage;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One live stream sent to {@code video-frames} as fast as the broker takes it, ending on the frame
 * that closes its last cut (the frame a cut waits for, {@link LiveStreamFrames#GRACE_FRAMES} on), so
 * that when that scene is written every frame has gone through probe and scenes: frames/s is frames ÷
 * the time from the first send to that scene read back. Where the OCR stage is on, it reads every
 * frame too, and its rate counts to its last frame's result.
 */
final class OneStreamThroughput {

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    /**
     * @param scenesFramesPerSecond frames ÷ (first send → last scene read)
     * @param ocrFramesPerSecond    frames ÷ (first send → the OCR stage's last result read); NaN where OCR is off
     * @param cpuMillisPerFrame     this process's CPU (broker, registry and benchmark included) ÷ frames,
     *                              from the first send until every output was read
     * @param threads               that CPU by thread group
     */
    record Result(
            int frames,
            int scenes,
            double scenesFramesPerSecond,
            double ocrFramesPerSecond,
            double cpuMillisPerFrame,
            String threads) {}

    private OneStreamThroughput() {}

    /** The largest frame count up to {@code frames} that ends on the frame closing a cut. */
    static int endingOnACut(int frames) {
        int cuts = Math.max(1, (frames - 1 - LiveStreamFrames.GRACE_FRAMES) / LiveStreamFrames.SHOT_FRAMES);
        return cuts * LiveStreamFrames.SHOT_FRAMES + LiveStreamFrames.GRACE_FRAMES + 1;
    }

    static Result measure(
            RunningMontage montage,
            LiveOutputs outputs,
            Backlog backlog,
            LiveStreamFrames frames,
            String streamId,
            int count,
            boolean ocr) {
        int scenes = LiveStreamFrames.scenesClosedByCut(count);
        ThreadCpu threads = new ThreadCpu();
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        for (int index = 0; index < count; index++) {
            backlog.send(montage.app.topics().videoFrames(), streamId, frames.frame(streamId, index));
        }
        backlog.flush();
        await(outputs, () -> outputs.scenes(streamId).size() >= scenes, scenes + " scenes of " + streamId);
        double scenesSeconds = seconds(outputs.scenes(streamId).get(scenes - 1).readNanos() - start);
        double ocrSeconds = Double.NaN;
        if (ocr) {
            await(outputs, () -> outputs.ocr(streamId).size() >= count, count + " OCR results of " + streamId);
            ocrSeconds = seconds(outputs.ocr(streamId).get(count - 1).readNanos() - start);
        }
        return new Result(
                count,
                scenes,
                count / scenesSeconds,
                count / ocrSeconds,
                (ProcessCpu.nanos() - cpu) / 1e6 / count,
                threads.report());
    }

    private static void await(LiveOutputs outputs, BooleanSupplier done, String what) {
        if (!outputs.pollUntil(done, GIVE_UP_AFTER)) {
            throw new IllegalStateException("not all " + what + " were written within " + GIVE_UP_AFTER
                    + "; is the machine saturated? Try fewer frames.");
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
