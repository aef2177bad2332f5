package io.montage.models.speech;

import io.montage.models.generation.LogProbabilities;
import io.montage.models.generation.LogitsProcessor;
import io.montage.models.generation.TokenHistory;

/**
 * Whisper's timestamp grammar as a logits processor (openai/whisper decoding.py {@code ApplyTimestampRules};
 * transformers.js {@code WhisperTimeStampLogitsProcessor}; docs/model-exports.md §1.7):
 * <ul>
 *   <li>{@code <|notimestamps|>} is never produced;</li>
 *   <li>the first token is a timestamp no later than {@code maxInitialTimestampIndex} (50 = 1.0 s);</li>
 *   <li>timestamps come in pairs: after text then a timestamp, another timestamp (or the end) must follow;
 *       after two timestamps, text must follow;</li>
 *   <li>timestamps never decrease, and a segment's end is later than its start;</li>
 *   <li>when the timestamps together are more probable than the single most probable text token, a
 *       timestamp is chosen.</li>
 * </ul>
 */
public record WhisperTimestampRules(WhisperTokens tokens, int maxInitialTimestampIndex) implements LogitsProcessor {

    /** generation_config.json {@code max_initial_timestamp_index}: 1.0 s. */
    public static final int DEFAULT_MAX_INITIAL_TIMESTAMP_INDEX = 50;

    @Override
    public void process(TokenHistory history, float[] logits) {
        long begin = tokens.timestampBegin();
        long end = tokens.lastTimestamp() + 1;
        logits[(int) tokens.noTimestamps()] = Float.NEGATIVE_INFINITY;
        LogitsProcessor.forbidRange(logits, end, logits.length); // ids past <|30.00|> are no tokens at all
        int generated = history.generatedCount();
        if (generated == 0) {
            LogitsProcessor.forbidRange(logits, 0, begin);
            LogitsProcessor.forbidRange(logits, begin + maxInitialTimestampIndex + 1, end);
            return;
        }
        boolean lastIsTimestamp = tokens.isTimestamp(history.last());
        boolean penultimateIsTimestamp = generated < 2 || tokens.isTimestamp(history.generated(generated - 2));
        if (lastIsTimestamp && penultimateIsTimestamp) {
            LogitsProcessor.forbidRange(logits, begin, end); // a pair is complete: text (or the end) next
        } else if (lastIsTimestamp) {
            LogitsProcessor.forbidRange(logits, 0, tokens.endOfText()); // a segment just closed: its pair, or the end
        }
        long latest = latestTimestamp(history);
        if (latest >= 0) {
            // an opening timestamp may repeat the closing one before it; a closing one must move forward
            long lowest = lastIsTimestamp && !penultimateIsTimestamp ? latest : latest + 1;
            LogitsProcessor.forbidRange(logits, begin, lowest);
        }
        preferTimestampsWhenTogetherMoreLikely(logits, begin, end);
    }

    private void preferTimestampsWhenTogetherMoreLikely(float[] logits, long begin, long end) {
        double norm = LogProbabilities.logSumExp(logits, 0, logits.length);
        double timestamps = LogProbabilities.logSumExp(logits, (int) begin, (int) end) - norm;
        float bestText = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < begin; i++) {
            bestText = Math.max(bestText, logits[i]);
        }
        if (timestamps > bestText - norm) {
            LogitsProcessor.forbidRange(logits, 0, begin);
        }
    }

    private long latestTimestamp(TokenHistory history) {
        for (int i = history.generatedCount() - 1; i >= 0; i--) {
            if (tokens.isTimestamp(history.generated(i))) {
                return history.generated(i);
            }
        }
        return -1;
    }
}
