package io.montage.topology.cli;

import io.montage.models.natives.NativeLibrariesUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code montage}: the command-line entry point. */
@Command(
        name = "montage",
        mixinStandardHelpOptions = true,
        version = "Montage 0.1.0",
        description = "Turns uploaded images, audio and video into captions, transcripts, embeddings and more, "
                + "in real time on Kafka.",
        subcommands = {
            RunCommand.class,
            DemoCommand.class,
            SendCommand.class,
            TailCommand.class,
            SearchCommand.class,
            TopicsCommand.class,
            ListsCommand.class,
            ModelsCommand.class,
            SettingsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MontageCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine(CommandLine.defaultFactory()).execute(args));
    }

    /**
     * The command line as users get it: failures print one message, without a stack trace unless
     * {@code -Dmontage.debug=true}, and exit non-zero.
     */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new MontageCommand(), factory)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr()
                            .println(
                                    e instanceof NativeLibrariesUnavailableException
                                            ? "montage: cannot start on this machine; nothing was consumed.\n"
                                                    + e.getMessage()
                                            : "montage: " + e.getMessage());
                    if (Boolean.getBoolean("montage.debug")) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
    }
}
