package io.montage.topology.wiring;

import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaLimits;
import io.montage.processors.blob.FileBlobStore;
import io.montage.processors.blob.MediaResolver;
import io.montage.processors.blob.OutputMedia;
import io.montage.processors.probe.ProbeStage;
import java.nio.file.Path;
import java.util.List;

/** What the topology tests share: media resolution and probing with the default limits. */
final class TestTopologies {

    static final MediaLimits LIMITS = MediaLimits.defaults();

    private TestTopologies() {}

    /** Inline media, and file:// references under {@code blobs}. */
    static MediaResolver resolver(Path blobs) {
        return new MediaResolver(List.of(new FileBlobStore(blobs)), LIMITS.maxBytes());
    }

    /** Generated media inline up to the default limit, by reference under {@code blobs} above it. */
    static OutputMedia outputs(Path blobs) {
        return new OutputMedia(new FileBlobStore(blobs), OutputMedia.DEFAULT_INLINE_MAX_BYTES);
    }

    static ProbeStage probe(MediaResolver resolver) {
        return new ProbeStage(resolver, new FfmpegMediaProbe(LIMITS));
    }
}
