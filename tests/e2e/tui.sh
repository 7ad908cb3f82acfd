#!/bin/sh
# End-to-end tests of the TUI: the real program in tmux, driven with
# send-keys and read with capture-pane, as a student would use it.
# Every check polls the screen until what it wants shows up or a deadline
# passes; RNNTUTOR_TIME_FACTOR (a whole number, set by configure: larger
# with sanitizers) stretches every deadline.
# Prints "e2e: N passed, N failed"; exits 77 (skipped) without tmux.
name=e2e
. "${top_srcdir:-.}/tests/e2e/lib.sh"
# seen ID: the "seen" percentage saved for lesson ID
seen() { awk -v id="$1" '$1 == "lesson" { on = $2 == id } on && $1 == "seen" { print $2 }' "$progress" 2>/dev/null; }

# --- a lesson: open, scroll, search ------------------------------------------
ARGS=""
start
check "menu lists the lessons, none started" 'wait_for "The Vanishing Gradient Problem" &&
    screen | grep -qE "^ +2  The Vanishing Gradient Problem.*not started"'
keys 2
check "2 opens lesson 2" 'wait_for "Lesson 2: The Vanishing Gradient Problem" &&
    status | grep -q "^ Lesson 2/"'
check "status line shows the position" 'status_shows " [0-9]+%  \?:help$"'
keys G
check "G goes to the end (100%)" 'status_shows " 100%  \?:help$" && ! screen | grep -q "^Lesson 2: "'
keys g
check "g goes back to the top" 'wait_for "Lesson 2: The Vanishing" && screen | head -n 1 | grep -q "^Lesson 2: "'
keys / && keys "max_norm" && keys Enter
esc=$(printf '\033')
check "search jumps to a match and highlights it" \
    'until_ok 10 "screen_attr | grep -q \"$esc\[7mmax_norm\"" && ! screen | grep -q "^Lesson 2: "'
before=$(screen | head -n 3)
keys n
check "n goes to the next match" 'until_ok 10 "[ \"\$(screen | head -n 3)\" != \"\$before\" ] || status | grep -q wrapped" &&
    screen_attr | grep -q "$esc\[7mmax_norm"'
keys / && keys "zzqqzz" && keys Enter
check "a search without a match says so" 'status_shows "Not found: zzqqzz"'
keys o
check "o shows the outline" 'wait_for "Outline: Enter jumps" && screen | grep -q "Gradients travel back through time"'
keys Enter
check "Enter in the outline returns to the lesson" 'status_shows "^ Lesson 2/" && ! screen | grep -q "Outline: Enter jumps"'
keys '?'
check "? shows the help" 'wait_for "any key closes it"'
keys x
check "any key closes the help" 'status_shows "^ Lesson 2/" && ! screen | grep -q "any key closes it"'

# --- a simulation: focus it, turn a knob, the chart changes -------------------
keys g
tab_to "change" 20
check "Tab focuses a simulation (knob hint in the status line)" 'status_shows "change"'
mark=$(printf '\342\226\214')
check "the focused block is marked without colour" 'screen | grep -q "^$mark"'
# the knob being turned is in brackets: [name=value]
knob=$(knobs | sed -n 's/.*\[\([a-z_]*\)=\([^]]*\)\].*/\1/p')
value=$(knobs | sed -n 's/.*\[\([a-z_]*\)=\([^]]*\)\].*/\2/p')
chart1=$(screen | grep -A3 "knobs:")
keys Right
check "turning a knob says its new value" '[ -n "$knob" ] &&
    status_shows "^ $knob = " && ! status | grep -qxF " $knob = $value" &&
    knobs | grep -qF "[$knob=$(status | sed "s/^ $knob = //")]"'
check "the chart or numbers change" 'until_ok 10 "[ \"\$(screen | grep -A3 knobs:)\" != \"\$chart1\" ]"'
keys 0
check "0 resets to the lesson's values" 'status_shows "Back to the lesson" && knobs | grep -qF "[$knob=$value]"'
keys Escape
check "Esc leaves the simulation" 'status_shows "^ Lesson 2/"'

# --- a quiz ----------------------------------------------------------------------
keys g
tab_to "letter of your answer"
check "Tab reaches a quiz" 'status_shows "letter of your answer"'
keys a
check "answering gives feedback at once" 'status_shows "^ (Right|Not quite)" &&
    screen | grep -qE "^$mark (✓ Right|✗ Not quite)"'
