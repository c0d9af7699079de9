#!/usr/bin/env bash
# run.sh: the benchmark behind `make bench`: faqbot against a naive SQLite
# FTS5 index and Xapian on synthetic corpora, printed as one table
# (bench/README.md says what each column means).
#
#   bench/run.sh [--smoke]
#
# Expects the programs built by bench/bench.mk in $BUILD/bench. Settings
# from the environment: BUILD (build), BENCH_SIZES ("1000 100000 1000000"),
# BENCH_ROUNDS (3), BENCH_QUESTIONS (10000), BENCH_SEED (1), BENCH_BUDGET
# (seconds for the whole run, 540), BENCH_BUILD_TIMEOUT (seconds one index
# build may take, 300), BENCH_ANSWER_SECONDS (about how long one piped run
# may take, 8: slower systems are asked fewer questions), BENCH_ONESHOTS
# (one-shot runs of faqbot and of the floor, 21).
# --smoke: 1,000 pairs, 200 questions, every question asked.
# Ends with "bench: N passed, N failed, N skipped", one per step.
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${BUILD:-build}
B=$BUILD/bench
DATA=$B/data
SEED=${BENCH_SEED:-1}
ROUNDS=${BENCH_ROUNDS:-3}
SIZES=${BENCH_SIZES:-1000 100000 1000000}
QUESTIONS=${BENCH_QUESTIONS:-10000}
BUDGET=${BENCH_BUDGET:-540}
BUILD_TIMEOUT=${BENCH_BUILD_TIMEOUT:-300}
ANSWER_SECONDS=${BENCH_ANSWER_SECONDS:-8}
ONESHOTS=${BENCH_ONESHOTS:-21}
DICT=${BENCH_DICT:-/usr/share/dict/american-english}
GEN_QUESTIONS=10000 # generated per size; a run asks a prefix of them
smoke=0
if [ "${1:-}" = --smoke ]; then
	smoke=1 SIZES=1000 QUESTIONS=200 ONESHOTS=6
fi
REPEAT_BELOW=10 # a build slower than this (s) is made once, not per round
CALIBRATE=50    # questions asked once (at most) to choose how many a run asks
CALIBRATE_TIMEOUT=120
ACC_MIN=100     # acc@1 is taken over at least this many questions

pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
skipped() { skip=$((skip + 1)); echo "skip: $*" >&2; }
left() { echo $((BUDGET - SECONDS)); }
calc() { awk "BEGIN { printf \"%s\", $1 }"; }

for p in "$B/gen" "$B/naive" "$B/floor" "$B/runstat" "$BUILD/faqbot" \
	"$BUILD/faqbot-index"; do
	[ -x "$p" ] || { echo "bench: $p is missing; run: make bench" >&2; exit 2; }
done
if [ ! -r "$DICT" ]; then
	echo "bench: no word list at $DICT; run: make bench-deps" >&2
	exit 2
fi
SYSTEMS="faqbot naive"
if [ -x "$B/xapian" ]; then
	SYSTEMS="$SYSTEMS xapian"
else
	echo "bench: Xapian is not installed; its column is skipped" \
		"(make bench-deps installs it)" >&2
	skipped "xapian: not installed"
fi
mkdir -p "$DATA" "$B/run" "$B/bin"
# The run uses copies of faqbot's programs, so that a rebuild meanwhile
# (another checkout's make, an edit) cannot mix two versions.
cp "$BUILD/faqbot" "$BUILD/faqbot-index" "$B/bin/" || exit 2
FAQBOT=$B/bin/faqbot FAQBOT_INDEX=$B/bin/faqbot-index
LOG=$B/run/log
: >"$LOG"

# median FILE COLUMN: the median of a column of runstat's lines.
median() {
	awk -v c="$2" '$3 != "timeout" { print $c }' "$1" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR == 0) exit 1;
		      m = int((NR + 1) / 2);
		      printf "%.6f", NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2 }'
}

