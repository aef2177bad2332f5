package io.montage.processors.video;

import io.montage.models.video.SceneCues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The bytes of one kept scene in the scene stage's kept-scenes store: a fixed layout with a version byte, as {@link StreamScenesCodec}'s. */
final class KeptSceneCodec {

    private static final byte LAYOUT = 1;

    private KeptSceneCodec() {}

    static byte[] encode(KeptScene scene) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LAYOUT);
            SceneCues.Scene cue = scene.cue();
            out.writeLong(cue.sceneIndex());
            out.writeLong(cue.startPtsMicros());
            out.writeLong(cue.endPtsMicros());
            StreamScenesCodec.writeText(out, cue.caption());
            StreamScenesCodec.writeText(out, cue.ocrText());
            out.writeInt(cue.labels().size());
            for (String label : cue.labels()) {
                StreamScenesCodec.writeText(out, label);
            }
            out.writeInt(scene.keyframe().length);
            out.write(scene.keyframe());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static KeptScene decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte layout = in.readByte();
            if (layout != LAYOUT) {
                throw new IllegalStateException("the scene stage's kept-scenes store holds a scene of layout " + layout
                        + ", this Montage reads layout " + LAYOUT + "; run the version that wrote it, or reset the"
                        + " scene stage's application (kafka-streams-application-reset)");
            }
            long sceneIndex = in.readLong();
            long start = in.readLong();
            long end = in.readLong();
            String caption = StreamScenesCodec.readText(in);
            String text = StreamScenesCodec.readText(in);
            int labelCount = in.readInt();
            List<String> labels = new ArrayList<>(labelCount);
            for (int i = 0; i < labelCount; i++) {
                labels.add(StreamScenesCodec.readText(in));
            }
            byte[] keyframe = new byte[in.readInt()];
            in.readFully(keyframe);
            return new KeptScene(new SceneCues.Scene(sceneIndex, start, end, caption, text, labels), keyframe);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "a scene in the scene stage's kept-scenes store is cut short: " + e.getMessage(), e);
        }
    }
}
