package io.montage.processors.vision;

import static io.montage.processors.stage.ProbeResults.batch;
import static io.montage.processors.stage.ProbeResults.picture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.montage.models.batching.BatchingException;
import io.montage.models.batching.Timed;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.vision.clip.ImageTextEmbedder;
import io.montage.models.vision.clip.LabelPrompt;
import io.montage.models.vision.clip.ZeroShotLabels;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.ProbeResults;
import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.LabelScore;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The image-embedding stage alone, on real PNGs decoded by FFmpeg, with an embedder standing in
 * for CLIP: a picture wider than it is tall points along the first axis, any other along the
 * second, and the prompt "a wide picture" along the first, so that each vector and its zero-shot
 * scores show which picture made them; its failures can be produced on purpose. CLIP itself is
 * tested in models and end to end.
 */
class ImageEmbeddingStageTest {

    private static final ModelRef MODEL = new ModelRef("stand-in-clip", null, "cpu");

    @Test
    void eachPictureGetsItsOwnUnitVectorInOneModelCall() {
        StandIn embedder = new StandIn(13);

        List<Embedding> done = done(stage(embedder, null)
                .processAll(batch(picture("a", 64, 48), picture("b", 32, 40), picture("c", 40, 8))));

        assertThat(embedder.calls).containsExactly(List.of(64, 32, 40));
        assertThat(done).extracting(e -> e.getVector().get(0)).containsExactly(1f, 0f, 1f);
        assertThat(done).extracting(e -> e.getVector().get(1)).containsExactly(0f, 1f, 0f);
        Embedding first = done.get(0);
        assertThat(first.getEventId()).isEqualTo("a");
        assertThat(first.getInput().getOffset()).isEqualTo(0L);
        assertThat(first.getModality()).isEqualTo(Modality.IMAGE);
        assertThat(first.getDimension()).isEqualTo(2);
        assertThat(first.getNormalized()).isTrue();
        assertThat(first.getLabels()).isEmpty();
        assertThat(first.getModel()).isEqualTo(MODEL);
        assertThat(first.getTimings().getQueueMicros()).isEqualTo(3L);
        assertThat(first.getTimings().getModelMicros()).isEqualTo(11L);
        assertThat(first.getTimings().getBatchSize()).isEqualTo(3);
    }

