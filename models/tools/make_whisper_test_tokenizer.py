#!/usr/bin/python3
"""Writes a small but valid byte-level BPE tokenizer.json with every Whisper special token at its exact
multilingual (v1/v2) id, so that Montage's Whisper decoding is tested with the real DJL / Hugging Face
tokenizers library without the real file (which ships with the model: onnx-community/whisper-*/tokenizer.json,
fetched by `montage models pull whisper-base`).

    /usr/bin/python3 models/tools/make_whisper_test_tokenizer.py models/src/test/resources/speech/whisper-tokenizer

What it holds:
- ids 0..255: the 256 byte symbols of GPT-2's byte-to-unicode table (as Whisper's vocabulary starts), so any
  UTF-8 text encodes and decodes;
- a handful of merges (ids 256..) so that BPE actually merges ("hello", " world", " my", " fellow" ...);
- the special tokens in openai/whisper tokenizer.py order, ids per docs/model-exports.md §1.6,
  multilingual column: <|endoftext|> 50257, <|startoftranscript|> 50258, 99 languages 50259..50357,
  <|translate|> 50358, <|transcribe|> 50359, <|startoflm|> 50360, <|startofprev|> 50361,
  <|nocaptions|> 50362 (Hugging Face's v1/v2 name for <|nospeech|>), <|notimestamps|> 50363,
  <|0.00|>..<|30.00|> 50364..51864.
The special tokens sit in the model vocabulary at those ids as well as in added_tokens, because the
tokenizers library gives an added token the id it has in the model vocabulary (and otherwise the next free one).
"""
import json
import os
import sys

# openai/whisper tokenizer.py LANGUAGES, in order (the first 99: v1/v2 models).
LANGUAGES = ("en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt la "
             "mi ml cy sk te fa lv bn sr az sl kn et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg "
             "sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su").split()
assert len(LANGUAGES) == 99, len(LANGUAGES)

MERGES = ["h e", "l l", "he ll", "hell o", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld", "Ġ m", "Ġm y", "Ġ f", "e ll",
          "Ġf ell", "o w", "Ġfell ow", "Ġ a", "e r", "Ġa m", "Ġam er", "i c", "a n", "Ġamer ic", "Ġameric an", "s ."]


def bytes_to_unicode():
    """GPT-2's reversible map from the 256 byte values to printable unicode characters."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars = printable[:]
    n = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            chars.append(256 + n)
            n += 1
    return dict(zip(printable, [chr(c) for c in chars]))


def main(out_dir):
    byte_symbols = bytes_to_unicode()
    vocab = {byte_symbols[b]: b for b in range(256)}
    for merge in MERGES:
        merged = merge.replace(" ", "")
        if merged not in vocab:
            vocab[merged] = len(vocab)
    specials = ["<|endoftext|>", "<|startoftranscript|>"] + [f"<|{code}|>" for code in LANGUAGES] + [
        "<|translate|>", "<|transcribe|>", "<|startoflm|>", "<|startofprev|>", "<|nocaptions|>", "<|notimestamps|>"]
    specials += [f"<|{i * 0.02:.2f}|>" for i in range(1501)]
    added = []
    for offset, content in enumerate(specials):
        token_id = 50257 + offset
        vocab[content] = token_id
        added.append({"id": token_id, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
                      "normalized": False, "special": not content[2].isdigit()})
    assert vocab["<|0.00|>"] == 50364 and vocab["<|30.00|>"] == 51864
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab, "merges": MERGES},
    }
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "tokenizer.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes, {len(vocab)} vocabulary entries")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/speech/whisper-tokenizer")
