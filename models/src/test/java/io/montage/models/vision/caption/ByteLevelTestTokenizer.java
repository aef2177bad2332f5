package io.montage.models.vision.caption;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small but valid byte-level BPE tokenizer.json (the structure of GPT-2's and BART's) for the tiny models:
 * the 256 byte symbols of GPT-2's byte-to-unicode table from {@code firstByteId}, a few merges, and special tokens at
 * the real ids. Ids the tiny models generate beyond the vocabulary decode to nothing, as in the tokenizers library.
 */
final class ByteLevelTestTokenizer {

    private static final List<String> MERGES = List.of(
            "a t",
            "Ġ c",
            "Ġc at",
            "Ġ a",
            "Ġ d",
            "i a",
            "Ġd ia",
            "g r",
            "a m",
            "gr am",
            "Ġdia gram",
            "Ġ o",
            "Ġo n",
            "Ġ t",
            "h e",
            "Ġt he");

    private ByteLevelTestTokenizer() {}

    /** GPT-2 (Xenova/vit-gpt2-image-captioning): bytes at 0..255, {@code <|endoftext|>} at 50256. */
    static Path gpt2(Path directory) throws IOException {
        return write(directory, 0, Map.of("<|endoftext|>", 50256L));
    }

    /** BART (Florence-2): {@code <s>} 0, {@code <pad>} 1, {@code </s>} 2, {@code <unk>} 3, bytes from 4. */
    static Path bart(Path directory) throws IOException {
        var specials = new LinkedHashMap<String, Long>();
        specials.put("<s>", 0L);
        specials.put("<pad>", 1L);
        specials.put("</s>", 2L);
        specials.put("<unk>", 3L);
        return write(directory, 4, specials);
    }

    private static Path write(Path directory, int firstByteId, Map<String, Long> specials) throws IOException {
        Map<String, Long> vocab = new LinkedHashMap<>(specials);
        List<String> symbols = byteSymbols();
        for (int b = 0; b < 256; b++) {
            vocab.put(symbols.get(b), (long) (firstByteId + b));
        }
        long next = firstByteId + 256;
        for (String merge : MERGES) {
            vocab.putIfAbsent(merge.replace(" ", ""), next++);
        }
        List<Map<String, Object>> added = new ArrayList<>();
        specials.forEach((content, id) -> added.add(Map.of(
                "id",
                id,
                "content",
                content,
                "single_word",
                false,
                "lstrip",
                false,
                "rstrip",
                false,
                "normalized",
                false,
                "special",
                true)));
        Map<String, Object> byteLevel =
                Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", true);
        var model = new LinkedHashMap<String, Object>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", MERGES);
        var root = new LinkedHashMap<String, Object>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel);
        root.put("post_processor", null);
        root.put("decoder", byteLevel);
        root.put("model", model);
        Path file = directory.resolve("tokenizer.json");
        new ObjectMapper().writeValue(file.toFile(), root);
        return file;
    }

    /** GPT-2's reversible map from the 256 byte values to printable characters, in byte order. */
    private static List<String> byteSymbols() {
        List<Integer> printable = new ArrayList<>();
        for (int c = '!'; c <= '~'; c++) {
            printable.add(c);
        }
        for (int c = '¡'; c <= '¬'; c++) {
            printable.add(c);
        }
        for (int c = '®'; c <= 'ÿ'; c++) {
            printable.add(c);
        }
        String[] symbol = new String[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            symbol[b] = printable.contains(b) ? String.valueOf((char) b) : String.valueOf((char) (256 + shifted++));
        }
        return List.of(symbol);
    }
}
