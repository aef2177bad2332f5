#!/usr/bin/python3
"""Writes a tiny tokenizer.json with the structure of CLIP's (openai/clip-vit-base-patch32): NFC +
whitespace collapsing + lowercase, CLIP's split regex then byte-level, BPE with the "</w>" end-of-word
suffix, and <|startoftext|> 49406 / <|endoftext|> 49407 added around every text (RobertaProcessing).
The vocabulary is only the 512 byte symbols plus a handful of whole words, so the ids of ordinary words
are NOT CLIP's; the special ids are. Tests of ClipEmbedder use it with the tiny random-weight towers.

    /usr/bin/python3 models/tools/make_clip_test_tokenizer.py models/src/test/resources/vision/clip-tokenizer/tokenizer.json
"""
import json
import os
import sys

WORDS = ["a", "photo", "of", "dog", "cat", "diagram", "weapon", "nudity", "safe", "image"]
START, END = "<|startoftext|>", "<|endoftext|>"


def byte_symbols():
    """GPT-2's reversible byte -> printable character table, which CLIP's byte-level BPE shares."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return [chr(c) for c in chars]


def main(path):
    symbols = byte_symbols()
    vocab = {}
    for s in symbols:
        vocab[s] = len(vocab)
    for s in symbols:
        vocab[s + "</w>"] = len(vocab)
    merges = []
    for word in WORDS:
        pieces = list(word[:-1]) + [word[-1] + "</w>"]
        while len(pieces) > 1:
            merged = pieces[0] + pieces[1]
            merges.append(pieces[0] + " " + pieces[1])
            vocab.setdefault(merged, len(vocab))
            pieces = [merged] + pieces[2:]
    vocab[START] = 49406
    vocab[END] = 49407

    def added(token_id, content):
        return {"id": token_id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
                "normalized": True, "special": True}

    split = ("<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+")
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added(49406, START), added(49407, END)],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "NFC"}, {"type": "Replace", "pattern": {"Regex": "\\s+"}, "content": " "}, {"type": "Lowercase"}]},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": split}, "behavior": "Removed", "invert": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": False}]},
        "post_processor": {"type": "RobertaProcessing", "sep": [END, 49407], "cls": [START, 49406],
                           "trim_offsets": False, "add_prefix_space": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": END, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "</w>", "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": merges},
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/vision/clip-tokenizer/tokenizer.json")
