#!/bin/sh
# End-to-end tests of the reader's place (tmux): a restart, a hangup, the
# lesson list and [ ] all bring back the very line that was at the top of
# the screen, in every built-in lesson; reading to the end is "done".
name=e2e-place
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# the three lines at the top of the screen
top3() { page | head -n 3; }
# same_top WANT: until the top of the screen is WANT (a lesson opened at
# its place may relayout once as heavy blocks come in)
same_top() { _want=$1; until_ok 10 '[ "$(top3)" = "$_want" ]'; }

for lesson in 1 2 3 4; do
	rm -rf "$tmp/state"
	ARGS="$lesson"
	start
	check "lesson $lesson opened directly starts with its title" \
	    'wait_for "Lesson $lesson/" && page | head -n 1 | grep -q "^Lesson $lesson: "'
	# a section from the outline, then three lines into it: a line
	# inside a block, not a block's first line
	keys o && keys j j j Enter && keys j j j
	until_ok 5 'status | grep -q "^ Lesson $lesson/"'
	sleep 0.3	# a relayout of a heavy block now on screen
	at=$(top3)
	keys Q
	check "lesson $lesson: Q saves the place" \
	    'wait_for "EXITED 0" && grep -qE "^  block [0-9]+ [0-9]+( -?[0-9]+)?$" "$progress"'
	saved=$(grep "^  block" "$progress")
	ARGS=""
	start
	check "lesson $lesson: a restart shows the same top line" \
	    'status_shows "^ Lesson $lesson/" && same_top "$at"'
	keys Q
	check "lesson $lesson: Q without a move keeps the place saved" \
	    'wait_for "EXITED 0" && [ "$(grep "^  block" "$progress" | cut -d" " -f4,6)" = "$(echo "$saved" | cut -d" " -f4,6)" ]'
	# a hangup: the terminal goes away without a key
	start
	status_shows "^ Lesson $lesson/"
	keys d
	until_ok 5 '[ "$(top3)" != "$at" ]'
	at=$(top3)
	before=$(cat "$progress")
	T kill-server
	check "lesson $lesson: SIGHUP saves the place" \
	    'until_ok 10 "[ \"\$(cat \"\$progress\")\" != \"\$before\" ]"'
	start
	check "lesson $lesson: after SIGHUP a restart shows the same top line" \
	    'status_shows "^ Lesson $lesson/" && same_top "$at"'
	keys q
	wait_for "Enter: open"
	keys Enter
	check "lesson $lesson: q and Enter in the list come back to the line" \
	    'status_shows "^ Lesson $lesson/" && same_top "$at"'
	if [ "$lesson" -lt 4 ]; then keys ']' && keys '['; else keys '[' && keys ']'; fi
	check "lesson $lesson: ] and [ come back to the line" \
	    'status_shows "^ Lesson $lesson/" && same_top "$at"'
	keys G
	until_ok 5 'status | grep -q " 100%  ?:help"'
	keys q
	check "lesson $lesson read to the end is done in the list" \
	    'wait_for "Enter: open" && screen | grep -qE "^ +> +$lesson  .* done"'
	keys q
	wait_for "EXITED 0"
done

# --- the focused block stays on the screen ---------------------------------
rm -rf "$tmp/state"
ARGS="4"
start
status_shows "^ Lesson 4/"
keys Tab
wait_for "Quiz 1: A lazy classifier"
# the quiz at the bottom of the screen, its last lines below it
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19; do keys k; done
until_ok 5 'page | tail -n 1 | grep -q "What accuracy does it reach"'
keys Enter && keys 0.5175 Enter
check "after an answer the question and the whole verdict show" \
    'wait_for "Right: 0.5175" && page | grep -q "Quiz 1: A lazy" &&
    page | grep -q "it has learned anything at all"'
T resize-window -t e2e -x 80 -y 13
check "after a resize the focused quiz is still all on the screen" \
    'until_ok 10 "page | grep -q \"Quiz 1: A lazy\" && page | grep -q \"learned anything at all\""'
T resize-window -t e2e -x 80 -y 24
keys Escape
check "after Esc the block stays on the screen" \
    'status_shows "^ Lesson 4/" && page | grep -q "Quiz 1: A lazy"'
keys Tab
wait_for "Quiz 1: A lazy"
keys d d d d
check "scrolled away from a focused block, the focus goes" \
    'until_ok 5 "status | grep -q \"^ Lesson 4/\""'
keys q
wait_for "Enter: open"

# --- the lesson list: reload stays there; search across lessons -------------
rm -rf "$tmp/state"
ARGS="4"
start
status_shows "^ Lesson 4/"
# answered quizzes make the lesson's page longer than the one searched
keys Tab && keys Enter && keys 0.5175 Enter && keys Tab && keys b && keys Escape
keys q
wait_for "Enter: open"
keys r
check "r in the list reloads and stays in the list" \
    'status_shows "Reloaded [0-9]+ lessons" && screen | grep -q "^ rnntutor " &&
    ! screen | grep -q "^Lesson 4: "'
keys k
check "keys after r in the list move in the list" \
    'until_ok 5 "screen | grep -qE \"^ +> +3  \""'
keys Q
wait_for "EXITED"
# a new start (the answers above are kept): the search from the list
ARGS=""
start
status_shows "^ Lesson 4/"
keys q
wait_for "Enter: open"
keys / && keys "Every number above comes" && keys Enter
wait_for "Search results: Enter opens" 20
keys Enter
check "a result after the training blocks opens at its line" \
    'status_shows "^ Lesson 4/" && until_ok 10 "page | head -n 5 | grep -q \"Every number above comes\""'
