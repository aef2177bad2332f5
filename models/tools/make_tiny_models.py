#!/usr/bin/python3
"""Builds tiny random-weight ONNX models with exactly the input/output names, dtypes and dynamic axes
of the real Hugging Face exports Montage runs (see docs/model-exports.md), so that Whisper,
captioning and CLIP code paths are tested without the real weights.

Run with Debian's python3-onnx (onnx 1.12, opset 17):
    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 models/tools/make_tiny_models.py models/src/test/resources/tiny

Weights are fixed (seeded numpy, or sin(range) for vocabulary-sized matrices so that a 51865-token
vocabulary costs no file size). Every output depends on every input that matters, and decoders use
causal self-attention with positional encodings, so wrong KV-cache wiring changes the logits.
"""
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
D = 8          # hidden size
HEADS = 2
HEAD_DIM = D // HEADS
LAYERS = 2


class Graph:
    """Collects nodes and initializers; value names are globally unique (ONNX subgraphs share one namespace)."""
    counter = 0

    def __init__(self, rng):
        self.nodes = []
        self.inits = []
        self.rng = rng

    def name(self, hint):
        Graph.counter += 1
        return f"{hint}_{Graph.counter}"

    def op(self, op_type, inputs, hint=None, **attrs):
        out = self.name(hint or op_type.lower())
        self.nodes.append(helper.make_node(op_type, inputs, [out], name=self.name("n_" + op_type), **attrs))
        return out

    def const(self, array, hint="c"):
        n = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(array), n))
        return n

    def weight(self, *shape, scale=0.5):
        return self.const((self.rng.standard_normal(shape) * scale).astype(np.float32), "w")

    def sin_weight(self, rows, cols, seed):
        """A [rows, cols] matrix sin(0.7311 * i + seed) built in-graph: no bytes in the file for big vocabularies."""
        flat = self.op("Range", [self.const(np.array(0, np.float32)), self.const(np.array(rows * cols, np.float32)),
                                 self.const(np.array(1, np.float32))])
        angle = self.op("Add", [self.op("Mul", [flat, self.const(np.array(0.7311, np.float32))]),
                                self.const(np.array(seed, np.float32))])
        return self.op("Reshape", [self.op("Sin", [angle]), self.const(np.array([rows, cols], np.int64))])

    def linear(self, x, w):
        return self.op("MatMul", [x, w])

    def split_heads(self, x):  # [B,S,D] -> [B,H,S,Dh]
        r = self.op("Reshape", [x, self.const(np.array([0, 0, HEADS, HEAD_DIM], np.int64))])
        return self.op("Transpose", [r], perm=[0, 2, 1, 3])

    def merge_heads(self, x):  # [B,H,S,Dh] -> [B,S,D]
        t = self.op("Transpose", [x], perm=[0, 2, 1, 3])
        return self.op("Reshape", [t, self.const(np.array([0, 0, D], np.int64))])

    def attention(self, q, k, v, additive_mask=None):
        scores = self.op("MatMul", [q, self.op("Transpose", [k], perm=[0, 1, 3, 2])])
        scores = self.op("Mul", [scores, self.const(np.array(1 / math.sqrt(HEAD_DIM), np.float32))])
        if additive_mask is not None:
            scores = self.op("Add", [scores, additive_mask])
        return self.op("MatMul", [self.op("Softmax", [scores], axis=-1), v])

    def dim(self, x, axis):  # scalar int64 size of one axis
        s = self.op("Shape", [x])
        g = self.op("Gather", [s, self.const(np.array(axis, np.int64))], axis=0)
        return g

    def positions(self, start, length):  # int64 [length] = start .. start+length-1
        return self.op("Range", [start, self.op("Add", [start, length]), self.const(np.array(1, np.int64))])

    def sinusoid(self, positions_int64):  # [S] -> [S, D] float
        p = self.op("Unsqueeze", [self.op("Cast", [positions_int64], to=TensorProto.FLOAT), self.const(np.array([1], np.int64))])
        freqs = self.const((1.0 / (3.0 ** np.arange(D))).reshape(1, D).astype(np.float32) + np.float32(0.1))
        return self.op("Sin", [self.op("Mul", [p, freqs])])

    def causal_mask(self, query_positions, key_count):  # [Sq, Sk] additive: -1e9 where key is in the future
        keys = self.op("Range", [self.const(np.array(0, np.int64)), key_count, self.const(np.array(1, np.int64))])
        q = self.op("Unsqueeze", [query_positions, self.const(np.array([1], np.int64))])
        k = self.op("Unsqueeze", [keys, self.const(np.array([0], np.int64))])
        future = self.op("Greater", [k, q])
        return self.op("Where", [future, self.const(np.array(-1e9, np.float32)), self.const(np.array(0, np.float32))])


