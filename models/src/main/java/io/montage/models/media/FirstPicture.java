package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** Decodes the first picture of an opened image or video, or of an animated WebP, into a {@code TYPE_3BYTE_BGR} image. */
final class FirstPicture {

    private FirstPicture() {}

    /**
     * The animation's first frame on its canvas. A frame may cover only part of the canvas (libwebp
     * crops a first frame's transparent border); the rest shows the background colour the file
     * names, the colour it asks a player to clear the canvas to.
     */
    static BufferedImage decode(AnimatedWebp animation) throws MediaRejectedException {
        BufferedImage frame;
        try (OpenedMedia still = OpenedMedia.open(animation.firstFrameStill(), false)) {
            frame = decode(still, ContentKind.IMAGE, "animated WebP");
        }
        AnimatedWebp.Placement at = animation.firstFrame();
        if (at.covers(animation.canvasWidth(), animation.canvasHeight())) {
            return frame;
        }
        BufferedImage canvas =
                new BufferedImage(animation.canvasWidth(), animation.canvasHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new Color(animation.backgroundRgb()));
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.drawImage(frame, at.x(), at.y(), null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /**
     * For a still image any error FFmpeg logs while decoding means damaged pixels (FFmpeg conceals
     * them and returns a picture anyway), so it rejects; a video frame only has to come out.
     */
    static BufferedImage decode(OpenedMedia media, ContentKind kind, String format) throws MediaRejectedException {
        if (kind == ContentKind.IMAGE && media.facts().tiledImage()) {
            throw new MediaRejectedException(
                    UNSUPPORTED,
                    "the " + format
                            + " image is stored as a grid of tiles (as phones write HEIC), which this FFmpeg/JavaCV build decodes only "
                            + "tile by tile; convert it to JPEG or PNG before uploading");
        }
        FFmpegFrameGrabber grabber = media.grabber();
        try {
            // The frame belongs to the grabber and is freed when the grabber closes.
            Frame frame = grabber.grabImage();
            if (frame == null || frame.image == null) {
                throw new MediaRejectedException(
                        CORRUPT,
                        "the " + format + " " + noun(kind)
                                + " has a valid header but no picture could be decoded: the data is damaged; re-export or re-upload it"
                                + FfmpegErrorLog.quoted());
            }
            if (kind == ContentKind.IMAGE && !FfmpegErrorLog.captured().isEmpty()) {
                throw new MediaRejectedException(
                        CORRUPT,
                        "the " + format
                                + " image decodes only with errors, so parts of the picture are damaged; re-export or re-upload it"
                                + FfmpegErrorLog.quoted());
            }
            // The copy leaves the grabber's buffer, so the image outlives the grabber.
            return BgrPicture.copy(frame);
        } catch (FrameGrabber.Exception e) {
            throw new MediaRejectedException(
                    CORRUPT,
                    "decoding the " + format + " " + noun(kind) + " failed (" + e.getMessage()
                            + "); re-export or re-upload it" + FfmpegErrorLog.quoted(),
                    e);
        }
    }

    private static String noun(ContentKind kind) {
        return kind == ContentKind.VIDEO ? "video's first frame" : "image";
    }
}