keys q
wait_for "Enter: open"
# two Enters at once: the second must not open a result not yet shown
keys / && keys "Every number above comes" && T send-keys -t e2e Enter Enter
check "a second Enter while searching does not open a result" \
    'wait_for "Search results: Enter opens" 20 && sleep 0.5 &&
    screen | grep -q "Search results: Enter opens"'
keys q

# --- reload and watch keep the place ------------------------------------------
# a lesson of 40 paragraphs of three lines in a directory of its own
mkdir -p "$tmp/les"
lesson_file() {
	printf 'id: watched\nnumber: 95\ntitle: A watched lesson\ngoal: Change under the reader.\nblocks:\n'
	i=1
	while [ $i -le 40 ]; do
		printf '  - text: |\n      Paragraph %d%s, its first line.\n\n' $i "$1"
		printf '      Paragraph %d, its second line.\n\n      Paragraph %d, its third line.\n' $i $i
		i=$((i + 1))
	done
}
lesson_file "" > "$tmp/les/watched.yaml"
rm -rf "$tmp/state"
ARGS="--watch -L $tmp/les watched"
START_DIR=$tmp start
status_shows "^ Lesson 1/"
keys d d j
at=$(top3)
keys r r r r r r r r r r
check "ten reloads leave the screen as it was" \
    'status_shows "Reloaded" && [ "$(top3)" = "$at" ]'
mid=$(page | sed -n 10p | sed -n "s/^Paragraph \([0-9]*\), .*/\1/p")
[ -n "$mid" ] || mid=$(page | sed -n 11p | sed -n "s/^Paragraph \([0-9]*\), .*/\1/p")
pid=$(pgrep -n -f "$prog --watch -L $tmp/les")
check "watch mode uses no CPU while nothing changes" 'idle_ok'
# a change on disk shows by itself, at the same place
lesson_file " CHANGED" > "$tmp/les/watched.yaml.new"
mv "$tmp/les/watched.yaml.new" "$tmp/les/watched.yaml"
check "a saved change shows by itself at the same place" \
    'wait_for "Paragraph $mid CHANGED" 5 && [ "$(top3 | sed "s/ CHANGED//")" = "$at" ]'
check "watch mode stays asleep after a reload" 'idle_ok'
# broken: the error screen, wrapped; fixed: back at the same place
printf 'id: watched\nnumber: 95\ntitle: A watched lesson\nblocks:\n  - text: |\n   a\n  - quiz: "an unterminated quote, and a line long enough to be wrapped on the error screen\n' > "$tmp/les/watched.yaml"
check "a broken save shows the error screen" 'wait_for "Lesson errors" 5'
check "the error screen wraps the message, the path shortened" \
    'screen | grep -q "^ watched.yaml:" && ! screen | grep -qF "$tmp/les/" &&
    [ "$(page | grep -c "^   [^ ]")" -ge 1 ]'
lesson_file "" > "$tmp/les/watched.yaml.new"
mv "$tmp/les/watched.yaml.new" "$tmp/les/watched.yaml"
check "fixed, the lesson comes back at the same place" \
    'until_ok 5 "[ \"\$(top3)\" = \"\$at\" ]"'
keys w
check "w turns watch mode off" 'status_shows "Watch mode off"'
lesson_file " AGAIN" > "$tmp/les/watched.yaml"
keys j k
check "with watch mode off a change waits for r" \
    'sleep 1; ! screen | grep -q AGAIN && keys r && wait_for "Paragraph $mid AGAIN" 5'
keys Q
wait_for "EXITED"

# --- block 0's first line at the top is a place apart from the title --------
mkdir -p "$tmp/b0"
printf 'id: first-block\nnumber: 96\ntitle: A lesson read from its start\ngoal: Come back to the first paragraph.\nblocks:\n' > "$tmp/b0/first.yaml"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	printf '  - text: |\n      Paragraph %d, its first line.\n\n      Paragraph %d, its second line.\n' $i $i
done >> "$tmp/b0/first.yaml"
rm -rf "$tmp/state"
ARGS="-L $tmp/b0 first-block"
START_DIR=$tmp start
check "a lesson without a saved place opens at its title" \
    'status_shows "^ Lesson [0-9]+/" && page | head -n 1 | grep -q "^Lesson 96: A lesson read from its start"'
# one line at a time until block 0's first line is the top row
for i in 1 2 3 4 5 6 7 8; do
	page | head -n 1 | grep -q "^Paragraph 1, its first line" && break
	keys j
	sleep 0.2
done
check "block 0's first line is at the top" \
    'until_ok 5 "page | head -n 1 | grep -q \"^Paragraph 1, its first line\""'
at=$(top3)
keys Q
wait_for "EXITED 0"
START_DIR=$tmp start
check "a restart shows block 0's first line at the top, not the title" \
    'status_shows "^ Lesson [0-9]+/" && same_top "$at"'
# and back at the title, a restart shows the title
keys g
until_ok 5 'page | head -n 1 | grep -q "^Lesson 96: "'
keys Q
wait_for "EXITED 0"
START_DIR=$tmp start
check "a restart after going back to the title shows the title" \
    'status_shows "^ Lesson [0-9]+/" && until_ok 5 "page | head -n 1 | grep -q \"^Lesson 96: \""'
keys Q
wait_for "EXITED 0"

e2e_end
