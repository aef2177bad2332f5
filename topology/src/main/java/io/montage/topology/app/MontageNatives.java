package io.montage.topology.app;

import io.montage.models.media.FfmpegNatives;
import io.montage.models.natives.NativeCheck;
import io.montage.models.runtime.OnnxRuntimeNatives;
import io.montage.models.text.TokenizerNatives;
import java.util.List;

/** The native libraries a Montage process needs before it may consume anything. */
public final class MontageNatives {

    private MontageNatives() {}

    public static NativeCheck check() {
        return new NativeCheck(
                List.of(FfmpegNatives.COMPONENT, OnnxRuntimeNatives.COMPONENT, TokenizerNatives.COMPONENT));
    }
}
