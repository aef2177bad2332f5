package io.montage.models.vision.ocr;

import io.montage.models.store.ModelFiles;
import io.montage.models.store.NpmHostedModels;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Exact character accuracy of OCR settings variants on {@link DegradedTextSet} (any seed) and, optionally,
 * {@link RenderedTextSet}: how the figures in OcrSettings' and the OCR commits' comments were measured. Not a test; run
 * by hand from the repo root:
 *
 * <pre>
 * mvn -q -o -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp
 * java -cp "$(cat /tmp/cp)":models/target/classes:models/target/test-classes -Dseed=777 -Drendered \
 *     -Dvariants=default,cls=true,beam=1,margin=0.3+unclip=1.6 io.montage.models.vision.ocr.OcrSettingsSweep
 * </pre>
 *
 * {@code -Dvariants}: comma-separated, each the defaults changed by {@code +}-joined steps: {@code cls=true|false},
 * {@code beam=N}, {@code margin=F}, {@code drop=F}, {@code max=N} / {@code min=N} (detector limit side and type),
 * {@code thresh=F}, {@code box=F}, {@code unclip=F}. {@code -Dverbose} prints each image's misses, {@code -Dlines} each
 * line's confidence and box with them, {@code -Ddump=DIR} writes the degraded images there as PNG.
 */
public final class OcrSettingsSweep {

    private OcrSettingsSweep() {}

    public static void main(String[] args) throws Exception {
        ModelFiles files = NpmHostedModels.pull(PaddleOcr.MODEL_ID).orElseThrow();
        long seed = Long.parseLong(System.getProperty("seed", String.valueOf(DegradedTextSet.SEED)));
        List<DegradedTextSet.Sample> hard = DegradedTextSet.generate(seed);
        if (System.getProperty("dump") != null) {
            File directory = new File(System.getProperty("dump"));
            directory.mkdirs();
            for (var s : hard) {
                ImageIO.write(s.image(), "png", new File(directory, s.name() + ".png"));
            }
        }
        List<RenderedText> existing = System.getProperty("rendered") != null ? RenderedTextSet.generate() : List.of();
        Map<String, OcrSettings> variants = new LinkedHashMap<>();
        OcrSettings d = OcrSettings.paddleDefaults();
        String which = System.getProperty("variants", "default");
        for (String v : which.split(",")) {
            variants.put(v, variant(d, v));
        }
        boolean verbose = System.getProperty("verbose") != null;
        for (var e : variants.entrySet()) {
            try (PaddleOcr ocr =
                    PaddleOcr.builder().files(files).settings(e.getValue()).build()) {
                CharacterAccuracy total = CharacterAccuracy.NONE;
                long recognitionNanos = 0;
                long start = System.nanoTime();
                for (var s : hard) {
                    ImageText r = ocr.read(s.image());
                    recognitionNanos += r.timings().recognizeNanos();
                    CharacterAccuracy a = CharacterAccuracy.of(s.reference(), r.fullText());
                    total = total.plus(a);
                    if (verbose && a.distance() > 0) {
                        System.out.printf(
                                "  %s [%s] %d edits%n    expected %s%n    read     %s%n",
                                s.name(),
                                s.recipe(),
                                a.distance(),
                                s.reference().replace("\n", " / "),
                                r.fullText().replace("\n", " / "));
                        if (System.getProperty("lines") != null) {
                            for (TextLine l : r.lines()) {
                                System.out.printf("      %.3f %s %s%n", l.confidence(), l.text(), l.box());
                            }
                        }
                    }
                }
                CharacterAccuracy ex = CharacterAccuracy.NONE;
                for (var s : existing) {
                    ex = ex.plus(CharacterAccuracy.of(
                            s.reference(), ocr.read(s.image()).fullText()));
                }
                System.out.printf(
                        "time for the degraded set %d ms, of it recognition %d ms%n",
                        (System.nanoTime() - start) / 1_000_000, recognitionNanos / 1_000_000);
                System.out.printf(
                        "%-30s degraded %.2f%% (%d/%d)%s%n",
                        e.getKey(),
                        100 * total.accuracy(),
                        total.distance(),
                        total.referenceLength(),
                        existing.isEmpty()
                                ? ""
                                : String.format(
                                        "  rendered %.2f%% (%d/%d)",
                                        100 * ex.accuracy(), ex.distance(), ex.referenceLength()));
            }
        }
    }

    static OcrSettings variant(OcrSettings d, String v) {
        OcrSettings s = d;
        for (String part : v.split("\\+")) {
            String[] kv = part.split("=");
            DbSettings db = s.db();
            switch (kv[0]) {
                case "default" -> {}
                case "cls" -> s = s.withAngleClassifier(Boolean.parseBoolean(kv[1]));
                case "beam" -> s = s.withBeamWidth(Integer.parseInt(kv[1]));
                case "margin" -> s = s.withCropMargin(Double.parseDouble(kv[1]));
                case "drop" -> s = s.withDropScore(Double.parseDouble(kv[1]));
                case "max" ->
                    s = new OcrSettings(
                            db,
                            Integer.parseInt(kv[1]),
                            DetectionLimitType.MAX,
                            s.useAngleClassifier(),
                            s.angleThreshold(),
                            6,
                            6,
                            s.dropScore(),
                            s.cropMargin(),
                            s.beamWidth());
                case "min" ->
                    s = new OcrSettings(
                            db,
                            Integer.parseInt(kv[1]),
                            DetectionLimitType.MIN,
                            s.useAngleClassifier(),
                            s.angleThreshold(),
                            6,
                            6,
                            s.dropScore(),
                            s.cropMargin(),
                            s.beamWidth());
                case "box" ->
                    s = withDb(
                            s,
                            new DbSettings(
                                    db.threshold(),
                                    Double.parseDouble(kv[1]),
                                    db.unclipRatio(),
                                    db.maxCandidates(),
                                    db.minSize()));
                case "thresh" ->
                    s = withDb(
                            s,
                            new DbSettings(
                                    Double.parseDouble(kv[1]),
                                    db.boxThreshold(),
                                    db.unclipRatio(),
                                    db.maxCandidates(),
                                    db.minSize()));
                case "unclip" ->
                    s = withDb(
                            s,
                            new DbSettings(
                                    db.threshold(),
                                    db.boxThreshold(),
                                    Double.parseDouble(kv[1]),
                                    db.maxCandidates(),
                                    db.minSize()));
                default -> throw new IllegalArgumentException(part);
            }
        }
        return s;
    }

    static OcrSettings withDb(OcrSettings s, DbSettings db) {
        return new OcrSettings(
                db,
                s.limitSideLen(),
                s.limitType(),
                s.useAngleClassifier(),
                s.angleThreshold(),
                6,
                6,
                s.dropScore(),
                s.cropMargin(),
                s.beamWidth());
    }
}
