# tests/lib.sh: the harness the shell suites share, sourced after setting
# SUITE: a temporary directory $T removed at exit, the pass and fail
# counters, ok/bad/check, and the closing line "SUITE: N passed, N failed".
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $SUITE: $*"; }
# check WHAT CMD...: one pass when CMD succeeds, else a failure named WHAT.
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }
# finish: the closing line, and the exit status.
finish() { echo "$SUITE: $pass passed, $fail failed"; [ $fail -eq 0 ]; }
