#!/bin/sh
# End-to-end tests of what the TUI tells an instructor about a lesson
# (tmux): a data file that cannot be read is named, with the lesson's line
# that names it, on the status line and in full on the page; the lessons'
# warnings (those --check gives without running anything) are said on
# start and after a reload, and W shows them.
name=e2e-messages
. "${top_srcdir:-.}/tests/e2e/lib.sh"

# the ellipsis of a path cut to its last name, in UTF-8 or ASCII
ell='(…|\.\.\.)'

# --- a missing data file ---------------------------------------------------
mkdir -p "$tmp/course"
cat >"$tmp/course/nodata.yaml" <<'YAML'
id: e2e-nodata
number: 92
title: A corpus that is not there
goal: See what the reader sees when a data file is missing.
blocks:
  - text: The block below names a data file that does not exist.
  - sim: sentiment
    caption: Training on a missing corpus
    params:
      epochs: 2
      data: not-there.tsv
YAML
ARGS="-L $tmp/course e2e-nodata"
start
wait_for "Training on a missing corpus"
keys Tab
wait_for "press Enter to train"
keys Enter
check "80 columns: the status names the data file and the lesson's line" \
    "status_shows '^ Cannot train: $ell/not-there\\.tsv \\(lesson $ell/nodata\\.yaml:11\\): cannot read'"
check "the page names the data file in full" \
    'page | grep -qF "! $tmp/course/not-there.tsv:"'
keys Enter
check "Enter again says the same" \
    "status_shows '^ Cannot train: $ell/not-there\\.tsv \\(lesson $ell/nodata\\.yaml:11\\)'"
keys Q
wait_for "EXITED 0"

# a terminal wide enough for the full paths
start_sized 200x24
wait_for "Training on a missing corpus"
keys Tab
wait_for "press Enter to train"
keys Enter
check "200 columns: the full paths and the reason" \
    'status_shows "^ Cannot train: $tmp/course/not-there\.tsv: cannot read: No such file or directory \(lesson $tmp/course/nodata\.yaml:11\)$"'
check "200 columns: the page has the full path and the reason" \
    'page | grep -qF "! $tmp/course/not-there.tsv: cannot read: No such file or directory"'
keys Q
wait_for "EXITED 0"

# --- a data file that is no corpus -------------------------------------------
sed 's/not-there\.tsv/notes.txt/' "$tmp/course/nodata.yaml" >"$tmp/course/x" &&
    mv "$tmp/course/x" "$tmp/course/nodata.yaml"
printf 'just a line\nand another\n' >"$tmp/course/notes.txt"
start
wait_for "Training on a missing corpus"
keys Tab
wait_for "press Enter to train"
keys Enter
check "a file that is no corpus: named, with the lesson's line" \
    "status_shows '^ Cannot train: $ell/notes\\.txt \\(lesson $ell/nodata\\.yaml:11\\): no usable sentences'"
check "the page names it in full" \
    'page | grep -qF "! $tmp/course/notes.txt: no usable"'
keys Q
wait_for "EXITED 0"

# --- warnings: said on start and after a reload, W shows them -------------------
# the built-in course has none: nothing is said
rm -rf "$tmp/state"
ARGS=""
start
check "the built-in course: no word of warnings" \
    'wait_for "Enter: open" && sleep 0.5 && ! screen | grep -qi "warning"'
keys W
check "W on the built-in course says there are none" \
    'status_shows "^ No warnings in the lessons\.$"'
keys Q
wait_for "EXITED 0"

mkdir -p "$tmp/warned"
cat >"$tmp/warned/a.yaml" <<'YAML'
id: warn-a
number: 93
title: A lesson with warnings
goal: Earn warnings that only --check used to give.
blocks:
  - text: |
      A paragraph that runs on to the next line and then
      2. starts a numbered list by accident.
  - text: |
      Another paragraph.
          This line is indented by accident and reads like prose.
YAML
cat >"$tmp/warned/b.yaml" <<'YAML'
id: warn-b
number: 93
title: A lesson that shares its number
goal: Share a number with another lesson.
blocks:
  - text: Nothing else to see.
YAML
cat >"$tmp/warned/c.yaml" <<'YAML'
id: vanilla-rnn
number: 1
title: A lesson that replaces the first built-in one
goal: Replace a built-in lesson.
blocks:
  - text: Nothing else to see.
YAML
chmod o+w "$tmp/warned/c.yaml"
ARGS="--watch -L $tmp/warned"
START_DIR=$tmp start
check "on start: how many warnings, W and --check" \
    'status_shows "^ 5 warnings in the lessons: W shows them \(or rnntutor --check\)$"'
keys W
check "W shows the warnings, titled as warnings" \
    'wait_for "Lesson warnings" && screen | grep -q "^ a\.yaml:8:7: warning: this line starts with .2\. ."'
check "the verbatim block, the shared number, the replaced lesson, the mode" \
    'screen | grep -q "^ a\.yaml:11:11: warning: this indented line starts a verbatim" &&
    screen | grep -q "^ b\.yaml:2:9: warning: lesson number 93 is also the lesson .warn-a." &&
    screen | grep -q "^ c\.yaml:1:5: warning: this lesson replaces the built-in lesson 1" &&
    screen | grep -q "^ c\.yaml: warning: this lesson file is writable by everyone"'
keys q
check "q goes back to the list" 'wait_for "Enter: open"'
# one warning fixed, then r
chmod o-w "$tmp/warned/c.yaml"
keys r
check "after r: the reload and the warnings left" \
    'status_shows "^ Reloaded [0-9]+ lessons; 4 warnings: W shows them \(or rnntutor --check\)$"'
# watch mode: fixed files reload by themselves, and nothing more is said
sed -i 's/^number: 93$/number: 94/' "$tmp/warned/b.yaml"
check "watch mode: a fixed file reloads, one warning fewer" \
    'status_shows "^ Reloaded [0-9]+ lessons; 3 warnings: W shows them"'
keys W
check "W after the reload shows the warnings left" \
    'wait_for "Lesson warnings" && ! screen | grep -q "^ b\.yaml" && screen | grep -q "^ a\.yaml:8:7"'
keys q
keys Q
wait_for "EXITED 0"

# a broken lesson beside warned ones: the errors, then the warnings
printf 'id: broken\nnumber: 97\ntitle: Broken\nblocks: 3\n' > "$tmp/warned/broken.yaml"
ARGS="-L $tmp/warned"
START_DIR=$tmp start
check "on start, errors and warnings on one screen, errors first" \
    'wait_for "Lesson errors" && screen | grep -q "^ broken\.yaml:4:9: error: " &&
    screen | grep -q "^ a\.yaml:8:7: warning: " &&
    [ "$(screen | grep -n -m1 "^ broken\.yaml" | cut -d: -f1)" -lt "$(screen | grep -n "^ a\.yaml:8" | cut -d: -f1)" ]'
keys q
keys Q
wait_for "EXITED 0"

e2e_end
