package io.montage.models.generation;

/** Why a sequence stopped growing. */
public enum FinishReason {
    /** The model produced the end-of-sequence token. */
    END_OF_SEQUENCE,
    /** It reached the configured maximum number of new tokens. */
    MAX_NEW_TOKENS
}
