package io.montage.models.store;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Extracts one entry from a .tgz (the ustar layout npm writes), so fetching an npm package needs
 * only the {@code npm} client and no {@code tar} binary.
 */
final class TarGzReader {

    private static final int BLOCK = 512;

    private TarGzReader() {}

    static void extract(Path tgz, String entryName, Path destination) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(tgz), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(
                        field(header, 124, 12).trim().isEmpty()
                                ? "0"
                                : field(header, 124, 12).trim(),
                        8);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                if (fullName.equals(entryName)) {
                    try (OutputStream out = Files.newOutputStream(destination)) {
                        copy(in, out, size);
                    }
                    return;
                }
                in.skipNBytes(padded);
                continue;
            }
        }
        throw new FileNotFoundException(tgz.getFileName() + " has no entry '" + entryName + "'");
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("tarball ends inside an entry");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }
}
