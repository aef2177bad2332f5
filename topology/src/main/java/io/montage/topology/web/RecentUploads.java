package io.montage.topology.web;

import io.montage.schemas.avro.ProbeResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last uploads the probe accepted, newest last, at most {@code capacity} of them: the wall's
 * memory, bounded because inline media travel with each probe result. Outputs of later stages join
 * their upload; one read before its probe result (the topics' partitions are fetched independently)
 * waits, in a bounded queue of its own, until the probe result comes.
 */
final class RecentUploads {

    private final int capacity;
    private final LinkedHashMap<String, UploadView> uploads = new LinkedHashMap<>();
    private final LinkedHashMap<String, List<Object>> early;

    RecentUploads(int capacity) {
        this.capacity = capacity;
        int earlyCapacity = capacity * 4;
        this.early = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<Object>> eldest) {
                return size() > earlyCapacity;
            }
        };
    }

    /** Adds an accepted upload, with any outputs that came before it; returns its view. */
    synchronized UploadView accept(ProbeResult probe, Instant seenAt) {
        UploadView view = UploadView.of(probe, seenAt);
        for (Object output : early.getOrDefault(probe.getEventId(), List.of())) {
            view = view.with(output);
        }
        early.remove(probe.getEventId());
        uploads.remove(probe.getEventId());
        uploads.put(probe.getEventId(), view);
        while (uploads.size() > capacity) {
            uploads.remove(uploads.keySet().iterator().next());
        }
        return view;
    }

    /** Adds a stage's output to its upload; returns the new view, or empty while its upload is unknown. */
    synchronized Optional<UploadView> add(String eventId, Object output) {
        UploadView view = uploads.get(eventId);
        if (view == null) {
            early.computeIfAbsent(eventId, id -> new ArrayList<>()).add(output);
            return Optional.empty();
        }
        UploadView updated = view.with(output);
        uploads.put(eventId, updated);
        return Optional.of(updated);
    }

    synchronized Optional<UploadView> get(String eventId) {
        return Optional.ofNullable(uploads.get(eventId));
    }

    /** Every upload held, oldest first. */
    synchronized List<UploadView> all() {
        return List.copyOf(uploads.values());
    }
}
