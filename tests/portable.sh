#!/bin/sh
# The copied binary carries itself: a program built with
# ./configure --enable-static-deps needs no shared library but the C
# library's, and works where libyaml and ncursesw are not installed.
#
# Run from a build directory configured with --enable-static-deps:
#   top_srcdir=SRC top_builddir=. sh SRC/tests/portable.sh
# It checks the program's DT_NEEDED entries, then, in a private mount
# namespace where the shared libyaml and libncursesw are hidden (a bind
# mount of /dev/null over each), that the program prints every lesson and
# passes the end-to-end tests in tmux. The namespace needs root or
# unprivileged user namespaces (unshare -r); without either, only the first
# check runs and the rest is reported as skipped.
# Prints "portable: N passed, N failed"; exits 1 on a failure.
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
prog="$(cd "$top_builddir" && pwd)/rnntutor"
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

# 1. what the dynamic linker is asked for
if ! command -v readelf >/dev/null 2>&1; then
	echo "portable: readelf (binutils) is needed"; exit 99
fi
needed=$(readelf -d "$prog" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
echo "portable: $prog needs: $needed"
case " $needed" in
*" libyaml"*|*" libncurses"*|*" libtinfo"*)
	bad "the program still links a shared libyaml, ncurses or tinfo: $needed"
	echo "portable: configure it with --enable-static-deps"
	echo "portable: $passed passed, $failed failed"
	exit 1 ;;
*) ok ;;
esac

# 2. the same, proven by running it where those libraries are gone
libdir=$(dirname "$(ldconfig -p 2>/dev/null | sed -n 's/.*libyaml-0\.so\.2 .*=> //p' | head -n 1)")
hide=""
for lib in libyaml-0.so.2 libncursesw.so.6; do
	[ -e "$libdir/$lib" ] && hide="$hide mount --bind /dev/null $libdir/$lib &&"
done
if [ "$libdir" = . ] || [ -z "$hide" ]; then
	echo "portable: no shared libyaml or libncursesw installed: nothing to hide"
	hidden() { sh -c "$1"; }
elif [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	hidden() { unshare -m sh -c "$hide $1"; }
elif unshare -rm true 2>/dev/null; then
	hidden() { unshare -rm sh -c "$hide $1"; }
else
	echo "portable: cannot make a private mount namespace (no root, no user namespaces); runs skipped"
	echo "portable: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]; exit
fi
# the hiding works: a program with the shared libyaml cannot start there
if [ -n "$hide" ]; then
	cat >"${TMPDIR:-/tmp}/portable-probe.$$.c" <<'EOF'
#include <yaml.h>
int main(void) { return yaml_get_version_string() == 0; }
EOF
	if ${CC:-cc} -o "${TMPDIR:-/tmp}/portable-probe.$$" \
	    "${TMPDIR:-/tmp}/portable-probe.$$.c" -lyaml 2>/dev/null; then
		if hidden "${TMPDIR:-/tmp}/portable-probe.$$" 2>/dev/null; then
			bad "a program linked with the shared libyaml still starts where it is hidden"
		else
			ok
		fi
	fi
	rm -f "${TMPDIR:-/tmp}/portable-probe.$$" "${TMPDIR:-/tmp}/portable-probe.$$.c"
fi
for n in 1 2 3 4; do
	if hidden "'$prog' --print $n --budget 0 >/dev/null"; then ok
	else bad "--print $n where libyaml and libncursesw are hidden"; fi
done
if hidden "'$prog' --check '$top_srcdir'/lessons/*.yaml >/dev/null"; then ok
else bad "--check of the course where libyaml and libncursesw are hidden"; fi
if command -v tmux >/dev/null 2>&1; then
	out=$(hidden "top_srcdir='$top_srcdir' top_builddir='$top_builddir' sh '$top_srcdir/tests/e2e/tui.sh'" 2>&1)
	line=$(echo "$out" | grep -E '^e2e: [0-9]+ passed' | tail -n 1)
	echo "portable: hidden libraries, $line"
	case "$line" in
	*" 0 failed") ok ;;
	*) bad "the end-to-end tests where libyaml and libncursesw are hidden"
	   echo "$out" | tail -n 40 ;;
	esac
else
	echo "portable: tmux is not installed; the end-to-end run is skipped"
fi
echo "portable: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
