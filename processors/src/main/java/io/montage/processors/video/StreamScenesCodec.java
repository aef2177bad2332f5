package io.montage.processors.video;

import io.montage.models.video.ClipSignature;
import io.montage.models.video.ColourHistogram;
import io.montage.models.video.FrameSignature;
import io.montage.models.video.SceneFrame;
import io.montage.models.video.StreamScenes;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of one stream's scene state in the scene stage's changelogged store. The store is
 * internal to Montage, so a fixed binary layout with a version byte serves (as the batch buffer's
 * does); a layout this version cannot read names the version that wrote it.
 */
final class StreamScenesCodec {

    private static final byte LAYOUT = 1;

    /**
     * Marks a CLIP signature; a histogram is written as its 512 floats, unmarked, as before CLIP
     * signatures, so state written then reads as it was and histogram-only state is written as it was.
     * As the bits of a float this is a NaN, which no histogram bin (a share between 0 and 1) can be.
     * A Montage from before CLIP signatures cannot read a state that holds one: to go back to such a
     * version, run this one with {@code montage.scenes.signal=histogram} until every open live scene
     * has closed, or reset the scene stage's application.
     */
    static final int CLIP_SIGNATURE = 0x7FC0_C11F;

    private StreamScenesCodec() {}

    static byte[] encode(StreamScenes state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LAYOUT);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static StreamScenes decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            byte layout = in.readByte();
            if (layout != LAYOUT) {
                throw new IllegalStateException("the scene store holds a stream state of layout " + layout
                        + ", this Montage reads layout " + LAYOUT + "; run the version that wrote it, or reset the "
                        + "scene stage's application (kafka-streams-application-reset) to start its streams afresh");
            }
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
        } catch (IOException e) {
            throw new UncheckedIOException("a stream state in the scene store is cut short: " + e.getMessage(), e);
        }
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
