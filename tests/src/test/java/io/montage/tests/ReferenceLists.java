package io.montage.tests;

import io.montage.topology.cli.MontageCommand;
import io.montage.topology.config.MontageConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** `montage lists …` run as a user would, against a running Montage's broker and registry. */
final class ReferenceLists {

    private ReferenceLists() {}

    /**
     * Runs {@code montage lists <args[0]> <args[1..]>}, e.g. {@code ("add", "--list", "known-bad",
     * "--id", "case-7", picture)}; returns its exit code.
     */
    static int run(RunningMontage montage, String... args) {
        List<String> all = new ArrayList<>(List.of("lists"));
        all.add(args[0]);
        all.addAll(List.of(
                "-D", MontageConfig.BOOTSTRAP_SERVERS + "=" + montage.app.bootstrapServers(),
                "-D", MontageConfig.SCHEMA_REGISTRY_URL + "=" + montage.app.registryUrl()));
        all.addAll(List.of(args).subList(1, args.length));
        return new CommandLine(new MontageCommand()).execute(all.toArray(String[]::new));
    }
}
