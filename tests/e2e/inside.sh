#!/bin/sh
# End-to-end test of looking inside a trained adding model (tmux): train
# the small LSTM of tests/data/e2e/adding.yaml, press t, type two marker
# steps, and the strip of rows (marker, input, forget, dy/dx over t = 1 to
# T) shows under the block, in UTF-8 and in ASCII, within 80 columns; a
# plain RNN trained next shows the LSTM's dy/dx beside its own.
name=e2e-inside
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# a strip row: NAME, the bottom of its range, the glyphs, "to", the top
strip_row() {
	page | grep -qE "^.{1,4} +$1 +[0-9.e+-]+ $2+ +to [0-9.e+-]+$"
}
# the step axis under the strip, t=1 to the last step
axis() { page | grep -qE "^.{0,4} +t=1 +$1$"; }
# (ASCII: one byte a column; in UTF-8 a row that ends in "to TOP" fits)
wide() { page | awk 'length($0) > 80 { bad = 1 } END { exit bad }'; }

u='[▁▂▃▄▅▆▇█]'
ARGS="-L $e2e e2e-adding"
start
check "the adding lesson opens" 'wait_for "A tiny adding race"'
keys Tab
check "the LSTM block asks for Enter" 'wait_for "press Enter to train it"'
keys t
check "t before training says to train first" 'status_shows "Train first"'
keys Enter
check "training runs to the end and offers t" \
    'status_shows "^ Trained 60 updates in [0-9.]+ s\. Press t to try your own marker steps\.$" 60'
keys t
check "t asks for the marker steps" 'status_shows "^Your marker steps: *$"'
keys "0 20" Enter
check "steps outside 1 to T are refused, with what to type" \
    'status_shows "^ Type the two marked steps, two different whole numbers from 1 to 12"'
keys t
keys "2 9" Enter
check "the answer: the prediction against the sum" \
    'status_shows "^ t = 2 and 9 marked: 0\.[0-9]{3} \+ 0\.[0-9]{3} = [01]\.[0-9]{3}; the LSTM answers -?[0-9]+\.[0-9]{3}\.$"'
check "the strip: marker, input, forget and dy/dx rows over t = 1 to 12" \
    'strip_row marker "$u" && strip_row input "$u" && strip_row forget "$u" &&
    strip_row "LSTM dy/dx" "$u" && axis 12'
# 12 steps in 36 columns: three columns a step; the markers at t = 2, 9
check "the marker row is full at t = 2 and 9 only" \
    'page | grep -qE "marker +0 ▁▁▁███▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁███▁▁▁▁▁▁▁▁▁ to 1$"'
check "the rows are explained under them" \
    'page | grep -qF "dy/dx is ||dy/dx_t||, how far the"'
# the RNN next: its answer holds the LSTM's dy/dx beside its own
keys Tab
mark=$(printf '\342\226\214')
check "the RNN block takes the focus" \
    'until_ok 10 "page | grep -qE \"^$mark Simulation adding: A small RNN\""'
keys Enter
check "the RNN trains" 'status_shows "^ Trained 60 updates in [0-9.]+ s\." 60'
keys t "2 9" Enter
check "the RNN's strip has no gates and the LSTM's dy/dx beside its own" \
    'status_shows "the RNN answers" && strip_row "RNN dy/dx" "$u" &&
    strip_row "LSTM dy/dx" "$u" && page | grep -qF "The LSTM beside it answers"'
keys Q
check "quits" 'wait_for "EXITED 0"'

# --- in ASCII: the same rows in bytes below 0x80 ------------------------------
LANG_E2E=C start
check "the adding lesson opens in ASCII" 'wait_for "A tiny adding race"'
keys Tab Enter
check "ASCII: training runs to the end" 'status_shows "^ Trained 60 updates" 60'
keys t "2 9" Enter
check "ASCII: the strip's rows and axis" \
    'strip_row marker "[_.:|]" && strip_row input "[_.:|]" &&
    strip_row "LSTM dy/dx" "[_.:|]" && axis 12 && wide &&
    page | grep -qE "marker +0 ___\|\|\|_{18}\|\|\|_{9} to 1$" &&
    ! page | LC_ALL=C grep -q "[^ -~]"'
keys Q
check "quits in ASCII" 'wait_for "EXITED 0"'

e2e_end
