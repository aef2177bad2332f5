package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An animated WebP: a VP8X header with the animation flag, an ANIM chunk and one ANMF chunk per
 * frame. FFmpeg 8.1's webp decoder reads still pictures only (an animation fails with "image data
 * not found"), so the first frame's bitstream is lifted out into a still WebP that it does decode;
 * {@link FirstPicture} then places it on the canvas. That gives the same first picture the gif
 * demuxer gives for an animated GIF.
 *
 * @param canvasWidth     width of the animation's canvas, from VP8X
 * @param canvasHeight    height of the animation's canvas, from VP8X
 * @param backgroundRgb   ANIM's background colour as 0xRRGGBB, what the canvas shows outside a frame
 * @param firstFrame      where the first frame lies on the canvas
 * @param firstFrameStill the first frame as a still WebP file
 */
record AnimatedWebp(
        int canvasWidth, int canvasHeight, int backgroundRgb, Placement firstFrame, byte[] firstFrameStill) {

    private static final int ANIMATION_FLAG = 0x02;
    // ANMF payload: X/2, Y/2, width-1, height-1, duration (24 bits each), flags (8 bits), then the frame's chunks.
    private static final int ANMF_HEADER_BYTES = 16;

    /** A rectangle on the canvas, in pixels. */
    record Placement(int x, int y, int width, int height) {

        boolean covers(int canvasWidth, int canvasHeight) {
            return x == 0 && y == 0 && width == canvasWidth && height == canvasHeight;
        }
    }

    /**
     * The animation in an upload; empty for anything that is not an animated WebP. The caller has
     * screened the upload, so the RIFF size fits the data and the canvas is within the pixel limit.
     */
    static Optional<AnimatedWebp> read(byte[] data) throws MediaRejectedException {
        if (data.length < 30
                || !ascii(data, 0).equals("RIFF")
                || !ascii(data, 8).equals("WEBP")
                || !ascii(data, 12).equals("VP8X")
                || (data[20] & ANIMATION_FLAG) == 0) {
            return Optional.empty();
        }
        int canvasWidth = u24le(data, 24) + 1;
        int canvasHeight = u24le(data, 27) + 1;
        int end = (int) Math.min(data.length, 8 + u32le(data, 4));
        int backgroundRgb = 0xFFFFFF;
        for (Chunk chunk : Chunk.within(data, 12, end)) {
            if (chunk.is("ANIM") && chunk.size() >= 4) {
                // Stored in blue, green, red, alpha order; the BGR picture has no alpha to honour.
                backgroundRgb = u8(data, chunk.payload() + 2) << 16
                        | u8(data, chunk.payload() + 1) << 8
                        | u8(data, chunk.payload());
            } else if (chunk.is("ANMF")) {
                return Optional.of(firstFrame(data, chunk, canvasWidth, canvasHeight, backgroundRgb));
            }
        }
        throw new MediaRejectedException(
                CORRUPT,
                "the WebP's header marks it as an animation, but it holds no frame "
                        + "(ANMF chunk): the file is damaged; re-export it");
    }

    private static AnimatedWebp firstFrame(byte[] data, Chunk anmf, int canvasWidth, int canvasHeight, int background)
            throws MediaRejectedException {
        if (anmf.size() < ANMF_HEADER_BYTES) {
            throw damaged("its first frame's header (ANMF) is " + anmf.size() + " bytes, shorter than the 16 it needs");
        }
        int at = anmf.payload();
        Placement placement = new Placement(
                2 * u24le(data, at), 2 * u24le(data, at + 3), u24le(data, at + 6) + 1, u24le(data, at + 9) + 1);
        if ((long) placement.x() + placement.width() > canvasWidth
                || (long) placement.y() + placement.height() > canvasHeight) {
            throw damaged(String.format(
                    Locale.ROOT,
                    "its first frame (%d×%d at %d,%d) lies outside its %d×%d canvas",
                    placement.width(),
                    placement.height(),
                    placement.x(),
                    placement.y(),
                    canvasWidth,
                    canvasHeight));
        }
        // An ALPH chunk before a VP8 one is left behind: the picture is decoded to BGR, which has
        // no alpha, exactly as a still WebP with alpha is.
        for (Chunk chunk : Chunk.within(data, at + ANMF_HEADER_BYTES, anmf.end())) {
            if (chunk.is("VP8 ") || chunk.is("VP8L")) {
                byte[] still = still(data, chunk);
                checkBitstreamSize(still, placement);
                return new AnimatedWebp(canvasWidth, canvasHeight, background, placement, still);
            }
        }
        throw damaged("its first frame holds no picture data (VP8 or VP8L chunk)");
    }

    /**
     * The bitstream's own dimensions are what the decoder allocates; they must be the frame's, or
     * a small canvas could carry a frame far over the pixel limit.
     */
    private static void checkBitstreamSize(byte[] still, Placement placement) throws MediaRejectedException {
        ImageHeader header = ImageHeaderReader.read(still)
                .orElseThrow(() -> damaged("its first frame's picture data is too short to hold a header"));
        if (header.width() != placement.width() || header.height() != placement.height()) {
            throw damaged(String.format(
                    Locale.ROOT,
                    "its first frame is declared %d×%d, but its picture data is %d×%d",
                    placement.width(),
                    placement.height(),
                    header.width(),
                    header.height()));
        }
    }

    /** A still WebP in the simple format: the RIFF header and one VP8 or VP8L chunk. */
    private static byte[] still(byte[] data, Chunk bitstream) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        bitstream.copyTo(data, body);
        ByteBuffer riff = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
        ByteArrayOutputStream file = new ByteArrayOutputStream(8 + body.size());
        file.writeBytes(riff.array());
        file.writeBytes(body.toByteArray());
        return file.toByteArray();
    }

    private static MediaRejectedException damaged(String what) {
        return new MediaRejectedException(CORRUPT, "the animated WebP is damaged: " + what + "; re-export it");
    }

    /** A RIFF chunk of the upload: four-character id, then a little-endian payload size, then the payload. */
    private record Chunk(String id, int start, long size) {

        /** The chunks between two offsets; a chunk whose payload runs past {@code end} rejects. */
        static List<Chunk> within(byte[] data, int from, int end) throws MediaRejectedException {
            List<Chunk> chunks = new ArrayList<>();
            long pos = from;
            while (pos + 8 <= end) {
                Chunk chunk = new Chunk(ascii(data, (int) pos), (int) pos, u32le(data, (int) pos + 4));
                if (chunk.payload() + chunk.size() > end) {
                    throw damaged(String.format(
                            Locale.ROOT,
                            "its %s chunk at byte %d declares %d bytes, more than "
                                    + "there are before the end of the data around it",
                            chunk.id().strip(),
                            pos,
                            chunk.size()));
                }
                chunks.add(chunk);
                pos = chunk.payload() + chunk.size() + (chunk.size() & 1); // payloads are padded to an even size
            }
            return chunks;
        }

        boolean is(String fourCc) {
            return id.equals(fourCc);
        }

        int payload() {
            return start + 8;
        }

        int end() {
            return (int) (payload() + size);
        }

        /** Writes the whole chunk, padded to an even size as a RIFF file requires. */
        void copyTo(byte[] data, ByteArrayOutputStream out) {
            out.write(data, start, 8 + (int) size);
            if ((size & 1) == 1) {
                out.write(0);
            }
        }
    }

    private static String ascii(byte[] data, int offset) {
        return new String(Arrays.copyOfRange(data, offset, offset + 4), StandardCharsets.US_ASCII);
    }

    private static int u8(byte[] data, int offset) {
        return data[offset] & 0xFF;
    }

    private static int u24le(byte[] data, int offset) {
        return u8(data, offset) | u8(data, offset + 1) << 8 | u8(data, offset + 2) << 16;
    }

    private static long u32le(byte[] data, int offset) {
        return u24le(data, offset) | (long) u8(data, offset + 3) << 24;
    }
}
