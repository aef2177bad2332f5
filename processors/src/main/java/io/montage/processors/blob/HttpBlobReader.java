package io.montage.processors.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads http(s) media references, but only from allow-listed endpoints: an open fetcher would let
 * any producer make Montage call internal services (server-side request forgery). An entry allows
 * one host and port ({@link AllowedEndpoint}); a host that resolves to a loopback, link-local or
 * private address is refused unless the entry names that address itself (a name can be re-pointed
 * at an internal service, an address literal cannot). Redirects are not followed.
 */
public final class HttpBlobReader implements BlobReader {

    /** Resolves a host name to its addresses (replaceable in tests). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<AllowedEndpoint> allowed;
    private final HttpClient client;
    private final Duration timeout;
    private final Resolver resolver;

    public HttpBlobReader(Set<String> allowedHosts, Duration timeout) {
        this(allowedHosts, timeout, InetAddress::getAllByName);
    }

    HttpBlobReader(Set<String> allowedHosts, Duration timeout, Resolver resolver) {
        this.allowed = allowedHosts.stream().map(AllowedEndpoint::parse).toList();
        this.timeout = timeout;
        this.resolver = resolver;
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
        if (uri.getHost() == null) {
            throw new MalformedReferenceException(uri + " has no host");
        }
        AllowedEndpoint endpoint = allowed.stream()
                .filter(e -> e.allows(uri))
                .findFirst()
                .orElseThrow(() -> new IOException(
                        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                                + " is not in montage.blob.http.allowed-hosts " + allowed + " (entries are host, "
                                + "host:port or scheme://host:port; a bare host allows only ports 80 and 443)"));
        if (!endpoint.namesAnAddress()) {
            refusePrivateAddresses(uri);
        }
        HttpResponse<InputStream> response = send(uri);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
            }
            // One byte past the limit tells a larger blob. Computed as maxBytes + 1 it overflowed
            // under an unlimited media limit (Long.MAX_VALUE), and every blob read as empty.
            long limit = Math.min(maxBytes, MAX_BLOB_BYTES);
            byte[] data;
            try {
                data = body.readNBytes((int) limit + 1);
            } catch (IOException e) {
                throw new IOException("GET " + uri + " broke off in the body: " + what(e), e);
            }
            if (data.length > limit) {
                throw new BlobOverLimitException(uri + " is larger than the " + limit + "-byte media limit");
            }
            return data;
        }
    }

    /**
     * The client's own failures do not say which blob they were about ("HTTP connect timed out"),
     * so they are told again with the URI, as {@link BlobReader#read} promises.
     */
    private HttpResponse<InputStream> send(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        } catch (IOException e) {
            throw new IOException("GET " + uri + " failed: " + what(e), e);
        }
    }

    private static String what(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void refusePrivateAddresses(URI uri) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IOException("the host of " + uri + " does not resolve: " + e.getMessage(), e);
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw new IOException("the host of " + uri + " resolves to the internal address "
                        + address.getHostAddress() + "; Montage fetches from loopback, link-local and private "
                        + "addresses only when montage.blob.http.allowed-hosts names the address itself (e.g. "
                        + address.getHostAddress() + ":" + (uri.getPort() >= 0 ? uri.getPort() : "80") + ")");
            }
        }
    }

    private static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        // IPv6 unique local addresses (fc00::/7), which Java does not count as site-local.
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
