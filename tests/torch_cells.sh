#!/bin/sh
# `rnntutor sim cell-grads` against PyTorch's autograd, on cases drawn here
# and never tuned on: for each cell (rnn, lstm, gru) the smallest and the
# largest sizes in range and a few random input and hidden sizes, lengths,
# all with random seeds. Each case's printed weights, x, h0 (and
# c0) go into torch.nn.RNN / LSTM / GRU in float64; the loss
# 0.5 * sum_t ||h_t||^2 is taken there and backpropagated, and every
# gradient, the loss and grad_norm must agree to 1e-9, relative to the
# largest entry of the tensor compared (max |ours - torch| / max |torch|).
#
#   RNNTUTOR=path/to/rnntutor tests/torch_cells.sh    (default ./rnntutor)
#   TORCH_CELLS_SEED=N     draw the same cases again (the seed is printed)
#   TORCH_CELLS_CASES=N    cases per cell (default 5)
#
# Prints one line per failure, the worst error, and "torch-cells: N passed,
# N failed"; exits 1 when anything failed and 77 (skipped) when
# /usr/bin/python3 cannot import torch. No timing anywhere: the result does
# not depend on the machine's speed.
set -u

RNNTUTOR=${RNNTUTOR:-./rnntutor}
PYTHON=${PYTHON:-/usr/bin/python3}
cases=${TORCH_CELLS_CASES:-5}
seed=${TORCH_CELLS_SEED:-$(( $(date +%s) % 1000000 ))}

if [ ! -x "$RNNTUTOR" ]; then
	echo "torch_cells.sh: no program at $RNNTUTOR" >&2
	echo "torch-cells: 0 passed, 1 failed"
	exit 1
fi
if ! "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
	echo "torch-cells: skipped ($PYTHON cannot import torch)"
	exit 77
fi
echo "torch-cells: seed $seed (TORCH_CELLS_SEED=$seed draws these cases again)"

exec "$PYTHON" - "$RNNTUTOR" "$seed" "$cases" <<'EOF'
import random, subprocess, sys
import torch

torch.set_default_dtype(torch.float64)
RNNTUTOR, SEED, CASES = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
TOL = 1e-9
PARAMS = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]
MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def sim(args):
    """rnntutor sim cell-grads ARGS --format=tsv, as lines."""
    run = subprocess.run([RNNTUTOR, "sim", "cell-grads"] + args
                         + ["--format=tsv"], capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError("exit %d: %s" % (run.returncode, run.stderr.strip()))
    return run.stdout.splitlines()


def tensors(lines):
    """The table as {name: [values]}, names in order; indices checked."""
    if lines[0] != "tensor\tindex\tvalue":
        raise RuntimeError("header %r" % lines[0])
    table = {}
    for line in lines[1:]:
        name, index, value = line.split("\t")
        values = table.setdefault(name, [])
        if int(index) != len(values):
            raise RuntimeError("%s: index %s after %d values"
                               % (name, index, len(values)))
        values.append(float(value))
    return table


def rel(ours, theirs):
    """max |ours - theirs| / max |theirs| (1e-12 at least)."""
    theirs = theirs.detach().reshape(-1)
    ours = torch.tensor(ours)
    if ours.numel() != theirs.numel():
        return float("inf")
    scale = max(theirs.abs().max().item(), 1e-12)
    return (ours - theirs).abs().max().item() / scale


def check(cell, ni, nh, steps, seed):
    """The worst error of one case, and the tensor it was in."""
    args = ["cell=" + cell, "input=%d" % ni, "hidden=%d" % nh,
            "steps=%d" % steps, "seed=%d" % seed]
    table = tensors(sim(args))
    scalars = dict(line.split("\t") for line in sim(args + ["--scalars"])[1:])
    states = ["h0", "c0"] if cell == "lstm" else ["h0"]
    names = PARAMS + ["x"] + states
    want = names + ["grad." + n for n in names]
    if list(table) != want:
        raise RuntimeError("tensors %s, wanted %s" % (list(table), want))
    mod = MODULES[cell](ni, nh)
    with torch.no_grad():
        for p in PARAMS:
            param = getattr(mod, p)
            if param.numel() != len(table[p]):
                raise RuntimeError("%s has %d values, torch wants %d"
                                   % (p, len(table[p]), param.numel()))
            param.copy_(torch.tensor(table[p]).reshape(param.shape))
    x = torch.tensor(table["x"]).reshape(steps, 1, ni).requires_grad_()
    init = [torch.tensor(table[s]).reshape(1, 1, nh).requires_grad_()
            for s in states]
    out, _ = mod(x, tuple(init) if cell == "lstm" else init[0])
    loss = 0.5 * (out ** 2).sum()
    loss.backward()
    norm = torch.cat([getattr(mod, p).grad.reshape(-1) for p in PARAMS]).norm()
    errors = [(rel(table["grad." + p], getattr(mod, p).grad), "grad." + p)
              for p in PARAMS]
    errors.append((rel(table["grad.x"], x.grad), "grad.x"))
    errors += [(rel(table["grad." + s], t.grad), "grad." + s)
               for s, t in zip(states, init)]
    errors.append((rel([float(scalars["loss"])], loss), "loss"))
    errors.append((rel([float(scalars["grad_norm"])], norm), "grad_norm"))
    return max(errors)


rng = random.Random(SEED)
passed = failed = 0
worst = (0.0, "", "")
for cell in ("rnn", "lstm", "gru"):
    # the smallest and the largest sizes in range, then random ones
    sizes = [(1, 1, 1), (16, 32, 50)] + [
        (rng.randint(1, 16), rng.randint(1, 32), rng.randint(1, 50))
        for _ in range(CASES)]
    for size in sizes:
        case = (cell,) + size + (rng.randint(0, 2**31 - 1),)
        text = "cell=%s input=%d hidden=%d steps=%d seed=%d" % case
        try:
            err, where = check(*case)
        except Exception as e:          # a bad table or a failed run
            err, where = float("inf"), str(e)
        if err > worst[0] or not worst[1]:
            worst = (err, where, text)
        if err <= TOL:
            passed += 1
        else:
            failed += 1
            print("FAIL: %s: %s off by %.3g (relative)" % (text, where, err))
print("torch-cells: worst relative error %.3g in %s (%s), torch %s"
      % (worst[0], worst[1], worst[2], torch.__version__))
print("torch-cells: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
EOF
