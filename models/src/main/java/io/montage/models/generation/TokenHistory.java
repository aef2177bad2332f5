package io.montage.models.generation;

/**
 * One sequence as a {@link LogitsProcessor} sees it before choosing its next token: the prompt followed by
 * the tokens generated so far.
 *
 * @param tokens       prompt then generated tokens; not to be modified
 * @param promptLength how many leading tokens are the prompt
 */
public record TokenHistory(long[] tokens, int promptLength) {

    public TokenHistory {
        if (promptLength < 0 || promptLength > tokens.length) {
            throw new IllegalArgumentException("prompt length " + promptLength + " outside 0.." + tokens.length);
        }
    }

    /** Tokens generated so far; 0 at the first generated position. */
    public int generatedCount() {
        return tokens.length - promptLength;
    }

    /** The {@code i}-th generated token (0-based). */
    public long generated(int i) {
        return tokens[promptLength + i];
    }

    public long last() {
        return tokens[tokens.length - 1];
    }
}
