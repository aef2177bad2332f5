package io.montage.topology.app;

import io.montage.topology.topics.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Montage's topics where they are missing and reports how existing ones differ from what
 * Montage would create (it never alters a topic an operator made: that is theirs to decide).
 */
public final class TopicAdministrator {

    /** One line of the report per topic. */
    public record TopicStatus(String name, String state, String detail) {}

    private final Admin admin;
    private final int partitions;
    private final short replicationFactor;

    public TopicAdministrator(Admin admin, int partitions, short replicationFactor) {
        this.admin = admin;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
    }

    public List<TopicStatus> ensure(List<Topic<?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(this::newTopic)
                    .toList();
            List<TopicStatus> report = new ArrayList<>();
            for (NewTopic topic : missing) {
                report.add(create(topic));
            }
            List<Topic<?>> present =
                    topics.stream().filter(t -> existing.contains(t.name())).toList();
            if (!present.isEmpty()) {
                Map<String, TopicDescription> descriptions = admin.describeTopics(
                                present.stream().map(Topic::name).toList())
                        .allTopicNames()
                        .get();
                Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                                .toList())
                        .all()
                        .get();
                for (Topic<?> topic : present) {
                    report.add(compare(
                            topic,
                            descriptions.get(topic.name()),
                            configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))));
                }
            }
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Montage's topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Could not list or create Montage's topics: " + e.getCause().getMessage()
                            + ". Check bootstrap.servers and that this client may create and describe topics.",
                    e.getCause());
        }
    }

    private TopicStatus create(NewTopic topic) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get();
            return new TopicStatus(topic.name(), "created", topic.numPartitions() + " partitions");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return new TopicStatus(topic.name(), "exists", "created concurrently by another instance");
            }
            throw e;
        }
    }

    private NewTopic newTopic(Topic<?> topic) {
        return new NewTopic(topic.name(), Optional.of(partitions), Optional.of(replicationFactor))
                .configs(topic.configs());
    }

    private TopicStatus compare(Topic<?> topic, TopicDescription description, Config config) {
        int actual = description.partitions().size();
        String replicas = description.partitions().stream()
                .map(p -> Integer.toString(p.replicas().size()))
                .distinct()
                .collect(Collectors.joining(","));
        List<String> notes = new ArrayList<>();
        notes.add(actual + " partitions, replication " + replicas);
        if (actual < partitions) {
            notes.add("fewer partitions than the configured " + partitions + ": at most " + actual
                    + " instances share its work");
        }
        topic.configs().forEach((name, wanted) -> {
            ConfigEntry entry = config == null ? null : config.get(name);
            String value = entry == null ? null : entry.value();
            if (!wanted.equals(value)) {
                notes.add(name + "=" + value + " where Montage sets " + wanted);
            }
        });
        return new TopicStatus(description.name(), notes.size() > 1 ? "differs" : "ok", String.join("; ", notes));
    }
}
