package io.montage.topology.cli;

import io.montage.models.media.ContentKind;
import io.montage.models.media.FfmpegMediaProbe;
import io.montage.models.media.MediaRejectedException;
import io.montage.processors.blob.FileBlobStore;
import io.montage.topology.app.Infrastructure;
import io.montage.topology.client.MediaSender;
import io.montage.topology.config.MontageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code montage send FILE...}: produces input events and prints their event ids. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = "Sends media files to Montage. The topic is chosen from the content (image, audio, video); "
                + "files above montage.send.inline.max-bytes go to the blob store and travel by reference.")
public final class SendCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settingsOptions;

    @Option(
            names = "--as",
            paramLabel = "KIND",
            description = "Skip detection and send as image, audio or video "
                    + "(sends even media Montage will reject, to exercise the dead-letter path).")
    ContentKind forcedKind;

    @Parameters(paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        MontageSettings settings = settingsOptions.load();
        int failures = 0;
        try (Infrastructure infrastructure = Infrastructure.connect(settings);
                MediaSender sender = new MediaSender(
                        infrastructure.topics(),
                        new FfmpegMediaProbe(settings.mediaLimits()),
                        new FileBlobStore(settings.blobDir()),
                        settings.inlineMaxBytes(),
                        infrastructure.bootstrapServers(),
                        settings.kafka())) {
            for (Path file : files) {
                try {
                    MediaSender.Sent sent = forcedKind == null
                            ? sender.send(file)
                            : sender.send(file, Files.readAllBytes(file), forcedKind);
                    System.out.printf(
                            Locale.ROOT,
                            "%s\t%s\t%s\t%s%n",
                            sent.eventId(),
                            sent.topic(),
                            sent.inline() ? "inline" : "reference",
                            file);
                } catch (MediaRejectedException e) {
                    failures++;
                    System.err.printf(
                            Locale.ROOT,
                            "montage: not sent: %s: %s (%s). Use --as KIND to send it " + "anyway.%n",
                            file,
                            e.getMessage(),
                            e.reason());
                }
            }
        }
        return failures == 0 ? 0 : 2;
    }
}
