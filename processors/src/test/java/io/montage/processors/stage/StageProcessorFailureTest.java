package io.montage.processors.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.montage.models.natives.NativeComponent;
import io.montage.models.natives.NativeLibrariesUnavailableException;
import io.montage.models.natives.NativeLoadFailure;

/** How the stage plumbing sorts failures: the input's fault, the machine's, or Montage's own. */
class StageProcessorFailureTest {

    @Test
    void aMissingNativeLibraryStopsTheTaskInsteadOfDeadLetteringAValidInput() {
        Stage<String, String> stage = (input, context) -> {
            throw new NativeLibrariesUnavailableException(List.of(NativeLoadFailure.of(
                    new NativeComponent("FFmpeg", "decoding every upload", () -> { }),
                    new UnsatisfiedLinkError("libavutil.so.60: libudev.so.1: cannot open shared object file"))));
        };
        try (Harness harness = new Harness(stage)) {
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
            throw new StageRejection("CORRUPT", "the upload is damaged");
        };
        try (Harness harness = new Harness(stage)) {
            harness.input.pipeInput("k", "a broken upload");

            assertThat(harness.output.readValuesToList()).containsExactly("dead-letter CORRUPT: the upload is damaged");
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalErrorThatSaysTheInputIsNotAtFault() {
        Stage<String, String> stage = (input, context) -> {
            throw new IllegalStateException("a bug");
        };
        try (Harness harness = new Harness(stage)) {
            harness.input.pipeInput("k", "an upload");

            assertThat(harness.output.readValuesToList()).singleElement().asString()
                    .startsWith("dead-letter INTERNAL_ERROR: Montage failed unexpectedly in stage test")
                    .contains("not a problem with the input");
        }
    }

    /** The stage behind a StageProcessor in Kafka Streams' test driver; outcomes as text. */
    private static final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> input;
        final TestOutputTopic<String, String> output;

        Harness(Stage<String, String> stage) {
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .processValues(() -> new StageProcessor<>("test", new StringDeserializer(), s -> s, s -> true,
                            stage, new DeadLetterFactory(1024), new StageMetrics(new SimpleMeterRegistry(), "test")))
                    .mapValues(outcome -> outcome instanceof StageOutcome.DeadLettered<String> dead
                            ? "dead-letter " + dead.deadLetter().getErrorClass() + ": " + dead.deadLetter().getReason()
                            : "emitted " + ((StageOutcome.Emitted<String>) outcome).value())
                    .to("out", Produced.with(Serdes.String(), Serdes.String()));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "stage-processor-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            driver = new TopologyTestDriver(builder.build(), props);
            input = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
            output = driver.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer());
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
