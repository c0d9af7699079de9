#!/usr/bin/env bash
# make eval: answer quality in one table. Our own question sets always;
# ../shared's graders (the article's dev set, StackFAQ) when present.
# usage: tests/eval.sh BUILD_DIR [--model DIR]
# (--model: the other corpora are indexed with sentence vectors too, as
# BUILD_DIR/faq.db is by make.)
set -u
B=${1:-build}
shift
MODEL=("$@")
cd "$(dirname "$0")/.."
S=../shared
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
row() { printf '| %-34s | %-58s |\n' "$1" "$2"; }
own() { # name, index, cases
	local r
	r=$("$B/faqbot" --db "$2" --test "$3" | tail -1)
	row "$1" "$(sed 's/.*: accuracy/accuracy/' <<<"$r")"
}
echo "| set | figures |"
echo "|---|---|"
own "article, ours (tests/eval)" "$B/faq.db" tests/eval/article.tsv
# The same questions with one typo each (a word at a time): tests/typos.py.
row "article, ours, misspelt" "$(python3 tests/typos.py tests/eval/article.tsv -- "$B/faqbot" --db "$B/faq.db" --json)"
if [ -f tests/eval/debian-faq.tsv ] && [ -f /usr/share/doc/debian/FAQ/debian-faq.en.txt.gz ]; then
	gzip -dc /usr/share/doc/debian/FAQ/debian-faq.en.txt.gz >"$T/debian-faq.txt"
	"$B/faqbot-index" "${MODEL[@]}" "$T/debian-faq.txt" -o "$T/debian.db" 2>/dev/null
	own "Debian FAQ, ours (tests/eval)" "$T/debian.db" tests/eval/debian-faq.tsv
	row "Debian FAQ, ours, misspelt" "$(python3 tests/typos.py tests/eval/debian-faq.tsv -- "$B/faqbot" --db "$T/debian.db" --json)"
fi
if [ -x $S/eval/grade ]; then
	row "article, shared dev set" "$($S/eval/grade $S/eval/seed-dev.tsv $S/eval/seed-labels.tsv -- "$B/faqbot" --json | tail -1)"
fi
if [ -f $S/bench/stackfaq/faq.tsv ]; then
	"$B/faqbot-index" "${MODEL[@]}" --format tsv $S/bench/stackfaq/faq.tsv -o "$T/stack.db" 2>/dev/null
	r=$($S/eval/rank-grade $S/bench/stackfaq/queries.tsv -- "$B/faqbot" --db "$T/stack.db" --json --top 10 | tail -1)
	row "StackFAQ test half (quoted)" "$(cut -d'|' -f1 <<<"$r")"
	row "StackFAQ dev half (tuned on)" "$(cut -d'|' -f2 <<<"$r")"
	# One threshold across corpora: StackFAQ's queries are all answerable;
	# off-topic questions asked of StackFAQ's index should be declined.
	cut -f1 $S/bench/stackfaq/queries.tsv | "$B/faqbot" --db "$T/stack.db" --json |
		python3 -c 'import json,sys
o=[json.loads(l) for l in sys.stdin]; a=sum(x["answer"] is not None for x in o)
print(f"answered {a/len(o):.3f} ({a}/{len(o)})")' >"$T/r"
	row "StackFAQ queries answered (threshold)" "$(cat "$T/r")"
	grep -P '\t-$' tests/eval/article.tsv | cut -f1 | "$B/faqbot" --db "$T/stack.db" --json |
		python3 -c 'import json,sys
o=[json.loads(l) for l in sys.stdin]; d=sum(x["answer"] is None for x in o)
print(f"declined {d/len(o):.3f} ({d}/{len(o)})")' >"$T/r"
	row "off-topic asked of StackFAQ index" "$(cat "$T/r")"
fi
