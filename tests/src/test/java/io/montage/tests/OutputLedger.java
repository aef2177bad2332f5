package io.montage.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.topology.client.TopicTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.avro.generic.GenericRecord;
import org.awaitility.Awaitility;

/**
 * Committed outputs counted by the stage that made them and event id, so that a fault test can
 * say how many of each event's outputs arrived: exactly one each, or which were lost or doubled.
 */
final class OutputLedger {

    final Map<String, Map<String, Integer>> byStage = new HashMap<>();
    private final List<Long> embeddingsFinishedAt = new ArrayList<>();
    /** Events whose transcript has speech: they also get subtitles and a text embedding. */
    private final Set<String> spoken = new java.util.HashSet<>();

    /** When the first embedding finished after {@code millis} (epoch ms), or 0 if none has yet. */
    long firstFinishedAfter(long millis) {
        return embeddingsFinishedAt.stream()
                .filter(t -> t > millis)
                .min(Long::compare)
                .orElse(0L);
    }

    /**
     * Counts one output: a probe result, an embedding (by modality), a transcript, subtitles, or a
     * dead-letter (by its stage).
     */
    void add(GenericRecord output) {
        String stage;
        String type = output.getSchema().getName();
        if (type.equals("Transcript")) {
            stage = "transcribe";
            if (output.get("noSpeechReason") == null
                    && !output.get("text").toString().isBlank()) {
                spoken.add(output.get("eventId").toString());
            }
        } else if (type.equals("GeneratedMedia")) {
            stage = "subtitles";
        } else if (type.equals("Embedding")) {
            stage = output.get("modality").toString().equals("IMAGE") ? "image-embed" : "text-embed";
            Object finished = ((GenericRecord) output.get("timings")).get("finishedAt");
            if (finished != null) {
                embeddingsFinishedAt.add((Long) finished);
            }
        } else if (output.getSchema().getName().equals("DeadLetter")) {
            stage = output.get("stage").toString();
        } else {
            stage = "probe";
        }
        byStage.computeIfAbsent(stage, s -> new HashMap<>())
                .merge(output.get("eventId").toString(), 1, Integer::sum);
    }

    int count(String stage) {
        return byStage.getOrDefault(stage, Map.of()).values().stream()
                .mapToInt(Integer::intValue)
                .sum();
    }

    Set<String> ids(String stage) {
        return byStage.getOrDefault(stage, Map.of()).keySet();
    }

    /** Outputs per stage (each stage's count includes its dead-letters). */
    Map<String, Integer> totals() {
        Map<String, Integer> totals = new TreeMap<>();
        for (String stage : List.of("probe", "image-embed", "text-embed")) {
            totals.put(stage, count(stage));
        }
        byStage.keySet().forEach(stage -> totals.put(stage, count(stage)));
        return totals;
    }

    /** Audio events whose transcript had speech. */
    Set<String> spoken() {
        return Set.copyOf(spoken);
    }

    /** Event ids with more than one output from one stage, by stage. */
    Map<String, List<String>> duplicates() {
        Map<String, List<String>> duplicates = new TreeMap<>();
        byStage.forEach((stage, counts) -> counts.forEach((id, n) -> {
            if (n > 1) {
                duplicates.computeIfAbsent(stage, s -> new ArrayList<>()).add(id);
            }
        }));
        return duplicates;
    }

    /**
     * Reads {@code outputs} into this ledger until {@code done}; after {@code timeout} fails naming
     * {@code what} it waited for and the outputs it had read.
     */
    void await(TopicTail<GenericRecord> outputs, String what, BooleanSupplier done, Duration timeout) {
        // In the test's thread, so the consumer is never touched by two threads, even at the timeout;
        // without pauses, since the poll itself waits for records: the ledger keeps up with the stream
        // (a fault test's kill must land while batches are in flight).
        Awaitility.await(what)
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ZERO)
                .untilAsserted(() -> {
                    outputs.poll(Duration.ofMillis(50), r -> add(r.value()));
                    assertThat(done.getAsBoolean())
                            .as("outputs read so far: %s", totals())
                            .isTrue();
                });
    }
}