# measure STATFILE TIMEOUT CMD...: runs CMD under runstat (stdin and stdout
# as given by the caller); sets res to ok, timeout or failed.
measure() {
	local stat=$1 t=$2
	shift 2
	"$B/runstat" -t "$t" "$stat" "$@" 2>>"$LOG"
	case $(tail -1 "$stat" 2>/dev/null) in
	*" timeout") res=timeout ;;
	*" 0" | *" 1") res=ok ;;
	*) res=failed ;;
	esac
}

# build_cmd SYSTEM INDEX, ask_cmd SYSTEM INDEX: set cmd to the command
# that builds the index from the corpus, or answers stdin from it.
build_cmd() {
	case $1 in
	faqbot) cmd=("$FAQBOT_INDEX" --format tsv "$corpus" -o "$2") ;;
	naive) cmd=("$B/naive" build "$corpus" "$2") ;;
	xapian) cmd=("$B/xapian" build "$corpus" "$2") ;;
	esac
}
ask_cmd() {
	case $1 in
	faqbot) cmd=("$FAQBOT" --db "$2" --json --threshold 0) ;;
	naive) cmd=("$B/naive" ask "$2") ;;
	xapian) cmd=("$B/xapian" ask "$2") ;;
	esac
}
# The id each output line gives, "-" for none.
ids_of() { # system file
	if [ "$1" = faqbot ]; then
		awk '{ if (match($0, /"id":"[^"]*"/))
		         print substr($0, RSTART + 6, RLENGTH - 7); else print "-" }' "$2"
	else
		cat "$2"
	fi
}
# accuracy SYSTEM N [FILE]: the share of the first N questions whose answer (in
# the system's first round's output) is the target.
accuracy() {
	paste <(head -n "$2" "$W/targets") <(ids_of "$1" "${3:-$W/out.$1.0}" | head -n "$2") |
		awk -F'\t' '$1 == $2 { c++ } END { printf "%.3f", c / NR }'
}
# The largest of 10000, 5000, 2000, 1000, ... 10 not above $1.
round_down() {
	local n
	for n in 10000 5000 2000 1000 500 200 100 50 20 10; do
		if [ "$(calc "($1 >= $n)")" = 1 ]; then echo $n; return; fi
	done
	echo 10
}

declare -A R         # results: R[size.system.field]
declare -A last_size # per system: the last size it was built at, and time
declare -A last_build
declare -A dead      # systems that timed out: not tried at larger sizes

