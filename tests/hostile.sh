#!/bin/sh
# Hostile input: lesson files, parameters, terminals and progress files
# chosen to break rnntutor. Every case has an expected outcome (an exact
# message, an exit status, data kept byte for byte) and every run is
# bounded by timeout(1); no run may hang (status 124), die by a signal
# (status > 128) or trip a sanitizer. The caps and every wait are
# multiplied by RNNTUTOR_TIME_FACTOR (a whole number, set by configure:
# larger with sanitizers); the terminal cases poll the screen for what they
# expect instead of sleeping. The fixtures are in
# tests/data/hostile/; the big ones (100 MB, 10 000-deep, 10 000-column)
# are made here, in a temporary directory. The terminal cases run in tmux
# when it is installed (skipped otherwise; the rest still runs).
#
#   top_srcdir=. RNNTUTOR=./rnntutor tests/hostile.sh
#
# Prints one line per failure and "hostile: N passed, N failed" at the end;
# exits 1 when anything failed.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog=${RNNTUTOR:-$top_builddir/rnntutor}
case $prog in /*) ;; *) prog="$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")" ;; esac
data="$(cd "$top_srcdir/tests/data" && pwd)"
hostile="$data/hostile"
factor=${RNNTUTOR_TIME_FACTOR:-1}
case $factor in
''|*[!0-9]*|0*)
	echo "hostile.sh: RNNTUTOR_TIME_FACTOR must be a whole number from 1, not '$factor'" >&2
	exit 99 ;;
esac
base_limit=$(( ${HOSTILE_TIMEOUT:-10} * factor ))
limit=$base_limit	# seconds for one run
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-hostile.XXXXXX") || exit 99
sock="rnntutor-hostile-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() {
	command -v tmux >/dev/null 2>&1 && T kill-server 2>/dev/null
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -x "$prog" ]; then
	echo "hostile.sh: no program at $prog" >&2
	echo "hostile: 0 passed, 1 failed"
	exit 1
fi

# a known environment: no user lessons, progress in the temporary directory
unset RNNTUTOR_PATH LC_ALL
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" XDG_STATE_HOME="$tmp/state"
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
export LANG="${utf8:-C}"
mkdir -p "$HOME"

# leaks inside the curses library itself (newterm() that fails keeps its
# terminal description) are not ours to fix
printf 'leak:libtinfo.so\nleak:libncursesw.so\n' >"$tmp/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$tmp/lsan.supp:print_suppressions=0"

passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: $*"
	[ -z "${on_screen:-}" ] || T capture-pane -p -t h 2>/dev/null | sed 's/^/    | /'
}
skip() { skipped=$((skipped + 1)); echo "skip: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# run CMD...: status in $st, stdout in $tmp/out, stderr in $tmp/err. A run
# that hangs, dies by a signal or trips a sanitizer is a failure whatever
# the case expects.
run() {
	timeout "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "$*"
}
# sane WHAT: the last run neither hung, nor died, nor tripped a sanitizer
sane() {
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
		bad "$1: hung (stopped after $limit s)"
	elif [ "$st" -gt 128 ]; then
		bad "$1: killed by signal $((st - 128))"
	elif grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$tmp/err" 2>/dev/null; then
		bad "$1: sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$tmp/err")"
	fi
}
# has_line FILE LINE: FILE holds exactly that line
has_line() { grep -qxF -- "$2" "$1"; }
# no_raw FILE: no ESC, no C1 control (UTF-8 C2 80..C2 9F), no BEL, BS, CR,
# DEL or other C0 control but tab and newline
no_raw() {
	[ "$(LC_ALL=C tr -d '\011\012\040-\176\200-\377' <"$1" | wc -c)" -eq 0 ] &&
	    ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"
}
# fits FILE WIDTH: no line of an ASCII file is wider than WIDTH
fits() { ! LC_ALL=C awk -v w="$2" 'length > w { bad = 1 } END { exit !bad }' "$1"; }
# ascii FILE: only printable ASCII, tabs and newlines
ascii() { [ "$(LC_ALL=C tr -d '\011\012\040-\176' <"$1" | wc -c)" -eq 0 ]; }
# expect_of FILE: the "# expect: LINE:COL: MESSAGE" of a fixture
expect_of() { sed -n '1s/^# expect: //p' "$1"; }

# Permissions do not stop root, so root runs the unreadable-file and
# read-only-directory cases as nobody (setpriv), from a copy of the program
# nobody can reach; without setpriv they are skipped.
unpriv=yes
if [ "$(id -u)" -eq 0 ]; then
	unpriv=no
	if command -v setpriv >/dev/null 2>&1 && cp "$prog" "$tmp/prog-copy" &&
	    chmod 755 "$tmp" "$tmp/prog-copy" &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$tmp/prog-copy" --version >/dev/null 2>&1; then
		unpriv=yes
	fi
fi
# $as_user $user_prog: the program, as nobody when we are root
as_user="" user_prog="$prog"
if [ "$(id -u)" -eq 0 ]; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=$tmp/nobody"
	user_prog="$tmp/prog-copy"
fi
# ==== lesson files ==========================================================
section_lessons() {

	# fixtures that say what --check must answer: exit 1, that exact message
	for f in "$hostile"/lesson/*.yaml; do
		name=$(basename "$f")
		want=$(expect_of "$f")
		run "$prog" --check "$f"
		if [ -n "$want" ]; then
			check "--check $name: exit 1, '$want'" \
			    '[ $st -eq 1 ] && has_line "$tmp/err" "$f:${want%%: *}: error: ${want#*: }"'
		elif [ "$name" = escapes-errors.yaml ]; then
			check "--check $name: five errors, escapes shown as ^[" \
			    '[ $st -eq 1 ] && [ "$(grep -c ": error: " "$tmp/err")" -eq 5 ] &&
			    no_raw "$tmp/err" && grep -q "linear-bptt^\[\]0;PWNED-SIMNAME^G" "$tmp/err"'
		else
			check "--check $name: a good lesson (exit 0, no message)" \
			    '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
		fi
	done

	# BOM, CRLF and tabs load and print clean: no CR, no tab, no BOM on the page
	mkdir -p "$tmp/clean"
	cp "$hostile/lesson/bom.yaml" "$hostile/lesson/crlf.yaml" \
	    "$hostile/lesson/tabs.yaml" "$tmp/clean/"
	for id in with-bom crlf-lines tabs-inside; do
		run "$prog" -L "$tmp/clean" --print "$id"
		check "--print $id: exit 0, no CR, tab or BOM in the output" \
		    '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] && no_raw "$tmp/out" &&
		    ! grep -q "$(printf "\357\273\277")" "$tmp/out" &&
		    [ "$(LC_ALL=C tr -cd "\011\015" <"$tmp/out" | wc -c)" -eq 0 ]'
	done
	check "CRLF: the code block is kept, without CRs" 'run "$prog" -L "$tmp/clean" --print crlf-lines && grep -qx "    print(x)" "$tmp/out"'
	check "tabs in code are expanded to 4 columns" 'run "$prog" -L "$tmp/clean" --print tabs-inside && grep -qx "            deeper" "$tmp/out"'

	# escape sequences in every text field: shown visibly, never raw
	mkdir -p "$tmp/esc"
	cp "$hostile/lesson/escapes.yaml" "$hostile/lesson/escapes-errors.yaml" "$tmp/esc/"
	for opt in "" --ascii; do
		run "$prog" -L "$tmp/esc" --print $opt escapes
		check "--print $opt escapes: exit 0, no raw control byte" '[ $st -eq 0 ] && no_raw "$tmp/out"'
		for field in "Title ^[]0;PWNED-TITLE^G" "Goal ^[[31mred" "Heading ^[[1;1H" \
		    "Sub <U+202E>evil" "Text ^[[?1049h" "print('^[[2J')" "Caption ^[[31m^G" \
		    "Question ^[[2J" "Choice ^[]0;PWNED-CHOICE^G" "Explain ^[[31m<U+009D>" \
		    "Sim ^[]0;PWNED-SIM^G" "Chart ^[[2J<U+009B>2J" "Try ^[]0;PWNED-TRY^G"; do
			check "--print $opt escapes shows '$field' visibly" \
			    'grep -qF -- "$field" "$tmp/out"'
		done
		[ "$opt" = --ascii ] && check "--print --ascii escapes is ASCII only" 'ascii "$tmp/out"'
		run "$prog" -L "$tmp/esc" --print $opt escapes-errors
		check "--print $opt escapes-errors: error lines, no raw control byte" \
		    '[ $st -eq 0 ] && no_raw "$tmp/out" && grep -qF "PWNED-SIMNAME^G" "$tmp/out" &&
		    grep -qF "PWNED-VALUE^G" "$tmp/out" && grep -qF "PWNED-OUT^G" "$tmp/out"'
	done
	run "$prog" -L "$tmp/esc" --list
	check "--list: the title with escapes is shown visibly" \
	    '[ $st -eq 0 ] && no_raw "$tmp/out" && grep -qF "Title ^[]0;PWNED-TITLE^G" "$tmp/out"'
	LANG=C run "$prog" -L "$tmp/esc" --print escapes
	check "LANG=C --print escapes: ASCII only, nothing raw" '[ $st -eq 0 ] && ascii "$tmp/out"'

	# 100 MB, 10 000-deep nesting, 10 000-column lines: made here, not committed
	mkdir -p "$tmp/big"
	if dd if=/dev/zero of="$tmp/big/huge.yaml" bs=1 count=0 seek=100M 2>/dev/null ||
	    head -c 104857600 /dev/zero >"$tmp/big/huge.yaml"; then
		run "$prog" --check "$tmp/big/huge.yaml"
		check "100 MB lesson: refused at once, exit 1" '[ $st -eq 1 ] &&
		    has_line "$tmp/err" "$tmp/big/huge.yaml: error: file is too large (104857600 bytes; a lesson may have at most 1 MiB)"'
		run "$prog" -L "$tmp/big" --list
		check "100 MB lesson in -L: reported, the course still listed" \
		    '[ $st -eq 1 ] && grep -q "file is too large" "$tmp/err" && grep -q "^ 2  vanishing-gradients" "$tmp/out"'
		rm -f "$tmp/big/huge.yaml"
	else
		skip "cannot make a 100 MB file here"
	fi
	head10k() { head -c 10000 /dev/zero | tr '\0' "$1"; }
	printf 'id: deep\nnumber: 1\ntitle: Deep\ngoal: A goal.\nblocks:\n  - text: %s%s\n' \
	    "$(head10k '[')" "$(head10k ']')" >"$tmp/big/deep-seq.yaml"
	run "$prog" --check "$tmp/big/deep-seq.yaml"
	check "10 000-deep sequences: exit 1 at the 17th level" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "$tmp/big/deep-seq.yaml:6:24: error: nesting is too deep (a lesson needs at most 16 levels of lists and mappings)"'
	printf 'id: deep\nnumber: 1\ntitle: Deep\ngoal: %s%s\nblocks:\n  - text: x\n' \
	    "$(head10k x | sed 's/x/{a: /g')" "$(head10k '}')" \
	    >"$tmp/big/deep-map.yaml"
	run "$prog" --check "$tmp/big/deep-map.yaml"
	check "10 000-deep mappings: exit 1 at the 17th level" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "$tmp/big/deep-map.yaml:4:67: error: nesting is too deep (a lesson needs at most 16 levels of lists and mappings)"'
	mkdir -p "$tmp/wide"
	long=$(head10k x)
	words=$(yes word | head -n 2000 | tr '\n' ' ')
	cjk=$(yes "$(printf '\346\274\242')" | head -n 5000 | tr -d '\n')
	printf 'id: wide-lines\nnumber: 66\ntitle: Wide lines\ngoal: %s\nblocks:\n  - text: %s\n  - text: %s\n  - code: |\n      %s\n      %s\n  - quiz: %s\n    choices: [%s, b]\n    answer: a\n    explain: %s\n  - sim: linear-bptt\n    output: "%s {norm[0]}"\n    try: %s\n' \
	    "$long" "$long" "$words" "$long" "$cjk" "$long" "$long" "$cjk" "$long" "$long" \
	    >"$tmp/wide/wide.yaml"
	run "$prog" --check "$tmp/wide/wide.yaml"
	check "10 000-column lines: --check warns of each wide verbatim line" '[ $st -eq 0 ] &&
	    has_line "$tmp/err" "$tmp/wide/wide.yaml:9:83: warning: this code line is 10000 columns wide; at most 76 fit an 80-column page beside the indent" &&
	    has_line "$tmp/err" "$tmp/wide/wide.yaml:10:45: warning: this code line is 10000 columns wide; at most 76 fit an 80-column page beside the indent" &&
	    [ "$(grep -c ": warning: " "$tmp/err")" -eq 3 ] &&
	    ! awk "length > 400" "$tmp/err" | grep -q .'
	for w in 20 80 1000; do
		run "$prog" -L "$tmp/wide" --print --ascii --width "$w" wide-lines
		check "10 000-column lines at --width $w: every line fits" \
		    '[ $st -eq 0 ] && fits "$tmp/out" "$w" && [ "$(wc -l <"$tmp/out")" -gt 20 ]'
	done

	# narrow pages: knobs and prompts that were wider than a 20-column page
	# (a lesson that trains a model prints slowly: one width, more time)
	for f in "$top_srcdir"/lessons/*.yaml; do
		n=$(sed -n 's/^number: *//p' "$f")
		widths="20 21 22 23 24 25"
		if grep -q "sim: *sentiment" "$f"; then
			widths=20
			limit=$((limit * 6))
		fi
		for w in $widths; do
			run "$prog" --print --ascii --width "$w" "$n"
			check "built-in lesson $n fits --width $w" '[ $st -eq 0 ] && fits "$tmp/out" "$w"'
		done
		limit=$base_limit
	done

	# a lesson directory full of traps
	mkdir -p "$tmp/traps"
	cp "$data/bad/empty.yaml" "$data/bad/only-comment.yaml" \
	    "$data/bad/bad-utf8.yaml" "$tmp/traps/"
	# a file name with an escape sequence and a byte that is not UTF-8
	evil=$(printf 'evil\033]0;PWNED-NAME\007\377.yaml')
	cp "$data/bad/empty.yaml" "$tmp/traps/$evil"
	mkfifo "$tmp/traps/fifo.yaml"
	ln -s loop.yaml "$tmp/traps/loop.yaml"
	mkdir "$tmp/traps/dir.yaml"
	ln -s . "$tmp/traps/self"
	sed 's/^title: .*/title: The first of two/' "$data/good/minimal.yaml" >"$tmp/traps/a.yaml"
	sed 's/^title: .*/title: The second of two/' "$data/good/minimal.yaml" >"$tmp/traps/b.yaml"
	id=$(sed -n 's/^id: //p' "$data/good/minimal.yaml")
	idcol=$(grep -n '^id: ' "$data/good/minimal.yaml" | cut -d: -f1)
	run "$prog" -L "$tmp/traps" --list
	check "-L traps: exit 1, the course still listed" '[ $st -eq 1 ] && grep -q "^ 2  vanishing-gradients" "$tmp/out"'
	check "-L traps: an empty file" 'has_line "$tmp/err" "$tmp/traps/empty.yaml:1:1: error: the file is empty: a lesson is a YAML mapping with the keys id, number, title, goal and blocks"'
	check "-L traps: only a comment" 'has_line "$tmp/err" "$tmp/traps/only-comment.yaml:1:1: error: the file is empty: a lesson is a YAML mapping with the keys id, number, title, goal and blocks"'
	check "-L traps: a FIFO named .yaml, without hanging" 'has_line "$tmp/err" "$tmp/traps/fifo.yaml: error: not a regular file; skipped"'
	want=$(expect_of "$data/bad/bad-utf8.yaml")
	check "-L traps: invalid UTF-8" 'has_line "$tmp/err" "$tmp/traps/bad-utf8.yaml:${want%%: *}: error: ${want#*: }"'
	check "-L traps: a file name with ESC and a bad byte is shown visibly" \
	    'no_raw "$tmp/err" && grep -qF "evil^[]0;PWNED-NAME^G" "$tmp/err"'
	check "-L traps: a directory named .yaml" 'has_line "$tmp/err" "$tmp/traps/dir.yaml: error: not a regular file; skipped"'
	check "-L traps: a symlink to itself" 'has_line "$tmp/err" "$tmp/traps/loop.yaml: error: cannot open: Too many levels of symbolic links"'
	check "-L traps: one id in two files, an error at the second" \
	    'grep -qF "$tmp/traps/b.yaml:$idcol:5: error: duplicate lesson id '"'"'$id'"'"' (also used by $tmp/traps/a.yaml:$idcol:5)" "$tmp/err" &&
	    grep -q "The first of two" "$tmp/out" && ! grep -q "The second of two" "$tmp/out"'
	run "$prog" --check "$tmp/traps/fifo.yaml"
	check "--check a FIFO: exit 1 at once" '[ $st -eq 1 ] && has_line "$tmp/err" "$tmp/traps/fifo.yaml: error: not a regular file; skipped"'
	ln -s "$tmp/loop-b" "$tmp/loop-a"
	ln -s "$tmp/loop-a" "$tmp/loop-b"
	run "$prog" -L "$tmp/loop-a" --list
	check "-L a directory symlink loop: exit 1" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "$tmp/loop-a: error: cannot read lesson directory: Too many levels of symbolic links"'
	RNNTUTOR_PATH="$tmp/loop-a:$tmp/traps/self/self/self" run "$prog" --list
	check "RNNTUTOR_PATH with a symlink loop and a cycle: ends, warns" \
	    'has_line "$tmp/err" "$tmp/loop-a: warning: cannot read lesson directory: Too many levels of symbolic links" &&
	    grep -q "^ 2  vanishing-gradients" "$tmp/out"'
	mkdir -p "$tmp/dupdirs/one" "$tmp/dupdirs/two"
	cp "$tmp/traps/a.yaml" "$tmp/dupdirs/one/"
	cp "$tmp/traps/b.yaml" "$tmp/dupdirs/two/"
	run "$prog" -L "$tmp/dupdirs/one" -L "$tmp/dupdirs/two" --list
	check "one id in two -L directories: the first given wins" \
	    '[ $st -eq 0 ] && grep -q "The first of two" "$tmp/out" && ! grep -q "The second of two" "$tmp/out"'

	if [ "$unpriv" = yes ]; then
		mkdir -p "$tmp/locked"
		chmod 755 "$tmp/locked"
		cp "$data/good/minimal.yaml" "$tmp/locked/secret.yaml"
		chmod 000 "$tmp/locked/secret.yaml"
		# shellcheck disable=SC2086
		run $as_user "$user_prog" -L "$tmp/locked" --list
		check "an unreadable lesson file: exit 1, the course still listed" '[ $st -eq 1 ] &&
		    has_line "$tmp/err" "$tmp/locked/secret.yaml: error: cannot open: Permission denied" &&
		    grep -q "^ 2  vanishing-gradients" "$tmp/out"'
	else
		skip "unreadable file: running as root without setpriv"
	fi
}

