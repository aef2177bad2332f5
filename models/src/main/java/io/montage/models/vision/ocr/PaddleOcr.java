package io.montage.models.vision.ocr;

import io.montage.models.runtime.ModelRuntime;
import io.montage.models.runtime.OwnedResources;
import io.montage.models.runtime.RuntimeSettings;
import io.montage.models.store.ModelFiles;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PaddleOCR's PP-OCR system (tools/infer/predict_system.py TextSystem) on ONNX Runtime: DB detection,
 * reading-order sort, perspective crops, optional 0°/180° classification, CTC recognition, and lines below
 * the drop score removed. Works on the catalog's {@value #MODEL_ID} files.
 *
 * <p>One deliberate departure: the recogniser's crop reaches {@link OcrSettings#cropMargin()} past the detected box
 * above and below the text (PaddleOCR cuts exactly the box), because PP-OCRv4's recogniser drops most spaces between
 * words on crops whose ink touches the edges; see {@link OcrSettings#DEFAULT_CROP_MARGIN}. Lines still report the
 * detected box.
 */
public final class PaddleOcr implements ImageTextReader {

    public static final String MODEL_ID = "pp-ocrv4";
    static final String DETECTOR_FILE = "ch_PP-OCRv4_det_infer.onnx";
    static final String RECOGNIZER_FILE = "ch_PP-OCRv4_rec_infer.onnx";
    static final String CLASSIFIER_FILE = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    static final String CHARACTERS_FILE = "ppocr_keys_v1.txt";

    private final String modelId;
    private final OcrSettings settings;
    private final PaddleDbDetector detector;
    private final PaddleAngleClassifier classifier;
    private final PaddleCtcRecognizer recognizer;
    private final OwnedResources resources;

    private PaddleOcr(Builder b) {
        this.modelId = b.files.spec().id();
        this.settings = b.settings;
        CharacterDictionary dictionary = CharacterDictionary.read(b.files.path(CHARACTERS_FILE));
        try (OwnedResources opening = new OwnedResources("OCR model '" + modelId + "'")) {
            this.detector = opening.add(new PaddleDbDetector(
                    ImageModelCall.open(
                            b.runtime, modelId, b.files.path(DETECTOR_FILE), "det", new long[] {1, 3, 480, 640}),
                    settings));
            this.classifier = opening.add(
                    settings.useAngleClassifier()
                            ? new PaddleAngleClassifier(
                                    ImageModelCall.open(
                                            b.runtime, modelId, b.files.path(CLASSIFIER_FILE), "cls", new long[] {
                                                settings.classifierBatchSize(),
                                                3,
                                                PaddleAngleClassifier.HEIGHT,
                                                PaddleAngleClassifier.WIDTH
                                            }),
                                    settings.angleThreshold(),
                                    settings.classifierBatchSize())
                            : null);
            this.recognizer = opening.add(new PaddleCtcRecognizer(
                    ImageModelCall.open(b.runtime, modelId, b.files.path(RECOGNIZER_FILE), "rec", new long[] {
                        settings.recognizerBatchSize(), 3, PaddleCtcRecognizer.HEIGHT, 320
                    }),
                    dictionary,
                    settings.recognizerBatchSize(),
                    settings.beamWidth()));
            this.resources = opening.handOver();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ImageText read(BufferedImage image) {
        return read(BgrImage.of(image));
    }

    public ImageText read(BgrImage image) {
        long start = System.nanoTime();
        List<TextBox> boxes = ReadingOrder.sort(detector.detect(image), TextBox::topLeft);
        long detected = System.nanoTime();
        if (boxes.isEmpty()) {
            return new ImageText(List.of(), new OcrTimings(detected - start, 0, 0));
        }
        List<BgrImage> crops = boxes.stream()
                .map(box ->
                        PerspectiveCrop.crop(image, PerspectiveCrop.withMargin(box.corners(), settings.cropMargin())))
                .toList();
        if (classifier != null) {
            crops = classifier.upright(crops);
        }
        long classified = System.nanoTime();
        List<RecognizedText> texts = recognizer.recognize(crops);
        long recognized = System.nanoTime();
        var lines = new ArrayList<TextLine>();
        for (int i = 0; i < boxes.size(); i++) {
            RecognizedText text = texts.get(i);
            if (text.confidence() >= settings.dropScore()) {
                lines.add(new TextLine(
                        text.text(), text.confidence(), boxes.get(i).corners()));
            }
        }
        return new ImageText(lines, new OcrTimings(detected - start, classified - detected, recognized - classified));
    }

    public TextDetector detector() {
        return detector;
    }

    public TextRecognizer recognizer() {
        return recognizer;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public void close() {
        resources.close();
    }

    public static final class Builder {
        private ModelFiles files;
        private ModelRuntime runtime;
        private OcrSettings settings = OcrSettings.paddleDefaults();

        /** The {@value #MODEL_ID} files, from {@code ModelStore.pull(PaddleOcr.MODEL_ID)} or {@code resolve}. */
        public Builder files(ModelFiles files) {
            this.files = files;
            return this;
        }

        public Builder runtime(ModelRuntime runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder settings(OcrSettings settings) {
            this.settings = Objects.requireNonNull(settings);
            return this;
        }

        public PaddleOcr build() {
            Objects.requireNonNull(
                    files, "files(ModelFiles) is required: get them from ModelStore.pull(\"" + MODEL_ID + "\")");
            if (runtime == null) {
                runtime = new ModelRuntime(RuntimeSettings.cpu());
            }
            return new PaddleOcr(this);
        }
    }
}
