package io.montage.processors.audio;

import io.montage.models.audio.WebVttWriter;
import io.montage.models.batching.Timed;
import io.montage.models.media.AudioDecoder;
import io.montage.models.media.MediaRejectedException;
import io.montage.models.speech.SpeechRecognizer;
import io.montage.models.speech.TranscribedSegment;
import io.montage.models.speech.Transcription;
import io.montage.models.speech.TranscriptionOptions;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.BatchStage;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ItemBatch;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.StageId;
import io.montage.processors.stage.StageInput;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.GeneratedKind;
import io.montage.schemas.avro.GeneratedMedia;
import io.montage.schemas.avro.Media;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import io.montage.schemas.avro.Transcript;
import io.montage.schemas.avro.TranscriptSegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transcribes audio clips and the sound track of video clips: voice activity detection, Whisper on
 * windows of at most 30 s, one transcript with absolute times. Writes the transcript, its text for
 * embedding, and WebVTT subtitles; a clip without speech gets an empty transcript that says so
 * (never a hallucinated sentence) and no subtitles.
 */
public final class TranscriptionStage implements BatchStage<ProbeResult, TranscriptionStage.Outputs> {

    /** The transcript; its text for embedding and its subtitles, both null when there was no speech. */
    public record Outputs(Transcript transcript, TextEvent text, GeneratedMedia subtitles) {}

    private final MediaResolver resolver;
    private final AudioDecoder decoder;
    private final SpeechRecognizer recognizer;
    private final ModelRef model;
    private final WebVttWriter subtitles = new WebVttWriter();

    public TranscriptionStage(
            MediaResolver resolver, AudioDecoder decoder, SpeechRecognizer recognizer, ModelRef model) {
        this.resolver = resolver;
        this.decoder = decoder;
        this.recognizer = recognizer;
        this.model = model;
    }

    /** Audio, and video that has a sound track. */
    public static boolean hasSound(ProbeResult probe) {
        return probe.getMedia() != null
                && (probe.getKind() == MediaKind.AUDIO
                        || probe.getKind() == MediaKind.VIDEO && probe.getSampleRate() != null);
    }

    @Override
    public List<ItemOutcome<Outputs>> processAll(List<StageInput<ProbeResult>> inputs) {
        return ItemBatch.<ProbeResult, Clip, Timed<Transcription>>prepare(inputs, this::clip)
                .run(model, "this audio", this::transcribeAll)
                .finish((input, clip, timed) -> outputs(input, timed));
    }

    /** One record's sound, decoded, and how to transcribe it (its language hint). */
    private record Clip(float[] samples, TranscriptionOptions options) {}

    private Clip clip(StageInput<ProbeResult> input) throws StageRejection {
        ProbeResult probe = input.value();
        TranscriptionOptions options = probe.getLanguageHint() == null
                ? TranscriptionOptions.defaults()
                : TranscriptionOptions.defaults().withLanguage(probe.getLanguageHint());
        return new Clip(decode(probe), options);
    }

    /**
     * The recognizer batches the windows of every clip it is given; clips are grouped by their
     * options (language hints), one call per group, and each clip keeps the timing of its own windows.
     */
    private List<Timed<Transcription>> transcribeAll(List<Clip> clips) {
        Map<TranscriptionOptions, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            groups.computeIfAbsent(clips.get(i).options(), o -> new ArrayList<>())
                    .add(i);
        }
        List<Timed<Transcription>> results = new ArrayList<>(Collections.nCopies(clips.size(), null));
        groups.forEach((options, positions) -> {
            List<Timed<Transcription>> done = recognizer.transcribeAllTimed(
                    positions.stream().map(i -> clips.get(i).samples()).toList(), options);
            for (int k = 0; k < positions.size(); k++) {
                results.set(positions.get(k), done.get(k));
            }
        });
        return results;
    }

    private Outputs outputs(StageInput<ProbeResult> input, Timed<Transcription> timed) {
        ProbeResult probe = input.value();
        InputContext context = input.context();
        Transcription transcription = timed.value();
        Transcript transcript = Transcript.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setText(transcription.text())
                .setLanguage(transcription.language())
                .setLanguageProbability(
                        transcription.language() == null ? null : (float) transcription.languageProbability())
                .setSegments(transcription.segments().stream()
                        .map(TranscriptionStage::segment)
                        .toList())
                .setNoSpeechReason(transcription.noSpeechReason())
                .setAudioDurationMicros(transcription.durationMicros())
                .setModel(model)
                .setTimings(context.finishedTimings(timed))
                .build();
        if (!transcription.hasSpeech() || transcription.text().isBlank()) {
            return new Outputs(transcript, null, null);
        }
        return new Outputs(transcript, text(probe, transcription), vtt(probe, context, timed, transcription));
    }

    private float[] decode(ProbeResult probe) throws StageRejection {
        byte[] data = resolver.bytes(probe.getMedia());
        try {
            return decoder.decodeMono16k(data);
        } catch (MediaRejectedException e) {
            throw StageRejection.of(e);
        }
    }

    private TextEvent text(ProbeResult probe, Transcription transcription) {
        return TextEvent.newBuilder()
                .setEventId(probe.getEventId())
                .setKind(TextKind.TRANSCRIPT)
                .setText(transcription.text())
                .setLanguage(transcription.language())
                .setProducedBy(model)
                .build();
    }

    private GeneratedMedia vtt(
            ProbeResult probe, InputContext context, Timed<Transcription> timed, Transcription transcription) {
        byte[] document = subtitles.write(transcription.timedText()).getBytes(StandardCharsets.UTF_8);
        return GeneratedMedia.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setKind(GeneratedKind.SUBTITLES)
                .setContentType("text/vtt")
                .setMedia(Media.newBuilder()
                        .setInline(ByteBuffer.wrap(document))
                        .setContentType("text/vtt")
                        .setFileName(probe.getEventId() + ".vtt")
                        .build())
                .setModel(model)
                .setStage(StageId.TRANSCRIBE.id())
                .setTimings(context.finishedTimings(timed))
                .build();
    }

    private static TranscriptSegment segment(TranscribedSegment segment) {
        return new TranscriptSegment(
                segment.startMicros(), segment.endMicros(), segment.text(), (float) segment.avgLogProb(), (float)
                        segment.noSpeechProb());
    }
}