for N in $SIZES; do
	corpus=$DATA/pairs-$N-s$SEED.tsv
	qfile=$DATA/questions-$N-s$SEED.tsv
	# Made again only when missing or older than the generator.
	if [ ! -s "$corpus" ] || [ ! -s "$qfile" ] || [ "$B/gen" -nt "$corpus" ]; then
		if [ "$(left)" -lt 30 ]; then
			skipped "$N pairs: no time left to generate the corpus"
			continue
		fi
		echo "bench: generating $N pairs ..." >&2
		if "$B/gen" --dict "$DICT" --seed "$SEED" --pairs "$N" \
			--questions $GEN_QUESTIONS "$corpus.tmp" "$qfile.tmp" 2>>"$LOG"; then
			mv "$corpus.tmp" "$corpus" && mv "$qfile.tmp" "$qfile"
			ok
		else
			bad "generating $N pairs (see $LOG)"
			continue
		fi
	fi
	W=$B/run/$N
	rm -rf "$W"
	mkdir -p "$W"
	head -n "$QUESTIONS" "$qfile" | cut -f1 >"$W/questions"
	head -n "$QUESTIONS" "$qfile" | cut -f2 >"$W/targets"
	declare -A built=() nq=() tq=() an=()
	for s in $SYSTEMS; do
		if [ -n "${dead[$s]:-}" ]; then
			R[$N.$s.note]="not run: ${dead[$s]}"
			skipped "$s at $N pairs: ${dead[$s]}"
			continue
		fi
		# A build slower than the time left is not started: the last
		# size's time, scaled by the corpus size, estimates it (not from
		# a short build, which is mostly fixed costs).
		if [ -n "${last_size[$s]:-}" ] &&
			[ "$(calc "(${last_build[$s]} >= 5)")" = 1 ]; then
			est=$(calc "${last_build[$s]} * $N / ${last_size[$s]}")
			lim=$(left)
			[ "$lim" -gt "$BUILD_TIMEOUT" ] && lim=$BUILD_TIMEOUT
			if [ "$(calc "($est > $lim)")" = 1 ]; then
				R[$N.$s.note]="not run: build estimated at $(calc "int($est)") s, over the ${lim} s allowed"
				skipped "$s at $N pairs: estimated build ${est%.*} s"
				dead[$s]="too slow at a smaller size"
				continue
			fi
		fi
		built[$s]=0
	done
	for ((r = 0; r < ROUNDS; r++)); do
		echo "bench: $N pairs, round $((r + 1)) of $ROUNDS (${SECONDS} s so far)" >&2
		# Rotate the order each round, so that drift hits every system.
		order=$(printf '%s\n' "${!built[@]}" | sort |
			awk -v r=$r '{ a[NR - 1] = $0 } END {
			    for (i = 0; i < NR; i++) print a[(i + r) % NR] }')
		for s in $order; do
			[ "${built[$s]}" = -1 ] && continue
			if [ "${built[$s]}" = 1 ] &&
				[ "$(calc "(${R[$N.$s.build1]} >= $REPEAT_BELOW)")" = 1 ]; then
				continue # slow: made once, in the first round
			fi
			lim=$(left)
			[ "$lim" -gt "$BUILD_TIMEOUT" ] && lim=$BUILD_TIMEOUT
			if [ "$lim" -lt 5 ]; then
				skipped "$s build at $N pairs: time budget spent"
				[ "${built[$s]}" = 0 ] && built[$s]=-1 R[$N.$s.note]="not run: time budget spent"
				continue
			fi
			idx=$W/index.$s
			rm -rf "$idx"
			build_cmd "$s" "$idx"
			measure "$W/build.$s" "$lim" "${cmd[@]}" </dev/null
			case $res in
			ok)
				ok
				built[$s]=1
				R[$N.$s.build1]=$(head -1 "$W/build.$s" | cut -d' ' -f1)
				R[$N.$s.size]=$(du -sb "$idx" | cut -f1) ;;
			timeout)
				skipped "$s build at $N pairs: over $lim s"
				R[$N.$s.note]="build killed after $lim s"
				built[$s]=-1 dead[$s]="build too slow at a smaller size" ;;
			*)
				bad "$s build at $N pairs (see $LOG)"
				R[$N.$s.note]="build failed"
				built[$s]=-1 ;;
			esac
		done
		for s in $order; do
			[ "${built[$s]}" = 1 ] || continue
			idx=$W/index.$s
			if [ -z "${nq[$s]:-}" ]; then
				# How many questions: all in the smoke run; else as many
				# as fit in about ANSWER_SECONDS, from short first runs:
				# no question (start-up, taken off), 3 questions, then as
				# many as take about 5 s, up to CALIBRATE. A hung program
				# costs at most CALIBRATE_TIMEOUT.
				nq[$s]=$QUESTIONS
				lim=$(left)
				[ "$lim" -gt $CALIBRATE_TIMEOUT ] && lim=$CALIBRATE_TIMEOUT
				ask_cmd "$s" "$idx"
				measure "$W/start.$s" "$lim" "${cmd[@]}" </dev/null >/dev/null
				t0=$(cut -d' ' -f1 "$W/start.$s")
				c=3
				while [ "$res" = ok ]; do
					head -n $c "$W/questions" >"$W/calibrate"
					rm -f "$W/calibrate.$s"
					measure "$W/calibrate.$s" "$lim" "${cmd[@]}" \
						<"$W/calibrate" >/dev/null
					[ "$res" = ok ] || break
					tq[$s]=$(calc "($(cut -d' ' -f1 "$W/calibrate.$s") - $t0) / $c")
					[ "$(calc "(${tq[$s]} < 0.00001)")" = 1 ] && tq[$s]=0.00001
					more=$(calc "int(5 / ${tq[$s]})")
					[ "$more" -gt $CALIBRATE ] && more=$CALIBRATE
					[ "$more" -ge $((c * 2)) ] || break
					c=$more
				done
				if [ "$res" != ok ]; then
					bad "$s calibration at $N pairs: $res"
					built[$s]=-1 R[$N.$s.note]="answering $res (first $c questions)"
					continue
				fi
				if [ $smoke = 0 ]; then
					n=$(round_down "$(calc "$ANSWER_SECONDS / ${tq[$s]}")")
					[ "$n" -lt "${nq[$s]}" ] && nq[$s]=$n
				fi
				head -n "${nq[$s]}" "$W/questions" >"$W/questions.$s"
			fi
			lim=$(left)
			need=$(calc "int(${tq[$s]} * ${nq[$s]} * 2 + 2)")
			if [ "$lim" -lt "$need" ]; then
				skipped "$s answers at $N pairs, round $((r + 1)): time budget spent"
				continue
			fi
			# Twice the estimate is plenty: more means it hung.
			[ "$lim" -gt $((need * 2 + 30)) ] && lim=$((need * 2 + 30))
			ask_cmd "$s" "$idx"
			measure "$W/ask.$s" "$lim" "${cmd[@]}" \
				<"$W/questions.$s" >"$W/out.$s.$r"
			got=$(wc -l <"$W/out.$s.$r")
			if [ "$res" = ok ] && [ "$got" -eq "${nq[$s]}" ]; then
				ok
			else
				bad "$s answers at $N pairs: $res, $got lines for ${nq[$s]} questions"
			fi
		done
		# One-shot questions: faqbot as a whole process, beside the floor
		# (open the index, one trivial query), interleaved.
		if [ "${built[faqbot]:-}" = 1 ] && [ -n "${tq[faqbot]:-}" ]; then
			k=$(((ONESHOTS + ROUNDS - 1) / ROUNDS))
			kt=$(calc "int(5 / (${tq[faqbot]} + 0.05))") # about 5 s a round
			[ "$kt" -lt "$k" ] && k=$kt
			[ "$k" -lt 1 ] && k=1
			for ((i = 0; i < k; i++)); do
				lim=$(left)
				[ "$lim" -lt 3 ] && { skipped "one-shot at $N pairs: time budget spent"; break; }
				q=$(sed -n "$(((r * k + i) % 20 + 1))p" "$W/questions")
				measure "$W/oneshot.faqbot" "$lim" "$FAQBOT" \
					--db "$W/index.faqbot" "$q" </dev/null >/dev/null
				[ "$res" = ok ] && ok || bad "faqbot one-shot at $N pairs: $res"
				measure "$W/oneshot.floor" "$lim" "$B/floor" \
					"$W/index.faqbot" </dev/null >/dev/null
				[ "$res" = ok ] && ok || bad "floor at $N pairs: $res"
			done
		fi
	done
	# Figures of this size.
	for s in "${!built[@]}"; do
		if [ -s "$W/build.$s" ] && [ "${built[$s]}" = 1 ]; then
			R[$N.$s.build]=$(median "$W/build.$s" 1)
			R[$N.$s.buildrss]=$(median "$W/build.$s" 2)
			R[$N.$s.builds]=$(grep -vc timeout "$W/build.$s")
			last_size[$s]=$N last_build[$s]=${R[$N.$s.build]}
		fi
		if [ -s "$W/ask.$s" ] && [ -s "$W/out.$s.0" ]; then
			R[$N.$s.nq]=${nq[$s]}
			R[$N.$s.qps]=$(calc "${nq[$s]} / $(median "$W/ask.$s" 1)")
			R[$N.$s.askrss]=$(median "$W/ask.$s" 2)
			R[$N.$s.runs]=$(grep -c . "$W/ask.$s")
			R[$N.$s.acc]=$(accuracy "$s" "${nq[$s]}")
			ok
		fi
	done
	# acc@1 over fewer than ACC_MIN questions says little: a system timed
	# on fewer is asked the first ACC_MIN once more, untimed, when the
	# time left allows.
	for s in "${!built[@]}"; do
		an[$s]=${nq[$s]:-0}
		[ -n "${R[$N.$s.acc]:-}" ] && [ "${nq[$s]}" -lt $ACC_MIN ] || continue
		need=$(calc "int(${tq[$s]} * $ACC_MIN * 1.2 + 10)")
		lim=$(left)
		if [ "$lim" -lt "$need" ]; then
			skipped "$s: acc@1 on $ACC_MIN questions at $N pairs: no time left"
			continue
		fi
		head -n $ACC_MIN "$W/questions" >"$W/questions.acc"
		ask_cmd "$s" "$W/index.$s"
		measure "$W/acc.$s" "$lim" "${cmd[@]}" <"$W/questions.acc" >"$W/out.$s.acc"
		if [ "$res" = ok ] && [ "$(wc -l <"$W/out.$s.acc")" -eq $ACC_MIN ]; then
			R[$N.$s.acc]=$(accuracy "$s" $ACC_MIN "$W/out.$s.acc")
			an[$s]=$ACC_MIN
			ok
		else
			bad "$s answers $ACC_MIN questions at $N pairs: $res"
		fi
	done
	# A peer's accuracy on fewer questions is beside faqbot's on the same
	# ones (the first of the file).
	for s in $SYSTEMS; do
		if [ "$s" != faqbot ] && [ -n "${R[$N.$s.acc]:-}" ] &&
			[ -n "${R[$N.faqbot.acc]:-}" ] && [ "${an[$s]}" -le "${an[faqbot]}" ]; then
			R[$N.$s.facc]=$(accuracy faqbot "${an[$s]}")
			R[$N.$s.accn]=${an[$s]}
		fi
	done
	if [ -s "$W/oneshot.faqbot" ]; then
		R[$N.faqbot.oneshot]=$(median "$W/oneshot.faqbot" 1)
		R[$N.faqbot.floor]=$(median "$W/oneshot.floor" 1)
		R[$N.faqbot.oneshots]=$(grep -c . "$W/oneshot.faqbot")
	fi
	# The indexes are remade every run; the corpora stay in $DATA.
	rm -rf "$W"/index.*
	unset built nq tq
