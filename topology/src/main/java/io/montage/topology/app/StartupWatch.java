package io.montage.topology.app;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Whether one stage's Kafka Streams application has reached RUNNING, or a state it cannot run from,
 * told by its state listener. KafkaStreams takes a listener only before {@code start()}, so the
 * stage registers this one when it creates its instance, and no transition is missed.
 */
final class StartupWatch implements KafkaStreams.StateListener {

    /** From these an application never gets to RUNNING: waiting on would only wait out the timeout. */
    private static final Set<State> NEVER_RUNNING =
            EnumSet.of(State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING, State.PENDING_SHUTDOWN);

    private final String stage;
    private final CompletableFuture<Void> reached = new CompletableFuture<>();

    StartupWatch(String stage) {
        this.stage = stage;
    }

    @Override
    public void onChange(State newState, State oldState) {
        if (newState == State.RUNNING) {
            reached.complete(null);
        } else if (NEVER_RUNNING.contains(newState)) {
            reached.completeExceptionally(new IllegalStateException(
                    "stage " + stage + " went from " + oldState + " to " + newState + " before it was RUNNING"));
        }
    }

    /**
     * Returns once every stage has been RUNNING; fails as soon as one of them cannot run, or after
     * {@code timeout} naming those still not running. {@code states} completes either message.
     */
    static void awaitAll(List<StartupWatch> watches, Duration timeout, Supplier<Map<String, State>> states)
            throws InterruptedException {
        CompletableFuture<Void> all = new CompletableFuture<>();
        CompletableFuture.allOf(watches.stream().map(w -> w.reached).toArray(CompletableFuture[]::new))
                .thenRun(() -> all.complete(null));
        watches.forEach(w -> w.reached.exceptionally(e -> {
            all.completeExceptionally(e);
            return null;
        }));
        try {
            all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String waiting = watches.stream()
                    .filter(w -> !w.reached.isDone())
                    .map(w -> w.stage)
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("Montage's stages did not all reach RUNNING within " + timeout
                    + "; not yet running: " + waiting + "; their states: " + states.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Montage's stages did not all reach RUNNING: "
                            + e.getCause().getMessage() + "; their states: " + states.get(),
                    e.getCause());
        }
    }
}
