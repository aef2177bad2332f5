package io.montage.topology.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.search.SearchRoutes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code montage search}: asks a running Montage (with {@code montage.search.enabled=true}) for the
 * uploads nearest to an event, a text or an image file, through its HTTP endpoint.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        description =
                "Finds the uploads nearest to an event, a text or an image in a running Montage's embedding index "
                        + "(montage.search.enabled=true). Prints similarity, distance, event id, modality and text kind "
                        + "per result, most similar first.")
public final class SearchCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    SettingsOptions settingsOptions;

    @ArgGroup(multiplicity = "1")
    Query query;

    static final class Query {
        @Option(names = "--event", paramLabel = "ID", description = "Nearest to this event's embeddings.")
        String event;

        @Option(names = "--text", paramLabel = "TEXT", description = "Nearest to this text (needs text-embed).")
        String text;

        @Option(
                names = "--image",
                paramLabel = "FILE",
                description = "Pictures nearest to this image file (needs image-embed, CLIP).")
        Path image;
    }

    @Option(
            names = "--clip",
            description = "With --text: search pictures through CLIP's text tower instead of the text embedder's"
                    + " captions, OCR and transcripts (needs image-embed).")
    boolean clip;

    @Option(names = "-k", description = "How many results (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int k;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Montage's HTTP endpoint (default: http://montage.http.host:montage.http.port).")
    String url;

    @Option(names = "--json", description = "Print the endpoint's JSON answer as it is.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MontageSettings settings = settingsOptions.load();
        String base = url != null ? url : "http://" + settings.httpHost() + ":" + settings.httpPort();
        if (clip && query.text == null) {
            throw new ParameterException(
                    spec.commandLine(), "--clip goes with --text: it chooses how a text is embedded");
        }
        HttpRequest request = request(base);
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new IllegalStateException("no Montage answers on " + base
                    + "; start one with montage.search.enabled=true, or give its endpoint with --url");
        }
        if (json) {
            out.println(response.body());
            out.flush();
            return response.statusCode() == 200 ? 0 : 1;
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200) {
            String error = body.path("error").asText(response.body());
            if (response.statusCode() == 404 && !body.has("error")) {
                error = base + " has no search endpoint; set montage.search.enabled=true on that Montage";
            }
            err.println("search failed (" + response.statusCode() + "): " + error);
            err.flush();
            return 1;
        }
        for (JsonNode hit : body.path("hits")) {
            out.printf(
                    Locale.ROOT,
                    "%.4f  %.4f  %s  %s%s%s%n",
                    hit.path("similarity").asDouble(),
                    hit.path("distance").asDouble(),
                    hit.path("eventId").asText(),
                    hit.path("modality").asText(),
                    hit.path("textKind").isNull()
                            ? ""
                            : " " + hit.path("textKind").asText(),
                    hit.path("frameIndex").isNull()
                            ? ""
                            : " frame " + hit.path("frameIndex").asLong());
        }
        err.printf(
                Locale.ROOT,
                "%d result(s) among %d indexed embeddings (similarity, distance, event, modality)%n",
                body.path("hits").size(),
                body.path("indexed").asLong());
        out.flush();
        err.flush();
        return 0;
    }

    private HttpRequest request(String base) throws IOException {
        if (query.event != null) {
            return HttpRequest.newBuilder(URI.create(base + SearchRoutes.BY_EVENT + "?event="
                            + URLEncoder.encode(query.event, StandardCharsets.UTF_8) + "&k=" + k))
                    .GET()
                    .build();
        }
        if (query.image != null) {
            if (!Files.isRegularFile(query.image)) {
                throw new ParameterException(spec.commandLine(), "--image " + query.image + " is not a readable file");
            }
            return HttpRequest.newBuilder(URI.create(base + SearchRoutes.BY_IMAGE + "?k=" + k))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(query.image))
                    .build();
        }
        String space = clip ? SearchRoutes.CLIP_SPACE : SearchRoutes.TEXT_SPACE;
        return HttpRequest.newBuilder(URI.create(base + SearchRoutes.BY_TEXT))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        JSON.writeValueAsBytes(Map.of("text", query.text, "k", k, "space", space))))
                .build();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            // Not Montage's search endpoint (a 404 page of the JDK server, another service).
            return JSON.createObjectNode();
        }
    }
}