    @Test
    void configuredLabelsAreScoredAgainstEveryVector() {
        StandIn embedder = new StandIn(13);
        ZeroShotLabels labels = ZeroShotLabels.embed(
                embedder,
                List.of(new LabelPrompt("wide", "a wide picture"), new LabelPrompt("tall", "a tall picture")));

        List<Embedding> done =
                done(stage(embedder, labels).processAll(batch(picture("a", 64, 48), picture("b", 32, 40))));

        assertThat(done.get(0).getLabels()).extracting(LabelScore::getLabel).containsExactly("wide", "tall");
        assertThat(done.get(0).getLabels().get(0).getScore()).isCloseTo(1f, within(1e-6f));
        assertThat(done.get(1).getLabels().get(1).getScore()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void aPictureThatDoesNotDecodeIsRejectedAloneWithItsClassAndNeverReachesTheModel() {
        StandIn embedder = new StandIn(13);

        List<ItemOutcome<Embedding>> outcomes = stage(embedder, null)
                .processAll(batch(
                        ProbeResults.of("a", MediaKind.IMAGE, new byte[0]),
                        picture("b", 64, 48),
                        ProbeResults.of("c", MediaKind.IMAGE, ProbeResults.truncatedPng())));

        assertThat(embedder.calls).containsExactly(List.of(64));
        assertThat(rejection(outcomes.get(0))).isEqualTo(ErrorClass.EMPTY);
        assertThat(outcomes.get(1)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(rejection(outcomes.get(2))).isEqualTo(ErrorClass.TRUNCATED);
    }

    @Test
    void aBatchTheModelFailsOnIsRetriedPictureByPictureAndOnlyTheBadOneIsAModelError() {
        StandIn embedder = new StandIn(13);

        List<ItemOutcome<Embedding>> outcomes = stage(embedder, null)
                .processAll(batch(picture("a", 13, 20), picture("b", 64, 48), picture("c", 32, 32)));

        assertThat(embedder.calls).containsExactly(List.of(13, 64, 32), List.of(13), List.of(64), List.of(32));
        assertThat(outcomes.get(0)).isInstanceOfSatisfying(ItemOutcome.Rejected.class, r -> {
            assertThat(r.rejection().errorClass()).isEqualTo(ErrorClass.MODEL_ERROR);
            assertThat(r.rejection().getMessage()).startsWith("The model stand-in-clip failed on this image");
        });
        assertThat(outcomes.get(1)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(outcomes.get(2)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void anUnavailableModelDeadLettersNothingAndLeavesTheBatchToBeRetried() {
        StandIn closed = new StandIn(13) {
            @Override
            public List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images) {
                throw new BatchingException(BatchingException.Kind.CLOSED, "the batcher is closed", null);
            }
        };

        assertThatThrownBy(() -> stage(closed, null).processAll(batch(picture("a", 64, 48))))
                .isInstanceOf(StageUnavailable.class)
                .hasMessageContaining("stand-in-clip is unavailable (CLOSED)");
    }

    private static ImageEmbeddingStage stage(ImageTextEmbedder embedder, ZeroShotLabels labels) {
        return new ImageEmbeddingStage(
                new ProbedImage(new MediaResolver(List.of(), 1 << 20), new FfmpegImageDecoder(MediaLimits.defaults())),
                embedder,
                labels,
                MODEL);
    }

    private static List<Embedding> done(List<ItemOutcome<Embedding>> outcomes) {
        return outcomes.stream()
                .map(o -> ((ItemOutcome.Done<Embedding>) o).value())
                .toList();
    }

    private static ErrorClass rejection(ItemOutcome<?> outcome) {
        assertThat(outcome).isInstanceOf(ItemOutcome.Rejected.class);
        return ((ItemOutcome.Rejected<?>) outcome).rejection().errorClass();
    }

    /** Wide pictures and "a wide picture" along (1, 0), the rest along (0, 1); fails a batch holding a picture {@code failingWidth} wide. */
    private static class StandIn implements ImageTextEmbedder {

        final List<List<Integer>> calls = new ArrayList<>();
        private final int failingWidth;

        StandIn(int failingWidth) {
            this.failingWidth = failingWidth;
        }

        @Override
        public List<Timed<float[]>> embedImagesTimed(List<BufferedImage> images) {
            calls.add(images.stream().map(BufferedImage::getWidth).toList());
            if (images.stream().anyMatch(i -> i.getWidth() == failingWidth)) {
                throw new BatchingException(BatchingException.Kind.BATCH_FAILED, "Non-zero status code returned", null);
            }
            return images.stream()
                    .map(i -> new Timed<>(direction(i.getWidth() > i.getHeight()), 3_000, 11_000, images.size(), 1))
                    .toList();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(t -> direction(t.contains("wide"))).toList();
        }

        private static float[] direction(boolean wide) {
            return wide ? new float[] {1, 0} : new float[] {0, 1};
        }

        @Override
        public float[] embedImage(BufferedImage image) {
            return embedImageTimed(image).value();
        }

        @Override
        public Timed<float[]> embedImageTimed(BufferedImage image) {
            return embedImagesTimed(List.of(image)).get(0);
        }

        @Override
        public List<float[]> embedImages(List<BufferedImage> images) {
            return embedImagesTimed(images).stream().map(Timed::value).toList();
        }

        @Override
        public float[] embed(String text) {
            return embedAll(List.of(text)).get(0);
        }

        @Override
        public Timed<float[]> embedTimed(String text) {
            return new Timed<>(embed(text), 0, 0, 1, 0);
        }

        @Override
        public List<Timed<float[]>> embedAllTimed(List<String> texts) {
            return embedAll(texts).stream()
                    .map(v -> new Timed<>(v, 0, 0, texts.size(), 0))
                    .toList();
        }

        @Override
        public double logitScale() {
            return ZeroShotLabels.CLIP_LOGIT_SCALE;
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String modelId() {
            return MODEL.getId();
        }

        @Override
        public void close() {}
    }
}
