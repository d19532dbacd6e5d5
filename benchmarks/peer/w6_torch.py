#!/usr/bin/env python3
"""W6 (perf issue 16): PyTorch eager peer for decoding with an OPUS-MT-sized Marian model.

A Marian forward written on torch 1.13 alone (no `transformers`): config.json and model.safetensors
(read by the small numpy parser below) of a Hugging Face MarianMTModel directory, post-norm layers,
Marian's sinusoids (sines in the first half of the columns, cosines in the second), tied output with
final_logits_bias, a key/value cache (self-attention K/V in preallocated buffers, cross-attention K/V
of the memory projected once), greedy and beam search under Hugging Face's generate() rules.

W6 (benchmarks/peer/README.md): source 24 = 23 content tokens + EOS, content token j of sentence b
has id 2 + ((b*7919 + j*104729) % (V-3)); decoding starts from decoder_start_token_id; exactly 32
generated tokens, EOS and PAD never generated (Hugging Face's min_new_tokens=32 and
bad_words_ids=[[pad]]: their scores are set to -inf after the log-softmax in beam search, before the
argmax in greedy); greedy and beam 4 (length_penalty 1, early_stopping False; the best hypothesis),
batch 1 and batch 83; 2 threads.

    /usr/bin/python3 benchmarks/peer/w6_torch.py --validate ../shared/fixtures/hf/marian-tiny-en-fr
    /usr/bin/python3 benchmarks/peer/w6_torch.py --model /tmp/w6/hf [--runs N] [--warmup N] [--tokens FILE]
    /usr/bin/python3 benchmarks/peer/w6_torch.py --compare torch.txt java.txt onnx.txt

Final line: W6 torch greedy_b1=.. greedy_b83=.. beam4_b1=.. beam4_b83=.. (generated tokens/s)
ttft_ms_greedy=.. ttft_ms_beam4=.. load_s=.. peak_rss_mb=..
"""
import argparse
import json
import math
import os
import statistics
import struct
import sys
import time

# The BLAS configuration of shared/bench/peer/common.py: unless PEER_TAG is set, run under the OpenBLAS
# OpenMP build with its own kernel choice (the machine default, the pthread build with this
# environment's OPENBLAS_CORETYPE=Haswell, is several times slower and would understate the peer).
_OMP_DIR = "/usr/lib/x86_64-linux-gnu/openblas-openmp"
if "PEER_TAG" not in os.environ and os.path.isdir(_OMP_DIR) and "--compare" not in sys.argv:
    _env = dict(os.environ, PEER_TAG="omp-auto", LD_LIBRARY_PATH=_OMP_DIR)
    _env.pop("OPENBLAS_CORETYPE", None)
    os.execve(sys.executable, [sys.executable] + sys.argv, _env)

THREADS = int(os.environ.get("PEER_THREADS", "2"))
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(THREADS))
os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))

import numpy as np  # noqa: E402
import torch  # noqa: E402

torch.set_num_threads(THREADS)
torch.set_num_interop_threads(1)
F = torch.nn.functional

STEPS, BIG_BATCH, SRC_LEN = 32, 83, 24
NEG_INF = float("-inf")


# ---------------------------------------------------------------- safetensors and config

