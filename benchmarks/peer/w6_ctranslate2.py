"""W6 on CTranslate2: an OPUS-MT-shaped Marian model at production size (peer benchmark).

Reads a Hugging Face MarianMTModel directory (config.json + model.safetensors with HF's parameter
names; safetensors parsed here with numpy: 8-byte header length, JSON header, raw little-endian
data), builds a CTranslate2 TransformerSpec from it through the specs API (post-norm, no final
norms, the config's activation, Marian's sinusoidal positions in the halves layout [sin | cos],
embeddings scaled by sqrt(d_model) when scale_embedding, shared and tied vocabulary, final_logits_bias
as the output bias), saves it to a temporary directory and loads it into a ctranslate2.Translator
(intra_threads=2). Vocabulary tokens are the ids written as decimal strings.

W6 (keep it identical across peers):
  source length 24 = 23 content tokens + EOS (eos_token_id of config.json); content token j (0..22)
  of sentence b (0-based): 2 + ((b * 7919 + j * 104729) % (V - 3)), V = vocab_size;
  decoder start = decoder_start_token_id; exactly 32 generated tokens, EOS and PAD never generated
  (min = max decoding length 32, pad suppressed); greedy and beam 4 (best hypothesis);
  batch 1 and batch 83 (83 x 24 = 1,992 source tokens); float32 and int8.
Reported: tokens/s = batch x 32 / time of one translate_batch call (encoding included; median of
timed runs after warm-up), time to first token (batch 1, translate_batch with max length 1), model
load time (spec build from the checkpoint + Translator construction), peak RSS (ru_maxrss of this
process so far: run one --compute-types at a time for a clean figure per type).

  PYTHONPATH=/path/to/ct2-python LD_LIBRARY_PATH=/path/to/ct2-install/lib \
    /usr/bin/python3 benchmarks/peer/w6_ctranslate2.py /tmp/opus-sized
  ... --check ../shared/fixtures/hf/marian-tiny-en-fr   (compare with the fixture's HF references)
Final line: W6 ctranslate2 tok_per_s float32_greedy_b1=.. ... ttft_ms=.. load_s=.. peak_rss_mib=..
"""
import argparse
import json
import math
import os
import resource
import statistics
import struct
import sys
import tempfile
import time
import zlib

if "PEER_TAG" not in os.environ:
    # the peers' convention (../shared/bench/peer/peer_env.sh): no forced OpenBLAS core type
    env = dict(os.environ, PEER_TAG="ct2")
    env.pop("OPENBLAS_CORETYPE", None)
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import numpy as np  # noqa: E402

import ctranslate2  # noqa: E402
from ctranslate2.specs import common_spec, transformer_spec  # noqa: E402

SRC_LEN, STEPS, BEAM = 24, 32, 4
ACTIVATIONS = {"swish": common_spec.Activation.SWISH, "silu": common_spec.Activation.SWISH,
               "relu": common_spec.Activation.RELU, "gelu": common_spec.Activation.GELU,
               "gelu_new": common_spec.Activation.GELUTanh}
DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None}