check "a wrong choice says why it is wrong and gives the first hint" 'wait_for "You chose a): tanh(1)" &&
    screen | grep -qF "Hint: tanh" && screen | grep -qF "! shows the answer" &&
    ! screen | grep -qF "Answer: b)"'
keys '!'
check "! shows the answer and the explanation" 'wait_for "Answer: b) at a = 0, where it equals 1" &&
    status_shows "answer is shown below"'
keys b
check "a shown answer takes no more answers" 'status_shows "answer is shown; v in the lesson list"'
keys Escape
check "Esc leaves the quiz" 'status_shows "^ Lesson 2/"'
# --- predict before you see ------------------------------------------------------
tab_to "Predict:"
check "Tab reaches a simulation asking for a prediction" 'status_shows "Predict: Enter to type your guess"'
check "before the guess its knobs, chart and output are hidden" 'wait_for "Guess first: press Enter" &&
    ! screen | grep -qE "knobs: .*scale.*0.9" && ! screen | grep -q "last/first"'
keys Enter
check "Enter asks for the guess" 'status_shows "Your prediction:"'
keys 0.5 Enter
check "the guess shows beside the computed result, judged" 'wait_for "You predicted 0.5" &&
    screen | grep -qF "not close" && screen | grep -qE "knobs: .*scale.*0.9"'
keys Escape
keys q
# (G showed the end above: finished is "done")
check "q goes back to the menu with progress and first-try results" 'wait_for "Enter: open" &&
    screen | grep -qE "^ >  2  The Vanishing Gradient Problem.* done, quiz 0/[0-9]+ \(0 first try\)"'
# --- review from the lesson list ------------------------------------------------
keys v
check "v in the lesson list starts a review with the quiz missed" 'wait_for "Review 1 of 6: Lesson 2, quiz 1" &&
    screen | grep -q "^   b) at a = 0, where it equals 1"'
keys b
check "the review judges the answer" 'wait_for "Right."'
keys q
check "q ends the review, back in the lesson list" 'status_shows "Review: 1 of 1 right; kept in your progress" &&
    screen | grep -q "^ >  2  The Vanishing Gradient"'
keys q
check "q in the menu quits with status 0" 'wait_for "EXITED 0"'
check "the review is kept in the progress file" 'grep -q "^#+ review quiz:vanishing-gradients:4 1/1 [0-9]" "$progress"'

# --- start again: land where we were ---------------------------------------------
start
check "start-up resumes the last lesson" 'status_shows "^ Lesson 2/"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- resize to 30x10 and back ------------------------------------------------------
ARGS="2"
start
status_shows "^ Lesson 2/" >/dev/null
keys d d
check "d scrolls down" 'until_ok 10 "! screen | grep -q \"^Lesson 2: \""'
top=$(screen | head -n 3)
T resize-window -t e2e -x 30 -y 10
check "30x10 still shows the lesson" 'status_shows "^ Lesson 2/.* [0-9]+%  \?:help$" &&
    [ "$(screen | wc -l)" -eq 10 ]'
T resize-window -t e2e -x 20 -y 5
check "20x5 says the terminal is too small" 'until_ok 10 "screen | tr -d \"\n\" | grep -q \"too small\""'
T resize-window -t e2e -x 80 -y 24
check "back to 80x24 keeps the reading position" 'until_ok 10 "[ \"\$(screen | head -n 3)\" = \"\$top\" ]"'
keys Q
check "Q quits" 'wait_for "EXITED 0"'

# --- LANG=C and TERM=vt100 -----------------------------------------------------
LANG_E2E=C TERM_E2E=vt100 start
check "LANG=C TERM=vt100 shows the lesson" 'status_shows "^ Lesson 2/4  The Vanishing"'
ascii_only() { [ "$(screen | LC_ALL=C tr -d "\011\012\040-\176" | wc -c)" -eq 0 ]; }
check "LANG=C output is ASCII only" 'ascii_only'
tab_to "change" 20
# a chart in ASCII: bars of | (and : . _ for the partial rows)
check "LANG=C shows ASCII charts" 'status_shows "change" && screen | grep -A4 "knobs:" | grep -q "|||" &&
    screen | grep -q "^| " && ascii_only'
