#!/usr/bin/env bash
# Runs every test against each build directory given (the plain build and
# the sanitizer build) and ends with the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0
# Adds the counts of a suite's closing line "name: N passed, N failed".
tally() {
	local line
	line=$(grep -E '^[a-z0-9-]+: [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$' <<<"$1" | tail -1)
	if [ -z "$line" ]; then
		fail=$((fail + 1)); echo "FAIL: $2 printed no closing line"; return
	fi
	set -- $line
	pass=$((pass + $2)); fail=$((fail + $4))
}
for b in "$@"; do
	echo "== $b"
	for suite in "$b/unit" "tests/e2e.sh $b" "tests/review.sh $b" "tests/pty.sh $b" "tests/test_debianfaq.sh $b" "tests/lang.sh $b" "tests/safety.sh $b"; do
		out=$($suite 2>&1)
		printf '%s\n' "$out" | grep -E '^(FAIL|[a-z0-9-]+: [0-9]+ passed)|ERROR|runtime error' | head -60
		tally "$out" "$suite"
	done
done
# Once, not per build: installing; fuzzing every parser for a few seconds
# plus the crashes found before (tests/fuzz/regress); a long session's
# memory, on the plain build.
out=$(tests/install.sh 2>&1); printf '%s\n' "$out" | grep -E '^(FAIL|install:)'; tally "$out" tests/install.sh
out=$(make --no-print-directory fuzz-smoke 2>&1); printf '%s\n' "$out" | grep -E '^(FAIL|fuzz)'; tally "$out" "make fuzz-smoke"
for b in "$@"; do # valgrind on the plain build, LeakSanitizer on the other
	out=$(tests/leak.sh "$b" 2>&1); printf '%s\n' "$out" | grep -E '^(FAIL|leak:|==)' | head -60; tally "$out" tests/leak.sh
done
out=$(make --no-print-directory bench-smoke 2>&1); printf '%s\n' "$out" | grep -E '^(FAIL|bench:)'; tally "$out" "make bench-smoke"
if out=$(make --no-print-directory -s lint 2>&1); then lint="lint: 1 passed, 0 failed"; else
	printf '%s\n' "$out" | head -20; lint="lint: 0 passed, 1 failed"; fi
echo "$lint"; tally "$lint" "make lint"
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
