package io.montage.processors.audio;

import static io.montage.processors.stage.ProbeResults.batch;
import static io.montage.processors.stage.ProbeResults.tone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.batching.BatchingException;
import io.montage.models.batching.Timed;
import io.montage.models.media.FfmpegAudioDecoder;
import io.montage.models.media.MediaLimits;
import io.montage.models.speech.SpeechRecognizer;
import io.montage.models.speech.TranscribedSegment;
import io.montage.models.speech.Transcription;
import io.montage.models.speech.TranscriptionOptions;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.ProbeResults;
import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The transcription stage alone, on WAV tones decoded by FFmpeg, with a recognizer standing in for
 * Whisper whose transcript says how many samples it heard, so that each record's transcript shows
 * which clip made it, and whose failures and silences can be produced on purpose. Whisper itself
 * is tested in models and end to end.
 */
class TranscriptionStageTest {

    private static final ModelRef MODEL = new ModelRef("stand-in-whisper", null, "cpu");

    @Test
    void eachClipGetsItsTranscriptTextAndSubtitlesFromOneModelCall() {
        StandIn recognizer = new StandIn();

        List<ItemOutcome<TranscriptionStage.Outputs>> outcomes =
                stage(recognizer).processAll(batch(tone("a", 0.5), tone("b", 1.0)));

        assertThat(recognizer.calls).containsExactly(List.of(8_000, 16_000));
        List<TranscriptionStage.Outputs> done = done(outcomes);
        assertThat(done).extracting(o -> o.transcript().getText()).containsExactly("8000 samples", "16000 samples");
        Transcript first = done.get(0).transcript();
        assertThat(first.getEventId()).isEqualTo("a");
        assertThat(first.getInput().getOffset()).isEqualTo(0L);
        assertThat(first.getLanguage()).isEqualTo("en");
        assertThat(first.getSegments()).hasSize(1);
        assertThat(first.getSegments().get(0).getEndMicros()).isEqualTo(500_000L);
        assertThat(first.getAudioDurationMicros()).isEqualTo(500_000L);
        assertThat(first.getNoSpeechReason()).isNull();
        assertThat(first.getModel()).isEqualTo(MODEL);
        assertThat(first.getTimings().getQueueMicros()).isEqualTo(4L);
        assertThat(first.getTimings().getModelMicros()).isEqualTo(21L);
        assertThat(first.getTimings().getBatchSize()).isEqualTo(2);
        assertThat(done.get(0).text().getKind()).isEqualTo(TextKind.TRANSCRIPT);
        assertThat(done.get(0).text().getText()).isEqualTo("8000 samples");
        assertThat(done.get(0).subtitles().getKind()).isEqualTo(GeneratedKind.SUBTITLES);
        assertThat(done.get(0).subtitles().getContentType()).isEqualTo("text/vtt");
        assertThat(StandardCharsets.UTF_8
                        .decode(done.get(0).subtitles().getMedia().getInline())
                        .toString())
                .startsWith("WEBVTT")
                .contains("8000 samples");
    }

    @Test
    void clipsWithALanguageHintAreTranscribedInThatLanguageInACallOfTheirOwn() {
        StandIn recognizer = new StandIn();
        ProbeResult german =
                ProbeResult.newBuilder(tone("b", 1.0)).setLanguageHint("de").build();

        List<TranscriptionStage.Outputs> done =
                done(stage(recognizer).processAll(batch(tone("a", 0.5), german, tone("c", 0.25))));

        assertThat(recognizer.calls).containsExactly(List.of(8_000, 4_000), List.of(16_000));
        assertThat(recognizer.languages).containsExactly(null, "de");
        assertThat(done).extracting(o -> o.transcript().getEventId()).containsExactly("a", "b", "c");
        assertThat(done).extracting(o -> o.transcript().getLanguage()).containsExactly("en", "de", "en");
    }

    @Test
    void aClipWithoutSpeechHasAnEmptyTranscriptThatSaysWhyAndNoTextOrSubtitles() {
        StandIn recognizer = new StandIn();

        TranscriptionStage.Outputs silent =
                done(stage(recognizer).processAll(batch(tone("quiet", 2.0)))).get(0);

        assertThat(silent.transcript().getText()).isEmpty();
        assertThat(silent.transcript().getNoSpeechReason()).isEqualTo("no speech detected");
        assertThat(silent.transcript().getTimings().getModelMicros()).isZero();
        assertThat(silent.text()).isNull();
        assertThat(silent.subtitles()).isNull();
    }

