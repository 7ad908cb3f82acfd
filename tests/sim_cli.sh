#!/bin/sh
# `rnntutor sim` from the outside: exit codes, the tsv/csv header and rows,
# the lesson's first figures, and one-line errors for bad input.
#
#   RNNTUTOR=path/to/rnntutor tests/sim_cli.sh      (default ./rnntutor)
#
# Prints one line per failure and "sim-cli: N passed, N failed" at the end;
# exits 1 when anything failed. Each run is capped at 60 s x
# RNNTUTOR_TIME_FACTOR (set by configure; larger with sanitizers): one that
# hangs fails with exit 124.
set -u

RNNTUTOR=${RNNTUTOR:-./rnntutor}
factor=${RNNTUTOR_TIME_FACTOR:-1}
case $factor in
''|*[!0-9]*|0*)
	echo "sim_cli.sh: RNNTUTOR_TIME_FACTOR must be a whole number from 1, not '$factor'" >&2
	exit 99 ;;
esac
pass=0
fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# Note a result: ok NAME or bad NAME WHY.
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1: $2"; }

# run ARGS...: run `rnntutor sim ARGS`; status in $st, output in files.
run() {
	timeout $((60 * factor)) "$RNNTUTOR" sim "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# expect_exit NAME CODE: the last run exited with CODE.
expect_exit() {
	if [ "$st" -eq "$2" ]; then ok; else bad "$1" "exit $st, wanted $2"; fi
}

# expect_out NAME TEXT: the last run's stdout is exactly TEXT.
expect_out() {
	printf '%s\n' "$2" >"$tmp/want"
	if cmp -s "$tmp/out" "$tmp/want"; then ok
	else bad "$1" "stdout was: $(head -c 300 "$tmp/out")"
	fi
}

# expect_err NAME PATTERN: stderr is one line and holds PATTERN (grep -F).
expect_err() {
	if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qF -- "$2" "$tmp/err"
	then ok
	else bad "$1" "stderr was: $(head -c 300 "$tmp/err")"
	fi
}

# row N FIELD: field FIELD of line N of stdout (tab-separated).
row() { sed -n "$1p" "$tmp/out" | cut -f "$2"; }

# near NAME GOT WANT TOL: |GOT - WANT| <= TOL.
near() {
	if awk -v g="$2" -v w="$3" -v t="$4" \
	    'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= t) }'
	then ok
	else bad "$1" "got $2, wanted $3 +- $4"
	fi
}

if [ ! -x "$RNNTUTOR" ]; then
	echo "sim_cli.sh: no program at $RNNTUTOR" >&2
	echo "sim-cli: 0 passed, 1 failed"
	exit 1
fi

# --- the lesson's first figures ---------------------------------------------
run matrix-power --format=tsv
expect_exit "matrix-power tsv exit" 0
expect_out "matrix-power tsv" "$(printf 'scale\tpower\tmax_abs\n0.9\t10\t0.34867844010000015')"
run matrix-power scale=1.1 --format=tsv
near "matrix-power 1.1" "$(row 2 3)" 2.5937 0.00005

run linear-bptt --format=tsv
expect_exit "linear-bptt tsv exit" 0
if [ "$(sed -n 1p "$tmp/out")" = "$(printf 'step\tnorm')" ]; then ok
else bad "linear-bptt header" "$(sed -n 1p "$tmp/out")"
fi
if [ "$(wc -l <"$tmp/out")" -eq 22 ]; then ok
else bad "linear-bptt rows" "$(wc -l <"$tmp/out") lines, wanted 22"
fi
i=0
for want in 2.8284 1.6702 0.9862 0.5823 0.3439; do
	line=$((2 + 5 * i))
	[ "$(row $line 1)" = $((5 * i)) ] || bad "linear-bptt step $((5 * i))" \
	    "row $line is step $(row $line 1)"
	near "linear-bptt norm at step $((5 * i))" "$(row $line 2)" "$want" 0.00005
	i=$((i + 1))
done
run linear-bptt scale=1.1 steps=20 --format=csv
near "linear-bptt 1.1 at 20" "$(sed -n 22p "$tmp/out" | cut -d, -f2)" 19.0282 0.0001

# --- formats, seeds, determinism --------------------------------------------
run bptt-norms steps=3 sweep=on --format=csv
if [ "$(sed -n 1p "$tmp/out")" = "t,norm,bound,rho0.5,rho0.9,rho1.0,rho1.1,rho1.5" ]
then ok
else bad "bptt-norms csv header" "$(sed -n 1p "$tmp/out")"
fi
run rnn-unroll input=random seed=5 --format=tsv
cp "$tmp/out" "$tmp/first"
run rnn-unroll input=random seed=5 --format=tsv
if cmp -s "$tmp/out" "$tmp/first"; then ok
else bad "same seed, same bytes" "outputs differ"
fi
run rnn-unroll input=random seed=6 --format=tsv
if cmp -s "$tmp/out" "$tmp/first"; then bad "other seed" "same output"
else ok
fi
run lstm-vs-rnn hold=on forget_bias=2 --format=tsv
near "cell path sigmoid(2)^100" "$(row 2 4)" 3.1e-6 0.05e-6
run linear-bptt
expect_exit "text format exit" 0
if grep -q "^parameters: n=8 scale=0.9 steps=20$" "$tmp/out"; then ok
else bad "text format" "no parameters line"
fi

# --- tables and scalars in tsv/csv --------------------------------------------
# cell-grads: a header, then one row per number: for a GRU with I=2, H=3,
# T=4 that is 18 + 27 + 9 + 9 weights, 8 of x, 3 of h0, and as many grads.
run cell-grads cell=gru input=2 hidden=3 steps=4 seed=9 --format=tsv
expect_exit "cell-grads tsv exit" 0
if [ "$(sed -n 1p "$tmp/out")" = "$(printf 'tensor\tindex\tvalue')" ]; then ok
else bad "cell-grads tsv header" "$(sed -n 1p "$tmp/out")"
fi
if [ "$(wc -l <"$tmp/out")" -eq $((1 + 2 * (18 + 27 + 9 + 9 + 8 + 3))) ]
then ok
else bad "cell-grads tsv rows" "$(wc -l <"$tmp/out") lines"
fi
if [ "$(cut -f 1 "$tmp/out" | uniq | tr '\n' ' ')" = "tensor weight_ih_l0 \
weight_hh_l0 bias_ih_l0 bias_hh_l0 x h0 grad.weight_ih_l0 grad.weight_hh_l0 \
grad.bias_ih_l0 grad.bias_hh_l0 grad.x grad.h0 " ]
then ok
else bad "cell-grads tensor order" "$(cut -f 1 "$tmp/out" | uniq | tr '\n' ' ')"
fi
if [ "$(row 2 2)" = 0 ] && [ "$(row 19 2)" = 17 ] && [ "$(row 20 2)" = 0 ]
then ok
else bad "cell-grads indices" "rows 2, 19, 20: $(row 2 2) $(row 19 2) $(row 20 2)"
fi
run cell-grads cell=lstm --format=csv
if grep -q '^c0,3,' "$tmp/out" && grep -q '^grad.c0,3,' "$tmp/out"; then ok
else bad "cell-grads lstm c0" "no c0 or grad.c0 rows"
fi
# --scalars: scalar, value, one row each; the series output is unchanged
run bptt-norms steps=3 --format=tsv --scalars
expect_exit "--scalars exit" 0
if [ "$(cut -f 1 "$tmp/out" | tr '\n' ' ')" = \
    "scalar sigma_max ratio grad_norm clipped_norm " ]
then ok
else bad "--scalars names" "$(cut -f 1 "$tmp/out" | tr '\n' ' ')"
fi
near "--scalars sigma_max" "$(row 2 2)" 0.9 1e-12
run bptt-norms steps=3 --format=tsv
if [ "$(sed -n 1p "$tmp/out")" = "$(printf 't\tnorm\tbound')" ]; then ok
else bad "series without --scalars" "$(sed -n 1p "$tmp/out")"
fi
run cell-grads --format=csv --scalars
if [ "$(sed -n 1p "$tmp/out")" = "scalar,value" ] &&
    [ "$(sed -n 2p "$tmp/out" | cut -d , -f 1)" = loss ] &&
    [ "$(sed -n 3p "$tmp/out" | cut -d , -f 1)" = grad_norm ] &&
    [ "$(wc -l <"$tmp/out")" -eq 3 ]
then ok
else bad "cell-grads csv --scalars" "$(head -c 200 "$tmp/out")"
fi
run linear-bptt --scalars
expect_exit "--scalars with text exit" 2
expect_err "--scalars with text" "--scalars goes with --format=tsv"
[ -s "$tmp/out" ] && bad "--scalars with text" "wrote to stdout"

# --- listing and help -------------------------------------------------------
run --list
expect_exit "--list exit" 0
for sim in matrix-power linear-bptt rnn-unroll bptt-norms lstm-gates lstm-vs-rnn \
    cell-grads
do
	if grep -q "^$sim: " "$tmp/out"; then ok
	else bad "--list $sim" "not listed"
	fi
done
if grep -q "steps *= 20 *whole number 1..1000" "$tmp/out"; then ok
else bad "--list ranges" "no default and range for linear-bptt steps"
fi
run --help
expect_exit "--help exit" 0
run bptt-norms --help
expect_exit "NAME --help exit" 0

# --- looking inside a trained model: --ask, --beside -------------------------
# The lesson's settings; lesson 4 quotes these numbers ("Look inside").
loved="I loved this film, and we saw it on a rainy tuesday evening with my sister and her two children before we caught the last bus home."
run sentiment --save "$tmp/lstm.model"
expect_exit "sentiment LSTM saved" 0
run sentiment model=rnn --save "$tmp/rnn.model"
expect_exit "sentiment RNN saved" 0
run sentiment epochs=0 --load "$tmp/lstm.model" --beside "$tmp/rnn.model" \
    --ask "$loved" --format=tsv
expect_exit "--ask --beside tsv exit" 0
# the run's scalars row, a blank line, then the table of the sentence
sed -n '/^word	/,$p' "$tmp/out" >"$tmp/inside"
if [ "$(head -n 1 "$tmp/inside")" = "$(printf 'word\tP(pos)\tforget\tinput\tLSTM dz/dx\tRNN dz/dx')" ] &&
    [ "$(wc -l <"$tmp/inside")" -eq 28 ]; then ok
else bad "--ask table header and 27 words" "$(head -c 300 "$tmp/inside")"
fi
# saliency at "loved" against the largest: the RNN's has faded to
# 2.5e-05 (its largest 2.1, at "bus"), the LSTM's kept 0.0067 (of 0.99)
if [ "$(awk -F '\t' '$1 == "loved" { print $5, $6 }' "$tmp/inside")" = "0.0067 2.5e-05" ] &&
    [ "$(awk -F '\t' '$1 == "bus" { print $6 }' "$tmp/inside")" = "2.1" ] &&
    [ "$(awk -F '\t' '$1 == "home" { print $5 }' "$tmp/inside")" = "0.99" ]; then ok
else bad "--ask saliency at loved, bus, home" "$(grep -E '^(loved|bus|home)' "$tmp/inside")"
fi
if awk -F '\t' 'NR > 2 && ($3 <= 0.4 || $3 > 0.7 || $4 <= 0 || $4 >= 1) { bad = 1 }
    END { exit bad }' "$tmp/inside"; then ok
else bad "--ask gates: mean forget between 0.4 and 0.7 after the first word" "$(head -c 300 "$tmp/inside")"
fi
run sentiment epochs=0 --load "$tmp/lstm.model" --beside "$tmp/rnn.model" \
    --ask "$loved" --ascii
sed -n '/word  *P(pos)/,$p' "$tmp/out" >"$tmp/inside"
# in ASCII, within 80 columns: at "loved" the LSTM's bar is half full,
# the RNN's empty; at "home" both (nearly) full
if awk 'length($0) > 80 { exit 1 }' "$tmp/inside" &&
    grep -qE '^ +loved +0\.91 +0\.48 +0\.65  #####\.\.\.\. +0\.0067  \.{9} +2\.5e-05$' "$tmp/inside" &&
    grep -qE '^ +home +1\.00 +0\.58 +0\.46  ########\. +0\.99  #{9} +1\.2$' "$tmp/inside" &&
    tr -s ' \n' '  ' <"$tmp/inside" | grep -q "its bars are on a log scale"; then ok
else bad "--ask ASCII bars" "$(head -c 600 "$tmp/inside")"
fi
run sentiment epochs=0 --load "$tmp/rnn.model" --ask '!!! ???'
if [ "$st" -eq 0 ] && grep -q "Your sentence has no words" "$tmp/out" &&
    ! grep -q "P(positive) =" "$tmp/out"; then ok
else bad "--ask without words: no verdict" "exit $st: $(tail -c 300 "$tmp/out")"
fi
run sentiment epochs=0 --load "$tmp/rnn.model" --beside "$tmp/rnn.model"
expect_exit "--beside without --ask exit" 2
expect_err "--beside without --ask" "--beside goes with --ask"
run matrix-power --ask "hello"
expect_exit "--ask on a simulation without a model exit" 2
run sentiment epochs=0 --ask "hello" --beside "$tmp/missing.model"
expect_exit "--beside a missing file exit" 1

# --- looking inside a trained adding model: --ask "A B" ----------------------
# lesson 3's LSTM of the race, markers at t = 3 and 25: the rows by step,
# the answer against the sum (--scalars), and the strip in 80 columns
run adding model=lstm steps=30 updates=1000 --ask "3 25" --format=tsv
expect_exit "adding --ask tsv exit" 0
sed -n '/^t	/,$p' "$tmp/out" >"$tmp/inside"
if [ "$(head -n 1 "$tmp/inside")" = "$(printf 't\tmarker\tinput\tforget\tLSTM dy/dx')" ] &&
    [ "$(wc -l <"$tmp/inside")" -eq 31 ] &&
    [ "$(awk -F '\t' '$2 == 1 { printf "%s ", $1 }' "$tmp/inside")" = "3 25 " ]; then ok
else bad "adding --ask: header, 30 steps, markers at 3 and 25" "$(head -c 300 "$tmp/inside")"
fi
# the input gate and dy/dx are largest at the two markers
if [ "$(awk -F '\t' 'NR > 1 { print $1, $3 }' "$tmp/inside" | sort -k2 -g | tail -n 2 | cut -d ' ' -f 1 | sort -n | tr '\n' ' ')" = "3 25 " ] &&
    [ "$(awk -F '\t' 'NR > 1 { print $1, $5 }' "$tmp/inside" | sort -k2 -g | tail -n 2 | cut -d ' ' -f 1 | sort -n | tr '\n' ' ')" = "3 25 " ]; then ok
else bad "adding --ask: input gate and dy/dx peak at the markers" "$(head -c 600 "$tmp/inside")"
fi
run adding model=lstm steps=30 updates=1000 --ask "3 25" --format=tsv --scalars
if [ "$(tail -n 3 "$tmp/out" | awk -F '\t' 'NR == 1 { print } NR > 1 { printf "%s %.3f\n", $1, $2 }')" = "$(printf 'scalar\tvalue\nprediction 0.719\nsum 0.748')" ]; then ok
else bad "adding --ask --scalars: prediction and sum" "$(tail -n 3 "$tmp/out")"
fi
run adding model=rnn steps=30 updates=1000 --ask "3 25" --ascii
sed -n '/^    t = 3 and 25 marked/,$p' "$tmp/out" >"$tmp/inside"
if awk 'length($0) > 80 { exit 1 }' "$tmp/inside" &&
    grep -qxF "    t = 3 and 25 marked: 0.594 + 0.153 = 0.748; the RNN answers 0.944." "$tmp/inside" &&
    grep -qE '^    marker           0 __\|_{21}\|_{5} to 1$' "$tmp/inside" &&
    grep -qE '^    RNN dy/dx [ 0-9.e-]{8} [_.:|]{30} to 0\.28$' "$tmp/inside" &&
    grep -qE '^ +t=1 +30$' "$tmp/inside" && ! grep -q '^    input' "$tmp/inside"; then ok
else bad "adding --ask: the RNN's strip in ASCII, 80 columns" "$(head -c 800 "$tmp/inside")"
fi
run adding model=gru steps=30 updates=10 --ask "0 31"
if [ "$st" -eq 0 ] && grep -qF "two different whole numbers from 1 to 30" "$tmp/out"; then ok
else bad "adding --ask: steps outside 1 to T say what to type" "exit $st: $(tail -c 300 "$tmp/out")"
fi
run adding updates=10 --save "$tmp/adding.model"
expect_exit "adding --save exit" 1
expect_err "adding --save" "not saved to files"

# --- bad input: one line on stderr, nothing on stdout, exit 2 ---------------
run matrx-power
expect_exit "unknown simulation exit" 2
expect_err "unknown simulation" "did you mean 'matrix-power'?"
run linear-bptt scal=1
expect_exit "unknown parameter exit" 2
expect_err "unknown parameter" "did you mean 'scale'?"
for value in 1e308 -0 nan inf 0x10 "" "10^18" -3 2.5 300 99999999999999999999
do
	run linear-bptt "n=$value"
	if [ "$value" = "-0" ]; then
		expect_exit "n=-0 refused (0 is out of range)" 2
	else
		expect_exit "n=$value exit" 2
	fi
	expect_err "n=$value message" "(valid: 1..256)"
	[ -s "$tmp/out" ] && bad "n=$value" "wrote to stdout"
done
for value in 1e308 nan inf -inf 0x10 "" 3.5 -1
do
	run linear-bptt "scale=$value"
	expect_exit "scale=$value exit" 2
	expect_err "scale=$value message" "(valid: 0..3)"
done
run linear-bptt scale=-0 --format=tsv
expect_exit "scale=-0 accepted" 0
run linear-bptt --format=xml
expect_exit "bad format exit" 2
expect_err "bad format" "unknown format"
run linear-bptt --bogus
expect_exit "bad option exit" 2
run
expect_exit "no name exit" 2

# sim --list names every series and scalar a run at the defaults returns
# (it finds them with a quick run: the names must not depend on the size)
run --list
names=$(awk -F: '/^[a-z]/ { print $1 }' "$tmp/out")
[ "$(echo "$names" | wc -l)" -ge 9 ] && ok || bad "sim --list" "too few simulations"
for s in $names; do
	"$RNNTUTOR" sim --list "$s" >"$tmp/list" 2>&1
	listed_series=$(awk '/^  [a-z]/ { part = $1 } /^      / && part == "series" { print $1 }' "$tmp/list" | tr '\n' ' ')
	listed_scalars=$(awk '/^  [a-z]/ { part = $1 } /^      / && part == "scalars" { print $1 }' "$tmp/list" | tr '\n' ' ')
	timeout $((60 * factor)) "$RNNTUTOR" sim "$s" --format=tsv --scalars >"$tmp/sc" 2>/dev/null
	scalars=$(awk -F '\t' 'NR > 1 { print $1 }' "$tmp/sc" | tr '\n' ' ')
	if [ -n "$scalars" ] && [ "$listed_scalars" = "$scalars" ]; then ok; else
		bad "sim --list $s" "scalars '$listed_scalars', a run has '$scalars'"; fi
	[ -n "$listed_series" ] || continue
	timeout $((60 * factor)) "$RNNTUTOR" sim "$s" --format=tsv >"$tmp/rows" 2>/dev/null
	# one row is the scalars' form (matrix-power): no series header
	[ "$(wc -l <"$tmp/rows")" -gt 2 ] || continue
	series=$(head -n 1 "$tmp/rows" | tr '\t' '\n' | tail -n +2 | tr '\n' ' ')
	if [ "$listed_series" = "$series" ]; then ok; else
		bad "sim --list $s" "series '$listed_series', a run has '$series'"; fi
done
grep -q "^      memory  *steps after the pulse" "$tmp/out" && ok || bad "sim --list" "rnn-unroll's scalar memory with its label"

echo "sim-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
