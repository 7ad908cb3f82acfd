#!/bin/sh
# Runs the built program as a user would: --list, --print, --check on the
# bad fixtures, bad options. Prints "cli: N passed, N failed". Each run is capped at
# 60 s x RNNTUTOR_TIME_FACTOR (set by configure; larger with sanitizers):
# a run that hangs fails (status 124) instead of stopping make check.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog="$top_builddir/rnntutor"
factor=${RNNTUTOR_TIME_FACTOR:-1}
case $factor in
''|*[!0-9]*|0*)
	echo "cli.sh: RNNTUTOR_TIME_FACTOR must be a whole number from 1, not '$factor'" >&2
	exit 99 ;;
esac
data="$top_srcdir/tests/data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# a known environment: no user lessons, no colours, a UTF-8 locale if any
unset RNNTUTOR_PATH
export XDG_DATA_HOME="$tmp/xdg" HOME="$tmp"
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
export LANG="${utf8:-C}" LC_ALL=

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# run CMD...: status in $st (124: it hung), stdout in $tmp/out, stderr in $tmp/err
run() { timeout $((60 * factor)) "$@" >"$tmp/out" 2>"$tmp/err"; st=$?; }

run "$prog" --list
check "--list exits 0" '[ $st -eq 0 ]'
check "--list shows lesson 2" 'grep -q "^ 2  vanishing-gradients  *The Vanishing Gradient Problem" "$tmp/out"'

run "$prog" --help
check "--help exits 0" '[ $st -eq 0 ] && grep -q -- "--check FILE" "$tmp/out"'
run "$prog" --version
check "--version" '[ $st -eq 0 ] && grep -q "^rnntutor [0-9]" "$tmp/out"'

run "$prog" --print 2
check "--print 2 exits 0" '[ $st -eq 0 ]'
check "--print 2 shows the title" 'grep -q "^Lesson 2: The Vanishing Gradient Problem" "$tmp/out"'
check "--print 2 no empty stderr" '[ ! -s "$tmp/err" ]'

run "$prog" --print --ascii --width 60 2
check "--print --width 60 fits 60 columns" '[ $st -eq 0 ] && ! awk "length > 60" "$tmp/out" | grep -q .'
check "--ascii is pure ASCII" '[ "$(LC_ALL=C tr -d "\011\012\040-\176" <"$tmp/out" | wc -c)" -eq 0 ]'
check "--width 60: a long series name is cut with a mark" 'grep -q "^  reach_f~ " "$tmp/out" && grep -q "^  reach_l~ " "$tmp/out"'
run "$prog" --print --width 80 2
check "80 columns: long series names are whole" 'grep -q "^  reach_first  " "$tmp/out" && grep -q "^  reach_last  " "$tmp/out"'

LANG=C LC_ALL=C run "$prog" --print 2
check "LANG=C --print 2 is pure ASCII" '[ $st -eq 0 ] && [ "$(LC_ALL=C tr -d "\011\012\040-\176" <"$tmp/out" | wc -c)" -eq 0 ]'

run "$prog" --print
check "--print with no lesson prints all" '[ $st -eq 0 ] && [ "$(grep -c "^Lesson [0-9]*: " "$tmp/out")" -eq "$("$prog" --list | wc -l)" ]'

run "$prog" 2
check "no terminal: prints like man" '[ $st -eq 0 ] && grep -q "^Lesson 2: " "$tmp/out"'

run "$prog" --bogus
check "unknown option exits 2" '[ $st -eq 2 ] && grep -q "Try .rnntutor --help" "$tmp/err"'
run "$prog" --print --width 5
check "--width 5 exits 2" '[ $st -eq 2 ]'
run "$prog" --print 99
check "unknown lesson exits 2" '[ $st -eq 2 ] && grep -q "no lesson .99." "$tmp/err"'
run "$prog" --check
check "--check without files exits 2" '[ $st -eq 2 ]'