def read_safetensors(path):
    """name -> float32 numpy array, from a .safetensors file."""
    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError("%s: too short for a safetensors file" % path)
    (n,) = struct.unpack("<Q", raw[:8])
    if 8 + n > len(raw):
        raise ValueError("%s: header length %d past the end of the file" % (path, n))
    header = json.loads(raw[8:8 + n])
    data = memoryview(raw)[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt, shape, (a, b) = info["dtype"], info["shape"], info["data_offsets"]
        if dt not in DTYPES:
            raise ValueError("%s: tensor %s has dtype %s (F32, F16 or BF16 expected)"
                             % (path, name, dt))
        buf = data[a:b]
        if DTYPES[dt] is None:  # bfloat16: the high half of a float32
            u = np.frombuffer(buf, "<u2").astype(np.uint32) << 16
            arr = u.view(np.float32)
        else:
            arr = np.frombuffer(buf, np.dtype(DTYPES[dt]).newbyteorder("<")).astype(np.float32)
        if arr.size != math.prod(shape):
            raise ValueError("%s: tensor %s has %d values for shape %s"
                             % (path, name, arr.size, shape))
        out[name] = np.ascontiguousarray(arr.reshape(shape))
    return out


def marian_positions(n, d):
    """Marian/HF static sinusoids: columns [0, d/2) sin, [d/2, d) cos (float64 -> float32)."""
    pos = np.arange(n, dtype=np.float64)[:, None]
    j = np.arange(d)[None, :]
    angle = pos / np.power(10000.0, 2 * (j // 2) / d)
    pe = np.empty((n, d), np.float64)
    half = (d + 1) // 2
    pe[:, :half] = np.sin(angle[:, 0::2])
    pe[:, half:] = np.cos(angle[:, 1::2])
    return pe.astype(np.float32)


def build_spec(model_dir):
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    w = read_safetensors(os.path.join(model_dir, "model.safetensors"))

    def get(name):
        if name not in w:
            raise KeyError("%s/model.safetensors has no tensor %s" % (model_dir, name))
        return w[name]

    act = cfg.get("activation_function", "swish")
    if act not in ACTIVATIONS:
        raise ValueError("config.json: activation_function %r not supported" % act)
    if cfg.get("normalize_before", False):
        raise ValueError("config.json: normalize_before=true (pre-norm) is not a Marian model")
    d, v = cfg["d_model"], cfg["vocab_size"]
    spec = transformer_spec.TransformerSpec.from_config(
        (cfg["encoder_layers"], cfg["decoder_layers"]), cfg["encoder_attention_heads"],
        pre_norm=False, activation=ACTIVATIONS[act])
    if cfg["decoder_attention_heads"] != cfg["encoder_attention_heads"]:
        raise ValueError("config.json: encoder/decoder head counts differ")
    shared = w.get("model.shared.weight")
    src_emb = w.get("model.encoder.embed_tokens.weight", shared)
    tgt_emb = w.get("model.decoder.embed_tokens.weight", shared)
    if src_emb is None or tgt_emb is None:
        raise KeyError("%s: no model.shared.weight nor per-side embed_tokens" % model_dir)
    out_w = w.get("lm_head.weight")
    if out_w is None:
        if not cfg.get("tie_word_embeddings", True):
            raise KeyError("%s: tie_word_embeddings is false but lm_head.weight is missing"
                           % model_dir)
        out_w = tgt_emb
    pe = marian_positions(cfg["max_position_embeddings"], d)
    scale = math.sqrt(d) if cfg.get("scale_embedding", False) else 1.0
    enc, dec = spec.encoder, spec.decoder
    for side in (enc, dec):
        side.scale_embeddings = scale
        side.position_encodings.encodings = pe
    enc.embeddings[0].weight = src_emb
    dec.embeddings.weight = tgt_emb
    dec.projection.weight = out_w
    dec.projection.bias = get("final_logits_bias").reshape(-1)

    def lin(spec_, prefix, parts=("",)):
        spec_.weight = np.concatenate([get(prefix + p + ".weight") for p in parts])
        spec_.bias = np.concatenate([get(prefix + p + ".bias") for p in parts])

    def norm(spec_, prefix):
        spec_.gamma, spec_.beta = get(prefix + ".weight"), get(prefix + ".bias")

    for i, ls in enumerate(enc.layer):
        p = "model.encoder.layers.%d." % i
        lin(ls.self_attention.linear[0], p + "self_attn.", ("q_proj", "k_proj", "v_proj"))
        lin(ls.self_attention.linear[1], p + "self_attn.out_proj")
        norm(ls.self_attention.layer_norm, p + "self_attn_layer_norm")
        lin(ls.ffn.linear_0, p + "fc1")
        lin(ls.ffn.linear_1, p + "fc2")
        norm(ls.ffn.layer_norm, p + "final_layer_norm")
    for i, ls in enumerate(dec.layer):
        p = "model.decoder.layers.%d." % i
        lin(ls.self_attention.linear[0], p + "self_attn.", ("q_proj", "k_proj", "v_proj"))
        lin(ls.self_attention.linear[1], p + "self_attn.out_proj")
        norm(ls.self_attention.layer_norm, p + "self_attn_layer_norm")
        lin(ls.attention.linear[0], p + "encoder_attn.q_proj")
        lin(ls.attention.linear[1], p + "encoder_attn.", ("k_proj", "v_proj"))
        lin(ls.attention.linear[2], p + "encoder_attn.out_proj")
        norm(ls.attention.layer_norm, p + "encoder_attn_layer_norm")
        lin(ls.ffn.linear_0, p + "fc1")
        lin(ls.ffn.linear_1, p + "fc2")
        norm(ls.ffn.layer_norm, p + "final_layer_norm")

    eos, pad = cfg["eos_token_id"], cfg["pad_token_id"]
    start = cfg.get("decoder_start_token_id", pad)
    tokens = [str(i) for i in range(v)]
    spec.config.unk_token = "1"  # every input is a known id string; Marian's <unk> is id 1
    spec.config.bos_token = str(eos)
    spec.config.eos_token = str(eos)
    # HF starts the decoder from the embedding row of decoder_start_token_id (the pad row): keep
    # it as an ordinary token (no start_from_zero_embedding), so a non-zero row is honoured too.
    spec.config.decoder_start_token = str(start)
    spec.register_source_vocabulary(tokens)
    spec.register_target_vocabulary(tokens)
    spec.validate()
    spec.optimize(quantization=None)
    return spec, cfg


def w6_sources(batch, v, eos):
    return [[str(2 + ((b * 7919 + j * 104729) % (v - 3))) for j in range(SRC_LEN - 1)] + [str(eos)]
            for b in range(batch)]


def median_time(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), ts


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def check_fixture(tr, cfg, fixture_dir):
    """Greedy and beam-4 outputs vs reference.json (HF generate, max_new_tokens=20, pad banned,
    forced EOS at the 20th token): compare the 19 freely chosen tokens."""
    with open(os.path.join(fixture_dir, "reference.json")) as f:
        ref = json.load(f)
    pad = cfg["pad_token_id"]
    ok_all = True
    for kind, beam in (("greedy", 1), ("beam4", BEAM)):
        n_ok, n_skip = 0, 0
        for item in ref[kind]:
            if item["input_ids"] == [cfg["eos_token_id"]]:
                # CTranslate2 counts a source that is only EOS/BOS as empty (no special tokens
                # left: SequenceToSequenceReplica's source length) and returns no tokens.
                n_skip += 1
                continue
            want = item["output_ids"] if beam == 1 else item["output_ids"][0]
            want = want[1:]  # drop the decoder start
            free = want[:-1] if len(want) == 20 and want[-1] == cfg["eos_token_id"] else want
            if cfg["eos_token_id"] in free:
                free = free[:free.index(cfg["eos_token_id"])]
            r = tr.translate_batch([[str(t) for t in item["input_ids"]]], beam_size=beam,
                                   max_decoding_length=19, suppress_sequences=[[str(pad)]],
                                   max_batch_size=0)
            got = [int(t) for t in r[0].hypotheses[0]]
            same = got == free
            n_ok += same
            if not same:
                print("  %s mismatch for %r:\n    hf  %s\n    ct2 %s" % (kind, item["text"], free, got))
        print("check %s: %d/%d equal to the HF references (%d skipped: source only EOS, "
              "which CTranslate2 treats as empty)" % (kind, n_ok, len(ref[kind]) - n_skip, n_skip))
        ok_all &= n_ok == len(ref[kind]) - n_skip
    return ok_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir", help="HF MarianMTModel directory (config.json, model.safetensors)")
    ap.add_argument("--check", metavar="FIXTURE_DIR",
                    help="also compare with FIXTURE_DIR/reference.json (run on that fixture)")
    ap.add_argument("--compute-types", default="float32,int8")
    ap.add_argument("--batches", default="1,83")
    ap.add_argument("--modes", default="greedy,beam4")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5, help="timed runs at batch 1")
    ap.add_argument("--runs-big", type=int, default=3, help="timed runs at the big batch")
    ap.add_argument("--warmup", type=int, default=1)
    args = ap.parse_args()
    for name in ("config.json", "model.safetensors"):
        if not os.path.isfile(os.path.join(args.model_dir, name)):
            sys.exit("w6_ctranslate2: %s has no %s" % (args.model_dir, name))

    t0 = time.perf_counter()
    spec, cfg = build_spec(args.model_dir)
    v, eos, pad = cfg["vocab_size"], cfg["eos_token_id"], cfg["pad_token_id"]
    results, final = {"config": {k: cfg.get(k) for k in (
        "d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads",
        "encoder_ffn_dim", "vocab_size", "activation_function")}}, []
    ok = True
    with tempfile.TemporaryDirectory(prefix="w6-ct2-") as tmp:
        spec.save(tmp)
        del spec
        build_s = time.perf_counter() - t0
        print("# model %s: d_model %d, %d+%d layers, vocab %d, spec build+save %.2f s"
              % (args.model_dir, cfg["d_model"], cfg["encoder_layers"], cfg["decoder_layers"],
                 v, build_s))
        for ct in args.compute_types.split(","):
            t1 = time.perf_counter()
            tr = ctranslate2.Translator(tmp, device="cpu", compute_type=ct,
                                        intra_threads=args.threads, inter_threads=1)
            load_s = build_s + time.perf_counter() - t1
            print("W6 ct2 %s load_s=%.2f (spec build %.2f + Translator %.2f) rss_mib=%.0f"
                  % (ct, load_s, build_s, load_s - build_s, rss_mib()))
            results[ct + "_load_s"] = load_s
            if args.check and ct == "float32":
                ok &= check_fixture(tr, cfg, args.check)
            opts = dict(max_batch_size=0, suppress_sequences=[[str(pad)]], return_scores=False)
            one = w6_sources(1, v, eos)
            ttft, _ = median_time(lambda: tr.translate_batch(
                one, beam_size=1, min_decoding_length=1, max_decoding_length=1, **opts),
                args.runs, args.warmup)
            results[ct + "_ttft_s"] = ttft
            print("W6 ct2 %s ttft_ms=%.1f (batch 1, greedy, max length 1)" % (ct, ttft * 1e3))
            final.append("%s_ttft_ms=%.1f" % (ct, ttft * 1e3))
            for mode in args.modes.split(","):
                beam = {"greedy": 1, "beam4": BEAM}[mode]
                for b in (int(x) for x in args.batches.split(",")):
                    src = w6_sources(b, v, eos)

                    def run():
                        return tr.translate_batch(src, beam_size=beam, num_hypotheses=1,
                                                  min_decoding_length=STEPS,
                                                  max_decoding_length=STEPS, **opts)

                    out = run()
                    ids = [[int(t) for t in r.hypotheses[0]] for r in out]
                    lens_ok = all(len(r) == STEPS for r in ids)
                    no_special = all(t not in (eos, pad) for r in ids for t in r)
                    ok &= lens_ok and no_special
                    runs = args.runs if b == 1 else args.runs_big
                    med, ts = median_time(run, runs, args.warmup)
                    tps = b * STEPS / med
                    key = "%s_%s_b%d" % (ct, mode, b)
                    crc = zlib.crc32(np.asarray(ids, np.int32).tobytes())
                    results[key] = {"decode_s": med, "samples": ts, "tok_per_s": tps,
                                    "row0": ids[0], "crc32_all": crc}
                    print("W6 ct2 %-20s decode_s median=%.3f min=%.3f max=%.3f tok/s=%.0f "
                          "32_tokens=%s no_eos_pad=%s crc32=%08x row0[:8]=%s rss_mib=%.0f"
                          % (key, med, min(ts), max(ts), tps, lens_ok, no_special, crc,
                             ids[0][:8], rss_mib()))
                    final.append("%s=%.0f" % (key, tps))
            final.append("%s_load_s=%.2f" % (ct, load_s))
            del tr
    peak = rss_mib()
    results["peak_rss_mib"] = peak
    out_dir = os.environ.get("PEER_OUT", "/tmp/attn4j-peer/results")
    os.makedirs(out_dir, exist_ok=True)
    rec = dict(results, ctranslate2=ctranslate2.__version__, threads=args.threads,
               argv=sys.argv, time=time.strftime("%Y-%m-%dT%H:%M:%S"),
               loadavg=os.getloadavg()[0])
    with open(os.path.join(out_dir, "w6_ctranslate2.json"), "a") as f:
        f.write(json.dumps(rec) + "\n")
    print("# ctranslate2=%s intra_threads=%d checks=%s" % (ctranslate2.__version__, args.threads,
                                                          "ok" if ok else "FAILED"))
    print("W6 ctranslate2 tok_per_s " + " ".join(final) + " peak_rss_mib=%.0f" % peak)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
