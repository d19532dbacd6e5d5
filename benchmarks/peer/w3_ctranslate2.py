"""W3 on CTranslate2: greedy decoding with the W2 model (peer benchmark, outside attn4j).

Builds the W2 torch model exactly as ../shared/bench/peer/w3_greedy.py does (same module,
torch.manual_seed(0) in common.py, model built first), copies its weights into a CTranslate2
TransformerSpec through the specs API (post-norm, ReLU, the model's own sinusoidal position table,
final LayerNorm after each stack, embeddings scaled by sqrt(256)), saves it to a temporary
directory and loads it into a ctranslate2.Translator with intra_threads=2.

Decoding: source 16 (drawn as w3_greedy.py draws it), start token = BOS id 1, exactly 32 steps
(min = max decoding length 32), greedy, batch 1 and batch 32; float32 and int8 compute types.
The target vocabulary gets one extra token "</s>" (CTranslate2 needs an end token) whose output
row has zero weights and bias -1e9 (and a zero embedding row), so it is never chosen and the 6,000 real logits are unchanged.
Time = one whole translate_batch call (encoding included); median of --runs after --warmup.
Also checks that the float32 tokens equal PyTorch's cached greedy tokens on all 32 steps.

  PYTHONPATH=/path/to/ct2-python LD_LIBRARY_PATH=/path/to/ct2-install/lib \
    /usr/bin/python3 benchmarks/peer/w3_ctranslate2.py [--runs 10] [--peer-dir ../shared/bench/peer]
Final line: W3 ctranslate2 tok_per_s float32_b1=.. float32_b32=.. int8_b1=.. int8_b32=..
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def peer_dir_from_argv():
    default = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "bench", "peer"))
    for i, a in enumerate(sys.argv):
        if a == "--peer-dir" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if a.startswith("--peer-dir="):
            return a.split("=", 1)[1]
    return default


PEER_DIR = peer_dir_from_argv()
if not os.path.isfile(os.path.join(PEER_DIR, "w3_greedy.py")):
    sys.exit("w3_ctranslate2: no w3_greedy.py in --peer-dir %s" % PEER_DIR)
sys.path.insert(0, PEER_DIR)
_OMP_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
if "PEER_TAG" not in os.environ and os.path.isdir(_OMP_DIR):
    # common.py's own re-exec would replace LD_LIBRARY_PATH (and lose libctranslate2's folder):
    # do the same switch here, keeping what was there after the OpenMP OpenBLAS folder.
    _env = dict(os.environ, PEER_TAG="omp-auto",
                LD_LIBRARY_PATH=":".join(p for p in (_OMP_DIR, os.environ.get("LD_LIBRARY_PATH"))
                                         if p))
    _env.pop("OPENBLAS_CORETYPE", None)
    os.execve(sys.executable, [sys.executable] + sys.argv, _env)
# common.py pins threads, seeds torch (seed 0) and re-executes under the omp-auto BLAS config
# (OPENBLAS_CORETYPE unset) when PEER_TAG is unset, as every peer script does.
from common import NOISE, measure, rate_line, report, summarize, torch  # noqa: E402
from w2_transformer import D, HEADS, LAYERS, SRC_V, TGT_V, TransformerMT  # noqa: E402
from w3_greedy import BOS, SRC_LEN, STEPS, greedy_cache  # noqa: E402

import numpy as np  # noqa: E402

import ctranslate2  # noqa: E402
from ctranslate2.specs import common_spec, transformer_spec  # noqa: E402

EOS = "</s>"


def arr(t):
    return np.ascontiguousarray(t.detach().numpy().astype(np.float32))


def set_linear(spec, w, b):
    spec.weight = arr(w)
    spec.bias = arr(b)


def set_norm(spec, norm):
    spec.gamma = arr(norm.weight)
    spec.beta = arr(norm.bias)


def build_spec(model):
    spec = transformer_spec.TransformerSpec.from_config(
        (LAYERS, LAYERS), HEADS, pre_norm=False, activation=common_spec.Activation.RELU)
    enc, dec = spec.encoder, spec.decoder
    pe = arr(model.pe)
    for side, emb in ((enc, model.src_emb), (dec, model.tgt_emb)):
        side.scale_embeddings = True  # sqrt(d_model)
        side.position_encodings.encodings = pe
    enc.embeddings[0].weight = arr(model.src_emb.weight)
    # target side: one extra row for the end token (never an input, never chosen)
    dec.embeddings.weight = np.concatenate([arr(model.tgt_emb.weight),
                                            np.zeros((1, D), np.float32)])
    for ls, layer in zip(enc.layer, model.tf.encoder.layers):
        sa = layer.self_attn
        set_linear(ls.self_attention.linear[0], sa.in_proj_weight, sa.in_proj_bias)
        set_linear(ls.self_attention.linear[1], sa.out_proj.weight, sa.out_proj.bias)
        set_norm(ls.self_attention.layer_norm, layer.norm1)
        set_linear(ls.ffn.linear_0, layer.linear1.weight, layer.linear1.bias)
        set_linear(ls.ffn.linear_1, layer.linear2.weight, layer.linear2.bias)
        set_norm(ls.ffn.layer_norm, layer.norm2)
    for ls, layer in zip(dec.layer, model.tf.decoder.layers):
        sa, ca = layer.self_attn, layer.multihead_attn
        set_linear(ls.self_attention.linear[0], sa.in_proj_weight, sa.in_proj_bias)
        set_linear(ls.self_attention.linear[1], sa.out_proj.weight, sa.out_proj.bias)
        set_norm(ls.self_attention.layer_norm, layer.norm1)
        set_linear(ls.attention.linear[0], ca.in_proj_weight[:D], ca.in_proj_bias[:D])
        set_linear(ls.attention.linear[1], ca.in_proj_weight[D:], ca.in_proj_bias[D:])
        set_linear(ls.attention.linear[2], ca.out_proj.weight, ca.out_proj.bias)
        set_norm(ls.attention.layer_norm, layer.norm2)
        set_linear(ls.ffn.linear_0, layer.linear1.weight, layer.linear1.bias)
        set_linear(ls.ffn.linear_1, layer.linear2.weight, layer.linear2.bias)
        set_norm(ls.ffn.layer_norm, layer.norm3)
    # nn.Transformer's final norms. The C++ side applies "<side>/layer_norm" whenever the model
    # has it (an optional layer), but from_config declares it only for pre-norm, and spec objects
    # refuse new attributes: add it past that guard.
    for side in (enc, dec):
        object.__setattr__(side, "layer_norm", common_spec.LayerNormSpec())
    set_norm(enc.layer_norm, model.tf.encoder.norm)
    set_norm(dec.layer_norm, model.tf.decoder.norm)
    # output projection + one never-chosen end-token row
    w = np.concatenate([arr(model.out.weight), np.zeros((1, D), np.float32)])
    b = np.concatenate([arr(model.out.bias), np.full((1,), -1e9, np.float32)])
    dec.projection.weight, dec.projection.bias = w, b

    spec.config.unk_token = "0"
    spec.config.bos_token = str(BOS)
    spec.config.eos_token = EOS
    spec.config.decoder_start_token = str(BOS)
    spec.register_source_vocabulary([str(i) for i in range(SRC_V)])
    spec.register_target_vocabulary([str(i) for i in range(TGT_V)] + [EOS])
    return spec


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--peer-dir", default=PEER_DIR)
    ap.add_argument("--compute-types", default="float32,int8")
    args = ap.parse_args()

    model = TransformerMT().eval()  # same construction order and seed as w3_greedy.py
    srcs = {b: torch.randint(0, SRC_V, (b, SRC_LEN)) for b in (1, 32)}
    ref = {b: greedy_cache(model, s) for b, s in srcs.items()}

    with tempfile.TemporaryDirectory(prefix="w3-ct2-") as tmp:
        spec = build_spec(model)
        spec.validate()
        spec.optimize(quantization=None)
        spec.save(tmp)
        results, final = {}, []
        for ct in args.compute_types.split(","):
            tr = ctranslate2.Translator(tmp, device="cpu", compute_type=ct,
                                        intra_threads=args.threads, inter_threads=1)
            for b, src in srcs.items():
                tokens = [[str(int(x)) for x in row] for row in src]

                def run():
                    return tr.translate_batch(tokens, beam_size=1, max_batch_size=0,
                                              min_decoding_length=STEPS,
                                              max_decoding_length=STEPS)

                out = run()
                ids = torch.tensor([[int(t) for t in r.hypotheses[0]] for r in out])
                same = ids.shape == ref[b].shape and bool((ids == ref[b]).all())
                steps_same = int((ids == ref[b]).all(0).long().cumprod(0).sum()) \
                    if ids.shape == ref[b].shape else 0
                samples = measure(run, iters=args.runs, warmup=args.warmup)
                key = "%s_b%d" % (ct, b)
                results[key] = {"decode_s": summarize(samples), "samples": samples,
                                "tok_per_s": rate_line(samples, b * STEPS),
                                "same_tokens_as_torch": same, "leading_steps_equal": steps_same,
                                **NOISE}
                r, s = results[key]["tok_per_s"], results[key]["decode_s"]
                print("W3 ct2 %-12s decode_s median=%.4f min=%.4f max=%.4f tok/s median=%.0f "
                      "best=%.0f worst=%.0f same_tokens_as_torch=%s (leading equal steps %d/%d) "
                      "cpu_share=%.2f others=%.2f"
                      % (key, s["median"], s["min"], s["max"], r["median"], r["best"],
                         r["worst"], same, steps_same, STEPS, NOISE["cpu_share"],
                         NOISE["others_cores"]))
                final.append("%s=%.0f" % (key, r["median"]))
            del tr
    rec = report("w3_ctranslate2", {"results": results, "ctranslate2": ctranslate2.__version__,
                                    "ct2_threads": args.threads})
    print("# ctranslate2=%s intra_threads=%d torch-blas=%s"
          % (ctranslate2.__version__, args.threads, rec["blas"]))
    print("W3 ctranslate2 tok_per_s " + " ".join(final))


if __name__ == "__main__":
    main()
