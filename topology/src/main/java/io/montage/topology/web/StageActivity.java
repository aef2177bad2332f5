package io.montage.topology.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.montage.topology.models.StageStatus;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What each stage did lately, sampled from the meters the stages already register (the ones
 * {@code /metrics} exposes): records and dead-letters per second, mean batch size, consumer lag and
 * latency percentiles over each interval between two samples, the last {@code samples} of them.
 * Percentiles are read from the latency histogram's bucket counts the way Prometheus'
 * {@code histogram_quantile} reads them, so the page and a Grafana dashboard agree.
 */
final class StageActivity {

    /** One interval of one stage; null where nothing happened that would give the figure. */
    record Sample(
            long at,
            double recordsPerSecond,
            double deadLettersPerSecond,
            Double batchSize,
            Double lag,
            Double p50Millis,
            Double p99Millis) {}

    /** A stage's meter readings at one moment: running totals, subtracted from the next ones. */
    private record Totals(
            long nanos,
            double records,
            double deadLetters,
            long batches,
            double batched,
            long[] buckets,
            double[] bounds) {}

    private final MeterRegistry meters;
    private final List<StageStatus> stages;
    private final int samples;
    private final Map<String, Totals> last = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Sample>> history = new LinkedHashMap<>();

    StageActivity(MeterRegistry meters, List<StageStatus> stages, int samples) {
        this.meters = meters;
        this.stages = List.copyOf(stages);
        this.samples = samples;
        stages.forEach(s -> history.put(s.stage(), new ArrayDeque<>()));
    }

    /** Reads every stage's meters and keeps the interval since the last reading. */
    synchronized void sample(long nowMillis, long nowNanos) {
        for (StageStatus stage : stages) {
            if (!stage.on()) {
                continue;
            }
            Totals now = totals(stage.stage(), nowNanos);
            Totals before = last.put(stage.stage(), now);
            if (before == null) {
                continue;
            }
            double seconds = (now.nanos - before.nanos) / 1e9;
            long batches = now.batches - before.batches;
            long[] latencies = new long[now.buckets.length];
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = now.buckets[i] - (i < before.buckets.length ? before.buckets[i] : 0);
            }
            ArrayDeque<Sample> kept = history.get(stage.stage());
            kept.addLast(new Sample(
                    nowMillis,
                    (now.records - before.records) / seconds,
                    (now.deadLetters - before.deadLetters) / seconds,
                    batches == 0 ? null : (now.batched - before.batched) / batches,
                    lag(stage.stage()),
                    quantileMillis(latencies, now.bounds, 0.5),
                    quantileMillis(latencies, now.bounds, 0.99)));
            while (kept.size() > samples) {
                kept.removeFirst();
            }
        }
    }

    private Totals totals(String stage, long nanos) {
        double records = 0;
        double deadLetters = 0;
        for (Counter counter :
                meters.find("montage.stage.records").tag("stage", stage).counters()) {
            records += counter.count();
            if ("dead_letter".equals(counter.getId().getTag("outcome"))) {
                deadLetters += counter.count();
            }
        }
        DistributionSummary batch =
                meters.find("montage.stage.batch.size").tag("stage", stage).summary();
        Timer latency = meters.find("montage.stage.latency").tag("stage", stage).timer();
        long[] buckets = new long[0];
        double[] bounds = new double[0];
        if (latency != null) {
            CountAtBucket[] counts = latency.takeSnapshot().histogramCounts();
            buckets = new long[counts.length];
            bounds = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                buckets[i] = (long) counts[i].count();
                bounds[i] = counts[i].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return new Totals(
                nanos,
                records,
                deadLetters,
                batch == null ? 0 : batch.count(),
                batch == null ? 0 : batch.totalAmount(),
                buckets,
                bounds);
    }

    /** The largest records-lag any of the stage's consumers reports; null before they fetched. */
    private Double lag(String stage) {
        Double lag = null;
        for (Gauge gauge : meters.find("kafka.consumer.fetch.manager.records.lag.max")
                .tag("stage", stage)
                .gauges()) {
            double value = gauge.value();
            if (Double.isFinite(value) && value >= 0) {
                lag = lag == null ? value : Math.max(lag, value);
            }
        }
        return lag;
    }

    /**
     * The {@code q} quantile of an interval's latencies from cumulative bucket counts: linear within
     * the bucket it falls in, as Prometheus' histogram_quantile does; null for an empty interval.
     */
    private static Double quantileMillis(long[] cumulative, double[] bucketBounds, double q) {
        if (cumulative.length == 0 || cumulative[cumulative.length - 1] == 0) {
            return null;
        }
        double rank = q * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : bucketBounds[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                long inBucket = cumulative[i] - below;
                double upper = bucketBounds[i];
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
        }
        return bucketBounds[bucketBounds.length - 1];
    }

    /** Each stage, on or off and why, its application's state, and its recent samples. */
    synchronized ArrayNode toJson(Map<String, String> applicationStates) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (StageStatus stage : stages) {
            ObjectNode node = array.addObject();
            node.put("stage", stage.stage());
            node.put("on", stage.on());
            node.put("summary", stage.summary());
            node.put("application", applicationStates.get(stage.stage()));
            ArrayNode kept = node.putArray("samples");
            for (Sample s : history.get(stage.stage())) {
                kept.addObject()
                        .put("at", s.at())
                        .put("recordsPerSecond", s.recordsPerSecond())
                        .put("deadLettersPerSecond", s.deadLettersPerSecond())
                        .put("batchSize", s.batchSize())
                        .put("lag", s.lag())
                        .put("p50Millis", s.p50Millis())
                        .put("p99Millis", s.p99Millis());
            }
        }
        return array;
    }
}