# every bad fixture: exit 1 and its exact FILE:LINE:COL message on stderr
for f in "$data"/bad/*.yaml; do
	name=$(basename "$f")
	want=$(sed -n '1s/^# expect: //p' "$f")
	[ -n "$want" ] || want=$(awk -F '\t' -v n="$name" '$1 == n { print $2 }' "$data/bad/expect.txt")
	line=${want%%: *}
	msg=${want#*: }
	case "$line" in
	0:0) loc="$f" ;;
	*) loc="$f:$line" ;;
	esac
	run "$prog" --check "$f"
	check "--check $name" '[ $st -eq 1 ] && grep -qxF "$loc: error: $msg" "$tmp/err"'
done

# fixtures that load but fail what --check runs (expect:, output
# templates): exit 1 and the exact FILE:LINE:COL of the value or placeholder
for f in "$data"/check/*.yaml; do
	want=$(sed -n '1s/^# expect: //p' "$f")
	run "$prog" --check "$f"
	check "--check $(basename "$f")" '[ $st -eq 1 ] && grep -qxF "$f:${want%%: *}: error: ${want#*: }" "$tmp/err"'
done

# the built-in course: every expect: holds, heavy and training blocks
# included (a budget no block exceeds; about 6 s, 30 s under ASan)
run "$prog" --check --budget 1e9 "$top_srcdir"/lessons/*.yaml
check "--check of the built-in course passes, every expect: run" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
[ "$(grep -c "^    expect:" "$top_srcdir"/lessons/*.yaml | awk -F: '{ n += $2 } END { print n }')" -ge 20 ] && ok || bad "the course pins its numbers with expect:"
# a number changed in a lesson's expect: (as when the engine changes
# under the prose) fails --check, naming the line, the value and the pin
mkdir -p "$tmp/drift"
sed 's/^      memory: 44$/      memory: 45/' "$top_srcdir/lessons/01-vanilla-rnn.yaml" >"$tmp/drift/01.yaml"
line=$(grep -n "^      memory: 45$" "$tmp/drift/01.yaml" | cut -d: -f1)
run "$prog" --check "$tmp/drift/01.yaml"
check "a drifted number fails --check with line, value and pin" '[ -n "$line" ] && [ $st -eq 1 ] && grep -qxF "$tmp/drift/01.yaml:$line:15: error: expect: memory is 44 at the lesson'"'"'s parameters, expected 45" "$tmp/err"'
sed 's/^      cell_path_0: "7.9e-31"$/      cell_path_0: "7.8e-31"/' "$top_srcdir/lessons/03-lstm-gates.yaml" >"$tmp/drift/03.yaml"
run "$prog" --check --budget 0 "$tmp/drift/03.yaml"
check "a drifted 7.9e-31 fails (rounding to the digits written)" '[ $st -eq 1 ] && grep -q "error: expect: cell_path_0 is 7.88861e-31 at the lesson.s parameters, expected 7.8e-31" "$tmp/err"'

run "$prog" --check "$data/good/full.yaml" "$data/good/minimal.yaml"
check "--check good fixtures exits 0" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
run "$prog" --check "$data/dup/a.yaml" "$data/dup/b.yaml"
check "--check duplicate id" '[ $st -eq 1 ] && grep -q "b.yaml:1:5: error: duplicate lesson id .same-id." "$tmp/err"'
run "$prog" --check "$data"
check "--check a directory" '[ $st -eq 1 ] && grep -q "not a regular file" "$tmp/err"'

run "$prog" -L "$data/override" --list
check "-L replaces a lesson by id" '[ $st -eq 0 ] && grep -q "^ 2  vanishing-gradients  *An instructor" "$tmp/out"'
mkdir -p "$tmp/broken"
cp "$data/bad/unknown-key.yaml" "$tmp/broken/"
run "$prog" -L "$tmp/broken" --list
check "a broken lesson is reported, the rest still works" '[ $st -eq 1 ] && grep -q "unknown-key.yaml:8:5: error" "$tmp/err" && grep -q "vanishing-gradients" "$tmp/out"'
RNNTUTOR_PATH="$data/override" run "$prog" --list
check "RNNTUTOR_PATH is searched" 'grep -q "An instructor" "$tmp/out"'

# the authoring kit: a skeleton that passes --check, and its warnings
mkdir -p "$tmp/new"
run "$prog" --new-lesson my-first-lesson
check "--new-lesson prints a skeleton" '[ $st -eq 0 ] && grep -q "^id: my-first-lesson" "$tmp/out"'
cp "$tmp/out" "$tmp/new/my-first-lesson.yaml"
for kind in heading text code quiz sim; do
	check "--new-lesson uses a $kind block" 'grep -q "^  - $kind:" "$tmp/new/my-first-lesson.yaml"'
done
run "$prog" --check "$tmp/new/my-first-lesson.yaml"
check "the skeleton passes --check" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
check "the skeleton shows expect:" 'grep -q "^    expect:" "$tmp/new/my-first-lesson.yaml"'
for key in "    predict:" "    hint:" "        why:" "    reveal:"; do
	check "the skeleton shows${key%:}:" 'grep -q "^$key" "$tmp/new/my-first-lesson.yaml"'
done
run "$prog" -L "$tmp/new" --print my-first-lesson
check "the skeleton prints" '[ $st -eq 0 ] && grep -q "tensor(0.3487)" "$tmp/out"'
run "$prog" --new-lesson "Bad Id"
check "--new-lesson refuses a bad id" '[ $st -eq 2 ]'
for id in 123 --x; do
	run "$prog" --new-lesson="$id"
	check "--new-lesson refuses '$id' as the loader does" '[ $st -eq 2 ] && [ ! -s "$tmp/out" ] &&
	    grep -q "an id is 1 to 40 lower-case letters, digits and dashes, starting with a letter or digit and not all digits" "$tmp/err"'
done
sed -e 's/^      scale: 0.9$/      scale: 2.5/' \
    "$tmp/new/my-first-lesson.yaml" > "$tmp/warn.yaml"
printf '  - code: |\n      %s\n' "$(printf 'x%.0s' $(seq 1 90))" >> "$tmp/warn.yaml"
run "$prog" --check "$tmp/warn.yaml"
check "--check warns: a code line too wide, at its own line" '[ $st -eq 0 ] &&
    grep -q "warn.yaml:$(wc -l < "$tmp/warn.yaml"):83: warning: this code line is 90 columns wide" "$tmp/err"'
sed -e 's/^      scale: 0.9$/      scale: 2.5/' "$tmp/new/my-first-lesson.yaml" > "$tmp/warn2.yaml"
sed -i 's/^      - scale$/      - name: scale\n        min: 0.5\n        max: 1.5/' "$tmp/warn2.yaml"
run "$prog" --check "$tmp/warn2.yaml"
check "--check warns: a parameter outside its knob range" '[ $st -eq 0 ] && grep -q "warning: parameter .scale. = 2.5 is outside its knob" "$tmp/err"'

# messages like a compiler's: the source line, a caret, a help line
six="$data/messages/six-mistakes.yaml"
run "$prog" --check "$six"
check "--check: six independent mistakes, six errors in one run" '[ $st -eq 1 ] && [ "$(grep -c ": error: " "$tmp/err")" -eq 6 ]'
check "--check: a structural error" 'grep -qxF "$six:8:5: error: unknown key '"'colour'"' in a text block (valid keys: text)" "$tmp/err"'
check "--check: answer C says lower case" 'grep -qxF "      = help: choice letters are lower case: answer: b" "$tmp/err"'
check "--check: a bad parameter value" 'grep -q "^$six:14:14: error: steps: .many. is not a whole number" "$tmp/err"'
check "--check: a misspelt series, at the name, its list and did-you-mean" 'grep -qxF "$six:16:17: error: chart: simulation rnn-unroll has no series '"'hnrm'"' (did you mean '"'hnorm'"'?)" "$tmp/err" &&
    grep -qxF "      = help: the series of rnn-unroll are: input, h0, h1, h2, h3, hnorm" "$tmp/err"'
check "--check: a knob that is not a parameter lists the parameters" 'grep -q "^$six:18:13: error: knob .scael.: simulation rnn-unroll has no such parameter (did you mean .scale.?)" "$tmp/err" &&
    grep -q "help: a knob turns one of the parameters of rnn-unroll: input, hidden, steps, scale, input_scale, seed$" "$tmp/err"'
check "--check: a template error at its placeholder, with a caret under it and the scalars" 'grep -A3 -xF "$six:20:25: error: output: no result or parameter called '"'final_norm'"' (did you mean '"'final_hnorm'"'?)" "$tmp/err" > "$tmp/ctx" &&
    sed -n 2p "$tmp/ctx" | grep -qxF "   20 |       The last norm is {final_norm:.3f}." &&
    sed -n 3p "$tmp/ctx" | grep -qxF "      |                         ^" &&
    sed -n 4p "$tmp/ctx" | grep -qF "help: the scalars of rnn-unroll are: final_hnorm, max_abs_h, memory"'
sug="$data/messages/suggestions.yaml"
run "$prog" --check "$sug"
check "--check: a scalar charted as a series says so, at the name" 'grep -qxF "$sug:9:17: error: chart: '"'memory'"' is a scalar of simulation rnn-unroll, one number, not a series to draw" "$tmp/err"'
check "--check: a literal brace in a template: double it" 'grep -q "^$sug:10:[0-9]*: error: output: " "$tmp/err" && grep -qF "help: to show a brace, write it twice: {{'"'a'"': 1}}" "$tmp/err"'
# every error at the node it is about, not at the chart or knob around it
cat > "$tmp/pos.yaml" <<'EOF'
id: positions
number: 88
title: Positions
goal: Every error at its own node.
blocks:
  - sim: rnn-unroll
    knobs:
      - name: scael
      - name: scale
        min: 0.5
        max: 9
    charts:
      - series: [h0, hnrom]
      - series:
          - h1
          - "h22"
EOF
run "$prog" --check "$tmp/pos.yaml"
check "--check: a knob's misspelt name, at the name" '[ $st -eq 1 ] &&
    grep -q "^$tmp/pos.yaml:8:15: error: knob .scael.: simulation rnn-unroll has no such parameter" "$tmp/err"'
check "--check: a knob range outside the registry's, at its max" \
    'grep -q "^$tmp/pos.yaml:11:14: warning: knob .scale.: range is outside what rnn-unroll allows" "$tmp/err"'
check "--check: a misspelt series in a flow list, at the name" \
    'grep -q "^$tmp/pos.yaml:13:22: error: chart: simulation rnn-unroll has no series .hnrom." "$tmp/err"'
check "--check: a misspelt series in a block list, at the name" \
    'grep -q "^$tmp/pos.yaml:16:13: error: chart: simulation rnn-unroll has no series .h22." "$tmp/err"'
printf 'id: bad\nnumber: 1\ntitle: Bad\ngoal: A goal.\nblocks:\n  - code: x\n    caption: ||dL/dh_t|| from t=0\n' > "$tmp/bars.yaml"
run "$prog" --check "$tmp/bars.yaml"
check "--check: a value starting with || gets the line, caret and fix" '[ $st -eq 1 ] &&
    [ "$(sed -n 2p "$tmp/err")" = "    7 |     caption: ||dL/dh_t|| from t=0" ] &&
    [ "$(sed -n 3p "$tmp/err")" = "      |              ^" ] &&
    sed -n 4p "$tmp/err" | grep -qF "help: quote the value: caption: \"||dL/dh_t|| from t=0\""'

txt="$data/messages/text-surprises.yaml"
run "$prog" --check "$txt"
check "--check warns: a paragraph indented by accident, a line that becomes a list item" '[ $st -eq 0 ] && [ "$(grep -c ": warning: " "$tmp/err")" -eq 3 ] &&
    grep -q "^$txt:9:11: warning: this indented line starts a verbatim block" "$tmp/err" &&
    grep -q "^$txt:12:7: warning: this line starts with .2. . and will show as item 2 of a numbered list" "$tmp/err" &&
    grep -q "^$txt:14:11: warning: this indented line starts a verbatim block" "$tmp/err"'
run "$prog" --check --budget 0 "$top_srcdir"/lessons/*.yaml
check "the built-in lessons give no warning but for the budget" '[ $st -eq 0 ] && [ -z "$(grep ": warning: " "$tmp/err" | grep -v "not run: it takes about")" ]'

run "$prog" --check "$data/override/vanishing.yaml"
check "--check warns: an id that replaces a built-in lesson says which" '[ $st -eq 0 ] &&
    grep -qxF "$data/override/vanishing.yaml:1:5: warning: this lesson replaces the built-in lesson 2, '"'vanishing-gradients'"' (The Vanishing Gradient Problem in Deep Time Steps), wherever it is on the lesson path" "$tmp/err"'
mkdir -p "$tmp/renum"
sed -e 's/^number: .*/number: 3/' "$data/override/vanishing.yaml" > "$tmp/renum/vanishing.yaml"
run "$prog" --check "$tmp/renum/vanishing.yaml"
check "--check warns: a replacement with another built-in lesson's number says both" '[ $st -eq 0 ] &&
    grep -q "^$tmp/renum/vanishing.yaml:1:5: warning: this lesson replaces the built-in lesson 2" "$tmp/err" &&
    grep -q "^$tmp/renum/vanishing.yaml:2:9: warning: lesson number 3 is also the built-in lesson .lstm-gates.: .rnntutor 3. opens .lstm-gates., and .vanishing-gradients. is reached only by its id$" "$tmp/err"'
