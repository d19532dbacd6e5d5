#!/usr/bin/env python3
"""Bahdanau-style against Luong-style GRU decoders in PyTorch, on the Tatoeba pairs in data/.

Not part of the Maven suite. Needs Debian's PyTorch (`apt-get install -y python3-torch`).
It answers one question: attn4j's Luong-style decoders learn more slowly than its
Bahdanau-style ones (BENCHMARKS.md); is that the architecture at this size, or attn4j?
The same two styles, written here independently in PyTorch, on the same pairs at about the
same size, show whether PyTorch sees the same gap.

Usage: python3 scripts/rnn_decoder_styles.py STYLE ATTENTION [SEED] [EPOCHS]
  STYLE      bahdanau | luong | luong-nofeed (luong without input feeding)
  ATTENTION  additive | general
It prints the mean training loss and the validation loss (token-level cross-entropy, nats)
after every epoch. Seeded; one thread. Words and punctuation, lowercased, are the tokens
(not attn4j's BPE), so the losses compare styles with each other, not with attn4j's figures.

The styles, as attn4j's RnnDecoder defines them:
  bahdanau: attend with the previous state s_{t-1}; feed [e_t; c_t] to the cell;
            predict from [s_t; c_t; e_t].
  luong:    feed [e_t; h~_{t-1}] to the cell (input feeding); attend with the new state s_t;
            h~_t = tanh(Wc [c_t; s_t]); predict from h~_t.
Encoder: bidirectional GRU; the decoder starts from tanh(W h_enc). Embedding 64, hidden 96,
Adam 2e-3, batch 64, gradient norm clipped at 1, no dropout; 500 pairs, picked by a seeded
shuffle, are held out.
"""
import math
import pathlib
import random
import re
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

STYLE, ATTENTION = sys.argv[1], sys.argv[2]
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 0
EPOCHS = int(sys.argv[4]) if len(sys.argv) > 4 else 6
if STYLE not in ("bahdanau", "luong", "luong-nofeed") or ATTENTION not in ("additive", "general"):
    sys.exit(__doc__)
torch.set_num_threads(1)
torch.manual_seed(SEED)
random.seed(0)

DATA = pathlib.Path(__file__).resolve().parent.parent / "data" / "tatoeba-eng-fra.tsv"
pairs = [line.rstrip("\n").split("\t") for line in DATA.open(encoding="utf-8")]


def words(s):
    return re.findall(r"\w+|[^\w\s]", s.lower())


PAD, BOS, EOS, UNK = 0, 1, 2, 3


def vocabulary(sentences):
    v = {"<pad>": PAD, "<bos>": BOS, "<eos>": EOS, "<unk>": UNK}
    for s in sentences:
        for w in s:
            v.setdefault(w, len(v))
    return v


src = [words(a) for a, _ in pairs]
tgt = [words(b) for _, b in pairs]
order = list(range(len(pairs)))
random.shuffle(order)
held_out, train = order[:500], order[500:]
src_vocab = vocabulary(src[i] for i in train)
tgt_vocab = vocabulary(tgt[i] for i in train)
E, H = 64, 96


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(src_vocab), E, padding_idx=PAD)
        self.rnn = nn.GRU(E, H, batch_first=True, bidirectional=True)

    def forward(self, x, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.embedding(x), lengths, batch_first=True,
                                                   enforce_sorted=False)
        out, h = self.rnn(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.size(1))
        return out, torch.cat([h[0], h[1]], -1)


class Attention(nn.Module):
    def __init__(self, query_dim, memory_dim):
        super().__init__()
        if ATTENTION == "additive":
            self.wq = nn.Linear(query_dim, H, bias=False)
            self.wm = nn.Linear(memory_dim, H)
            self.v = nn.Linear(H, 1, bias=False)
        else:
            self.w = nn.Linear(memory_dim, query_dim, bias=False)

    def forward(self, q, memory, mask):
        if ATTENTION == "additive":
            scores = self.v(torch.tanh(self.wq(q).unsqueeze(1) + self.wm(memory))).squeeze(-1)
        else:
            scores = torch.bmm(self.w(memory), q.unsqueeze(-1)).squeeze(-1)
        weights = F.softmax(scores.masked_fill(~mask, -math.inf), -1)
        return torch.bmm(weights.unsqueeze(1), memory).squeeze(1)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = nn.Embedding(len(tgt_vocab), E, padding_idx=PAD)
        self.bridge = nn.Linear(2 * H, H)
        self.attention = Attention(H, 2 * H)
        if STYLE == "bahdanau":
            self.cell = nn.GRUCell(E + 2 * H, H)
            self.output = nn.Linear(H + 2 * H + E, len(tgt_vocab))
        else:
            self.feed = STYLE == "luong"
            self.cell = nn.GRUCell(E + (H if self.feed else 0), H)
            self.combine = nn.Linear(2 * H + H, H, bias=False)
            self.output = nn.Linear(H, len(tgt_vocab))

    def forward(self, memory, final, mask, y):
        s = torch.tanh(self.bridge(final))
        attentional = torch.zeros_like(s)
        logits = []
        for t in range(y.size(1)):
            e = self.embedding(y[:, t])
            if STYLE == "bahdanau":
                c = self.attention(s, memory, mask)
                s = self.cell(torch.cat([e, c], -1), s)
                logits.append(self.output(torch.cat([s, c, e], -1)))
            else:
                s = self.cell(torch.cat([e, attentional], -1) if self.feed else e, s)
                c = self.attention(s, memory, mask)
                attentional = torch.tanh(self.combine(torch.cat([c, s], -1)))
                logits.append(self.output(attentional))
        return torch.stack(logits, 1)


encoder, decoder = Encoder(), Decoder()
params = list(encoder.parameters()) + list(decoder.parameters())
adam = torch.optim.Adam(params, lr=2e-3)


def batch(ids):
    xs = [[src_vocab.get(w, UNK) for w in src[i]] for i in ids]
    ys = [[BOS] + [tgt_vocab.get(w, UNK) for w in tgt[i]] + [EOS] for i in ids]
    x = torch.zeros(len(ids), max(map(len, xs)), dtype=torch.long)
    y = torch.zeros(len(ids), max(map(len, ys)), dtype=torch.long)
    for k, (a, b) in enumerate(zip(xs, ys)):
        x[k, :len(a)] = torch.tensor(a)
        y[k, :len(b)] = torch.tensor(b)
    return x, torch.tensor([len(a) for a in xs]), y


def loss(ids):
    x, lengths, y = batch(ids)
    memory, final = encoder(x, lengths)
    logits = decoder(memory, final, x != PAD, y[:, :-1])
    return F.cross_entropy(logits.reshape(-1, logits.size(-1)), y[:, 1:].reshape(-1), ignore_index=PAD)


for epoch in range(1, EPOCHS + 1):
    random.shuffle(train)
    total, batches = 0.0, 0
    encoder.train()
    decoder.train()
    for b in range(0, len(train), 64):
        step_loss = loss(train[b:b + 64])
        adam.zero_grad()
        step_loss.backward()
        nn.utils.clip_grad_norm_(params, 1.0)
        adam.step()
        total += step_loss.item()
        batches += 1
    encoder.eval()
    decoder.eval()
    with torch.no_grad():
        held = sum(loss(held_out[b:b + 100]).item() for b in range(0, 500, 100)) / 5
    print(f"{STYLE} {ATTENTION} epoch {epoch} train {total / batches:.3f} val {held:.3f}", flush=True)
