#!/bin/sh
# End-to-end tests of what the charts, the help and the narrow screen show
# (the real program in tmux, read with capture-pane), as tui.sh does:
# every check polls the screen until what it wants shows up or a deadline
# passes; RNNTUTOR_TIME_FACTOR stretches every deadline.
# Prints "e2e-charts: N passed, N failed"; exits 77 (skipped) without tmux.
name=e2e-charts
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# every start here is in $tmp, at the size the check names
START_DIR=$tmp
start() { start_sized "$@"; }
# turn KEY N: press KEY N times, each time waiting for the status line to
# say the new value before the next
turn() {
	_i=0
	while [ "$_i" -lt "$2" ]; do
		_before=$(knobs)
		keys "$1"
		until_ok 10 '[ "$(knobs)" != "$_before" ]' || return 1
		_i=$((_i + 1))
	done
}
# focus TEXT: search for TEXT and focus the first block from the top
focus() {
	_find=$1
	keys / && keys "$_find" && keys Enter
	until_ok 10 'screen | head -n 5 | grep -qF -- "$_find"' || return 1
	keys Tab
	status_shows "change"
}
# rows CAPTION: the chart under CAPTION down to its summary
rows() { screen | sed -n "/$1/,/ \(falls\|rises\) /p" | sed '1d;$d'; }

# --- lesson 1: scale 0.9 -> 0.5 in ASCII without colour ------------------------
ARGS="1"
LANG_E2E=C start 80x24 NO_COLOR=1
check "lesson 1 opens" 'status_shows "^ Lesson 1/"'
check "the pulse block takes the focus" 'focus "One pulse, then silence"'
before=$(rows "on a log scale")
check "scale 0.9 -> 0.5: four steps down" 'turn Left 4 && knobs | grep -qF "[scale=0.5]"'
after=$(rows "on a log scale")
check "the chart rows change" '[ -n "$before" ] && [ "$before" != "$after" ]'
check "the previous run stays as a was row" \
    'screen | grep -qE "^.{10} +was [|]{10}"'
check "was -> now gives the memory" 'screen | grep -qF "was -> now: memory 10 -> 7"'
keys c
check "c shows the block's rnntutor sim line" 'wait_for "rnntutor sim rnn-unroll" &&
    screen | grep "rnntutor sim rnn-unroll" | grep -q " scale=0.5"'
cmd=$(screen | sed -n 's/^.*\(rnntutor sim rnn-unroll.*[^ ]\) *$/\1/p' | head -n 1)
shown=$(screen | sed -n 's/^.*memory: \(-\{0,1\}[0-9]*\) (steps.*/\1/p' | head -n 1)
ran=$(eval "\"$prog\" ${cmd#rnntutor }" | awk '$1 == "memory" { print $2 }')
check "that line, run, gives the memory the block shows" '[ -n "$shown" ] && [ "$ran" = "$shown" ]'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- lesson 3: forget_bias 0 -> 5 on a log scale, UTF-8 -----------------------------
ARGS="3"
start 80x24
check "lesson 3 opens" 'status_shows "^ Lesson 3/"'
check "the cell path block takes the focus" 'focus "f from step t to T,"'
before=$(rows "cell path on a log scale")
check "forget_bias 0 -> 5: ten steps up" 'turn Right 10 && knobs | grep -qF "[forget_bias=5]"'
after=$(rows "cell path on a log scale")
check "the chart rows change" '[ -n "$before" ] && [ "$before" != "$after" ]'
check "was -> now gives the cell path" \
    'screen | grep -qE "was → now: .*0\.51"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- ? lists every key, at 80x24, 40x12 and 30x8 -------------------------------------
ARGS="1"
start 80x24
status_shows "^ Lesson 1/" >/dev/null
keys '?'
check "? at 80x24: every key on one screen, two columns" 'wait_for "any key closes it" &&
    for k in "Enter Esc      train" "Ctrl-C" "Ctrl-Z" "c              its rnntutor sim" \
        "w              watch mode" "v              review" "!              reveal" \
        "t              look inside the model" "C-w C-u" "Home"; do screen | grep -qF -- "$k" || exit 1; done'
