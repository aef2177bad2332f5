package io.montage.models.speech;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * openai/whisper utils.py {@code compression_ratio}: UTF-8 bytes of the text over the bytes of
 * {@code zlib.compress(text)}. Python's default level (6, {@code Z_DEFAULT_COMPRESSION}) with the zlib wrapper is
 * {@link Deflater}'s default, so the ratios match. A repetition loop compresses well: above 2.4 openai re-decodes.
 */
final class TextCompressionRatio {

    private TextCompressionRatio() {}

    static double of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
            return (double) bytes.length / compressed.size();
        } finally {
            deflater.end();
        }
    }
}
