package io.montage.models.store;

import io.montage.models.catalog.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads a file from a Hugging Face repository over HTTP. A partial download is resumed with a
 * {@code Range} request; a server that ignores the range restarts it from zero.
 */
final class HttpRangeDownloader implements SourceFetcher<ModelSource.HuggingFace> {

    /** Hugging Face's own convention for mirrors: the HF_ENDPOINT environment variable. */
    static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    private final HttpClient client;
    private final URI endpoint;
    private final Optional<String> token;
    private final PrintStream progressOut;

    HttpRangeDownloader(URI endpoint, Optional<String> token, PrintStream progressOut) {
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        this.endpoint = endpoint;
        this.token = token;
        this.progressOut = progressOut;
    }

    static URI defaultEndpoint() {
        return URI.create(Optional.ofNullable(System.getenv("HF_ENDPOINT")).orElse(DEFAULT_ENDPOINT));
    }

    @Override
    public boolean needsNetwork() {
        return true;
    }

    @Override
    public void fetch(ModelSource.HuggingFace source, String pathInSource, Path partFile) throws IOException {
        URI uri = URI.create(endpoint + "/" + source.repo() + "/resolve/"
                + URLEncoder.encode(source.revision(), StandardCharsets.UTF_8) + "/" + pathInSource);
        long have = Files.isRegularFile(partFile) ? Files.size(partFile) : 0;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } catch (IOException e) {
            throw new SourceUnreachableException(
                    "cannot reach " + uri + " (" + e + "); check the network or set HF_ENDPOINT to a mirror", e);
        }
        int status = response.statusCode();
        if (status == 416) {
            response.body().close();
            return; // the part file is already complete; the caller's hash check decides
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw new IOException("HTTP " + status + " for " + uri
                    + (status == 401 || status == 403 ? "; the repository may be gated: set HF_TOKEN" : ""));
        }
        boolean resumed = status == 206;
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1) + (resumed ? have : 0);
        var bar = new ProgressBar(progressOut, source.repo() + "/" + pathInSource, total);
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(
                        partFile,
                        StandardOpenOption.CREATE,
                        resumed ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
            long done = resumed ? have : 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                done += n;
                bar.update(done);
            }
            bar.finish(done);
        }
    }
}
