package io.montage.topology.cli;

import io.montage.models.media.FfmpegImageDecoder;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaRejectedException;
import io.montage.topology.app.Infrastructure;
import io.montage.topology.app.TopicAdministrator;
import io.montage.topology.client.ReferenceListWriter;
import io.montage.topology.config.MontageSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code montage lists add|remove}: maintains the moderation reference lists the match stage reads. */
@Command(
        name = "lists",
        mixinStandardHelpOptions = true,
        description = "Adds pictures to the moderation reference lists and removes them. The match stage reads the "
                + "lists from the compacted reference-lists topic; changes apply at once, without a restart. "
                + "`montage tail reference-lists` prints the entries.",
        subcommands = {ListsCommand.Add.class, ListsCommand.Remove.class})
public final class ListsCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The list and the entry's id, which every subcommand names. */
    static final class EntryOptions {
        @Option(
                names = "--list",
                required = true,
                description = "The list, e.g. known-bad, known-spam, copyrighted (no '/').")
        String list;

        @Option(names = "--id", required = true, description = "The entry's id in its list, e.g. a case number.")
        String id;
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a picture (or replaces the entry with its id): its PDQ hash, computed as the probe "
                    + "computes it, so re-encoded, resized or framed copies of it match.")
    static final class Add implements Callable<Integer> {
        @Mixin
        SettingsOptions settingsOptions;

        @Mixin
        EntryOptions entry;

        @Option(names = "--note", description = "Free text for the people who keep the list.")
        String note;

        @Option(
                names = "--mirrored",
                description = "Also match copies mirrored, upside down or turned by quarter turns "
                        + "(the entry carries the hashes of all eight orientations).")
        boolean mirrored;

        @Parameters(paramLabel = "FILE", description = "The picture (any image format the probe reads).")
        Path file;

        @Override
        public Integer call() throws Exception {
            MontageSettings settings = settingsOptions.load();
            try (Infrastructure infrastructure = Infrastructure.connect(settings);
                    ReferenceListWriter writer = writer(settings, infrastructure)) {
                ReferenceListWriter.Written written = writer.addPicture(
                        entry.list,
                        entry.id,
                        file,
                        note,
                        mirrored,
                        settings.matchThresholds().pdqMinQuality());
                System.out.printf(
                        Locale.ROOT,
                        "added\t%s\tpdq=%s\tquality=%d%s\t%s%n",
                        written.key(),
                        HexFormat.of().formatHex(written.entry().getPdqHash().bytes()),
                        written.entry().getPdqQuality(),
                        mirrored ? "\tmirrored and turned copies too" : "",
                        file);
                return 0;
            } catch (MediaRejectedException e) {
                System.err.printf(Locale.ROOT, "montage: not added: %s: %s (%s)%n", file, e.getMessage(), e.reason());
                return 2;
            } catch (IllegalArgumentException e) {
                System.err.printf(Locale.ROOT, "montage: not added: %s%n", e.getMessage());
                return 2;
            }
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes an entry (a tombstone on the reference-lists topic); removing one that is not "
                    + "there changes nothing.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        SettingsOptions settingsOptions;

        @Mixin
        EntryOptions entry;

        @Override
        public Integer call() {
            MontageSettings settings = settingsOptions.load();
            try (Infrastructure infrastructure = Infrastructure.connect(settings);
                    ReferenceListWriter writer = writer(settings, infrastructure)) {
                System.out.println(
                        "removed\t" + writer.remove(entry.list, entry.id).key());
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.printf(Locale.ROOT, "montage: not removed: %s%n", e.getMessage());
                return 2;
            }
        }
    }

    /**
     * The writer, once the topic exists as Montage makes it: a topic a broker auto-created on the
     * first write would not be compacted, and removed entries would come back from its history.
     */
    private static ReferenceListWriter writer(MontageSettings settings, Infrastructure infrastructure) {
        Map<String, Object> config = new HashMap<>(settings.kafka());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            new TopicAdministrator(admin, settings.partitions(), settings.replicationFactor())
                    .ensure(List.of(infrastructure.topics().referenceLists()));
        }
        return new ReferenceListWriter(
                infrastructure.topics().referenceLists(),
                new FfmpegMediaProbe(settings.mediaLimits()),
                new FfmpegImageDecoder(settings.mediaLimits()),
                infrastructure.bootstrapServers(),
                settings.kafka());
    }
}
