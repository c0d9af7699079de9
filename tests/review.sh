#!/usr/bin/env bash
# End-to-end tests of small talk, the miss log (faqbot --log-misses) and
# its review (faqbot-index --review): the loop by which an author learns
# what users asked that the FAQ did not answer.
# usage: tests/review.sh BUILD_DIR
set -u
B=${1:?usage: tests/review.sh BUILD_DIR}
cd "$(dirname "$0")/.."
SUITE=review
. tests/lib.sh

DB=$B/faq.db
BOT="$B/faqbot --db $DB"
IDX=$B/faqbot-index
# The bot must not log unless told: no miss log from the environment.
unset FAQBOT_LOG_MISSES

# --- Small talk: a reply, not a search.
printf '%s\n' 'hello' 'Thanks a lot!' 'ok bye' \
	'thanks to massage, will my back heal?' >"$T/chat.txt"
$BOT <"$T/chat.txt" >"$T/chat.out" 2>"$T/chat.err"
check "small talk: one line per input line" test "$(wc -l <"$T/chat.out")" -eq 4
check "small talk: a greeting is greeted" \
	test "$(sed -n 1p "$T/chat.out")" = "Hello! Ask me anything about this FAQ."
check "small talk: thanks are welcome" \
	test "$(sed -n 2p "$T/chat.out")" = "You're welcome."
check "small talk: ok bye is a farewell" \
	test "$(sed -n 3p "$T/chat.out")" = "Goodbye!"
check "small talk: a question with 'thanks' in it is searched" \
	test "$(sed -n 4p "$T/chat.out")" != "You're welcome."
check "small talk: nothing on stderr" test ! -s "$T/chat.err"

printf '%s\n' 'hi there!' 'can massage help me sleep better?' >"$T/chatj.txt"
$BOT --json <"$T/chatj.txt" >"$T/chatj.jsonl"
check "small talk: the JSON contract holds" \
	python3 tests/jsoncheck.py "$T/chatj.txt" "$T/chatj.jsonl"
python3 - "$T/chatj.jsonl" <<'PY' && ok || bad "small talk in JSON: smalltalk field, outcome smalltalk, no answer"
import json, sys
o = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
s = o[0]
assert s["smalltalk"].startswith("Hello!"), s
assert s["outcome"] == "smalltalk", s
assert s["answer"] is None and s["id"] is None and s["score"] is None, s
assert s["matches"] == [], s
assert "smalltalk" not in o[1] and o[1]["outcome"] == "answer", o[1]
PY
out=$($BOT "who are you?"); rc=$?
check "small talk in the arguments exits 0 (got $rc)" test $rc -eq 0
check "small talk in the arguments: the reply" grep -q "^I'm faqbot" <<<"$out"

# --- The miss log: questions declined or answered below 0.7, not the rest.
CONFIDENT1='can massage help me sleep better?'
CONFIDENT2='what causes sudden lower back pain'
UNKNOWN='who painted the mona lisa'
PARA1='is massage covered by insurance'
PARA2='does insurance pay for massage'
printf '%s\n' "$CONFIDENT1" "$UNKNOWN" "$PARA1" 'thanks!' '' "$CONFIDENT2" \
	"$PARA2" "$PARA1?" >"$T/q.txt"
LOG=$T/miss.log
$BOT --json --log-misses "$LOG" <"$T/q.txt" >"$T/q.jsonl" 2>"$T/q.err"; rc=$?
check "--log-misses: exit 0 (got $rc)" test $rc -eq 0
check "--log-misses: nothing on stderr" test ! -s "$T/q.err"
check "--log-misses: the answers are unchanged (JSON contract)" \
	python3 tests/jsoncheck.py "$T/q.txt" "$T/q.jsonl"
python3 - "$T/q.jsonl" "$LOG" "$CONFIDENT1" "$CONFIDENT2" "$UNKNOWN" <<'PY' && ok || bad "--log-misses: exactly the declined and unsure questions, well formed"
import json, re, sys
jsonl, log, conf1, conf2, unknown = sys.argv[1:]
o = [json.loads(l) for l in open(jsonl, encoding="utf-8")]
# What the bot said decides what should be logged.
want = [x for x in o if x["outcome"] != "smalltalk" and "declined" not in x
        and (x["answer"] is None or x["score"] < 0.7)]
