#!/usr/bin/env python3
"""The PyTorch twin of `rnntutor sim sentiment`, for bench/sentiment.sh.

Same data, same split, same vocabulary, same model and the same training
recipe as src/sentiment/*.c:

  - data: `sentence<TAB>label` (a first line whose label is not 0 or 1 is a
    header); an optional third column train/test is honoured, the rest is
    split 80/20 by the seed with rnntutor's own generator (xoshiro256**
    seeded by splitmix64, a Fisher-Yates shuffle, the first fifth to test),
    ported below so both programs hold out the very same sentences; then
    the validation split, as sentiment_val_assign(): the training
    sentences in file order, shuffled by the generator seeded with seed + 3,
    the first round(m * val) of them (at most m - 1) held out, scored after
    every epoch and never trained on;
  - words: lower case, runs of [a-z0-9'] without outer apostrophes (the
    C tokenizer's rule for ASCII text);
  - vocabulary from the sentences trained on, words seen fewer than min_count
    times share the unknown id 0;
  - nn.Embedding(V, E) -> nn.LSTM(E, H) (or nn.GRU, or nn.RNN, tanh) over packed
    sequences -> nn.Linear(H, 1) on the last hidden state ->
    BCEWithLogitsLoss; Adam(lr), clip_grad_norm_(clip), mini-batches of
    `batch` sentences in a new random order each epoch, the validation and
    the test set evaluated after every epoch in batches of the same size;
  - one thread (torch.set_num_threads(1)).

Prints one line per epoch and a last line
    torch seconds=S test_acc=A train_tokens=N
where S is the time of the training loop (all epochs, with the per-epoch
evaluation; loading and tokenizing the data is not counted, as in
rnntutor's `seconds`).
"""

import argparse
import re
import sys
import time

import torch
from torch import nn
from torch.nn.utils.rnn import pack_sequence

MASK = (1 << 64) - 1


class Rng:
    """src/nn/rng.c: splitmix64 seeding, xoshiro256**, rng_below."""

    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self.rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self.rotl(s[3], 45)
        return result

    def below(self, n):
        threshold = ((1 << 64) - n) % n
        while True:
            r = self.next()
            if r >= threshold:
                return r % n


def read_tsv(path):
    rows = []
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if not line.strip():
                continue
            fields = [x.strip() for x in line.split("\t")]
            while len(fields) > 1 and fields[-1] == "":
                fields.pop()
            if len(fields) < 2 or fields[1] not in ("0", "1"):
                continue            # the header, or a line rnntutor skips too
            split = None
            if len(fields) >= 3:
                split = fields[2]
            rows.append((fields[0], int(fields[1]), split))
    return rows


def split_rows(rows, seed, fraction=0.2):
    """sentiment_split_assign(): shuffle the unsplit ones, first share test."""
    where = [r[2] for r in rows]
    idx = [i for i, r in enumerate(rows) if r[2] is None]
    rng = Rng(seed)
    for i in range(len(idx), 1, -1):
        j = rng.below(i)
        idx[i - 1], idx[j] = idx[j], idx[i - 1]
    ntest = int(len(idx) * fraction + 0.5)
    for k, i in enumerate(idx):
        where[i] = "test" if k < ntest else "train"
    return where


def val_rows(where, seed, fraction):
    """sentiment_val_assign(): part of the training split to validation."""
    where = list(where)
    idx = [i for i, w in enumerate(where) if w == "train"]
    rng = Rng(seed)
    for i in range(len(idx), 1, -1):
        j = rng.below(i)
        idx[i - 1], idx[j] = idx[j], idx[i - 1]
    nval = int(len(idx) * fraction + 0.5)
    if idx and nval > len(idx) - 1:
        nval = len(idx) - 1
    for i in idx[:nval]:
        where[i] = "val"
    return where


WORD = re.compile(r"[a-z0-9']+")


def tokenize(text):
    words = (w.strip("'") for w in WORD.findall(text.lower()))
    return [w for w in words if w]


class Classifier(nn.Module):
    def __init__(self, cell, vocab, embed, hidden):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        if cell == "lstm":
            self.rnn = nn.LSTM(embed, hidden)
        elif cell == "gru":
            self.rnn = nn.GRU(embed, hidden)
        else:
            self.rnn = nn.RNN(embed, hidden, nonlinearity="tanh")
        self.out = nn.Linear(hidden, 1)

    def forward(self, seqs):
        packed = pack_sequence([self.embedding(s) for s in seqs],
                               enforce_sorted=False)
        _, state = self.rnn(packed)
        h = state[0] if isinstance(state, tuple) else state
        return self.out(h[-1]).squeeze(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--model", default="lstm", choices=["lstm", "rnn", "gru"])
    ap.add_argument("--embed", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=0.005)
    ap.add_argument("--clip", type=float, default=5.0)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--val", type=float, default=0.1)
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rows = read_tsv(args.data)
    where = val_rows(split_rows(rows, args.seed), args.seed + 3, args.val)
    train = [(tokenize(r[0]), r[1]) for r, w in zip(rows, where) if w == "train"]
    val = [(tokenize(r[0]), r[1]) for r, w in zip(rows, where) if w == "val"]
    test = [(tokenize(r[0]), r[1]) for r, w in zip(rows, where) if w == "test"]
    counts = {}
    for words, _ in train:
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    vocab = {w: i + 1 for i, w in enumerate(sorted(
        w for w, c in counts.items() if c >= args.min_count))}

    def ids(words):
        return torch.tensor([vocab.get(w, 0) for w in words] or [0],
                            dtype=torch.long)
    # an empty sentence becomes one unknown word (rnntutor never gets one:
    # its reader skips lines without words)
    train_x = [ids(w) for w, _ in train]
    train_y = torch.tensor([y for _, y in train], dtype=torch.float32)
    val_x = [ids(w) for w, _ in val]
    val_y = torch.tensor([y for _, y in val], dtype=torch.float32)
    test_x = [ids(w) for w, _ in test]
    test_y = torch.tensor([y for _, y in test], dtype=torch.float32)
    train_tokens = sum(len(w) for w, _ in train)

    model = Classifier(args.model, len(vocab) + 1, args.embed, args.hidden)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    lossf = nn.BCEWithLogitsLoss()
    b = args.batch
    start = time.perf_counter()
    acc = float("nan")
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        order = torch.randperm(len(train_x)).tolist()
        total, right = 0.0, 0
        for k in range(0, len(order), b):
            chunk = order[k:k + b]
            logits = model([train_x[i] for i in chunk])
            y = train_y[chunk]
            loss = lossf(logits, y)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
            total += loss.item() * len(chunk)
            right += int(((logits > 0).float() == y).sum())
        model.eval()
        correct = vcorrect = 0
        with torch.no_grad():
            for k in range(0, len(val_x), b):
                logits = model(val_x[k:k + b])
                vcorrect += int(((logits > 0).float() == val_y[k:k + b]).sum())
            for k in range(0, len(test_x), b):
                logits = model(test_x[k:k + b])
                correct += int(((logits > 0).float() == test_y[k:k + b]).sum())
        acc = correct / len(test_x)
        vacc = vcorrect / len(val_x) if val_x else float("nan")
        print("%d\t%.4f\t%.4f\t%.4f\t%.4f\t%.3f" % (
            epoch, total / len(train_x), right / len(train_x), vacc, acc,
            time.perf_counter() - t0))
    seconds = time.perf_counter() - start
    print("torch seconds=%.3f test_acc=%.4f train_tokens=%d" % (
        seconds, acc, train_tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
