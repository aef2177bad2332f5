package io.montage.topology.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.vision.caption.Florence2Captioner;
import io.montage.models.vision.caption.ImageCaptioner;
import io.montage.models.vision.caption.TinyCaptionModels;
import io.montage.models.vision.caption.VisionEncoderDecoderCaptioner;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.vision.CaptionStage;
import io.montage.processors.vision.ProbedImage;
import io.montage.schemas.avro.Caption;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.ImageEvent;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.VideoFrameEvent;
import io.montage.schemas.registry.InMemorySchemaRegistryClient;
import io.montage.topology.topics.Topics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caption stage wired as in production (video-frames → probe → probes → caption → captions +
 * texts, with montage.vision.live-frames on so that a live frame is captioned), with the tiny random-weight vit-gpt2 and Florence-2 exports standing in for the Hugging
 * Face-only weights. Random weights caption nonsense: these tests pin the wiring, never the words.
 */
class CaptionTopologyTest {

    @TempDir
    Path dir;

    private final Topics topics = Topics.withRegistry("", new InMemorySchemaRegistryClient());
    private ImageCaptioner captioner;
    private TestPipeline pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (captioner != null) {
            captioner.close();
        }
    }

    @Test
    void aVideoFrameGetsAVitGpt2CaptionKeptInItsStreamAndPassedOnForEmbedding() throws IOException {
        Path files = Files.createDirectories(dir.resolve("vit-gpt2"));
        captioner = VisionEncoderDecoderCaptioner.builder()
                .files(TinyCaptionModels.vitGpt2(files))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
        Outputs outputs = run(captioner, "tiny-vit-gpt2");

        Caption caption = outputs.captions().get(0);
        assertThat(caption.getEventId()).isEqualTo("frame-7");
        assertThat(caption.getFrame().getStreamId()).isEqualTo("camera-1");
        assertThat(caption.getModel().getId()).isEqualTo("tiny-vit-gpt2");
        assertThat(caption.getTimings().getBatchSize()).isEqualTo(1);
        assertThat(caption.getAverageLogProbability()).isNotNull().isLessThanOrEqualTo(0f);
        assertTextFollows(outputs, caption);
    }

    @Test
    void florence2CaptionsCarryTheirTaskPrompt() throws IOException {
        Path files = Files.createDirectories(dir.resolve("florence2"));
        captioner = Florence2Captioner.builder()
                .files(TinyCaptionModels.florence2(files))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();
        Outputs outputs = run(captioner, "tiny-florence-2");

        Caption caption = outputs.captions().get(0);
        assertThat(caption.getTask()).isEqualTo("<CAPTION>");
        assertTextFollows(outputs, caption);
    }

    private record Outputs(List<Caption> captions, List<KeyValue<String, TextEvent>> texts) {}

    /**
     * By default a live stream's frames are the scenes stage's to describe (once per scene, on its
     * keyframe): the caption stage reads still pictures only, and every frame only where
     * montage.vision.live-frames asks for it.
     */
    @Test
    void aLiveStreamsFramesAreCaptionedOnlyWhereVisionOnLiveFramesIsOn() throws IOException {
        Path files = Files.createDirectories(dir.resolve("vit-gpt2-default"));
        captioner = VisionEncoderDecoderCaptioner.builder()
                .files(TinyCaptionModels.vitGpt2(files))
                .runtime(new ModelRuntime(RuntimeSettings.cpu()))
                .build();

        assertThat(run(captioner, "tiny-vit-gpt2", false).captions())
                .as("a live frame, by default")
                .isEmpty();
        pipeline.pipe(
                topics.images(),
                "still-1",
                ImageEvent.newBuilder()
                        .setEventId("still-1")
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(png()))
                                .build())
                        .build());
        assertThat(pipeline.readValues(topics.captions()))
                .extracting(Caption::getEventId)
                .as("an uploaded still picture")
                .containsExactly("still-1");
        pipeline.close();

        assertThat(run(captioner, "tiny-vit-gpt2", true).captions())
                .extracting(Caption::getEventId)
                .as("a live frame, with montage.vision.live-frames")
                .containsExactly("frame-7");
    }

    private Outputs run(ImageCaptioner model, String modelId) throws IOException {
        return run(model, modelId, true);
    }

    private Outputs run(ImageCaptioner model, String modelId, boolean visionOnLiveFrames) throws IOException {
        MediaResolver resolver = TestTopologies.resolver(dir.resolve("blobs"));
        CaptionStage stage = new CaptionStage(
                new ProbedImage(resolver, new FfmpegImageDecoder(TestTopologies.LIMITS)),
                model,
                new ModelRef(modelId, null, "cpu"));
        pipeline = TestPipeline.of(
                topics, Stages.probeOnly(TestTopologies.probe(resolver)).withCaption(stage), visionOnLiveFrames);
        pipeline.pipe(
                topics.videoFrames(),
                "camera-1",
                VideoFrameEvent.newBuilder()
                        .setEventId("frame-7")
                        .setFrame(FrameRef.newBuilder()
                                .setStreamId("camera-1")
                                .setFrameIndex(7)
                                .setPtsMicros(233_333)
                                .build())
                        .setMedia(Media.newBuilder()
                                .setInline(ByteBuffer.wrap(png()))
                                .build())
                        .build());
        return new Outputs(pipeline.readValues(topics.captions()), pipeline.read(topics.texts()));
    }

    /** A caption with words goes on to texts; an empty one (possible with random weights) does not. */
    private static void assertTextFollows(Outputs outputs, Caption caption) {
        if (caption.getText().isBlank()) {
            assertThat(outputs.texts()).isEmpty();
            return;
        }
        var text = outputs.texts().get(0);
        assertThat(text.key).isEqualTo("camera-1");
        assertThat(text.value.getKind()).isEqualTo(TextKind.CAPTION);
        assertThat(text.value.getText()).isEqualTo(caption.getText());
        assertThat(text.value.getFrame().getFrameIndex()).isEqualTo(7);
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 160, 120);
        g.setColor(Color.RED);
        g.fillRect(40, 30, 60, 50);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
