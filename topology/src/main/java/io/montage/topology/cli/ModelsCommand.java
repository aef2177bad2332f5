package io.montage.topology.cli;

import io.montage.models.catalog.ModelSpec;
import io.montage.models.store.ModelAvailability;
import io.montage.models.store.ModelFiles;
import io.montage.models.store.ModelStore;
import io.montage.models.store.ModelUnavailableException;
import io.montage.models.store.VerifyReport;
import io.montage.topology.config.MontageSettings;
import io.montage.topology.models.ModelServices;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code montage models list | pull ID | verify [ID...]}: the model cache. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists, pulls and verifies the pinned models in the cache (montage.models.cache-dir).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Pull.class, ModelsCommand.Verify.class})
public final class ModelsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static ModelStore store(MontageSettings settings) {
        return ModelServices.store(settings.models());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the catalog and what is cached.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        SettingsOptions settingsOptions;

        @Override
        public Integer call() {
            ModelStore store = store(settingsOptions.load());
            System.out.println("cache: " + store.cacheDirectory());
            for (ModelAvailability availability : store.availabilityOfAll()) {
                ModelSpec spec = store.catalog().get(availability.modelId());
                String state = availability instanceof ModelAvailability.Available a
                        ? a.unpinned() ? "cached (unpinned)" : "cached"
                        : "not cached";
                System.out.printf(
                        Locale.ROOT,
                        "%-34s %-20s %-18s %s%n",
                        spec.id(),
                        spec.task(),
                        state,
                        spec.description() == null ? "" : spec.description());
            }
            return 0;
        }
    }

    @Command(
            name = "pull",
            mixinStandardHelpOptions = true,
            description = "Fetches a model's files into the cache from its first working source and verifies them.")
    static final class Pull implements Callable<Integer> {
        @Mixin
        SettingsOptions settingsOptions;

        @Parameters(paramLabel = "ID", arity = "1..*")
        List<String> ids;

        @Option(
                names = "--relock",
                description = "Accept the model's unpinned files as they are now: forget the sha256"
                        + " montage.lock recorded at their first pull (for an upload that changed on purpose).")
        boolean relock;

        @Override
        public Integer call() {
            ModelStore store = store(settingsOptions.load());
            int failed = 0;
            for (String id : ids) {
                try {
                    ModelFiles files = relock ? store.relock(id) : store.pull(id);
                    System.out.println("pulled " + id + " into " + files.directory());
                } catch (ModelUnavailableException e) {
                    failed++;
                    System.err.println("montage: " + e.getMessage());
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description =
                    "Re-hashes cached files against the catalog's sha256, or for files the catalog leaves unpinned"
                            + " against montage.lock (all cached models by default).")
    static final class Verify implements Callable<Integer> {
        @Mixin
        SettingsOptions settingsOptions;

        @Parameters(paramLabel = "ID", arity = "0..*")
        List<String> ids;

        @Override
        public Integer call() {
            ModelStore store = store(settingsOptions.load());
            List<String> targets = ids != null && !ids.isEmpty()
                    ? ids
                    : store.availabilityOfAll().stream()
                            .filter(ModelAvailability::available)
                            .map(ModelAvailability::modelId)
                            .toList();
            boolean allUsable = true;
            for (String id : targets) {
                VerifyReport report = store.verify(id);
                System.out.println(report.describe());
                allUsable &= report.usable();
            }
            return allUsable ? 0 : 1;
        }
    }
}
