package io.montage.models.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.montage.models.batching.DynamicBatcher;
import io.montage.models.catalog.ModelSpec;
import io.montage.models.runtime.ModelOptions;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.ModelSetup;
import io.montage.models.runtime.OwnedResources;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link TextEmbedder} for sentence-transformers BERT-family ONNX exports (all-MiniLM-L6-v2,
 * bge-small-en-v1.5). Pooling, normalisation and max sequence length come from the catalog entry.
 * Every call goes through the model's {@link DynamicBatcher}.
 */
public final class SentenceTransformerEmbedder extends BatchedTextEmbedder {

    /** Montage's default text embedder. */
    public static final String DEFAULT_MODEL_ID = "all-minilm-l6-v2-q";

    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final String modelId;
    private final ModelSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final EmbeddingTask task;
    private final DynamicBatcher<String, float[]> batcher;
    private final OwnedResources resources;

    private SentenceTransformerEmbedder(Builder b, ModelSetup setup) {
        ModelSpec spec = setup.files().spec();
        this.modelId = spec.id();
        Pooling pooling = Pooling.parse(spec.configValue("pooling").orElse("mean"));
        boolean normalize = Boolean.parseBoolean(spec.configValue("normalize").orElse("true"));
        int maxLength = Integer.parseInt(spec.configValue("maxSequenceLength").orElse("512"));
        BatchExecution execution = b.execution != null
                ? b.execution
                : BatchExecution.parse(spec.configValue("batchExecution").orElse("padded"))
                        .and(BatchExecution.forGraph(setup.files().path(MODEL_FILE)));
        try (OwnedResources opening = new OwnedResources("model '" + modelId + "'")) {
            this.tokenizer = opening.add(tokenizer(setup, modelId, maxLength));
            this.session = opening.add(setup.runtime()
                    .open(modelId, setup.files().path(MODEL_FILE), ModelRuntime.WarmUp.ZEROS, execution.parallelism()));
            this.task = new EmbeddingTask(session, tokenizer, pooling, normalize, execution);
            this.batcher = opening.add(DynamicBatcher.create(
                    modelId,
                    task,
                    execution.batching(setup.batching(), setup.runtime().budget()),
                    setup.registry()));
            this.resources = opening.handOver();
        }
    }

    private static HuggingFaceTokenizer tokenizer(ModelSetup setup, String modelId, int maxLength) {
        try {
            return HuggingFaceTokenizer.builder()
                    .optTokenizerPath(setup.files().path(TOKENIZER_FILE))
                    .optMaxLength(maxLength)
                    .optTruncation(true)
                    .optPadding(false)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot read its tokenizer "
                            + setup.files().path(TOKENIZER_FILE) + ": " + e.getMessage()
                            + "; check it with: montage models verify " + modelId,
                    e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected DynamicBatcher<String, float[]> textBatcher() {
        return batcher;
    }

    @Override
    public int dimension() {
        return task.dimension();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** The task itself, for callers (benchmarks) that batch on their own. */
    public EmbeddingTask task() {
        return task;
    }

    public DynamicBatcher<String, float[]> batcher() {
        return batcher;
    }

    /** Drains pending requests, then closes the session and the tokenizer. */
    @Override
    public void close() {
        resources.close();
    }

    /** Needs model.onnx and tokenizer.json among the files. */
    public static final class Builder extends ModelOptions<Builder> {
        private BatchExecution execution;

        /** Overrides the catalog's {@code batchExecution} (see {@link BatchExecution} before choosing PADDED for an int8 model). */
        public Builder batchExecution(BatchExecution execution) {
            this.execution = execution;
            return this;
        }

        public SentenceTransformerEmbedder build() {
            return new SentenceTransformerEmbedder(this, setup(DEFAULT_MODEL_ID));
        }
    }
}
