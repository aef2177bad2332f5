package io.montage.models.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator types an ONNX file's graph uses, subgraphs included (a merged decoder keeps its layers inside an
 * {@code If}). ONNX Runtime's Java API does not expose the graph, so the file's protobuf is walked directly:
 * ModelProto.graph (field 7) → GraphProto.node (1) → NodeProto.op_type (4), and NodeProto.attribute (5) →
 * AttributeProto.g (6) / graphs (11) for subgraphs. Initializers are skipped by their length, so a large export
 * costs one pass over its node list, not over its weights.
 */
public final class OnnxOperators {

    /** Activations quantised at run time with one scale and zero point over the whole tensor (ORT dynamic quantisation). */
    public static final String DYNAMIC_QUANTIZE_LINEAR = "DynamicQuantizeLinear";

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_GRAPH = 6;
    private static final int ATTRIBUTE_GRAPHS = 11;

    private OnnxOperators() {}

    /** @throws IllegalArgumentException when the file is not a well-formed ONNX protobuf */
    public static Set<String> of(Path onnxFile) {
        try (FileChannel channel = FileChannel.open(onnxFile, StandardOpenOption.READ)) {
            MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
            Set<String> types = new TreeSet<>();
            forEachField(bytes, 0, bytes.limit(), (field, start, end) -> {
                if (field == MODEL_GRAPH) {
                    graph(bytes, start, end, types);
                }
            });
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + onnxFile + ": " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    onnxFile + " is not a well-formed ONNX file (its protobuf ends mid-field);"
                            + " fetch it again with: montage models pull",
                    e);
        }
    }

    private static void graph(ByteBuffer bytes, int start, int end, Set<String> types) {
        forEachField(bytes, start, end, (field, s, e) -> {
            if (field == GRAPH_NODE) {
                node(bytes, s, e, types);
            }
        });
    }

    private static void node(ByteBuffer bytes, int start, int end, Set<String> types) {
        forEachField(bytes, start, end, (field, s, e) -> {
            if (field == NODE_OP_TYPE) {
                byte[] name = new byte[e - s];
                bytes.get(s, name);
                types.add(new String(name, StandardCharsets.UTF_8));
            } else if (field == NODE_ATTRIBUTE) {
                forEachField(bytes, s, e, (attributeField, as, ae) -> {
                    if (attributeField == ATTRIBUTE_GRAPH || attributeField == ATTRIBUTE_GRAPHS) {
                        graph(bytes, as, ae, types);
                    }
                });
            }
        });
    }

    /** Calls {@code visitor} with each length-delimited field in [start, end); other wire types are skipped. */
    private static void forEachField(ByteBuffer bytes, int start, int end, FieldVisitor visitor) {
        int[] at = {start};
        while (at[0] < end) {
            long key = varint(bytes, at);
            int field = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> varint(bytes, at);
                case 1 -> at[0] += 8;
                case 5 -> at[0] += 4;
                case 2 -> {
                    long length = varint(bytes, at);
                    int from = at[0];
                    int to = Math.toIntExact(from + length);
                    if (to > end) {
                        throw new IndexOutOfBoundsException("field " + field + " runs past its message");
                    }
                    visitor.visit(field, from, to);
                    at[0] = to;
                }
                default -> throw new IndexOutOfBoundsException("unsupported protobuf wire type " + (key & 7));
            }
        }
    }

    private static long varint(ByteBuffer bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes.get(at[0]++);
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IndexOutOfBoundsException("varint longer than 10 bytes");
    }

    @FunctionalInterface
    private interface FieldVisitor {
        void visit(int field, int start, int end);
    }
}
