# Helpers for the end-to-end tests in tmux (sourced): the real program in
# a fresh 80x24 tmux server per start, driven with send-keys, read with
# capture-pane. Every check polls the screen until what it wants shows or a
# deadline passes; RNNTUTOR_TIME_FACTOR (a whole number, set by configure:
# larger with sanitizers) stretches every deadline. The sourcing script
# sets name (used in the socket and temporary names) and ends with e2e_end.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog="$(cd "$top_builddir" && pwd)/rnntutor"
e2e="$(cd "$top_srcdir/tests/data/e2e" && pwd)"
factor=${RNNTUTOR_TIME_FACTOR:-1}
case $factor in
''|*[!0-9]*|0*)
	echo "$name: RNNTUTOR_TIME_FACTOR must be a whole number from 1, not '$factor'" >&2
	exit 99 ;;
esac
if ! command -v tmux >/dev/null 2>&1; then
	echo "$name: tmux is not installed; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rnntutor-$name.XXXXXX")
n=0
sock="rnntutor-$name-$$-$n"
T() { tmux -L "$sock" -f /dev/null "$@"; }
# (a program killed with the server may still be saving: try twice)
trap 'T kill-server 2>/dev/null; rm -rf "$tmp" 2>/dev/null || { sleep 1; rm -rf "$tmp"; }' EXIT
# a new tmux server (own socket) for every start: no races with the last one
new_server() {
	T kill-server 2>/dev/null
	n=$((n + 1))
	sock="rnntutor-$name-$$-$n"
}
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; screen | sed 's/^/    | /'; }
check() { if eval "$2"; then ok; else bad "$1"; fi; }

# start_sized COLSxROWS [ENV=VALUE...]: run the program ($ARGS) in a fresh
# tmux session of that size, in $START_DIR (default tests/data/e2e, where
# the fixture lessons name their data), with HOME and XDG_STATE_HOME under
# $tmp
start_sized() {
	_size=$1
	shift
	new_server
	T new-session -d -s e2e -x "${_size%x*}" -y "${_size#*x}" \
	    -c "${START_DIR:-$e2e}" \
	    "env -i HOME=$tmp/home XDG_STATE_HOME=$tmp/state TERM=${TERM_E2E:-xterm} \
	    LANG=${LANG_E2E:-$utf8} $* $prog $ARGS; echo EXITED \$?; sleep 600"
}
# start [ENV=VALUE...]: the same at 80x24
start() { start_sized 80x24 "$@"; }
screen() { T capture-pane -p -t e2e 2>/dev/null; }
# the screen with its attributes (reverse video is ESC [7m)
screen_attr() { T capture-pane -p -e -t e2e 2>/dev/null; }
status() { screen | tail -n 1; }
# the page part of the screen (all but the status line)
page() { screen | sed '$d'; }
# keys KEY...: type; the short pause keeps Esc apart from the next key
keys() { T send-keys -t e2e "$@"; sleep 0.1; }
# until_ok SECONDS CONDITION: poll CONDITION (shell code) until it holds or
# SECONDS x RNNTUTOR_TIME_FACTOR have passed; it is tried once more at the end
until_ok() {
	_end=$(( $(date +%s) + $1 * factor ))
	while ! eval "$2"; do
		[ "$(date +%s)" -le "$_end" ] || return 1
		sleep 0.1
	done
}
# idle_ok: the program of process $pid used no CPU time at all over 2 s
# while nothing changed (read from /proc; true where there is no /proc)
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
idle_ok() {
	[ -r "/proc/$pid/stat" ] || return 0	# no /proc: nothing to read
	_t0=$(ticks) _end=$(( $(date +%s) + 2 ))
	until_ok 10 '[ "$(date +%s)" -gt "$_end" ]'
	_t1=$(ticks)
	echo "watch: idle CPU ticks over 2 s: $((_t1 - _t0))"
	[ "$_t1" -eq "$_t0" ]
}
# tab_to PATTERN [MAX]: press Tab until the status line matches PATTERN
# (an extended regular expression), at most MAX (30) more times; each Tab
# waits for the focus to have moved before the next is typed
tab_to() {
	_want=$1 _max=${2:-30} _i=0
	keys Tab
	while ! status | grep -qE -- "$_want" && [ $_i -lt "$_max" ]; do
		until_ok 10 'status | grep -qE "change|letter of your answer|type your answer|Predict:"'
		status | grep -qE -- "$_want" && break
		keys Tab
		_i=$((_i + 1))
	done
}
# running: the program has not ended (the shell prints EXITED when it has)
running() { ! screen | grep -q "^EXITED [0-9]"; }
# wait_for TEXT [SECONDS]: until the screen shows TEXT (default 10 s);
# fails at once when the program has ended, unless TEXT is what it printed
wait_for() {
	_text=$1
	until_ok "${2:-10}" 'screen | grep -qF -- "$_text" ||
	    { case $_text in EXITED*) false ;; *) ! running ;; esac; }' &&
	    screen | grep -qF -- "$_text"
}
# status_shows REGEX [SECONDS]: until the status line matches REGEX
status_shows() {
	_re=$1
	until_ok "${2:-10}" 'status | grep -qE -- "$_re" || ! running' &&
	    status | grep -qE -- "$_re"
}
# the knobs line of the focused simulation
knobs() { screen | grep -m1 "knobs:"; }
# the progress file as saved by the program
progress="$tmp/state/rnntutor/progress"

# e2e_end: the summary line and the exit status
e2e_end() {
	echo "$name: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
