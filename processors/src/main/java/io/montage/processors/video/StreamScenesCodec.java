package io.montage.processors.video;

import io.montage.models.video.ClipSignature;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.FrameSignature;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.StreamScenes;
import io.montage.schemas.avro.LabelScore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one stream's scene state in the scene stage's changelogged store. The store is
 * internal to Montage, so a fixed binary layout with a version byte serves (as the batch buffer's
 * does); a layout this version cannot read names the version that wrote it. Each layout appends to
 * the one before: layout 1 is the tracker's state, layout 2 adds the live stream's last update,
 * layout 3 its window; an older layout, in changelogs written before, reads as a stream with no
 * update and an empty window.
 */
final class StreamScenesCodec {

    private static final byte TRACKER_ONLY = 1;
    private static final byte WITH_LAST_UPDATE = 2;
    private static final byte LAYOUT = 3;

    /**
     * Marks a CLIP signature; a histogram is written as its 512 floats, unmarked, as before CLIP
     * signatures, so state written then (layouts 1 and 2) reads as it was. As the bits of a float this
     * is a NaN, which no histogram bin (a share between 0 and 1) can be. A Montage from before layout 3
     * cannot read the states this one writes: to go back to one, reset the scene stage's application
     * (its live streams' open scenes start afresh).
     */
    static final int CLIP_SIGNATURE = 0x7FC0_C11F;

    private StreamScenesCodec() {}

    static byte[] encode(LiveStream live) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LAYOUT);
            writeScenes(out, live.scenes());
            writeLastUpdate(out, live.lastUpdate());
            LiveStream.Window window = live.window();
            out.writeLong(window.index());
            out.writeLong(window.firstSceneIndex());
            out.writeLong(window.startPtsMicros());
            out.writeInt(window.sceneCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static LiveStream decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte layout = in.readByte();
            if (layout < TRACKER_ONLY || layout > LAYOUT) {
                throw new IllegalStateException("the scene store holds a stream state of layout " + layout
                        + ", this Montage reads layouts " + TRACKER_ONLY + " to " + LAYOUT + "; run the version that"
                        + " wrote it, or reset the scene stage's application (kafka-streams-application-reset) to"
                        + " start its streams afresh");
            }
            StreamScenes scenes = readScenes(in);
            LiveStream.LastUpdate lastUpdate = layout >= WITH_LAST_UPDATE ? readLastUpdate(in) : null;
            LiveStream.Window window = layout >= LAYOUT
                    ? new LiveStream.Window(in.readLong(), in.readLong(), in.readLong(), in.readInt())
                    : LiveStream.Window.first();
            return new LiveStream(scenes, lastUpdate, window);
        } catch (IOException e) {
            throw new UncheckedIOException("a stream state in the scene store is cut short: " + e.getMessage(), e);
        }
    }

    private static void writeLastUpdate(DataOutputStream out, LiveStream.LastUpdate update) throws IOException {
        out.writeBoolean(update != null);
        if (update == null) {
            return;
        }
        out.writeLong(update.sceneIndex());
        out.writeLong(update.ptsMicros());
        writeText(out, update.notes().ocrText());
        writeText(out, update.notes().caption());
        out.writeInt(update.notes().labels().size());
        for (LabelScore label : update.notes().labels()) {
            writeText(out, label.getLabel());
            out.writeFloat(label.getScore());
        }
    }

    private static LiveStream.LastUpdate readLastUpdate(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long sceneIndex = in.readLong();
        long pts = in.readLong();
        String text = readText(in);
        String caption = readText(in);
        int labelCount = in.readInt();
        List<LabelScore> labels = new ArrayList<>(labelCount);
        for (int i = 0; i < labelCount; i++) {
            labels.add(new LabelScore(readText(in), in.readFloat()));
        }
        return new LiveStream.LastUpdate(sceneIndex, pts, new KeyframeNotes(text, caption, labels));
    }

    /** Nullable, and not {@code writeUTF}: the text read on a keyframe may be longer than its 64 KiB. */
    static void writeText(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    static String readText(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeScenes(DataOutputStream out, StreamScenes state) throws IOException {
        out.writeUTF(state.streamId());
        out.writeLong(state.nextSceneIndex());
        out.writeLong(state.newestPtsMicros());
        out.writeLong(state.placedPtsMicros());
        out.writeLong(state.lastArrivalMillis());
        StreamScenes.OpenScene open = state.open();
        out.writeBoolean(open != null);
        if (open != null) {
            out.writeLong(open.sceneIndex());
            out.writeLong(open.startPtsMicros());
            writeFrame(out, open.keyframe());
            out.writeLong(open.lastPtsMicros());
            writeSignature(out, open.lastSignature());
            out.writeInt(open.frameCount());
        }
        out.writeInt(state.pending().size());
        for (SceneFrame frame : state.pending()) {
            writeFrame(out, frame);
        }
    }

    private static StreamScenes readScenes(DataInputStream in) throws IOException {
        String streamId = in.readUTF();
        long nextSceneIndex = in.readLong();
        long newest = in.readLong();
        long placed = in.readLong();
        long lastArrival = in.readLong();
        StreamScenes.OpenScene open = null;
        if (in.readBoolean()) {
            open = new StreamScenes.OpenScene(
                    in.readLong(), in.readLong(), readFrame(in), in.readLong(), readSignature(in), in.readInt());
        }
        int pendingCount = in.readInt();
        List<SceneFrame> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(readFrame(in));
        }
        return new StreamScenes(streamId, nextSceneIndex, open, pending, newest, placed, lastArrival);
    }

    private static void writeFrame(DataOutputStream out, SceneFrame frame) throws IOException {
        out.writeLong(frame.ptsMicros());
        out.writeLong(frame.frameIndex());
        out.writeUTF(frame.eventId());
        writeSignature(out, frame.signature());
        out.writeInt(frame.keyframe().length);
        out.write(frame.keyframe());
    }

    private static SceneFrame readFrame(DataInputStream in) throws IOException {
        long pts = in.readLong();
        long index = in.readLong();
        String eventId = in.readUTF();
        FrameSignature signature = readSignature(in);
        byte[] keyframe = new byte[in.readInt()];
        in.readFully(keyframe);
        return new SceneFrame(pts, index, eventId, signature, keyframe);
    }

    private static void writeSignature(DataOutputStream out, FrameSignature signature) throws IOException {
        float[] values;
        if (signature instanceof ClipSignature clip) {
            values = clip.vector();
            out.writeInt(CLIP_SIGNATURE);
            out.writeInt(values.length);
        } else {
            values = ((ColourHistogram) signature).bins();
        }
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    private static FrameSignature readSignature(DataInputStream in) throws IOException {
        int first = in.readInt();
        if (first == CLIP_SIGNATURE) {
            float[] vector = new float[in.readInt()];
            for (int i = 0; i < vector.length; i++) {
                vector[i] = in.readFloat();
            }
            return new ClipSignature(vector);
        }
        float[] bins = new float[ColourHistogram.BINS];
        bins[0] = Float.intBitsToFloat(first);
        for (int i = 1; i < bins.length; i++) {
            bins[i] = in.readFloat();
        }
        return new ColourHistogram(bins);
    }
}
