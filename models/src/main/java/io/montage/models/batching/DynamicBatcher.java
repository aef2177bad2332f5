package io.montage.models.batching;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers concurrent requests for one model into batched model calls (Triton's dynamic batching):
 * a bounded queue (callers block when it is full), a maximum batch size, and a maximum queue delay
 * after which a partial batch runs anyway. Callers block until their own result is ready, so a Kafka
 * Streams processor stays synchronous.
 *
 * @param <I> request input
 * @param <O> result
 */
public final class DynamicBatcher<I, O> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicBatcher.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final String name;
    private final BatchTask<I, Object, Object, O> task;
    private final BatchingConfig config;
    private final BlockingQueue<Request> queue;
    private final BatcherMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong batches = new AtomicLong();
    private final CountDownLatch workersDone;

    @SuppressWarnings("unchecked")
    private DynamicBatcher(String name, BatchTask<I, ?, ?, O> task, BatchingConfig config, MeterRegistry registry) {
        this.name = name;
        // P and R are private to the task; the batcher only moves them between its own calls.
        this.task = (BatchTask<I, Object, Object, O>) task;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.metrics = new BatcherMetrics(registry, name, queue);
        this.workersDone = new CountDownLatch(config.workers());
        for (int i = 0; i < config.workers(); i++) {
            Thread worker = new Thread(this::workLoop, "batcher-" + name + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** A batcher for {@code task} named {@code name} (the model id; it tags the metrics). */
    public static <I, O> DynamicBatcher<I, O> create(
            String name, BatchTask<I, ?, ?, O> task, BatchingConfig config, MeterRegistry registry) {
        return new DynamicBatcher<>(name, task, config, registry);
    }

    /** As {@link #create(String, BatchTask, BatchingConfig, MeterRegistry)} with Micrometer's global registry. */
    public static <I, O> DynamicBatcher<I, O> create(String name, BatchTask<I, ?, ?, O> task, BatchingConfig config) {
        return create(name, task, config, Metrics.globalRegistry);
    }

    public String name() {
        return name;
    }

    public BatchingConfig config() {
        return config;
    }

    public int queueDepth() {
        return queue.size();
    }

    /** Runs one request; blocks until its batch has run. */
    public O process(I input) {
        return processTimed(input).value();
    }

    /** Runs one request like {@link #process}, and says how long it queued and ran, in a batch of how many. */
    public Timed<O> processTimed(I input) {
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        Request request = enqueue(input, deadline, false);
        O value = await(input, request, deadline);
        return request.timed(value);
    }

    /**
     * Runs several requests; all are queued before waiting, so they share batches with each other and
     * with concurrent callers. Results are in input order.
     */
    public List<O> processAll(List<I> inputs) {
        return processAllTimed(inputs).stream().map(Timed::value).toList();
    }

    /**
     * Like {@link #processAll}, with each result's queue wait, run time and batch size. The caller hands
     * over everything it has at once, so the batch holding its last request runs as soon as that
     * request is taken, together with whatever other callers have queued by then: waiting out
     * {@code maxQueueDelay} for companions would only add latency, because this caller has no more.
     */
    public List<Timed<O>> processAllTimed(List<I> inputs) {
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        var requests = new ArrayList<Request>(inputs.size());
        try {
            for (int i = 0; i < inputs.size(); i++) {
                requests.add(enqueue(inputs.get(i), deadline, i == inputs.size() - 1));
            }
        } catch (RuntimeException e) {
            requests.forEach(r -> r.result.cancel(false));
            throw e;
        }
        var results = new ArrayList<Timed<O>>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Request request = requests.get(i);
            O value = await(inputs.get(i), request, deadline);
            results.add(request.timed(value));
        }
        return results;
    }

    private Request enqueue(I input, long deadline, boolean closesGroup) {
        ensureOpen();
        Object prepared;
        try {
            prepared = task.prepare(input);
        } catch (Exception e) {
            throw new BatchingException(
                    BatchingException.Kind.ITEM_FAILED,
                    "model '" + name + "': preparing the input failed: " + e.getMessage(),
                    e);
        }
        Request request = new Request(prepared, System.nanoTime(), deadline, closesGroup);
        try {
            if (!queue.offer(request, deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                metrics.timeouts.increment();
                throw new BatchingException(
                        BatchingException.Kind.TIMEOUT,
                        "model '" + name + "': queue stayed full ("
                                + config.queueCapacity() + " requests) for the whole request timeout of "
                                + config.requestTimeout()
                                + "; the model is overloaded: add workers/instances or raise the timeout",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchingException(
                    BatchingException.Kind.INTERRUPTED,
                    "model '" + name + "': interrupted while waiting for queue space",
                    e);
        }
        if (closed.get() && queue.remove(request)) {
            throw closedError();
        }
        metrics.requests.increment();
        return request;
    }

    private O await(I input, Request request, long deadline) {
        Object raw;
        try {
            raw = request.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            request.result.cancel(false);
            metrics.timeouts.increment();
            throw new BatchingException(
                    BatchingException.Kind.TIMEOUT,
                    "model '" + name + "': no result within the request timeout of " + config.requestTimeout()
                            + " (queue depth " + queue.size() + ")",
                    e);
        } catch (InterruptedException e) {
            request.result.cancel(false);
            Thread.currentThread().interrupt();
            throw new BatchingException(
                    BatchingException.Kind.INTERRUPTED,
                    "model '" + name + "': interrupted while waiting for a result",
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BatchingException b) {
                throw new BatchingException(b.kind(), b.getMessage(), b.getCause());
            }
            throw new BatchingException(
                    BatchingException.Kind.BATCH_FAILED,
                    "model '" + name + "': " + e.getCause().getMessage(),
                    e.getCause());
        }
        try {
            return task.finish(input, raw);
        } catch (Exception e) {
            throw new BatchingException(
                    BatchingException.Kind.ITEM_FAILED,
                    "model '" + name + "': post-processing the output failed: " + e.getMessage(),
                    e);
        }
    }

    private void workLoop() {
        try {
            while (!closed.get() || !queue.isEmpty()) {
                List<Request> batch = collectBatch();
                if (!batch.isEmpty()) {
                    runBatch(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workersDone.countDown();
        }
    }

    /** Waits for a first request, then for companions until the batch is full or the oldest has waited maxQueueDelay. */
    private List<Request> collectBatch() throws InterruptedException {
        Request first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        var batch = new ArrayList<Request>(config.maxBatchSize());
        batch.add(first);
        long flushAt = first.enqueuedNanos + config.maxQueueDelay().toNanos();
        Request last = first;
        while (batch.size() < config.maxBatchSize()) {
            long wait = flushAt - System.nanoTime();
            if (wait <= 0 || closed.get() || last.closesGroup) {
                // Out of time, or the caller of the last request has no more: take what is already
                // waiting and run.
                queue.drainTo(batch, config.maxBatchSize() - batch.size());
                break;
            }
            Request next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            last = next;
        }
        return batch;
    }

    private void runBatch(List<Request> collected) {
        long now = System.nanoTime();
        var live = new ArrayList<Request>(collected.size());
        for (Request r : collected) {
            if (r.result.isDone()) {
                continue; // the caller gave up (timeout or interrupt) while it was queued
            }
            if (now > r.deadlineNanos) {
                r.result.completeExceptionally(new BatchingException(
                        BatchingException.Kind.TIMEOUT,
                        "model '" + name + "': request timed out after " + config.requestTimeout() + " in the queue",
                        null));
                continue;
            }
            metrics.queueWait.record(now - r.enqueuedNanos, TimeUnit.NANOSECONDS);
            live.add(r);
        }
        if (live.isEmpty()) {
            return;
        }
        metrics.batchSize.record(live.size());
        List<Object> outputs;
        long start = System.nanoTime();
        try {
            outputs = task.run(live.stream().map(r -> r.prepared).toList());
            if (outputs.size() != live.size()) {
                throw new IllegalStateException(
                        "task returned " + outputs.size() + " outputs for a batch of " + live.size());
            }
        } catch (Exception | Error e) {
            metrics.batchErrors.increment(live.size());
            LOG.warn("model '{}': batch of {} failed: {}", name, live.size(), e.toString());
            var failure = new BatchingException(
                    BatchingException.Kind.BATCH_FAILED,
                    "model '" + name + "': the batch of " + live.size() + " requests this one ran in failed: " + e,
                    e);
            live.forEach(r -> r.result.completeExceptionally(failure));
            return;
        } finally {
            metrics.run.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        long ran = System.nanoTime() - start;
        long batch = batches.incrementAndGet();
        for (int i = 0; i < live.size(); i++) {
            Request request = live.get(i);
            // Written before complete(): the future's completion publishes them to the caller.
            request.startedNanos = start;
            request.runNanos = ran;
            request.batchSize = live.size();
            request.batch = batch;
            request.result.complete(outputs.get(i));
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw closedError();
        }
    }

    private BatchingException closedError() {
        return new BatchingException(
                BatchingException.Kind.CLOSED,
                "model '" + name + "': the batcher is closed (shutting down);" + " the request was not run",
                null);
    }

    /** Stops accepting requests, runs those already queued, and waits up to 30 s for that. */
    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /** Stops accepting requests; queued ones still run for up to {@code drainTimeout}, the rest fail with CLOSED. */
    public void close(Duration drainTimeout) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean drained = false;
        try {
            drained = workersDone.await(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Take what is still queued before interrupting the workers: an interrupted worker that
        // finishes its batch must find the queue empty, or it would run requests that close()
        // is about to report as not run.
        var left = new ArrayList<Request>();
        queue.drainTo(left);
        left.forEach(r -> r.result.completeExceptionally(closedError()));
        if (!drained) {
            workers.forEach(Thread::interrupt);
            LOG.warn(
                    "model '{}': batcher did not drain within {}; failed {} queued requests",
                    name,
                    drainTimeout,
                    left.size());
        }
    }

    private static final class Request {
        final Object prepared;
        final long enqueuedNanos;
        final long deadlineNanos;
        /** The last request of a processAll call: its caller has queued everything it has. */
        final boolean closesGroup;

        final CompletableFuture<Object> result = new CompletableFuture<>();
        long startedNanos;
        long runNanos;
        int batchSize;
        long batch;

        Request(Object prepared, long enqueuedNanos, long deadlineNanos, boolean closesGroup) {
            this.prepared = prepared;
            this.enqueuedNanos = enqueuedNanos;
            this.deadlineNanos = deadlineNanos;
            this.closesGroup = closesGroup;
        }

        <O> Timed<O> timed(O value) {
            return new Timed<>(value, startedNanos - enqueuedNanos, runNanos, batchSize, batch);
        }
    }
}
