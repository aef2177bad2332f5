package io.montage.processors.vision;

import io.montage.models.media.ImageDecoder;
import io.montage.models.media.MediaRejectedException;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.MediaKind;
import io.montage.schemas.avro.ProbeResult;
import java.awt.image.BufferedImage;

/**
 * The picture behind a probe result, for the vision stages. They read the {@code probes} topic, so
 * they only ever see media the probe already decoded and checked against the limits.
 */
public final class ProbedImage {

    private final MediaResolver resolver;
    private final ImageDecoder decoder;

    public ProbedImage(MediaResolver resolver, ImageDecoder decoder) {
        this.resolver = resolver;
        this.decoder = decoder;
    }

    /** Vision stages describe still images and video frames; audio and whole clips are other stages' work. */
    public static boolean isPicture(ProbeResult probe) {
        return probe.getKind() == MediaKind.IMAGE && probe.getMedia() != null;
    }

    /**
     * A picture that is not a frame of a live stream: the scenes stage describes live streams, once per
     * scene, with these stages' models, so they need not read every frame too (a model call per frame).
     */
    public static boolean isStillPicture(ProbeResult probe) {
        return isPicture(probe) && probe.getFrame() == null;
    }

    public BufferedImage decode(ProbeResult probe) throws StageRejection {
        byte[] data = resolver.bytes(probe.getMedia());
        try {
            return decoder.decode(data);
        } catch (MediaRejectedException e) {
            throw StageRejection.of(e);
        }
    }
}
