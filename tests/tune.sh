#!/usr/bin/env bash
# tests/tune.sh 'NAME=VALUE ...' ...: builds faqbot with ranking constants
# set by -D (see bot/rank.c) and prints the development figures for each
# setting: StackFAQ (dev half is the one to tune on), ../shared's article
# dev set, and our own article set. For tuning only; not part of make test.
set -u
cd "$(dirname "$0")/.."
S=../shared
[ -d $S/bench/stackfaq ] || { echo "tune: needs ../shared"; exit 1; }
mkdir -p build/tune
build/faqbot-index --format tsv $S/bench/stackfaq/faq.tsv -o build/tune/stack.db 2>/dev/null
gzip -dc /usr/share/doc/debian/FAQ/debian-faq.en.txt.gz >build/tune/debian-faq.txt
build/faqbot-index build/tune/debian-faq.txt -o build/tune/debian.db 2>/dev/null
for setting in "$@"; do
	defs=""
	for kv in $setting; do defs="$defs -DRANK_${kv%%=*}=${kv#*=}"; done
	dir=build/tune/$(echo "$setting" | tr ' =' '_-')
	make -s "$dir/faqbot" "$dir/faq.db" BUILD="$dir" CFLAGS="-O2 $defs" >/dev/null 2>&1 || { echo "$setting: build failed"; continue; }
	st=$($S/eval/rank-grade $S/bench/stackfaq/queries.tsv -- "$dir/faqbot" --db build/tune/stack.db --json --top 10 | tail -1)
	dev=$($S/eval/grade $S/eval/seed-dev.tsv $S/eval/seed-labels.tsv -- "$dir/faqbot" --json | tail -1)
	own=$("$dir/faqbot" --test tests/eval/article.tsv | tail -1 | sed 's/.*accuracy/own/')
	deb=$("$dir/faqbot" --db build/tune/debian.db --test tests/eval/debian-faq.tsv | tail -1 | sed 's/.*accuracy/debian/')
	printf '%-28s %s\n%-28s %s | %s\n%-28s %s\n' "$setting" "${st%% | [0-9]* q/s*}" "" "$dev" "$own" "" "$deb"
done
