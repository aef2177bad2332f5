#!/usr/bin/python3
"""Builds a tiny random-weight Florence-2 with the four files of onnx-community/Florence-2-base-ft and their
input/output names, dtypes and dynamic axes (docs/model-exports.md §4), so that Montage's Florence-2
captioning is tested without the real weights:

    vision_encoder.onnx        pixel_values [B,3,768,768] -> image_features [B,577,D]
    embed_tokens.onnx          input_ids [B,S] -> inputs_embeds [B,S,D]
    encoder_model.onnx         inputs_embeds [B,S,D], attention_mask [B,S] -> last_hidden_state [B,S,D]
    decoder_model_merged.onnx  inputs_embeds, encoder_attention_mask, encoder_hidden_states,
                               past_key_values.{i}.decoder|encoder.key|value, use_cache_branch
                               -> logits [B,S,51289], present.{i}.decoder|encoder.key|value

Run with Debian's python3-onnx (onnx 1.12, opset 17):
    apt-get install -y python3-onnx python3-numpy
    /usr/bin/python3 models/tools/make_tiny_florence2.py models/src/test/resources/tiny/florence2

The vision encoder is deliberately cheap (32x32 average pooling to 24x24 = 576 cells, a 1x1 projection and
one extra leading token: 577 positions) but depends on every pixel block. The encoder and decoder use the
attention masks, causal self-attention and positional encodings, so a wrong mask, a wrong image/text
concatenation or wrong KV-cache wiring changes the logits. The 51289x D token matrix is sin(range) built in
the graph (make_tiny_models.Graph.sin_weight), shared by embed_tokens and the decoder's output projection
(BART ties them), so no file carries vocabulary-sized bytes.
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_tiny_models import D, HEADS, HEAD_DIM, Graph, save, tensor  # noqa: E402  (the shared tiny-graph builder)

LAYERS = 2
IMAGE_TOKENS = 577         # onnx-community/Florence-2-base-ft preprocessor_config.json image_seq_length
VOCAB = 51289              # microsoft/Florence-2-base-ft config.json text_config.vocab_size
TOKEN_SEED = 7             # the same seed in embed_tokens and the decoder: one tied token matrix


def additive_key_mask(g, mask_int64):
    """attention_mask [B,Sk] (1 = attend) -> [B,1,1,Sk] additive (0 or -1e9)."""
    keep = g.op("Cast", [mask_int64], to=TensorProto.FLOAT)
    blocked = g.op("Mul", [g.op("Sub", [g.const(np.array(1, np.float32)), keep]), g.const(np.array(-1e9, np.float32))])
    return g.op("Unsqueeze", [blocked, g.const(np.array([1, 2], np.int64))])


def vision_encoder(path, seed):
    g = Graph(np.random.default_rng(seed))
    pooled = g.op("AveragePool", ["pixel_values"], kernel_shape=[32, 32], strides=[32, 32])           # [B,3,24,24]
    cells = g.op("Conv", [pooled, g.weight(D, 3, 1, 1)], kernel_shape=[1, 1])                          # [B,D,24,24]
    seq = g.op("Transpose", [g.op("Reshape", [cells, g.const(np.array([0, D, -1], np.int64))])], perm=[0, 2, 1])
    # Florence-2 adds a pooled image token in front of the 576 patch tokens: here the mean of the cells.
    summary = g.op("ReduceMean", [seq], axes=[1], keepdims=1)                                          # [B,1,D]
    h = g.op("Add", [g.op("Concat", [summary, seq], axis=1), g.weight(IMAGE_TOKENS, D, scale=0.1)])
    out = g.op("Tanh", [g.linear(h, g.weight(D, D))])
    g.nodes.append(helper.make_node("Identity", [out], ["image_features"]))
    save("vision_encoder", g, path,
         [tensor("pixel_values", TensorProto.FLOAT, ["batch_size", 3, "height", "width"])],
         [tensor("image_features", TensorProto.FLOAT, ["batch_size", "floor(height/32)*floor(width/32) + 1", D])])


def embed_tokens(path):
    g = Graph(np.random.default_rng(TOKEN_SEED))
    g.nodes.append(helper.make_node("Gather", [g.sin_weight(VOCAB, D, TOKEN_SEED), "input_ids"], ["inputs_embeds"], axis=0))
    save("embed_tokens", g, path,
         [tensor("input_ids", TensorProto.INT64, ["batch_size", "sequence_length"])],
         [tensor("inputs_embeds", TensorProto.FLOAT, ["batch_size", "sequence_length", D])])


def encoder_model(path, seed):
    g = Graph(np.random.default_rng(seed))
    x = "inputs_embeds"
    pos = g.positions(g.const(np.array(0, np.int64)), g.dim(x, 1))
    h = g.op("Add", [x, g.sinusoid(pos)])
    mask = additive_key_mask(g, "attention_mask")
    for _ in range(LAYERS):
        q, k, v = (g.split_heads(g.linear(h, g.weight(D, D))) for _ in range(3))
        h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(q, k, v, mask)), g.weight(D, D))])])
    g.nodes.append(helper.make_node("Identity", [h], ["last_hidden_state"]))
    save("encoder_model", g, path,
         [tensor("inputs_embeds", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length", D]),
          tensor("attention_mask", TensorProto.INT64, ["batch_size", "encoder_sequence_length"])],
         [tensor("last_hidden_state", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length", D])])


def past(i, kind, kv):
    return f"past_key_values.{i}.{kind}.{kv}"


def present(i, kind, kv):
    return f"present.{i}.{kind}.{kv}"


def decoder_branch(g, weights, with_past):
    """Outputs logits, then per layer decoder key, value, encoder key, value (Optimum's order)."""
    x = "inputs_embeds"
    seq = g.dim(x, 1)
    past_len = g.dim(past(0, "decoder", "key"), 2) if with_past else g.const(np.array(0, np.int64))
    pos = g.positions(past_len, seq)
    h = g.op("Add", [x, g.sinusoid(pos)])
    causal = g.causal_mask(pos, g.op("Add", [past_len, seq]))
    cross_mask = additive_key_mask(g, "encoder_attention_mask")
    outputs = []
    for i in range(LAYERS):
        w = weights["layers"][i]
        q, k, v = (g.split_heads(g.linear(h, w[n])) for n in ("q", "k", "v"))
        if with_past:
            k = g.op("Concat", [past(i, "decoder", "key"), k], axis=2)
            v = g.op("Concat", [past(i, "decoder", "value"), v], axis=2)
        outputs += [g.op("Identity", [k]), g.op("Identity", [v])]
        h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(q, k, v, causal)), w["o"])])])
        cq = g.split_heads(g.linear(h, w["cq"]))
        if with_past:
            ck, cv = past(i, "encoder", "key"), past(i, "encoder", "value")
            # Optimum's merge: cached steps emit empty constant encoder presents (batch axis 0, other dynamic axes 1).
            empty = np.zeros((0, HEADS, 1, HEAD_DIM), np.float32)
            outputs += [g.op("Identity", [g.const(empty)]), g.op("Identity", [g.const(empty)])]
        else:
            ck = g.split_heads(g.linear("encoder_hidden_states", w["ck"]))
            cv = g.split_heads(g.linear("encoder_hidden_states", w["cv"]))
            outputs += [g.op("Identity", [ck]), g.op("Identity", [cv])]
        h = g.op("Tanh", [g.op("Add", [h, g.linear(g.merge_heads(g.attention(cq, ck, cv, cross_mask)), w["co"])])])
    logits = g.op("MatMul", [h, g.op("Transpose", [weights["vocab"]], perm=[1, 0])])
    return [logits] + outputs


