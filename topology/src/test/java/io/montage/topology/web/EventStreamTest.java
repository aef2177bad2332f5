package io.montage.topology.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private final EventStream events = new EventStream(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        events.close();
        server.stop(0);
    }

    @Test
    void aPageGetsTheSnapshotThenEachEventInOrderAndPagesPastTheLimitAreTurnedAway() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        server.createContext(
                "/events",
                exchange -> events.open(exchange, () -> List.of(new EventStream.Event("upload", "{\"n\":1}"))));
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<Stream<String>> page =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        events.publish(new EventStream.Event("dead-letter", "{\"n\":2}"));
        events.publish(new EventStream.Event("stages", "{\"n\":3}"));

        Iterator<String> lines = page.body().iterator();
        List<String> received = new ArrayList<>();
        while (received.size() < 6 && lines.hasNext()) {
            String line = lines.next();
            if (!line.isEmpty() && !line.startsWith("retry:")) {
                received.add(line);
            }
        }
        assertThat(received)
                .containsExactly(
                        "event: upload", "data: {\"n\":1}",
                        "event: dead-letter", "data: {\"n\":2}",
                        "event: stages", "data: {\"n\":3}");

        HttpResponse<String> second =
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).as("one page at most here").isEqualTo(503);
        assertThat(second.body()).contains("close one and reload");
        page.body().close();
    }
}