mkdir -p "$tmp/clash"
sed -e 's/^id: my-first-lesson$/id: my-rnn/' -e 's/^number: .*/number: 2/' "$tmp/new/my-first-lesson.yaml" > "$tmp/clash/my-rnn.yaml"
run "$prog" --check "$tmp/clash/my-rnn.yaml"
check "--check warns: a number a built-in lesson has, which wins and how to reach the other" '[ $st -eq 0 ] &&
    grep -q "^$tmp/clash/my-rnn.yaml:[0-9]*:9: warning: lesson number 2 is also the built-in lesson .vanishing-gradients.: .rnntutor 2. opens .my-rnn., and .vanishing-gradients. is reached only by its id$" "$tmp/err"'
chmod 0666 "$tmp/clash/my-rnn.yaml"
chmod 0777 "$tmp/clash"
run "$prog" --check "$tmp/clash/my-rnn.yaml"
check "--check warns: a lesson file and directory writable by everyone" '[ $st -eq 0 ] &&
    grep -qxF "$tmp/clash/my-rnn.yaml: warning: this lesson file is writable by everyone (mode 0666): on a shared path they can change what students read" "$tmp/err" &&
    grep -qF "$tmp/clash/my-rnn.yaml: warning: the directory $tmp/clash is writable by everyone (mode 0777)" "$tmp/err" &&
    grep -qF "help: chmod go-w" "$tmp/err"'
