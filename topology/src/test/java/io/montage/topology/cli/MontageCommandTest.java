package io.montage.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.montage.models.media.ContentKind;
import io.montage.models.natives.NativeCheck;
import io.montage.models.natives.NativeComponent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MontageCommandTest {

    /** A machine without a library FFmpeg needs, as the start-up check sees it. */
    private static final NativeCheck MISSING_LIBRARY = new NativeCheck(List.of(new NativeComponent(
            "FFmpeg", "decoding every upload", () -> System.loadLibrary("montage-missing-ffmpeg-dependency"))));

    @TempDir
    Path dir;

    @Test
    void runStopsBeforeStartingAnythingWhenANativeLibraryIsMissingWithOneMessageAndNoStackTrace() {
        Path dataDir = dir.resolve("data");
        StringWriter err = new StringWriter();
        CommandLine montage = MontageCommand.commandLine(factory(new RunCommand(MISSING_LIBRARY), null));
        montage.setErr(new PrintWriter(err, true));

        int exit = montage.execute("run", "-D", "montage.data.dir=" + dataDir);

        assertThat(exit).isNotZero();
        assertThat(err.toString())
                .startsWith("montage: cannot start on this machine; nothing was consumed.")
                .contains("FFmpeg (decoding every upload) cannot be loaded: the system library "
                        + "libmontage-missing-ffmpeg-dependency.so is missing")
                .contains("apt-file search libmontage-missing-ffmpeg-dependency.so")
                .doesNotContain("\tat ", "Exception");
        assertThat(err.toString().lines()).hasSize(2);
        // Neither the embedded broker nor the registry was started: nothing wrote the data directory.
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void demoStopsTheSameWay() {
        Path dataDir = dir.resolve("data");
        StringWriter err = new StringWriter();
        CommandLine montage = MontageCommand.commandLine(factory(null, new DemoCommand(MISSING_LIBRARY)));
        montage.setErr(new PrintWriter(err, true));

        int exit = montage.execute("demo", "-D", "montage.data.dir=" + dataDir);

        assertThat(exit).isNotZero();
        assertThat(err.toString())
                .contains("libmontage-missing-ffmpeg-dependency.so")
                .doesNotContain("\tat ");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void enumOptionsAcceptTheCaseTheHelpShows() {
        for (String kind : List.of("image", "IMAGE", "Image")) {
            CommandLine.ParseResult parsed = MontageCommand.commandLine(CommandLine.defaultFactory())
                    .parseArgs("send", "--as", kind, "photo.bin");

            SendCommand send = (SendCommand) parsed.subcommand().commandSpec().userObject();
            assertThat(send.forcedKind).as(kind).isEqualTo(ContentKind.IMAGE);
        }
    }

    @Test
    void listsAddNeedsAListAnIdAndAFileAndRemoveAListAndAnId() {
        CommandLine.ParseResult added = MontageCommand.commandLine(CommandLine.defaultFactory())
                .parseArgs("lists", "add", "--list", "known-bad", "--id", "case-7", "--note", "n", "photo.jpg");
        ListsCommand.Add add =
                (ListsCommand.Add) added.subcommand().subcommand().commandSpec().userObject();
        assertThat(add.entry.list).isEqualTo("known-bad");
        assertThat(add.entry.id).isEqualTo("case-7");
        assertThat(add.file).isEqualTo(Path.of("photo.jpg"));

        StringWriter err = new StringWriter();
        CommandLine montage = MontageCommand.commandLine(CommandLine.defaultFactory());
        montage.setErr(new PrintWriter(err, true));
        assertThat(montage.execute("lists", "remove", "--list", "known-bad")).isNotZero();
        assertThat(err.toString()).contains("Missing required option: '--id=<id>'");
    }

    private static CommandLine.IFactory factory(RunCommand run, DemoCommand demo) {
        return new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> type) throws Exception {
                if (type == RunCommand.class && run != null) {
                    return (K) run;
                }
                if (type == DemoCommand.class && demo != null) {
                    return (K) demo;
                }
                return CommandLine.defaultFactory().create(type);
            }
        };
    }
}
