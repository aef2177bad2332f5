package io.montage.topology.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to every open page. One thread writes every event to every page, in order, so
 * that a page that just opened gets the current state and then each change after it, none twice;
 * a page whose connection fails is dropped. The JDK's HTTP server keeps a response open after its
 * handler returns, so an open page holds no thread of its own.
 */
final class EventStream implements AutoCloseable {

    /** One server-sent event: its type and one line of JSON. */
    record Event(String type, String json) {
        byte[] bytes() {
            return ("event: " + type + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);

    private final int maxPages;
    private final List<HttpExchange> pages = new ArrayList<>();
    /**
     * Events waiting to be written. Bounded: a page that stops reading blocks the writer once its
     * connection's buffers are full, and the events then queued must not grow without end; past the
     * bound they are dropped (and counted in the log), and open pages catch up when they reconnect.
     */
    private static final int QUEUED_EVENTS = 10_000;

    private final ExecutorService writer =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_EVENTS), r -> {
                Thread t = new Thread(r, "montage-web-events");
                t.setDaemon(true);
                return t;
            });
    private final AtomicLong dropped = new AtomicLong();

    EventStream(int maxPages) {
        this.maxPages = maxPages;
    }

    /** Opens {@code exchange} as an event stream that starts with {@code snapshot}, taken in order with events. */
    void open(HttpExchange exchange, Supplier<List<Event>> snapshot) {
        run(exchange, () -> {
            try {
                if (pages.size() >= maxPages) {
                    WebResponses.text(
                            exchange,
                            503,
                            "The web view serves " + maxPages + " open pages at most; close one and reload.");
                    return;
                }
                WebResponses.pageHeaders(exchange, "text/event-stream; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
                for (Event event : snapshot.get()) {
                    out.write(event.bytes());
                }
                out.flush();
                pages.add(exchange);
            } catch (IOException e) {
                exchange.close();
            }
        });
    }

    void publish(Event event) {
        run(null, () -> {
            byte[] bytes = event.bytes();
            for (Iterator<HttpExchange> it = pages.iterator(); it.hasNext(); ) {
                HttpExchange page = it.next();
                try {
                    page.getResponseBody().write(bytes);
                    page.getResponseBody().flush();
                } catch (IOException e) {
                    log.debug("A web view page went away: {}", e.toString());
                    it.remove();
                    page.close();
                }
            }
        });
    }

    private void run(HttpExchange exchange, Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            if (exchange != null) {
                exchange.close();
            } else if (!writer.isShutdown() && dropped.incrementAndGet() % 1000 == 1) {
                log.warn(
                        "A web view page stopped reading its events; {} events dropped so far (pages catch up when"
                                + " they reconnect)",
                        dropped.get());
            }
        }
    }

    @Override
    public void close() {
        writer.shutdownNow();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pages.forEach(HttpExchange::close);
    }
}
