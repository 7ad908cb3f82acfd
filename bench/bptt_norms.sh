#!/bin/sh
# The bptt-norms sweep (hidden 64, 1000 steps, rho in {0.5, 0.9, 1.0, 1.1,
# 1.5}) in rnntutor and in its PyTorch twin (bench/bptt_norms_torch.py),
# side by side. A benchmark, not a test: it always exits 0 when it ran.
#
#   bench/bptt_norms.sh [RUNS]
#
# RNNTUTOR  the program (default ./rnntutor, else the one next to bench/)
# PYTHON    the Python with torch (default /usr/bin/python3); the PyTorch
#           part is skipped when it cannot import torch
# RUNS      runs of each side; the best is reported (default 10 and 5)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-10}
case $runs in
''|*[!0-9]*|0) echo "usage: $0 [RUNS]" >&2; exit 2 ;;
esac
if [ -z "${RNNTUTOR:-}" ]; then
	if [ -x ./rnntutor ]; then RNNTUTOR=./rnntutor
	else RNNTUTOR=$here/../rnntutor
	fi
fi
PYTHON=${PYTHON:-/usr/bin/python3}
if [ ! -x "$RNNTUTOR" ]; then
	echo "bptt_norms.sh: no program at $RNNTUTOR (build it, or set RNNTUTOR)" >&2
	exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# Seconds since the epoch with nanoseconds (GNU date), or empty.
now() {
	t=$(date +%s.%N 2>/dev/null) || t=
	case $t in *N*|'') echo '' ;; *) echo "$t" ;; esac
}

# rnntutor: the run time it reports (--time: the simulation alone) and the
# wall time of the whole process (start-up and tsv output included).
best_sim=
best_wall=
i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(now)
	"$RNNTUTOR" sim bptt-norms hidden=64 steps=1000 sweep=on --format=tsv \
	    --time >"$tmp/out.tsv" 2>"$tmp/err"
	t1=$(now)
	sim=$(sed -n 's/^sim-time: \([0-9.]*\) s$/\1/p' "$tmp/err")
	best_sim=$(echo "$sim ${best_sim:-$sim}" | awk '{print ($1 < $2) ? $1 : $2}')
	if [ -n "$t0" ] && [ -n "$t1" ]; then
		wall=$(echo "$t0 $t1" | awk '{printf "%.6f", $2 - $1}')
		best_wall=$(echo "$wall ${best_wall:-$wall}" |
		    awk '{print ($1 < $2) ? $1 : $2}')
	fi
	i=$((i + 1))
done
rows=$(wc -l <"$tmp/out.tsv")

echo "bptt-norms sweep: hidden 64, 1000 steps, rho in {0.5, 0.9, 1.0, 1.1, 1.5}"
printf 'rnntutor: %s s (the simulation, best of %s runs)\n' "$best_sim" "$runs"
if [ -n "$best_wall" ]; then
	printf '          %s s (whole process, writing %s tsv rows)\n' \
	    "$best_wall" "$rows"
fi

torch_runs=$(( runs < 5 ? runs : 5 ))
if "$PYTHON" -c 'import torch' >/dev/null 2>&1; then
	"$PYTHON" "$here/bptt_norms_torch.py" --repeat "$torch_runs" \
	    >"$tmp/torch" 2>&1 || true
	torch=$(sed -n 's/^torch-time: \([0-9.]*\) s$/\1/p' "$tmp/torch")
	version=$(sed -n 's/^torch-version: //p' "$tmp/torch")
	if [ -n "$torch" ]; then
		printf 'pytorch:  %s s (torch %s, autograd, float64, 1 thread, best of %s)\n' \
		    "$torch" "$version" "$torch_runs"
		echo "$torch $best_sim" | awk '{
			r = $1 / $2
			verdict = (r >= 20) ? "ok" : "BELOW TARGET"
			printf "ratio:    %.1fx faster (target: 20x): %s\n", r, verdict
		}'
	else
		echo "pytorch:  failed:"
		cat "$tmp/torch"
	fi
else
	echo "pytorch:  skipped ($PYTHON cannot import torch)"
fi