# keys a vt100 entry lacks arrive as xterm sends them; each was Esc (back
# to the list) and more before
keys BTab
check "vt100: Shift-Tab focuses the block before, in the lesson" \
    'status_shows "change|letter of your answer|type your answer" && ! screen | grep -q "^ rnntutor - "'
keys NPage
check "vt100: Page Down scrolls the lesson" \
    'status_shows "^ Lesson 2/4 " && ! screen | grep -q "^ rnntutor - "'
keys /
keys abc Left Left DC
check "vt100: Delete erases the character under the cursor" 'status_shows "^/ac$"'
keys Escape
keys Escape
keys Q
check "vt100 quits cleanly" 'wait_for "EXITED 0"'

# --- no TERM: print instead, no crash ----------------------------------------------
new_server
T new-session -d -s e2e -x 80 -y 24 "env -i HOME=$tmp/home $prog 2 2>$tmp/noterm.err; echo EXITED \$?; sleep 600"
check "TERM unset falls back to printing" 'wait_for "EXITED 0" && grep -q "TERM is not set" "$tmp/noterm.err"'

# --- live training: progress, resize, Esc -------------------------------------
# e2e-train trains for seconds (minutes under sanitizers): long enough to
# be seen, resized and stopped while it runs
ARGS="-L $e2e e2e-train"
start
check "the training lesson opens" 'wait_for "Training in the terminal"'
keys Tab
check "a training block asks for Enter" 'wait_for "press Enter to train"'
keys Enter
check "Enter starts training with a progress bar" 'wait_for "Training: epoch"'
note() { screen | grep -m1 -o "Training: epoch.*"; }
T resize-window -t e2e -x 60 -y 20
until_ok 10 '[ "$(screen | wc -l)" -eq 20 ]'
T resize-window -t e2e -x 80 -y 24
was=$(note)
check "a resize during training keeps it going" 'until_ok 30 "[ -n \"\$(note)\" ] && [ \"\$(note)\" != \"\$was\" ]" &&
    [ "$(screen | wc -l)" -eq 24 ]'
keys Escape
check "Esc stops training" 'wait_for "Training stopped" && ! screen | grep -q "Training: epoch" &&
    ! screen | grep -q "^ Trained "'
keys Q
check "quits while stopped" 'wait_for "EXITED 0"'

# --- training to the end, then a sentence --------------------------------------
# e2e-tiny trains a tiny model on 20 sentences: done in well under a second
ARGS="-L $e2e e2e-tiny"
start
check "the tiny lesson opens, untrained: no chart yet" 'wait_for "A tiny LSTM on twenty sentences" &&
    ! screen | grep -q "test accuracy"'
keys Tab
check "the tiny block asks for Enter" 'wait_for "press Enter to train"'
keys t
check "t before training says to train first" 'status_shows "Train first"'
keys Enter
check "training runs to the end" 'status_shows "^ Trained 4 epochs in [0-9.]+ s\." 60'
check "the loss curve and the test accuracy are shown" \
    'screen | grep -qE "^$mark +loss +[0-9.]+ " &&
    screen | grep -qE "falls from [0-9.]+ to [0-9.]+ over 4 epochs" &&
    screen | grep -qE "test accuracy [01]\.[0-9]{3}$"'
keys t
check "t asks for a sentence" 'status_shows "^Your sentence: *$"'
keys "a dull and lifeless film"
check "the sentence is typed into the prompt" 'status_shows "^Your sentence: a dull and lifeless film"'
keys Enter
# the table of what happens inside: per word P(positive), the LSTM's mean
# forget and input gates, and the saliency as a bar and a number
row() { screen | grep -qE "^.{1,4}$1 +[01]\.[0-9]{2} +0\.[0-9]{2} +0\.[0-9]{2}  [^ ]+ +[0-9][0-9.e+-]*$"; }
check "the sentence's answer: P(positive) overall and, per word, inside the model" \
    'status_shows "^ Your sentence: P\(positive\) = [01]\.[0-9]{3}, (positive|negative)\.$" &&
    [ "$(screen | grep -cF "Your sentence: P(positive) = $(status | sed "s/^ Your sentence: P(positive) = //")")" -eq 2 ] &&
    screen | grep -qE "word +P\(pos\) +forget +input +LSTM dz/dx$" &&
    row a && row dull && row and && row lifeless && row film'
