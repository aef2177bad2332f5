package io.montage.topology.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The web view's responses and their security headers. The page may load scripts, styles, pictures,
 * media and its event stream from Montage only and runs no inline script; media are served with
 * their probed type, never sniffed, and sandboxed, so that an upload opened directly cannot run
 * script even where a browser would render it as a document.
 */
final class WebResponses {

    /** The page's policy: everything from Montage itself, no inline script or style, no framing. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** The policy of uploaded media and generated subtitles: no script, no anything, a unique origin. */
    static final String MEDIA_POLICY = "default-src 'none'; sandbox";

    private WebResponses() {}

    static void pageHeaders(HttpExchange exchange, String contentType) {
        common(exchange.getResponseHeaders(), contentType, PAGE_POLICY);
    }

    static void mediaHeaders(HttpExchange exchange, String contentType) {
        Headers headers = exchange.getResponseHeaders();
        common(headers, contentType, MEDIA_POLICY);
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    private static void common(Headers headers, String contentType, String policy) {
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", policy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
    }

    /** A page resource or media: the body for GET, the headers alone for HEAD. */
    static void body(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }

    /** A plain-text answer (an error, say), under the page's policy. */
    static void text(HttpExchange exchange, int status, String text) throws IOException {
        pageHeaders(exchange, "text/plain; charset=utf-8");
        body(exchange, status, text.getBytes(StandardCharsets.UTF_8));
    }
}
