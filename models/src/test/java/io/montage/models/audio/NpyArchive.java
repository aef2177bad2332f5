package io.montage.models.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the little-endian float32 arrays of a numpy {@code .npz} (a zip of {@code .npy} files,
 * stored or deflated): enough for Whisper's {@code mel_filters.npz} and the reference log-mels.
 */
final class NpyArchive {

    record FloatArray(int[] shape, float[] values) {}

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyArchive() {}

    static Map<String, FloatArray> read(Path npz) throws IOException {
        try (InputStream in = Files.newInputStream(npz)) {
            return read(in, npz.toString());
        }
    }

    static Map<String, FloatArray> read(InputStream npz, String name) throws IOException {
        var arrays = new HashMap<String, FloatArray>();
        try (ZipInputStream zip = new ZipInputStream(npz)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String key = entry.getName().replaceFirst("\\.npy$", "");
                arrays.put(key, parseNpy(zip.readAllBytes(), name + ":" + entry.getName()));
            }
        }
        return arrays;
    }

    private static FloatArray parseNpy(byte[] bytes, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10
                || (bytes[0] & 0xff) != 0x93
                || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(name + " is not a .npy array (no \\x93NUMPY magic)");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, name);
        if (!descr.equals("<f4") || group(FORTRAN, header, name).equals("True")) {
            throw new IOException(
                    name + ": only C-order little-endian float32 is supported, header is " + header.trim());
        }
        String[] dims = group(SHAPE, header, name).split(",");
        int count = 1;
        var shape = new java.util.ArrayList<Integer>();
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape.add(Integer.parseInt(dim.trim()));
                count *= shape.get(shape.size() - 1);
            }
        }
        float[] values = new float[count];
        buffer.position(headerStart + headerLength);
        buffer.asFloatBuffer().get(values);
        return new FloatArray(shape.stream().mapToInt(Integer::intValue).toArray(), values);
    }

    private static String group(Pattern pattern, String header, String name) throws IOException {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IOException(name + ": .npy header lacks " + pattern.pattern() + ": " + header.trim());
        }
        return m.group(1);
    }
}
