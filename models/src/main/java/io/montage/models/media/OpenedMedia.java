package io.montage.models.media;

import static io.montage.models.media.MediaRejectedException.Reason.CORRUPT;
import static io.montage.models.media.MediaRejectedException.Reason.TRUNCATED;
import static io.montage.models.media.MediaRejectedException.Reason.UNRECOGNISED_FORMAT;
import static io.montage.models.media.MediaRejectedException.Reason.UNSUPPORTED;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIndexEntry;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * An upload opened by FFmpeg with its headers parsed: a started {@link FFmpegFrameGrabber} plus
 * the {@link MediaFacts} read from it. Closing it frees every native structure of the grabber.
 */
final class OpenedMedia implements AutoCloseable {

    private static final String SUPPORTED =
            "send an image (JPEG, PNG, WebP, GIF, HEIC), audio (WAV, MP3, OGG/Opus, FLAC, M4A) or an MP4 video";

    private final FFmpegFrameGrabber grabber;
    private final MediaFacts facts;

    private OpenedMedia(FFmpegFrameGrabber grabber, MediaFacts facts) {
        this.grabber = grabber;
        this.facts = facts;
    }

    /**
     * Opens an upload. With {@code floatSamples} the grabber delivers audio as interleaved 32-bit
     * float at the source rate and channel count, which is what {@link MonoResampler} reads.
     * The caller must have called {@link FfmpegErrorLog#startCapture()}.
     */
    static OpenedMedia open(byte[] data, boolean floatSamples) throws MediaRejectedException {
        // Before the grabber class loads: FfmpegNatives loads the libraries it uses, without libavdevice.
        FfmpegNatives.require();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(data));
        try {
            // One decoder thread per probe: the parallelism comes from the stream threads, and a
            // decoder's errors are then logged on the calling thread, where FfmpegErrorLog sees them.
            grabber.setVideoOption("threads", "1");
            grabber.setAudioOption("threads", "1");
            if (floatSamples) {
                grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            }
            // Pictures come out as packed BGR24, the layout BgrPicture copies into a TYPE_3BYTE_BGR image.
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            // startUnsafe: start() would serialise every open in the JVM on one global lock, a
            // workaround for FFmpeg before 4.0, whose codec opening was not thread-safe.
            grabber.startUnsafe(true);
            OpenedMedia opened = new OpenedMedia(grabber, factsOf(grabber));
            checkIndexWithin(grabber.getFormatContext(), data.length);
            return opened;
        } catch (FrameGrabber.Exception e) {
            closeAfterFailure(grabber, e);
            throw rejectionFor(e, data);
        } catch (MediaRejectedException | RuntimeException e) {
            closeAfterFailure(grabber, e);
            throw e;
        }
    }

    FFmpegFrameGrabber grabber() {
        return grabber;
    }

    MediaFacts facts() {
        return facts;
    }

    @Override
    public void close() {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            throw new IllegalStateException("FFmpeg failed to release a grabber: " + e.getMessage(), e);
        }
    }

    private static void closeAfterFailure(FFmpegFrameGrabber grabber, Exception failure) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static MediaFacts factsOf(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        AVStream video = firstRealVideoStream(context);
        String brand = grabber.getMetadata("major_brand");
        int videoFrames = video == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, video.nb_frames()));
        return new MediaFacts(
                grabber.getFormat(),
                brand == null ? "" : brand,
                video == null ? null : grabber.getVideoCodecName(),
                grabber.hasAudio() ? grabber.getAudioCodecName() : null,
                video == null ? 0 : grabber.getImageWidth(),
                video == null ? 0 : grabber.getImageHeight(),
                context.duration() == avutil.AV_NOPTS_VALUE ? -1 : grabber.getLengthInTime(),
                DurationSource.of(context.duration_estimation_method()),
                videoFrames,
                grabber.hasAudio() ? grabber.getSampleRate() : 0,
                grabber.hasAudio() ? grabber.getAudioChannels() : 0,
                context.nb_stream_groups() > 0);
    }

    /** The grabber's video stream unless it is cover art attached to an audio file (ID3 APIC, M4A covr). */
    private static AVStream firstRealVideoStream(AVFormatContext context) {
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return (stream.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0 ? null : stream;
            }
        }
        return null;
    }

    /**
     * An MP4 whose index ("moov") comes first can be cut anywhere after it and still open; its
     * index then points past the end of the data, which is how the cut shows.
     */
    private static void checkIndexWithin(AVFormatContext context, long dataLength) throws MediaRejectedException {
        long indexedEnd = 0;
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream stream = context.streams(i);
            int entries = avformat.avformat_index_get_entries_count(stream);
            if (entries > 0) {
                AVIndexEntry last = avformat.avformat_index_get_entry(stream, entries - 1);
                indexedEnd = Math.max(indexedEnd, last.pos() + last.size());
            }
        }
        if (indexedEnd > dataLength) {
            throw new MediaRejectedException(
                    TRUNCATED,
                    String.format(
                            Locale.ROOT,
                            "the container's index says the media data runs to byte %d, but the upload has only %d bytes "
                                    + "(%d%% of it): the file was cut short; send the complete file",
                            indexedEnd,
                            dataLength,
                            dataLength * 100 / indexedEnd));
        }
    }

    /**
     * JavaCV reports failures as exceptions whose message names the FFmpeg call that failed and
     * carries no code of its own (a failed open is retried, and the retry's code reported), so the
     * call name, FFmpeg's log and a probe of the first bytes tell "not media" from "broken media".
     */
    private static MediaRejectedException rejectionFor(FrameGrabber.Exception e, byte[] data) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String ffmpeg = FfmpegErrorLog.captured();
        if (ffmpeg.contains("moov atom not found")) {
            return new MediaRejectedException(
                    TRUNCATED,
                    "the MP4/MOV container has no index ('moov' atom): the upload was cut short before the index was "
                            + "written, or the recording never finished; send the complete file "
                            + "(re-muxing with 'ffmpeg -movflags +faststart' puts the index first)"
                            + FfmpegErrorLog.quoted(),
                    e);
        }
        if (message.startsWith("avformat_open_input()")) {
            return openFailure(e, data);
        }
        if (message.startsWith("avformat_find_stream_info()")) {
            return new MediaRejectedException(
                    CORRUPT,
                    "FFmpeg recognised the container but could not read its streams: the file is damaged; "
                            + "re-export or re-upload it" + FfmpegErrorLog.quoted(),
                    e);
        }
        if (message.startsWith("avcodec_find_decoder()")
                || message.startsWith("Did not find a video or audio stream")) {
            return new MediaRejectedException(
                    UNSUPPORTED,
                    "the upload has no audio or video stream this FFmpeg build can decode (" + message + "); "
                            + SUPPORTED + FfmpegErrorLog.quoted(),
                    e);
        }
        return new MediaRejectedException(
                CORRUPT,
                "FFmpeg could not open the upload's decoder (" + message + "): the file is damaged or unusual; "
                        + "re-export it in a common format" + FfmpegErrorLog.quoted(),
                e);
    }

    /**
     * avformat_open_input both recognises the container and reads its headers; only a container
     * FFmpeg does not recognise is an unrecognised format. Headers it cannot read may be cut off or
     * damaged, which FFmpeg does not tell apart (a damaged Ogg page makes it read on to the end, as
     * a cut one does); where a format shows a cut for certain, UploadScreen has said so already.
     */
    private static MediaRejectedException openFailure(FrameGrabber.Exception e, byte[] data) {
        Optional<String> container = ContainerRecognition.of(data);
        if (container.isEmpty()) {
            return new MediaRejectedException(
                    UNRECOGNISED_FORMAT,
                    "the upload is not a media format FFmpeg recognises (first bytes: " + firstBytes(data) + "); "
                            + SUPPORTED + FfmpegErrorLog.quoted(),
                    e);
        }
        return new MediaRejectedException(
                CORRUPT,
                "FFmpeg recognises the upload's first bytes as " + container.get()
                        + ", but could not read its headers from its " + ReadableUnits.bytes(data.length)
                        + ": the file is damaged or was cut short; re-export it, or send the complete file"
                        + FfmpegErrorLog.quoted(),
                e);
    }

    private static String firstBytes(byte[] data) {
        return HexFormat.ofDelimiter(" ").formatHex(data, 0, Math.min(8, data.length));
    }
}