def decoder_model_merged(path, seed):
    rng = np.random.default_rng(seed)
    main = Graph(rng)
    weights = {"vocab": main.sin_weight(VOCAB, D, TOKEN_SEED),
               "layers": [{n: main.weight(D, D) for n in ("q", "k", "v", "o", "cq", "ck", "cv", "co")} for _ in range(LAYERS)]}
    names = ["logits"]
    for i in range(LAYERS):
        names += [present(i, kind, kv) for kind in ("decoder", "encoder") for kv in ("key", "value")]
    branches = {}
    for with_past in (True, False):
        tag = "with" if with_past else "no"
        sub = Graph(rng)
        outs = decoder_branch(sub, weights, with_past)
        sub.nodes += [helper.make_node("Identity", [o], [f"{n}_{tag}_past"]) for o, n in zip(outs, names)]
        sub_outputs = [helper.make_tensor_value_info(f"{n}_{tag}_past", TensorProto.FLOAT, None) for n in names]
        branches[with_past] = helper.make_graph(sub.nodes, f"{tag}_past", [], sub_outputs, initializer=sub.inits)
    main.nodes.append(helper.make_node("If", ["use_cache_branch"], names, name="optimum::if",
                                       then_branch=branches[True], else_branch=branches[False]))
    inputs = [tensor("inputs_embeds", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", D]),
              tensor("encoder_attention_mask", TensorProto.INT64, ["batch_size", "encoder_sequence_length"]),
              tensor("encoder_hidden_states", TensorProto.FLOAT, ["batch_size", "encoder_sequence_length", D])]
    outputs = [tensor("logits", TensorProto.FLOAT, ["batch_size", "decoder_sequence_length", VOCAB])]
    for i in range(LAYERS):
        for kv in ("key", "value"):
            inputs.append(tensor(past(i, "decoder", kv), TensorProto.FLOAT, ["batch_size", HEADS, "past_decoder_sequence_length", HEAD_DIM]))
        for kv in ("key", "value"):
            inputs.append(tensor(past(i, "encoder", kv), TensorProto.FLOAT, ["batch_size", HEADS, "encoder_sequence_length_out", HEAD_DIM]))
        for kv in ("key", "value"):
            outputs.append(tensor(present(i, "decoder", kv), TensorProto.FLOAT,
                                  ["batch_size", HEADS, "past_decoder_sequence_length + 1", HEAD_DIM]))
        for kv in ("key", "value"):
            outputs.append(tensor(present(i, "encoder", kv), TensorProto.FLOAT,
                                  ["encoder_batch_size", HEADS, "encoder_sequence_length_out", HEAD_DIM]))
    inputs.append(tensor("use_cache_branch", TensorProto.BOOL, [1]))
    by_name = {o.name: o for o in outputs}
    save("decoder_model_merged", main, path, inputs, [by_name[n] for n in names])


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    vision_encoder(os.path.join(out_dir, "vision_encoder.onnx"), 11)
    embed_tokens(os.path.join(out_dir, "embed_tokens.onnx"))
    encoder_model(os.path.join(out_dir, "encoder_model.onnx"), 12)
    decoder_model_merged(os.path.join(out_dir, "decoder_model_merged.onnx"), 13)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/tiny/florence2")
