#!/usr/bin/python3
"""Makes float16-I/O copies of the tiny Whisper models (models/tools/make_tiny_models.py), so that Montage's
generation code is tested against exports whose inputs and outputs are float16 (docs/model-exports.md §0.1: some
"_fp16" uploads may have fp16 I/O; tensor types must be read from the session, never assumed).

    /usr/bin/python3 models/tools/make_fp16_io_variants.py models/src/test/resources/tiny/whisper \
        models/src/test/resources/speech/tiny-whisper-fp16-io

Each float graph input X becomes float16 and is cast to float32 on entry (every reference to X, including inside
the merged decoder's If branches, now reads the cast); each float graph output is cast to float16 on exit. The
arithmetic stays float32, so the models compute what the originals compute on fp16-rounded inputs.
"""
import os
import sys

import onnx
from onnx import TensorProto, helper


def rename_references(graph, old, new):
    for node in graph.node:
        node.input[:] = [new if name == old else name for name in node.input]
        for attribute in node.attribute:
            if attribute.type == onnx.AttributeProto.GRAPH:
                rename_references(attribute.g, old, new)


def with_fp16_io(model):
    graph = model.graph
    casts_in = []
    for value in graph.input:
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            internal = value.name + "_as_float32"
            rename_references(graph, value.name, internal)
            casts_in.append(helper.make_node("Cast", [value.name], [internal], to=TensorProto.FLOAT, name="cast_in_" + value.name))
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    for value in graph.output:
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            internal = value.name + "_float32"
            for node in graph.node:
                node.output[:] = [internal if name == value.name else name for name in node.output]
            graph.node.append(helper.make_node("Cast", [internal], [value.name], to=TensorProto.FLOAT16, name="cast_out_" + value.name))
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    for cast in reversed(casts_in):
        graph.node.insert(0, cast)
    onnx.checker.check_model(model)
    return model


def main(source_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for name in ("encoder_model.onnx", "decoder_model_merged.onnx"):
        model = with_fp16_io(onnx.load(os.path.join(source_dir, name)))
        path = os.path.join(out_dir, name.replace(".onnx", "_fp16.onnx"))
        onnx.save(model, path)
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
