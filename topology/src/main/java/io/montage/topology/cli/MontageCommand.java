package io.montage.topology.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code montage}: the command-line entry point. */
@Command(name = "montage", mixinStandardHelpOptions = true, version = "Montage 0.1.0",
        description = "Turns uploaded images, audio and video into captions, transcripts, embeddings and more, "
                + "in real time on Kafka.",
        subcommands = {RunCommand.class, DemoCommand.class, SendCommand.class, TailCommand.class,
            TopicsCommand.class, ModelsCommand.class, CommandLine.HelpCommand.class})
public final class MontageCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new MontageCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("montage: " + e.getMessage());
                    if (Boolean.getBoolean("montage.debug")) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
        System.exit(exit);
    }
}
