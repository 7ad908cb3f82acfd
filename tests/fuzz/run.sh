#!/bin/sh
# Run the libFuzzer harnesses for a while each, from seed corpora.
#
#   tests/fuzz/run.sh BINDIR [NAME...]
#
# BINDIR holds the harness programs (fuzz_lesson, fuzz_layout, fuzz_spark,
# fuzz_tsv, fuzz_model, fuzz_progress; those missing are reported and
# skipped); NAMEs pick some of them. Nothing is built here. Each harness
# first runs once over its regression inputs (tests/data/hostile/fuzz/NAME/,
# inputs that once crashed it), then fuzzes for FUZZ_SECONDS (default 30)
# from seeds copied into a temporary directory (lessons/, tests/data/): the
# source tree is never written. One line per harness:
#
#   fuzz_lesson: 812345 executions, 30 s, 0 crashes
#
# A crash, leak, timeout or out-of-memory leaves its input in a kept
# directory whose path is printed; the script then exits 1.
#
# Environment: top_srcdir (default: two levels above this script),
# FUZZ_SECONDS, FUZZ_ARGS (more libFuzzer options), TMPDIR.
set -u

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
	echo "usage: $0 BINDIR [NAME...]" >&2
	exit 2
fi
bindir=$1
shift
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
seconds=${FUZZ_SECONDS:-30}
case $seconds in
''|*[!0-9]*) echo "$0: FUZZ_SECONDS must be a whole number" >&2; exit 2 ;;
esac
names=${*:-"fuzz_lesson fuzz_layout fuzz_spark fuzz_tsv fuzz_model fuzz_progress"}
data="$top_srcdir/tests/data"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-fuzz.XXXXXX") || exit 2
keep=""
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# copy FILE... into the corpus (missing ones are skipped)
seed() {
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr '/' '_')"
	done
	return 0
}

# bytes of a double, little-endian, from 16 hex digits of its bits
dbl() {
	for b in $(echo "$1" | sed 's/\(..\)/\1 /g'); do
		set -- "$b" "$@"
	done
	for b in "$@"; do
		case $b in ??) printf "\\$(printf '%03o' "0x$b")" ;; esac
	done
}

