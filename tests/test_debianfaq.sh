#!/usr/bin/env bash
# The Debian FAQ (package debian-faq), a numbered FAQ nobody here wrote:
# faqbot-index must index every numbered section that has text, once, by
# its number; then faqbot --test prints its accuracy on
# tests/eval/debian-faq.tsv (shown, never a failure).
# usage: tests/test_debianfaq.sh BUILD_DIR
set -u
B=${1:?usage: tests/test_debianfaq.sh BUILD_DIR}
cd "$(dirname "$0")/.."
GZ=/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL debianfaq: $*"; }
done_() { echo "debianfaq: $pass passed, $fail failed"; [ $fail -eq 0 ]; exit; }

if [ ! -r "$GZ" ]; then
	bad "$GZ missing: install the debian-faq package (make deps does)"
	done_
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FAQ=$T/debian-faq.en.txt
if gzip -dc "$GZ" >"$FAQ"; then ok; else bad "gzip -dc $GZ failed"; done_; fi

# The sections to expect, found apart from the parser: a line starting
# "N.N." (or deeper) in the first column, followed before the next such
# line or "Chapter" line by an indented line of text. The table of
# contents is indented, so it counts for nothing.
LC_ALL=C awk '
function flush() { if (cur != "" && body) print cur; cur = ""; body = 0 }
/^[0-9]+(\.[0-9]+)+\.?( |\t|\xc2\xa0)/ {
	flush(); match($0, /^[0-9]+(\.[0-9]+)+/); cur = substr($0, 1, RLENGTH)
	next
}
/^Chapter/ { flush(); next }
/^( |\t|\xc2\xa0)+[^ \t\xc2]/ { if (cur != "") body = 1 }
END { flush() }' "$FAQ" | sort -u >"$T/want"
want=$(wc -l <"$T/want")
if [ "$want" -gt 100 ]; then ok; else bad "only $want sections found in $FAQ"; fi

# Indexing, with the format detected, and forced when this build knows it.
index() {
	local what=$1 rc
	shift
	"$B/faqbot-index" "$@" --list "$FAQ" -o "$T/faq.db" >"$T/list" 2>"$T/err"
	rc=$?
	if [ $rc -ne 0 ]; then
		bad "$what: faqbot-index exited $rc"; sed 's/^/  /' "$T/err"; return
	fi
	ok
	cut -f1 "$T/list" | sort >"$T/got"
	if diff -u "$T/want" "$T/got" >"$T/diff"; then ok; else
		bad "$what: --list gives $(wc -l <"$T/got") entries, not the $want sections:"
		head -20 "$T/diff"
	fi
}
index "detected format"
if "$B/faqbot-index" --help | grep -q numbered; then
	index "--format numbered" --format numbered
fi
echo "debianfaq: $want entries; faqbot-index said:"
sed 's/^/  /' "$T/err"

if [ -s "$T/faq.db" ]; then
	"$B/faqbot" --db "$T/faq.db" --test tests/eval/debian-faq.tsv | tail -1
fi
done_