answer=$(screen | grep -F "Your sentence: P(positive)" | head -n 1 |
    sed 's/^.*Your sentence/Your sentence/')
# bug 9: a knob turned and turned back, and the lesson left and opened
# again, find the trained model and the sentence's answer where they were
keys Right
check "a knob change shows that setting: not trained yet" \
    'status_shows "epochs = 5" && wait_for "press Enter to train" &&
    ! screen | grep -qF "Your sentence: P(positive)"'
keys Left
check "turning it back brings back the model and the sentence's answer" \
    'status_shows "epochs = 4" && wait_for "$answer" && row lifeless &&
    ! screen | grep -q "press Enter to train"'
keys q
keys Enter
check "q and opening the lesson again keep the model and the answer" \
    'wait_for "A tiny LSTM on twenty sentences" && wait_for "$answer" &&
    screen | grep -q "knobs: *\[*epochs=4"'
keys Tab
keys Right
keys [
wait_for "Training in the terminal" >/dev/null
keys ]
check "[ and ] keep a knob setting" \
    'wait_for "A tiny LSTM on twenty sentences" && screen | grep -q "knobs: *epochs=5"'
keys Tab
keys Left
check "and the answer of the setting turned back to" 'wait_for "$answer"'
# bug 10: a sentence with no words gets no verdict
keys t
keys "!!! ???" Enter
check "a sentence with no words says so instead of a verdict" \
    'status_shows "has no words" && ! status | grep -q "P(positive)"'
# bug 10: the prompt's cursor keys and word and line kills
# (Home and End as tmux sends them under TERM=xterm, ESC [1~ and ESC [4~,
# are not keys ncurses knows there: view/keys.c maps KEY_HOME and KEY_END,
# and the unit tests check that; here Ctrl-A and Ctrl-E)
keys t
keys "soup bad"
keys C-a
keys "the "
keys C-e
keys "!"
check "Ctrl-A, Ctrl-E: typing at the start and at the end" \
    'status_shows "^Your sentence: the soup bad!$"'
keys Left Left Left Left
keys "was "
check "Left moves the cursor: typing in the middle" \
    'status_shows "^Your sentence: the soup was bad!$"'
keys Right Right
keys "d"
check "Right moves it back" 'status_shows "^Your sentence: the soup was badd!$"'
keys C-w
check "Ctrl-W deletes the word before the cursor" \
    'status_shows "^Your sentence: the soup was d!$"'
keys C-e
keys -l "$(printf '%1100s' '' | tr ' ' x)"
check "past 1023 bytes a key is refused, and the prompt says so" \
    'status_shows "x{40} +\[full: 1023 bytes\]$"'
keys C-u
check "Ctrl-U empties the line" 'status_shows "^Your sentence: *$"'
keys Escape
# the plain RNN of the next block, trained, answers with the LSTM's
# saliency beside its own
keys Tab
check "the RNN block takes the focus" 'wait_for "A tiny RNN on twenty sentences" &&
    status_shows "Enter: train"'
keys Enter
check "the RNN trains to the end" 'status_shows "^ Trained 4 epochs in [0-9.]+ s\." 60'
keys t
keys "a dull film" Enter
check "its answer sets the RNN's and the LSTM's saliency side by side" \
    'status_shows "^ Your sentence: P\(positive\) =" &&
    screen | grep -qE "word +P\(pos\) +RNN dz/dx +LSTM dz/dx$" &&
    screen | grep -qE "^.{1,4}dull +[01]\.[0-9]{2}  [^ ]+ +[0-9][0-9.e+-]*  [^ ]+ +[0-9][0-9.e+-]*$"'
keys Q
check "quits after training" 'wait_for "EXITED 0"'

# --- bug 10: a long number is taken whole, not cut at 255 ---------------------
mkdir -p "$tmp/num"
printf 'id: e2e-num\nnumber: 92\ntitle: A number\ngoal: Type a long one.\nblocks:\n  - quiz: How much?\n    answer: 1\n    tolerance: 0.5\n' > "$tmp/num/num.yaml"
ARGS="-L $tmp/num e2e-num"
start
wait_for "How much?" >/dev/null
keys Tab
status_shows "type your answer" >/dev/null
keys Enter
i=0
while [ $i -lt 300 ]; do T send-keys -t e2e -l 9; i=$((i + 1)); done
check "300 nines: the prompt shows them, none refused" \
    'until_ok 20 "status | grep -qE \"9{60}\$\"" && ! status | grep -q full'
