package io.montage.topology.app;

import io.montage.schemas.registry.EmbeddedSchemaRegistry;
import io.montage.schemas.registry.RegistryClientConfig;
import io.montage.schemas.registry.RegistryServerSettings;
import io.montage.schemas.registry.RegistryUsers;
import io.montage.schemas.registry.RestSchemaRegistryClient;
import io.montage.schemas.registry.SchemaRegistryClient;
import io.montage.topology.config.MontageConfig;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.embedded.EmbeddedBrokerSettings;
import io.montage.topology.embedded.EmbeddedKafkaBroker;
import io.montage.topology.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster and schema registry Montage talks to, with the typed topics bound to that
 * registry. {@link #start} starts the embedded broker and registry where none is configured;
 * {@link #connect} never starts anything (the CLI's send and tail talk to a running Montage).
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final String SCHEMAS_TOPIC = "_schemas";

    private final EmbeddedKafkaBroker broker;
    private final EmbeddedSchemaRegistry registry;
    private final SchemaRegistryClient client;
    private final String bootstrapServers;
    private final String registryUrl;
    private final Topics topics;

    private Infrastructure(
            EmbeddedKafkaBroker broker,
            EmbeddedSchemaRegistry registry,
            String bootstrapServers,
            String registryUrl,
            MontageSettings settings) {
        this.broker = broker;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        Map<String, Object> registryConfig = new HashMap<>(settings.kafka());
        registryConfig.put(MontageConfig.SCHEMA_REGISTRY_URL, registryUrl);
        this.client = RestSchemaRegistryClient.fromProperties(registryConfig);
        this.topics = Topics.withRegistry(settings.topicPrefix(), client);
    }

    public static Infrastructure start(MontageSettings settings) {
        RegistryServerSettings registrySettings = settings.embeddedRegistry() ? registrySettings(settings) : null;
        EmbeddedKafkaBroker broker = settings.embeddedBroker()
                ? EmbeddedKafkaBroker.start(new EmbeddedBrokerSettings(
                        settings.embedded().host(),
                        settings.embedded().kafkaPort(),
                        settings.embedded().controllerPort(),
                        settings.dataDir(),
                        EmbeddedBrokerSettings.DEFAULT_MAX_MESSAGE_BYTES))
                : null;
        String bootstrap = broker != null
                ? broker.bootstrapServers()
                : settings.bootstrapServers().orElseThrow();
        EmbeddedSchemaRegistry registry = null;
        try {
            if (settings.embeddedRegistry()) {
                registry = EmbeddedSchemaRegistry.start(
                        bootstrap,
                        settings.embedded().host(),
                        settings.embedded().registryPort(),
                        SCHEMAS_TOPIC,
                        registrySettings);
            }
            String url = registry != null
                    ? registry.url().toString()
                    : settings.schemaRegistryUrl().orElseThrow();
            return new Infrastructure(broker, registry, bootstrap, url, settings);
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            }
            throw e;
        }
    }

    /**
     * How the embedded registry guards itself. With users, Montage's own clients need credentials too:
     * checked here, before anything starts, rather than found in the first registration's 401.
     */
    static RegistryServerSettings registrySettings(MontageSettings settings) {
        MontageSettings.EmbeddedServices embedded = settings.embedded();
        Optional<RegistryUsers> users = embedded.registryUsersFile().map(RegistryUsers::load);
        String userInfo = settings.kafka().get(RegistryClientConfig.BASIC_AUTH_USER_INFO);
        if (users.isPresent() && (userInfo == null || userInfo.isBlank())) {
            throw new IllegalArgumentException(MontageConfig.EMBEDDED_REGISTRY_USERS_FILE + " is set, so the "
                    + "registry requires authentication, but Montage's own clients have no credentials: set "
                    + RegistryClientConfig.BASIC_AUTH_USER_INFO + "=user:password (a user of that file"
                    + (embedded.registryReadOnly() ? "" : " with the write role, so Montage can register its schemas")
                    + ")");
        }
        return new RegistryServerSettings(users, embedded.registryReadOnly(), embedded.registryMaxRequestBytes());
    }

    /**
     * Connects to the configured cluster and registry, or to where the embedded default listens
     * under the same settings ({@code montage.embedded.*}) as {@code montage run} uses.
     */
    public static Infrastructure connect(MontageSettings settings) {
        return new Infrastructure(
                null,
                null,
                settings.bootstrapServers().orElse(embeddedBootstrap(settings)),
                settings.schemaRegistryUrl().orElse(embeddedRegistryUrl(settings)),
                settings);
    }

    static String embeddedBootstrap(MontageSettings settings) {
        return reachableHost(settings.embedded().host()) + ":"
                + settings.embedded().kafkaPort();
    }

    static String embeddedRegistryUrl(MontageSettings settings) {
        return "http://" + reachableHost(settings.embedded().host()) + ":"
                + settings.embedded().registryPort();
    }

    /** A wildcard bind address is reached on loopback by a client on the same machine; IPv6 in brackets. */
    private static String reachableHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            return "127.0.0.1";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public SchemaRegistryClient registryClient() {
        return client;
    }

    public Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            log.debug("Closing the registry client failed", e);
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
