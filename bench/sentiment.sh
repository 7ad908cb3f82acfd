#!/bin/sh
# bench/sentiment.sh [SEEDS]: rnntutor's sentiment training against its
# PyTorch twin, side by side, on one core, for the LSTM and the GRU.
#
# The work (issues 6 and 13): an LSTM (then a GRU) classifier with embed=32,
# hidden=32, batch=32, 10 epochs, Adam lr 0.005, gradient clipping at 5,
# min_count 2, on a 3000-sentence review TSV split 80/20 by the seed, 10 %
# of the training part held out for validation (about 25 thousand training
# words), the validation and test sets scored after every epoch. rnntutor
# runs
#
#     rnntutor sim sentiment data=bench/out/reviews.tsv model=M embed=32 \
#         hidden=32 batch=32 epochs=10 lr=0.005 clip=5 min_count=2 seed=S
#
# and bench/sentiment_torch.py does the same with nn.LSTM (nn.GRU) over
# packed sequences in float32 on one thread, holding out the very same
# sentences. MODELS (default "lstm gru") chooses the cells.
# Both report the time of the training loop alone (reading and tokenizing
# the data excluded); the script also gives rnntutor's whole-process time.
# Accuracy moves a point or two with the seed on either side, so the script
# runs SEEDS seeds (default 3) and compares the means.
#
# The data: this machine has no network, so bench/make_reviews.py makes a
# synthetic stand-in for a real review dataset (see its header: Zipf
# vocabulary, weighted sentiment words, negation, "but", 6% label noise) at
# the size the issue names. It is not English; it is a benchmark of speed
# and of agreement with PyTorch, not of language understanding.
#
# GFLOP/s counts the matrix products only (2 G (E + H) per word forward with
# G = 4H gate rows for the LSTM, 3H for the GRU, three times that for a
# training word) over rnntutor's
# training time; the peak is measured by bench/peak.c: the best of 16
# independent vector multiply-add chains on one core, both as separate
# multiply and add (what the kernels do: no fused multiply-add, for the
# same bits on every machine) and with FMA.
#
# Environment: RNNTUTOR (default ./rnntutor), PYTHON (default
# /usr/bin/python3, Debian's, which has python3-torch), CC (default gcc).
set -eu
cd "$(dirname "$0")/.."

RNNTUTOR=${RNNTUTOR:-./rnntutor}
PYTHON=${PYTHON:-/usr/bin/python3}
CC=${CC:-gcc}
SEEDS=${1:-3}
MODELS=${MODELS:-lstm gru}
OUT=bench/out
DATA=$OUT/reviews.tsv
SETTINGS="embed=32 hidden=32 batch=32 epochs=10 lr=0.005 clip=5 min_count=2"

mkdir -p "$OUT"
[ -x "$RNNTUTOR" ] || { echo "sentiment.sh: no $RNNTUTOR (run make, or set RNNTUTOR)" >&2; exit 1; }
"$PYTHON" bench/make_reviews.py > "$DATA"
"$CC" -std=c11 -O2 bench/peak.c -o "$OUT/peak"
peak=$("$OUT/peak")
have_torch=yes
"$PYTHON" -c "import torch" 2>/dev/null || have_torch=no

# value NAME FILE: the number after NAME in rnntutor's text output
value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
now() { date +%s.%N; }

for model in $MODELS; do
rows=""
for seed in $(seq 1 "$SEEDS"); do
	t0=$(now)
	"$RNNTUTOR" sim sentiment data="$DATA" model="$model" $SETTINGS \
	    seed="$seed" > "$OUT/ours-$model-$seed.txt"
	t1=$(now)
	ours_s=$(value seconds "$OUT/ours-$model-$seed.txt")
	ours_acc=$(value test_acc "$OUT/ours-$model-$seed.txt")
	ours_gf=$(value gflops "$OUT/ours-$model-$seed.txt")
	ours_wall=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
	if [ $have_torch = yes ]; then
		"$PYTHON" bench/sentiment_torch.py "$DATA" --seed "$seed" \
		    --model "$model" --embed 32 --hidden 32 --batch 32 \
		    --epochs 10 --lr 0.005 --clip 5 --min-count 2 \
		    > "$OUT/torch-$model-$seed.txt"
		last=$(tail -n 1 "$OUT/torch-$model-$seed.txt")
		torch_s=$(echo "$last" | sed 's/.*seconds=\([0-9.]*\).*/\1/')
		torch_acc=$(echo "$last" | sed 's/.*test_acc=\([0-9.]*\).*/\1/')
		tokens=$(echo "$last" | sed 's/.*train_tokens=\([0-9]*\).*/\1/')
	else
		torch_s=nan torch_acc=nan tokens=$(value tokens "$OUT/ours-$model-$seed.txt")
	fi
	printf '%s seed %s: rnntutor %.3f s (process %s s), acc %.4f, %.1f GFLOP/s | pytorch %s s, acc %s\n' \
	    "$model" "$seed" "$ours_s" "$ours_wall" "$ours_acc" "$ours_gf" "$torch_s" "$torch_acc"
	rows="$rows$seed $ours_s $ours_wall $ours_acc $ours_gf $torch_s $torch_acc $tokens
"
done

printf '%s' "$rows" | awk -v peak="$peak" -v seeds="$SEEDS" -v model="$model" '
{ os += $2; ow += $3; oa += $4; og += $5; ts += $6; ta += $7; tok = $8 }
END {
	split(peak, p, /[ =]/)
	printf "\nsentiment benchmark: %s E=32 H=32, batch 32, 10 epochs, %d training words, %d seeds\n", toupper(model), tok, seeds
	printf "  rnntutor: %.3f s training (%.3f s whole process), test accuracy %.2f%%\n", os / NR, ow / NR, 100 * oa / NR
	if (ts == ts + 0 && ts > 0) {
		printf "  pytorch:  %.3f s training, test accuracy %.2f%%\n", ts / NR, 100 * ta / NR
		printf "  ratio:    %.1fx faster (training loops), %.1fx (rnntutor whole process)\n", ts / os, ts / ow
		printf "  accuracy: rnntutor - pytorch = %+.2f points\n", 100 * (oa - ta) / NR
	} else
		printf "  pytorch:  not run (no torch for %s)\n", ENVIRON["PYTHON"]
	printf "  speed:    %.1f GFLOP/s in the matrix products; single-core fp32 peak %.1f GFLOP/s (mul+add), %.1f (FMA): %.0f%% / %.0f%%\n", og / NR, p[2], p[4], 100 * og / NR / p[2], 100 * og / NR / p[4]
}'
done
