package io.montage.topology.cli;

import io.montage.topology.models.StageStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The start-up listing of {@code run} and {@code demo}: one line per stage, on with its model and
 * device, or off with why in a phrase and the command that fixes it.
 */
final class StageReport {

    private StageReport() {}

    static void print(List<StageStatus> stages, Optional<String> readyUrl, PrintStream out) {
        stages.forEach(stage -> out.println("stage " + stage.line()));
        if (stages.stream().anyMatch(stage -> !stage.on())) {
            out.println("(each file and source tried: "
                    + readyUrl.map(url -> url + " or ").orElse("") + "./montage models verify)");
        }
    }
}
