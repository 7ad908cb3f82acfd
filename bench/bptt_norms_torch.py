#!/usr/bin/python3
"""PyTorch twin of `rnntutor sim bptt-norms hidden=64 steps=1000 sweep=on`.

The same work with autograd, in float64 on one thread: a tanh RNN with input
size 1 (PyTorch's default init, W_hh = rho * a random orthogonal matrix),
inputs N(0, 1), loss L = sum(h_T) / sqrt(H), and for every rho in
{0.5, 0.9, 1.0, 1.1, 1.5} the norm ||dL/dh_t|| for t = 0..T from one
backward pass. As in the C simulation, the run for the main rho (0.9)
also takes the gradient of every parameter (the sim reports its total norm,
before and after clipping) and the largest singular value of W_hh; the
other runs need only the hidden states' gradients. The random numbers are
PyTorch's, not rnntutor's, so the values differ while the work is the same.

Prints "torch-version: V" and "torch-time: SECONDS s" (the best of --repeat
runs, the computation only, after one warm-up run).

    /usr/bin/python3 bench/bptt_norms_torch.py [--hidden 64] [--steps 1000]
        [--repeat 5] [--check]
"""
import argparse
import math
import sys
import time

try:
    import torch
except ImportError:
    print("torch-time: skipped (no torch)")
    sys.exit(0)

RHOS = (0.5, 0.9, 1.0, 1.1, 1.5)
MAIN_RHO = 0.9


def bptt_norms(rho, H, T, gen, grads):
    """||dL/dh_t|| for t = 0..T; with grads, also the parameter gradients."""
    k = 1.0 / math.sqrt(H)
    W_ih = torch.empty(H, 1).uniform_(-k, k, generator=gen)
    b_ih = torch.empty(H).uniform_(-k, k, generator=gen)
    b_hh = torch.empty(H).uniform_(-k, k, generator=gen)
    q, r = torch.linalg.qr(torch.randn(H, H, generator=gen))
    W_hh = rho * q * torch.sign(torch.diagonal(r))  # Haar-distributed, scaled
    x = torch.randn(T, 1, generator=gen)
    params = (W_ih, W_hh, b_ih, b_hh)
    for p in params:
        p.requires_grad_(grads)
    xw = x @ W_ih.T + b_ih + b_hh               # T x H: the input terms
    h = torch.zeros(H, requires_grad=True)
    hs = [h]
    for t in range(T):
        h = torch.tanh(xw[t] + W_hh @ h)
        h.retain_grad()
        hs.append(h)
    loss = h.sum() / math.sqrt(H)
    loss.backward()
    norms = torch.stack([s.grad for s in hs]).norm(dim=1)
    out = {"norm": norms}
    if grads:
        total = torch.sqrt(sum((p.grad ** 2).sum() for p in params))
        out["grad_norm"] = total.item()
        out["sigma_max"] = torch.linalg.matrix_norm(W_hh.detach(), 2).item()
    return out


def sweep(H, T, seed):
    gen = torch.Generator().manual_seed(seed)
    return {rho: bptt_norms(rho, H, T, gen, rho == MAIN_RHO) for rho in RHOS}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--check", action="store_true",
                    help="print ||dL/dh_0|| per rho as a sanity check")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.set_default_dtype(torch.float64)
    sweep(a.hidden, a.steps, 0)                 # warm-up
    best = math.inf
    for i in range(a.repeat):
        t0 = time.perf_counter()
        res = sweep(a.hidden, a.steps, 1)
        best = min(best, time.perf_counter() - t0)
    if a.check:
        for rho, r in res.items():
            print(f"rho {rho}: ||dL/dh_0|| = {r['norm'][0].item():.3g}")
    print(f"torch-version: {torch.__version__}")
    print(f"torch-time: {best:.6f} s")


if __name__ == "__main__":
    main()
