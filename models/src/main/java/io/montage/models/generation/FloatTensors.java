package io.montage.models.generation;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.platform.Fp16Conversions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Float data in whatever floating-point type a session declares: fp16 exports may have fp16 I/O
 * (docs/model-exports.md §0.1), so tensors are built from the declared type, never assumed float32.
 */
public final class FloatTensors {

    private FloatTensors() {}

    /** A tensor of {@code type} (FLOAT, FLOAT16 or BFLOAT16) holding {@code values}. */
    public static OnnxTensor create(OrtEnvironment env, OnnxJavaType type, float[] values, long[] shape)
            throws OrtException {
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, FloatBuffer.wrap(values), shape);
            case FLOAT16, BFLOAT16 -> {
                ByteBuffer bytes = ByteBuffer.allocateDirect(values.length * 2).order(ByteOrder.nativeOrder());
                for (float v : values) {
                    bytes.putShort(type == OnnxJavaType.FLOAT16 ? Fp16Conversions.floatToFp16(v) : toBf16(v));
                }
                bytes.rewind();
                yield OnnxTensor.createTensor(env, bytes, shape, type);
            }
            default ->
                throw new IllegalArgumentException("expected a floating-point tensor type, the model declares " + type);
        };
    }

    /** The tensor's values as float32, whatever its floating-point type. */
    public static float[] read(OnnxTensor tensor) {
        OnnxJavaType type = tensor.getInfo().type;
        FloatBuffer buffer =
                switch (type) {
                    case FLOAT -> tensor.getFloatBuffer();
                    case FLOAT16 -> Fp16Conversions.convertFp16BufferToFloatBuffer(tensor.getShortBuffer());
                    case BFLOAT16 -> Fp16Conversions.convertBf16BufferToFloatBuffer(tensor.getShortBuffer());
                    default ->
                        throw new IllegalArgumentException(
                                "expected a floating-point tensor, got " + type + " " + tensor.getInfo());
                };
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /** An empty (zero-element) tensor of any type: the merged decoder's dummy past on step 1. */
    static OnnxTensor empty(OrtEnvironment env, OnnxJavaType type, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder()), shape, type);
    }

    /**
     * Rows of {@code source} (axis 0) picked by {@code rows}, in that order, as a new tensor of the same type:
     * expands encoder states per beam and reorders KV caches when beams swap.
     */
    static OnnxTensor gatherRows(OrtEnvironment env, OnnxTensor source, int[] rows) throws OrtException {
        long[] shape = source.getInfo().getShape();
        ByteBuffer data = source.getByteBuffer().order(ByteOrder.nativeOrder());
        int rowBytes = shape[0] == 0 ? 0 : data.remaining() / (int) shape[0];
        ByteBuffer out = ByteBuffer.allocateDirect(rowBytes * rows.length).order(ByteOrder.nativeOrder());
        for (int row : rows) {
            ByteBuffer slice = data.duplicate();
            slice.position(row * rowBytes).limit((row + 1) * rowBytes);
            out.put(slice);
        }
        out.rewind();
        long[] outShape = shape.clone();
        outShape[0] = rows.length;
        return OnnxTensor.createTensor(env, out, outShape, source.getInfo().type);
    }

    /** The listed rows of {@code source} as a new tensor: a subset of a batch. */
    public static OnnxTensor rows(OrtEnvironment env, OnnxTensor source, java.util.List<Integer> rows)
            throws OrtException {
        return gatherRows(env, source, rows.stream().mapToInt(Integer::intValue).toArray());
    }

    private static short toBf16(float v) {
        // round to nearest even on the upper 16 bits of the float32 pattern
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
