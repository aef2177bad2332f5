package io.montage.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the registry is and how to authenticate, read from the same property names Confluent's
 * serializers use, so existing client configurations work unchanged.
 *
 * @param baseUrls tried in order; the next one is used when one is unreachable
 * @param basicAuthUserInfo {@code user:password} for HTTP basic authentication, if any
 * @param requestTimeout how long one HTTP request may take
 */
public record RegistryClientConfig(List<URI> baseUrls, Optional<String> basicAuthUserInfo, Duration requestTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public RegistryClientConfig {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException(URL + " is empty; set it to the registry's URL, for"
                    + " example http://localhost:8081 (several may be given, comma-separated)");
        }
        baseUrls = List.copyOf(baseUrls);
    }

    /** A configuration for one or more comma-separated URLs, without authentication. */
    public static RegistryClientConfig forUrls(String commaSeparatedUrls) {
        return new RegistryClientConfig(parseUrls(commaSeparatedUrls), Optional.empty(), DEFAULT_TIMEOUT);
    }

    /** Reads {@value #URL}, {@value #BASIC_AUTH_USER_INFO} and {@value #REQUEST_TIMEOUT_MS}. */
    public static RegistryClientConfig fromProperties(Map<String, ?> properties) {
        Object urls = properties.get(URL);
        if (urls == null || urls.toString().isBlank()) {
            throw new IllegalArgumentException(URL + " is not set; set it to the schema registry's URL,"
                    + " for example " + URL + "=http://localhost:8081");
        }
        String source = Optional.ofNullable(properties.get(BASIC_AUTH_CREDENTIALS_SOURCE))
                .map(Object::toString)
                .orElse("USER_INFO");
        if (!source.equalsIgnoreCase("USER_INFO")) {
            throw new IllegalArgumentException(BASIC_AUTH_CREDENTIALS_SOURCE + "=" + source
                    + " is not supported; use USER_INFO with " + BASIC_AUTH_USER_INFO + "=user:password");
        }
        Optional<String> userInfo = Optional.ofNullable(properties.get(BASIC_AUTH_USER_INFO))
                .map(Object::toString)
                .filter(s -> !s.isBlank());
        Duration timeout = Optional.ofNullable(properties.get(REQUEST_TIMEOUT_MS))
                .map(v -> Duration.ofMillis(Long.parseLong(v.toString().trim())))
                .orElse(DEFAULT_TIMEOUT);
        return new RegistryClientConfig(parseUrls(urls.toString()), userInfo, timeout);
    }

    public RegistryClientConfig withBasicAuth(String userInfo) {
        return new RegistryClientConfig(baseUrls, Optional.of(userInfo), requestTimeout);
    }

    private static List<URI> parseUrls(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                .toList();
    }

    /** The URLs as a user typed them, for error messages. */
    String describeUrls() {
        return String.join(", ", baseUrls.stream().map(URI::toString).toList());
    }
}
