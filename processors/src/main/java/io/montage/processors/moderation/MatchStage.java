package io.montage.processors.moderation;

import io.montage.models.vision.hash.PdqHash;
import io.montage.models.vision.hash.PdqResult;
import io.montage.processors.stage.InputContext;
import io.montage.processors.stage.StageRejection;
import io.montage.schemas.avro.Embedding;
import io.montage.schemas.avro.FrameRef;
import io.montage.schemas.avro.Match;
import io.montage.schemas.avro.MatchedScene;
import io.montage.schemas.avro.Modality;
import io.montage.schemas.avro.ModelRef;
import io.montage.schemas.avro.ProbeResult;
import io.montage.schemas.avro.SceneDescription;
import java.util.List;

/**
 * Matches uploads against the moderation reference lists: the PDQ hash of every picture the probe
 * passed (images, video frames, a video's first frame), the keyframe of every scene of a clip or
 * live stream, and every image or text embedding. One {@link Match} per entry within the
 * thresholds; an upload that matches nothing has no record.
 */
public final class MatchStage {

    /** The matches of one input, possibly none. */
    public record Matches(List<Match> matches) {}

    /** What every task's match stage shares: the thresholds and the keyframe hashing; each task reads its own lists. */
    public record Shared(ReferenceMatcher matcher, KeyframePdq keyframes) {}

    private final ReferenceMatcher matcher;
    private final KeyframePdq keyframes;
    private final ReferenceLists lists;

    public MatchStage(ReferenceMatcher matcher, KeyframePdq keyframes, ReferenceLists lists) {
        this.matcher = matcher;
        this.keyframes = keyframes;
        this.lists = lists;
    }

    /** Probe results with a PDQ hash: every picture; audio has none. */
    public static boolean hasPdqHash(ProbeResult probe) {
        return probe.getPdqHash() != null;
    }

    /** Image and text embeddings with a model named (reference vectors are compared per model). */
    public static boolean isComparable(Embedding embedding) {
        return (embedding.getModality() == Modality.IMAGE || embedding.getModality() == Modality.TEXT)
                && !embedding.getVector().isEmpty()
                && embedding.getModel() != null;
    }

    /**
     * A hash without a quality (a producer other than Montage's probe) is matched: its quality is
     * unknown, not low. Below the quality floor nothing is compared and nothing is written.
     */
    public Matches probe(ProbeResult probe, InputContext context) {
        Integer quality = probe.getPdqQuality();
        int known = quality == null ? 100 : quality;
        List<ReferenceMatch> found = matcher.match(
                new MatchQuery.Hash(PdqHash.fromBytes(probe.getPdqHash().bytes()), known), lists);
        return new Matches(found.stream()
                .map(m -> match(probe.getEventId(), context, m, quality, probe.getFrame(), null, null))
                .toList());
    }

    /**
     * A scene's keyframe, hashed here as the probe hashes pictures: a clip's probe result carries
     * only its first frame's hash, so its later scenes are matched through their keyframes. The
     * match names the scene, its span and the keyframe's frame.
     *
     * @throws StageRejection where the keyframe does not decode
     */
    public Matches scene(SceneDescription scene, InputContext context) throws StageRejection {
        PdqResult pdq = keyframes.of(scene);
        List<ReferenceMatch> found = matcher.match(new MatchQuery.Hash(pdq.hash(), pdq.quality()), lists);
        MatchedScene matched = MatchedScene.newBuilder()
                .setStreamId(scene.getStreamId())
                .setSceneIndex(scene.getSceneIndex())
                .setStartPtsMicros(scene.getStartPtsMicros())
                .setEndPtsMicros(scene.getEndPtsMicros())
                .build();
        return new Matches(found.stream()
                .map(m -> match(scene.getEventId(), context, m, pdq.quality(), scene.getKeyframeFrame(), null, matched))
                .toList());
    }

    public Matches embedding(Embedding embedding, InputContext context) {
        List<Float> values = embedding.getVector();
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        ModelRef model = embedding.getModel();
        List<ReferenceMatch> found = matcher.match(
                new MatchQuery.Vector(new CosineVector(vector), embedding.getModality(), model.getId()), lists);
        return new Matches(found.stream()
                .map(m -> match(embedding.getEventId(), context, m, null, embedding.getFrame(), model, null))
                .toList());
    }

    private static Match match(
            String eventId,
            InputContext context,
            ReferenceMatch found,
            Integer quality,
            FrameRef frame,
            ModelRef model,
            MatchedScene scene) {
        return Match.newBuilder()
                .setEventId(eventId)
                .setInput(context.inputRef())
                .setList(found.reference().list())
                .setReferenceId(found.reference().referenceId())
                .setSignal(found.signal())
                .setDistance(found.distance())
                .setThreshold(found.threshold())
                .setPdqQuality(quality)
                .setFrame(frame)
                .setModel(model)
                .setScene(scene)
                .setTimings(context.finishedTimings())
                .build();
    }
}
