package io.montage.topology.models;

/** Whether a stage runs in this instance, and if not, why: shown at start and on /ready. */
public record StageStatus(String stage, boolean on, String detail) {

    public String describe() {
        return stage + "=" + (on ? "on" : "off") + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
