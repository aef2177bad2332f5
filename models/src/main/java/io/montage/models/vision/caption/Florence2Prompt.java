package io.montage.models.vision.caption;

import java.util.Arrays;

/**
 * The text half of Florence-2's encoder input: the task sentence tokenised as BART does, {@code <s>} sentence
 * {@code </s>}, placed after the image tokens (docs/model-exports.md §4, steps 2-3).
 *
 * @param task     the task asked
 * @param inputIds {@code <s>}, the sentence's ids, {@code </s>}
 */
record Florence2Prompt(Florence2Task task, long[] inputIds) {

    /** onnx-community/Florence-2-base-ft generation_config.json {@code bos_token_id}: {@code <s>}. */
    static final long BOS = 0;
    /** Same file, {@code eos_token_id}: {@code </s>}. */
    static final long EOS = 2;

    Florence2Prompt {
        inputIds = inputIds.clone();
    }

    static Florence2Prompt of(Florence2Task task, CaptionTokenizer tokenizer) {
        long[] sentence = tokenizer.encode(task.sentence());
        long[] ids = new long[sentence.length + 2];
        ids[0] = BOS;
        System.arraycopy(sentence, 0, ids, 1, sentence.length);
        ids[ids.length - 1] = EOS;
        return new Florence2Prompt(task, ids);
    }

    @Override
    public long[] inputIds() {
        return inputIds.clone();
    }

    int length() {
        return inputIds.length;
    }

    /**
     * The encoder's attention mask for one image: {@code imageTokens} ones for the image features, then the text's own
     * mask, all ones (one unpadded prompt).
     */
    long[] attentionMask(int imageTokens) {
        long[] mask = new long[imageTokens + inputIds.length];
        Arrays.fill(mask, 1L);
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Florence2Prompt p && p.task == task && Arrays.equals(p.inputIds, inputIds);
    }

    @Override
    public int hashCode() {
        return 31 * task.hashCode() + Arrays.hashCode(inputIds);
    }

    @Override
    public String toString() {
        return "Florence2Prompt[" + task.tag() + " " + Arrays.toString(inputIds) + "]";
    }
}
