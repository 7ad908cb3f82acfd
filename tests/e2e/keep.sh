#!/bin/sh
# End-to-end tests of what a reader did in a lesson surviving a restart
# (tmux): a quiz answer revealed with ! and a committed prediction come back
# after Q, revealed and committed, from the progress file's "#+ " records.
# And watch mode: a lesson in a $RNNTUTOR_PATH directory, edited, reloads
# by itself; with inotify turned off (RNNTUTOR_WATCH=stat) at the next key.
name=e2e-keep
. "${top_srcdir:-.}/tests/e2e/lib.sh"

mkdir -p "$tmp/lessons"
lesson="$tmp/lessons/keep.yaml"
# write_lesson WORD: the fixture lesson, its first paragraph naming WORD
write_lesson() {
	cat >"$lesson.new" <<EOT
id: keep-state
number: 9
title: Kept state
goal: What you did in a quiz or a prediction survives a restart.
blocks:
  - text: The first paragraph says $1.
  - quiz: Which weights are shared across steps?
    choices: [W_ih only, all of them, none]
    answer: b
    explain: The same weights serve every step of the sequence.
  - sim: linear-bptt
    caption: A pulse fading
    predict:
      ask: How much of the pulse's norm is left after 20 steps?
      scalar: ratio
      tolerance: 0.03
    params:
      n: 4
      scale: 0.9
      steps: 20
  - text: The end.
EOT
	mv "$lesson.new" "$lesson"	# as editors save: a rename
}
write_lesson apples

# --- a reveal and a prediction survive Q and a restart ---------------------
ARGS="-L $tmp/lessons keep-state"
start
check "the lesson opens with its quiz unanswered and its guess asked" \
    'wait_for "Quiz 1: Which weights" && ! page | grep -q "Answer: b)" &&
    page | grep -q "Guess first"'
keys Tab
keys '!'
check "! shows the quiz's answer" \
    'wait_for "The answer is shown below." && page | grep -q "> Answer: b) all of them"'
keys Tab
status_shows "Predict: Enter"
keys Enter
keys 0.12 Enter
check "a committed prediction shows the result beside the guess" \
    'wait_for "You predicted 0.12; the simulation gives ratio = 0.1216"'
keys Q
check "Q saves the reveal and the prediction" \
    'wait_for "EXITED 0" && grep -qx "  #+ revealed 1" "$progress" &&
    grep -qx "  #+ predict 2 0.12" "$progress"'
start
check "after a restart the quiz is shown revealed" \
    'wait_for "Quiz 1: Which weights" && wait_for "> Answer: b) all of them"'
check "after a restart the prediction is committed, its result shown" \
    'wait_for "You predicted 0.12; the simulation gives ratio = 0.1216" &&
    ! page | grep -q "Guess first"'
keys Tab
keys a
check "the revealed quiz takes no answer after the restart" \
    'status_shows "The answer is shown; v in the lesson list"'
keys Q
wait_for "EXITED 0"

# --- watch mode on a $RNNTUTOR_PATH directory -------------------------------
rm -rf "$tmp/state"
ARGS="--watch keep-state"
start RNNTUTOR_PATH="$tmp/nowhere:$tmp/lessons"
check "--watch with a lesson from \$RNNTUTOR_PATH watches its directory" \
    'wait_for "The first paragraph says apples." &&
    status_shows "Watch mode on: a changed lesson file reloads by itself\.$"'
pid=$(pgrep -n -f "$prog --watch keep-state")
check "watch mode on \$RNNTUTOR_PATH uses no CPU while nothing changes" 'idle_ok'
write_lesson pears
check "a save in a \$RNNTUTOR_PATH directory shows by itself" \
    'wait_for "The first paragraph says pears." 5'
# a save while a prompt is open waits for it (the typed text is kept),
# then shows once it closes
keys /
keys zz
write_lesson figs
check "a save while typing leaves the prompt as it was" \
    'until_ok 5 "status | grep -q \"^/zz\$\""'
keys Escape
check "the save held back by the prompt shows when it closes" \
    'wait_for "The first paragraph says figs." 5'
keys Q
wait_for "EXITED 0"

# --- without inotify: a stamp compared at the next key ----------------------
write_lesson plums
start RNNTUTOR_PATH="$tmp/lessons" RNNTUTOR_WATCH=stat
check "RNNTUTOR_WATCH=stat says a change shows at the next key" \
    'wait_for "The first paragraph says plums." &&
    status_shows "Watch mode on: a changed lesson file reloads at the next key\.$"'
pid=$(pgrep -n -f "$prog --watch keep-state")
check "watch mode without inotify uses no CPU while nothing changes" 'idle_ok'
write_lesson cherries
check "without inotify a save waits for a key" \
    'sleep 1; screen | grep -q "says plums" && ! screen | grep -q cherries'
keys j
check "the next key shows the save" \
    'wait_for "The first paragraph says cherries." 5'
write_lesson dates
T resize-window -t e2e -x 78 -y 24 2>/dev/null || T resize-pane -t e2e -x 78
check "so does a resize" 'wait_for "The first paragraph says dates." 5'
keys Q
wait_for "EXITED 0"

e2e_end