rows = [l.rstrip("\n").split("\t") for l in open(log, encoding="utf-8")]
assert all(len(r) == 4 for r in rows), rows
assert [r[3] for r in rows] == [x["question"] for x in want], (rows, want)
for r, x in zip(rows, want):
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r[0]), r
    assert re.fullmatch(r"[01]\.\d\d", r[1]), r
    best = x["matches"][0]["id"] if x["matches"] else "-"
    assert r[2] == best, (r, x)
    score = x["matches"][0]["score"] if x["matches"] else 0
    assert abs(float(r[1]) - score) < 0.006, (r, x)
qs = [r[3] for r in rows]
assert conf1 not in qs and conf2 not in qs, qs   # confident: not logged
assert unknown in qs and rows[qs.index(unknown)][2] == "-", rows
assert "thanks!" not in qs and "" not in qs, qs  # small talk, empty line
assert len(rows) >= 4, rows
PY

# Answered, but unsure: with a low threshold the bot answers questions it
# matched poorly; they are logged with the entry it gave.
LOW='can massage cure cancer'
$BOT --json --threshold 0.05 --log-misses "$T/low.log" "$LOW" >"$T/low.json"
python3 - "$T/low.json" "$T/low.log" <<'PY' && ok || bad "--log-misses: an answer below 0.7 is logged with its id"
import json, sys
o = json.load(open(sys.argv[1]))
assert o["answer"] is not None and o["score"] < 0.7, \
    f"pick another question: this one is answered at {o['score']}"
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2])]
assert len(rows) == 1 and rows[0][2] == o["id"] and rows[0][3] == o["question"], rows
PY

# Appending, from the environment; --test is no user's question.
n0=$(wc -l <"$LOG")
printf '%s\n' "$UNKNOWN" | FAQBOT_LOG_MISSES=$LOG $BOT >/dev/null
check "FAQBOT_LOG_MISSES appends to the log" test "$(wc -l <"$LOG")" -eq $((n0 + 1))
printf '%s\t-\n' "$UNKNOWN" >"$T/cases.tsv"
$BOT --test "$T/cases.tsv" --log-misses "$LOG" >/dev/null
check "--test writes no miss log" test "$(wc -l <"$LOG")" -eq $((n0 + 1))
$BOT --log-misses "$LOG" "$CONFIDENT1" >/dev/null
check "a confident answer in the arguments is not logged" \
	test "$(wc -l <"$LOG")" -eq $((n0 + 1))

# A write error is said once; answering goes on.
if [ -w /dev/full ]; then
	printf '%s\n' "$UNKNOWN" "$PARA1" "$PARA2" |
		$BOT --log-misses /dev/full >"$T/full.out" 2>"$T/full.err"; rc=$?
	check "log write errors: exit 0 (got $rc)" test $rc -eq 0
	check "log write errors: every question answered" \
		test "$(wc -l <"$T/full.out")" -eq 3
	check "log write errors: said once" test "$(wc -l <"$T/full.err")" -eq 1
	check "log write errors: names the log" grep -q "/dev/full" "$T/full.err"
fi
$BOT --log-misses "$T/no/such/dir/miss.log" "$UNKNOWN" >"$T/o" 2>"$T/e"; rc=$?
check "an unopenable log: the question's own exit status (got $rc)" test $rc -eq 1
check "an unopenable log: said once, naming it" \
	test "$(grep -c "no/such/dir/miss.log" "$T/e")" -eq 1
check "an unopenable log: still answered" grep -q "I don't know" "$T/o"
cp "$DB" "$T/idx.db"; sum=$(sha256sum <"$T/idx.db")
$B/faqbot --db "$T/idx.db" --log-misses "$T/./idx.db" "$UNKNOWN" >/dev/null 2>"$T/e"
check "the index is never the log: refused" grep -q "is the index" "$T/e"
check "the index is never the log: unchanged" test "$sum" = "$(sha256sum <"$T/idx.db")"

# --- Review: the two wordings of the insurance question are one group.
# block FILE TEXT: the group (blank-line separated) holding line TEXT.
block() { awk -v RS= -v t="$2" 'index("\n" $0 "\n", t) { print; exit }' "$1"; }
$IDX --review "$LOG" >"$T/rev.out" 2>"$T/rev.err"; rc=$?
check "--review: exit 0 (got $rc)" test $rc -eq 0
check "--review: nothing on stderr" test ! -s "$T/rev.err"
g=$(block "$T/rev.out" "  $PARA1")
check "--review: the paraphrases are grouped" \
	grep -qxF "   $PARA2" <<<"$g"
check "--review: the group counts both wordings (3 lines)" \
	grep -qxF "3  $PARA1 (2)" <<<"$g"
