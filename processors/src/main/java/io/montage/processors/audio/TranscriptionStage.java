package io.montage.processors.audio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.montage.models.audio.WebVttWriter;
import io.montage.models.media.AudioDecoder;
import io.montage.models.media.MediaRejectedException;
import io.montage.models.speech.SpeechRecognizer;
import io.montage.models.speech.TranscribedSegment;
import io.montage.models.speech.Transcription;
import io.montage.models.speech.TranscriptionOptions;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ModelCall;
import io.montage.processors.stage.Stage;
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

/**
 * Transcribes audio clips and the sound track of video clips: voice activity detection, Whisper on
 * windows of at most 30 s, one transcript with absolute times. Writes the transcript, its text for
 * embedding, and WebVTT subtitles; a clip without speech gets an empty transcript that says so
 * (never a hallucinated sentence) and no subtitles.
 */
public final class TranscriptionStage implements Stage<ProbeResult, TranscriptionStage.Outputs> {

    public static final String NAME = "transcribe";

    /** The transcript; its text for embedding and its subtitles, both null when there was no speech. */
    public record Outputs(Transcript transcript, TextEvent text, GeneratedMedia subtitles) {
    }

    private final MediaResolver resolver;
    private final AudioDecoder decoder;
    private final SpeechRecognizer recognizer;
    private final ModelRef model;
    private final WebVttWriter subtitles = new WebVttWriter();

    public TranscriptionStage(MediaResolver resolver, AudioDecoder decoder, SpeechRecognizer recognizer,
            ModelRef model) {
        this.resolver = resolver;
        this.decoder = decoder;
        this.recognizer = recognizer;
        this.model = model;
    }

    /** Audio, and video that has a sound track. */
    public static boolean hasSound(ProbeResult probe) {
        return probe.getMedia() != null && (probe.getKind() == MediaKind.AUDIO
                || probe.getKind() == MediaKind.VIDEO && probe.getSampleRate() != null);
    }

    @Override
    public Outputs process(ProbeResult probe, InputContext context) throws StageRejection {
        float[] samples = decode(probe);
        TranscriptionOptions options = probe.getLanguageHint() == null ? TranscriptionOptions.defaults()
                : TranscriptionOptions.defaults().withLanguage(probe.getLanguageHint());
        Transcription transcription = ModelCall.run(model, "this audio",
                () -> recognizer.transcribe(samples, options));
        Transcript transcript = Transcript.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setText(transcription.text())
                .setLanguage(transcription.language())
                .setLanguageProbability(transcription.language() == null ? null
                        : (float) transcription.languageProbability())
                .setSegments(transcription.segments().stream().map(TranscriptionStage::segment).toList())
                .setNoSpeechReason(transcription.noSpeechReason())
                .setAudioDurationMicros(transcription.durationMicros())
                .setModel(model)
                .setTimings(context.finishedTimings())
                .build();
        if (!transcription.hasSpeech() || transcription.text().isBlank()) {
            return new Outputs(transcript, null, null);
        }
        return new Outputs(transcript, text(probe, transcription), vtt(probe, context, transcription));
    }

    private float[] decode(ProbeResult probe) throws StageRejection {
        byte[] data = resolver.bytes(probe.getMedia());
        try {
            return decoder.decodeMono16k(data);
        } catch (MediaRejectedException e) {
            throw new StageRejection(e.reason().name(), e.getMessage(), e);
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

    private GeneratedMedia vtt(ProbeResult probe, InputContext context, Transcription transcription) {
        byte[] document = subtitles.write(transcription.timedText()).getBytes(StandardCharsets.UTF_8);
        return GeneratedMedia.newBuilder()
                .setEventId(probe.getEventId())
                .setInput(context.inputRef())
                .setKind(GeneratedKind.SUBTITLES)
                .setContentType("text/vtt")
                .setMedia(Media.newBuilder().setInline(ByteBuffer.wrap(document)).setContentType("text/vtt")
                        .setFileName(probe.getEventId() + ".vtt").build())
                .setModel(model)
                .setTimings(context.finishedTimings())
                .build();
    }

    private static TranscriptSegment segment(TranscribedSegment segment) {
        return new TranscriptSegment(segment.startMicros(), segment.endMicros(), segment.text(),
                (float) segment.avgLogProb(), (float) segment.noSpeechProb());
    }
}
