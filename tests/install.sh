#!/usr/bin/env bash
# make install and uninstall: PREFIX and DESTDIR are honoured, an installed
# faqbot finds its installed index without flags, the man pages read, and
# uninstall removes it all.
set -u
cd "$(dirname "$0")/.."
SUITE=install
. tests/lib.sh

# A real prefix (no DESTDIR): the installed bot must find its own index.
make -s install BUILD="$T/b" PREFIX="$T/prefix" >"$T/log" 2>&1
check "make install PREFIX=... succeeds" test $? -eq 0
check "faqbot installed" test -x "$T/prefix/bin/faqbot"
check "faqbot-index installed" test -x "$T/prefix/bin/faqbot-index"
check "index installed" test -f "$T/prefix/share/faqbot/faq.db"
for p in faqbot faqbot-index; do
	check "$p.1 installed" test -f "$T/prefix/share/man/man1/$p.1"
	man -l "$T/prefix/share/man/man1/$p.1" >"$T/man" 2>"$T/man.err"
	check "man -l reads the installed $p.1 without a warning" test $? -eq 0 -a ! -s "$T/man.err"
	check "the installed $p.1 has its NAME line" grep -Eq "^ +$p [^ ]+ [a-z]" "$T/man"
done
out=$(cd / && env -u FAQBOT_DB "$T/prefix/bin/faqbot" "what causes sudden lower back pain")
check "installed faqbot finds its index without flags" grep -q "sudden guest" <<<"$out"
make -s uninstall BUILD="$T/b" PREFIX="$T/prefix" >>"$T/log" 2>&1
check "uninstall removes everything it installed" test -z "$(find "$T/prefix" -type f)"
check "uninstall removes the man pages" test ! -e "$T/prefix/share/man/man1/faqbot.1" -a ! -e "$T/prefix/share/man/man1/faqbot-index.1"

# Staging: DESTDIR is prepended, PREFIX is what the binary looks in.
make -s install BUILD="$T/b" PREFIX=/opt/faqbot DESTDIR="$T/stage" >>"$T/log" 2>&1
check "DESTDIR staging" test -x "$T/stage/opt/faqbot/bin/faqbot" -a -f "$T/stage/opt/faqbot/share/faqbot/faq.db" -a -f "$T/stage/opt/faqbot/share/man/man1/faqbot.1"
env -u FAQBOT_DB "$T/stage/opt/faqbot/bin/faqbot" x >/dev/null 2>"$T/err"
check "staged binary looks in PREFIX, not DESTDIR" grep -q "/opt/faqbot/share/faqbot/faq.db" "$T/err"
finish
