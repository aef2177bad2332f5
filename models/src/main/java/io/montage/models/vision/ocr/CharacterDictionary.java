package io.montage.models.vision.ocr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recogniser's output classes: CTC blank at index 0, then one class per line of the character file,
 * then a space — the layout of PaddleOCR's {@code CTCLabelDecode} with {@code use_space_char=True}
 * (ppocr/postprocess/rec_postprocess.py: add_special_char puts "blank" first; the space is appended to
 * the file's characters).
 */
final class CharacterDictionary {

    static final int BLANK = 0;

    private final List<String> classes;

    CharacterDictionary(List<String> characters) {
        var all = new ArrayList<String>(characters.size() + 2);
        all.add("");
        all.addAll(characters);
        all.add(" ");
        this.classes = List.copyOf(all);
    }

    /** Reads one character per line (UTF-8), as PaddleOCR reads character_dict_path. */
    static CharacterDictionary read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.endsWith("\r") ? line.substring(0, line.length() - 1) : line)
                    .toList();
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("character file " + file
                        + " is empty; re-fetch it with: montage models pull " + PaddleOcr.MODEL_ID);
            }
            return new CharacterDictionary(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the OCR character file " + file + ": " + e.getMessage()
                            + "; check it with: montage models verify " + PaddleOcr.MODEL_ID,
                    e);
        }
    }

    /** Number of output classes, blank and space included. */
    int size() {
        return classes.size();
    }

    String characterOf(int classIndex) {
        return classes.get(classIndex);
    }
}
