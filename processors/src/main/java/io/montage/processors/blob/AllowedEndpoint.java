package io.montage.processors.blob;

import java.net.URI;
import java.util.Locale;

/**
 * One entry of {@code montage.blob.http.allowed-hosts}: {@code host}, {@code host:port} or
 * {@code scheme://host:port}. A bare host allows only the scheme's default port (80, 443), so
 * allowing a media host never opens the metrics or registry port beside it.
 *
 * @param scheme http or https, or null for either
 * @param host   lower-case host name or address literal (IPv6 without brackets)
 * @param port   the port, or -1 for the scheme's default
 */
record AllowedEndpoint(String scheme, String host, int port) {

    static AllowedEndpoint parse(String entry) {
        String text = entry.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an empty entry in montage.blob.http.allowed-hosts");
        }
        if (text.contains("://")) {
            URI uri = URI.create(text);
            if (uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("montage.blob.http.allowed-hosts entry '" + entry + "' must be "
                        + "host, host:port or http(s)://host:port");
            }
            return new AllowedEndpoint(uri.getScheme(), unbracket(uri.getHost()), uri.getPort());
        }
        URI uri = URI.create("http://" + text);
        if (uri.getHost() == null || uri.getPath() != null && !uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("montage.blob.http.allowed-hosts entry '" + entry + "' must be "
                    + "host, host:port or http(s)://host:port");
        }
        return new AllowedEndpoint(null, unbracket(uri.getHost()), uri.getPort());
    }

    boolean allows(URI uri) {
        String uriScheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme != null && !scheme.equals(uriScheme)) {
            return false;
        }
        String uriHost = uri.getHost() == null ? "" : unbracket(uri.getHost().toLowerCase(Locale.ROOT));
        int uriPort = uri.getPort() >= 0 ? uri.getPort() : defaultPort(uriScheme);
        int allowedPort = port >= 0 ? port : defaultPort(scheme != null ? scheme : uriScheme);
        return host.equals(uriHost) && allowedPort == uriPort;
    }

    /** The entry names the address itself (a literal or localhost), so a private address was meant. */
    boolean namesAnAddress() {
        return host.equals("localhost") || host.contains(":") || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        return (scheme == null ? "" : scheme + "://")
                + (host.contains(":") ? "[" + host + "]" : host)
                + (port >= 0 ? ":" + port : "");
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
