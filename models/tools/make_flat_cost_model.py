#!/usr/bin/python3
"""Builds the benchmark-only "GPU-shaped" ONNX model: its time per call hardly depends on how many
rows a call holds, up to 64, as a GPU's does (a GPU runs 1 or 64 rows in about the same time).

The graph pads its input x [B, 16] to 64 rows, runs LAYERS tanh(h @ W) layers of width 512 on the
padded block (tanh(h @ W + 0.5)), and returns the first B rows: the work is that of 64 rows whatever B is. The weights
are built in-graph from sin(range) (ONNX Runtime folds them at load), so the file stays small, and
every layer shares one, so memory does too. LAYERS = 400 makes a call about 70 ms on one core of
the machines here, so Kafka's own work per record is small beside it, as beside a real GPU model.
Batches above 64 rows are refused by Pad (a negative pad), which the benchmark never sends.

Run with Debian's python3-onnx (onnx 1.12, opset 17):
    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 models/tools/make_flat_cost_model.py tests/src/test/resources/bench/flat-cost-64.onnx
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
ROWS = 64      # the rows every call computes
IN = 16        # input and output width
WIDTH = 512    # hidden width
LAYERS = 400   # sets the cost of a call: 400 x 64 x 512 x 512 multiply-adds

nodes = []
inits = []
counter = [0]


def name(hint):
    counter[0] += 1
    return f"{hint}_{counter[0]}"


def op(op_type, inputs, **attrs):
    out = name(op_type.lower())
    nodes.append(helper.make_node(op_type, inputs, [out], name=name("n_" + op_type), **attrs))
    return out


def const(array):
    n = name("c")
    inits.append(numpy_helper.from_array(np.asarray(array), n))
    return n


def sin_weight(rows, cols, seed):
    flat = op("Range", [const(np.array(0, np.float32)), const(np.array(rows * cols, np.float32)),
                        const(np.array(1, np.float32))])
    angle = op("Add", [op("Mul", [flat, const(np.array(0.7311, np.float32))]), const(np.array(seed, np.float32))])
    scaled = op("Mul", [op("Sin", [angle]), const(np.array(2.0 / np.sqrt(rows), np.float32))])
    return op("Reshape", [scaled, const(np.array([rows, cols], np.int64))])


def main(path):
    batch = op("Slice", ["x_shape", const(np.array([0], np.int64)), const(np.array([1], np.int64))])
    nodes.insert(0, helper.make_node("Shape", ["x"], ["x_shape"], name="n_shape"))
    missing = op("Sub", [const(np.array([ROWS], np.int64)), batch])
    pads = op("Concat", [const(np.array([0, 0], np.int64)), missing, const(np.array([0], np.int64))], axis=0)
    h = op("MatMul", [op("Pad", ["x", pads]), sin_weight(IN, WIDTH, 0.1)])
    shared = sin_weight(WIDTH, WIDTH, 1.0)
    # The bias keeps every activation near 0.46: without it the sin(range) weights drive them to
    # zero through denormal floats, which x86 computes many times slower, and a call's cost would
    # then depend on its input (measured: 70 ms for 1 row, 285 ms for 64).
    bias = const(np.array(0.5, np.float32))
    for _ in range(LAYERS):
        h = op("Tanh", [op("Add", [op("MatMul", [h, shared]), bias])])
    out = op("MatMul", [h, sin_weight(WIDTH, IN, 99.0)])
    nodes.append(helper.make_node("Slice", [out, const(np.array([0], np.int64)), batch,
                                            const(np.array([0], np.int64))], ["y"], name="n_take_rows"))
    graph = helper.make_graph(nodes, "flat_cost_64",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", IN])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", IN])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="montage-bench")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"wrote {path}: pads to {ROWS} rows, {LAYERS} layers of width {WIDTH}")


if __name__ == "__main__":
    main(sys.argv[1])