def tensor(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def save(model_graph, g, path, inputs, outputs):
    graph = helper.make_graph(g.nodes, model_graph, inputs, outputs, initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="montage-tiny-models")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"{path}: {os.path.getsize(path)} bytes")


# ---------------------------------------------------------------------------------------------- decoders
class DecoderLayout:
    """Names and behaviour of a merged decoder: Whisper (self + cached cross KV) or GPT2 in VisionEncoderDecoder."""

    def __init__(self, vocab, cached_cross):
        self.vocab = vocab
        self.cached_cross = cached_cross

    def past(self, i, kind, kv):
        return f"past_key_values.{i}.{kind}.{kv}" if self.cached_cross else f"past_key_values.{i}.{kv}"

    def present(self, i, kind, kv):
        return f"present.{i}.{kind}.{kv}" if self.cached_cross else f"present.{i}.{kv}"


def decoder_branch(g, layout, weights, with_past):
    """Returns the branch's output names, in the order logits, then per layer (self k, v[, cross k, v])."""
    ids = "input_ids"
    seq = g.dim(ids, 1)
    past_len = g.dim(layout.past(0, "decoder", "key"), 2) if with_past else g.const(np.array(0, np.int64))
    pos = g.positions(past_len, seq)
    h = g.op("Add", [g.op("Gather", [weights["vocab"], ids], axis=0), g.sinusoid(pos)])
    total = g.op("Add", [past_len, seq])
    mask = g.causal_mask(pos, total)
    outputs = []
    for i in range(LAYERS):
        w = weights["layers"][i]
        q, k, v = (g.split_heads(g.linear(h, w[n])) for n in ("q", "k", "v"))
        if with_past:
            k = g.op("Concat", [layout.past(i, "decoder", "key"), k], axis=2)
            v = g.op("Concat", [layout.past(i, "decoder", "value"), v], axis=2)
        outputs += [g.op("Identity", [k]), g.op("Identity", [v])]
        h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(q, k, v, mask)), w["o"])])])
        cq = g.split_heads(g.linear(h, w["cq"]))
        if layout.cached_cross and with_past:
            ck, cv = layout.past(i, "encoder", "key"), layout.past(i, "encoder", "value")
            # Optimum's merge: cached steps emit empty constant encoder presents (batch axis 0, other dynamic axes 1).
            empty = np.zeros((0, HEADS, 1, HEAD_DIM), np.float32)
            outputs += [g.op("Identity", [g.const(empty)]), g.op("Identity", [g.const(empty)])]
        else:
            ck = g.split_heads(g.linear("encoder_hidden_states", w["ck"]))
            cv = g.split_heads(g.linear("encoder_hidden_states", w["cv"]))
            if layout.cached_cross:
                outputs += [g.op("Identity", [ck]), g.op("Identity", [cv])]
        h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(cq, ck, cv)), w["co"])])])
    logits = g.op("MatMul", [h, g.op("Transpose", [weights["vocab"]], perm=[1, 0])])
    return [logits] + outputs


