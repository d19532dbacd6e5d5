#!/usr/bin/env python3
"""Builds data/tatoeba-eng-fra.tsv, the corpus embedded in attn4j for its demo and learning tests.

From shared/data/tatoeba/eng-fra.tsv (manythings.org/anki and tatoeba.org, CC-BY 2.0 France):
English sentences of 4 to 7 words, one French translation each (the first listed), in a
seeded random order; 6,000 pairs. Run from the repository root:

    python3 scripts/make_demo_corpus.py ../shared/data/tatoeba/eng-fra.tsv data/tatoeba-eng-fra.tsv
"""
import random
import sys

src, out = sys.argv[1], sys.argv[2]
seen = set()
pairs = []
with open(src, encoding="utf-8") as f:
    for line in f:
        en, fr = line.rstrip("\n").split("\t")[:2]
        words = len(en.split())
        if 4 <= words <= 7 and en not in seen:
            seen.add(en)
            pairs.append((en, fr))
random.Random(20261122).shuffle(pairs)
with open(out + ".tmp", "w", encoding="utf-8", newline="\n") as f:
    for en, fr in pairs[:6000]:
        f.write(en + "\t" + fr + "\n")
import os
os.replace(out + ".tmp", out)
print(len(pairs), "candidates;", min(6000, len(pairs)), "written to", out)