# the seeds and the dictionary of one harness
seeds() {
	case $1 in
	fuzz_lesson|fuzz_layout)
		seed "$top_srcdir"/lessons/*.yaml "$data"/good/*.yaml \
		    "$data"/bad/*.yaml "$data"/dup/*.yaml "$data"/override/*.yaml \
		    "$data"/hostile/lesson/*.yaml
		cat >"$tmp/dict" <<'DICT'
"id: "
"number: "
"title: "
"goal: "
"blocks:"
"  - heading: "
"  - text: "
"  - code: "
"  - quiz: "
"  - sim: "
"level: "
"lang: "
"caption: "
"choices:"
"answer: "
"tolerance: "
"explain: "
"retry: "
"params:"
"knobs:"
"charts:"
"output: "
"try: "
"name: "
"min: "
"max: "
"step: "
"series: "
"height: "
"scale: "
"range: "
"linear"
"log"
"auto"
"matrix-power"
"linear-bptt"
"rnn-unroll"
"bptt-norms"
"lstm-gates"
"lstm-vs-rnn"
"sentiment"
"{norm[-1]:.3f}"
"\x1b[31m"
"\x1b]0;title\x07"
"\xef\xbb\xbf"
"\xe2\x80\xae"
": |\x0a"
"- "
"1. "
"    "
"\x09"
"nan"
"1e308"
DICT
		;;
	fuzz_tsv)
		seed "$data"/sentiment/*
		head -n 40 "$top_srcdir/lessons/data/sentiment.tsv" >"$corpus/head.tsv"
		printf '\357\273\277good film\t1\r\nbad film\t0\ttest\t1\r\n' \
		    >"$corpus/bom-crlf.tsv"
		printf '"\\x09"\n"\\x091\\x0a"\n"\\x090\\x0a"\n"\\x09train"\n"\\x09test"\n"\\x0d\\x0a"\n"\\xe2\\x80\\x99"\n"\\xef\\xbb\\xbf"\n' \
		    >"$tmp/dict"
		;;
	fuzz_model)
		seed "$data"/hostile/model/*.model
		printf '"RNNTSENT"\n"\\x01\\x00\\x00\\x00"\n"\\x00\\x00\\x80\\x7f"\n"\\x00\\x00\\xc0\\x7f"\n' \
		    >"$tmp/dict"
		;;
	fuzz_progress)
		seed "$data"/hostile/progress/*
		printf 'version 1\nlast vanilla-rnn\nlesson vanilla-rnn\n  block 3\n  seen 20\n  finished no\n  quiz 5 right 1\nlesson lstm-gates\n  block 1\n  seen 5\n  finished yes\n  quiz 2 wrong 3\n' \
		    >"$corpus/good"
		printf '"version 1\\x0a"\n"last "\n"lesson "\n"  block "\n"  seen "\n"  finished yes\\x0a"\n"  quiz "\n" right "\n" wrong "\n"\\x0d\\x0a"\n' \
		    >"$tmp/dict"
		;;
	fuzz_spark)
		# header: width 80, height 3, then points (1, 2, NaN, inf, -1e308,
		# 1e308, -0, 1e-300)
		{
			printf '\120\000\002\000\001\000\000\000'
			for d in 3ff0000000000000 4000000000000000 7ff8000000000000 \
			    7ff0000000000000 ffefffffffffffff 7fefffffffffffff \
			    8000000000000000 01a56e1fc2f8f359; do dbl $d; done
		} >"$corpus/mixed"
		{
			printf '\040\001\007\112\002\000\000\000'
			dbl 3eb0c6f7a0b5ed8d; dbl 4059000000000000
			for d in 3f50624dd2f1a9fc 3f847ae147ae147b 3fb999999999999a \
			    3ff0000000000000 4024000000000000; do dbl $d; done
		} >"$corpus/log-range"
		: >"$tmp/dict"
		;;
	*)
		: >"$tmp/dict"
		;;
	esac
}

nclean=0
ncrashed=0
crashed=0
for name in $names; do
	bin="$bindir/$name"
	if [ ! -x "$bin" ]; then
		echo "$name: no program at $bin; skipped"
		continue
	fi
	corpus="$tmp/$name.corpus"
	art=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-fuzz-$name.XXXXXX") || exit 2
	mkdir -p "$corpus"
	seeds "$name"
	log="$art/log"
	status=0

	# inputs that crashed it once must not crash it again
	reg="$data/hostile/fuzz/$name"
	if [ -d "$reg" ] && [ -n "$(ls "$reg")" ]; then
		timeout 300 "$bin" -timeout=10 -rss_limit_mb=2048 "$reg"/* \
		    >"$art/regression.log" 2>&1 || {
			status=1
			echo "$name: a regression input fails again (see $art/regression.log)"
		}
	fi

	dict=""
	[ -s "$tmp/dict" ] && dict="-dict=$tmp/dict"
	start=$(date +%s)
	# shellcheck disable=SC2086
	timeout $((seconds + 120)) "$bin" -max_total_time="$seconds" \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$art/" $dict ${FUZZ_ARGS:-} "$corpus" \
	    >"$log" 2>&1 || status=1
	secs=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	crashes=$(find "$art" -name 'crash-*' -o -name 'leak-*' -o \
	    -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' | grep -c .)
	if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
		crashes=1	# died without leaving an input: see the log
	fi
	echo "$name: ${execs:-0} executions, $secs s, $crashes crashes"
	if [ "$crashes" -gt 0 ]; then
		ncrashed=$((ncrashed + 1))
		crashed=1
		keep="$keep $art"
		for f in "$art"/crash-* "$art"/leak-* "$art"/timeout-* \
		    "$art"/oom-* "$art"/slow-unit-*; do
			[ -f "$f" ] && echo "    input: $f"
		done
		echo "    log:   $log"
		grep -m 3 -E 'ERROR: |SUMMARY: |runtime error' "$log" | sed 's/^/    /'
	else
		nclean=$((nclean + 1))
		rm -rf "$art"
	fi
done
[ "$crashed" -eq 0 ] || echo "fuzz: crashes found; inputs kept in:$keep"
echo "fuzz: $nclean passed, $ncrashed failed"
exit "$crashed"
