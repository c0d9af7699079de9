#!/usr/bin/env bash
# tests/leak.sh BUILD_DIR: faqbot's memory over long sessions. 100,000 varied
# questions (hostile, empty and long lines among them) through one piped
# --json process: no leak under valgrind on the first LEAK_VALGRIND of them
# (default 5,000; valgrind runs ~50x slower), and a flat peak RSS over all
# of them (at 100,000 at most LEAK_RSS_SLACK_KB above the peak at 10,000).
# The first LEAK_VECTORS (300) of them go through make's index, with its
# sentence vectors, the same way; the rest ask the article indexed by
# words alone. Then ~200 lines at the prompt in a pty (script(1)) under
# valgrind: :help,
# :top, Tab completion, questions, :quit. Readline's own still-reachable
# memory is allowed; definite and indirect leaks are not. A sanitizer build
# is checked with LeakSanitizer instead of valgrind, and its RSS not judged.
set -u
if [ $# -ne 1 ] || [ ! -x "$1/faqbot" ] || [ ! -f "$1/faq.db" ]; then
	echo "usage: tests/leak.sh BUILD_DIR (holding faqbot and faq.db)" >&2
	exit 2
fi
B=$(cd "$1" && pwd)
cd "$(dirname "$0")/.." || exit 2
BOT=$B/faqbot VDB=$B/faq.db
N=${LEAK_QUESTIONS:-100000} NV=${LEAK_VALGRIND:-5000} NS=${LEAK_VECTORS:-300}
MARK=$((N / 10)) SLACK=${LEAK_RSS_SLACK_KB:-2048}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL leak: $*"; }
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP

asan=0
if grep -qa __asan_init "$BOT"; then # built with -fsanitize=address
	asan=1
elif ! command -v valgrind >/dev/null 2>&1; then
	echo "leak: valgrind missing (Debian package valgrind); no leak check"
	echo "leak: $pass passed, 1 failed"
	exit 1
fi

# checked LOG CMD...: runs CMD under valgrind, or with LeakSanitizer in a
# sanitizer build, writing the report to LOG (LOG.PID for ASan).
checked() {
	local log=$1
	shift
	if [ $asan = 1 ]; then
		ASAN_OPTIONS=detect_leaks=1:log_path=$log "$@"
	else
		valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=99 --log-file="$log" "$@"
	fi
}
# verdict WHAT LOG RC: passes when the checked run exited 0 and its report
# shows no error and no definite or indirect leak; prints valgrind's sums.
verdict() {
	local what=$1 log=$2 rc=$3 sums
	if [ $asan = 1 ]; then
		if [ "$rc" = 0 ] && ! ls "$log".* >/dev/null 2>&1; then
			echo "leak: $what: no leak (LeakSanitizer)"; ok; else
			bad "$what: exit $rc under LeakSanitizer"; cat "$log".* 2>/dev/null | head -40; fi
		return
	fi
	sums=$(sed -nE 's/^==[0-9]+== +(definitely lost|indirectly lost|possibly lost|still reachable): ([0-9,]+) bytes.*/\1 \2 B/p;
		s/^==[0-9]+== ERROR SUMMARY: ([0-9]+) errors.*/\1 errors/p' "$log" | paste -sd';' - | sed 's/;/; /g')
	grep -q 'All heap blocks were freed' "$log" && sums="no leaks possible; $sums"
	echo "leak: $what: ${sums:-no summary}"
	if [ "$rc" = 0 ] && grep -qE '^==[0-9]+== ERROR SUMMARY: 0 errors' "$log"; then ok; else
		bad "$what: exit $rc; valgrind says:"; grep -E '^==[0-9]+== ' "$log" | head -60; fi
}

# ---- the questions --------------------------------------------------------
# Short lines cycled to N lines, byte for byte; some get a different unknown
# word each time, some are upper-cased; every 500th is one of the long ones.
# The hostile lines first: the vectors' shorter session below takes the
# first lines of the cycle, and must meet them all.
{
	cat tests/golden/questions.txt
	printf '\n'
	printf '   \t  \n'
	printf 'does massage help sleep?\r\n'
	printf '\"\"\" ( ) * ^ : - + NEAR AND OR NOT\n'
	printf "'; DROP TABLE entry; -- SELECT * FROM fts WHERE fts MATCH 'x*'\n"
	printf 'massage NEAR(back pain, 2) OR "blood" AND NOT flow*\n'
	printf 'bad \377\376 utf8 \300\200 massage \355\240\200 surrogate\n'
	printf 'nul \000 byte massage\n'
	printf '\033[31m escape massage \a \302\233 csi \177 del\n'
	printf 'masage theraphy for bak pian, docter, alternativ, bedtim\n'
	printf 'Massage \303\274ber R\303\274cken \320\274\320\260\321\201\321\201\320\260\320\266 \346\242\201 \360\237\230\200\n'
	printf 'supercalifragilisticexpialidocioussupercalifragilisticexpialidociousxyzzy massage\n'
	printf '%s\n' "$(printf 'why does my back hurt after lifting %.0s' {1..40})"
	grep -v '^#' tests/eval/article.tsv | cut -f1
} >"$T/pool"
{
	head -c 16000 /dev/zero | tr '\0' 'a'; printf ' massage\n'
	head -c 20000 /dev/zero | tr '\0' 'b'; printf '\n'
	printf '%s\n' "$(printf 'w%d massage sleep pain ' {1..700} | head -c 16380)"
} >"$T/long"
awk -v n="$N" '
	FILENAME == ARGV[1] { pool[k++] = $0; next }
	{ long[m++] = $0 }
	END {
		for (i = 0; i < n; i++) {
			q = pool[i % k]
			if (i % 500 == 499)
				q = long[int(i / 500) % m]
			else if (i % 5 == 1)
				q = q " w" i
			else if (i % 11 == 3)
				q = toupper(q)
			print q
		}
	}' "$T/pool" "$T/long" >"$T/q"
# LeakSanitizer costs little: a sanitizer build gets all N questions.
[ $asan = 1 ] && NV=$N
head -n "$NV" "$T/q" >"$T/qv"
echo "leak: $N questions ($(wc -c <"$T/q") bytes) from $(cat "$T/pool" "$T/long" | wc -l) lines"

# The long sessions ask the article indexed by words alone: a question's
# sentence vector costs milliseconds (a second under valgrind), and the
# words' path is where memory could creep over 100,000 questions. The
# encoder's path gets a shorter session of its own first, on make's index
# ($VDB).
DB=$T/words.db
"$B/faqbot-index" corpus/massage-back-pain.txt -o "$DB" 2>/dev/null ||
	bad "indexing the article by words"

# ---- one piped session with sentence vectors -----------------------------
{ head -n "$NS" "$T/q"; cat "$T/long"; } >"$T/qs"
ns=$(wc -l <"$T/qs")
checked "$T/vg-vec" "$BOT" --db "$VDB" --json <"$T/qs" >"$T/vec.out" 2>"$T/vec.err"
verdict "$ns piped --json questions, sentence vectors" "$T/vg-vec" $?
lines=$(wc -l <"$T/vec.out")
if [ "$lines" -eq "$ns" ]; then ok; else bad "$ns questions gave $lines JSON lines"; fi

# ---- one long piped session under valgrind --------------------------------
checked "$T/vg-pipe" "$BOT" --db "$DB" --json <"$T/qv" >"$T/pipe.out" 2>"$T/pipe.err"
verdict "$NV piped --json questions" "$T/vg-pipe" $?
lines=$(wc -l <"$T/pipe.out")
if [ "$lines" -eq "$NV" ]; then ok; else bad "$NV questions gave $lines JSON lines"; fi

# ---- peak RSS over all N, in the same process --------------------------
# The first MARK questions, then the rest, are written into faqbot's input;
# each time, once all the answers are out, /proc/PID/status gives its peak
# RSS (VmHWM) while it still waits for input. Only the first 12 bytes of
# each answer are kept, to count them.
# counted K: waits up to 600 s until K answers are out or faqbot has died.
counted() {
	local deadline=$((SECONDS + 600))
	while [ "$(wc -l <"$T/heads")" -lt "$1" ] && kill -0 "$pid" 2>/dev/null &&
		[ $SECONDS -lt $deadline ]; do sleep 0.2; done
	[ "$(wc -l <"$T/heads")" -ge "$1" ]
}
hwm() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null; }
if [ $asan = 1 ]; then
	echo "leak: peak RSS not judged in a sanitizer build (its quarantine grows)"
else
	mkfifo "$T/in" "$T/out"
	start=$SECONDS
	"$BOT" --db "$DB" --json <"$T/in" >"$T/out" 2>"$T/rss.err" &
	pid=$!
	stdbuf -oL cut -c1-12 <"$T/out" >"$T/heads" &
	trap '' PIPE # a faqbot that died is reported below, not by a signal
	exec 3>"$T/in"
	head -n "$MARK" "$T/q" >&3 2>/dev/null
	counted "$MARK" && h1=$(hwm)
	tail -n +$((MARK + 1)) "$T/q" >&3 2>/dev/null
	counted "$N" && h2=$(hwm)
	exec 3>&-
	wait "$pid"
	rc=$?
	wait
	trap - PIPE
	got=$(wc -l <"$T/heads") objects=$(grep -c '^{"question":' "$T/heads")
	echo "leak: $got answers to $N piped questions in $((SECONDS - start)) s, exit $rc"
	if [ "$rc" -eq 0 ] && [ "$got" -eq "$N" ] && [ "$objects" -eq "$N" ] &&
		[ ! -s "$T/rss.err" ]; then ok; else
		bad "$N piped questions: exit $rc, $got lines, $objects objects"; head -5 "$T/rss.err"; fi
	if [ -n "${h1:-}" ] && [ -n "${h2:-}" ]; then
		echo "leak: peak RSS $h1 kB after $MARK questions, $h2 kB after $N ($((h2 - h1)) kB more)"
		if [ $((h2 - h1)) -le "$SLACK" ]; then ok; else
			bad "peak RSS grew by $((h2 - h1)) kB from $MARK to $N questions (allowed: $SLACK)"; fi
	else
		bad "peak RSS not measured"
	fi
fi

# ---- the prompt in a pty, under valgrind ------------------------------------
if ! command -v script >/dev/null 2>&1; then
	bad "script(1) missing (Debian package bsdutils): prompt not checked"
else
	TAB=$(printf '\t')
	for round in 1 2 3 4; do
		cat <<EOF
:help
:top 5
can massage help me sleep better?
what causes sudden lower back pain
should I see a doctor first?
is massage accepted by doctors
how does massage therapy work on back pain
:top 1
can massage heal soft tissue injuries
does massage improve blood flow
what does massage do to tight knots in muscles
:top 0
:top many
:h
does massage release endorphins
why do I need a medical evaluation
what are the key takeaways
is massage a natural option without surgery
how do I bake sourdough bread
what is the capital of France
:nonsense
does endorph${TAB} help
mass${TAB} for sleep
circul${TAB}
masage theraphy for bak pian
"""( ) * ^ : - + NEAR AND OR NOT
'; DROP TABLE entry; --
massage NEAR(back pain, 2) OR "blood" AND NOT flow*
Massage über Rücken массаж 梁 😀
$(printf 'why does my back hurt after lifting %.0s' {1..30})
   leading spaces question about pain
:top 3
is it safe to get a massage when pregnant
can a massage make back pain worse
how often should I get a massage
what kind of massage is best for back pain
is massage covered by insurance
how long does a massage session last
does massage help with sciatica
can I massage my own back
what should I do after a massage
does massage help posture
can massage reduce stress and anxiety
what is a trigger point
will massage fix a slipped disc
do I need a referral for massage therapy
how much does massage cost
EOF
	done >"$T/session"
	echo ":quit" >>"$T/session"
	mkdir -p "$T/home" "$T/state"
	cmd=$(printf '%q ' env HOME="$T/home" XDG_STATE_HOME="$T/state" \
		INPUTRC=/dev/null TERM=xterm NO_COLOR=1)
	if [ $asan = 1 ]; then
		cmd+=$(printf '%q ' ASAN_OPTIONS=detect_leaks=1:log_path="$T/vg-repl" \
			"$BOT" --db "$DB")
	else
		cmd+=$(printf '%q ' valgrind --leak-check=full \
			--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
			--log-file="$T/vg-repl" "$BOT" --db "$DB")
	fi
	start=$SECONDS
	timeout 300 script -qfec "$cmd" /dev/null <"$T/session" >"$T/repl.out" 2>&1
	rc=$?
	n=$(wc -l <"$T/session")
	helps=$(grep -c 'Tab completes words the FAQ uses' "$T/repl.out")
	answers=$(grep -c -- '-- ([0-9]*% sure)' "$T/repl.out")
	echo "leak: prompt session of $n lines in $((SECONDS - start)) s: $answers answers, $helps help texts, exit $rc"
	verdict "prompt session" "$T/vg-repl" $rc
	if [ "$helps" -ge 8 ] && [ "$answers" -ge 20 ] &&
		grep -q '(now 1)' "$T/repl.out" && grep -q 'unknown command :nonsense' "$T/repl.out" &&
		[ -s "$T/state/faqbot/history" ]; then ok; else
		bad "prompt session did not run through (see below)"; tail -c 2000 "$T/repl.out"; fi
fi

echo "leak: $pass passed, $fail failed"
[ $fail -eq 0 ]
