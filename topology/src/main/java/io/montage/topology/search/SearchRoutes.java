package io.montage.topology.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.montage.models.batching.BatchingException;
import io.montage.models.media.MediaLimits;
import io.montage.models.media.MediaRejectedException;
import io.montage.topology.config.MontageConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The search endpoints, JSON in and out:
 *
 * <ul>
 *   <li>{@code GET /search?event=ID&k=10}: the uploads nearest to an indexed event;
 *   <li>{@code POST /search/text} with {@code {"text": "…", "k": 10}}: the items nearest to a text,
 *       embedded by the text-embed stage's model; with {@code "space": "clip"}, the pictures nearest
 *       to it, embedded by CLIP's text tower;
 *   <li>{@code POST /search/image?k=10} with the image file itself as the body: the pictures nearest
 *       to it, embedded by CLIP's image tower. Raw bytes rather than JSON with base64, so that
 *       {@code curl --data-binary @photo.jpg} works and the size limit is the upload limit.
 * </ul>
 *
 * Each answers {@code {"hits": [{"eventId", "modality", "textKind", "frameIndex", "model",
 * "similarity", "distance"}…], "indexed": N}}, most similar first, or {@code {"error": "…"}} with a
 * 4xx/5xx status that says what to change.
 */
public final class SearchRoutes {

    public static final String BY_EVENT = "/search";
    public static final String BY_TEXT = "/search/text";
    public static final String BY_IMAGE = "/search/image";
    /** The {@code space} of a text query searched among CLIP's image vectors. */
    public static final String CLIP_SPACE = "clip";
    /** The {@code space} of a text query searched among the text-embed stage's vectors (the default). */
    public static final String TEXT_SPACE = "text";

    static final int DEFAULT_K = 10;
    static final int MAX_K = 1_000;
    /** A query text is a sentence or a paragraph; the embedder truncates to its 256 tokens anyway. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmbeddingSearch search;
    private final Optional<TextQueries> text;
    private final Optional<ClipQueries> clip;

    public SearchRoutes(EmbeddingSearch search, Optional<TextQueries> text, Optional<ClipQueries> clip) {
        this.search = search;
        this.text = text;
        this.clip = clip;
    }

    /** Routes without CLIP: image search and {@code "space": "clip"} answer 503. */
    public SearchRoutes(EmbeddingSearch search, Optional<TextQueries> text) {
        this(search, text, Optional.empty());
    }

    public HttpHandler byEvent() {
        return exchange -> answer(exchange, () -> {
            // The JDK server hands this context every path under /search too.
            if (!exchange.getRequestURI().getPath().equals(BY_EVENT)) {
                throw new Refusal(
                        404,
                        "no search endpoint at " + exchange.getRequestURI().getPath() + "; use " + BY_EVENT + ", "
                                + BY_TEXT + " or " + BY_IMAGE);
            }
            requireMethod(exchange, "GET");
            Map<String, String> query = query(exchange);
            String event = query.get("event");
            if (event == null || event.isBlank()) {
                throw new Refusal(400, "give the event id as ?event=ID (and optionally &k=10)");
            }
            int k = k(query.get("k"));
            List<Neighbour> hits = search.nearEvent(event, k)
                    .orElseThrow(() -> new Refusal(
                            404,
                            "event " + event + " has no indexed embedding; check its id, or wait until"
                                    + " its embeddings are written (montage tail embeddings)"));
            return hits;
        });
    }

    public HttpHandler byText() {
        return exchange -> answer(exchange, () -> {
            requireMethod(exchange, "POST");
            JsonNode body = body(exchange);
            String space = body.has("space") ? body.get("space").asText() : TEXT_SPACE;
            if (!space.equals(TEXT_SPACE) && !space.equals(CLIP_SPACE)) {
                throw new Refusal(
                        400,
                        "space is '" + space + "'; use \"" + TEXT_SPACE + "\" (captions, OCR, transcripts) or \""
                                + CLIP_SPACE + "\" (pictures, through CLIP's text tower)");
            }
            JsonNode textField = body.get("text");
            if (textField == null
                    || !textField.isTextual()
                    || textField.asText().isBlank()) {
                throw new Refusal(400, "send a JSON body {\"text\": \"what to look for\", \"k\": 10}");
            }
            int k = k(body.has("k") ? body.get("k").asText() : null);
            if (space.equals(CLIP_SPACE)) {
                ClipQueries queries = clip(CLIP_SPACE + " text search");
                float[] vector = embedded(queries.model(), () -> queries.clip().embed(textField.asText()));
                return search.nearVector(queries.model(), vector, k);
            }
            TextQueries queries = text.orElseThrow(() -> new Refusal(
                    503,
                    "text search needs the text-embed stage's model in this instance; add text-embed to"
                            + " montage.stages, or search pictures with \"space\": \"" + CLIP_SPACE + "\""));
            float[] vector = embedded(queries.model(), () -> queries.embedder().embed(textField.asText()));
            return search.nearVector(queries.model(), vector, k);
        });
    }

