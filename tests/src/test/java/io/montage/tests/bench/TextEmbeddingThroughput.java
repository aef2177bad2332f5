package io.montage.tests.bench;

import io.montage.models.batching.BatchingConfig;
import io.montage.models.runtime.Device;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelStore;
import io.montage.models.text.SentenceTransformerEmbedder;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.tests.RunningMontage;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.topics.Topic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.generic.GenericRecord;

/**
 * Text embeddings per second, the same texts both ways: the default embedder called in-process with
 * batches of 32, and Montage on the embedded default (texts produced to {@code texts}, every
 * embedding read back with read_committed). The ratio is the pipeline's share of its own model.
 */
final class TextEmbeddingThroughput {

    /** What one run measured. */
    record Result(
            int texts,
            double inProcessPerSecond,
            double pipelinePerSecond,
            Map<Integer, Integer> batchSizes,
            double modelBusy,
            String cpu) {
        double ratio() {
            return pipelinePerSecond / inProcessPerSecond;
        }
    }

    private static final int WARM_UP_PASSES = 3;

    private TextEmbeddingThroughput() {}

    static Result measure(Path dir, int count, Map<String, String> settings) throws Exception {
        List<String> texts = texts(count);
        double inProcess = inProcess(
                texts,
                settings.getOrDefault(MontageConfig.TEXT_EMBEDDING_MODEL, SentenceTransformerEmbedder.DEFAULT_MODEL_ID),
                settings.getOrDefault(MontageConfig.DEVICE, "cpu"));
        double pipeline;
        Map<Integer, Integer> batchSizes = new TreeMap<>();
        double[] modelSeconds = {0};
        String[] cpu = {""};
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put(MontageConfig.STAGES, "text-embed");
        try (RunningMontage montage = RunningMontage.start(dir.resolve("montage"), all);
                TopicTail<GenericRecord> embeddings = new TopicTail<>(
                        montage.app.bootstrapServers(),
                        Map.of(),
                        List.of(montage.app.topics().embeddings().name()),
                        new TimingsReader(montage.app.registryClient()))) {
            OutputReader reader = new OutputReader(embeddings);
            Topic<TextEvent> topic = montage.app.topics().texts();
            try (Backlog backlog = new Backlog(montage.app.bootstrapServers())) {
                // Warm-up passes first: the JIT is still compiling Kafka's, Streams' and Montage's code
                // paths after one (about a core's worth of compiler threads, measured); then the best
                // of three passes, as in-process.
                pipeline = 0;
                for (int pass = 0; pass < WARM_UP_PASSES + 3; pass++) {
                    Map<Integer, Integer> sizes = new TreeMap<>();
                    double[] model = {0};
                    long start = System.nanoTime();
                    ThreadCpu threadCpu = new ThreadCpu();
                    MachineCpu machine = new MachineCpu();
                    for (int i = 0; i < texts.size(); i++) {
                        backlog.send(topic, "p" + pass + "-" + i, event("p" + pass + "-" + i, texts.get(i)));
                    }
                    backlog.flush();
                    reader.readUntil((pass + 1) * count, tally(sizes, model));
                    double perSecond = count / ((System.nanoTime() - start) / 1e9);
                    if (pass >= WARM_UP_PASSES && perSecond > pipeline) {
                        pipeline = perSecond;
                        batchSizes.clear();
                        batchSizes.putAll(sizes);
                        modelSeconds[0] = model[0];
                        cpu[0] = machine.report() + "; JVM threads: " + threadCpu.report();
                    }
                }
            }
        }
        return new Result(count, inProcess, pipeline, batchSizes, modelSeconds[0] / (count / pipeline), cpu[0]);
    }

    /** The embedder Montage would load (same model, same device), fed batches of 32; the best of three passes. */
    static double inProcess(List<String> texts, String modelId, String device) throws Exception {
        MachineCpu machine = new MachineCpu();
        try {
            return inProcessRun(texts, modelId, device, 32);
        } finally {
            System.out.println("  in-process: " + machine.report());
        }
    }

    static double inProcessRun(List<String> texts, String modelId, String device, int batch) throws Exception {
        ModelStore store = ModelStore.builder()
                .cacheDirectory(RunningMontage.SHARED_MODEL_CACHE)
                .build();
        try (SentenceTransformerEmbedder embedder = SentenceTransformerEmbedder.builder()
                .files(store.pull(modelId))
                .runtime(new ModelRuntime(RuntimeSettings.cpu().withDevice(Device.parse(device))))
                .batching(BatchingConfig.defaults())
                .build()) {
            embedder.embedAll(texts.subList(0, 64));
            double best = 0;
            for (int pass = 0; pass < 3; pass++) {
                long start = System.nanoTime();
                for (int i = 0; i < texts.size(); i += batch) {
                    embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + batch)));
                }
                best = Math.max(best, texts.size() / ((System.nanoTime() - start) / 1e9));
            }
            return best;
        }
    }

    /** Counts each output's model batch size and adds each batch's model time once (each record carries it). */
    private static Consumer<GenericRecord> tally(Map<Integer, Integer> batchSizes, double[] modelSeconds) {
        return output -> {
            int size = OutputReader.batchSize(output);
            batchSizes.merge(size, 1, Integer::sum);
            Object model = ((GenericRecord) output.get("timings")).get("modelMicros");
            if (model != null && size > 0) {
                modelSeconds[0] += (Long) model / 1e6 / size;
            }
        };
    }

    private static TextEvent event(String id, String text) {
        return TextEvent.newBuilder()
                .setEventId(id)
                .setKind(TextKind.CAPTION)
                .setText(text)
                .build();
    }

    /** Short captions of different lengths, as alt text and OCR lines are. */
    static List<String> texts(int count) {
        String[] subjects = {
            "A cat",
            "Two children",
            "An old lighthouse",
            "The city council",
            "A red bicycle",
            "A crowded market",
            "Our new intern",
            "A football team"
        };
        String[] verbs = {"sits on", "walks past", "is painted beside", "waits near", "argues about", "looks at"};
        String[] objects = {
            "a wooden table",
            "the harbour at dusk",
            "an empty stadium in the rain",
            "a long list of unresolved complaints",
            "three kinds of bread",
            "the snow on a mountain road"
        };
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(subjects[i % subjects.length] + " " + verbs[(i / 3) % verbs.length] + " "
                    + objects[(i / 7) % objects.length] + " (" + i + ")");
        }
        return texts;
    }
}
