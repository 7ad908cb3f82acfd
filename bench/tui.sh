#!/bin/sh
# Measures the TUI against the same work headless:
#  - resident memory with the whole course loaded, CPU while idle for 10 s;
#  - watch mode (--watch): CPU while idle for 10 s, time from a save to the
#    screen; CPU while idle without inotify (RNNTUTOR_WATCH=stat);
#  - bytes written to the terminal to scroll ten lines, against less;
#  - lesson 4's training block trained in the TUI (Enter) against
#    `rnntutor sim sentiment` with the same parameters: CPU of each, ratio;
#  - CPU of twenty Up/Down/Tab/Esc presses in lesson 4 (they re-run nothing);
#  - CPU of a search over every lesson from the lesson list;
#  - a lesson of 2000 blocks of the largest bptt-norms: time to the first
#    screen, to the lesson list after q, to the exit after SIGTERM;
#  - instructions to load the course and lay out lesson 1 (callgrind).
# Every wait polls the screen with a deadline. A benchmark: it never fails.
#   RNNTUTOR=./rnntutor bench/tui.sh
set -u
prog=$(cd "$(dirname "${RNNTUTOR:-./rnntutor}")" && pwd)/$(basename "${RNNTUTOR:-./rnntutor}")
tmp=$(mktemp -d)
sock=rnntutor-bench-$$
T() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
utf8=$(locale -a 2>/dev/null | grep -i -m1 -E '^(C|en_US)\.utf-?8$')
envs="env -i HOME=$tmp XDG_STATE_HOME=$tmp/state TERM=xterm-256color LANG=$utf8"
hz=$(getconf CLK_TCK)

