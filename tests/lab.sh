#!/bin/sh
# Shared lab machines: other users, several sessions of one student, lessons
# from shared directories and terminals that vanish. Each case runs the real
# program as a student (or an attacker) would and asserts what they see:
#
#   progress   another user's state directory and planted links; the file
#              and directory modes; limits and time of loading huge files;
#              a 100 MB file kept aside; exit status when nothing is saved
#              (read-only directory, disk full: a small tmpfs where mount
#              is allowed)
#   sessions   two TUIs at once on one progress file: no answer lost
#   lessons    a lesson reading the terminal; empty lesson directories;
#              make uninstall leaves no empty directories
#   terminal   SIGQUIT, a terminal gone without SIGHUP (setsid), bidi
#              controls in status-line messages
#   setup      ./bootstrap --install-deps without root and without sudo
#
# Two-user cases run as two users made for the test when run as root (and
# removed after), else they are skipped; the TUI cases need tmux. Every
# time limit is multiplied by RNNTUTOR_TIME_FACTOR (default 1); conditions
# are polled until a deadline, never waited for with a fixed sleep.
#
#   top_srcdir=. top_builddir=. RNNTUTOR=./rnntutor tests/lab.sh
#
# Prints one line per failure or skip and "lab: N passed, N failed"; exits 1
# when anything failed, 77 when nothing could run.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog=${RNNTUTOR:-$top_builddir/rnntutor}
case $prog in /*) ;; *) prog="$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")" ;; esac
case $top_builddir in /*) ;; *) top_builddir="$(cd "$top_builddir" && pwd)" ;; esac
factor=${RNNTUTOR_TIME_FACTOR:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-lab.XXXXXX") || exit 99
chmod 755 "$tmp"	# the test users must reach their programs and homes
sock="rnntutor-lab-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
users="" mounts=""
cleanup() {
	command -v tmux >/dev/null 2>&1 && T kill-server 2>/dev/null
	for m in $mounts; do umount "$m" 2>/dev/null; done
	for u in $users; do
		pkill -KILL -u "$u" 2>/dev/null
		userdel "$u" 2>/dev/null
	done
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE

if [ ! -x "$prog" ]; then
	echo "lab.sh: no program at $prog" >&2
	echo "lab: 0 passed, 1 failed"
	exit 1
fi
have_tmux=no
command -v tmux >/dev/null 2>&1 && have_tmux=yes

unset RNNTUTOR_PATH LC_ALL
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/xdg" XDG_STATE_HOME="$tmp/state"
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
export LANG="${utf8:-C}"
mkdir -p "$HOME"
# leaks inside the curses library itself are not ours to fix
printf 'leak:libtinfo.so\nleak:libncursesw.so\n' >"$tmp/lsan.supp"
chmod 644 "$tmp/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$tmp/lsan.supp:print_suppressions=0"

passed=0 failed=0 skipped=0 ran_any=no
ok() { passed=$((passed + 1)); ran_any=yes; }
bad() { failed=$((failed + 1)); ran_any=yes; echo "FAIL: $*"; }
skip() { skipped=$((skipped + 1)); echo "skip: $*"; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# secs N: N seconds scaled by RNNTUTOR_TIME_FACTOR, at least 1
secs() { awk -v n="$1" -v f="$factor" 'BEGIN { s = n * f; if (s < 1) s = 1; printf "%d", s + 0.999 }'; }
# within N CONDITION: poll CONDITION (eval'd) every tenth of a second until
# it holds (0) or N scaled seconds have passed (1)
within() {
	_end=$(( $(date +%s) + $(secs "$1") ))
	while :; do
		eval "$2" && return 0
		[ "$(date +%s)" -le "$_end" ] || return 1
		sleep 0.1
	done
}
# run CMD...: bounded; status in $st, stdout in $tmp/out, stderr in $tmp/err
run() {
	timeout "$(secs 20)" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "$*"
}
# sane WHAT: the last run neither hung, nor died, nor tripped a sanitizer
sane() {
	if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
		bad "$1: hung"
	elif grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
	    "$tmp/err" 2>/dev/null; then
		bad "$1: sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$tmp/err")"
	fi
}
has_line() { grep -qxF -- "$2" "$1"; }
# mode PATH: the permission bits, in octal
mode() { stat -c %a "$1"; }

# A lesson with two quizzes near its top and enough text to scroll.
mkdir -p "$tmp/lessons"
{
	printf 'id: lab-quiz\nnumber: 80\ntitle: Lab quizzes\ngoal: Two quizzes.\nblocks:\n'
	printf '  - quiz: First question?\n    choices:\n      - one\n      - two\n    answer: b\n'
	printf '  - quiz: Second question?\n    choices:\n      - one\n      - two\n    answer: a\n'
	i=0
	while [ $i -lt 30 ]; do
		printf '  - text: Paragraph %d to scroll past, long enough to take a line.\n' $i
		i=$((i + 1))
	done
} >"$tmp/lessons/quiz.yaml"
chmod -R a+rX "$tmp/lessons"

# ---- the TUI in tmux -------------------------------------------------------------
# tui NAME [ENV=VALUE...] -- ARGS...: start the program in tmux session NAME
# (80x24, or TUI_W columns) with the state in $XDG_STATE_HOME (or an ENV override). Its pid
# lands in $tmp/NAME.pid, its stderr in $tmp/NAME.err, its exit status in
# $tmp/NAME.st and the terminal modes after it in $tmp/NAME.stty. PREFIX
# (as_user, setsid) goes before it.
tui() {
	_name=$1
	shift
	_env=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do _env="$_env $1"; shift; done
	[ "$1" = -- ] && shift
	rm -f "$tmp/$_name.pid" "$tmp/$_name.st" "$tmp/$_name.err" "$tmp/$_name.stty"
	mkdir -p "$tmp/cwd"
	chmod 777 "$tmp/cwd"
	# like an interactive shell, the script outlives the Ctrl-\ it sends
	# (a trap, not an ignored signal: the program gets it at its default)
	cat >"$tmp/$_name.sh" <<-EOF
	cd "$tmp/cwd"
	trap : QUIT
	sh -c 'echo \$\$ >"\$0"; exec "\$@"' "$tmp/$_name.pid" ${PREFIX:-} \\
	    env -i HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" TERM=xterm \\
	    LANG="$LANG" LSAN_OPTIONS="$LSAN_OPTIONS" $_env "${PROG:-$prog}" $* \\
	    2>"$tmp/$_name.err"
	st=\$?
	stty -a >"$tmp/$_name.stty" 2>&1
	echo \$st >"$tmp/$_name.st"
	exec sleep 600
	EOF
	chmod 755 "$tmp/$_name.sh"
	T new-session -d -s "$_name" -x "${TUI_W:-80}" -y 24 "sh $tmp/$_name.sh"
	_pidfile="$tmp/$_name.pid"
	within 10 '[ -s "$_pidfile" ]'
}
screen() { T capture-pane -p -t "$1" 2>/dev/null; }
# shows NAME TEXT [SECONDS]: the screen of NAME shows TEXT before the deadline
shows() {
	_sn=$1 _st=$2
	within "${3:-10}" 'screen "$_sn" | grep -qF -- "$_st"'
}
# status_line NAME TEXT: the bottom line of NAME shows TEXT before the deadline
status_line() {
	_sn=$1 _st=$2
	within 10 'screen "$_sn" | tail -n 1 | grep -qF -- "$_st"'
}
key() { T send-keys -t "$@"; }
# ended NAME [SECONDS]: the program of NAME has exited; status in $st
ended() {
	_stfile="$tmp/$1.st"
	if within "${2:-10}" '[ -s "$_stfile" ]'; then
		st=$(cat "$_stfile")
	else
		st=124
	fi
	cp "$tmp/$1.err" "$tmp/err" 2>/dev/null || : >"$tmp/err"
	sane "TUI $1"
	[ "$st" -eq 124 ] && screen "$1" | sed 's/^/    | /'
	T kill-session -t "$1" 2>/dev/null
}
# alive PID: the process runs (a zombie nobody reaps counts as gone)
alive() {
	if [ -r "/proc/$1/stat" ]; then
		! awk '{ exit $3 != "Z" }' "/proc/$1/stat" 2>/dev/null
	else
		kill -0 "$1" 2>/dev/null
	fi
}
# stty_has NAME MODE: the terminal after NAME's program has MODE set (not -MODE)
stty_has() { tr ' ;' '\n\n' <"$tmp/$1.stty" 2>/dev/null | grep -qx -- "$2"; }
# focus_quiz NAME N: Tab to the N-th quiz of lab-quiz (the status asks for
# a letter)
focus_quiz() {
	_i=0
	while [ $_i -lt "$2" ]; do
		_qn=$1 _before=$(screen "$1" | md5sum)
		key "$1" Tab
		within 5 '[ "$(screen "$_qn" | md5sum)" != "$_before" ]'
		_i=$((_i + 1))
	done
	status_line "$1" "letter of your answer"
}

# ---- two users, made for the test when we are root ----------------------------
two_users=no
if [ "$(id -u)" -eq 0 ] && command -v useradd >/dev/null 2>&1 &&
    command -v setpriv >/dev/null 2>&1; then
	victim="rlv$$" attacker="rla$$"
	if useradd -M -N -s /bin/sh -d "$tmp/home-v" "$victim" 2>/dev/null; then
		users="$victim"
		if useradd -M -N -s /bin/sh -d "$tmp/home-a" "$attacker" 2>/dev/null; then
			users="$users $attacker"
			two_users=yes
		fi
	fi
	if [ "$two_users" = yes ]; then
		mkdir -p "$tmp/home-v" "$tmp/home-a"
		chown "$victim" "$tmp/home-v"
		chown "$attacker" "$tmp/home-a"
		chmod 755 "$tmp/home-v" "$tmp/home-a"
		# a program both can run
		cp "$prog" "$tmp/prog-copy" && chmod 755 "$tmp/prog-copy"
		as_v="setpriv --reuid=$victim --regid=$(id -g "$victim") --clear-groups"
		as_a="setpriv --reuid=$attacker --regid=$(id -g "$attacker") --clear-groups"
	fi
fi

# ==== progress ====================================================================
section_progress() {
	# the directory made for a new progress file is private, the file too
	state="$tmp/p-new" && rm -rf "$state"
	run env XDG_STATE_HOME="$state" "$prog" --reset-progress all
	check "a new progress directory is 0700, the file 0600" \
	    '[ $st -eq 0 ] && [ "$(mode "$state/rnntutor")" = 700 ] &&
	    [ "$(mode "$state/rnntutor/progress")" = 600 ]'

	# a state directory others may write to: nothing read, nothing written,
	# and a link planted where the old code put its temporary file is not
	# followed
	if [ "$have_tmux" = yes ]; then
		state="$tmp/p-open" && rm -rf "$state"
		mkdir -p "$state/rnntutor"
		chmod 777 "$state/rnntutor"
		printf 'precious\n' >"$tmp/precious"
		tui open XDG_STATE_HOME="$state" -- -L "$tmp/lessons" lab-quiz
		shows open "Lesson 80: Lab"
		ln -s "$tmp/precious" "$state/rnntutor/progress.tmp.$(cat "$tmp/open.pid")"
		key open Q
		ended open
		check "a state directory others may write to: refused, exit 1, said why" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "rnntutor: Progress not saved: others may write to the progress directory (mode 777); progress is not saved until it is made private (chmod 700)"'
		check "a state directory others may write to: nothing written there, the planted link not followed" \
		    '[ "$(cat "$tmp/precious")" = precious ] && [ ! -e "$state/rnntutor/progress" ] &&
		    [ "$(ls -A "$state/rnntutor" | wc -l)" -eq 1 ]'
	else
		skip "state directory others may write to: no tmux"
	fi

	# another user made rnntutor/ in a shared state directory and planted a
	# link to the victim's ~/.bashrc under the victim's temporary name
	if [ "$two_users" = yes ] && [ "$have_tmux" = yes ]; then
		shared="$tmp/shared" && mkdir -p "$shared" && chmod 1777 "$shared"
		printf 'export PS1=mine\n' >"$tmp/home-v/.bashrc"
		chown "$victim" "$tmp/home-v/.bashrc"
		$as_a sh -c "umask 0; mkdir '$shared/rnntutor' && chmod 777 '$shared/rnntutor'"
		PREFIX="$as_v" PROG="$tmp/prog-copy"
		tui victim HOME="$tmp/home-v" XDG_STATE_HOME="$shared" -- -L "$tmp/lessons" lab-quiz
		shows victim "Lesson 80: Lab"
		$as_a ln -s "$tmp/home-v/.bashrc" "$shared/rnntutor/progress.tmp.$(cat "$tmp/victim.pid")"
		key victim Q
		ended victim
		check "two users: the victim's ~/.bashrc is untouched, nothing saved, exit 1" \
		    '[ "$(cat "$tmp/home-v/.bashrc")" = "export PS1=mine" ] && [ $st -eq 1 ] &&
		    [ ! -e "$shared/rnntutor/progress" ] &&
		    has_line "$tmp/err" "rnntutor: Progress not saved: the progress directory belongs to another user; progress is not saved"'
		# the same directory, private to the attacker: refused as well
		rm -f "$shared/rnntutor/progress.tmp."*
		chmod 755 "$shared/rnntutor"
		tui victim2 HOME="$tmp/home-v" XDG_STATE_HOME="$shared" -- -L "$tmp/lessons" lab-quiz
		shows victim2 "Lesson 80: Lab"
		key victim2 Q
		ended victim2
		check "two users: a state directory of another user is refused, exit 1" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "rnntutor: Progress not saved: the progress directory belongs to another user; progress is not saved"'
		PREFIX="" PROG=""
		# and a state directory of one's own works, file owned and private
		$as_v env HOME="$tmp/home-v" XDG_STATE_HOME="$tmp/home-v/state" \
		    "$tmp/prog-copy" --reset-progress all >"$tmp/out" 2>"$tmp/err"
		st=$?
		check "two users: the victim's own state directory is used, 0700 and 0600" \
		    '[ $st -eq 0 ] && [ "$(stat -c %U "$tmp/home-v/state/rnntutor/progress")" = "$victim" ] &&
		    [ "$(mode "$tmp/home-v/state/rnntutor")" = 700 ] &&
		    [ "$(mode "$tmp/home-v/state/rnntutor/progress")" = 600 ]'
	else
		skip "two users (needs root, useradd, setpriv and tmux)"
	fi

	# 260 000 lessons (3.9 MB): refused at once with a message, kept aside
	state="$tmp/p-big" && rm -rf "$state" && mkdir -p "$state/rnntutor"
	awk 'BEGIN { print "version 1"; for (i = 0; i < 260000; i++) printf "lesson l%d\n", i }' \
	    >"$state/rnntutor/progress"
	size=$(wc -c <"$state/rnntutor/progress")
	timeout "$(secs 10)" env XDG_STATE_HOME="$state" "$prog" --reset-progress all \
	    >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "260 000 lessons"
	aside=$(ls "$state/rnntutor" | grep '^progress\.corrupt-' | head -n 1)
	check "a progress file of 260 000 lessons: refused within 10 s, said why, kept aside" \
	    '[ $st -eq 0 ] && grep -qF "more lessons than a progress file may hold (10000 lessons, 2000 quizzes in a lesson)" "$tmp/err" &&
	    [ -n "$aside" ] && [ "$(wc -c <"$state/rnntutor/$aside")" -eq "$size" ]'
	# 200 000 quiz lines (3.9 MB) in one lesson
	rm -rf "$state" && mkdir -p "$state/rnntutor"
	awk 'BEGIN { print "version 1\nlesson a"; for (i = 0; i < 200000; i++) printf "quiz %d right 1\n", i % 50000 }' \
	    >"$state/rnntutor/progress"
	timeout "$(secs 5)" env XDG_STATE_HOME="$state" "$prog" --reset-progress all \
	    >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "200 000 quiz lines"
	check "200 000 quiz lines: refused within 5 s, said why" \
	    '[ $st -eq 0 ] && grep -qF "more quizzes in one lesson than a progress file may hold" "$tmp/err"'
	# at the limits: 10 000 lessons of 20 quizzes each load, and a save keeps them
	rm -rf "$state" && mkdir -p "$state/rnntutor"
	awk 'BEGIN { print "version 1"; for (i = 0; i < 10000; i++) { printf "lesson l%d\n  seen 5\n", i
	    for (q = 0; q < 20; q++) printf "  quiz %d right 1\n", q } }' >"$state/rnntutor/progress"
	timeout "$(secs 5)" env XDG_STATE_HOME="$state" "$prog" --reset-progress l0 \
	    >"$tmp/out" 2>"$tmp/err"
	st=$?
	sane "10 000 lessons"
	check "10 000 lessons of 20 quizzes: loaded and saved within 5 s, all but the one forgotten kept" \
	    '[ $st -eq 0 ] && [ "$(grep -c "^lesson " "$state/rnntutor/progress")" -eq 9999 ] &&
	    [ "$(grep -c "^  quiz " "$state/rnntutor/progress")" -eq 199980 ]'

	# a 100 MB progress file: kept aside, not replaced silently
	if [ "$have_tmux" = yes ]; then
		state="$tmp/p-huge" && rm -rf "$state" && mkdir -p "$state/rnntutor"
		chmod 700 "$state/rnntutor"
		truncate -s 100M "$state/rnntutor/progress"
		tui huge XDG_STATE_HOME="$state" -- -L "$tmp/lessons" lab-quiz
		check "a 100 MB progress file: the TUI says it was kept aside" 'shows huge "kept as"'
		key huge Q
		ended huge
		aside=$(ls "$state/rnntutor" | grep '^progress\.corrupt-' | head -n 1)
		check "a 100 MB progress file: all 100 MB kept as .corrupt-*, a new file saved, exit 0" \
		    '[ $st -eq 0 ] && [ -n "$aside" ] &&
		    [ "$(stat -c %s "$state/rnntutor/$aside")" -eq 104857600 ] &&
		    grep -q "^last lab-quiz" "$state/rnntutor/progress"'
	else
		skip "100 MB progress file in the TUI: no tmux"
	fi

	# nothing can be saved: the TUI and --reset-progress exit 1 and say why
	can_mount=no
	mkdir -p "$tmp/mnt"
	if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=64k,mode=755 lab "$tmp/mnt" 2>/dev/null; then
		mounts="$tmp/mnt"
		can_mount=yes
	fi
	if [ "$can_mount" = yes ] && [ "$have_tmux" = yes ]; then
		# disk full
		state="$tmp/mnt/state"
		mkdir -p "$state/rnntutor" && chmod 700 "$state/rnntutor"
		env XDG_STATE_HOME="$state" "$prog" --reset-progress all >/dev/null 2>&1
		cp "$state/rnntutor/progress" "$tmp/full-before"
		dd if=/dev/zero of="$tmp/mnt/filler" bs=1k count=200 2>/dev/null
		tui full XDG_STATE_HOME="$state" -- -L "$tmp/lessons" lab-quiz
		shows full "Lesson 80: Lab"
		key full Q
		ended full
		check "disk full: the TUI exits 1, says why, the old file kept" \
		    '[ $st -eq 1 ] && has_line "$tmp/err" "rnntutor: Progress not saved: cannot save progress: No space left on device" &&
		    cmp -s "$state/rnntutor/progress" "$tmp/full-before"'
		run env XDG_STATE_HOME="$state" "$prog" --reset-progress all
		check "disk full: --reset-progress exits 1 too" '[ $st -eq 1 ]'
		rm -f "$tmp/mnt/filler"
		# read-only
		mount -o remount,ro "$tmp/mnt" 2>/dev/null
		tui ro XDG_STATE_HOME="$state" -- -L "$tmp/lessons" lab-quiz
		shows ro "Lesson 80: Lab"
		key ro Q
		ended ro
		check "read-only state directory: the TUI exits 1, says why" \
		    '[ $st -eq 1 ] && grep -qF "rnntutor: Progress not saved: " "$tmp/err" &&
		    grep -qF "Read-only file system" "$tmp/err"'
		run env XDG_STATE_HOME="$state" "$prog" --reset-progress all
		check "read-only state directory: --reset-progress exits 1" '[ $st -eq 1 ]'
		umount "$tmp/mnt" && mounts=""
	elif [ "$have_tmux" = yes ] && [ "$(id -u)" -ne 0 ]; then
		skip "disk full: cannot mount a small tmpfs here"
		state="$tmp/p-ro" && mkdir -p "$state/rnntutor"
		env XDG_STATE_HOME="$state" "$prog" --reset-progress all >/dev/null 2>&1
		chmod 500 "$state/rnntutor"
		tui ro XDG_STATE_HOME="$state" -- -L "$tmp/lessons" lab-quiz
		shows ro "Lesson 80: Lab"
		key ro Q
		ended ro
		check "read-only state directory: the TUI exits 1, says why" \
		    '[ $st -eq 1 ] && grep -qF "rnntutor: Progress not saved: " "$tmp/err"'
		chmod 700 "$state/rnntutor"
	else
		skip "disk full and read-only directory: cannot mount a small tmpfs here (or no tmux)"
	fi
}

# ==== two sessions at once =======================================================
section_sessions() {
	if [ "$have_tmux" != yes ]; then
		skip "two sessions: no tmux"
		return
	fi
	pfile="$XDG_STATE_HOME/rnntutor/progress"

	# b only reads the lesson; a answers its first quiz and quits first
	rm -rf "$XDG_STATE_HOME"
	tui b -- -L "$tmp/lessons" lab-quiz
	shows b "Lesson 80: Lab"
	tui a -- -L "$tmp/lessons" lab-quiz
	shows a "Lesson 80: Lab"
	focus_quiz a 1
	key a b
	status_line a "Right!"
	key a Escape Q
	ended a
	key b Q
	ended b
	check "a reader quitting last keeps the answer the other session saved" \
	    '[ $st -eq 0 ] && grep -qx "  quiz 0 right 1" "$pfile"'

	# both answer a different quiz; the second to start quits first
	rm -rf "$XDG_STATE_HOME"
	tui a -- -L "$tmp/lessons" lab-quiz
	shows a "Lesson 80: Lab"
	tui b -- -L "$tmp/lessons" lab-quiz
	shows b "Lesson 80: Lab"
	focus_quiz a 1
	key a b
	status_line a "Right!"
	focus_quiz b 2
	key b a
	status_line b "Right!"
	key b Escape Q
	ended b
	key a Escape Q
	ended a
	check "two sessions answering different quizzes: both answers kept" \
	    '[ $st -eq 0 ] && grep -qx "  quiz 0 right 1" "$pfile" && grep -qx "  quiz 1 right 1" "$pfile"'

	# one answers wrong then right, the other wrong once: right, 3 attempts
	rm -rf "$XDG_STATE_HOME"
	tui a -- -L "$tmp/lessons" lab-quiz
	shows a "Lesson 80: Lab"
	tui b -- -L "$tmp/lessons" lab-quiz
	shows b "Lesson 80: Lab"
	focus_quiz a 1
	key a a
	status_line a "Not quite"
	key b Q
	ended b
	# a session that started later, moved on, and quit first
	tui c -- -L "$tmp/lessons" lab-quiz
	shows c "Lesson 80: Lab"
	focus_quiz c 1
	key c a
	status_line c "Not quite"
	key c Escape G
	shows c "100%"
	key c Q
	ended c
	key a b
	status_line a "Right!"
	key a Escape Q
	ended a
	check "sessions quitting in any order: right stays right, attempts add up, seen kept" \
	    '[ $st -eq 0 ] && grep -qx "  quiz 0 right 3" "$pfile" && grep -qx "  seen 100" "$pfile" &&
	    grep -qx "  finished yes" "$pfile"'
}

# ==== lessons ======================================================================
section_lessons() {
	# a lesson whose data is the terminal, or standard input
	for dev in /dev/tty /dev/stdin; do
		mkdir -p "$tmp/ttyles"
		printf 'id: lab-tty\nnumber: 82\ntitle: Reads the terminal\ngoal: A goal.\nblocks:\n  - text: Before.\n  - sim: sentiment\n    params:\n      data: %s\n      epochs: 0\n' \
		    "$dev" >"$tmp/ttyles/tty.yaml"
		run "$prog" -L "$tmp/ttyles" --print lab-tty </dev/null
		# (without a controlling terminal, /dev/tty cannot even be opened)
		check "--print a lesson with data: $dev: the error in its block" \
		    '[ $st -eq 0 ] && grep -qE "! (not a regular file|cannot read: No such device or address)\$" "$tmp/out"'
		if [ "$have_tmux" = yes ]; then
			tui tty -- -L "$tmp/ttyles" lab-tty
			check "TUI, a lesson with data: $dev: shows the error, not a blank screen" \
			    'shows tty "not a regular file"'
			key tty Q
			ended tty
			check "TUI, a lesson with data: $dev: Q quits with 0" '[ $st -eq 0 ]'
		fi
	done
	[ "$have_tmux" = yes ] || skip "a lesson reading the terminal, in the TUI: no tmux"

	# empty lesson directories are simply empty
	mkdir -p "$tmp/empty" "$XDG_DATA_HOME/rnntutor/lessons"
	run "$prog" -L "$tmp/empty" --list
	check "-L an empty directory: exit 0, no warning" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ] &&
	    grep -q "vanilla-rnn" "$tmp/out"'
	run env RNNTUTOR_PATH="$tmp/empty" "$prog" --list
	check "RNNTUTOR_PATH of an empty directory: no warning" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
	run "$prog" --print 1
	check "an empty XDG lessons directory: no warning" '[ $st -eq 0 ] && [ ! -s "$tmp/err" ]'
	if [ "$have_tmux" = yes ]; then
		tui empty -- -L "$tmp/empty"
		check "TUI with an empty lesson directory: opens on the menu" \
		    'shows empty "Enter: open" && ! screen empty | grep -q "Lesson errors"'
		key empty Q
		ended empty
	fi

	# make install, then make uninstall: no empty directory left behind
	if [ -f "$top_builddir/Makefile" ] && command -v make >/dev/null 2>&1; then
		dest="$tmp/dest"
		(unset MAKEFLAGS MFLAGS MAKELEVEL
		 make -s -C "$top_builddir" install DESTDIR="$dest" >"$tmp/make.log" 2>&1 &&
		 find "$dest" -type f -name '*.yaml' | grep -q . &&
		 make -s -C "$top_builddir" uninstall DESTDIR="$dest" >>"$tmp/make.log" 2>&1)
		st=$?
		# any file left, or the directories install made (the prefix
		# itself may be anywhere: under distcheck it is inside
		# rnntutor-VERSION/, which is not ours to remove)
		left=$(cd "$dest" 2>/dev/null && find . -type f -o -name rnntutor \
		    -o -name completions)
		check "make uninstall removes the directories it made" \
		    '[ $st -eq 0 ] && [ -z "$left" ]' || sed 's/^/    | /' "$tmp/make.log"
	else
		skip "make uninstall: no Makefile in $top_builddir"
	fi
}

# ==== terminals ====================================================================
section_terminal() {
	if [ "$have_tmux" != yes ]; then
		skip "terminal cases: no tmux"
		return
	fi
	pfile="$XDG_STATE_HOME/rnntutor/progress"

	# Ctrl-\ (SIGQUIT): like SIGTERM, the terminal restored, the place saved
	rm -rf "$XDG_STATE_HOME"
	tui quit -- -L "$tmp/lessons" lab-quiz
	shows quit "Lesson 80: Lab"
	key quit 'C-\'
	ended quit
	check "SIGQUIT: exit by the signal, no core file" \
	    '[ $st -eq 131 ] && [ -z "$(ls "$tmp/cwd" | grep core)" ]'
	check "SIGQUIT: the terminal modes restored (icanon echo icrnl onlcr)" \
	    'stty_has quit icanon && stty_has quit echo && stty_has quit icrnl &&
	    stty_has quit onlcr'
	check "SIGQUIT: progress saved" 'grep -q "^last lab-quiz" "$pfile"'

	# the terminal goes away without SIGHUP (setsid): exit soon, little CPU
	rm -rf "$XDG_STATE_HOME"
	PREFIX=setsid
	tui gone -- -L "$tmp/lessons" lab-quiz
	PREFIX=""
	shows gone "Lesson 80: Lab"
	pid=$(cat "$tmp/gone.pid")
	T kill-session -t gone
	if within 5 '! alive "$pid"'; then
		ok
	else
		cpu=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
		bad "terminal gone without SIGHUP: still running after $(secs 5) s (CPU ticks: ${cpu:-?})"
		kill -9 "$pid" 2>/dev/null
	fi
	check "terminal gone without SIGHUP: progress saved" 'within 5 "grep -q \"^last lab-quiz\" \"$pfile\" 2>/dev/null"'

	# bidirectional and invisible controls in status-line messages are shown
	mkdir -p "$tmp/bidi"
	printf 'id: lab-bidi\nnumber: 81\ntitle: Bidi\ngoal: A goal.\nblocks:\n  - text: Some text.\n  - sim: "no\342\200\256such\342\201\246sim\342\200\217\330\234\357\273\277\363\240\201\201"\n    params:\n      n: 8\n    knobs:\n      - n\n' \
	    >"$tmp/bidi/bidi.yaml"
	TUI_W=160
	tui bidi -- -L "$tmp/bidi" lab-bidi
	TUI_W=""
	shows bidi "Lesson 81: Bidi"
	key bidi Tab
	status_line bidi "change"
	key bidi Right
	check "an unknown simulation's name in the status line: controls shown as <U+...>" \
	    'status_line bidi "no<U+202E>such<U+2066>sim<U+200F><U+061C><U+FEFF><U+E0041>"'
	key bidi Escape /
	key bidi -l "$(printf 'x\342\200\256y\357\273\277')"
	key bidi Enter
	check "a typed search query in the status line: controls shown as <U+...>" \
	    'status_line bidi "Not found: x<U+202E>y<U+FEFF>"'
	check "no bidi control reaches the screen raw" \
	    '! screen bidi | grep -q "$(printf "\342\200\256")"'
	key bidi Q
	ended bidi
}

section_setup() {
	# ./bootstrap --install-deps as a user without root and without sudo: a
	# PATH with every command but sudo and tmux (so one package is missing),
	# and an id that says uid 1000
	mkdir -p "$tmp/nosudo"
	for f in /usr/bin/* /bin/*; do
		b=${f##*/}
		case $b in sudo|tmux|id) continue ;; esac
		[ -e "$tmp/nosudo/$b" ] || ln -s "$f" "$tmp/nosudo/$b" 2>/dev/null
	done
	printf '#!/bin/sh
echo 1000
' >"$tmp/nosudo/id"
	chmod 755 "$tmp/nosudo/id"
	st=0
	PATH="$tmp/nosudo" "$top_srcdir/bootstrap" --install-deps >"$tmp/out" 2>&1 || st=$?
	check "bootstrap without root or sudo: says so, gives the apt-get line, exit 1" \
	    '[ $st -eq 1 ] && grep -q "needs root, and sudo is not installed" "$tmp/out" &&
	     grep -qx "    apt-get install -y tmux" "$tmp/out"'
	check "bootstrap without root or sudo: no 'sudo: not found'" \
	    '! grep -q "not found" "$tmp/out"'
}

for section in ${LAB_SECTIONS:-progress sessions lessons terminal setup}; do
	"section_$section"
done

[ "$skipped" -eq 0 ] || echo "lab: $skipped cases skipped"
echo "lab: $passed passed, $failed failed"
[ "$ran_any" = yes ] || exit 77
[ "$failed" -eq 0 ]
