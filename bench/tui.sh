#!/bin/sh
# Measures the TUI the way issue 5 asks: resident memory with the whole
# course loaded, CPU used while idle for 10 s, bytes written to the terminal
# to scroll a line (ten presses of j, against less on the --print output of the same
# lesson), and the instructions to load the course and lay out lesson 1
# (valgrind --tool=callgrind, repeatable unlike a stopwatch).
#   RNNTUTOR=./rnntutor bench/tui.sh
set -u
prog=$(cd "$(dirname "${RNNTUTOR:-./rnntutor}")" && pwd)/$(basename "${RNNTUTOR:-./rnntutor}")
tmp=$(mktemp -d)
sock=rnntutor-bench-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
envs="env -i HOME=$tmp TERM=xterm-256color LANG=$utf8"

T new-session -d -s b -x 80 -y 24 "$envs $prog 2"
sleep 1
pid=$(pgrep -n -f "$prog 2")
echo "resident memory (VmRSS): $(grep VmRSS /proc/$pid/status | awk '{print $2, $3}')"
t0=$(awk '{print $14 + $15}' /proc/$pid/stat)
sleep 10
t1=$(awk '{print $14 + $15}' /proc/$pid/stat)
echo "CPU while idle for 10 s: $((t1 - t0)) clock ticks (of $(getconf CLK_TCK)/s)"

# bytes to scroll one line: capture the pane's output around one 'j'
T send-keys -t b d
sleep 0.3
T pipe-pane -t b -o "cat > $tmp/rnntutor.bytes"
sleep 0.2
for i in 1 2 3 4 5 6 7 8 9 10; do T send-keys -t b j; sleep 0.1; done
sleep 0.5
T pipe-pane -t b
ours=$(wc -c < "$tmp/rnntutor.bytes")
T kill-session -t b

$envs "$prog" --print 2 > "$tmp/lesson2.txt"
T new-session -d -s l -x 80 -y 24 "$envs less -R $tmp/lesson2.txt"
sleep 0.5
T send-keys -t l d
sleep 0.3
T pipe-pane -t l -o "cat > $tmp/less.bytes"
sleep 0.2
for i in 1 2 3 4 5 6 7 8 9 10; do T send-keys -t l j; sleep 0.1; done
sleep 0.5
T pipe-pane -t l
theirs=$(wc -c < "$tmp/less.bytes")
echo "bytes to scroll ten lines, one at a time: rnntutor $ours, less $theirs"

if command -v valgrind >/dev/null 2>&1; then
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
	    "$prog" --print 1 >/dev/null 2>"$tmp/cg.err"
	echo "instructions for --print 1: $(grep -o 'Collected : [0-9]*' "$tmp/cg.err" | awk '{print $3}')"
fi
