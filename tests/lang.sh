#!/usr/bin/env bash
# FAQs in other languages: tests/lang/XX.faq indexed with --lang, answered
# from the language stored in the index, at least as well as with the
# English stemmer; and the stop-word lists bsearch relies on are sorted.
# Usage: tests/lang.sh BUILD_DIR. Ends with "lang: N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
B=${1:-build}
SUITE=lang
. tests/lib.sh
MIN=0.8 # least accuracy per question set; measured 0.87 (de) to 0.93 (fr)

# Each list in common/stopwords.c, from "static const char *const stop_"
# to "};", must be in strcmp's order without duplicates, or bsearch misses
# words.
for l in en de fr es; do
	sed -n "/^static const char \*const stop_$l\[\] = {/,/^};/p" common/stopwords.c |
		grep -o '"[^"]*"' | tr -d '"' >"$T/stop_$l"
	check "stop_$l has words" test "$(wc -l <"$T/stop_$l")" -ge 80
	check "stop_$l is sorted, without duplicates" env LC_ALL=C sort -c -u "$T/stop_$l"
done

# The accuracy figure of a --test run's last line.
accuracy() { sed -n 's/.*: accuracy \([0-9.]*\) .*/\1/p' <<<"$1" | tail -1; }
not() { ! "$@"; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }

for pair in de:german fr:french es:spanish; do
	l=${pair%%:*} lang=${pair#*:} faq=tests/lang/${pair%%:*}.faq
	cases=tests/lang/$l.tsv db=$T/$l.db
	"$B/faqbot-index" --check --lang "$lang" "$faq" >"$T/out" 2>&1
	check "$faq has nothing to note (--check)" test $? -eq 0
	# WordNet is English: other languages do not even look for it.
	"$B/faqbot-index" --lang "$lang" --wordnet "$T/none" "$faq" -o "$db" 2>"$T/err"
	check "$faq indexes with --lang $lang" test $? -eq 0
	check "$faq: no WordNet looked for with --lang $lang" not grep -qi wordnet "$T/err"
	out=$("$B/faqbot" --db "$db" --test "$cases" --min "$MIN")
	check "$cases at least $MIN with --lang $lang" test $? -eq 0
	acc=$(accuracy "$out")
	"$B/faqbot-index" --lang english "$faq" -o "$T/$l-en.db" 2>/dev/null
	en=$(accuracy "$("$B/faqbot" --db "$T/$l-en.db" --test "$cases")")
	echo "lang: $cases: accuracy $acc with --lang $lang, $en with --lang english"
	check "$cases: $lang ($acc) does at least as well as english ($en)" ge "$acc" "$en"
	# libstemmer's short names store the same stemmer and stop words.
	"$B/faqbot-index" --lang "$l" "$faq" -o "$T/$l-short.db" 2>/dev/null
	short=$(accuracy "$("$B/faqbot" --db "$T/$l-short.db" --test "$cases")")
	check "$cases: --lang $l answers as --lang $lang ($short, $acc)" test "$short" = "$acc"
done

# The language comes from the index: no --lang, no FAQBOT_DB. With the
# English stemmer "glutenfreie Brote" misses "glutenfreies Brot".
json() { env -u FAQBOT_DB "$B/faqbot" --db "$1" --json "$2" | python3 -c '
import json, sys
r = json.loads(sys.stdin.read())
print(r["id"] if r["answer"] is not None else "-", len(r["matches"]))'; }
answered() { json "$1" "$2" | cut -d' ' -f1; }
check "German question answered from the index's language" \
	test "$(answered "$T/de.db" "Gibt es bei euch glutenfreie Brote?")" = backen-sie-glutenfreies-brot
check "French question answered from the index's language" \
	test "$(answered "$T/fr.db" "Mes prêts peuvent-ils être prolongés ?")" = comment-prolonger-un-pr-t
# Function words the FAQ has, and nothing else: no entry is a candidate
# (without the language's list, many would be).
check "German function words only: no matches" \
	test "$(json "$T/de.db" "Wie kann ich das bei euch haben?")" = "- 0"
check "French function words only: no matches" \
	test "$(json "$T/fr.db" "Quand est-ce que vous pouvez ?")" = "- 0"
check "Spanish function words only: no matches" \
	test "$(json "$T/es.db" "¿Qué hay para los que pueden?")" = "- 0"

finish
