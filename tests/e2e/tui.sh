#!/bin/sh
# End-to-end tests of the TUI: the real program in tmux, driven with
# send-keys and read with capture-pane, as a student would use it.
# Prints "e2e: N passed, N failed"; exits 77 (skipped) without tmux.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog="$(cd "$top_builddir" && pwd)/rnntutor"
if ! command -v tmux >/dev/null 2>&1; then
	echo "e2e: tmux is not installed; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-e2e.XXXXXX")
n=0
sock="rnntutor-e2e-$$-$n"
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
# a new tmux server (own socket) for every start: no races with the last one
new_server() {
	T kill-server 2>/dev/null
	n=$((n + 1))
	sock="rnntutor-e2e-$$-$n"
}
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; screen | sed 's/^/    | /'; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# start [ENV=VALUE...]: run the program in a fresh 80x24 tmux session
start() {
	new_server
	T new-session -d -s e2e -x 80 -y 24 \
	    "env -i HOME=$tmp/home XDG_STATE_HOME=$tmp/state TERM=${TERM_E2E:-xterm} \
	    LANG=${LANG_E2E:-$utf8} $* $prog $ARGS; echo EXITED \$?; sleep 60"
	wait_for "" >/dev/null
}
screen() { T capture-pane -p -t e2e 2>/dev/null; }
keys() { T send-keys -t e2e "$@"; sleep 0.15; }
# wait_for TEXT [TENTHS]: until the screen shows TEXT (at most 5 s)
wait_for() {
	i=0
	while [ $i -lt "${2:-50}" ]; do
		if screen | grep -qF -- "$1"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# --- a lesson: open, scroll, search ------------------------------------------
ARGS=""
start
check "menu lists the lessons" 'wait_for "The Vanishing Gradient Problem"'
keys 2
check "2 opens lesson 2" 'wait_for "Lesson 2/"'
check "status line shows position" 'screen | tail -n 1 | grep -q "%  ?:help"'
keys G
check "G goes to the end (100%)" 'wait_for "100%"'
keys g
check "g goes back to the top" 'wait_for "Lesson 2: The Vanishing"'
keys / && keys "clip" && keys Enter
check "search highlights and jumps to a match" 'wait_for "lip" && screen | grep -qi "clip"'
before=$(screen | head -n 1)
keys n
check "n goes to the next match" '[ "$(screen | head -n 1)" != "$before" ] || screen | grep -q "wrapped"'
keys o
check "o shows the outline" 'wait_for "Outline: Enter jumps"'
keys Enter
check "Enter in the outline returns to the lesson" 'wait_for "Lesson 2/"'
keys '?'
check "? shows the help" 'wait_for "any key closes it"'
keys x

# --- a simulation: focus it, turn a knob, the chart changes -------------------
keys g
keys Tab
i=0
while ! screen | grep -q "change" && [ $i -lt 20 ]; do keys Tab; i=$((i + 1)); done
check "Tab focuses a simulation (knob hint in the status line)" 'screen | tail -n 1 | grep -q "change"'
mark=$(printf '\342\226\214')
check "the focused block is marked without colour" 'screen | grep -q "^$mark"'
chart1=$(screen | grep -A3 "knobs:")
keys Right
check "turning a knob says the new value" 'wait_for " = "'
chart2=$(screen | grep -A3 "knobs:")
check "the chart or numbers change" '[ "$chart1" != "$chart2" ]'
keys 0
check "0 resets to the lesson's values" 'wait_for "Back to the lesson"'
keys Escape

# --- a quiz ----------------------------------------------------------------------
keys g
i=0
while ! screen | tail -n 1 | grep -q "letter of your answer" && [ $i -lt 30 ]; do keys Tab; i=$((i + 1)); done
check "Tab reaches a quiz" 'screen | tail -n 1 | grep -q "letter of your answer"'
keys a
check "answering gives feedback at once" 'wait_for "Right" || wait_for "Not quite"'
keys Escape
keys q
check "q goes back to the menu with progress" 'wait_for "Enter: open" && screen | grep -q "%"'
keys q
check "q in the menu quits with status 0" 'wait_for "EXITED 0"'

# --- start again: land where we were ---------------------------------------------
start
check "start-up resumes the last lesson" 'wait_for "Lesson 2/"'
keys Q

# --- resize to 30x10 and back ------------------------------------------------------
ARGS="2"
start
wait_for "Lesson 2/" >/dev/null
keys d d
top=$(screen | head -n 3)
T resize-window -t e2e -x 30 -y 10
sleep 0.3
check "30x10 still shows the lesson" 'screen | tail -n 1 | grep -q "%"'
T resize-window -t e2e -x 20 -y 5
sleep 0.3
check "20x5 says the terminal is too small" 'screen | tr -d "\n" | grep -q "too small"'
T resize-window -t e2e -x 80 -y 24
sleep 0.3
check "back to 80x24 keeps the reading position" '[ "$(screen | head -n 3)" = "$top" ]'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- LANG=C and TERM=vt100 -----------------------------------------------------
LANG_E2E=C TERM_E2E=vt100 start
wait_for "Lesson 2/" >/dev/null
check "LANG=C TERM=vt100 shows the lesson" 'screen | grep -q "Lesson 2/"'
check "LANG=C output is ASCII only" '[ "$(screen | LC_ALL=C tr -d "\011\012\040-\176" | wc -c)" -eq 0 ]'
keys G
check "LANG=C shows ASCII charts" 'keys g && keys Tab && sleep 0.2 && true'
keys Q
check "vt100 quits cleanly" 'wait_for "EXITED 0"'

# --- no TERM: print instead, no crash ----------------------------------------------
ARGS="2"
new_server
T new-session -d -s e2e -x 80 -y 24 "env -i HOME=$tmp/home $prog 2 2>$tmp/noterm.err; echo EXITED \$?; sleep 60"
check "TERM unset falls back to printing" 'wait_for "EXITED 0" && grep -q "TERM is not set" "$tmp/noterm.err"'

# --- live training: progress, resize, Esc, train again, try a sentence ------
ARGS="-L $(cd "$top_srcdir/tests/data/e2e" && pwd) e2e-train"
start
wait_for "Training in the terminal" >/dev/null
keys Tab
check "a training block asks for Enter" 'wait_for "press Enter to train"'
keys Enter
check "Enter starts training with a progress bar" 'wait_for "Training: epoch"'
T resize-window -t e2e -x 60 -y 20
sleep 0.2
T resize-window -t e2e -x 80 -y 24
check "a resize during training keeps it going" 'wait_for "Training: epoch"'
keys Escape
check "Esc stops training" 'wait_for "Training stopped"'
keys 0
keys Enter
check "training runs to the end" 'wait_for "test accuracy 0." 300'
keys t
keys "a dull and lifeless film" Enter
check "t takes a sentence and shows P(positive) after each word" 'wait_for "Your sentence: P(positive) ="'
keys Q
check "quits after training" 'wait_for "EXITED 0"'

# --- SIGHUP saves progress ----------------------------------------------------------
ARGS="3"
start
wait_for "Lesson 3/" >/dev/null
keys G
sleep 0.2
T kill-server
sleep 0.5
check "SIGHUP (the connection dropped) saves progress" 'grep -q "last lstm-gates" "$tmp/state/rnntutor/progress"'

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
