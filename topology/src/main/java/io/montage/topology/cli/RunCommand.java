package io.montage.topology.cli;

import java.util.concurrent.Callable;

import io.montage.topology.app.MontageApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code montage run}: the long-running job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs Montage. Without bootstrap.servers it starts an embedded Kafka broker on 127.0.0.1:9092 "
                + "and a schema registry on 127.0.0.1:8081 (data under montage.data.dir), creates the topics and "
                + "runs the stages on CPU. Stops cleanly on SIGTERM or Ctrl-C."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @Override
    public Integer call() throws Exception {
        MontageApplication app = MontageApplication.start(settings.load());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "montage-shutdown"));
        app.awaitStop();
        return 0;
    }
}
