package io.montage.topology.cli;

import io.montage.topology.config.MontageSettings;
import io.montage.topology.config.SettingsLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The settings options every command shares (mixed in with picocli's {@code @Mixin}). */
public final class SettingsOptions {

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Properties file (bootstrap.servers, schema.registry.url, montage.*, any Kafka setting).")
    Path config;

    @Option(
            names = {"-D", "--set"},
            paramLabel = "KEY=VALUE",
            description =
                    "Setting that overrides the file and " + "the environment, e.g. -D bootstrap.servers=kafka:9092")
    Map<String, String> overrides = new LinkedHashMap<>();

    public MontageSettings load() {
        return SettingsLoader.load(config, System.getenv(), overrides);
    }
}
