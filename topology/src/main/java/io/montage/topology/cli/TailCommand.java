package io.montage.topology.cli;

import io.montage.schemas.serde.GenericRecordDeserializer;
import io.montage.topology.app.Infrastructure;
import io.montage.topology.client.AvroJson;
import io.montage.topology.client.TopicTail;
import io.montage.topology.config.MontageSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code montage tail TOPIC}: prints a topic's records as JSON lines, decoded through the registry. */
@Command(
        name = "tail",
        mixinStandardHelpOptions = true,
        description = "Prints the records of a topic (e.g. probes, dead-letter) from the beginning as JSON lines, "
                + "decoded through the schema registry. Byte fields are shown as their length.")
public final class TailCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Option(
            names = {"-n", "--max"},
            description = "Stop after this many records.")
    long max = Long.MAX_VALUE;

    @Option(names = "--idle", description = "Stop after this long without a new record, e.g. 5s (default: never).")
    String idle;

    @Parameters(paramLabel = "TOPIC", description = "Topic name, with or without the configured prefix.")
    String topic;

    @Override
    public Integer call() throws Exception {
        MontageSettings settings = settingsOptions.load();
        Duration idleLimit = idle == null ? null : Duration.parse("PT" + idle.toUpperCase(java.util.Locale.ROOT));
        try (Infrastructure infrastructure = Infrastructure.connect(settings)) {
            String name =
                    infrastructure.topics().byName(topic).map(t -> t.name()).orElse(topic);
            try (TopicTail<GenericRecord> tail = new TopicTail<>(
                    infrastructure.bootstrapServers(),
                    settings.kafka(),
                    List.of(name),
                    new GenericRecordDeserializer(infrastructure.registryClient()))) {
                java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
                long lastRecord = System.nanoTime();
                while (seen.get() < max) {
                    int count = tail.poll(Duration.ofMillis(500), record -> {
                        if (seen.getAndIncrement() < max) {
                            System.out.println(AvroJson.render(record.value()));
                        }
                    });
                    if (count > 0) {
                        lastRecord = System.nanoTime();
                    } else if (idleLimit != null && System.nanoTime() - lastRecord > idleLimit.toNanos()) {
                        break;
                    }
                }
            }
        }
        return 0;
    }
}
