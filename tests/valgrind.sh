#!/bin/sh
# valgrind memcheck over what a user runs: --print of every lesson, --check
# of every bad fixture, and every simulation at its defaults (training
# ones for a few updates), a run that diverges, a model saved and loaded. Passes only
# with 0 errors and 0 bytes definitely or indirectly lost. Run by .ci/run
# (slow: not part of make check). Prints "valgrind: N passed, N failed".
# Each run is capped at 600 s x RNNTUTOR_TIME_FACTOR (default 1): one that
# hangs fails (status 124) instead of stopping CI.
top_srcdir=${top_srcdir:-.}
prog=${RNNTUTOR:-./rnntutor}
factor=${RNNTUTOR_TIME_FACTOR:-1}
case $factor in
''|*[!0-9]*|0*)
	echo "valgrind.sh: RNNTUTOR_TIME_FACTOR must be a whole number from 1, not '$factor'" >&2
	exit 99 ;;
esac
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind: not installed; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-vg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp" XDG_DATA_HOME="$tmp/xdg"
unset RNNTUTOR_PATH

passed=0 failed=0
# vg NAME ARGS...: the run must end normally with no memcheck error
vg() {
	name=$1
	shift
	timeout $((600 * factor)) valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect \
	    --show-leak-kinds=definite,indirect "$@" >/dev/null 2>"$tmp/vg.err"
	st=$?
	if [ $st -eq 99 ] || [ $st -eq 124 ] || [ $st -gt 128 ]; then
		failed=$((failed + 1))
		echo "FAIL: $name (status $st)"
		sed 's/^/    /' "$tmp/vg.err" | head -n 40
	else
		passed=$((passed + 1))
	fi
}

for n in $("$prog" --list | awk '{ print $1 }'); do
	vg "--print $n" "$prog" --print "$n"
	vg "--print --ascii $n" "$prog" --print --ascii --width 60 "$n"
done
for f in "$top_srcdir"/tests/data/bad/*.yaml; do
	vg "--check $(basename "$f")" "$prog" --check "$f"
done
# Simulations that train run a few updates only: every code path of a
# thousand updates is taken by the first few, and under valgrind each
# costs fifty times its native time.
short() {
	case $1 in
	adding) echo "updates=8 eval_every=4" ;;
	sentiment) echo "epochs=1" ;;
	esac
}
for s in $("$prog" sim --list | awk -F: '/^[a-z]/ { print $1 }'); do
	vg "sim $s $(short "$s")" "$prog" sim "$s" $(short "$s")
	vg "sim $s $(short "$s") --format=tsv" "$prog" sim "$s" $(short "$s") \
	    --format=tsv
done
vg "sim adding, a run that diverges" "$prog" sim adding model=rnn steps=50 \
    updates=40 init=orthogonal rho=3 optimizer=sgd lr=0.1 clip=0
vg "sim sentiment --save" "$prog" sim sentiment epochs=1 hidden=8 embed=8 \
    --save "$tmp/model.bin"
vg "sim sentiment --load" "$prog" sim sentiment epochs=0 --load "$tmp/model.bin"
vg "sim with a bad parameter" "$prog" sim bptt-norms rho=nan
vg "--new-lesson" "$prog" --new-lesson vg-test

echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
