package io.montage.topology.cli;

import io.montage.models.natives.NativeCheck;
import io.montage.topology.app.MontageApplication;
import io.montage.topology.app.MontageNatives;
import io.montage.topology.config.MontageConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code montage run}: the long-running job. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Montage. Without bootstrap.servers it starts an embedded Kafka broker on 127.0.0.1:9092 "
                    + "and a schema registry on 127.0.0.1:8081 (data under montage.data.dir), creates the topics and "
                    + "runs the stages on CPU, each as its own Kafka Streams application. Stops cleanly on SIGTERM or "
                    + "Ctrl-C."
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin
    SettingsOptions settings;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description = "cpu (default), cuda, cuda:N or auto. A CUDA "
                    + "device that cannot be used is an error, never a silent fall-back to the CPU.")
    String device;

    @Option(
            names = "--require-all",
            description =
                    "Fail at start when a stage's model cannot be had, instead of " + "running without that stage.")
    boolean requireAll;

    @Option(
            names = "--stages",
            paramLabel = "STAGE,...",
            description = "Run only these stages (probe, text-embed, "
                    + "ocr, caption, image-embed, transcribe), e.g. --stages caption on a GPU machine and --stages "
                    + "probe,ocr,text-embed on CPU machines. Each stage is its own Kafka Streams application "
                    + "(application.id <montage.application.id>-<stage>), so instances share each stage's work.")
    String stages;

    private final NativeCheck natives;

    public RunCommand() {
        this(MontageNatives.check());
    }

    RunCommand(NativeCheck natives) {
        this.natives = natives;
    }

    @Override
    public Integer call() throws Exception {
        natives.requireAll();
        if (device != null) {
            settings.overrides.put(MontageConfig.DEVICE, device);
        }
        if (requireAll) {
            settings.overrides.put(MontageConfig.REQUIRE_ALL, "true");
        }
        if (stages != null) {
            settings.overrides.put(MontageConfig.STAGES, stages);
        }
        MontageApplication app = MontageApplication.start(settings.load());
        StageReport.print(app.stages(), app.readyUrl(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "montage-shutdown"));
        app.awaitStop();
        return 0;
    }
}
