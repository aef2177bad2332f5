#!/usr/bin/python3
"""Derives variants of the committed tiny models (models/tools/make_tiny_models.py) that carry a property some real
exports have and the base fixtures lack. The base files are read, never rewritten, so their tests are unaffected.

    /usr/bin/python3 models/tools/make_export_variants.py models/src/test/resources/tiny \
        models/src/test/resources/tiny-variants

Variants:
- whisper-dynamic-axes/encoder_model.onnx: `input_features` declared [batch_size, feature_size,
  encoder_sequence_length], all dynamic, as Optimum before 1.18 (and transformers.js 2.x conversions with Optimum
  1.13.2) declared it. Same weights as the base encoder, so it computes exactly what the base computes.
- */*_dynamic_quantized.onnx: the first MatMul's activation input goes through DynamicQuantizeLinear and
  DequantizeLinear, the pair ORT's dynamic quantization puts before MatMulInteger. The scale and zero point are
  computed over the whole tensor, batch and padding included, so a row's output depends on the rest of its batch,
  as it does in the `_quantized` exports.
- whisper-cache-position/decoder_model_merged.onnx: the merged decoder with the `cache_position` input
  (int64 [decoder_sequence_length]) that Optimum's WhisperOnnxConfig adds for transformers > 4.43. Both branches
  take their token positions from it instead of computing past_length + range(seq), so the decoder computes what
  the base computes only when it is fed the right positions.
Both transformations are deterministic: rerunning the script reproduces the committed files byte for byte.
"""
import os
import sys

import onnx
from onnx import helper


def all_dynamic_input(model, name, dims):
    for value in model.graph.input:
        if value.name == name:
            for dim, param in zip(value.type.tensor_type.shape.dim, dims):
                dim.Clear()
                dim.dim_param = param
            return model
    raise SystemExit(f"no input {name}")


def first_matmul(graph):
    """The first MatMul in the graph or, for a merged decoder, in its If branches (both branches get the pair)."""
    found = []
    for node in graph.node:
        if node.op_type == "MatMul":
            return [(graph, node)]
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                found += first_matmul(attribute.g)
    return found


def dynamically_quantized(model):
    targets = first_matmul(model.graph)
    if not targets:
        raise SystemExit("no MatMul to quantize")
    for graph, matmul in targets:
        x = matmul.input[0]
        q, scale, zero = x + "_quantized", x + "_scale", x + "_zero_point"
        dequantized = x + "_dequantized"
        at = list(graph.node).index(matmul)
        graph.node.insert(at, helper.make_node("DequantizeLinear", [q, scale, zero], [dequantized], name=dequantized))
        graph.node.insert(at, helper.make_node("DynamicQuantizeLinear", [x], [q, scale, zero], name=q))
        matmul.input[0] = dequantized
    onnx.checker.check_model(model)
    return model


def positions_from_cache_position(model):
    """In each If branch the first Range is the token positions (make_tiny_models.py decoder_branch): read them from
    the new graph input instead."""
    graph = model.graph
    graph.input.insert(len(graph.input) - 1, helper.make_tensor_value_info("cache_position", onnx.TensorProto.INT64,
                                                                           ["decoder_sequence_length"]))
    for node in graph.node:
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                branch = attribute.g
                positions = next(n for n in branch.node if n.op_type == "Range")
                old = positions.output[0]
                branch.node.remove(positions)
                for other in branch.node:
                    other.input[:] = ["cache_position" if name == old else name for name in other.input]
    onnx.checker.check_model(model)
    return model


def save(model, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(model, path)
    print(f"{path}: {os.path.getsize(path)} bytes")


def main(tiny_dir, out_dir):
    encoder = onnx.load(os.path.join(tiny_dir, "whisper", "encoder_model.onnx"))
    save(all_dynamic_input(encoder, "input_features", ["batch_size", "feature_size", "encoder_sequence_length"]),
         os.path.join(out_dir, "whisper-dynamic-axes", "encoder_model.onnx"))
    for model_dir, name in (("whisper", "encoder_model"), ("vit-gpt2", "encoder_model"), ("clip", "text_model")):
        model = dynamically_quantized(onnx.load(os.path.join(tiny_dir, model_dir, name + ".onnx")))
        save(model, os.path.join(out_dir, model_dir, name + "_dynamic_quantized.onnx"))
    decoder = onnx.load(os.path.join(tiny_dir, "whisper", "decoder_model_merged.onnx"))
    save(positions_from_cache_position(decoder), os.path.join(out_dir, "whisper-cache-position", "decoder_model_merged.onnx"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
