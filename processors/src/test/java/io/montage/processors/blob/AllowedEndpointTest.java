package io.montage.processors.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AllowedEndpointTest {

    @Test
    void aBareHostAllowsItsSchemesDefaultPortsOnly() {
        AllowedEndpoint host = AllowedEndpoint.parse("Media.Example.com");

        assertThat(host.allows(URI.create("http://media.example.com/a.jpg"))).isTrue();
        assertThat(host.allows(URI.create("https://media.example.com/a.jpg"))).isTrue();
        assertThat(host.allows(URI.create("http://media.example.com:80/a.jpg"))).isTrue();
        assertThat(host.allows(URI.create("http://media.example.com:9464/metrics")))
                .isFalse();
        assertThat(host.allows(URI.create("http://other.example.com/a.jpg"))).isFalse();
    }

    @Test
    void hostPortAndSchemeHostPortEntriesAllowExactlyThat() {
        AllowedEndpoint hostPort = AllowedEndpoint.parse("minio.internal:9000");
        AllowedEndpoint secure = AllowedEndpoint.parse("https://media.example.com:8443");

        assertThat(hostPort.allows(URI.create("http://minio.internal:9000/bucket/a")))
                .isTrue();
        assertThat(hostPort.allows(URI.create("http://minio.internal:9001/bucket/a")))
                .isFalse();
        assertThat(secure.allows(URI.create("https://media.example.com:8443/a")))
                .isTrue();
        assertThat(secure.allows(URI.create("http://media.example.com:8443/a"))).isFalse();
    }

    @Test
    void addressLiteralsAndLocalhostNameAnAddress() {
        assertThat(AllowedEndpoint.parse("10.0.0.5:9000").namesAnAddress()).isTrue();
        assertThat(AllowedEndpoint.parse("[::1]:9000").namesAnAddress()).isTrue();
        assertThat(AllowedEndpoint.parse("[::1]:9000").allows(URI.create("http://[::1]:9000/a")))
                .isTrue();
        assertThat(AllowedEndpoint.parse("localhost:8080").namesAnAddress()).isTrue();
        assertThat(AllowedEndpoint.parse("media.example.com").namesAnAddress()).isFalse();
    }

    @Test
    void anEntryThatIsNotAnEndpointIsRefusedWithTheForm() {
        assertThatThrownBy(() -> AllowedEndpoint.parse("ftp://media.example.com"))
                .hasMessageContaining("host, host:port or http(s)://host:port");
        assertThatThrownBy(() -> AllowedEndpoint.parse("media.example.com/path"))
                .hasMessageContaining("host, host:port or http(s)://host:port");
    }
}
