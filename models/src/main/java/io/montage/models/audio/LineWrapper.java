package io.montage.models.audio;

import java.util.ArrayList;
import java.util.List;

/** Greedy word wrap to a maximum line length; a word longer than a line is broken across lines. */
final class LineWrapper {

    private final int maxChars;

    LineWrapper(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("line length must be at least 1 character, got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** Lines of at most maxChars code points; whitespace runs (newlines included) count as one space. */
    List<String> wrap(String text) {
        var lines = new ArrayList<String>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int wordLength = word.codePointCount(0, word.length());
            int lineLength = line.codePointCount(0, line.length());
            if (lineLength > 0 && lineLength + 1 + wordLength <= maxChars) {
                line.append(' ').append(word);
                continue;
            }
            if (lineLength > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (rest.codePointCount(0, rest.length()) > maxChars) {
                int cut = rest.offsetByCodePoints(0, maxChars);
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
