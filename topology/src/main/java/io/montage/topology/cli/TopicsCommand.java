package io.montage.topology.cli;

import io.montage.topology.app.Infrastructure;
import io.montage.topology.app.TopicAdministrator;
import io.montage.topology.config.MontageSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code montage topics}: creates missing topics and reports on existing ones. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Creates Montage's topics where missing (montage.topic.partitions, "
                + "montage.topic.replication.factor) and reports partitions and replication of the existing ones.")
public final class TopicsCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Override
    public Integer call() {
        MontageSettings settings = settingsOptions.load();
        try (Infrastructure infrastructure = Infrastructure.connect(settings)) {
            Map<String, Object> config = new HashMap<>(settings.kafka());
            config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
            try (Admin admin = Admin.create(config)) {
                new TopicAdministrator(admin, settings.partitions(), settings.replicationFactor())
                        .ensure(infrastructure.topics().all())
                        .forEach(s -> System.out.printf("%-28s %-8s %s%n", s.name(), s.state(), s.detail()));
            }
        }
        return 0;
    }
}