def merged_decoder(path, layout, encoder_seq_name, seed):
    rng = np.random.default_rng(seed)
    main = Graph(rng)
    weights = {"vocab": main.sin_weight(layout.vocab, D, seed),
               "layers": [{n: main.weight(D, D) for n in ("q", "k", "v", "o", "cq", "ck", "cv", "co")} for _ in range(LAYERS)]}
    names = ["logits"]
    for i in range(LAYERS):
        names += [layout.present(i, "decoder", "key"), layout.present(i, "decoder", "value")]
        if layout.cached_cross:
            names += [layout.present(i, "encoder", "key"), layout.present(i, "encoder", "value")]
    branches = {}
    for with_past in (True, False):
        sub = Graph(rng)
        outs = decoder_branch(sub, layout, weights, with_past)
        sub.nodes += [helper.make_node("Identity", [o], [f"{n}_{'with' if with_past else 'no'}_past"]) for o, n in zip(outs, names)]
        sub_outputs = [helper.make_tensor_value_info(f"{n}_{'with' if with_past else 'no'}_past", TensorProto.FLOAT, None)
                       for n in names]
        branches[with_past] = helper.make_graph(sub.nodes, "with_past" if with_past else "no_past", [], sub_outputs,
                                                initializer=sub.inits)
    main.nodes.append(helper.make_node("If", ["use_cache_branch"], names, name="optimum::if",
                                       then_branch=branches[True], else_branch=branches[False]))
    inputs = [tensor("input_ids", TensorProto.INT64, ["batch_size", "decoder_sequence_length"]),
              tensor("encoder_hidden_states", TensorProto.FLOAT, ["batch_size", encoder_seq_name, D])]
    outputs = [tensor("logits", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", layout.vocab])]
    for i in range(LAYERS):
        if layout.cached_cross:
            for kv in ("key", "value"):
                inputs.append(tensor(layout.past(i, "decoder", kv), TensorProto.FLOAT, ["batch_size", HEADS, "past_decoder_sequence_length", HEAD_DIM]))
            for kv in ("key", "value"):
                inputs.append(tensor(layout.past(i, "encoder", kv), TensorProto.FLOAT, ["batch_size", HEADS, "encoder_sequence_length_out", HEAD_DIM]))
            for kv in ("key", "value"):
                outputs.append(tensor(layout.present(i, "decoder", kv), TensorProto.FLOAT,
                                      ["batch_size", HEADS, "past_decoder_sequence_length + 1", HEAD_DIM]))
            for kv in ("key", "value"):
                outputs.append(tensor(layout.present(i, "encoder", kv), TensorProto.FLOAT,
                                      ["encoder_batch_size", HEADS, "encoder_sequence_length_out", HEAD_DIM]))
        else:
            for kv in ("key", "value"):
                inputs.append(tensor(layout.past(i, None, kv), TensorProto.FLOAT, ["batch_size", HEADS, "past_sequence_length", HEAD_DIM]))
            for kv in ("key", "value"):
                outputs.append(tensor(layout.present(i, None, kv), TensorProto.FLOAT,
                                      ["batch_size", HEADS, "past_sequence_length + 1", HEAD_DIM]))
    inputs.append(tensor("use_cache_branch", TensorProto.BOOL, [1]))
    # Optimum orders outputs logits, then per layer; keep the main graph's outputs in the same order as the If's.
    by_name = {o.name: o for o in outputs}
    save("decoder_model_merged", main, path, inputs, [by_name[n] for n in names])


# ---------------------------------------------------------------------------------------------- encoders
def whisper_encoder(path, seed):
    g = Graph(np.random.default_rng(seed))
    conv = g.op("Conv", ["input_features", g.weight(D, 80, 3, scale=0.2)], strides=[2], pads=[1, 1], kernel_shape=[3])
    h = g.op("Transpose", [g.op("Tanh", [conv])], perm=[0, 2, 1])  # [B,1500,D]
    out = g.op("Tanh", [g.linear(h, g.weight(D, D))])
    g.nodes.append(helper.make_node("Identity", [out], ["last_hidden_state"]))
    save("encoder_model", g, path,
         [tensor("input_features", TensorProto.FLOAT, ["batch_size", 80, 3000])],
         [tensor("last_hidden_state", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length / 2", D])])


def vit_encoder(path, seed):
    g = Graph(np.random.default_rng(seed))
    patches = g.op("Conv", ["pixel_values", g.weight(D, 3, 16, 16, scale=0.05)], strides=[16, 16], kernel_shape=[16, 16])
    seq = g.op("Transpose", [g.op("Reshape", [patches, g.const(np.array([0, D, -1], np.int64))])], perm=[0, 2, 1])
    batch = g.op("Slice", [g.op("Shape", ["pixel_values"]), g.const(np.array([0], np.int64)), g.const(np.array([1], np.int64))])
    cls_shape = g.op("Concat", [batch, g.const(np.array([1, D], np.int64))], axis=0)
    cls = g.op("Expand", [g.weight(1, 1, D), cls_shape])
    h = g.op("Add", [g.op("Concat", [cls, seq], axis=1), g.weight(197, D, scale=0.1)])
    out = g.op("Tanh", [g.linear(h, g.weight(D, D))])
    g.nodes.append(helper.make_node("Identity", [out], ["last_hidden_state"]))
    save("encoder_model", g, path,
         [tensor("pixel_values", TensorProto.FLOAT, ["batch_size", "num_channels", "height", "width"])],
         [tensor("last_hidden_state", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length", D])])


def clip_vision(path, seed):
    g = Graph(np.random.default_rng(seed))
    patches = g.op("Conv", ["pixel_values", g.weight(D, 3, 32, 32, scale=0.03)], strides=[32, 32], kernel_shape=[32, 32])
    pooled = g.op("Tanh", [g.op("ReduceMean", [patches], axes=[2, 3], keepdims=0)])
    g.nodes.append(helper.make_node("MatMul", [pooled, g.weight(D, 512)], ["image_embeds"]))
    save("vision_model", g, path,
         [tensor("pixel_values", TensorProto.FLOAT, ["batch_size", "num_channels", "height", "width"])],
         [tensor("image_embeds", TensorProto.FLOAT, ["batch_size", 512])])


def clip_text(path, seed):
    """CLIP pools the hidden state at the end-of-text token, which has the largest id (argmax of input_ids)."""
    g = Graph(np.random.default_rng(seed))
    ids = "input_ids"
    pos = g.positions(g.const(np.array(0, np.int64)), g.dim(ids, 1))
    h = g.op("Add", [g.op("Gather", [g.sin_weight(49408, D, seed), ids], axis=0), g.sinusoid(pos)])
    # One causal self-attention layer (CLIP's text encoder is causal), so the pooled token sees the whole text.
    q, k, v = (g.split_heads(g.linear(h, g.weight(D, D))) for _ in range(3))
    mask = g.causal_mask(pos, g.dim(ids, 1))
    h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(q, k, v, mask)), g.weight(D, D))])])
    eot = g.op("Unsqueeze", [g.op("ArgMax", [ids], axis=1, keepdims=1), g.const(np.array([2], np.int64))])  # [B,1,1]
    index = g.op("Expand", [eot, g.op("Concat", [g.op("Slice", [g.op("Shape", [h]), g.const(np.array([0], np.int64)),
                                                                   g.const(np.array([1], np.int64))]),
                                                 g.const(np.array([1, D], np.int64))], axis=0)])
    pooled = g.op("Squeeze", [g.op("GatherElements", [h, index], axis=1), g.const(np.array([1], np.int64))])
    g.nodes.append(helper.make_node("MatMul", [pooled, g.weight(D, 512)], ["text_embeds"]))
    save("text_model", g, path,
         [tensor("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
         [tensor("text_embeds", TensorProto.FLOAT, ["batch_size", 512])])


def main(out_dir):
    for sub in ("whisper", "vit-gpt2", "clip"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    # Whisper multilingual vocabulary: 51865 ids (openai/whisper-base config.json vocab_size).
    whisper_encoder(os.path.join(out_dir, "whisper", "encoder_model.onnx"), 1)
    merged_decoder(os.path.join(out_dir, "whisper", "decoder_model_merged.onnx"), DecoderLayout(51865, True),
                   "encoder_sequence_length / 2", 2)
    # GPT-2 vocabulary: 50257 ids (Xenova/vit-gpt2-image-captioning config.json decoder.vocab_size).
    vit_encoder(os.path.join(out_dir, "vit-gpt2", "encoder_model.onnx"), 3)
    merged_decoder(os.path.join(out_dir, "vit-gpt2", "decoder_model_merged.onnx"), DecoderLayout(50257, False),
                   "encoder_sequence_length", 4)
    clip_vision(os.path.join(out_dir, "clip", "vision_model.onnx"), 5)
    clip_text(os.path.join(out_dir, "clip", "text_model.onnx"), 6)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/tiny")
