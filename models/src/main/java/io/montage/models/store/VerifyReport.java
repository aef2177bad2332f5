package io.montage.models.store;

import java.util.List;
import java.util.stream.Collectors;

/** Result of re-hashing every cached file of one model. */
public record VerifyReport(String modelId, List<FileCheck> files) {

    public VerifyReport {
        files = List.copyOf(files);
    }

    /** True when every file is present and matches its pin (unpinned files do not count as verified). */
    public boolean verified() {
        return files.stream().allMatch(f -> f.state() == FileCheck.State.OK);
    }

    /** True when every file is present and not corrupt (unpinned files are usable but unverified). */
    public boolean usable() {
        return files.stream().allMatch(FileCheck::usable);
    }

    public String describe() {
        return "model '" + modelId + "':\n"
                + files.stream().map(f -> "  " + f.describe()).collect(Collectors.joining("\n"))
                + (usable() ? "" : "\n  Fetch it with: montage models pull " + modelId)
                + (files.stream().anyMatch(f -> f.state() == FileCheck.State.CHANGED)
                        ? "\n  If the change is intended, accept it with: montage models pull --relock " + modelId
                        : "");
    }
}