keys x
check "any key closes it" 'status_shows "^ Lesson 1/"'
T resize-window -t e2e -x 40 -y 12
keys '?'
# one column: every line is keys, spaces, words; no line runs into another
check "? at 40x12: one column, nothing overlaps" 'wait_for "j k: scroll" &&
    ! screen | head -n 11 | grep -qE "^.{41}" &&
    screen | grep -qE "^j Down Enter +down one line$"'
seen=$(screen | head -n 11)
i=0
while [ $i -lt 8 ]; do keys Space; i=$((i + 1)); seen="$seen
$(screen | head -n 11)"; done
check "? at 40x12 scrolls to the last key" 'printf "%s\n" "$seen" | grep -qF "reload, watch, quit" &&
    printf "%s\n" "$seen" | grep -qF "Ctrl-Z" && printf "%s\n" "$seen" | grep -qF "Enter Esc      train"'
keys x
check "a key other than the scrolling ones closes it" 'status_shows "^ Lesson 1/"'
T resize-window -t e2e -x 30 -y 8
keys '?'
check "? at 30x8: one column, wrapped, scrolling" 'wait_for "j k: scroll" &&
    ! screen | head -n 7 | grep -qE "^.{30}" && screen | grep -qE "^Space f PgDn +down one"'
keys x
keys / && keys "hnorm" && keys Enter
check "at 30 columns charts draw, their range under the rows" \
    'wait_for "range 0.00046 to 0.24" && ! screen | grep -q "cannot draw"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- Home and End as tmux sends them under TERM=xterm-256color ------------------------
ARGS="2"
TERM_E2E=xterm-256color start 80x24
check "lesson 2 opens" 'status_shows "^ Lesson 2/"'
keys End
check "End goes to the end of the lesson, not to the list" 'status_shows "^ Lesson 2/.* 100%"'
keys -l "$(printf '\033[1~')"
check "ESC[1~ is Home: the top, still lesson 2" 'status_shows "^ Lesson 2/.*  0%"'
keys -l "$(printf '\033[4~')"
check "ESC[4~ is End: still lesson 2, at 100%" 'status_shows "^ Lesson 2/.* 100%"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- NO_COLOR, ASCII: the right answer is told in words; titles end in ... -------------
ARGS=""
LANG_E2E=C start 80x24 NO_COLOR=1 XDG_STATE_HOME=$tmp/fresh
check "the list cuts long titles with ..." 'wait_for "rnntutor - recurrent" &&
    screen | grep -qE "^ +2  The Vanishing Gradient Problem in [A-Za-z ]*\.\.\. "'
keys 3
status_shows "^ Lesson 3/" >/dev/null
keys o
check "the outline cuts long rows with ..., by columns" 'wait_for "Outline: Enter jumps" &&
    screen | grep -qxE " +- Quiz 1: Which of the four LSTM vectors uses tanh instead of the si\.\.\." &&
    ! screen | grep -qE "^.{81}"'
keys q
keys q
wait_for "rnntutor - recurrent" >/dev/null
keys 1
status_shows "^ Lesson 1/" >/dev/null
tab_to "letter of your answer"
check "Tab reaches a quiz" 'status_shows "letter of your answer"'
for k in a b c d; do
	keys $k
	until_ok 10 'status | grep -qE "Right|Not quite"'
	status | grep -q "Right" && break
done
check "after an answer the right choice reads '<- right' (ASCII, no colour)" \
    'until_ok 10 "screen | grep -qE \"^\| +[a-z]\) .* <- right\$\""'
check "the check mark is '*' in ASCII, not 'v'" \
    'screen | grep -qE "^\| +(\* Right:|x Not quite)" && ! screen | grep -qE "^\| +v Right"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

e2e_end
