package io.montage.processors.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.natives.NativeComponent;
import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.models.natives.NativeLoadFailure;
import io.montage.schemas.ErrorClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the stage plumbing sorts failures: the input's fault, the machine's, or Montage's own. */
class StageProcessorFailureTest {

    @Test
    void aMissingNativeLibraryStopsTheTaskInsteadOfDeadLetteringAValidInput() {
        Stage<String, String> stage = (input, context) -> {
            throw new NativeLibrariesUnavailableException(List.of(NativeLoadFailure.of(
                    new NativeComponent("FFmpeg", "decoding every upload", () -> {}),
                    new UnsatisfiedLinkError("libavutil.so.60: libudev.so.1: cannot open shared object file"))));
        };
        try (StageHarness harness = StageHarness.perRecord(stage)) {
            assertThatThrownBy(() -> harness.input.pipeInput("k", "a valid upload"))
                    .hasRootCauseInstanceOf(NativeLibrariesUnavailableException.class)
                    .hasStackTraceContaining("StageUnavailable")
                    .hasStackTraceContaining("libudev.so.1");
            assertThat(harness.output.isEmpty()).isTrue();
        }
    }

    @Test
    void aRejectionIsTheInputsDeadLetterWithItsErrorClass() {
        Stage<String, String> stage = (input, context) -> {
            throw new StageRejection(ErrorClass.CORRUPT, "the upload is damaged");
        };
        try (StageHarness harness = StageHarness.perRecord(stage)) {
            harness.input.pipeInput("k", "a broken upload");

            assertThat(harness.output.readValuesToList()).containsExactly("dead-letter CORRUPT: the upload is damaged");
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatSaysTheInputIsNotAtFault() {
        Stage<String, String> stage = (input, context) -> {
            throw new IllegalStateException("a bug");
        };
        try (StageHarness harness = StageHarness.perRecord(stage)) {
            harness.input.pipeInput("k", "an upload");

            assertThat(harness.output.readValuesToList())
                    .singleElement()
                    .asString()
                    .startsWith("dead-letter INTERNAL_ERROR: Montage failed unexpectedly in stage test")
                    .contains("not a problem with the input");
        }
    }
}
