#!/bin/sh
# End-to-end tests of the review screen (tmux): v in the lesson list asks
# the quizzes a reader missed, one at a time inside the TUI ("Review 1 of
# 6"), by letter or in the one-line prompt; shows the verdict and the right
# answer; ends with a summary; and keeps every answer in the progress
# file's review records, as `rnntutor review` does. At 80x24 in UTF-8, and
# at 40x12 in ASCII without colour, through a resize.
name=e2e-review
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# seed: a progress file where lesson 2's quiz 1 was missed and its quiz 3
# needed three tries (the fixture of tests/cli.sh's review)
seed() {
	mkdir -p "$tmp/state/rnntutor"
	chmod 700 "$tmp/state" "$tmp/state/rnntutor"
	printf 'version 1\nlesson vanishing-gradients\n  quiz 4 wrong 2\n  quiz 13 right 1\n  quiz 26 right 3\n' \
	    >"$tmp/state/rnntutor/progress"
	chmod 600 "$tmp/state/rnntutor/progress"
}
# kept PATTERN: until the progress file has a line matching PATTERN
kept() {
	_pat=$1
	until_ok 10 'grep -qE -- "$_pat" "$progress"'
}

# --- 80x24, UTF-8: a whole review --------------------------------------------
seed
ARGS=""
start
check "the lesson list offers v" 'status_shows "v: review"'
keys v
check "v shows the first question missed, with its choices" \
    'wait_for "Review 1 of 6: Lesson 2, quiz 1" &&
    page | grep -qF "Where is tanh'"'"'(a) = 1 − tanh(a)² largest" &&
    page | grep -q "^   b) at a = 0, where it equals 1$" &&
    status_shows "^ a-d: answer  q: leave"'
check "the review is a screen of the TUI, not a dialogue on the terminal" \
    '! page | grep -q "^Review: 6 questions" && ! page | grep -q "^> "'
keys a
check "a wrong letter: the verdict, the right answer, why, the explanation" \
    'wait_for "Not quite. The answer is b) at a = 0, where it equals 1" &&
    page | grep -q "a) at a = 1, where it equals 1 ← your answer" &&
    page | grep -q "b) at a = 0, where it equals 1 ← right" &&
    page | grep -q "You chose: tanh(1)" && page | grep -q "tanh(0) = 0, so" &&
    status_shows "^ Space: next  q: leave"'
check "the answer is kept at once as the CLI keeps it" \
    'kept "^#[+] review quiz:vanishing-gradients:4 0/1 [0-9]+$"'
keys Space
check "the next question, a number, opens the prompt" \
    'wait_for "Review 2 of 6: Lesson 2, quiz 3" && status_shows "^Your answer:" &&
    page | grep -qF " Answer with a number, such as 1408, 1/8, 0.8^10 or 2e-3."'
keys xyz Enter
check "what is not a number is refused, saying what is accepted" \
    'wait_for "type a number" && status_shows "^Your answer:" &&
    ! page | grep -q "Right\\.\\|Not quite"'
keys '0.8^10' Enter
check "a power as the quiz reader reads it is right" \
    'wait_for "Right." && page | grep -q "0.8^10 ≈ 0.1074" &&
    kept "^#[+] review quiz:vanishing-gradients:26 1/1 [0-9]+$"'
keys Space
check "then the fresh questions the engine computes" \
    'wait_for "Review 3 of 6: powers" && status_shows "^Your answer:"'
keys Escape
check "Esc closes the prompt; Enter opens it again" \
    'status_shows "^ Enter: answer  q: leave"'
keys Enter
status_shows "^Your answer:"
for q in 3 4 5 6; do
	[ $q -eq 3 ] || { keys Space; wait_for "Review $q of 6: " >/dev/null; }
	status_shows "^Your answer:" >/dev/null
	keys 1 Enter
	wait_for "Space: " >/dev/null
done
check "every question got a verdict" 'page | grep -qE "^ (Right\\.|Not quite)"'
check "after the last verdict Space shows the summary" \
    'status_shows "^ Space: summary"'
keys Space
check "the summary counts the answers" \
    'wait_for "Review done: " && page | grep -qE "^ Review done: [1-6] of 6 right\\.$"'
keys x
check "a key goes back to the list, saying how it went" \
    'status_shows "^ Review: [1-6] of 6 right; kept in your progress\\."'
keys Q
check "every answer is in the review records, the missed quiz kept" \
    'wait_for "EXITED 0" && grep -qE "^#[+] review quiz:vanishing-gradients:4 0/1 [0-9]+$" "$progress" &&
    grep -qE "^#[+] review quiz:vanishing-gradients:26 1/1 [0-9]+$" "$progress" &&
    grep -qE "^#[+] review powers [01]/1 [0-9]+$" "$progress" &&
    grep -qE "^#[+] review params [01]/1 [0-9]+$" "$progress" &&
    grep -qE "^#[+] review gates [01]/1 [0-9]+$" "$progress" &&
    grep -qE "^#[+] review clip [01]/1 [0-9]+$" "$progress" &&
    grep -qx "  quiz 4 wrong 2" "$progress"'

# --- 40x12, ASCII, no colour: wrapping, scrolling, a resize, q ----------------
seed
LANG_E2E=C start_sized 40x12 NO_COLOR=1
LANG_E2E=
keys v
check "40 columns: the question wraps, in ASCII" \
    'wait_for "Review 1 of 6: Lesson 2, quiz 1" &&
    page | grep -q "^ Where is tanh'"'"'(a) = 1 - tanh(a)^2$" &&
    page | grep -q "^ largest, and what is its largest$" &&
    ! screen | LC_ALL=C grep -q "[^ -~]"'
keys b
check "a right letter: the verdict is scrolled into sight" \
    'wait_for "Right." && ! page | grep -q "Review 1 of 6" &&
    kept "^#[+] review quiz:vanishing-gradients:4 1/1 [0-9]+$"'
check "the page is longer than the screen: the status says there is more" \
    'status_shows "Down: more|Up: back"'
keys k k k k k k k k k k k k
check "it scrolls back to the question, the right choice told in words" \
    'wait_for "Review 1 of 6: Lesson 2" && status_shows "Down: more" &&
    page | tr -s " \n" "  " | grep -q "equals 1 <- right"'
T resize-window -t e2e -x 80 -y 24
check "a resize lays the review out again at the new width" \
    'until_ok 10 "page | grep -q \"^ Where is tanh.(a) = 1 - tanh(a)^2 largest, and what is its largest value?\$\"" &&
    page | grep -q "^ Right\\.$" && status_shows "^ Space: next  q: leave"'
T resize-window -t e2e -x 40 -y 12
keys Space
check "back at 40x12, the next question" 'wait_for "Review 2 of 6"'
keys Escape
status_shows "^ Enter: answer"
keys q
check "q leaves early to the list, saying how it went" \
    'status_shows "^ Review: 1 of 1 right; kept"'
keys Q
check "only the question answered was recorded" \
    'wait_for "EXITED 0" && grep -qE "^#[+] review quiz:vanishing-gradients:4 1/1 [0-9]+$" "$progress" &&
    ! grep -q "^#[+] review quiz:vanishing-gradients:26" "$progress" &&
    ! grep -q "^#[+] review powers" "$progress"'

e2e_end
