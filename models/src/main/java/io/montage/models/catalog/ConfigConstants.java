package io.montage.models.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Holds a model's own config file (preprocessor_config.json, generation_config.json) to the constants Montage's code
 * was written against. A wrong mean, size or token id gives fluent garbage no random-weight test notices, and the
 * catalog follows branches that can be re-uploaded; so a config that says otherwise refuses the model at load. Keys
 * the file does not have are not checked (not every export spells every default out).
 */
public final class ConfigConstants {

    /** float32 constants against JSON doubles: equal to 6 significant digits. */
    private static final double TOLERANCE = 1e-6;

    private ConfigConstants() {}

    /**
     * @param expected key → a number, or an array of numbers
     * @throws IllegalArgumentException naming every key that disagrees, and what to do
     */
    public static void require(String modelId, Path configFile, Map<String, double[]> expected) {
        if (configFile == null || !Files.isRegularFile(configFile)) {
            return;
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(configFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "model '" + modelId + "': cannot read " + configFile + ": " + e.getMessage()
                            + "; fetch it again with: montage models pull " + modelId,
                    e);
        }
        List<String> mismatches = new ArrayList<>();
        expected.forEach((key, values) -> {
            JsonNode node = root.path(key);
            if (!node.isMissingNode() && !node.isNull() && !matches(node, values)) {
                mismatches.add(key + " is " + node + ", Montage is built for " + describe(values));
            }
        });
        if (!mismatches.isEmpty()) {
            throw new IllegalArgumentException(
                    "model '" + modelId + "': " + configFile.getFileName() + " disagrees with the "
                            + "constants Montage runs it with (" + String.join("; ", mismatches)
                            + "): the files are another export or"
                            + " were re-uploaded; pull the model again, or give it its own catalog entry and preprocessing");
        }
    }

    private static boolean matches(JsonNode node, double[] values) {
        if (node.isNumber()) {
            return values.length == 1
                    && Math.abs(node.asDouble() - values[0]) <= TOLERANCE * Math.max(1, Math.abs(values[0]));
        }
        if (!node.isArray() || node.size() != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()
                    || Math.abs(node.get(i).asDouble() - values[i]) > TOLERANCE * Math.max(1, Math.abs(values[i]))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(double[] values) {
        if (values.length == 1) {
            return values[0] == Math.rint(values[0]) ? String.valueOf((long) values[0]) : String.valueOf(values[0]);
        }
        return java.util.Arrays.toString(values);
    }

    public static double[] of(double... values) {
        return values.clone();
    }

    public static double[] of(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