screen() { T capture-pane -p -t "$1" 2>/dev/null; }
# until: SESSION TEXT [SECONDS]: poll the screen until it shows TEXT
until_shows() {
	end=$(( $(date +%s) + ${3:-30} ))
	while [ "$(date +%s)" -le "$end" ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.01
	done
	echo "bench: '$2' never showed" >&2
	return 1
}
now() { date +%s.%N; }
since() { echo "$(now) $1" | awk '{printf "%.3f", $1 - $2}'; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
secs() { echo "$1 $hz" | awk '{printf "%.2f", $1 / $2}'; }
pid_of() { pgrep -n -f "$prog $1"; }

# --- memory, idle CPU, bytes per scrolled line --------------------------------
T new-session -d -s b -x 80 -y 24 "$envs $prog 2"
until_shows b "Lesson 2/"
pid=$(pid_of 2)
echo "resident memory (VmRSS): $(grep VmRSS /proc/$pid/status | awk '{print $2, $3}')"
t0=$(ticks "$pid")
sleep 10	# the measurement itself: CPU over ten idle seconds
t1=$(ticks "$pid")
echo "CPU while idle for 10 s: $((t1 - t0)) clock ticks (of $hz/s)"

# --- watch mode: idle CPU, and a save shown by itself ---------------------------
mkdir -p "$tmp/watched"
printf 'id: watched\nnumber: 95\ntitle: Watched\ngoal: x\nblocks:\n  - text: Before.\n' \
    > "$tmp/watched/w.yaml"
T new-session -d -s w -x 80 -y 24 "$envs $prog --watch -L $tmp/watched watched"
until_shows w "Before."
wpid=$(pid_of "--watch -L $tmp/watched")
t0=$(ticks "$wpid")
sleep 10	# the measurement itself: CPU over ten idle seconds
t1=$(ticks "$wpid")
echo "watch mode: CPU while idle for 10 s: $((t1 - t0)) clock ticks (of $hz/s)"
start=$(now)
sed -i 's/Before\./After./' "$tmp/watched/w.yaml"
until_shows w "After." 5 &&
    echo "watch mode: a save on the screen after $(since "$start") s"
# the same lesson from $RNNTUTOR_PATH without inotify (a stamp at each key)
T new-session -d -s s -x 80 -y 24 \
    "$envs RNNTUTOR_PATH=$tmp/watched RNNTUTOR_WATCH=stat $prog --watch watched"
until_shows s "at the next key"
spid=$(pid_of "--watch watched")
t0=$(ticks "$spid")
sleep 10	# the measurement itself: CPU over ten idle seconds
t1=$(ticks "$spid")
echo "watch mode without inotify: CPU while idle for 10 s: $((t1 - t0)) clock ticks (of $hz/s)"

# bytes of ten one-line scrolls (each press waits for its new status line)
scroll_bytes() {	# SESSION FILE
	T send-keys -t "$1" d
	sleep 0.3
	T pipe-pane -t "$1" -o "cat > $2"
	sleep 0.2
	for i in 1 2 3 4 5 6 7 8 9 10; do T send-keys -t "$1" j; sleep 0.1; done
	sleep 0.5
	T pipe-pane -t "$1"
	wc -c < "$2"
}
ours=$(scroll_bytes b "$tmp/rnntutor.bytes")
T kill-session -t b
$envs "$prog" --print 2 > "$tmp/lesson2.txt"
T new-session -d -s l -x 80 -y 24 "$envs less -R $tmp/lesson2.txt"
until_shows l "Lesson 2:"
theirs=$(scroll_bytes l "$tmp/less.bytes")
T kill-session -t l
echo "bytes to scroll ten lines, one at a time: rnntutor $ours, less $theirs"

# --- lesson 4: training in the TUI against headless ----------------------------
params="model=lstm embed=32 hidden=32 epochs=10 batch=32 lr=0.005 min_count=2 clip=5 seed=1"
T new-session -d -s t -x 80 -y 24 "$envs $prog 4"
until_shows t "Lesson 4/"
pid=$(pid_of 4)
# Tab to the block "Training the LSTM classifier"
for i in 1 2 3 4 5 6 7 8 9 10; do
	screen t | grep -q "Training the LSTM classifier" &&
	    screen t | grep -q "Enter: train" && break
	T send-keys -t t Tab
	sleep 0.2
done
t0=$(ticks "$pid")
T send-keys -t t Enter
until_shows t "Trained " 120
t1=$(ticks "$pid")
tui=$((t1 - t0))
cpu=$( { /usr/bin/time -f "%U %S" $envs "$prog" sim sentiment $params \
    >/dev/null; } 2>&1 | tail -n 1 | awk '{printf "%.0f", ($1 + $2) * '"$hz"'}')
echo "training lesson 4's block: TUI $(secs $tui) s CPU, headless" \
    "$(secs "$cpu") s CPU, ratio $(echo "$tui $cpu" | awk '{printf "%.2f", $1 / ($2 > 0 ? $2 : 1)}')"

# twenty knob-selection, focus and Esc presses: nothing runs again
t0=$(ticks "$pid")
for k in Up Down Up Down Tab BTab Escape Tab Up Down Escape BTab Down Up \
    Tab Escape BTab Up Down Escape; do
	T send-keys -t t "$k"
	sleep 0.05
done
sleep 0.3
t1=$(ticks "$pid")
echo "CPU of 20 Up/Down/Tab/Esc presses in lesson 4: $(secs $((t1 - t0))) s"

# search every lesson from the lesson list
T send-keys -t t q
until_shows t "Vanilla RNNs"
t0=$(ticks "$pid")
T send-keys -t t / g r a d i e n t Enter
until_shows t "gradient"
sleep 0.3
t1=$(ticks "$pid")
echo "CPU of a search over every lesson: $(secs $((t1 - t0))) s"
T kill-session -t t

# --- 2000 blocks of the largest bptt-norms ------------------------------------
mkdir -p "$tmp/heavy"
{
	printf 'id: heavy\nnumber: 9\ntitle: Two thousand heavy blocks\n'
	printf 'goal: The largest bptt-norms, 2000 times.\nblocks:\n'
	i=1
	while [ $i -le 2000 ]; do
		printf '  - sim: bptt-norms\n    params: {hidden: 256, steps: 2000, '
		printf 'sweep: "on", seed: %d}\n' $i
		i=$((i + 1))
	done
} > "$tmp/heavy/heavy.yaml"
start=$(now)
T new-session -d -s h -x 80 -y 24 "$envs $prog -L $tmp/heavy heavy"
until_shows h "Simulation bptt-norms" >/dev/null
echo "2000 heavy blocks: first screen after $(since "$start") s"
T send-keys -t h G
until_shows h "Computing" >/dev/null
start=$(now)
T send-keys -t h q
until_shows h "Vanilla RNNs" >/dev/null
echo "2000 heavy blocks: q answered (lesson list) after $(since "$start") s"
T send-keys -t h 9
until_shows h "Computing" >/dev/null
pid=$(pgrep -n -f "$prog -L $tmp/heavy")
start=$(now)
kill -TERM "$pid"
# ended: gone, or a zombie (tmux may take a second to reap its pane)
end=$(( $(date +%s) + 10 ))
while [ -e "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" \
    2>/dev/null)" != Z ] && [ "$(date +%s)" -le "$end" ]; do
	sleep 0.002
done
echo "2000 heavy blocks: SIGTERM ended it after $(since "$start") s"
T kill-server 2>/dev/null

if command -v valgrind >/dev/null 2>&1; then
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
	    "$prog" --print 1 >/dev/null 2>"$tmp/cg.err"
	echo "instructions for --print 1: $(grep -o 'Collected : [0-9]*' "$tmp/cg.err" | awk '{print $3}')"
fi