def read_safetensors(path):
    """name -> float32 torch tensor, for F32, F16 and BF16 tensors."""
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        raw = f.read(8)
        if len(raw) != 8:
            sys.exit("%s: too short for a safetensors file" % path)
        n = struct.unpack("<Q", raw)[0]
        if n > size - 8:
            sys.exit("%s: header length %d exceeds the file (%d bytes)" % (path, n, size))
        header = json.loads(f.read(n))
    body = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + n)
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        a, b = h["data_offsets"]
        if not 0 <= a <= b <= body.size:
            sys.exit("%s: tensor %s has data_offsets %s outside the data (%d bytes)" % (path, name, h["data_offsets"],
                                                                                       body.size))
        chunk = body[a:b]
        if h["dtype"] == "F32":
            x = chunk.view("<f4").astype(np.float32)
        elif h["dtype"] == "F16":
            x = chunk.view("<f2").astype(np.float32)
        elif h["dtype"] == "BF16":
            x = (chunk.view("<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            sys.exit("%s: tensor %s has dtype %s; only F32, F16 and BF16 are read" % (path, name, h["dtype"]))
        if x.size != int(np.prod(h["shape"], dtype=np.int64)):
            sys.exit("%s: tensor %s has %d values for shape %s" % (path, name, x.size, h["shape"]))
        out[name] = torch.from_numpy(x.reshape(h["shape"]))
    return out


def marian_positions(rows, d):
    """Marian's static sinusoids: angle[p][j] = p / 10000^(2*(j//2)/d); sin of the even columns of the
    angles in the first half, cos of the odd ones in the second (float64, then float32)."""
    p = np.arange(rows, dtype=np.float64)[:, None]
    j = np.arange(d)[None, :]
    angle = p / np.power(10000, 2 * (j // 2) / d)
    out = np.zeros((rows, d))
    half = d // 2 if d % 2 == 0 else d // 2 + 1
    out[:, :half] = np.sin(angle[:, 0::2])
    out[:, half:] = np.cos(angle[:, 1::2])
    return torch.from_numpy(out.astype(np.float32))


ACTIVATIONS = {"swish": F.silu, "silu": F.silu, "gelu": F.gelu, "relu": F.relu}


class Marian:
    """A MarianMTModel's weights and its forward: encode once, then one decoder step at a time."""

    def __init__(self, directory):
        self.cfg = cfg = json.load(open(os.path.join(directory, "config.json")))
        gen_file = os.path.join(directory, "generation_config.json")
        self.gen = json.load(open(gen_file)) if os.path.exists(gen_file) else cfg
        w = read_safetensors(os.path.join(directory, "model.safetensors"))
        self.used = set()
        self.d = cfg["d_model"]
        if cfg.get("activation_function", "gelu") not in ACTIVATIONS:
            sys.exit("config.json: activation_function %r is not one of %s" % (cfg["activation_function"],
                                                                              sorted(ACTIVATIONS)))
        self.act = ACTIVATIONS[cfg.get("activation_function", "gelu")]
        self.scale = math.sqrt(self.d) if cfg.get("scale_embedding", False) else 1.0
        self.enc_heads, self.dec_heads = cfg["encoder_attention_heads"], cfg["decoder_attention_heads"]
        self.vocab = cfg["vocab_size"]
        self.eos, self.pad = cfg["eos_token_id"], cfg["pad_token_id"]
        self.start = cfg["decoder_start_token_id"]
        self.emb = self._take(w, "model.shared.weight", (self.vocab, self.d))
        self.bias = self._take(w, "final_logits_bias", (1, self.vocab)).reshape(-1)
        self.out = self.emb
        if not cfg.get("tie_word_embeddings", True):
            self.out = self._take(w, "lm_head.weight", (self.vocab, self.d))
        self.pos = marian_positions(cfg["max_position_embeddings"], self.d)
        self.enc = [self._layer(w, "model.encoder.layers.%d." % i, False) for i in range(cfg["encoder_layers"])]
        self.dec = [self._layer(w, "model.decoder.layers.%d." % i, True) for i in range(cfg["decoder_layers"])]
        ignorable = {"lm_head.weight", "model.encoder.embed_tokens.weight", "model.decoder.embed_tokens.weight",
                     "model.encoder.embed_positions.weight", "model.decoder.embed_positions.weight"}
        left = set(w) - self.used - ignorable
        if left:
            sys.exit("model.safetensors: tensors this forward does not use: %s" % sorted(left)[:5])

    def _take(self, w, name, shape=None):
        if name not in w:
            sys.exit("model.safetensors: no tensor %s" % name)
        if shape is not None and tuple(w[name].shape) != tuple(shape):
            sys.exit("model.safetensors: %s has shape %s, config.json says %s" % (name, list(w[name].shape),
                                                                                 list(shape)))
        self.used.add(name)
        return w[name]

    def _layer(self, w, p, decoder):
        t = lambda n: self._take(w, p + n)  # noqa: E731
        lin = lambda n: (t(n + ".weight"), t(n + ".bias"))  # noqa: E731
        layer = {"fc1": lin("fc1"), "fc2": lin("fc2"), "ffn_ln": lin("final_layer_norm"),
                 "sa": {k: lin("self_attn." + k) for k in ("q_proj", "k_proj", "v_proj", "out_proj")},
                 "sa_ln": lin("self_attn_layer_norm")}
        if decoder:
            layer["ca"] = {k: lin("encoder_attn." + k) for k in ("q_proj", "k_proj", "v_proj", "out_proj")}
            layer["ca_ln"] = lin("encoder_attn_layer_norm")
        return layer

    @staticmethod
    def _ln(x, wb):
        return F.layer_norm(x, (x.shape[-1],), wb[0], wb[1], 1e-5)

    def _ffn(self, layer, x):
        return F.linear(self.act(F.linear(x, *layer["fc1"])), *layer["fc2"])

    @staticmethod
    def _heads(x, h):  # (B, L, D) -> (B, H, L, dh)
        b, n, d = x.shape
        return x.view(b, n, h, d // h).transpose(1, 2)

    @staticmethod
    def _attend(q, k, v, key_mask):
        """q (B,H,Lq,dh), already scaled; k, v (B,H,Lk,dh); key_mask (B,Lk) True = may attend, or None."""
        w = q @ k.transpose(-1, -2)
        if key_mask is not None:
            w = w.masked_fill(~key_mask[:, None, None, :], NEG_INF)
        o = torch.softmax(w, -1) @ v
        b, h, n, dh = o.shape
        return o.transpose(1, 2).reshape(b, n, h * dh)

    def encode(self, src, mask):
        """src (B,S) ids, mask (B,S) True for real tokens -> memory (B,S,D)."""
        x = self.emb[src] * self.scale + self.pos[:src.shape[1]]
        h = self.enc_heads
        dh = self.d // h
        for layer in self.enc:
            sa = layer["sa"]
            q = self._heads(F.linear(x, *sa["q_proj"]) * dh ** -0.5, h)
            k = self._heads(F.linear(x, *sa["k_proj"]), h)
            v = self._heads(F.linear(x, *sa["v_proj"]), h)
            x = self._ln(x + F.linear(self._attend(q, k, v, mask), *sa["out_proj"]), layer["sa_ln"])
            x = self._ln(x + self._ffn(layer, x), layer["ffn_ln"])
        return x

    def start_state(self, src, mask, max_steps):
        """Encodes and sets up the caches for up to max_steps decoder steps."""
        memory = self.encode(src, mask)
        b, h = src.shape[0], self.dec_heads
        dh = self.d // h
        cross = [(self._heads(F.linear(memory, *L["ca"]["k_proj"]), h),
                  self._heads(F.linear(memory, *L["ca"]["v_proj"]), h)) for L in self.dec]
        return {"k": [torch.empty(b, h, max_steps, dh) for _ in self.dec],
                "v": [torch.empty(b, h, max_steps, dh) for _ in self.dec],
                "cross": cross, "mask": mask}

    @staticmethod
    def reorder(state, rows):
        state["k"] = [k.index_select(0, rows) for k in state["k"]]
        state["v"] = [v.index_select(0, rows) for v in state["v"]]
        state["cross"] = [(k.index_select(0, rows), v.index_select(0, rows)) for k, v in state["cross"]]
        state["mask"] = state["mask"].index_select(0, rows)

    def step(self, state, tok, t):
        """tok (B,) the previous tokens, t the step (0 = decoder start) -> logits (B,V)."""
        x = self.emb[tok][:, None] * self.scale + self.pos[t]
        h = self.dec_heads
        dh = self.d // h
        for i, layer in enumerate(self.dec):
            sa = layer["sa"]
            q = self._heads(F.linear(x, *sa["q_proj"]) * dh ** -0.5, h)
            state["k"][i][:, :, t:t + 1] = self._heads(F.linear(x, *sa["k_proj"]), h)
            state["v"][i][:, :, t:t + 1] = self._heads(F.linear(x, *sa["v_proj"]), h)
            a = self._attend(q, state["k"][i][:, :, :t + 1], state["v"][i][:, :, :t + 1], None)
            x = self._ln(x + F.linear(a, *sa["out_proj"]), layer["sa_ln"])
            ca = layer["ca"]
            q = self._heads(F.linear(x, *ca["q_proj"]) * dh ** -0.5, h)
            a = self._attend(q, state["cross"][i][0], state["cross"][i][1], state["mask"])
            x = self._ln(x + F.linear(a, *ca["out_proj"]), layer["ca_ln"])
            x = self._ln(x + self._ffn(layer, x), layer["ffn_ln"])
        return F.linear(x[:, 0], self.out, self.bias)


# ---------------------------------------------------------------- searches (Hugging Face's rules)

def batch_of(rows, pad):
    """Right-padded ids (B,S) and mask from lists of ids."""
    s = max(len(r) for r in rows)
    src = torch.full((len(rows), s), pad, dtype=torch.long)
    for b, r in enumerate(rows):
        src[b, :len(r)] = torch.tensor(r, dtype=torch.long)
    mask = torch.zeros(len(rows), s, dtype=torch.bool)
    for b, r in enumerate(rows):
        mask[b, :len(r)] = True
    return src, mask


@torch.no_grad()
def greedy(m, rows, max_new, min_new=0, forced_eos=False):
    """Generated ids per row (EOS included when produced): processors on the logits, then argmax."""
    src, mask = batch_of(rows, m.pad)
    state = m.start_state(src, mask, max_new)
    b = src.shape[0]
    tok = torch.full((b,), m.start, dtype=torch.long)
    done = torch.zeros(b, dtype=torch.bool)
    out = []
    for t in range(max_new):
        logits = m.step(state, tok, t)
        if t < min_new:
            logits[:, m.eos] = NEG_INF
        logits[:, m.pad] = NEG_INF
        if forced_eos and t == max_new - 1:
            logits[:] = NEG_INF
            logits[:, m.eos] = 0
        tok = torch.where(done, torch.full_like(tok, m.pad), logits.argmax(-1))
        out.append(tok)
        done |= tok == m.eos
        if bool(done.all()):
            break
    ids = torch.stack(out, 1).tolist()
    return [cut(r, m.eos) for r in ids]


def cut(ids, eos):
    """ids up to and including the first EOS."""
    return ids[:ids.index(eos) + 1] if eos in ids else ids


class Finished:
    """A source's finished hypotheses (transformers' BeamHypotheses): the best `beams` by
    sum_logprobs / generated_len ** length_penalty."""

    def __init__(self, beams, length_penalty, early_stopping):
        self.beams, self.lp, self.early = beams, length_penalty, early_stopping
        self.kept, self.worst = [], 1e9

    def add(self, tokens, sum_logprobs, generated_len):
        score = sum_logprobs / generated_len ** self.lp
        if len(self.kept) < self.beams or score > self.worst:
            self.kept.append((score, tokens))
            if len(self.kept) > self.beams:
                order = sorted((s, i) for i, (s, _) in enumerate(self.kept))
                del self.kept[order[0][1]]
                self.worst = order[1][0]
            else:
                self.worst = min(score, self.worst)

    def is_done(self, best_sum_logprobs, generated_len):
        if len(self.kept) < self.beams:
            return False
        if self.early:
            return True
        return self.worst >= best_sum_logprobs / generated_len ** self.lp


@torch.no_grad()
def beam(m, rows, k, max_new, min_new=0, forced_eos=False, length_penalty=1.0, early_stopping=False, n_return=1):
    """Beam search as transformers 4.40's beam_search + BeamSearchScorer: per source the (score, ids)
    of the n_return best hypotheses, best first (ids with EOS when finished)."""
    src, mask = batch_of(rows, m.pad)
    n = src.shape[0]
    state = m.start_state(src, mask, max_new)
    m.reorder(state, torch.arange(n).repeat_interleave(k))
    scores = torch.zeros(n, k)
    scores[:, 1:] = -1e9
    scores = scores.view(-1)
    seqs = [[] for _ in range(n * k)]
    tok = torch.full((n * k,), m.start, dtype=torch.long)
    fin = [Finished(k, length_penalty, early_stopping) for _ in range(n)]
    done = [False] * n
    for t in range(max_new):
        lprobs = torch.log_softmax(m.step(state, tok, t), -1)
        if t < min_new:
            lprobs[:, m.eos] = NEG_INF
        lprobs[:, m.pad] = NEG_INF
        if forced_eos and t == max_new - 1:
            lprobs[:] = NEG_INF
            lprobs[:, m.eos] = 0
        total = lprobs + scores[:, None]
        v = total.shape[1]
        top, idx = total.view(n, k * v).topk(2 * k, dim=1)
        top_l, beam_l, tok_l = top.tolist(), (idx // v).tolist(), (idx % v).tolist()
        new_scores, new_tok, new_rows = [], [], []
        for b in range(n):
            if done[b]:
                new_scores += [0.0] * k
                new_tok += [m.pad] * k
                new_rows += [b * k] * k
                continue
            kept = 0
            for rank in range(2 * k):
                row = b * k + beam_l[b][rank]
                if tok_l[b][rank] == m.eos:
                    if rank >= k:
                        continue
                    fin[b].add(seqs[row] + [m.eos], top_l[b][rank], t + 1)
                else:
                    new_scores.append(top_l[b][rank])
                    new_tok.append(tok_l[b][rank])
                    new_rows.append(row)
                    kept += 1
                if kept == k:
                    break
            done[b] = done[b] or fin[b].is_done(max(top_l[b]), t + 1)
        seqs = [seqs[r] + [x] for r, x in zip(new_rows, new_tok)]
        scores = torch.tensor(new_scores)
        if all(done) or t == max_new - 1:
            break
        tok = torch.tensor(new_tok, dtype=torch.long)
        m.reorder(state, torch.tensor(new_rows, dtype=torch.long))
    out = []
    for b in range(n):
        if not done[b]:
            for j in range(k):
                fin[b].add(seqs[b * k + j], scores[b * k + j].item(), len(seqs[b * k + j]))
        out.append(sorted(fin[b].kept, key=lambda h: -h[0])[:n_return])
    return out


# ---------------------------------------------------------------- validation, benchmark, comparison

def validate(fixture):
    """Greedy and beam-4 outputs against the references Hugging Face wrote for the fixture."""
    m = Marian(fixture)
    ref = json.load(open(os.path.join(fixture, "reference.json")))
    forced = m.gen.get("forced_eos_token_id") == m.eos
    same = 0
    for g in ref["greedy"]:
        got = greedy(m, [g["input_ids"]], 20, forced_eos=forced)[0]
        same += got == cut(g["output_ids"][1:], m.eos)
    print("greedy: %d/%d token for token" % (same, len(ref["greedy"])))
    hyps, worst = 0, 0.0
    total = 0
    for g in ref["beam4"]:
        got = beam(m, [g["input_ids"]], 4, 20, forced_eos=forced, n_return=2)[0]
        for (score, ids), want, want_score in zip(got, g["output_ids"], g["sequence_scores"]):
            total += 1
            if ids == cut(want[1:], m.eos):
                hyps += 1
                worst = max(worst, abs(score - want_score))
    print("beam4 (2 returned each): %d/%d token for token, scores within %.1e" % (hyps, total, worst))
    ok = same == len(ref["greedy"]) and hyps == total
    print("W6 torch validate " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


def w6_sources(m, batch):
    v = m.vocab
    return [[2 + ((b * 7919 + j * 104729) % (v - 3)) for j in range(SRC_LEN - 1)] + [m.eos] for b in range(batch)]


def w6_decode(m, search, rows, steps):
    if search == "greedy":
        return greedy(m, rows, steps, min_new=steps)
    return [h[0][1] for h in beam(m, rows, 4, steps, min_new=steps)]


def vm_hwm_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def checksum(tokens):
    return sum((b + 1) * (t + 1) * x for b, row in enumerate(tokens) for t, x in enumerate(row)) % 1_000_000_007


def blas_in_use():
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            p = line.split()[-1]
            if "blas" in p:
                libs.add(os.path.basename(os.path.dirname(p)) + "/" + os.path.basename(p))
    return ",".join(sorted(libs)) or "unknown"


def bench(directory, runs, warmup, tokens_file):
    t0 = time.perf_counter()
    m = Marian(directory)
    load_s = time.perf_counter() - t0
    print("# W6 torch %s load_s=%.2f vocab=%d threads=%d blas=%s PEER_TAG=%s vmhwm_mb=%.0f"
          % (torch.__version__, load_s, m.vocab, torch.get_num_threads(), blas_in_use(), os.environ.get("PEER_TAG"),
             vm_hwm_mb()), flush=True)
    rates, ttft, lines = {}, {}, []
    for search in ("greedy", "beam4"):
        one = w6_sources(m, 1)
        ttft[search] = statistics.median(timed(lambda: w6_decode(m, search, one, 1), runs or 5,
                                               2 if warmup is None else warmup))
        for batch in (1, BIG_BATCH):
            rows = w6_sources(m, batch)
            toks = w6_decode(m, search, rows, STEPS)
            bad = [b for b, r in enumerate(toks) if len(r) != STEPS or m.eos in r or m.pad in r]
            if bad:
                sys.exit("W6 %s b%d: row %d is not 32 tokens without EOS and PAD: %s" % (search, batch, bad[0],
                                                                                         toks[bad[0]]))
            s = timed(lambda: w6_decode(m, search, rows, STEPS), runs or (5 if batch == 1 else 3),
                      (2 if batch == 1 else 1) if warmup is None else warmup)
            key = "%s_b%d" % (search, batch)
            med = statistics.median(s)
            rates[key] = batch * STEPS / med
            print("W6 %-10s decode_s median=%.4f min=%.4f max=%.4f (runs=%d) tok/s=%.1f%s row0=%s checksum=%d"
                  " vmhwm_mb=%.0f" % (key, med, min(s), max(s), len(s), rates[key],
                                      " ttft_ms=%.1f" % (1e3 * ttft[search]) if batch == 1 else "", toks[0][:8],
                                      checksum(toks), vm_hwm_mb()), flush=True)
            lines += ["%s %d %s" % (key, b, " ".join(map(str, r))) for b, r in enumerate(toks)]
    if tokens_file:
        with open(tokens_file, "w") as f:
            f.write("\n".join(lines) + "\n")
    print("W6 torch " + " ".join("%s=%.1f" % kv for kv in rates.items())
          + "".join(" ttft_ms_%s=%.1f" % (k, 1e3 * v) for k, v in ttft.items())
          + " load_s=%.2f peak_rss_mb=%.0f" % (load_s, vm_hwm_mb()))


def compare(files):
    """Per configuration: rows identical in every file, and the shortest common prefix in steps."""
    def read(path):
        out = {}
        for line in open(path):
            p = line.split()
            out.setdefault(p[0], {})[int(p[1])] = p[2:]
        return out
    data = [read(f) for f in files]
    for key in data[0]:
        rows = data[0][key]
        same, prefixes = 0, []
        for b, want in rows.items():
            others = [d.get(key, {}).get(b) for d in data[1:]]
            prefix = min(next((t for t, (x, y) in enumerate(zip(want, o)) if x != y), min(len(want), len(o)))
                         if o is not None else 0 for o in others)
            prefixes.append(prefix)
            same += all(o == want for o in others)
        print("W6 compare %-10s rows identical in all %d files: %d/%d; steps agreeing before the first difference:"
              " min %d, mean %.1f" % (key, len(files), same, len(rows), min(prefixes), sum(prefixes) / len(prefixes)))


def main():
    ap = argparse.ArgumentParser(description="W6 PyTorch eager peer (see the module docstring)")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--model", help="Hugging Face MarianMTModel directory (config.json, model.safetensors)")
    g.add_argument("--validate", help="a fixture directory with reference.json (greedy and beam4 references)")
    g.add_argument("--compare", nargs="+", help="token files of --tokens / attn4j bench W6 --tokens")
    ap.add_argument("--runs", type=int, help="timed decodes (default 5 at batch 1, 3 at batch 83)")
    ap.add_argument("--warmup", type=int, help="untimed decodes first (default 2 at batch 1, 1 at batch 83)")
    ap.add_argument("--tokens", help="write every row's generated ids to this file")
    a = ap.parse_args()
    if a.validate:
        return validate(a.validate)
    if a.compare:
        if len(a.compare) < 2:
            ap.error("--compare needs at least two files")
        return compare(a.compare)
    bench(a.model, a.runs, a.warmup, a.tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
