package io.montage.topology.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.montage.topology.models.StageStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageActivityTest {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** The meters as StageMetrics registers them (processors module), with the same names and histograms. */
    private final Timer latency = Timer.builder("montage.stage.latency")
            .tag("stage", "ocr")
            .publishPercentileHistogram()
            .register(meters);

    private final Counter emitted = Counter.builder("montage.stage.records")
            .tag("stage", "ocr")
            .tag("outcome", "emitted")
            .register(meters);
    private final Counter deadLettered = Counter.builder("montage.stage.records")
            .tag("stage", "ocr")
            .tag("outcome", "dead_letter")
            .register(meters);
    private final DistributionSummary batchSize = DistributionSummary.builder("montage.stage.batch.size")
            .tag("stage", "ocr")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
            .register(meters);

    @Test
    void anIntervalsRatesBatchSizeAndPercentilesComeFromTheMetersDifferences() {
        StageActivity activity = new StageActivity(
                meters, List.of(StageStatus.on("ocr", "pp-ocrv4"), StageStatus.off("caption", "no model", "")), 10);
        // Before the interval: records the interval must not count.
        for (int i = 0; i < 50; i++) {
            latency.record(Duration.ofSeconds(5));
            emitted.increment();
        }
        activity.sample(1_000, 0);

        for (int i = 0; i < 98; i++) {
            latency.record(Duration.ofMillis(10));
            emitted.increment();
        }
        latency.record(Duration.ofMillis(400));
        latency.record(Duration.ofMillis(400));
        deadLettered.increment(2);
        batchSize.record(4);
        batchSize.record(6);
        activity.sample(3_000, 2_000_000_000L);

        JsonNode stages = activity.toJson(Map.of("ocr", "RUNNING"));
        JsonNode ocr = stages.get(0);
        assertThat(ocr.get("application").asText()).isEqualTo("RUNNING");
        assertThat(ocr.get("samples")).hasSize(1);
        JsonNode sample = ocr.get("samples").get(0);
        assertThat(sample.get("recordsPerSecond").asDouble()).isEqualTo(50.0);
        assertThat(sample.get("deadLettersPerSecond").asDouble()).isEqualTo(1.0);
        assertThat(sample.get("batchSize").asDouble()).isEqualTo(5.0);
        // 98 of 100 at 10 ms, 2 at 400 ms: the median in 10 ms's bucket, the 99th in 400 ms's;
        // the 5 s records before the interval do not move either.
        assertThat(sample.get("p50Millis").asDouble()).isBetween(8.0, 11.0);
        assertThat(sample.get("p99Millis").asDouble()).isBetween(300.0, 450.0);
        assertThat(sample.get("lag").isNull()).isTrue();

        JsonNode caption = stages.get(1);
        assertThat(caption.get("on").asBoolean()).isFalse();
        assertThat(caption.get("summary").asText()).isEqualTo("no model");
        assertThat(caption.get("samples")).isEmpty();
    }

    @Test
    void anIntervalWithoutRecordsHasNoPercentilesOrBatchSize() {
        StageActivity activity = new StageActivity(meters, List.of(StageStatus.on("ocr", "pp-ocrv4")), 2);
        for (long t = 0; t < 4; t++) {
            activity.sample(t * 1000, t * 1_000_000_000L);
        }
        JsonNode samples = activity.toJson(Map.of()).get(0).get("samples");
        assertThat(samples).as("only the last 2 samples are kept").hasSize(2);
        assertThat(samples.get(1).get("recordsPerSecond").asDouble()).isZero();
        assertThat(samples.get(1).get("p99Millis").isNull()).isTrue();
        assertThat(samples.get(1).get("batchSize").isNull()).isTrue();
    }
}
