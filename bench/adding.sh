#!/bin/sh
# bench/adding.sh [RUNS]: rnntutor's adding-problem training against its
# PyTorch twin, side by side, on one core.
#
# The work (the issue's speed target): an LSTM with hidden 32 on the adding
# problem at T = 100, batch 32, 1000 updates of Adam (lr 0.01) with the
# gradient clipped at 1, the held-out MSE on 1024 sequences every 100
# updates. rnntutor runs
#
#     rnntutor sim adding model=lstm steps=100 hidden=32 batch=32 \
#         updates=1000 optimizer=adam lr=0.01 clip=1 eval_every=100
#
# and bench/adding_torch.py does the same with nn.LSTM + nn.Linear in
# float32 on one thread (the same recipe, its own random numbers). Both
# report the time of the training loop with its evaluations; the script
# takes the best of RUNS runs of rnntutor (default 3) and one of PyTorch
# (about a minute on a shared 2-vCPU machine).
#
# GFLOP/s counts the matrix products only: 2 G H (H + I) per sequence step
# forward (G = 4 gates, I = 2 inputs), three times that for a training
# step, over rnntutor's time; the peak is bench/peak.c's single-core
# multiply-add rate (separate multiply and add, as the kernels do) and FMA.
#
# Environment: RNNTUTOR (default ./rnntutor), PYTHON (default
# /usr/bin/python3, Debian's, which has python3-torch), CC (default gcc).
set -eu
cd "$(dirname "$0")/.."

RNNTUTOR=${RNNTUTOR:-./rnntutor}
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-gcc}
RUNS=${1:-3}
OUT=bench/out
T=100 H=32 B=32 U=1000 E=100 TEST=1024
SETTINGS="model=lstm steps=$T hidden=$H batch=$B updates=$U optimizer=adam lr=0.01 clip=1 eval_every=$E"

mkdir -p "$OUT"
[ -x "$RNNTUTOR" ] || { echo "adding.sh: no $RNNTUTOR (run make, or set RNNTUTOR)" >&2; exit 1; }
"$CC" -std=c11 -O2 bench/peak.c -o "$OUT/peak"
peak=$("$OUT/peak")

value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }

best=""
for r in $(seq 1 "$RUNS"); do
	"$RNNTUTOR" sim adding $SETTINGS > "$OUT/adding-ours.txt"
	s=$(value seconds "$OUT/adding-ours.txt")
	best=$(echo "$best $s" | awk '{ m = $1; for (i = 2; i <= NF; i++) if ($i < m) m = $i; print m }')
done
ours_mse=$(value final_mse "$OUT/adding-ours.txt")

torch_s=nan torch_mse=nan
if "$PYTHON" -c "import torch" 2>/dev/null; then
	"$PYTHON" bench/adding_torch.py --model lstm --steps $T --hidden $H \
	    --batch $B --updates $U --lr 0.01 --clip 1 --eval-every $E \
	    --test-size $TEST > "$OUT/adding-torch.txt"
	last=$(tail -n 1 "$OUT/adding-torch.txt")
	torch_s=$(echo "$last" | sed 's/.*seconds=\([0-9.]*\).*/\1/')
	torch_mse=$(echo "$last" | sed 's/.*final_mse=\([0-9.e-]*\).*/\1/')
fi

echo "$best $ours_mse $torch_s $torch_mse $peak" | awk -v T=$T -v H=$H -v B=$B -v U=$U -v E=$E -v N=$TEST '
{
	split($0, f, /[ =]/)
	ours = $1; torch = $3
	fwd = 2 * 4 * H * (H + 2)
	flops = U * B * T * 3 * fwd + (int(U / E) + 1) * N * T * fwd
	gf = flops / ours * 1e-9
	printf "adding benchmark: LSTM H=%d, T=%d, batch %d, %d updates of Adam, clip 1\n", H, T, B, U
	printf "  rnntutor: %.3f s (best of runs), final held-out MSE %s\n", ours, $2
	if (torch == torch + 0)
		printf "  pytorch:  %.3f s, final held-out MSE %s\n  ratio:    %.1fx faster\n", torch, $4, torch / ours
	else
		printf "  pytorch:  not run (no torch)\n"
	printf "  speed:    %.1f GFLOP/s in the matrix products (%.1f GFLOP); peak %.1f GFLOP/s (mul+add), %.1f (FMA): %.0f%% / %.0f%%\n", gf, flops * 1e-9, f[6], f[8], 100 * gf / f[6], 100 * gf / f[8]
}'
