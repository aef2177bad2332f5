package io.montage.models.generation;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.montage.models.runtime.InputFeeds;
import io.montage.models.runtime.ModelSession;
import io.montage.models.runtime.TensorSpec;
import java.nio.LongBuffer;

/**
 * One forward step of an Optimum / Transformers.js merged decoder ({@code decoder_model_merged.onnx}):
 * {@code input_ids}, {@code encoder_hidden_states}, the KV cache and {@code use_cache_branch}, plus
 * {@code cache_position}, {@code attention_mask} and {@code encoder_attention_mask} only where the session
 * declares them (docs/model-exports.md §0.2, §0.3). Input types come from the session. A decoder that takes
 * {@code inputs_embeds} instead of {@code input_ids} (Florence-2, §4) is fed through {@link TokenEmbeddings}.
 */
public final class MergedDecoder {

    static final String INPUT_IDS = "input_ids";
    static final String INPUTS_EMBEDS = "inputs_embeds";
    static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    static final String USE_CACHE_BRANCH = "use_cache_branch";
    static final String CACHE_POSITION = "cache_position";
    static final String ATTENTION_MASK = "attention_mask";
    static final String ENCODER_ATTENTION_MASK = "encoder_attention_mask";
    static final String LOGITS = "logits";

    private final ModelSession session;
    private final KvLayout layout;
    private final int vocabulary;
    private final TokenEmbeddings embeddings;

    public MergedDecoder(ModelSession session) {
        this(session, null);
    }

    /**
     * @param embeddings how token ids become {@code inputs_embeds} for a decoder that declares that input instead of
     *                   {@code input_ids}; null for a decoder that takes ids
     */
    public MergedDecoder(ModelSession session, TokenEmbeddings embeddings) {
        this.session = session;
        this.layout = KvLayout.of(session);
        this.embeddings = embeddings;
        String required = embeddings == null ? INPUT_IDS : INPUTS_EMBEDS;
        if (!session.hasInput(required)) {
            throw new IllegalArgumentException("model '" + session.modelId() + "' is not a merged decoder taking "
                    + required
                    + (embeddings == null ? "" : " (token embeddings were given)") + ": inputs are "
                    + session.inputs().keySet()
                    + (session.hasInput(INPUTS_EMBEDS) ? "; it takes inputs_embeds: pass TokenEmbeddings" : ""));
        }
        TensorSpec logits = session.outputs().get(LOGITS);
        if (logits == null) {
            throw new IllegalArgumentException("model '" + session.modelId() + "' has no 'logits' output; outputs are "
                    + session.outputs().keySet());
        }
        long[] shape = logits.shape();
        this.vocabulary = (int) shape[shape.length - 1];
    }

    public ModelSession session() {
        return session;
    }

    public KvLayout layout() {
        return layout;
    }

    /** Vocabulary size declared by the logits output; -1 when dynamic. */
    public int vocabulary() {
        return vocabulary;
    }

    /** The floating-point type the decoder wants for {@code encoder_hidden_states}. */
    OnnxJavaType encoderStatesType() {
        TensorSpec spec = session.inputs().get(ENCODER_HIDDEN_STATES);
        return spec == null ? OnnxJavaType.FLOAT : spec.type();
    }

    boolean acceptsEncoderStates() {
        return session.hasInput(ENCODER_HIDDEN_STATES);
    }

    /**
     * Runs one step over {@code tokens} ([rows][stepLength]; all rows the same length). With an empty cache this
     * is the no-cache branch; the caller closes the result or hands it to {@link KvCache#advance}.
     */
    OrtSession.Result step(long[][] tokens, OnnxTensor encoderStates, KvCache cache) throws OrtException {
        OrtEnvironment env = session.environment();
        int rows = tokens.length;
        int stepLength = tokens[0].length;
        try (InputFeeds feeds = new InputFeeds(env).borrowAll(cache.feeds())) {
            if (embeddings == null) {
                feeds.put(
                        INPUT_IDS,
                        integers(env, session.inputs().get(INPUT_IDS).type(), flatten(tokens), rows, stepLength));
            } else {
                feeds.put(INPUTS_EMBEDS, embed(tokens));
            }
            if (encoderStates != null && acceptsEncoderStates()) {
                feeds.borrow(ENCODER_HIDDEN_STATES, encoderStates);
            }
            if (session.hasInput(USE_CACHE_BRANCH)) {
                feeds.put(USE_CACHE_BRANCH, OnnxTensor.createTensor(env, new boolean[] {cache.hasPast()}));
            }
            int past = cache.pastLength();
            if (session.hasInput(CACHE_POSITION)) {
                long[] positions = new long[stepLength];
                for (int i = 0; i < stepLength; i++) {
                    positions[i] = past + i;
                }
                feeds.put(
                        CACHE_POSITION,
                        integers(env, session.inputs().get(CACHE_POSITION).type(), positions, stepLength));
            }
            if (session.hasInput(ATTENTION_MASK)) {
                feeds.put(
                        ATTENTION_MASK,
                        ones(env, session.inputs().get(ATTENTION_MASK).type(), rows, past + stepLength));
            }
            if (session.hasInput(ENCODER_ATTENTION_MASK) && encoderStates != null) {
                long encoderLength = encoderStates.getInfo().getShape()[1];
                feeds.put(
                        ENCODER_ATTENTION_MASK,
                        ones(env, session.inputs().get(ENCODER_ATTENTION_MASK).type(), rows, encoderLength));
            }
            return session.run(feeds);
        }
    }

    /** The embeddings of {@code tokens} in the type the decoder declares for {@code inputs_embeds}; the caller owns them. */
    private OnnxTensor embed(long[][] tokens) throws OrtException {
        flatten(tokens); // same-length check, with its message
        OnnxTensor embedded = embeddings.embed(tokens);
        OnnxJavaType wanted = session.inputs().get(INPUTS_EMBEDS).type();
        if (embedded.getInfo().type == wanted) {
            return embedded;
        }
        try (embedded) {
            return FloatTensors.create(
                    session.environment(),
                    wanted,
                    FloatTensors.read(embedded),
                    embedded.getInfo().getShape());
        }
    }

    KvCache emptyCache(int rows) throws OrtException {
        return KvCache.empty(session.environment(), layout, rows);
    }

    private static long[] flatten(long[][] tokens) {
        int width = tokens[0].length;
        long[] flat = new long[tokens.length * width];
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r].length != width) {
                throw new IllegalArgumentException("every row of a decoder step needs the same length: row 0 has "
                        + width + " tokens, row " + r + " has " + tokens[r].length);
            }
            System.arraycopy(tokens[r], 0, flat, r * width, width);
        }
        return flat;
    }

    private static OnnxTensor integers(OrtEnvironment env, OnnxJavaType type, long[] values, long... shape)
            throws OrtException {
        if (type == OnnxJavaType.INT32) {
            int[] narrow = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                narrow[i] = Math.toIntExact(values[i]);
            }
            return OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(narrow), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }

    private static OnnxTensor ones(OrtEnvironment env, OnnxJavaType type, long rows, long columns) throws OrtException {
        long[] values = new long[Math.toIntExact(rows * columns)];
        java.util.Arrays.fill(values, 1L);
        return integers(env, type, values, rows, columns);
    }
}
