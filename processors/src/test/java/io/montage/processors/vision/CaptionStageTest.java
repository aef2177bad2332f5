package io.montage.processors.vision;

import static io.montage.processors.stage.ProbeResults.batch;
import static io.montage.processors.stage.ProbeResults.picture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.batching.BatchingException;
import io.montage.models.batching.Timed;
import io.montage.models.generation.FinishReason;
import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.vision.caption.GeneratedCaption;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.ProbeResults;
import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextKind;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The caption stage alone, on real PNGs decoded by FFmpeg, with a captioner standing in for
 * vit-gpt2 and Florence-2 whose caption names the picture's size, so that each record's caption
 * shows which picture it came from, and whose failures can be produced on purpose. The captioning
 * models themselves are tested in models and end to end.
 */
class CaptionStageTest {

    private static final ModelRef MODEL = new ModelRef("stand-in-captioner", null, "cpu");

    @Test
    void eachPictureGetsItsCaptionFromOneModelCallAndTheCaptionGoesOnToBeEmbedded() {
        StandIn captioner = new StandIn(width -> "a " + width + " pixel wide picture", 13);

        List<ItemOutcome<CaptionStage.Outputs>> outcomes =
                stage(captioner).processAll(batch(picture("a", 64, 48), picture("b", 32, 32), picture("c", 40, 8)));

        assertThat(captioner.calls).containsExactly(List.of(64, 32, 40));
        List<CaptionStage.Outputs> done = done(outcomes);
        assertThat(done)
                .extracting(o -> o.caption().getText())
                .containsExactly("a 64 pixel wide picture", "a 32 pixel wide picture", "a 40 pixel wide picture");
        CaptionStage.Outputs first = done.get(0);
        assertThat(first.caption().getEventId()).isEqualTo("a");
        assertThat(first.caption().getInput().getOffset()).isEqualTo(0L);
        assertThat(first.caption().getTask()).isEqualTo("<CAPTION>");
        assertThat(first.caption().getAverageLogProbability()).isEqualTo(-0.25f);
        assertThat(first.caption().getModel()).isEqualTo(MODEL);
        assertThat(first.caption().getTimings().getQueueMicros()).isEqualTo(2L);
        assertThat(first.caption().getTimings().getModelMicros()).isEqualTo(9L);
        assertThat(first.caption().getTimings().getBatchSize()).isEqualTo(3);
        assertThat(first.text().getEventId()).isEqualTo("a");
        assertThat(first.text().getKind()).isEqualTo(TextKind.CAPTION);
        assertThat(first.text().getText()).isEqualTo("a 64 pixel wide picture");
        assertThat(first.text().getProducedBy()).isEqualTo(MODEL);
    }

    @Test
    void anEmptyCaptionIsRecordedButHasNothingToEmbed() {
        StandIn captioner = new StandIn(width -> width == 32 ? " " : "a picture", 13);

        List<CaptionStage.Outputs> done =
                done(stage(captioner).processAll(batch(picture("a", 64, 48), picture("b", 32, 32))));

        assertThat(done.get(0).text()).isNotNull();
        assertThat(done.get(1).caption().getText()).isEqualTo(" ");
        assertThat(done.get(1).text()).isNull();
    }

