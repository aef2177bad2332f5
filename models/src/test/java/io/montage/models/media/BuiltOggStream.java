package io.montage.models.media;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * An Ogg stream of whole pages, built from each page's segment table (the lacing values that
 * sum to its body's size), with random bodies; and the page a cut of it must be reported torn at.
 *
 * @param segmentTables one lacing table per page, each value 0–255, at most 255 per page
 * @param bodySeed      seed of the random body bytes, which the page walk must never look into
 */
record BuiltOggStream(List<List<Integer>> segmentTables, long bodySeed) {

    private static final int HEADER_BYTES = 27;

    /** One to five pages; mostly a few small segments, sometimes a full table of 255. */
    static Arbitrary<BuiltOggStream> streams() {
        Arbitrary<Integer> lacing = Arbitraries.integers().between(0, 255).edgeCases(edges -> edges.add(255));
        Arbitrary<List<Integer>> table = Arbitraries.frequencyOf(
                Tuple.of(9, lacing.list().ofMaxSize(8)),
                Tuple.of(1, lacing.list().ofMaxSize(255)));
        return Combinators.combine(table.list().ofMinSize(1).ofMaxSize(5), Arbitraries.longs())
                .as(BuiltOggStream::new);
    }

    byte[] bytes() {
        Random random = new Random(bodySeed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int page = 0; page < segmentTables.size(); page++) {
            List<Integer> table = segmentTables.get(page);
            byte[] header = new byte[HEADER_BYTES];
            random.nextBytes(header); // granule, serial, sequence and CRC: nothing the walk may depend on
            header[0] = 'O';
            header[1] = 'g';
            header[2] = 'g';
            header[3] = 'S';
            header[26] = (byte) table.size();
            out.writeBytes(header);
            table.forEach(out::write);
            byte[] body = new byte[table.stream().mapToInt(Integer::intValue).sum()];
            random.nextBytes(body);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    long size() {
        return pageStart(segmentTables.size());
    }

    /** Where a page starts; for the page after the last, the stream's size. */
    long pageStart(int page) {
        long start = 0;
        for (int i = 0; i < page; i++) {
            start += pageSize(i);
        }
        return start;
    }

    long pageSize(int page) {
        List<Integer> table = segmentTables.get(page);
        return HEADER_BYTES
                + table.size()
                + table.stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * The torn page a cut to {@code length} bytes leaves: none on a page boundary or when too
     * little is left to tell Ogg (4 bytes, "OggS"); else the page cut into, with its size as far
     * as the bytes left tell it: the header's 27 bytes, then its segment table, then the whole page.
     */
    Optional<OggPages.TornPage> tornPageWhenCutTo(long length) {
        if (length < 4) {
            return Optional.empty();
        }
        for (int page = 0; page < segmentTables.size(); page++) {
            long start = pageStart(page);
            long inside = length - start;
            if (inside > 0 && inside < pageSize(page)) {
                int segments = segmentTables.get(page).size();
                long known = inside < HEADER_BYTES
                        ? HEADER_BYTES
                        : inside < HEADER_BYTES + segments ? HEADER_BYTES + segments : pageSize(page);
                return Optional.of(new OggPages.TornPage(start, known));
            }
        }
        return Optional.empty();
    }
}