# ==== parameters ============================================================
section_parameters() {

	# in lesson files: --check names the value and the range at FILE:LINE:COL,
	# --print shows the error in the block and still prints the lesson
	mkdir -p "$tmp/params"
	i=0
	for case in "steps|1e308|'1e308' is not a whole number (valid: 1..1000)" \
	    "steps|-0|-0 is out of range (valid: 1..1000)" \
	    "steps|nan|'nan' is not a whole number (valid: 1..1000)" \
	    "steps|inf|'inf' is not a whole number (valid: 1..1000)" \
	    "steps|0x10|'0x10' is not a whole number (valid: 1..1000)" \
	    "steps|\"\"|no value given (valid: 1..1000)" \
	    "steps|1000000000000000000|1000000000000000000 is out of range (valid: 1..1000)" \
	    "steps|10^18|'10^18' is not a whole number (valid: 1..1000)" \
	    "n|-3|-3 is out of range (valid: 1..256)" \
	    "n|-1e308|'-1e308' is not a whole number (valid: 1..256)" \
	    "scale|1e308|1e308 is out of range (valid: 0..3)" \
	    "scale|nan|'nan' is not a number (valid: 0..3)" \
	    "scale|-inf|'-inf' is not a number (valid: 0..3)" \
	    "scale|0x10|'0x10' is not a number (valid: 0..3)"; do
		i=$((i + 1))
		param=${case%%|*}
		rest=${case#*|}
		value=${rest%%|*}
		msg=${rest#*|}
		f="$tmp/params/p$i.yaml"
		printf 'id: param-%d\nnumber: %d\ntitle: Parameter %d\ngoal: A goal.\nblocks:\n  - sim: linear-bptt\n    params:\n      %s: %s\n' \
		    "$i" "$i" "$i" "$param" "$value" >"$f"
		col=$((9 + ${#param}))
		run "$prog" --check "$f"
		check "lesson param $param: $value: --check exit 1" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "$f:8:$col: error: $param: $msg"'
	done
	run "$prog" -L "$tmp/params" --print param-7
	check "lesson param steps: 10^18: --print shows the error in the block" \
	    '[ $st -eq 0 ] && grep -qF "! steps: 1000000000000000000 is out of range (valid: 1..1000)" "$tmp/out"'
	for case in "number: 1e308|4:9: 'number': expected a whole number from 1 to 99, found '1e308'" \
	    "number: 0x10|4:9: 'number': expected a whole number from 1 to 99, found '0x10'" \
	    "number: -0|4:9: 'number': -0 is out of range (1 to 99)" \
	    "number: 1000000000000000000|4:9: 'number': 1000000000000000000 is out of range (1 to 99)"; do
		line=${case%%|*}
		want=${case#*|}
		printf 'id: numbers\ntitle: Numbers\ngoal: A goal.\n%s\nblocks:\n  - text: x\n' "$line" >"$tmp/params/n.yaml"
		run "$prog" --check "$tmp/params/n.yaml"
		check "lesson $line: --check exit 1" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "$tmp/params/n.yaml:${want%%: *}: error: ${want#*: }"'
	done
	for case in "answer: nan|7:13: 'answer': expected a decimal number, found 'nan'" \
	    "answer: inf|7:13: 'answer': expected a decimal number, found 'inf'" \
	    "answer: 1e309|7:13: 'answer': 1e309 is too large for a number" \
	    "answer: 0x10|7:13: 'answer': expected a decimal number, found '0x10'"; do
		line=${case%%|*}
		want=${case#*|}
		printf 'id: numbers\nnumber: 1\ntitle: Numbers\ngoal: A goal.\nblocks:\n  - quiz: How much?\n    %s\n' "$line" >"$tmp/params/q.yaml"
		run "$prog" --check "$tmp/params/q.yaml"
		check "quiz $line: --check exit 1" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "$tmp/params/q.yaml:${want%%: *}: error: ${want#*: }"'
	done
	for case in "height: 1000000000000000000|9:17: 'height': 1000000000000000000 is out of range (1 to 8)" \
	    "height: -1|9:17: 'height': -1 is out of range (1 to 8)" \
	    "range: [nan, 1]|9:17: 'range': expected a decimal number, found 'nan'" \
	    "range: [1e308, -1e308]|9:16: 'range': low must be smaller than high" \
	    "range: [0, inf]|9:20: 'range': expected a decimal number, found 'inf'"; do
		line=${case%%|*}
		want=${case#*|}
		printf 'id: numbers\nnumber: 1\ntitle: Numbers\ngoal: A goal.\nblocks:\n  - sim: linear-bptt\n    charts:\n      - series: norm\n        %s\n' "$line" >"$tmp/params/c.yaml"
		run "$prog" --check "$tmp/params/c.yaml"
		check "chart $line: --check exit 1" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "$tmp/params/c.yaml:${want%%: *}: error: ${want#*: }"'
	done
	printf 'id: numbers\nnumber: 1\ntitle: Numbers\ngoal: A goal.\nblocks:\n  - sim: linear-bptt\n    knobs:\n      - name: scale\n        min: nan\n        step: -0\n' >"$tmp/params/k.yaml"
	run "$prog" --check "$tmp/params/k.yaml"
	check "knob min: nan, step: -0: --check exit 1, both named" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "$tmp/params/k.yaml:9:14: error: '"'"'min'"'"': expected a decimal number, found '"'"'nan'"'"'" &&
	    has_line "$tmp/err" "$tmp/params/k.yaml:10:15: error: '"'"'step'"'"' must be larger than 0"'
	# the edges that are valid: 1e308, -0, the smallest denormal, a range as
	# wide as a double, a knob step of 1e-308 and of 1e308
	mkdir -p "$tmp/extremes"
	cat >"$tmp/extremes/extremes.yaml" <<-'EOF'
	id: extremes
	number: 68
	title: Extreme numbers
	goal: Numbers at the edges of what a double holds.
	blocks:
	  - quiz: How big?
	    answer: 1e308
	    tolerance: 1e308
	  - quiz: How small?
	    answer: -0
	    tolerance: 0
	  - quiz: Tiny?
	    answer: 4.9e-324
	  - sim: linear-bptt
	    params:
	      scale: -0
	      steps: 1000
	      n: 256
	    knobs:
	      - name: scale
	        max: 3
	        step: 1e-308
	      - name: steps
	        step: 1e308
	    charts:
	      - series: norm
	        range: [-1e308, 1e308]
	        height: 8
	      - series: norm
	        scale: log
	        range: [4.9e-324, 1e308]
	    output: "{norm[-1]:.17e} {norm[0]:.0f} {norm[-1001]:.17f}"
	EOF
	run "$prog" --check "$tmp/extremes/extremes.yaml"
	check "extreme but valid numbers: --check exit 0" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
	run "$prog" -L "$tmp/extremes" --print --ascii extremes
	check "extreme but valid numbers: --print exit 0" '[ $st -eq 0 ] && grep -q "Answer: 1e+308 (within 1e+308)" "$tmp/out" &&
	    grep -q "0.00000000000000000e+00 16 16.00000000000000000" "$tmp/out"'

	# on the command line (sim_cli.sh covers NAME=VALUE of 'rnntutor sim')
	for v in 1e308 -0 nan inf 0x10 "" 1000000000000000000 -80; do
		run "$prog" --print --width "$v" 1
		check "--width '$v': exit 2 with the range" '[ $st -eq 2 ] && [ ! -s "$tmp/out" ] &&
		    has_line "$tmp/err" "rnntutor: --width: expected a number of columns from 20 to 1000"'
		run "$prog" sim linear-bptt --width="$v"
		check "sim --width='$v': exit 2 with the range" '[ $st -eq 2 ] &&
		    has_line "$tmp/err" "rnntutor: error: --width takes a number of columns from 20 to 1000, not '"'"'$v'"'"'"'
	done
	run "$prog" sim linear-bptt steps=1000000000000000000
	check "sim steps=10^18: exit 2 at once" '[ $st -eq 2 ] &&
	    has_line "$tmp/err" "rnntutor: error: steps: 1000000000000000000 is out of range (valid: 1..1000)"'
	run "$prog" sim bptt-norms hidden=-1
	check "sim hidden=-1 (a negative size): exit 2" '[ $st -eq 2 ] &&
	    has_line "$tmp/err" "rnntutor: error: hidden: -1 is out of range (valid: 1..256)"'
}

# ==== output and input that are not terminals ==================================
section_pipes() {
	for args in "--list" "--print 2" "--new-lesson abc" "sim bptt-norms --format=tsv"; do
		# shellcheck disable=SC2086
		run "$prog" $args
		[ "$st" -eq 0 ] || bad "$args: does not work to begin with"
		# stdout closed
		timeout "$limit" "$prog" $args >&- 2>"$tmp/err"
		st=$?
		sane "$args >&-"
		check "$args with stdout closed: exit 1, no signal" '[ $st -eq 1 ]'
		# a pipe whose reader is gone (SIGPIPE would kill it)
		{ timeout "$limit" "$prog" $args 2>"$tmp/err"; echo $? >"$tmp/pipe-status"; } | true
		st=$(cat "$tmp/pipe-status")
		sane "$args | true"
		check "$args into a closed pipe: no SIGPIPE death" '[ $st -le 1 ]'
	done
	run "$prog" --print 2 </dev/null
	check "stdin /dev/null, stdout a file: prints" '[ $st -eq 0 ] && grep -q "^Lesson 2: " "$tmp/out"'

	# FIFOs where the sentiment simulation reads files: refused, unread
	mkfifo "$tmp/data.fifo"
	run "$prog" sim sentiment data="$tmp/data.fifo" epochs=0
	check "sim sentiment data=FIFO: exit 1 at once" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "rnntutor: $tmp/data.fifo: error: not a regular file"'
	run "$prog" sim sentiment --load "$tmp/data.fifo" epochs=0
	check "sim sentiment --load FIFO: exit 1 at once" '[ $st -eq 1 ] &&
	    has_line "$tmp/err" "rnntutor: $tmp/data.fifo: error: not a regular file"'
	mkdir -p "$tmp/fifolesson"
	printf 'id: fifo-data\nnumber: 71\ntitle: FIFO data\ngoal: A goal.\nblocks:\n  - sim: sentiment\n    params:\n      data: %s\n      epochs: 1\n' \
	    "$tmp/data.fifo" >"$tmp/fifolesson/fifo.yaml"
	run "$prog" -L "$tmp/fifolesson" --print fifo-data
	check "a lesson whose data is a FIFO: prints, the error in its block" \
	    '[ $st -eq 0 ] && grep -qF "not a regular file" "$tmp/out"'
	# data files are regular files: /dev/stdin works when it is one
	head -n 200 "$top_srcdir/lessons/data/sentiment.tsv" >"$tmp/head.tsv"
	timeout "$limit" "$prog" sim sentiment data=/dev/stdin epochs=1 \
	    --format=tsv <"$tmp/head.tsv" >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "data=/dev/stdin"
	# 199 sentences: 153 in the file's training split less 15 for
	# validation, 138 in batches of 32: 5 updates, one row each
	# (grad_norm is per update)
	check "sim sentiment data=/dev/stdin from a file still works" \
	    '[ $st -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 6 ] &&
	    head -n 1 "$tmp/out" | grep -q "grad_norm"'
}

# ==== progress ===============================================================
section_progress() {
	pdir="$tmp/state/rnntutor"
	pfile="$pdir/progress"
	fresh_state() { chmod -R u+rwx "$tmp/state" 2>/dev/null; rm -rf "$tmp/state"; mkdir -p "$pdir"; }
	# valid PATH: a progress file that parses ('--reset-progress nonesuch' loads
	# it and answers "no progress kept", setting nothing aside)
	valid() {
		timeout "$limit" "$prog" --reset-progress nonesuch >/dev/null 2>"$tmp/valid.err"
		[ $? -eq 2 ] && ! grep -q "could not be read" "$tmp/valid.err"
	}
	for f in truncated random; do
		fresh_state
		cp "$hostile/progress/$f" "$pfile"
		run "$prog" --reset-progress all
		aside=$(ls "$pdir" | grep '^progress\.corrupt-' | head -n 1)
		check "progress $f: set aside (with a warning), kept byte for byte" \
		    '[ $st -eq 0 ] && [ -n "$aside" ] && cmp -s "$pdir/$aside" "$hostile/progress/$f" &&
		    grep -qF "warning: the progress file could not be read; it was kept as $pdir/$aside" "$tmp/err" &&
		    valid'
	done
	check "progress truncated: the line is named" 'cp "$hostile/progress/truncated" "$pfile" && run "$prog" --reset-progress all &&
	    has_line "$tmp/err" "$pfile:6: error: cannot read this line of the progress file"'
	fresh_state
	cp "$hostile/progress/truncated" "$pfile"
	run "$prog" --reset-progress all
	cp "$hostile/progress/random" "$pfile"
	run "$prog" --reset-progress all
	cp "$hostile/progress/truncated" "$pfile"
	run "$prog" --reset-progress all
	check "three broken files within a second or two: all three kept" \
	    '[ "$(ls "$pdir" | grep -c "^progress\.corrupt-")" -eq 3 ] &&
	    [ "$(cat "$pdir"/progress.corrupt-* | wc -c)" -eq $(( $(wc -c <"$hostile/progress/truncated") * 2 + $(wc -c <"$hostile/progress/random") )) ]'

	fresh_state
	rmdir "$pdir" && mkdir -p "$pfile"
	run "$prog" --reset-progress all
	check "a directory where the progress file should be: exit 1, untouched" \
	    '[ $st -eq 1 ] && [ -d "$pfile" ] &&
	    has_line "$tmp/err" "$pfile: warning: cannot read the progress file: Is a directory"'

	fresh_state
	cp "$hostile/progress/good" "$pfile"
	# stderr through a pipe: the file size limit would stop it in a file
	{ ( trap '' XFSZ; ulimit -f 0
	    exec timeout "$limit" "$prog" --reset-progress vanilla-rnn 2>&1 >/dev/null )
	  echo $? >"$tmp/full.st"; } | cat >"$tmp/err"
	st=$(cat "$tmp/full.st")
	sane "disk full"
	check "disk full (ulimit -f 0): exit 1, old file kept, no temporary left" \
	    '[ $st -eq 1 ] && cmp -s "$pfile" "$hostile/progress/good" &&
	    has_line "$tmp/err" "$pfile: error: cannot save progress: File too large" &&
	    [ "$(ls "$pdir" | wc -l)" -eq 1 ]'
	{ ( ulimit -f 0
	    exec timeout "$limit" "$prog" --reset-progress vanilla-rnn 2>&1 >/dev/null )
	  echo $? >"$tmp/full.st"; } | cat >"$tmp/err"
	st=$(cat "$tmp/full.st")
	sane "disk full, SIGXFSZ not ignored"
	check "disk full, SIGXFSZ at its default: no death by signal, old file kept" \
	    '[ $st -eq 1 ] && cmp -s "$pfile" "$hostile/progress/good"'

	if [ "$unpriv" = yes ]; then
		fresh_state
		cp "$hostile/progress/good" "$pfile"
		chmod 755 "$tmp" "$tmp/state"
		chmod 644 "$pfile"
		chmod 555 "$pdir"
		# the state directory must be the user's own
		[ "$(id -u)" -ne 0 ] || chown 65534:65534 "$pdir" "$pfile"
		# shellcheck disable=SC2086
		run $as_user "$user_prog" --reset-progress vanilla-rnn
		check "read-only state directory: exit 1, the file kept" \
		    '[ $st -eq 1 ] && cmp -s "$pfile" "$hostile/progress/good" &&
		    has_line "$tmp/err" "$pfile: error: cannot save progress: Permission denied"'
		chmod 755 "$pdir"
	else
		skip "read-only state directory: running as root without setpriv"
	fi

	# ten sessions save at once: each forgets one lesson; the file stays whole
	# and what nobody touched is kept
	fresh_state
	cp "$hostile/progress/good" "$pfile"
	pids=""
	for i in 1 2 3 4 5 6 7 8; do
		( timeout "$limit" "$prog" --reset-progress "reset-$i" >/dev/null 2>"$tmp/conc.$i"
		  echo $? >"$tmp/conc.st.$i" ) &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086
	wait $pids
	allok=1
	for i in 1 2 3 4 5 6 7 8; do
		[ "$(cat "$tmp/conc.st.$i")" -eq 0 ] || allok=0
	done
	check "eight sessions saving at once: all exit 0" '[ $allok -eq 1 ]'
	check "eight sessions saving at once: the file parses, keep-me kept, nothing left over" \
	    'valid && grep -q "^lesson keep-me" "$pfile" && grep -q "^  quiz 2 wrong 3" "$pfile" &&
	    [ "$(ls "$pdir" | wc -l)" -eq 1 ]'

	# kill -9 in the middle of saves: the file is always the old one or the new
	# one, never a mix; stray temporaries are the only trace
	fresh_state
	cp "$hostile/progress/good" "$pfile"
	broken=0
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		"$prog" --reset-progress "reset-$((i % 8 + 1))" >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$((i % 10))"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		if ! valid || ! grep -q "^lesson keep-me" "$pfile"; then
			broken=$((broken + 1))
		fi
	done
	check "kill -9 during saves (20 times): never a broken file, keep-me kept" \
	    '[ $broken -eq 0 ] && [ -z "$(ls "$pdir" | grep corrupt)" ]'
}

# ==== terminals (tmux) ==========================================================
section_terminals() {
	if ! command -v tmux >/dev/null 2>&1; then
		skip "tmux is not installed: the terminal cases are skipped"
	else
		n=0
		on_screen=yes
		mkdir -p "$tmp/esc"
		cp "$hostile/lesson/escapes.yaml" "$tmp/esc/"
		new_server() {
			T kill-server 2>/dev/null
			n=$((n + 1))
			sock="rnntutor-hostile-$$-$n"
		}
		screen() { T capture-pane -p -t h 2>/dev/null; }
		# keys KEY...: type; the short pause keeps Esc apart from the next key
		keys() { T send-keys -t h "$@"; sleep 0.1; }
		# until_ok SECONDS CONDITION: poll CONDITION (shell code) until it
		# holds or SECONDS x RNNTUTOR_TIME_FACTOR have passed
		until_ok() {
			_end=$(( $(date +%s) + $1 * factor ))
			while ! eval "$2"; do
				[ "$(date +%s)" -le "$_end" ] || return 1
				sleep 0.1
			done
		}
		# wait_for TEXT [SECONDS]: until the screen shows TEXT (default
		# 10 s); fails at once when the program has ended
		wait_for() {
			_text=$1
			until_ok "${2:-10}" 'screen | grep -qF -- "$_text" || [ -s "$tmp/tui.st" ]' &&
			    screen | grep -qF -- "$_text"
		}
		# start W H ENV... -- ARGS...: the program in a fresh tmux of W x H
		start() {
			_w=$1 _h=$2
			shift 2
			_env=""
			while [ $# -gt 0 ] && [ "$1" != -- ]; do _env="$_env $1"; shift; done
			[ "$1" = -- ] && shift
			new_server
			rm -f "$tmp/tui.err" "$tmp/tui.st"
			T new-session -d -s h -x "$_w" -y "$_h" \
			    "env -i HOME=$HOME XDG_STATE_HOME=$tmp/tstate TERM=xterm LANG=$LANG \
			    LSAN_OPTIONS=$LSAN_OPTIONS $_env timeout --foreground $((60 * factor)) $prog $* \
			    2>$tmp/tui.err; echo \$? >$tmp/tui.st; echo EXITED; sleep 600"
			# until curses has taken the terminal (the alternate screen)
			# or the program has ended
			until_ok 10 '[ "$(T display-message -p -t h "#{alternate_on}")" = 1 ] || [ -s "$tmp/tui.st" ]'
		}
		# tui_status WHAT [SECONDS]: the run's exit status, once it has
		# ended (at most 10 s), else 124
		tui_status() {
			until_ok "${2:-10}" '[ -s "$tmp/tui.st" ]'
			if [ -s "$tmp/tui.st" ]; then st=$(cat "$tmp/tui.st"); else st=124; fi
			cp "$tmp/tui.err" "$tmp/err" 2>/dev/null || : >"$tmp/err"
			sane "$1"
		}

		# 1x1, then a storm of sizes, then a usable size
		start 1 1 -- 2
		i=0
		while [ $i -lt 40 ]; do
			T resize-window -t h -x $((i % 7 + 1)) -y $((i % 3 + 1)) 2>/dev/null
			T resize-window -t h -x 20 -y 5 2>/dev/null
			T resize-window -t h -x 200 -y 60 2>/dev/null
			i=$((i + 1))
		done
		T resize-window -t h -x 80 -y 24
		check "1x1 and a resize storm: the lesson shows at 80x24" \
		    'wait_for "Lesson 2/" && until_ok 10 "screen | tail -n 1 | grep -q \"^ Lesson 2/.*%  ?:help\$\""'
		keys Q
		tui_status "1x1"
		check "1x1 and a resize storm: quits with 0" '[ $st -eq 0 ]'

		# a resize storm while a heavy simulation recomputes on every knob turn
		mkdir -p "$tmp/heavy"
		cat >"$tmp/heavy/heavy.yaml" <<-'EOF'
	id: heavy
	number: 69
	title: Heavy
	goal: A simulation that takes a while at every turn of its knob.
	blocks:
	  - sim: bptt-norms
	    params:
	      hidden: 256
	      steps: 1000
	      sweep: "on"
	    knobs:
	      - rho
	    charts:
	      - series: [norm, bound]
	EOF
		start 80 24 -- -L "$tmp/heavy" heavy
		wait_for "Lesson 69/" >/dev/null
		keys Tab
		i=0
		while [ $i -lt 8 ]; do
			T send-keys -t h Right
			T resize-window -t h -x $((30 + i * 7)) -y $((8 + i))
			T resize-window -t h -x 20 -y 5
			T resize-window -t h -x 1 -y 1 2>/dev/null
			i=$((i + 1))
		done
		T resize-window -t h -x 80 -y 24
		# (at the small sizes the focused block was kept on screen, so the
		# view may have moved down from the title, to the goal at most)
		# the first row of the page at 80 columns (polled: the stale
		# screen of a smaller size shows the block too)
		top_redrawn() {
			screen | head -n 1 | grep -qE "^(Lesson 69: Heavy|Goal: A simulation that takes a while at every turn of its knob\.)\$"
		}
		check "resize storm during recomputation: the whole page is redrawn" \
		    'until_ok 30 top_redrawn && screen | grep -q "knobs: \[rho=" &&
		    [ ! -s "$tmp/tui.st" ]'
		keys Escape
		keys Q
		tui_status "resize storm" 30
		check "resize storm during recomputation: quits with 0" '[ $st -eq 0 ]'

		# a resize storm while a model trains (in slices between key reads)
		mkdir -p "$tmp/train"
		corpus="$(cd "$top_srcdir/lessons/data" && pwd)/sentiment.tsv"
		printf 'id: train\nnumber: 70\ntitle: Training\ngoal: Train while the terminal is resized.\nblocks:\n  - sim: sentiment\n    params:\n      data: %s\n      epochs: 50\n    knobs:\n      - epochs\n    charts:\n      - series: loss\n' \
		    "$corpus" >"$tmp/train/train.yaml"
		start 80 24 -- -L "$tmp/train" train
		wait_for "Lesson 70/" >/dev/null
		keys Tab
		check "training: Enter offers to train" 'wait_for "press Enter"'
		keys Enter
		i=0
		while [ $i -lt 25 ]; do
			T resize-window -t h -x $((20 + i * 5)) -y $((5 + i))
			T resize-window -t h -x 1 -y 1 2>/dev/null
			T resize-window -t h -x 20 -y 5
			sleep 0.05
			i=$((i + 1))
		done
		T resize-window -t h -x 80 -y 24
		check "resize storm during training: trains to the end, page redrawn" \
		    'wait_for "Trained 50 epochs" 60 && screen | head -n 1 | grep -q "^Lesson 70: Training" &&
		    screen | grep -qE " loss +[0-9.e+-]+ " && screen | grep -q " over 50 epochs"'
		keys Q
		tui_status "training"
		check "resize storm during training: quits with 0" '[ $st -eq 0 ]'

		# escape sequences in the TUI: shown as ^[, the window title untouched
		for lang in "$LANG" C; do
			start 100 30 LANG=$lang -- -L "$tmp/esc" escapes
			check "TUI LANG=$lang escapes: the title shows ^[ visibly" 'wait_for "Title ^[]0;PWNED-TITLE^G"'
			keys G
			# the end of the page is drawn (its last escapes too) before
			# the title of the window is looked at
			check "TUI LANG=$lang escapes: G shows the end of the page" \
			    'until_ok 10 "screen | tail -n 1 | grep -q \" 100%  ?:help\$\""'
			check "TUI LANG=$lang escapes: the window title is not set by the lesson" \
			    '! T display-message -p -t h "#{pane_title}" | grep -q PWNED'
			keys q
			keys Q
			tui_status "TUI escapes"
			check "TUI LANG=$lang escapes: quits with 0" '[ $st -eq 0 ]'
		done

		# terminals that cannot be used: print instead, say why
		start 80 24 TERM=dumb -- 2
		tui_status "TERM=dumb"
		check "TERM=dumb: prints the lesson instead, exit 0" '[ $st -eq 0 ] &&
		    has_line "$tmp/err" "rnntutor: terminal type '"'"'dumb'"'"' cannot move the cursor; printing the course instead"'
		start 80 24 TERM=no-such-terminal -- 2
		tui_status "TERM=no-such-terminal"
		check "TERM unknown: prints the lesson instead, exit 0" '[ $st -eq 0 ] &&
		    has_line "$tmp/err" "rnntutor: terminal type '"'"'no-such-terminal'"'"' is unknown; printing the course instead"'
		start 80 24 -- 2 "</dev/null"
		tui_status "stdin /dev/null"
		check "stdin not a terminal: prints the lesson instead, exit 0" '[ $st -eq 0 ] &&
		    has_line "$tmp/err" "rnntutor: standard input is not a terminal; printing the course instead"'

		# the terminal goes away while SIGHUP is ignored (nohup): no busy loop
		new_server
		rm -rf "$tmp/hstate" "$tmp/tui.st"
		T new-session -d -s h -x 80 -y 24 \
		    "sh -c 'trap \"\" HUP; echo \$\$ >$tmp/hup.pid; exec env -i HOME=$HOME XDG_STATE_HOME=$tmp/hstate TERM=xterm LANG=$LANG LSAN_OPTIONS=$LSAN_OPTIONS $prog 3'"
		wait_for "Lesson 3/" >/dev/null
		pid=$(cat "$tmp/hup.pid" 2>/dev/null)
		T kill-server
		if [ -z "$pid" ]; then
			bad "terminal gone, SIGHUP ignored: the program did not start"
		elif until_ok 10 '! kill -0 "$pid" 2>/dev/null'; then
			ok
		else
			kill -9 "$pid" 2>/dev/null
			bad "terminal gone, SIGHUP ignored: still running $((10 * factor)) s later"
		fi
		check "terminal gone, SIGHUP ignored: progress saved" \
		    'grep -q "^last lstm-gates" "$tmp/hstate/rnntutor/progress"'
		# a broken progress file: the TUI starts, says so, keeps the old bytes
		mkdir -p "$tmp/tstate/rnntutor"
		rm -f "$tmp/tstate/rnntutor/"*
		cp "$hostile/progress/random" "$tmp/tstate/rnntutor/progress"
		start 100 24 -- 1
		check "TUI with a broken progress file: says it was kept aside" 'wait_for "kept as"'
		keys Q
		tui_status "TUI broken progress"
		aside=$(ls "$tmp/tstate/rnntutor" | grep '^progress\.corrupt-' | head -n 1)
		check "TUI with a broken progress file: exit 0, old bytes kept, new file saved" \
		    '[ $st -eq 0 ] && [ -n "$aside" ] && cmp -s "$tmp/tstate/rnntutor/$aside" "$hostile/progress/random" &&
		    grep -q "^last vanilla-rnn" "$tmp/tstate/rnntutor/progress"'
	fi
	on_screen=""
}

# HOSTILE_SECTIONS picks some of: lessons parameters pipes progress terminals
for section in ${HOSTILE_SECTIONS:-lessons parameters pipes progress terminals}; do
	"section_$section"
done

[ "$skipped" -eq 0 ] || echo "hostile: $skipped cases skipped"
echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
