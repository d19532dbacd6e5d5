#!/usr/bin/python3
"""Trains small SentencePiece models and writes reference encodings for attn4j's parity test.

Run from the repository root with Debian's python3-sentencepiece (0.1.97 made the shipped files):

    /usr/bin/python3 scripts/sentencepiece_refs.py

It reads data/tatoeba-eng-fra.tsv (both columns) and writes, into
tokenizers/src/test/resources/sentencepiece/, for each model NAME:

    NAME.model        the trained model (sentencepiece's own ModelProto bytes)
    NAME.refs.jsonl.gz one JSON object a line:
        {"kind": "encode", "text": ..., "ids": [...], "pieces": [...], "decoded": ...}
        {"kind": "decode", "ids": [...], "decoded": ...}          (seeded random id sequences)

When ../shared/fixtures/hf/marian-tiny-en-fr exists beside the repository, it also writes
marian-source.refs.jsonl.gz and marian-target.refs.jsonl.gz: references for that fixture's
real Marian source.spm (English lines) and target.spm (French lines); the models themselves
stay in shared/.

Training is deterministic for a given sentencepiece version (one thread, no sampling, no
shuffling of the small input), so rerunning gives the same models. The texts are the corpus
lines, variants of them (upper case, no spaces, extra spaces), and edge cases: emoji, combining
marks, NBSP and U+202F, full-width forms, scripts absent from the corpus, control characters,
user-defined and control symbols written in the text, empty lines and a 100 KB line.
"""
import gzip
import json
import os
import random
import sys

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "data", "tatoeba-eng-fra.tsv")
OUT = os.path.join(ROOT, "tokenizers", "src", "test", "resources", "sentencepiece")
TEST_PAIRS = 1500  # 3,000 corpus lines per model, plus their variants

# name -> trainer options on top of the common ones
MODELS = {
    "unigram-nmt": dict(model_type="unigram", vocab_size=800, normalization_rule_name="nmt_nfkc",
                        user_defined_symbols=["<sep>", "[MASK]", "e-mail"]),
    "bpe-nmt-bytes": dict(model_type="bpe", vocab_size=800, normalization_rule_name="nmt_nfkc", byte_fallback=True),
    "unigram-identity-bytes": dict(model_type="unigram", vocab_size=700, normalization_rule_name="identity",
                                   byte_fallback=True, control_symbols=["<ctl>"]),
    "bpe-identity-bytes": dict(model_type="bpe", vocab_size=700, normalization_rule_name="identity",
                               byte_fallback=True, user_defined_symbols=["<sep>"]),
    "unigram-nfkc-bytes-nodummy": dict(model_type="unigram", vocab_size=700, normalization_rule_name="nfkc",
                                       byte_fallback=True, add_dummy_prefix=False, remove_extra_whitespaces=False,
                                       split_digits=True),
    "bpe-nmt-suffix": dict(model_type="bpe", vocab_size=600, normalization_rule_name="nmt_nfkc",
                           treat_whitespace_as_suffix=True),
}

EDGE_CASES = [
    "",
    " ",
    "   \t  ",
    "Hello world",
    "  Leading and   trailing   spaces  ",
    "tab\tseparated\tvalues",
    "line\nbreak and\r\ncrlf",
    "emoji \U0001F600\U0001F44D\U0001F3FD and \U0001F468\u200D\U0001F469\u200D\U0001F467 family",
    "e\u0301le\u0300ve, cafe\u0301 and na\u0308ive \u00e9l\u00e8ve",
    "Qu'est-ce que c'est\u202f? Va\u00a0! \u00ab\u00a0Oui\u00a0\u00bb",
    "\uff21\uff22\uff23 \uff11\uff12\uff13 \uff08full-width\uff09 \uff01\uff1f",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\u3067\u3059\u3002",
    "\u10e5\u10d0\u10e0\u10d7\u10e3\u10da\u10d8 \u0ba4\u0bae\u0bbf\u0bb4\u0bcd \u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    "private use \ue000\ue001 and \U000f0000",
    "\u2581marker and back\\slash \u2581\u2581 x",
    "bell\u0007here nul\u0000 del\u007f c1\u0085",
    "soft\u00adhyphen zero\u200bwidth \ufeffbom",
    "A\u2009thin\u3000ideographic\u2028line\u2029para",
    "\u2460 \u2161 \u00bd \u2122 \ufb01 \u3392 \u00b2",
    "I said <sep> then [MASK] and <ctl> by e-mail.",
    "<sep><sep>[MASK]e-mail<ctl>",
    "1234567890 3.14 2,718 10%",
    "UPPER CASE SENTENCE WITH SOME WORDS",
    "x",
    "\U0001F600",
    "\u00e0\u00e9\u00ee\u00f5\u00fc\u00e7\u0153\u00e6",
    "a" * 300,
    "ab." * 200,
]


