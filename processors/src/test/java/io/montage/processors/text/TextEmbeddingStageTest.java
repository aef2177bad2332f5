package io.montage.processors.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.batching.BatchingException;
import io.montage.models.batching.Timed;
import io.montage.models.text.TextEmbedder;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.ItemOutcome;
import io.montage.processors.stage.StageInput;
import io.montage.processors.stage.StageUnavailable;
import io.montage.schemas.ErrorClass;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.TextEvent;
import io.montage.schemas.avro.TextKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The text-embedding stage alone, with an embedder standing in for MiniLM whose vector is the
 * text's length and first letter, so that each record's vector shows which text made it, and
 * whose failures can be produced on purpose. MiniLM itself is tested in models and end to end.
 */
class TextEmbeddingStageTest {

    private static final ModelRef MODEL = new ModelRef("stand-in-embedder", null, "cpu");

    @Test
    void eachTextGetsItsOwnVectorInOneModelCall() {
        StandIn embedder = new StandIn(text -> false);
        List<ItemOutcome<Embedding>> outcomes =
                new TextEmbeddingStage(embedder, MODEL).processAll(inputs("a cat on a mat", "OPEN 24 HOURS", "hello"));

        assertThat(embedder.calls).containsExactly(List.of("a cat on a mat", "OPEN 24 HOURS", "hello"));
        List<Embedding> done = outcomes.stream()
                .map(o -> ((ItemOutcome.Done<Embedding>) o).value())
                .toList();
        assertThat(done).extracting(e -> e.getVector().get(0)).containsExactly(14f, 13f, 5f);
        assertThat(done).extracting(e -> e.getVector().get(1)).containsExactly((float) 'a', (float) 'O', (float) 'h');
        Embedding first = done.get(0);
        assertThat(first.getEventId()).isEqualTo("event-0");
        assertThat(first.getModality()).isEqualTo(Modality.TEXT);
        assertThat(first.getTextKind()).isEqualTo("CAPTION");
        assertThat(first.getDimension()).isEqualTo(2);
        assertThat(first.getModel()).isEqualTo(MODEL);
        assertThat(first.getTimings().getBatchSize()).isEqualTo(3);
        assertThat(first.getTimings().getModelMicros()).isEqualTo(7L);
    }

    @Test
    void anEmptyTextIsRejectedAloneAndNeverReachesTheModel() {
        StandIn embedder = new StandIn(text -> false);
        List<ItemOutcome<Embedding>> outcomes =
                new TextEmbeddingStage(embedder, MODEL).processAll(inputs("one", " ", "two"));

        assertThat(embedder.calls).containsExactly(List.of("one", "two"));
        assertThat(outcomes.get(0)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemOutcome.Rejected.class, r -> assertThat(
                        r.rejection().errorClass())
                .isEqualTo(ErrorClass.EMPTY_TEXT));
        assertThat(outcomes.get(2)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void aBatchTheModelFailsOnIsRetriedTextByTextAndOnlyTheBadOneIsAModelError() {
        StandIn embedder = new StandIn(text -> text.contains("\u0000"));
        List<ItemOutcome<Embedding>> outcomes =
                new TextEmbeddingStage(embedder, MODEL).processAll(inputs("fine", "bad\u0000text", "also fine"));

        assertThat(embedder.calls)
                .containsExactly(
                        List.of("fine", "bad\u0000text", "also fine"),
                        List.of("fine"),
                        List.of("bad\u0000text"),
                        List.of("also fine"));
        assertThat(outcomes.get(0)).isInstanceOf(ItemOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ItemOutcome.Rejected.class, r -> {
            assertThat(r.rejection().errorClass()).isEqualTo(ErrorClass.MODEL_ERROR);
            assertThat(r.rejection().getMessage()).startsWith("The model stand-in-embedder failed on this text");
        });
        assertThat(outcomes.get(2)).isInstanceOf(ItemOutcome.Done.class);
    }

    @Test
    void anUnavailableModelDeadLettersNothingAndLeavesTheBatchToBeRetried() {
        TextEmbedder closed = new StandIn(text -> false) {
            @Override
            public List<Timed<float[]>> embedAllTimed(List<String> texts) {
                throw new BatchingException(BatchingException.Kind.CLOSED, "the batcher is closed", null);
            }
        };

        assertThatThrownBy(() -> new TextEmbeddingStage(closed, MODEL).processAll(inputs("one", "two")))
                .isInstanceOf(StageUnavailable.class)
                .hasMessageContaining("stand-in-embedder is unavailable (CLOSED)");
    }

    private static List<StageInput<TextEvent>> inputs(String... texts) {
        List<StageInput<TextEvent>> inputs = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            TextEvent event = TextEvent.newBuilder()
                    .setEventId("event-" + i)
                    .setKind(TextKind.CAPTION)
                    .setText(texts[i])
                    .build();
            inputs.add(new StageInput<>(
                    event, new InputContext("texts", 0, i, Instant.EPOCH, Instant.now(), System.nanoTime(), 0)));
        }
        return inputs;
    }

    /** A 2-d "embedding": the text's length and its first character; fails a batch holding a bad text. */
    private static class StandIn implements TextEmbedder {

        final List<List<String>> calls = new ArrayList<>();
        private final Predicate<String> fails;

        StandIn(Predicate<String> fails) {
            this.fails = fails;
        }

        @Override
        public List<Timed<float[]>> embedAllTimed(List<String> texts) {
            calls.add(List.copyOf(texts));
            if (texts.stream().anyMatch(fails)) {
                throw new BatchingException(BatchingException.Kind.BATCH_FAILED, "Non-zero status code returned", null);
            }
            return texts.stream()
                    .map(t -> new Timed<>(new float[] {t.length(), t.charAt(0)}, 0, 7_000, texts.size(), 1))
                    .toList();
        }

        @Override
        public float[] embed(String text) {
            return embedAllTimed(List.of(text)).get(0).value();
        }

        @Override
        public Timed<float[]> embedTimed(String text) {
            return embedAllTimed(List.of(text)).get(0);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return embedAllTimed(texts).stream().map(Timed::value).toList();
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String modelId() {
            return MODEL.getId();
        }

        @Override
        public void close() {}
    }
}
