package io.montage.processors.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.montage.models.vision.hash.PdqHash;
import io.montage.schemas.avro.MatchSignal;
import io.montage.schemas.avro.Modality;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReferenceMatcherTest {

    private static final PdqHash BASE =
            PdqHash.fromHex("f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22");
    private static final String CLIP = "clip-vit-base-patch32";

    private final ReferenceMatcher matcher = new ReferenceMatcher(MatchThresholds.defaults());

    @Test
    void aHashMatchesAtMetasThresholdOf31BitsAndNotBeyond() {
        List<Reference> lists = List.of(
                hashEntry("known-bad", "at-31", flipped(BASE, 31), null),
                hashEntry("known-bad", "at-32", flipped(BASE, 32), null),
                hashEntry("known-spam", "same", BASE, null));

        List<ReferenceMatch> matches = matcher.match(new MatchQuery.Hash(BASE, 90), lists::forEach);

        assertThat(matches)
                .extracting(m -> m.reference().referenceId(), ReferenceMatch::distance, ReferenceMatch::threshold)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("same", 0.0, 31.0),
                        org.assertj.core.groups.Tuple.tuple("at-31", 31.0, 31.0));
        assertThat(matches).extracting(ReferenceMatch::signal).containsOnly(MatchSignal.PDQ_HASH);
    }

    @Test
    void aWiderThresholdIsTheOneUsedAndReported() {
        ReferenceMatcher wide = new ReferenceMatcher(new MatchThresholds(93, 50, 0.05));
        List<Reference> lists = List.of(hashEntry("known-bad", "far", flipped(BASE, 93), null));

        assertThat(wide.match(new MatchQuery.Hash(BASE, 90), lists::forEach))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.distance()).isEqualTo(93.0);
                    assertThat(m.threshold()).isEqualTo(93.0);
                });
        assertThat(matcher.match(new MatchQuery.Hash(BASE, 90), lists::forEach)).isEmpty();
    }

    @Test
    void aTurnedCopyMatchesAnEntryThatListsTheTurnsAtItsNearestHash() {
        PdqHash mirrored = flipped(BASE, 120);
        Reference turns = new Reference(
                "known-bad",
                "with-turns",
                List.of(BASE, flipped(BASE, 60), flipped(mirrored, 9)),
                OptionalInt.empty(),
                Optional.empty());
        Reference original = hashEntry("known-bad", "original-only", BASE, null);

        assertThat(matcher.match(new MatchQuery.Hash(mirrored, 90), List.of(turns, original)::forEach))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.reference().referenceId()).isEqualTo("with-turns");
                    assertThat(m.distance()).isEqualTo(9.0);
                });
    }

    @Test
    void aLowQualityUploadHashIsNotMatchedAtAll() {
        List<Reference> lists = List.of(hashEntry("known-bad", "same", BASE, null));

        assertThat(matcher.match(new MatchQuery.Hash(BASE, 49), lists::forEach)).isEmpty();
        assertThat(matcher.match(new MatchQuery.Hash(BASE, 50), lists::forEach)).hasSize(1);
    }

    @Test
    void aReferenceOfLowQualityIsSkippedAndOneOfUnknownQualityIsMatched() {
        List<Reference> lists = List.of(
                hashEntry("known-bad", "featureless", BASE, 20),
                hashEntry("known-bad", "from-elsewhere", BASE, null),
                hashEntry("known-bad", "textured", BASE, 80));

        assertThat(matcher.match(new MatchQuery.Hash(BASE, 90), lists::forEach))
                .extracting(m -> m.reference().referenceId())
                .containsExactly("from-elsewhere", "textured");
    }

    @Test
    void aRemovedEntryNoLongerMatches() {
        List<Reference> lists = new ArrayList<>(List.of(hashEntry("known-bad", "x", BASE, null)));
        assertThat(matcher.match(new MatchQuery.Hash(BASE, 90), lists::forEach)).hasSize(1);

        lists.clear();

        assertThat(matcher.match(new MatchQuery.Hash(BASE, 90), lists::forEach)).isEmpty();
    }

    @Test
    void anEmbeddingMatchesByCosineDistanceWithVectorsOfTheSameModelAndModalityOnly() {
        float[] query = {1, 0, 0};
        // cos = 0.96 (distance 0.04) and 0.94 (0.06); the same vector under another model or modality.
        List<Reference> lists = List.of(
                vectorEntry("near", new float[] {0.96f, (float) Math.sqrt(1 - 0.96 * 0.96), 0}, Modality.IMAGE, CLIP),
                vectorEntry(
                        "farther", new float[] {0.94f, (float) Math.sqrt(1 - 0.94 * 0.94), 0}, Modality.IMAGE, CLIP),
                vectorEntry("other-model", query, Modality.IMAGE, "another-clip"),
                vectorEntry("text", query, Modality.TEXT, CLIP),
                vectorEntry("other-dimension", new float[] {1, 0}, Modality.IMAGE, CLIP),
                hashEntry("known-bad", "hash-only", BASE, null));

        List<ReferenceMatch> matches =
                matcher.match(new MatchQuery.Vector(new CosineVector(query), Modality.IMAGE, CLIP), lists::forEach);

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.reference().referenceId()).isEqualTo("near");
            assertThat(m.signal()).isEqualTo(MatchSignal.IMAGE_EMBEDDING);
            assertThat(m.distance()).isCloseTo(0.04, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(m.threshold()).isEqualTo(0.05);
        });
    }

    @Test
    void aTextEmbeddingMatchIsATextSignalAndScaleDoesNotChangeTheDistance() {
        List<Reference> lists = List.of(vectorEntry("phrase", new float[] {0, 5, 0}, Modality.TEXT, "minilm"));

        assertThat(matcher.match(
                        new MatchQuery.Vector(new CosineVector(new float[] {0, 0.2f, 0}), Modality.TEXT, "minilm"),
                        lists::forEach))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.signal()).isEqualTo(MatchSignal.TEXT_EMBEDDING);
                    assertThat(m.distance()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
                });
    }

    @Test
    void aZeroVectorMatchesNothing() {
        List<Reference> lists = List.of(vectorEntry("any", new float[] {0, 0, 0}, Modality.IMAGE, CLIP));

        assertThat(matcher.match(
                        new MatchQuery.Vector(new CosineVector(new float[] {1, 0, 0}), Modality.IMAGE, CLIP),
                        lists::forEach))
                .isEmpty();
        assertThat(matcher.match(
                        new MatchQuery.Vector(new CosineVector(new float[] {0, 0, 0}), Modality.IMAGE, CLIP),
                        lists::forEach))
                .isEmpty();
    }

    @Test
    void thresholdsOutsideTheirRangeAreRefusedWithTheRange() {
        assertThatThrownBy(() -> new MatchThresholds(257, 50, 0.05)).hasMessageContaining("0..256");
        assertThatThrownBy(() -> new MatchThresholds(31, 101, 0.05)).hasMessageContaining("0..100");
        assertThatThrownBy(() -> new MatchThresholds(31, 50, Double.NaN)).hasMessageContaining("0..2");
    }

    private static Reference hashEntry(String list, String id, PdqHash hash, Integer quality) {
        return new Reference(
                list,
                id,
                List.of(hash),
                quality == null ? OptionalInt.empty() : OptionalInt.of(quality),
                Optional.empty());
    }

    private static Reference vectorEntry(String id, float[] vector, Modality modality, String model) {
        return new Reference(
                "known-bad",
                id,
                List.of(),
                OptionalInt.empty(),
                Optional.of(new ReferenceEmbedding(new CosineVector(vector), modality, model)));
    }

    /** {@code hash} with its lowest {@code bits} bits inverted: exactly that Hamming distance away. */
    private static PdqHash flipped(PdqHash hash, int bits) {
        BigInteger value = new BigInteger(hash.toHex(), 16)
                .xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
        String hex = value.toString(16);
        return PdqHash.fromHex("0".repeat(64 - hex.length()) + hex);
    }
}
