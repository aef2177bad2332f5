package io.montage.models.vision.caption;

import io.montage.models.catalog.ModelFile;
import io.montage.models.catalog.ModelSpec;
import java.util.List;

/** Which file of a catalog entry plays which part (an export ships fp32, fp16, quantised… variants of each). */
final class ExportFiles {

    private ExportFiles() {}

    /** The one .onnx file whose name starts with {@code prefix} ({@code encoder_model_quantized.onnx}…). */
    static String onnx(ModelSpec spec, String prefix) {
        List<String> matches = spec.files().stream()
                .map(ModelFile::name)
                .filter(n -> n.startsWith(prefix) && n.endsWith(".onnx"))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("model '" + spec.id() + "' must list exactly one " + prefix
                    + "*.onnx file in the" + " catalog, it lists " + matches + " (files: "
                    + spec.files().stream().map(ModelFile::name).toList() + ")");
        }
        return matches.get(0);
    }
}