    @Test
    void aPictureThatDoesNotDecodeIsRejectedAloneWithItsClassAndNeverReachesTheModel() {
        StandIn captioner = new StandIn(width -> "a picture", 13);

        List<ItemOutcome<CaptionStage.Outputs>> outcomes = stage(captioner)
                .processAll(batch(
                        picture("a", 64, 48),
                        ProbeResults.of("b", MediaKind.IMAGE, ProbeResults.truncatedPng()),
                        ProbeResults.of("c", MediaKind.IMAGE, "not a picture".getBytes(StandardCharsets.UTF_8)),
                        picture("d", 32, 32)));

        assertThat(captioner.calls).containsExactly(List.of(64, 32));
        assertThat(outcomes.get(0)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(rejection(outcomes.get(1))).isEqualTo(ErrorClass.TRUNCATED);
        assertThat(rejection(outcomes.get(2))).isEqualTo(ErrorClass.UNRECOGNISED_FORMAT);
        assertThat(outcomes.get(3)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void aBatchTheModelFailsOnIsRetriedPictureByPictureAndOnlyTheBadOneIsAModelError() {
        StandIn captioner = new StandIn(width -> "a picture", 13);

        List<ItemOutcome<CaptionStage.Outputs>> outcomes =
                stage(captioner).processAll(batch(picture("a", 64, 48), picture("b", 13, 13), picture("c", 32, 32)));

        assertThat(captioner.calls).containsExactly(List.of(64, 13, 32), List.of(64), List.of(13), List.of(32));
        assertThat(outcomes.get(0)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemOutcome.Rejected.class, r -> {
            assertThat(r.rejection().errorClass()).isEqualTo(ErrorClass.MODEL_ERROR);
            assertThat(r.rejection().getMessage()).startsWith("The model stand-in-captioner failed on this image");
        });
        assertThat(outcomes.get(2)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void anUnavailableModelDeadLettersNothingAndLeavesTheBatchToBeRetried() {
        StandIn closed = new StandIn(width -> "a picture", 13) {
            @Override
            public List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
                throw new BatchingException(BatchingException.Kind.TIMEOUT, "the queue stayed full", null);
            }
        };

        assertThatThrownBy(() -> stage(closed).processAll(batch(picture("a", 64, 48))))
                .isInstanceOf(StageUnavailable.class)
                .hasMessageContaining("stand-in-captioner is unavailable (TIMEOUT)");
    }

    private static CaptionStage stage(ImageCaptioner captioner) {
        return new CaptionStage(
                new ProbedImage(new MediaResolver(List.of(), 1 << 20), new FfmpegImageDecoder(MediaLimits.defaults())),
                captioner,
                MODEL);
    }

    private static <O> List<O> done(List<ItemOutcome<O>> outcomes) {
        return outcomes.stream().map(o -> ((ItemOutcome.Done<O>) o).value()).toList();
    }

    private static ErrorClass rejection(ItemOutcome<?> outcome) {
        assertThat(outcome).isInstanceOf(ItemOutcome.Rejected.class);
        return ((ItemOutcome.Rejected<?>) outcome).rejection().errorClass();
    }

    /** Captions by the picture's width; fails any batch holding a picture {@code failingWidth} wide. */
    private static class StandIn implements ImageCaptioner {

        final List<List<Integer>> calls = new ArrayList<>();
        private final IntFunction<String> caption;
        private final int failingWidth;

        StandIn(IntFunction<String> caption, int failingWidth) {
            this.caption = caption;
            this.failingWidth = failingWidth;
        }

        @Override
        public List<Timed<GeneratedCaption>> captionAllTimed(List<BufferedImage> images) {
            calls.add(images.stream().map(BufferedImage::getWidth).toList());
            if (images.stream().anyMatch(i -> i.getWidth() == failingWidth)) {
                throw new BatchingException(BatchingException.Kind.BATCH_FAILED, "Non-zero status code returned", null);
            }
            return images.stream()
                    .map(i -> new Timed<>(
                            new GeneratedCaption(
                                    caption.apply(i.getWidth()),
                                    "<CAPTION>",
                                    -0.25,
                                    FinishReason.END_OF_SEQUENCE,
                                    MODEL.getId()),
                            2_000,
                            9_000,
                            images.size(),
                            1))
                    .toList();
        }

        @Override
        public GeneratedCaption caption(BufferedImage image) {
            return captionTimed(image).value();
        }

        @Override
        public Timed<GeneratedCaption> captionTimed(BufferedImage image) {
            return captionAllTimed(List.of(image)).get(0);
        }

        @Override
        public List<GeneratedCaption> captionAll(List<BufferedImage> images) {
            return captionAllTimed(images).stream().map(Timed::value).toList();
        }

        @Override
        public String modelId() {
            return MODEL.getId();
        }

        @Override
        public void close() {}
    }
}
