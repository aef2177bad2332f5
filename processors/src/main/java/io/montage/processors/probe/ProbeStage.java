package io.montage.processors.probe;

import io.montage.models.media.MediaInfo;
import io.montage.models.media.MediaProbe;
import io.montage.models.media.MediaRejectedException;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.Stage;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Hash256;
import io.montage.schemas.avro.Hash64;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The first stage: decodes every input, checks it against the limits, and describes it (format,
 * dimensions, duration, audio layout, SHA-256, perceptual hash). Media that passes is carried on in
 * the probe result, so later stages only ever see media that decodes.
 */
public final class ProbeStage implements Stage<ProbeInput, ProbeResult> {

    private final MediaResolver resolver;
    private final MediaProbe probe;

    public ProbeStage(MediaResolver resolver, MediaProbe probe) {
        this.resolver = resolver;
        this.probe = probe;
    }

    @Override
    public ProbeResult process(ProbeInput input, InputContext context) throws StageRejection {
        byte[] data = resolver.bytes(input.media());
        MediaInfo info;
        try {
            info = probe.probe(data);
        } catch (MediaRejectedException e) {
            throw StageRejection.of(e);
        }
        if (!input.accepted().contains(info.kind())) {
            throw new StageRejection(
                    ErrorClass.WRONG_MEDIA_KIND,
                    "The " + context.topic() + " topic takes "
                            + describe(input) + " but this event carries "
                            + info.kind().name().toLowerCase(Locale.ROOT)
                            + " (" + info.format() + "); send it to the topic for its kind (montage send picks it "
                            + "from the content).");
        }
        return ProbeResult.newBuilder()
                .setEventId(input.eventId())
                .setInput(context.inputRef())
                .setKind(MediaKind.valueOf(info.kind().name()))
                .setFormat(info.format())
                .setCodec(info.codec())
                .setWidth(info.width())
                .setHeight(info.height())
                .setDurationMicros(info.durationMicros())
                .setSampleRate(info.sampleRate())
                .setChannels(info.channels())
                .setSizeBytes(info.sizeBytes())
                .setSha256(info.sha256Hex())
                .setDctHash(info.perceptualHash() == null ? null : hash64(info.perceptualHash()))
                .setPdqHash(
                        info.pdq() == null
                                ? null
                                : new Hash256(info.pdq().hash().bytes()))
                .setPdqQuality(info.pdq() == null ? null : info.pdq().quality())
                .setFrame(input.frame())
                .setMedia(input.media())
                .setAttributes(input.attributes())
                .setLanguageHint(input.languageHint())
                .setTimings(context.finishedTimings())
                .build();
    }

    /** Big-endian, so the hex form of the bytes reads as the hash's usual hex rendering. */
    private static Hash64 hash64(long hash) {
        return new Hash64(ByteBuffer.allocate(Long.BYTES).putLong(hash).array());
    }

    private static String describe(ProbeInput input) {
        return input.accepted().stream()
                .map(k -> k.name().toLowerCase(Locale.ROOT))
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("nothing");
    }
}
