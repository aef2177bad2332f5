package io.montage.models.generation;

import java.util.Map;
import java.util.TreeMap;

/**
 * Forces given tokens at given generated positions (0 = first generated token), as
 * generation_config.json {@code forced_decoder_ids} / {@code forced_bos_token_id} do: every other token is
 * forbidden there.
 */
public record ForcedTokens(Map<Integer, Long> tokenAtPosition) implements LogitsProcessor {

    public ForcedTokens {
        tokenAtPosition = Map.copyOf(new TreeMap<>(tokenAtPosition));
    }

    public static ForcedTokens at(int position, long tokenId) {
        return new ForcedTokens(Map.of(position, tokenId));
    }

    @Override
    public void process(TokenHistory history, float[] logits) {
        Long forced = tokenAtPosition.get(history.generatedCount());
        if (forced != null && forced >= 0 && forced < logits.length) {
            float kept = logits[forced.intValue()];
            java.util.Arrays.fill(logits, Float.NEGATIVE_INFINITY);
            // a forced token keeps a finite score even where an earlier processor forbade it
            logits[forced.intValue()] = Float.isFinite(kept) ? kept : 0f;
        }
    }
}
