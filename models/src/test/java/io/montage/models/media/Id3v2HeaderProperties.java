package io.montage.models.media;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * An ID3v2 header reads back as the end its size (and footer flag) declare, whatever size its
 * 28 bits hold; the screen rejects a tag the upload ends inside of as truncated, and only that.
 */
class Id3v2HeaderProperties {

    @Property(tries = 300)
    void aTagReadsBackAsTheEndItDeclares(@ForAll("tags") BuiltId3Tag tag) {
        assertThat(Id3v2Header.read(tag.bytes())).contains(new Id3v2Header(tag.end()));
    }

    @Property(tries = 300)
    void theScreenRejectsATagAsTruncatedExactlyWhenTheUploadEndsInsideIt(@ForAll("tags") BuiltId3Tag tag) {
        try {
            new UploadScreen(MediaLimits.defaults()).checkBeforeParsing(tag.bytes());
            assertThat(tag.isCut()).as("passed though it ends inside its tag").isFalse();
        } catch (MediaRejectedException e) {
            assertThat(tag.isCut())
                    .as("rejected though whole: %s", e.getMessage())
                    .isTrue();
            assertThat(e.reason()).isEqualTo(MediaRejectedException.Reason.TRUNCATED);
            assertThat(e.getMessage())
                    .contains("ID3v2 tag of " + ReadableUnits.bytes(tag.end()))
                    .contains("ends after " + ReadableUnits.bytes(tag.bytes().length));
        }
    }

    @Property(tries = 200)
    void aSizeByteWithItsHighBitSetIsNoId3v2Header(
            @ForAll("tags") BuiltId3Tag tag, @ForAll @IntRange(min = 6, max = 9) int which) {
        byte[] bytes = tag.bytes();
        bytes[which] |= (byte) 0x80;

        assertThat(Id3v2Header.read(bytes)).isEmpty();
    }

    @Provide
    Arbitrary<BuiltId3Tag> tags() {
        return BuiltId3Tag.tags();
    }
}