def corpus_lines():
    with open(CORPUS, encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f]
    return pairs


def train(name, options, input_file):
    prefix = os.path.join(OUT, name)
    spm.SentencePieceTrainer.train(input=input_file, model_prefix=prefix, num_threads=1,
                                   character_coverage=0.9995, minloglevel=2, **options)
    os.remove(prefix + ".vocab")
    return prefix + ".model"


def long_line(rng, lines):
    parts = []
    size = 0
    while size < 100_000:
        line = rng.choice(lines)
        if rng.random() < 0.05:
            line += " " + rng.choice(EDGE_CASES[7:20])
        parts.append(line)
        size += len(line) + 1
    return " ".join(parts)[:100_000]


def texts(pairs, column=None):
    rng = random.Random(20261207)
    if column is None:
        lines = [p for pair in pairs[:TEST_PAIRS] for p in pair]
    else:
        lines = [pair[column] for pair in pairs[:2 * TEST_PAIRS]]
    out = list(lines)
    sample = rng.sample(lines, 300)
    out += [s.upper() for s in sample[:100]]
    out += [s.replace(" ", "") for s in sample[100:200]]
    out += ["  " + s.replace(" ", "   ") + " " for s in sample[200:]]
    out += EDGE_CASES
    out.append(long_line(rng, lines))
    return out


def write_references(name, model, inputs):
    sp = spm.SentencePieceProcessor(model_file=model)
    rng = random.Random(name)
    count = 0
    with gzip.GzipFile(os.path.join(OUT, name + ".refs.jsonl.gz"), "wb", mtime=0) as gz:
        for text in inputs:
            ids = sp.encode(text, out_type=int)
            pieces = sp.encode(text, out_type=str)
            record = {"kind": "encode", "text": text, "ids": ids, "pieces": pieces, "decoded": sp.decode(ids)}
            gz.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            count += 1
        for _ in range(300):
            ids = [rng.randrange(sp.get_piece_size()) for _ in range(rng.randrange(1, 12))]
            record = {"kind": "decode", "ids": ids, "decoded": sp.decode(ids)}
            gz.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            count += 1
    print(f"{name}: {sp.get_piece_size()} pieces, {count} references", file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    pairs = corpus_lines()
    train_file = os.path.join(OUT, ".train.txt")
    with open(train_file, "w", encoding="utf-8") as f:
        for pair in pairs:
            for p in pair:
                f.write(p + "\n")
    try:
        jobs = [(name, train(name, options, train_file), None) for name, options in MODELS.items()]
        marian = os.path.join(os.path.dirname(ROOT), "shared", "fixtures", "hf", "marian-tiny-en-fr")
        if os.path.isdir(marian):
            jobs.append(("marian-source", os.path.join(marian, "source.spm"), 0))
            jobs.append(("marian-target", os.path.join(marian, "target.spm"), 1))
        for name, model, column in jobs:
            write_references(name, model, texts(pairs, column))
    finally:
        os.remove(train_file)


if __name__ == "__main__":
    main()
