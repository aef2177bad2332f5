package io.montage.models.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.media.FfmpegNatives;
import io.montage.models.runtime.OnnxRuntimeNatives;
import io.montage.models.text.TokenizerNatives;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeCheckTest {

    @Test
    void theNativeLibrariesMontageShipsLoadOnThisMachine() {
        // CI runs on a fresh Debian with only the JDK: FFmpeg must load there without libavdevice's
        // PulseAudio/ALSA/X11 dependencies, ONNX Runtime and the tokenizers without anything extra.
        NativeCheck check = new NativeCheck(
                List.of(FfmpegNatives.COMPONENT, OnnxRuntimeNatives.COMPONENT, TokenizerNatives.COMPONENT));

        assertThat(check.failures()).isEmpty();
    }

    @Test
    void aLibraryThatCannotBeFoundIsNamedWithHowToFindItsPackage() {
        NativeComponent missing = new NativeComponent(
                "Test codec", "decoding test media", () -> System.loadLibrary("montage-no-such-library"));

        assertThatThrownBy(() -> new NativeCheck(List.of(missing)).requireAll())
                .isInstanceOf(NativeLibrariesUnavailableException.class)
                .hasMessage("Test codec (decoding test media) cannot be loaded: the system library "
                        + "libmontage-no-such-library.so is missing. Find the package that ships it with: apt-file "
                        + "search libmontage-no-such-library.so (Debian/Ubuntu) or dnf provides "
                        + "'*/libmontage-no-such-library.so' (Fedora/RHEL), and install it");
    }

    @Test
    void aDependencyTheLinkerCannotOpenIsNamedWithTheCommandThatInstallsIt() {
        // What JavaCPP threw on a fresh Debian for JavaCV's libavdevice: its own "no ... in
        // java.library.path", caused by the linker's reason, which names the real culprit.
        UnsatisfiedLinkError linker =
                new UnsatisfiedLinkError("/root/.javacpp/cache/ffmpeg-8.1.2-1.5.14-linux-x86_64.jar"
                        + "/org/bytedeco/ffmpeg/linux-x86_64/libjniavdevice.so: libpulse.so.0: cannot open shared object "
                        + "file: No such file or directory");
        UnsatisfiedLinkError javacpp = new UnsatisfiedLinkError("no jniavdevice in java.library.path: /usr/lib");
        javacpp.initCause(linker);
        NativeComponent ffmpeg = new NativeComponent("FFmpeg", "decoding every upload", () -> {
            throw javacpp;
        });

        List<NativeLoadFailure> failures = new NativeCheck(List.of(ffmpeg)).failures();

        assertThat(failures).singleElement().satisfies(failure -> {
            assertThat(failure.missing()).contains(new MissingLibrary("libpulse.so.0"));
            assertThat(failure.describe())
                    .isEqualTo("FFmpeg (decoding every upload) cannot be loaded: the system "
                            + "library libpulse.so.0 is missing. Install it with: sudo apt-get install -y libpulse0 "
                            + "(Debian/Ubuntu; the package may be named differently on other distributions)");
        });
    }

    @Test
    void aFailureThatNamesNoLibraryQuotesTheLinker() {
        NativeComponent wrongArchitecture = new NativeComponent("ONNX Runtime", "running every model", () -> {
            throw new UnsatisfiedLinkError("/tmp/libonnxruntime.so: wrong ELF class: ELFCLASS32");
        });

        assertThat(new NativeCheck(List.of(wrongArchitecture)).failures())
                .singleElement()
                .extracting(NativeLoadFailure::describe)
                .isEqualTo("ONNX Runtime (running every model) cannot be loaded: /tmp/libonnxruntime.so: wrong ELF "
                        + "class: ELFCLASS32");
    }

    @Test
    void everyComponentIsTriedAndEveryFailureReportedInOneMessage() {
        NativeComponent first = new NativeComponent("A", "a", () -> System.loadLibrary("montage-missing-a"));
        NativeComponent fine = new NativeComponent("B", "b", () -> {});
        NativeComponent third = new NativeComponent("C", "c", () -> System.loadLibrary("montage-missing-c"));

        assertThatThrownBy(() -> new NativeCheck(List.of(first, fine, third)).requireAll())
                .satisfies(e -> assertThat(e.getMessage().lines())
                        .hasSize(2)
                        .anySatisfy(line -> assertThat(line).startsWith("A (a)").contains("libmontage-missing-a.so"))
                        .anySatisfy(line -> assertThat(line).startsWith("C (c)").contains("libmontage-missing-c.so")));
    }
}
