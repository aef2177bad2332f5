package io.montage.tests.bench;

import io.montage.processors.stage.StageId;
import io.montage.tests.RunningMontage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongToIntFunction;

/**
 * {@code streams} live streams at 2 fps each, in real time: frames sent on a schedule, the streams'
 * frames interleaved evenly. Each scene closed by a cut is timed from the send of the frame that lets
 * it close (the cut + the grace period) to its record being read; each OCR result from its frame's
 * send. Montage keeps up where those lags stay bounded: not growing from the first third of the run
 * to the last, and every output written within {@link #DRAIN} of the last send. The consumer groups'
 * backlogs are sampled every second on the side.
 */
final class PacedStreams {

    /** How long after the last send every output must be written for the run to count as kept up. */
    static final Duration DRAIN = Duration.ofSeconds(5);

    /** A lag growing by more than this from the first third of a run to the last is falling behind. */
    private static final long MAX_GROWTH_NANOS = 1_000_000_000L;

    /** Lags in ms of the scenes (or frames) of a run: p50, p95 and max, and the growth of the median. */
    record Lags(int expected, int seen, double p50, double p95, double max, double growth) {
        boolean keptUp() {
            return seen == expected && growth < MAX_GROWTH_NANOS / 1e6;
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%d/%d, lag p50 %.0f ms p95 %.0f ms max %.0f ms, growth %+.0f ms%s",
                    seen,
                    expected,
                    p50,
                    p95,
                    max,
                    growth,
                    seen < expected ? " (of those written in time)" : "");
        }
    }

    /**
     * @param scenes            the scenes closed by a cut
     * @param ocr               the OCR stage's result of every frame; null where OCR is off
     * @param backlog           the largest backlog of each consumer group (offsets) while frames were sent
     * @param cpuMillisPerFrame this process's CPU ÷ frames, from the first send until every output was read
     * @param cores             this process's CPU ÷ wall time over the same interval: cores kept busy
     * @param machine           the whole machine's CPU meanwhile (other sessions included)
     */
    record Level(
            int streams,
            int frames,
            Lags scenes,
            Lags ocr,
            String backlog,
            double cpuMillisPerFrame,
            double cores,
            String machine) {
        boolean keptUp() {
            return scenes.keptUp() && (ocr == null || ocr.keptUp());
        }
    }

    private PacedStreams() {}

    static Level run(
            RunningMontage montage,
            LiveOutputs outputs,
            Backlog backlog,
            LiveStreamFrames frames,
            String runId,
            int streams,
            int seconds,
            boolean ocr) {
        int perStream = (int) (seconds * 1_000_000L / LiveStreamFrames.SAMPLE_MICROS);
        String[] ids = new String[streams];
        for (int s = 0; s < streams; s++) {
            ids[s] = runId + "-" + streams + "x-" + s;
        }
        long[][] sentAt = new long[streams][perStream];
        long interval = LiveStreamFrames.SAMPLE_MICROS * 1_000 / streams;
        List<String> groups = new ArrayList<>(List.of(StageId.PROBE.id(), StageId.SCENES.id()));
        if (ocr) {
            groups.add(StageId.OCR.id());
        }
        long[] largestBacklog = new long[groups.size()];
        MachineCpu machine = new MachineCpu();
        long cpu = ProcessCpu.nanos();
        long start = System.nanoTime();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (ConsumerBacklog consumers = new ConsumerBacklog(montage.app.bootstrapServers())) {
            sampler.scheduleAtFixedRate(
                    () -> sample(montage, consumers, groups, largestBacklog), 1, 1, TimeUnit.SECONDS);
            for (int j = 0; j < streams * perStream; j++) {
                long due = start + j * interval;
                for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                    outputs.poll(Duration.ofNanos(Math.min(left, 20_000_000L)));
                }
                int s = j % streams;
                int index = j / streams;
                backlog.send(montage.app.topics().videoFrames(), ids[s], frames.frame(ids[s], index));
                sentAt[s][index] = System.nanoTime();
            }
            backlog.flush();
            sampler.shutdownNow();
            long lastSend = System.nanoTime();
            int scenesPerStream = LiveStreamFrames.scenesClosedByCut(perStream);
            outputs.pollUntil(
                    () -> Arrays.stream(ids)
                            .allMatch(id -> outputs.scenes(id).size() >= scenesPerStream
                                    && (!ocr || outputs.ocr(id).size() >= perStream)),
                    Duration.ofNanos(Math.max(0, lastSend + DRAIN.toNanos() - System.nanoTime())));
            Lags scenes = lags(ids, sentAt, scenesPerStream, id -> outputs.scenes(id), LiveStreamFrames::closingFrame);
            Lags frameOcr = ocr ? lags(ids, sentAt, perStream, id -> outputs.ocr(id), at -> (int) at) : null;
            StringBuilder backlogs = new StringBuilder();
            synchronized (largestBacklog) {
                for (int g = 0; g < groups.size(); g++) {
                    backlogs.append(g == 0 ? "" : ", ")
                            .append(groups.get(g))
                            .append(' ')
                            .append(largestBacklog[g]);
                }
            }
            return new Level(
                    streams,
                    streams * perStream,
                    scenes,
                    frameOcr,
                    backlogs.toString(),
                    (ProcessCpu.nanos() - cpu) / 1e6 / (streams * perStream),
                    (ProcessCpu.nanos() - cpu) / (double) (System.nanoTime() - start),
                    machine.report());
        } finally {
            sampler.shutdownNow();
        }
    }

    /** The topic each stage's consumer group is timed on: the probe reads video-frames, the others probes. */
    private static void sample(RunningMontage montage, ConsumerBacklog consumers, List<String> groups, long[] largest) {
        for (int g = 0; g < groups.size(); g++) {
            String topic = groups.get(g).equals(StageId.PROBE.id())
                    ? montage.app.topics().videoFrames().name()
                    : montage.app.topics().probes().name();
            long behind = consumers.behind(montage.settings.applicationId(groups.get(g)), topic);
            synchronized (largest) {
                largest[g] = Math.max(largest[g], behind);
            }
        }
    }

    /**
     * Lags of every output expected of the streams: read time − send time of the frame it waited for
     * ({@code frameOf} its {@code at}). An output not read in time counts as not seen.
     */
    private static Lags lags(
            String[] ids,
            long[][] sentAt,
            int perStream,
            Function<String, List<LiveOutputs.Arrival>> arrivals,
            LongToIntFunction frameOf) {
        List<long[]> sentAndLag = new ArrayList<>();
        for (int s = 0; s < ids.length; s++) {
            for (LiveOutputs.Arrival arrival : arrivals.apply(ids[s])) {
                int frame = frameOf.applyAsInt(arrival.at());
                if (frame < sentAt[s].length) {
                    sentAndLag.add(new long[] {sentAt[s][frame], arrival.readNanos() - sentAt[s][frame]});
                }
            }
        }
        sentAndLag.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] lags = sentAndLag.stream().mapToLong(a -> a[1]).toArray();
        int third = lags.length / 3;
        double growth = third == 0
                ? 0
                : median(Arrays.copyOfRange(lags, lags.length - third, lags.length))
                        - median(Arrays.copyOfRange(lags, 0, third));
        long[] sorted = lags.clone();
        Arrays.sort(sorted);
        return new Lags(
                ids.length * perStream,
                lags.length,
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 95) / 1e6,
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                growth / 1e6);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    private static double percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percent / 100 * sorted.length) - 1)];
    }
}
