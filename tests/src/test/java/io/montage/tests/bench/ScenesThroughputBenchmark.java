package io.montage.tests.bench;

import io.montage.processors.stage.StageId;
import io.montage.tests.RunningMontage;
import io.montage.topology.config.MontageConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Live streams through Kafka (video-frames → probe → scenes, and with the {@code ocr} stage on, real
 * PP-OCRv4 on each scene's keyframe, and with montage.vision.live-frames on every frame too) against
 * the same work in-process, side by
 * side in one run; then how many live streams at 2 fps one instance keeps up with. Not a test: it
 * prints figures; docs/video-scenes.md#throughput says what was measured with it.
 *
 * <pre>
 * mvn -q -B install -DskipTests &amp;&amp; mvn -q -B -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "$(cat tests/target/cp.txt):tests/target/test-classes" io.montage.tests.bench.ScenesThroughputBenchmark [frames] [seconds] [max-streams]
 * </pre>
 *
 * {@code frames}: the one stream sent as fast as possible (default 113, rounded down to end on a cut);
 * {@code seconds}: how long each count of paced streams runs (default 30); {@code max-streams}: the
 * most streams tried, doubling from 1 until Montage falls behind (default 64).
 * {@code -Dmontage.bench.sections=} picks among ocr (probe, ocr, scenes: the keyframes read, the
 * default configuration), ocr-every-frame (the same with montage.vision.live-frames=true: every frame
 * read by the ocr stage as well) and scenes (probe and scenes alone, no model); default ocr,scenes.
 */
public final class ScenesThroughputBenchmark {

    /**
     * What runs: whether the OCR model is loaded (the scene stage then reads each keyframe with it),
     * and whether the ocr stage reads every live frame too.
     */
    private enum Section {
        OCR("ocr", "probe + ocr + scenes (PP-OCRv4 on each keyframe)", true, false),
        OCR_EVERY_FRAME(
                "ocr-every-frame",
                "probe + ocr + scenes, montage.vision.live-frames=true (PP-OCRv4 on every frame and each keyframe)",
                true,
                true),
        SCENES("scenes", "probe + scenes", false, false);

        final String id;
        final String title;
        final boolean ocrModel;
        final boolean everyFrame;

        Section(String id, String title, boolean ocrModel, boolean everyFrame) {
            this.id = id;
            this.title = title;
            this.ocrModel = ocrModel;
            this.everyFrame = everyFrame;
        }
    }

    private ScenesThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int frames = OneStreamThroughput.endingOnACut(args.length > 0 ? Integer.parseInt(args[0]) : 113);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int maxStreams = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Set<String> sections = Set.of(
                System.getProperty("montage.bench.sections", "ocr,scenes").split(","));
        System.out.printf(
                Locale.ROOT,
                "%d cores, load average %.2f; live frames %dx%d JPEG at 2 fps, a cut every %d frames%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                LiveStreamFrames.WIDTH,
                LiveStreamFrames.HEIGHT,
                LiveStreamFrames.SHOT_FRAMES);
        Path dir = Files.createTempDirectory("montage-scenes-bench");
        for (Section section : Section.values()) {
            if (sections.contains(section.id)) {
                section(dir.resolve(section.id), section, frames, seconds, maxStreams);
            }
        }
    }

    private static void section(Path dir, Section section, int frames, int seconds, int maxStreams) throws Exception {
        String name = section.title;
        // Outputs per frame (each frame's OCR result) to wait for, where the ocr stage reads every frame.
        boolean ocr = section.everyFrame;
        LiveStreamFrames pictures = new LiveStreamFrames();
        InProcessScenes.Result inProcess;
        MachineCpu inProcessMachine = new MachineCpu();
        try (InProcessScenes work = new InProcessScenes(section.ocrModel, section.everyFrame)) {
            inProcess = work.measure(pictures, "in-process", frames);
        }
        System.out.printf(
                Locale.ROOT,
                "%s%n  in-process, one calling thread: %d frames, %d scenes, %.1f frames/s, CPU %.1f ms/frame (%s)%n",
                name,
                inProcess.frames(),
                inProcess.scenes(),
                inProcess.framesPerSecond(),
                inProcess.cpuMillisPerFrame(),
                inProcessMachine.report());
        String[] stages = section.ocrModel
                ? new String[] {StageId.OCR.id(), StageId.SCENES.id()}
                : new String[] {StageId.SCENES.id()};
        Map<String, String> settings = Map.of(MontageConfig.VISION_LIVE_FRAMES, Boolean.toString(section.everyFrame));
        try (RunningMontage montage = RunningMontage.startWithStages(dir, settings, stages);
                LiveOutputs outputs = new LiveOutputs(montage, ocr);
                Backlog backlog = new Backlog(montage.app.bootstrapServers())) {
            OneStreamThroughput.measure(
                    montage, outputs, backlog, pictures, "warm-up", OneStreamThroughput.endingOnACut(53), ocr);
            MachineCpu machine = new MachineCpu();
            OneStreamThroughput.Result kafka =
                    OneStreamThroughput.measure(montage, outputs, backlog, pictures, "one", frames, ocr);
            double everyOutput = ocr ? kafka.ocrFramesPerSecond() : kafka.scenesFramesPerSecond();
            System.out.printf(
                    Locale.ROOT,
                    "  through Kafka, one stream sent unpaced: %d frames, every output written at %.1f frames/s, "
                            + "ratio %.2f to in-process; CPU %.1f ms/frame, %.2f x in-process%n",
                    kafka.frames(),
                    everyOutput,
                    everyOutput / inProcess.framesPerSecond(),
                    kafka.cpuMillisPerFrame(),
                    kafka.cpuMillisPerFrame() / inProcess.cpuMillisPerFrame());
            if (ocr) {
                System.out.printf(
                        Locale.ROOT,
                        "  its %d scenes written at %.1f frames/s (the scenes stage runs ahead of the ocr stage)%n",
                        kafka.scenes(),
                        kafka.scenesFramesPerSecond());
            }
            System.out.println("  " + machine.report() + "; CPU by thread group: " + largest(kafka.threads(), 8));
            ladder(montage, outputs, backlog, pictures, ocr, seconds, maxStreams);
        }
    }

    private static void ladder(
            RunningMontage montage,
            LiveOutputs outputs,
            Backlog backlog,
            LiveStreamFrames pictures,
            boolean ocr,
            int seconds,
            int maxStreams) {
        int keptUp = 0;
        for (int streams = 1; streams <= maxStreams; streams *= 2) {
            PacedStreams.Level level =
                    PacedStreams.run(montage, outputs, backlog, pictures, "paced", streams, seconds, ocr);
            System.out.printf(
                    Locale.ROOT,
                    "  %2d streams x 2 fps for %d s (%d frames): %s; scenes %s%s; largest backlog %s; "
                            + "CPU %.1f ms/frame, %.2f cores; %s; load average %.2f%n",
                    streams,
                    seconds,
                    level.frames(),
                    level.keptUp() ? "kept up" : "FELL BEHIND",
                    level.scenes().describe(),
                    level.ocr() == null
                            ? ""
                            : "; OCR of each frame " + level.ocr().describe(),
                    level.backlog(),
                    level.cpuMillisPerFrame(),
                    level.cores(),
                    level.machine(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (!level.keptUp()) {
                break;
            }
            keptUp = streams;
        }
        System.out.printf(
                Locale.ROOT,
                "  largest count of live streams at 2 fps kept up with: %s%n",
                keptUp == 0 ? "none" : Integer.toString(keptUp));
    }

    /** The first {@code count} groups of a {@link ThreadCpu} report (largest first). */
    private static String largest(String threads, int count) {
        String[] groups = threads.split(", ");
        return String.join(", ", Arrays.asList(groups).subList(0, Math.min(count, groups.length)));
    }
}