done

# One-shot questions on the article's own index (the issue's bar: within
# 2x the floor), faqbot and the floor interleaved, with the article's own
# questions (its FAQ lines, asked as written).
ART=$BUILD/faq.db
if [ -s "$ART" ] && [ "$(left)" -ge 3 ]; then
	W=$B/run/article
	rm -rf "$W"
	mkdir -p "$W"
	for ((i = 0; i < ONESHOTS; i++)); do
		q=$("$FAQBOT" --db "$ART" --top 6 --json "massage back pain" 2>/dev/null |
			python3 -c 'import json,sys; m=json.load(sys.stdin)["matches"]; print(m['"$i"' % len(m)]["question"])' 2>/dev/null)
		[ -n "$q" ] || q="how often should I get a massage"
		measure "$W/oneshot.faqbot" 10 "$FAQBOT" --db "$ART" "$q" </dev/null >/dev/null
		[ "$res" = ok ] && ok || bad "faqbot one-shot on the article: $res"
		measure "$W/oneshot.floor" 10 "$B/floor" "$ART" </dev/null >/dev/null
		[ "$res" = ok ] && ok || bad "floor on the article: $res"
	done
	R[article.faqbot.oneshot]=$(median "$W/oneshot.faqbot" 1)
	R[article.faqbot.floor]=$(median "$W/oneshot.floor" 1)