chmod 0755 "$tmp/clash"

# data: is relative to the lesson file, wherever the reader stands
mkdir -p "$tmp/class"
cp "$data/e2e/tiny.yaml" "$data/e2e/tiny.tsv" "$tmp/class/"
abs_prog=$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")
(cd / && run "$abs_prog" --check "$tmp/class/tiny.yaml"; echo "$st" > "$tmp/st")
check "--check: data: is read beside the lesson, not in the working directory" '[ "$(cat "$tmp/st")" -eq 0 ] && [ ! -s "$tmp/err" ]'
(cd / && run "$abs_prog" -L "$tmp/class" --print e2e-tiny; echo "$st" > "$tmp/st")
check "--print: data: is read beside the lesson" '[ "$(cat "$tmp/st")" -eq 0 ] && grep -q "test accuracy" "$tmp/out" && ! grep -q "^ *!" "$tmp/out"'
sed 's/data: tiny.tsv/data: nothere.tsv/' "$tmp/class/tiny.yaml" > "$tmp/class/tiny2.yaml"
rm "$tmp/class/tiny.yaml"
run "$prog" --check "$tmp/class/tiny2.yaml"
check "--check: a missing data file is named, at the lesson line that names it" '[ $st -eq 1 ] &&
    grep -qxF "$tmp/class/tiny2.yaml:14:13: error: $tmp/class/nothere.tsv: cannot read: No such file or directory" "$tmp/err"'