    public HttpHandler byImage() {
        return exchange -> answer(exchange, () -> {
            requireMethod(exchange, "POST");
            ClipQueries queries = clip("image search");
            int k = k(query(exchange).get("k"));
            byte[] bytes = imageBody(exchange, queries.maxImageBytes());
            BufferedImage image;
            try {
                image = queries.decoder().decode(bytes);
            } catch (MediaRejectedException e) {
                throw new Refusal(
                        e.reason() == MediaRejectedException.Reason.TOO_MANY_BYTES ? 413 : 400,
                        "the image was not searched: " + e.getMessage());
            }
            float[] vector = embedded(queries.model(), () -> queries.clip().embedImage(image));
            return search.nearVector(queries.model(), vector, k);
        });
    }

    private ClipQueries clip(String what) {
        return clip.orElseThrow(() -> new Refusal(
                503,
                what + " needs CLIP, the image-embed stage's model (" + MontageConfig.IMAGE_EMBEDDING_MODEL
                        + "), in this instance; add image-embed to montage.stages"));
    }

    /** A model that cannot answer now (closed, overloaded, failed) is the server's trouble, not the query's. */
    private static float[] embedded(String model, Supplier<float[]> embedding) {
        try {
            return embedding.get();
        } catch (BatchingException e) {
            throw new Refusal(
                    503,
                    "the model " + model + " could not embed the query (" + e.kind() + ": " + e.getMessage()
                            + "); retry, and see /health if it persists");
        }
    }

    private interface Answer {
        List<Neighbour> get() throws IOException;
    }

    /** A request Montage cannot answer as asked, with the HTTP status and what to change. */
    private static final class Refusal extends RuntimeException {
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void answer(HttpExchange exchange, Answer answer) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        int status;
        try {
            // Counted before the search: vectors indexed meanwhile are then not in the count but may be
            // in the hits, never the other way round (a caller waiting for N indexed vectors gets hits
            // from at least N).
            int indexed = search.size();
            ArrayNode hits = response.putArray("hits");
            for (Neighbour neighbour : answer.get()) {
                EmbeddedItem item = neighbour.item();
                ObjectNode hit = hits.addObject();
                hit.put("eventId", item.eventId());
                hit.put("modality", item.modality());
                hit.put("textKind", item.textKind());
                hit.put("frameIndex", item.frameIndex());
                hit.put("model", item.model());
                hit.put("similarity", neighbour.similarity());
                hit.put("distance", neighbour.distance());
            }
            response.put("indexed", indexed);
            status = 200;
        } catch (Refusal e) {
            response.removeAll();
            response.put("error", e.getMessage());
            status = e.status;
        } catch (IllegalArgumentException e) {
            response.removeAll();
            response.put("error", e.getMessage());
            status = 400;
        }
        byte[] bytes = JSON.writeValueAsBytes(response);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equalsIgnoreCase(method)) {
            throw new Refusal(405, exchange.getRequestURI().getPath() + " takes " + method + " requests");
        }
    }

    private static int k(String value) {
        if (value == null) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1 && k <= MAX_K) {
                return k;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new Refusal(400, "k is '" + value + "'; ask for 1 to " + MAX_K + " results");
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> values = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    /**
     * The body, read up to one byte past the limit and refused there. The JDK server drains what is
     * left of a bigger body, or closes the connection, after the 413 is sent.
     */
    private static byte[] imageBody(HttpExchange exchange, long maxBytes) throws IOException {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new Refusal(
                        413,
                        "the image is over " + maxBytes + " bytes (" + MediaLimits.MAX_BYTES_KEY
                                + "); send a smaller one, or raise the limit");
            }
            return bytes;
        }
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new Refusal(413, "the request is over " + MAX_BODY_BYTES + " bytes; send a shorter text");
            }
            JsonNode tree;
            try {
                tree = JSON.readTree(bytes);
            } catch (IOException e) {
                throw new Refusal(400, "the body is not JSON (" + e.getMessage() + "); send {\"text\": \"…\"}");
            }
            if (tree == null || !tree.isObject()) {
                throw new Refusal(400, "send a JSON object {\"text\": \"what to look for\", \"k\": 10}");
            }
            return tree;
        }
    }
}
