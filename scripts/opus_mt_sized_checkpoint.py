#!/usr/bin/env python3
"""Writes a Hugging Face MarianMTModel directory with the shapes of Helsinki-NLP/opus-mt-en-fr
(d_model 512, 6 + 6 layers, 8 heads, FFN 2048, a 59,514-piece shared vocabulary: about 75 M
parameters) and random weights, for measuring what `attn4j import` and loading such a model
need in memory (BENCHMARKS.md). attn4j downloads nothing, and the real model is not needed for a
memory figure: the file layout, dtypes and shapes are what matter.

The tokenizer files (source.spm, target.spm) are copied from the tiny fixture; vocab.json holds
the fixture's pieces followed by made-up ones up to the full size (Marian's layout: `</s>` 0,
`<unk>` 1, `<pad>` last, which is also the decoder start).

    python3 scripts/opus_mt_sized_checkpoint.py ../shared/fixtures/hf/marian-tiny-en-fr /tmp/opus-sized [f32|f16]
        [--vocab N] [--seed S]

--vocab sets the shared vocabulary size (default 59,514, opus-mt-en-fr's; benchmark W6 uses 32,000, see
benchmarks/peer/README.md); it must be larger than the fixture's 1,479 pieces. --seed seeds the weights
(default 75): the same arguments always write the same bytes.

Needs numpy (pip install numpy, or Debian: python3-numpy).
"""
import argparse
import json
import shutil
import struct
import sys
from pathlib import Path

import numpy as np

D, FFN, LAYERS, OPUS_EN_FR_VOCAB, SEED = 512, 2048, 6, 59514, 75


def tensors(vocab):
    yield "final_logits_bias", (1, vocab)
    yield "model.shared.weight", (vocab, D)
    for side in ("encoder", "decoder"):
        for i in range(LAYERS):
            p = f"model.{side}.layers.{i}."
            attns = ["self_attn"] + (["encoder_attn"] if side == "decoder" else [])
            for a in attns:
                for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
                    yield p + a + "." + proj + ".weight", (D, D)
                    yield p + a + "." + proj + ".bias", (D,)
                yield p + a + "_layer_norm.weight", (D,)
                yield p + a + "_layer_norm.bias", (D,)
            yield p + "fc1.weight", (FFN, D)
            yield p + "fc1.bias", (FFN,)
            yield p + "fc2.weight", (D, FFN)
            yield p + "fc2.bias", (D,)
            yield p + "final_layer_norm.weight", (D,)
            yield p + "final_layer_norm.bias", (D,)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tiny", type=Path, help="the tiny fixture directory (tokenizer files, config keys)")
    ap.add_argument("out", type=Path, help="the checkpoint directory to write (must not exist)")
    ap.add_argument("dtype", nargs="?", default="f32", choices=("f32", "f16"))
    ap.add_argument("--vocab", type=int, default=OPUS_EN_FR_VOCAB, help="shared vocabulary size (default %(default)s)")
    ap.add_argument("--seed", type=int, default=SEED, help="seed of the random weights (default %(default)s)")
    args = ap.parse_args()
    tiny, out, dtype, VOCAB = args.tiny, args.out, args.dtype, args.vocab
    np_type, st_type = (np.float16, "F16") if dtype == "f16" else (np.float32, "F32")
    out.mkdir(parents=True, exist_ok=False)
    for f in ("source.spm", "target.spm", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(tiny / f, out / f)
    pieces = list(json.loads((tiny / "vocab.json").read_text(encoding="utf-8")).keys())
    pieces = [p for p in pieces if p != "<pad>"]
    if VOCAB <= len(pieces):
        sys.exit(f"--vocab {VOCAB}: must be larger than the {len(pieces) + 1} pieces of {tiny / 'vocab.json'}")
    n = 0
    while len(pieces) < VOCAB - 1:
        pieces.append(f"\u2581made{n}")
        n += 1
    pieces.append("<pad>")
    (out / "vocab.json").write_text(json.dumps({p: i for i, p in enumerate(pieces)}, ensure_ascii=False),
                                    encoding="utf-8")
    config = json.loads((tiny / "config.json").read_text())
    config.update(d_model=D, encoder_ffn_dim=FFN, decoder_ffn_dim=FFN, encoder_layers=LAYERS,
                  decoder_layers=LAYERS, num_hidden_layers=LAYERS, encoder_attention_heads=8,
                  decoder_attention_heads=8, vocab_size=VOCAB, decoder_vocab_size=VOCAB,
                  pad_token_id=VOCAB - 1, decoder_start_token_id=VOCAB - 1, max_position_embeddings=512)
    (out / "config.json").write_text(json.dumps(config, indent=2))
    gen = json.loads((tiny / "generation_config.json").read_text())
    gen.update(bad_words_ids=[[VOCAB - 1]], pad_token_id=VOCAB - 1, decoder_start_token_id=VOCAB - 1)
    (out / "generation_config.json").write_text(json.dumps(gen, indent=2))

    rng = np.random.default_rng(args.seed)
    header, offset, shapes = {}, 0, list(tensors(VOCAB))
    for name, shape in shapes:
        size = int(np.prod(shape)) * np.dtype(np_type).itemsize
        header[name] = {"dtype": st_type, "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(out / "model.safetensors", "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for name, shape in shapes:
            scale = 1.0 if name.endswith("layer_norm.weight") else 0.02
            a = (rng.standard_normal(shape, dtype=np.float32) * scale).astype(np_type)
            if name.endswith("layer_norm.weight"):
                a = np.ones(shape, dtype=np_type)
            f.write(a.tobytes())
    params = sum(int(np.prod(s)) for _, s in shapes)
    print(f"wrote {out}: vocabulary {VOCAB:,}, seed {args.seed}, {params:,} parameters, {offset / 2**20:.0f} MiB of {st_type} weights")


if __name__ == "__main__":
    main()