keys Enter
check "300 nines are read as 1e+300, not cut to 1e+255" \
    'wait_for "Your answer: 1e+300" && ! screen | grep -q "1e+255"'
keys Escape
keys Q
check "quits" 'wait_for "EXITED 0"'

# --- bug 9: Enter, then Esc, keeps the model trained before -------------------
ARGS="-L $e2e e2e-train"
start
wait_for "Training in the terminal" >/dev/null
keys Tab
keys Down
i=0
while [ $i -lt 25 ]; do T send-keys -t e2e Left; i=$((i + 1)); done
check "the epochs knob turned down to 5" 'until_ok 10 "knobs | grep -q epochs=5"'
keys Enter
check "trains to the end" 'status_shows "^ Trained 5 epochs" 120'
acc=$(screen | grep -m1 -oE "test accuracy [01]\.[0-9]{3}")
keys Enter
keys Escape
check "Enter then Esc: the model trained before is back, with its result" \
    'status_shows "model trained before with these settings is back" &&
    screen | grep -qF "$acc" && ! screen | grep -q "Training stopped after"'
keys t
check "and it still answers a sentence" 'status_shows "^Your sentence: *$"'
keys Escape
keys Q
check "quits" 'wait_for "EXITED 0"'

# --- SIGHUP saves progress ----------------------------------------------------------
ARGS="3"
start
status_shows "^ Lesson 3/" >/dev/null
keys G
status_shows " 100%  \?:help$" >/dev/null
T kill-server
check "SIGHUP (the connection dropped) saves progress" \
    'until_ok 10 "grep -q \"^last lstm-gates\" \"\$progress\" && [ \"\$(seen lstm-gates)\" = 100 ]"'

# --- a lesson that asks for much: heavy blocks run in slices ----------------------
# 300 blocks of the largest bptt-norms (about 0.5 s each): laying them all
# out at once would take minutes; the reader must get the page, the keys
# and the signals at once while the blocks on the screen are computed.
mkdir -p "$tmp/heavy"
{
	printf 'id: heavy\nnumber: 9\ntitle: Three hundred heavy blocks\n'
	printf 'goal: The largest bptt-norms, many times.\nblocks:\n'
	i=1
	while [ $i -le 300 ]; do
		printf '  - sim: bptt-norms\n    caption: heavy %d\n' $i
		printf '    params: {hidden: 256, steps: 2000, sweep: "on", seed: %d}\n' $i
		printf '    charts:\n      - series: norm\n        scale: log\n'
		i=$((i + 1))
	done
} > "$tmp/heavy/heavy.yaml"
ARGS="-L $tmp/heavy heavy"
start
check "a heavy lesson opens at once, its blocks computing" \
    'wait_for "Lesson 5/" && wait_for "Computing"'
check "a heavy block on the screen gets its chart" \
    'until_ok 60 "screen | grep -A2 \"heavy 1\$\" | grep -q \"^  norm \""'
keys G
check "at the end of the lesson the last blocks are computed next" \
    'wait_for "heavy 300" && wait_for "Computing"'
keys q
check "q answers while a heavy block computes" 'wait_for "Vanilla RNNs"'
keys Enter
wait_for "Computing" >/dev/null
T send-keys -t e2e G
check "SIGTERM ends it while a block computes (status 143)" \
    'kill -TERM "$(pgrep -n -f "$prog -L $tmp/heavy")" && wait_for "EXITED 143"'

# A quiz taller than the screen: each verdict comes into sight (at 40x10
# lesson 1's first quiz with its hints is taller than the page)
ARGS="1"
start_sized 40x10
wait_for "Lesson 1/" >/dev/null
keys Tab
wait_for "Quiz 1:" >/dev/null
keys Enter; keys 5 Enter
check "40x10: a wrong answer's verdict and hint are on the screen" \
    'wait_for "Hint 1:"'
keys Enter; keys 5 Enter
check "40x10: the second hint under a tall quiz comes into sight" \
    'wait_for "Hint 2:"'
keys Enter; keys 5 Enter
check "40x10: the answer shown after the third try is on the screen" \
    'wait_for "Answer: 1408"'

e2e_end
