package io.montage.models.vision.ocr;

/** Edit distance totals: character accuracy = 1 − distance / reference length, over a whole set. */
public record CharacterAccuracy(long distance, long referenceLength) {

    public static final CharacterAccuracy NONE = new CharacterAccuracy(0, 0);

    public static CharacterAccuracy of(String reference, String recognised) {
        return new CharacterAccuracy(levenshtein(reference, recognised), reference.length());
    }

    public CharacterAccuracy plus(CharacterAccuracy other) {
        return new CharacterAccuracy(distance + other.distance, referenceLength + other.referenceLength);
    }

    public double accuracy() {
        return referenceLength == 0 ? 1 : 1 - (double) distance / referenceLength;
    }

    /** Insertions, deletions and substitutions of UTF-16 units, each costing 1. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