run "$prog" -L "$tmp/class" --print e2e-tiny
check "--print: a missing data file is named on the page" 'grep -qF "! $tmp/class/nothere.tsv: cannot read" "$tmp/out"'

# progress: --reset-progress forgets one lesson or all
mkdir -p "$tmp/state/rnntutor"
printf 'version 1\nlast vanilla-rnn\nlesson vanilla-rnn\n  block 3\n  seen 20\n  finished no\nlesson lstm-gates\n  block 1\n  seen 5\n  finished no\n' > "$tmp/state/rnntutor/progress"
XDG_STATE_HOME="$tmp/state" run "$prog" --reset-progress vanilla-rnn
check "--reset-progress ID forgets that lesson" '[ $st -eq 0 ] && ! grep -q "lesson vanilla-rnn" "$tmp/state/rnntutor/progress" && grep -q "lesson lstm-gates" "$tmp/state/rnntutor/progress"'
XDG_STATE_HOME="$tmp/state" run "$prog" --reset-progress nonesuch
check "--reset-progress of an unknown id exits 2" '[ $st -eq 2 ]'
cp "$tmp/state/rnntutor/progress" "$tmp/progress.before"
for id in 123 -x Vanilla-RNN; do
	XDG_STATE_HOME="$tmp/state" run "$prog" --reset-progress="$id"
	check "--reset-progress refuses '$id': not a lesson id" '[ $st -eq 2 ] &&
	    grep -q "is neither a lesson id nor all; an id is 1 to 40" "$tmp/err" && cmp -s "$tmp/progress.before" "$tmp/state/rnntutor/progress"'
