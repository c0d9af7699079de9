#!/usr/bin/env bash
# tests/pty.sh BUILD_DIR: faqbot's interactive prompt in a real terminal (tmux):
# answers, Ctrl-C, Tab completion, :help, :why, :top, picking a "did you
# mean" offer by number, Ctrl-D, saved history, NO_COLOR, matched words in
# bold, answers wrapped to the terminal.
set -u
if [ $# -ne 1 ] || [ ! -x "$1/faqbot" ] || [ ! -f "$1/faq.db" ]; then
	echo "usage: tests/pty.sh BUILD_DIR (holding faqbot and faq.db)" >&2
	exit 2
fi
if ! command -v tmux >/dev/null 2>&1; then
	echo "pty: tmux missing"
	echo "pty: 0 passed, 1 failed"
	exit 1
fi
B=$(cd "$1" && pwd)
WAIT0=${PTY_WAIT:-15} # seconds to wait for the screen to change (ASan is slow)
pass=0 fail=0 S='' WAIT=$WAIT0
tmp=$(mktemp -d) || exit 2
sock=$tmp/tmux.sock hist=$tmp/state/faqbot/history
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
mkdir "$tmp/home"
# A private server, the user's ~/.tmux.conf unread; a dead pane stays to be
# looked at (and so keeps the server up), and no status line takes a row.
printf 'set -g remain-on-exit on\nset -g status off\nset -g history-limit 5000\n' \
	>"$tmp/tmux.conf"
t() { tmux -S "$sock" -f "$tmp/tmux.conf" "$@"; }

# start NAME [VAR=value...]: runs faqbot in a new 120x40 session NAME; bash
# around it writes faqbot's exit status to $tmp/NAME.status (tmux itself
# sometimes misses its child's exit status).
# shellcheck disable=SC2016 # $@, $? and $0 are for that bash
start() {
	S=$1 WAIT=$WAIT0
	shift
	t new-session -d -s "$S" -x 120 -y 40 bash -c '"$@"; echo $? >"$0"' \
		"$tmp/$S.status" env -u NO_COLOR TERM=xterm HOME="$tmp/home" \
		XDG_STATE_HOME="$tmp/state" INPUTRC=/dev/null "$@" \
		"$B/faqbot" --db "$B/faq.db"
}
# screen [-e]: the pane's text, scrollback included, wrapped lines joined.
screen() { t capture-pane -p -J -S - -t "$S" "$@" 2>/dev/null; }
has() { screen | grep -qE -- "$1"; }
prompts() { screen | grep -c '^faqbot> '; }
more_prompts() { [ "$(prompts)" -gt "$1" ]; }
dead() { [ "$(t display-message -p -t "$S" '#{pane_dead}' 2>/dev/null)" = 1 ]; }
# exited: faqbot has ended; status: its exit status.
exited() { [ -s "$tmp/$S.status" ]; }
status() { cat "$tmp/$S.status" 2>/dev/null; }
# until_ok CMD...: polls CMD every 0.1 s for up to WAIT s, less if faqbot died.
# After one time-out the session is broken: later waits in it are short.
until_ok() {
	local i
	for ((i = 0; i < WAIT * 10; i++)); do
		"$@" && return 0
		dead && break
		sleep 0.1
	done
	"$@" || { WAIT=2 && return 1; }
}
typein() { t send-keys -t "$S" -l -- "$1"; }
key() { t send-keys -t "$S" "$@"; }
# ask TEXT: types TEXT and Enter, then waits for the next prompt.
ask() {
	local n
	n=$(prompts)
	typein "$1"
	key Enter
	until_ok more_prompts "$n"
}
# check WHAT CMD...: one pass if CMD succeeds, else a failure and the screen.
check() {
	local what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL pty: $what"
		screen -e | cat -v | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' | sed 's/^/  | /'
	fi
}
ansi() { screen -e | grep -q "$1"; }
no_sgr() { ! screen -e | grep -qE $'\033\\[[0-9;]*m'; }

# --- First session: colour on, empty history.
start s1
until_ok has '^faqbot> '
check 'the prompt "faqbot> " appears' has '^faqbot> $'

ask 'can massage help me sleep better?'
check 'the sleep question is answered ("bedtime story")' has 'bedtime story'
check 'without NO_COLOR the answer has a dim line (ESC[2m)' ansi $'\033\\[2m-- ('
check 'the matched words are in bold (ESC[1m)' ansi $'\033\\[1msleep'

ask ':why'
check ':why explains the last question word by word' has '^  sleep .*in question'

ask ':top 5'
ask 'can massage help with insomnia'
check ':top 5 lists five close questions' has '^  5\. '

# A number picks an offer: its answer, then its question.
second=$(screen | grep -m1 '^  2\. ' | sed 's/^  2\. //')
ask '2'
picked() { # the question's line may be wrapped: lines joined by spaces
	[ -n "$second" ] &&
		screen | tail -n 5 | tr '\n' ' ' | grep -qF -- "-- you picked: $second " &&
		! screen | tail -n 5 | grep -q "I don't know"
}
check "typing 2 shows the second offer's answer ($second)" picked
ask '9'
check 'a number past the offers says which to pick' has '^pick a number from 1 to 5, or ask a question$'

ask 'who painted the mona lisa?'
check 'an unknown question says "I don'"'"'t know"' has "^I don't know"

# Ctrl-C only once the half-typed line is on screen, as a person would.
typein 'zzzz qqqq'
until_ok has '^faqbot> zzzz qqqq$'
n=$(prompts)
key C-c
until_ok more_prompts "$n"
ask 'what causes sudden lower back pain'
after_ctrl_c() {
	local s
	s=$(screen | sed -n '/^faqbot> zzzz qqqq$/,$p')
	grep -qx 'faqbot> what causes sudden lower back pain' <<<"$s" &&
		grep -q 'sudden guest' <<<"$s" && ! grep -q "I don't know" <<<"$s"
}
check 'Ctrl-C abandons "zzzz qqqq" and the next question is answered' after_ctrl_c
# The answer (over 200 characters) is wrapped at spaces: 120 columns, so
# at most 100, the widest faqbot writes.
wrapped() {
	local s
	s=$(screen | sed -n '/^faqbot> what causes sudden lower back pain$/,/^-- (/p' |
		sed '1d;$d')
	[ "$(wc -l <<<"$s")" -ge 2 ] && ! grep -qE '^.{101,}' <<<"$s" &&
		tr '\n' ' ' <<<"$s" |
		grep -qF 'It can happen when you lift heavy stuff the wrong way, twist suddenly'
}
check 'a long answer is wrapped at spaces, no line over 100 columns' wrapped

typein 'endorph'
key Tab
until_ok has '^faqbot> endorphin'
check 'Tab completes "endorph" to "endorphin"' has '^faqbot> endorphin'
n=$(prompts)
key Enter
until_ok more_prompts "$n"

ask ':help'
check ':help lists :quit' has '^  :quit '

key C-d
until_ok exited
saved() {
	[ "$(status)" = 0 ] &&
		grep -qxF 'can massage help me sleep better?' "$hist" &&
		! grep -q zzzz "$hist"
}
check 'Ctrl-D exits with status 0 and the history is saved' saved

# --- Second session: NO_COLOR, history from the first.
start s2 NO_COLOR=1
until_ok has '^faqbot> '
last=$(tail -n 1 "$hist" 2>/dev/null)
recalled() { [ -n "$last" ] && screen | grep -qxF "faqbot> $last"; }
key Up
until_ok recalled
check "Up recalls the previous session's last line ($last)" recalled
key C-u
ask 'can massage help me sleep better?'
ask 'who painted the mona lisa?'
answered_plain() { has 'bedtime story' && has "^I don't know" && no_sgr; }
check 'with NO_COLOR=1 answers have no ESC[...m sequences' answered_plain
typein ':quit'
key Enter
until_ok exited
quit_ok() { [ "$(status)" = 0 ]; }
check ':quit exits with status 0' quit_ok

# --- Third session: readline cannot be loaded (bot/rl.c loads it only
# at the prompt): one line saying so, status 2, no crash.
mkdir -p "$tmp/badlib"
: >"$tmp/badlib/libreadline.so.8"
: >"$tmp/badlib/libreadline.so"
start s3 LD_LIBRARY_PATH="$tmp/badlib"
until_ok exited
no_readline() { [ "$(status)" = 2 ] && has 'GNU readline .* cannot be loaded'; }
check 'without a loadable readline the prompt says so and exits 2' no_readline

echo "pty: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
