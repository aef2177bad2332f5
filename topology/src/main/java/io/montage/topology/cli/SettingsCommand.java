package io.montage.topology.cli;

import io.montage.topology.config.SettingsTable;
import picocli.CommandLine.Command;

/** {@code montage settings}: every setting with its default, what it accepts and what it does. */
@Command(
        name = "settings",
        mixinStandardHelpOptions = true,
        description = "Prints every montage.* setting with its default, what it accepts and what it does"
                + " (the README's settings table, in Markdown).")
final class SettingsCommand implements Runnable {

    @Override
    public void run() {
        System.out.print(SettingsTable.markdown());
    }
}
