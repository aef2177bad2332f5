package io.montage.processors.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Reads http(s) media references, but only from allow-listed hosts: an open fetcher would let any
 * producer make Montage call internal services (server-side request forgery). Redirects are not
 * followed for the same reason.
 */
public final class HttpBlobReader implements BlobReader {

    private final Set<String> allowedHosts;
    private final HttpClient client;
    private final Duration timeout;

    public HttpBlobReader(Set<String> allowedHosts, Duration timeout) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(
                java.util.stream.Collectors.toUnmodifiableSet());
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public boolean handles(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    @Override
    public byte[] read(URI uri, long maxBytes) throws IOException {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!allowedHosts.contains(host)) {
            throw new IOException("host '" + host + "' of " + uri + " is not in montage.blob.http.allowed-hosts "
                    + allowedHosts + "; add it there if Montage may fetch media from it");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
                }
                byte[] data = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (data.length > maxBytes) {
                    throw new IOException(uri + " is larger than the " + maxBytes + "-byte media limit");
                }
                return data;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