else
	skipped "one-shot on the article: no $ART or no time left"
fi

# The table.
runs() { [ "$1" = 1 ] && echo "1 run" || echo "$1 runs"; }
mb() { calc "sprintf(\"%.1f\", $1 / 1e6)"; }
echo
echo "## faqbot benchmark"
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
	"$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory;"\
	"load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "SQLite $(pkg-config --modversion sqlite3 2>/dev/null || echo ?)," \
	"Xapian $(xapian-config --version 2>/dev/null | awk '{ print $NF }' || echo -)," \
	"faqbot $(git describe --always --dirty 2>/dev/null || echo ?)," \
	"seed $SEED, $ROUNDS rounds, medians; questions: how many each system was asked"
echo
echo "| pairs | system | build s | index MB | build RSS MB | questions | q/s | faqbot q/s ÷ this | answer RSS MB | acc@1 (faqbot's on the same) | one-shot ms | floor ms |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for N in $SIZES; do
	for s in $SYSTEMS; do
		g() { echo "${R[$N.$s.$1]:-}"; }
		if [ -z "$(g build)" ]; then
			note=$(g note)
			echo "| $N | $s | ${note:-not run} | | | | | | | | | |"
			continue
		fi
		build=$(calc "sprintf(\"%.2f\", $(g build))")
		[ "$(g builds)" = 1 ] && [ "$ROUNDS" -gt 1 ] && build="$build (1 run)"
		row="| $N | $s | $build | $(mb "$(g size)") | $(calc "sprintf(\"%.1f\", $(g buildrss) / 1024)")"
		if [ -n "$(g qps)" ]; then
			ratio="—"
			f=${R[$N.faqbot.qps]:-}
			[ "$s" != faqbot ] && [ -n "$f" ] && ratio=$(calc "sprintf(\"%.2f×\", $f / $(g qps))")
			qps=$(calc "sprintf(\"%.1f\", $(g qps))")
			[ "$(g runs)" -lt "$ROUNDS" ] && qps="$qps ($(runs "$(g runs)"))"
			acc=$(g acc)
			[ -n "$(g facc)" ] && acc="$acc ($(g facc))"
			[ -n "$(g accn)" ] && [ "$(g accn)" != "$(g nq)" ] && acc="$acc on $(g accn)"
			row="$row | $(g nq) | $qps | $ratio | $(calc "sprintf(\"%.1f\", $(g askrss) / 1024)") | $acc"
		else
			row="$row | | | | | "
		fi
		if [ "$s" = faqbot ] && [ -n "$(g oneshot)" ]; then
			one=$(calc "sprintf(\"%.1f\", $(g oneshot) * 1000)")
			[ "$(g oneshots)" -lt "$ONESHOTS" ] && one="$one ($(runs "$(g oneshots)"))"
			row="$row | $one | $(calc "sprintf(\"%.1f\", $(g floor) * 1000)") |"
		else
			row="$row | — | — |"
		fi
		echo "$row"
	done
done
if [ -n "${R[article.faqbot.oneshot]:-}" ]; then
	o=${R[article.faqbot.oneshot]} f=${R[article.faqbot.floor]}
	echo "| article | faqbot | | | | | | | | | $(calc "sprintf(\"%.2f\", $o * 1000)") | $(calc "sprintf(\"%.2f\", $f * 1000)") |"
	echo
	echo "one-shot on the article: $(calc "sprintf(\"%.2f\", $o / $f)")× the floor ($ONESHOTS runs each, medians)"
fi
echo
echo "bench took ${SECONDS} s"
echo "bench: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
