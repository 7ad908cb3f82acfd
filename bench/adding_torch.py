#!/usr/bin/env python3
"""The PyTorch twin of `rnntutor sim adding`, for bench/adding.sh.

The same task, model and training recipe as src/sim/sims_adding.c and
src/nn/seqtrain.c:

  - the adding problem: T steps of two inputs, a value from U(0, 1) and a
    marker that is 1 at one uniform step of each half, the target the sum
    of the two marked values; a fresh batch every update, a held-out set of
    1024 sequences drawn once (torch's generator, seeded: the same
    distribution as rnntutor's, not the same numbers);
  - nn.LSTM(2, H) (PyTorch's default init, forget-gate bias_ih = 1 and
    bias_hh = 0 as rnntutor sets them) or nn.GRU or nn.RNN, then
    nn.Linear(H, 1) on h_T, MSELoss;
  - Adam(lr), clip_grad_norm_(clip) (0: off), the held-out MSE at update 0,
    every eval_every updates and the last;
  - float32 on one thread (torch.set_num_threads(1)).

Prints one line per evaluation and a last line
    torch seconds=S final_mse=M
where S is the time of the training loop with its evaluations (drawing the
held-out set and a warm-up update are not counted, as in rnntutor's
`seconds`).
"""

import argparse
import time

import torch
from torch import nn


def adding_batch(n, steps, gen):
    """n sequences (T x n x 2, time-major as nn.LSTM wants) and targets."""
    half = steps // 2
    values = torch.rand(steps, n, generator=gen)
    first = torch.randint(0, half, (n,), generator=gen)
    second = torch.randint(half, steps, (n,), generator=gen)
    marks = torch.zeros(steps, n)
    cols = torch.arange(n)
    marks[first, cols] = 1.0
    marks[second, cols] = 1.0
    x = torch.stack((values, marks), dim=2)
    y = (values * marks).sum(dim=0)
    return x, y


class Net(nn.Module):
    def __init__(self, model, hidden):
        super().__init__()
        cell = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}[model]
        self.rnn = cell(2, hidden)
        self.head = nn.Linear(hidden, 1)
        if model == "lstm":
            with torch.no_grad():
                self.rnn.bias_ih_l0[hidden:2 * hidden] = 1.0
                self.rnn.bias_hh_l0[hidden:2 * hidden] = 0.0

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.head(out[-1]).squeeze(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="lstm")
    ap.add_argument("--steps", type=int, default=100)
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--updates", type=int, default=1000)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--test-size", type=int, default=1024)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed + 1)
    net = Net(a.model, a.hidden)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = nn.MSELoss()
    test_x, test_y = adding_batch(a.test_size, a.steps, gen)

    def update():
        x, y = adding_batch(a.batch, a.steps, gen)
        opt.zero_grad()
        loss = loss_fn(net(x), y)
        loss.backward()
        if a.clip > 0:
            nn.utils.clip_grad_norm_(net.parameters(), a.clip)
        opt.step()

    def evaluate(done):
        with torch.no_grad():
            mse = loss_fn(net(test_x), test_y).item()
        print("update %d test_mse %.6f" % (done, mse))
        return mse

    # a warm-up update on a copy, so allocation and dispatch set-up are
    # not timed; the timed run starts from the untouched weights
    state = [p.detach().clone() for p in net.parameters()]
    update()
    with torch.no_grad():
        for p, s in zip(net.parameters(), state):
            p.copy_(s)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)

    t0 = time.perf_counter()
    mse = evaluate(0)
    for done in range(1, a.updates + 1):
        update()
        if done % a.eval_every == 0 or done == a.updates:
            mse = evaluate(done)
    seconds = time.perf_counter() - t0
    print("torch seconds=%.4f final_mse=%.6f" % (seconds, mse))


if __name__ == "__main__":
    main()