    @Test
    void audioThatDoesNotDecodeIsRejectedAloneWithItsClassAndNeverReachesTheModel() {
        StandIn recognizer = new StandIn();

        List<ItemOutcome<TranscriptionStage.Outputs>> outcomes = stage(recognizer)
                .processAll(batch(
                        ProbeResults.of("a", MediaKind.AUDIO, "not a sound".getBytes(StandardCharsets.UTF_8)),
                        tone("b", 0.5),
                        ProbeResults.of("c", MediaKind.AUDIO, new byte[0])));

        assertThat(recognizer.calls).containsExactly(List.of(8_000));
        assertThat(rejection(outcomes.get(0))).isEqualTo(ErrorClass.UNRECOGNISED_FORMAT);
        assertThat(outcomes.get(1)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(rejection(outcomes.get(2))).isEqualTo(ErrorClass.EMPTY);
    }

    @Test
    void aBatchTheModelFailsOnIsRetriedClipByClipAndOnlyTheBadOneIsAModelError() {
        StandIn recognizer = new StandIn();

        List<ItemOutcome<TranscriptionStage.Outputs>> outcomes =
                stage(recognizer).processAll(batch(tone("a", 0.5), tone("bad", 0.75), tone("c", 0.25)));

        assertThat(recognizer.calls)
                .containsExactly(List.of(8_000, 12_000, 4_000), List.of(8_000), List.of(12_000), List.of(4_000));
        assertThat(outcomes.get(0)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemOutcome.Rejected.class, r -> {
            assertThat(r.rejection().errorClass()).isEqualTo(ErrorClass.MODEL_ERROR);
            assertThat(r.rejection().getMessage()).startsWith("The model stand-in-whisper failed on this audio");
        });
        assertThat(outcomes.get(2)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void anUnavailableModelDeadLettersNothingAndLeavesTheBatchToBeRetried() {
        StandIn closed = new StandIn() {
            @Override
            public List<Timed<Transcription>> transcribeAllTimed(List<float[]> clips, TranscriptionOptions options) {
                throw new BatchingException(BatchingException.Kind.INTERRUPTED, "interrupted while waiting", null);
            }
        };

        assertThatThrownBy(() -> stage(closed).processAll(batch(tone("a", 0.5))))
                .isInstanceOf(StageUnavailable.class)
                .hasMessageContaining("stand-in-whisper is unavailable (INTERRUPTED)");
    }

    private static TranscriptionStage stage(SpeechRecognizer recognizer) {
        return new TranscriptionStage(
                new MediaResolver(List.of(), 1 << 20),
                new FfmpegAudioDecoder(MediaLimits.defaults()),
                recognizer,
                MODEL);
    }

    private static <O> List<O> done(List<ItemOutcome<O>> outcomes) {
        return outcomes.stream().map(o -> ((ItemOutcome.Done<O>) o).value()).toList();
    }

    private static ErrorClass rejection(ItemOutcome<?> outcome) {
        assertThat(outcome).isInstanceOf(ItemOutcome.Rejected.class);
        return ((ItemOutcome.Rejected<?>) outcome).rejection().errorClass();
    }

    /**
     * Hears "N samples" in a clip of N samples, in the hinted language or English; finds no speech
     * in a 2 s clip; fails any call holding a 0.75 s clip.
     */
    private static class StandIn implements SpeechRecognizer {

        final List<List<Integer>> calls = new ArrayList<>();
        final List<String> languages = new ArrayList<>();

        @Override
        public List<Timed<Transcription>> transcribeAllTimed(List<float[]> clips, TranscriptionOptions options) {
            calls.add(clips.stream().map(c -> c.length).toList());
            languages.add(options.languageHint());
            if (clips.stream().anyMatch(c -> c.length == 12_000)) {
                throw new BatchingException(BatchingException.Kind.BATCH_FAILED, "Non-zero status code returned", null);
            }
            return clips.stream()
                    .map(c -> c.length == 32_000
                            ? new Timed<>(Transcription.noSpeech(2_000_000, "no speech detected"), 0, 0, 0, 0)
                            : new Timed<>(heard(c, options), 4_000, 21_000, clips.size(), 0))
                    .toList();
        }

        private static Transcription heard(float[] clip, TranscriptionOptions options) {
            long micros = clip.length * 1_000_000L / 16_000;
            String text = clip.length + " samples";
            return new Transcription(
                    text,
                    options.languageHint() == null ? "en" : options.languageHint(),
                    0.9,
                    List.of(new TranscribedSegment(0, micros, text, -0.3, 0.01)),
                    micros,
                    null);
        }

        @Override
        public Transcription transcribe(float[] mono16k, TranscriptionOptions options) {
            return transcribeAll(List.of(mono16k), options).get(0);
        }

        @Override
        public String modelId() {
            return MODEL.getId();
        }

        @Override
        public void close() {}
    }
}
