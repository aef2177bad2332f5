package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * A chain of MPEG audio frames reads back as the audio its headers declare and ends where its
 * last frame does; cut inside a frame it ends at the frame before and still reaches the end (a
 * torn last frame, which decoders drop); with foreign bytes after it, it reaches the end only
 * when they are fewer than a frame.
 */
class MpegAudioFramesProperties {

    @Property(tries = 300)
    void aChainReadsBackAsTheAudioItsHeadersDeclare(@ForAll("chains") BuiltMpegAudio chain) {
        int last = chain.frames().size() - 1;

        assertThat(MpegAudioFrames.read(chain.bytes()))
                .contains(
                        new MpegAudioFrames(chain.durationMicros(last + 1), chain.size(), 0, chain.frameLength(last)));
    }

    @Property(tries = 300)
    void aChainBehindAnId3v2TagIsReadFromTheTagsEnd(
            @ForAll("chains") BuiltMpegAudio chain, @ForAll @IntRange(max = 2000) int tagBytes) {
        byte[] tag = new BuiltId3Tag(4, false, tagBytes, tagBytes).bytes();
        byte[] file = UploadBytes.concat(tag, chain.bytes());

        assertThat(MpegAudioFrames.read(file)).hasValueSatisfying(frames -> {
            assertThat(frames.durationMicros())
                    .isEqualTo(chain.durationMicros(chain.frames().size()));
            assertThat(frames.audioEnd()).isEqualTo(file.length);
        });
    }

    @Property(tries = 500)
    void aChainCutInsideAFrameEndsAtTheFrameBeforeAndStillReachesTheEnd(
            @ForAll("chains") BuiltMpegAudio chain,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double at) {
        // Past the second frame's header: one frame alone is no chain.
        long from = chain.frameStart(1) + 4;
        int length = (int) (from + at * (chain.size() - from));
        int whole = chain.wholeFramesIn(length);
        long audioEnd = chain.frameStart(whole);

        assertThat(MpegAudioFrames.read(Arrays.copyOf(chain.bytes(), length))).hasValueSatisfying(frames -> {
            assertThat(frames.durationMicros()).isEqualTo(chain.durationMicros(whole));
            assertThat(frames.audioEnd()).isEqualTo(audioEnd);
            assertThat(frames.trailingBytes()).isEqualTo(length - audioEnd);
            assertThat(frames.reachesEnd())
                    .as("a torn last frame is not data after the audio")
                    .isTrue();
        });
    }

    @Property(tries = 300)
    void foreignBytesAfterTheChainReachTheEndOnlyWhenFewerThanAFrame(
            @ForAll("chains") BuiltMpegAudio chain, @ForAll @IntRange(min = 1, max = 3000) int appended) {
        // Zeros hold no frame sync, and no ID3v1 or APE tag.
        byte[] file = UploadBytes.concat(chain.bytes(), new byte[appended]);
        int lastFrame = chain.frameLength(chain.frames().size() - 1);

        assertThat(MpegAudioFrames.read(file)).hasValueSatisfying(frames -> {
            assertThat(frames.audioEnd()).isEqualTo(chain.size());
            assertThat(frames.trailingBytes()).isEqualTo(appended);
            assertThat(frames.reachesEnd()).isEqualTo(appended < lastFrame);
        });
    }

    @Provide
    Arbitrary<BuiltMpegAudio> chains() {
        return BuiltMpegAudio.chains();
    }
}
