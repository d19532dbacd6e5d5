#!/usr/bin/env python3
"""Cross-checks attn4j's BLEU and chrF against a live sacreBLEU on random data.

Not part of the Maven suite (CI need not have sacreBLEU). Needs `pip install sacrebleu`
(2.x; 2.6.0 was used), Java 17 and the fat jar: `mvn -B -ntp -q -pl cli -am package`.

What it does, all seeded:
  * builds segments from Multi30k (English, German and French test2016 lines) plus a share of
    synthetic lines full of the characters tokenizers care about (digits with . , -, XML
    entities, <skipped>, Unicode punctuation and symbols, non-breaking and other Python-only
    whitespace, emoji, combining accents, CJK, case pairs);
  * hypotheses and a second reference stream are perturbed copies of the first reference
    (words dropped, swapped, duplicated, re-cased, replaced, punctuation added or removed,
    sometimes emptied);
  * for every configuration (4 tokenizers x 4 smoothing methods x lowercase on/off, custom
    smoothing values, effective order; chrF, chrF++, lowercase, beta, eps smoothing,
    whitespace, other orders) it scores one corpus with two references, the same with one,
    and many single-segment corpora, with sacreBLEU and with attn4j
    (scripts/SacrebleuCrossCheck.java through the library API);
  * it also runs both command lines (`python -m sacrebleu` and `java -jar attn4j.jar score`)
    on files with CRLF line ends and trailing whitespace, comparing the printed scores.

Exit status 0 when every score agrees within --tolerance (default 1e-6).

Usage: python3 scripts/sacrebleu_crosscheck.py [--segments 400] [--sentences 200] [--seed 7]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SPECIALS = [
    "3.5", "1,000", "2-3", "1.5.", "e.g.", "U.S.A.", "&amp;", "&lt;b&gt;", "&quot;hi&quot;",
    "<skipped>", "(a)", "[x]", "{y}", "$5", "50%", "a/b", "a:b", "don't", "l'homme", "x--y",
    "¡Hola!", "¿Qué?", "«oui»", "“quoted”", "‘single’", "—", "–", "…", "§2", "©", "®", "°C",
    "±1", "·", "€10", "£", "¥", "₹", "∑", "≤", "×", "中文。", "，", "、", "،", "।", "😀", "👍🏽",
    "e\u0301", "Ａ１", "٣.٥", "²", "½", "ΟΔΟΣ", "Σ", "İstanbul", "STRAẞE", "Ǆ", "ﬁ",
    "a\u00a0b", "c\u2009d", "e\u3000f", "g\u200bh", "i\u202fj", "k\u0085l", "\u2028",
]

WORDS = ["the", "a", "man", "Dog", "ein", "Mann", "un", "homme", "und", "et", "is", "ist",
         "running", "läuft", "court", "grün", "Straße", "école", "garçon", "!", ",", ".", "?"]


def load_lines(data_dir):
    lines = []
    for lang in ("en", "de", "fr"):
        path = os.path.join(data_dir, "test2016." + lang)
        with open(path, encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f if line.strip())
    return lines


def synthetic(rng):
    parts = []
    for _ in range(rng.randint(1, 12)):
        r = rng.random()
        if r < 0.45:
            parts.append(rng.choice(SPECIALS))
        elif r < 0.9:
            parts.append(rng.choice(WORDS))
        else:
            parts.append(str(rng.randint(0, 2025)) + rng.choice(["", ".", ",", "-", "%"]))
    sep = rng.choice([" ", " ", " ", "", "  "])
    return sep.join(parts)


def perturb(rng, text, strength):
    words = text.split(" ")
    out = []
    for w in words:
        r = rng.random()
        if r < strength * 0.25:
            continue  # drop
        if r < strength * 0.4:
            out.append(w)  # duplicate
        elif r < strength * 0.55:
            w = w.upper() if rng.random() < 0.5 else w.lower()
        elif r < strength * 0.7:
            w = rng.choice(WORDS + SPECIALS)
        elif r < strength * 0.8:
            w = w + rng.choice([".", ",", "!", "'s", "-", ":"])
        elif r < strength * 0.9 and len(w) > 1:
            w = w[1:] if rng.random() < 0.5 else w[:-1]
        out.append(w)
    if len(out) > 1 and rng.random() < strength:
        i = rng.randrange(len(out) - 1)
        out[i], out[i + 1] = out[i + 1], out[i]
    result = " ".join(out)
    if rng.random() < 0.03:
        result = ""
    if rng.random() < 0.1:
        result += rng.choice([" ", "\t", "\u00a0", "  "])
    return result


def build_corpus(rng, lines, n):
    refs1, refs2, hyps = [], [], []
    for _ in range(n):
        ref = synthetic(rng) if rng.random() < 0.25 else rng.choice(lines)
        refs1.append(ref)
        refs2.append(perturb(rng, ref, 0.3))
        hyps.append(perturb(rng, ref, rng.choice([0.1, 0.4, 0.8])))
    return hyps, refs1, refs2


def configs():
    out = []
    for tok in ("13a", "none", "intl", "char"):
        for smooth in ("exp", "floor", "add-k", "none"):
            for lc in (False, True):
                out.append(dict(metric="bleu", tokenize=tok, smooth=smooth, smooth_value=None,
                                lowercase=lc, effective_order=False))
        out.append(dict(metric="bleu", tokenize=tok, smooth="floor", smooth_value=0.3,
                        lowercase=False, effective_order=False))
        out.append(dict(metric="bleu", tokenize=tok, smooth="add-k", smooth_value=0.5,
                        lowercase=False, effective_order=False))
        out.append(dict(metric="bleu", tokenize=tok, smooth="exp", smooth_value=None,
                        lowercase=False, effective_order=True))
    for co, wo, beta, lc, eps, ws in [(6, 0, 2, False, False, False), (6, 2, 2, False, False, False),
                                      (6, 0, 2, True, False, False), (6, 2, 2, True, False, False),
                                      (6, 0, 1, False, False, False), (6, 2, 3, False, False, False),
                                      (6, 0, 2, False, True, False), (6, 2, 2, False, True, False),
                                      (6, 0, 2, False, False, True), (4, 1, 2, False, False, False),
                                      (0, 2, 2, False, False, False)]:
        out.append(dict(metric="chrf", char_order=co, word_order=wo, beta=beta, lowercase=lc,
                        eps_smoothing=eps, whitespace=ws))
    return out


def name(cfg):
    if cfg["metric"] == "bleu":
        sv = "" if cfg["smooth_value"] is None else "[%s]" % cfg["smooth_value"]
        return "BLEU tok=%s smooth=%s%s%s%s" % (cfg["tokenize"], cfg["smooth"], sv,
                                                " lc" if cfg["lowercase"] else "",
                                                " eff" if cfg["effective_order"] else "")
    return "chrF nc=%d nw=%d beta=%d%s%s%s" % (cfg["char_order"], cfg["word_order"], cfg["beta"],
                                               " lc" if cfg["lowercase"] else "",
                                               " eps" if cfg["eps_smoothing"] else "",
                                               " space" if cfg["whitespace"] else "")


def sacre_metric(cfg):
    if cfg["metric"] == "bleu":
        return BLEU(tokenize=cfg["tokenize"], smooth_method=cfg["smooth"],
                    smooth_value=cfg["smooth_value"], lowercase=cfg["lowercase"],
                    effective_order=cfg["effective_order"], force=True)
    return CHRF(char_order=cfg["char_order"], word_order=cfg["word_order"], beta=cfg["beta"],
                lowercase=cfg["lowercase"], eps_smoothing=cfg["eps_smoothing"],
                whitespace=cfg["whitespace"])


def full_cfg(cfg):
    base = dict(metric="bleu", tokenize="13a", smooth="exp", smooth_value=None, lowercase=False,
                effective_order=False, char_order=6, word_order=0, beta=2, eps_smoothing=False,
                whitespace=False)
    base.update(cfg)
    return base


def check_cli(jar, work, hyps, refs1, refs2, tolerance):
    """Both command lines on the same files (CRLF line ends, trailing whitespace kept)."""
    paths = []
    for i, lines in enumerate((hyps, refs1, refs2)):
        p = os.path.join(work, "cli%d.txt" % i)
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write("".join(line + "\r\n" for line in lines))
        paths.append(p)
    runs = [["--tokenize", t, "--smooth-method", s] for t in ("13a", "none", "intl", "char")
            for s in ("exp", "floor")] + [["--tokenize", "13a", "--lowercase"]]
    chrf_runs = [["--metrics", "chrf"], ["--metrics", "chrf", "--chrf-word-order", "2"]]
    worst = 0.0
    for args in runs + chrf_runs:
        py = subprocess.run([sys.executable, "-m", "sacrebleu", paths[1], paths[2], "-i", paths[0],
                             "-b", "-w", "6", "--force"] + args,
                            check=True, capture_output=True, text=True).stdout.strip()
        jargs = [a.replace("--metrics", "--metric") for a in args]
        jv = subprocess.run(["java", "-jar", jar, "score", "--hyp", paths[0], "--ref", paths[1],
                             "--ref", paths[2], "--score-only"] + jargs,
                            check=True, capture_output=True, text=True).stdout.strip()
        diff = abs(float(py) - float(jv))
        worst = max(worst, diff)
        print("  CLI %-45s sacrebleu %s  attn4j %s  %s" % (" ".join(args), py, jv,
                                                          "same" if py == jv else "DIFF"))
    return worst <= tolerance + 1e-6  # both print 6 decimals


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data", "multi30k"))
    ap.add_argument("--jar", default=os.path.join(ROOT, "cli", "target", "attn4j.jar"))
    ap.add_argument("--segments", type=int, default=400, help="segments in each corpus case")
    ap.add_argument("--sentences", type=int, default=200, help="single-segment cases per configuration")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tolerance", type=float, default=1e-6)
    args = ap.parse_args()
    if not os.path.exists(args.jar):
        sys.exit("no %s: build it with mvn -B -ntp -q -pl cli -am package" % args.jar)

    rng = random.Random(args.seed)
    lines = load_lines(args.data)
    hyps, refs1, refs2 = build_corpus(rng, lines, args.segments)
    singles = list(zip(*build_corpus(rng, lines, args.sentences)))

    cases, expected, labels = [], [], []
    for cfg in configs():
        full = full_cfg(cfg)
        for label, h, refs in [("corpus 2 refs", hyps, [refs1, refs2]), ("corpus 1 ref", hyps, [refs1])] + [
                ("sentence", [s[0]], [[s[1]], [s[2]]]) for s in singles]:
            expected.append(sacre_metric(cfg).corpus_score(h, refs).score)
            cases.append(dict(full, hyps=h, refs=refs))
            labels.append((name(cfg), label))

    with tempfile.TemporaryDirectory() as work:
        case_file = os.path.join(work, "cases.jsonl")
        with open(case_file, "w", encoding="utf-8") as f:
            for c in cases:
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
        got = subprocess.run(["java", "-cp", args.jar, os.path.join(ROOT, "scripts", "SacrebleuCrossCheck.java"),
                              case_file], check=True, capture_output=True, text=True).stdout.split()
        if len(got) != len(expected):
            sys.exit("attn4j printed %d scores for %d cases" % (len(got), len(expected)))

        per_config = {}
        for (cfg_name, label), e, g in zip(labels, expected, map(float, got)):
            stats = per_config.setdefault(cfg_name, [0, 0, 0.0, 0])
            diff = abs(e - g)
            stats[0] += 1
            stats[1] += diff <= args.tolerance
            stats[2] = max(stats[2], diff)
            stats[3] += e == g
            if diff > args.tolerance:
                print("MISMATCH %s (%s): sacrebleu %r attn4j %r" % (cfg_name, label, e, g))
        print("sacrebleu %s; %d segments per corpus, %d single-segment cases, seed %d" % (
            sacrebleu.__version__, args.segments, args.sentences, args.seed))
        print("%-40s %7s %7s %9s %11s" % ("configuration", "cases", "agree", "bit-equal", "max |diff|"))
        for cfg_name, (n, ok, worst, exact) in per_config.items():
            print("%-40s %7d %7d %9d %11.3g" % (cfg_name, n, ok, exact, worst))
        total = sum(s[0] for s in per_config.values())
        agree = sum(s[1] for s in per_config.values())
        exact = sum(s[3] for s in per_config.values())
        print("TOTAL: %d cases, %d agree within %g, %d bit-identical" % (total, agree, args.tolerance, exact))
        cli_ok = check_cli(args.jar, work, hyps, refs1, refs2, args.tolerance)
    sys.exit(0 if agree == total and cli_ok else 1)


if __name__ == "__main__":
    main()