done
XDG_STATE_HOME="$tmp/state" run "$prog" --reset-progress all
check "--reset-progress all forgets everything" '[ $st -eq 0 ] && ! grep -q "^lesson" "$tmp/state/rnntutor/progress"'

# the manual: its SIMULATIONS section is what the registry says today, and
# its example lesson loads
man5="$top_srcdir/man/rnntutor-lesson.5"
sed -n '/^\.\\" BEGIN SIMULATIONS/,/^\.\\" END SIMULATIONS/p' "$man5" | sed '1d;$d' > "$tmp/man-sims"
"$prog" sim --man > "$tmp/gen-sims"
check "rnntutor-lesson.5 lists the simulations of the registry (make update-man)" 'cmp -s "$tmp/man-sims" "$tmp/gen-sims"'
mkdir -p "$tmp/example"
sed -n '/^\.\\" BEGIN EXAMPLE/,/^\.\\" END EXAMPLE/p' "$man5" | sed -e '/^\./d' -e 's/\\e/\\/g' -e 's/\\&//g' > "$tmp/example/example.yaml"
run "$prog" --check "$tmp/example/example.yaml"
check "the manual's example lesson passes --check" '[ $st -eq 0 ] && [ -s "$tmp/example/example.yaml" ] && [ ! -s "$tmp/err" ]'
# every lesson and block example of the manual passes --check: a block
# ("- KIND: ...") is checked inside a lesson of its own
mkdir -p "$tmp/examples"
awk -v dir="$tmp/examples" '
	/^\.Bd -literal/ { inblock = 1; n++; first = 1; next }
	/^\.Ed/ { if (inblock && file != "") close(file); inblock = 0; file = ""; next }
	inblock && /^\./ { next }
	inblock {
		gsub(/\\e/, "\\"); gsub(/\\&/, "")
		if (first && /^#/) { next }	# a comment before the first key
		if (first) {
			first = 0
			if ($0 ~ /^id: /) file = dir "/lesson" n ".yaml"
			else if ($0 ~ /^- [a-z]+:/) {
				file = dir "/block" n ".yaml"
				printf "id: example-%d\nnumber: 90\ntitle: Example %d\ngoal: One example of the manual.\nblocks:\n", n, n > file
			}
		}
		if (file ~ /block/) print "  " $0 > file
		else if (file != "") print > file
	}' "$man5"
nexamples=$(ls "$tmp/examples" | wc -l)
for f in "$tmp/examples"/*.yaml; do
	run "$prog" --check "$f"
	check "the manual's example $(basename "$f") passes --check" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
done
check "the manual's examples were found (blocks and lessons)" '[ "$nexamples" -ge 8 ]'
{ printf 'id: expect-example\nnumber: 13\ntitle: T\ngoal: G.\nblocks:\n'
  sed -n '/^\.\\" BEGIN EXPECT EXAMPLE/,/^\.\\" END EXPECT EXAMPLE/p' "$man5" | sed -e '/^\./d' -e 's/^/  /'
} > "$tmp/example/expect.yaml"
run "$prog" --check "$tmp/example/expect.yaml"
check "the manual's expect: example passes --check" '[ $st -eq 0 ] && grep -q "memory: 44" "$tmp/example/expect.yaml" && [ ! -s "$tmp/err" ]'

# README's lesson example passes --check
sed -n '/^```yaml/,/^```/p' "$top_srcdir/README.md" | sed '1d;$d' > "$tmp/example/readme.yaml"
run "$prog" --check "$tmp/example/readme.yaml"
check "README's example lesson passes --check" '[ $st -eq 0 ] && grep -q "expect:" "$tmp/example/readme.yaml" && [ ! -s "$tmp/err" ]'
# README, --help and rnntutor(1) give the same exit statuses, 0 to 3
"$prog" --help >"$tmp/help"
for f in "$tmp/help" "$top_srcdir/README.md"; do
	check "exit statuses 0 to 3 in $(basename "$f")" 'tr "\n" " " <"$f" | grep -q "Exit status: 0 ok; 1 lesson errors (a failed expect: too), a failed  *simulation run, output not written or progress not saved; 2 usage errors;  *3 fatal errors such as running out of memory\."'
done
check "exit statuses 0 to 3 in rnntutor.1" '[ "$(sed -n "/^\.Sh EXIT STATUS/,/^\.Sh /p" "$top_srcdir/man/rnntutor.1" | grep -c "^\.It [0-3]$")" -eq 4 ]'

# (every block example of the manual passed --check above) among them, quiz
# examples that teach
check "the manual has quiz examples that teach (hint, why, reveal, fraction)" 'cat "$tmp"/examples/block*.yaml | grep -q "^ *hint:" && cat "$tmp"/examples/block*.yaml | grep -q "why:" && cat "$tmp"/examples/block*.yaml | grep -q "reveal: false" && cat "$tmp"/examples/block*.yaml | grep -q "fraction: true"'

# --check runs a predicting block and names the scalars it may compare with
cat > "$tmp/predict.yaml" <<'EOF'
id: predict-check
number: 1
title: T
goal: G
blocks:
  - sim: linear-bptt
    predict:
      ask: How much is left?
      scalar: fraction_left
EOF
run "$prog" --check "$tmp/predict.yaml"
check "--check: a prediction names a scalar the simulation computes" '[ $st -eq 1 ] &&
    grep -q "predict.yaml:9:15: error: predict: simulation linear-bptt has no scalar .fraction_left. (it has: first, last, ratio)" "$tmp/err"'

# rnntutor review: from a progress file, a line-by-line dialogue on stdin
review_state() {	# review_state DIR: a progress file with quiz 1 of lesson 2
	mkdir -p "$1/rnntutor" && chmod 700 "$1" "$1/rnntutor"
	printf 'version 1\nlesson vanishing-gradients\n  quiz 4 wrong 2\n  quiz 13 right 1\n  quiz 26 right 3\n' > "$1/rnntutor/progress"
	chmod 600 "$1/rnntutor/progress"
}
review_state "$tmp/rv1"
printf 'a\n1\n1\n1\n1\n' > "$tmp/answers"
XDG_STATE_HOME="$tmp/rv1" run "$prog" review --seed 3 --count 5 < "$tmp/answers"
cp "$tmp/out" "$tmp/review1"
check "review exits 0" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
check "review asks first the quizzes missed or needing several tries" 'grep -q "^Review: 5 questions, 2 of them quizzes you missed" "$tmp/review1" &&
    grep -q "^1/5  Lesson 2, quiz 1$" "$tmp/review1" && grep -q "^2/5  Lesson 2, quiz 3$" "$tmp/review1" &&
    grep -q "^  b) at a = 0, where it equals 1$" "$tmp/review1" && ! grep -q "Lesson 2, quiz 2$" "$tmp/review1"'
check "review says why a wrong choice is wrong" 'grep -q "^You chose: tanh(1)" "$tmp/review1"'
check "review asks fresh numeric questions of each concept" 'grep -q "^3/5  powers$" "$tmp/review1" &&
    grep -q "^4/5  params$" "$tmp/review1" && grep -q "^5/5  gates$" "$tmp/review1"'
check "review keeps its results in the progress file" 'grep -q "^#+ review quiz:vanishing-gradients:4 0/1 [0-9]" "$tmp/rv1/rnntutor/progress" &&
    grep -q "^#+ review powers 0/1 [0-9]" "$tmp/rv1/rnntutor/progress" && grep -q "^  quiz 4 wrong 2$" "$tmp/rv1/rnntutor/progress"'
# the same seed asks the same; the answers the engine computed are right
review_state "$tmp/rv2"
{ echo b; sed -n 's/^Not quite. The answer is \([-0-9.e+]*\)$/\1/p' "$tmp/review1"; } > "$tmp/answers2"
XDG_STATE_HOME="$tmp/rv2" run "$prog" review --seed 3 --count 5 < "$tmp/answers2"
check "review --seed gives the same questions" '[ "$(grep -c "^[0-9]/5 " "$tmp/out")" -eq 5 ] &&
    [ "$(grep -v "^>" "$tmp/out" | grep -E "^[0-9]/5|\?" )" = "$(grep -v "^>" "$tmp/review1" | grep -E "^[0-9]/5|\?")" ]'
check "the answers the engine computed are taken as right" 'grep -q "^Review done: 5 of 5 right.$" "$tmp/out"'
# scheduled by concept: right answers are not due again today, a missed
# quiz answered right once comes back later, not now
XDG_STATE_HOME="$tmp/rv2" run "$prog" review --seed 4 --count 1 < /dev/null
check "review: a quiz answered right in review is not asked again at once" 'grep -q "^Review: 1 question, 0 of them quizzes" "$tmp/out"'
printf 'a\n1\n1\n1\n' > "$tmp/answers3"
XDG_STATE_HOME="$tmp/rv1" run "$prog" review --seed 4 --count 4 < "$tmp/answers3"
check "review: what was missed is due again, the quizzes first, then the concepts never asked" 'grep -q "^1/4  Lesson 2, quiz 1$" "$tmp/out" &&
    grep -q "^3/4  clip$" "$tmp/out" && grep -q "^4/4  powers$" "$tmp/out"'
run "$prog" review --count 0
check "review --count 0 is a usage error" '[ $st -eq 2 ] && grep -q "count: expected a whole number from 1 to 100" "$tmp/err"'

# the manuals are clean for mandoc (up to warnings: its style notes only say
# that the two pages, not yet installed, cannot be found) and for groff
if command -v mandoc >/dev/null 2>&1; then
	check "mandoc -T lint -W warning reports nothing" '[ -z "$(mandoc -T lint -W warning "$top_srcdir"/man/rnntutor.1 "$top_srcdir"/man/rnntutor-lesson.5 2>&1)" ]'
fi
if command -v groff >/dev/null 2>&1; then
	check "groff -ww -z reports nothing" '[ -z "$(groff -ww -z -mdoc "$top_srcdir"/man/rnntutor.1 "$top_srcdir"/man/rnntutor-lesson.5 2>&1)" ]'
fi

# handouts: --no-answers leaves out the answers and explanations, not the
# questions; the default (the key) has them
run "$prog" --print --no-answers 1
check "--print --no-answers: questions without answers or explanations" \
    '[ $st -eq 0 ] && [ "$(grep -c "^  Quiz [0-9]*: " "$tmp/out")" -eq 6 ] && ! grep -q "Answer: \|1408" "$tmp/out"'
run "$prog" --print 1
check "--print: the key, with answers and explanations" \
    '[ $st -eq 0 ] && [ "$(grep -c "^  > Answer: " "$tmp/out")" -eq 6 ] && grep -q "32 + 32 = 1408" "$tmp/out"'

# --budget: slow blocks run only within it, and say how to run them
run "$prog" --print --budget 0 sentiment
check "--print --budget 0: training blocks are not run, named as commands" \
    '[ $st -eq 0 ] && [ "$(grep -c "Not run here" "$tmp/out")" -eq 4 ] && grep -q "^    rnntutor sim sentiment" "$tmp/out"'
check "--print --budget 0: the fast blocks still show their output" \
    'grep -q "^    2880 320 800 505" "$tmp/out"'
run "$prog" --print sentiment
check "--print (default budget) trains lesson 4's blocks" \
    '[ $st -eq 0 ] && ! grep -q "Not run here" "$tmp/out" && grep -q "falls from 0.69 to 0.0375" "$tmp/out"'
run "$prog" --check --budget 0 "$top_srcdir/lessons/04-sentiment.yaml"
check "--check --budget 0: a warning per training block, exit 0" \
    '[ $st -eq 0 ] && [ "$(grep -c "warning: simulation sentiment not run" "$tmp/err")" -eq 4 ]'
run "$prog" --check --budget 1e9 "$top_srcdir/lessons/04-sentiment.yaml"
check "--check with a large budget runs and passes them all" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
run "$prog" --print --budget soon 1
check "--budget needs a number of seconds" '[ $st -eq 2 ] && grep -q -- "--budget: expected a number" "$tmp/err"'

# a reader who closes the pipe early: no crash by SIGPIPE
( timeout $((60 * factor)) "$prog" --print; echo "status $?" >"$tmp/pipe-status" ) | head -n 1 >/dev/null
st=$(sed 's/status //' "$tmp/pipe-status")
check "closed pipe is not a crash" '[ "$st" -lt 124 ]'

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
