package io.montage.schemas;

/**
 * The size of the largest Kafka record Montage writes or reads. Uploads up to
 * {@code montage.send.inline.max-bytes} travel inside their records, and dead-letters carry part of
 * the original record, so records outgrow Kafka's 1 MB default: topics, the batch buffers'
 * changelogs, the embedded broker, producers and consumers are all sized to this one figure, which
 * must agree everywhere or a record one side writes the other refuses.
 */
public final class RecordLimits {

    /** 16 MiB. */
    public static final int MAX_RECORD_BYTES = 16 << 20;

    private RecordLimits() {}
}
