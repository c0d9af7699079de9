#!/usr/bin/env bash
# The index can never be half-written: a rebuild killed at any moment, or
# stopped by a full disk (RLIMIT_FSIZE), leaves the previous index as it
# was; bots keep answering while it is rebuilt; two rebuilds at once end
# in one valid index. usage: tests/safety.sh BUILD_DIR
set -u
B=${1:?usage: tests/safety.sh BUILD_DIR}
cd "$(dirname "$0")/.."
SUITE=safety
. tests/lib.sh
IDX=$B/faqbot-index BOT=$B/faqbot
answers() { # db: the bot answers from it
	$BOT --db "$1" "what causes sudden lower back pain" 2>/dev/null | grep -q "sudden guest"
}

# A corpus big enough that building it takes a while (about a second).
awk 'BEGIN { srand(7); for (i = 1; i <= 30000; i++) {
	q = ""; a = ""
	for (j = 0; j < 8; j++) q = q " w" int(rand() * 5000)
	for (j = 0; j < 50; j++) a = a " w" int(rand() * 5000)
	printf "g%d\t%s?\t%s.\n", i, q, a } }' >"$T/big.tsv"
$IDX --no-wordnet corpus/massage-back-pain.txt -o "$T/faq.db" 2>/dev/null
sum=$(sha256sum <"$T/faq.db")

# SIGKILL at several moments of a rebuild.
for delay in 0.05 0.2 0.4 0.7; do
	$IDX --no-wordnet --format tsv "$T/big.tsv" -o "$T/faq.db" 2>/dev/null &
	pid=$!
	sleep $delay
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ "$(sha256sum <"$T/faq.db")" = "$sum" ]; then
		check "killed after ${delay}s: the old index answers" answers "$T/faq.db"
	else # the build had finished: the new index must be whole
		check "killed after ${delay}s (done): the new index opens" \
			$BOT --db "$T/faq.db" "w1 w2" >/dev/null
	fi
	rm -f "$T"/faq.db.tmp-* # what a killed build leaves behind
	$IDX --no-wordnet corpus/massage-back-pain.txt -o "$T/faq.db" 2>/dev/null
	sum=$(sha256sum <"$T/faq.db")
done

# A full disk: the file size limit stops the build part way.
{ (ulimit -f 2000; exec $IDX --no-wordnet --format tsv "$T/big.tsv" -o "$T/faq.db"); } 2>/dev/null
rc=$?
check "a build over the file size limit fails (exit $rc)" test $rc -ne 0
check "the old index is unchanged" test "$(sha256sum <"$T/faq.db")" = "$sum"
check "the old index answers" answers "$T/faq.db"
rm -f "$T"/faq.db.tmp-* # killed by SIGXFSZ: no chance to clean up
# With SIGXFSZ ignored the write fails instead: the build must say so.
(trap '' XFSZ; ulimit -f 2000; exec $IDX --no-wordnet --format tsv "$T/big.tsv" -o "$T/faq.db") 2>"$T/err"
rc=$?
check "a failed write exits 2 (got $rc)" test $rc -eq 2
check "a failed write names the index" grep -q "faq.db" "$T/err"
check "and leaves the old index" test "$(sha256sum <"$T/faq.db")" = "$sum"
check "and no temporary file" test -z "$(ls "$T" | grep tmp)"

# Bots answer while the index is rebuilt: one long-lived bot (it keeps its
# open file) and one-shot bots (each opens the old or the new index).
mkfifo "$T/in"
$BOT --db "$T/faq.db" --json <"$T/in" >"$T/long.jsonl" 2>"$T/long.err" &
bot=$!
exec 3>"$T/in"
errors=0 asked=0
for round in 1 2 3; do
	$IDX --no-wordnet corpus/massage-back-pain.txt -o "$T/faq.db" 2>/dev/null &
	rebuild=$!
	while kill -0 $rebuild 2>/dev/null; do
		echo "what causes sudden lower back pain" >&3
		$BOT --db "$T/faq.db" "what causes sudden lower back pain" >/dev/null 2>>"$T/short.err" ||
			errors=$((errors + 1))
		asked=$((asked + 1))
	done
	wait $rebuild
done
exec 3>&-
wait $bot
check "one-shot bots during $asked rebuild moments: no error" test $errors -eq 0 -a ! -s "$T/short.err"
check "the long-lived bot answered every question" test "$(grep -c '"outcome":"answer"' "$T/long.jsonl")" -eq "$asked"
check "the long-lived bot reported nothing" test ! -s "$T/long.err"

# Two rebuilds at once: one of them wins, whole.
$IDX --no-wordnet corpus/massage-back-pain.txt -o "$T/faq.db" 2>/dev/null &
a=$!
$IDX --no-wordnet --format tsv "$T/big.tsv" -o "$T/faq.db" 2>/dev/null &
b=$!
wait $a; ra=$?
wait $b; rb=$?
check "two rebuilds at once both succeed ($ra, $rb)" test $ra -eq 0 -a $rb -eq 0
check "the index is one of the two, whole" sh -c "$BOT --db '$T/faq.db' 'what causes sudden lower back pain' >/dev/null || $BOT --db '$T/faq.db' 'w1 w2 w3' >/dev/null; test \$? -le 1"
check "no temporary file is left" test -z "$(ls "$T" | grep tmp)"

finish
