#!/bin/sh
# End-to-end tests of what the TUI tells an instructor about a lesson
# (tmux): a data file that cannot be read is named, with the lesson's line
# that names it, on the status line and in full on the page.
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

e2e_end
