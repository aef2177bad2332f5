package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentProbeTest {

    private static final List<String> FIXTURES = List.of(
            "sample-text.jpg",
            "image-320x240.png",
            "image-320x240.webp",
            "image-320x240.heic",
            "tone-1500ms-44k1-mono.mp3",
            "tone-1500ms-48k-stereo.opus",
            "clip-2s-320x240.mp4");

    @Test
    void eightThreadsProbingFiftyTimesEachGetTheSameResultsAsOneThread() throws Exception {
        MediaProbe probe = new FfmpegMediaProbe(MediaLimits.defaults());
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String fixture : FIXTURES) {
            inputs.put(fixture, MediaFixtures.bytes(fixture));
            expected.put(fixture, probe.probe(inputs.get(fixture)));
        }
        byte[] broken = MediaFixtures.firstHalf(MediaFixtures.bytes("clip-2s-320x240.mp4"));
        expected.put("broken", MediaRejectedException.Reason.TRUNCATED);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                workers.add(pool.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        int pick = (i + offset) % (FIXTURES.size() + 1);
                        String name = pick == FIXTURES.size() ? "broken" : FIXTURES.get(pick);
                        Object actual;
                        try {
                            actual = probe.probe(name.equals("broken") ? broken : inputs.get(name));
                        } catch (MediaRejectedException e) {
                            actual = e.reason();
                        }
                        if (!expected.get(name).equals(actual)) {
                            mismatches.add(name + ": " + actual);
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> worker : workers) {
                assertThat(worker.get(5, TimeUnit.MINUTES)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