check "--review: the largest group comes first" \
	test "$(sed -n 3p "$T/rev.out")" = "3  $PARA1 (2)"
check "--review: a question no entry came close to" \
	grep -qF "no entry came close" <<<"$(block "$T/rev.out" "  $UNKNOWN")"
best=$(grep -F "$PARA1" "$LOG" | head -1 | cut -f3)
$IDX --review "$LOG" --db "$DB" >"$T/revdb.out" 2>&1; rc=$?
check "--review --db: exit 0 (got $rc)" test $rc -eq 0
g=$(block "$T/revdb.out" "  $PARA1")
check "--review --db: the entry the bot found closest ($best)" \
	grep -qF "best match: $best, for 3 of 3" <<<"$g"
check "--review --db: its question and place" \
	grep -qE '^     ".*\?" \(corpus/massage-back-pain.txt:[0-9]+\)$' <<<"$g"
check "--review --db: the Q: line to add" grep -qxF "     Q: $PARA1" <<<"$g"
check "--review --db: says the article format has no alternates" \
	grep -qF "in the article format" <<<"$g"

# Bad input: odd lines are skipped with their line number; errors exit 2.
{ cat "$LOG"; printf 'not a log line\n\n'; } >"$T/mixed.log"
$IDX --review "$T/mixed.log" >"$T/o" 2>"$T/e"; rc=$?
check "--review: a bad line is skipped (got $rc)" test $rc -eq 0
check "--review: the bad line is named" \
	grep -q "mixed.log:$(($(wc -l <"$LOG") + 1)): not a miss-log line" "$T/e"
$IDX --review "$T/none.log" >/dev/null 2>"$T/e"; rc=$?
check "--review of a missing log exits 2 (got $rc)" test $rc -eq 2
check "--review of a missing log names it" grep -q "none.log" "$T/e"
$IDX --review "$LOG" corpus/massage-back-pain.txt >/dev/null 2>&1; rc=$?
check "--review with corpus files is a usage error (got $rc)" test $rc -eq 2
$IDX --db "$DB" corpus/massage-back-pain.txt -o "$T/x.db" >/dev/null 2>&1; rc=$?
check "--db without --review is a usage error (got $rc)" test $rc -eq 2
: >"$T/empty.log"
$IDX --review "$T/empty.log" >"$T/o" 2>&1; rc=$?
check "--review of an empty log: exit 0 (got $rc)" test $rc -eq 0
check "--review of an empty log: says so" grep -q "0 questions in 0 groups" "$T/o"

# --- The whole loop on a FAQ-format corpus: misses logged, reviewed, the
# suggested Q: line added where the review says, and the question answered.
cat >"$T/shop.md" <<'FAQ'
# Shop FAQ

Q: How long does shipping take?
A: Parcels arrive within three working days.

Q: Can I return an item?
A: Yes, within thirty days, unopened.
FAQ
$IDX "$T/shop.md" -o "$T/shop.db" 2>/dev/null
SHOP="$B/faqbot --db $T/shop.db"
printf '%s\n' 'my item arrived broken' 'my item came broken' \
	'How long does shipping take?' | $SHOP --log-misses "$T/shop.log" >/dev/null
check "loop: the two misses are logged" test "$(wc -l <"$T/shop.log")" -eq 2
$IDX --review "$T/shop.log" --db "$T/shop.db" >"$T/shop.rev" 2>&1
g=$(block "$T/shop.rev" "  my item arrived broken")
check "loop: one group of both" grep -qxF "   my item came broken" <<<"$g"
where=$(sed -nE 's/^   to answer them with it, add after (.*):([0-9]+):$/\2/p' <<<"$g")
qline=$(sed -nE 's/^     (Q: .*)$/\1/p' <<<"$g")
check "loop: where to add the Q: line (line $where)" test "$where" = 6
check "loop: the Q: line ($qline)" test "$qline" = "Q: my item arrived broken"
if [ -n "$where" ] && [ -n "$qline" ]; then
	sed -i "${where}a\\$qline" "$T/shop.md"
	$IDX "$T/shop.md" -o "$T/shop.db" 2>/dev/null
	out=$($SHOP --json 'my item arrived broken')
	python3 -c 'import json,sys; o=json.loads(sys.argv[1]); assert o["id"]=="can-i-return-an-item" and o["score"]>=0.7, o' "$out" &&
		ok || bad "loop: after adding the line, the question is answered confidently"
fi

finish
