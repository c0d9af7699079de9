/* repl.c: line editing, history, Tab completion from the index's words,
 * and the few colon commands. All terminal I/O of faqbot is here. */
#include "repl.h"
#include "render.h"
#include "rl.h"
#include "smalltalk.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define HISTORY_MAX 1000
/* Answers are wrapped to the terminal, at most this wide: long lines of
 * prose read badly, and the terminal would break words anywhere. */
#define WRAP_MAX 100

static answerer *complete_from; /* readline's callbacks take no context */
static rlapi R;                 /* readline, loaded by repl_run */

static const char help[] =
    "Ask a question about the FAQ in your own words.\n"
    "  :help        this list\n"
    "  :top N       how many close questions to show when unsure (now %zu)\n"
    "  :why         how the last question was matched, word by word\n"
    "  :quit        leave (or Ctrl-D); Ctrl-C abandons the line\n"
    "After \"Did you mean\", type a number to see that answer.\n"
    "Tab completes words the FAQ uses.\n";

/* mkdir -p for the history's folder; errors are left to the save. */
static void make_dirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
}

/* The history file's path (malloc'ed), or NULL when no home is known. */
static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *p = NULL;
	size_t n;
	if (state && *state == '/') {
		n = strlen(state) + sizeof "/faqbot/history";
		if ((p = malloc(n)))
			snprintf(p, n, "%s/faqbot/history", state);
	} else if (home && *home) {
		n = strlen(home) + sizeof "/.local/state/faqbot/history";
		if ((p = malloc(n)))
			snprintf(p, n, "%s/.local/state/faqbot/history", home);
	}
	return p;
}

static char **words; /* the current completion list, owned here */

static void free_words(void)
{
	for (size_t k = 0; words && words[k]; k++)
		free(words[k]);
	free(words);
	words = NULL;
}

static char *complete_word(const char *text, int state)
{
	static size_t i;
	if (state == 0) {
		free_words();
		words = answer_complete(complete_from, text, 200);
		i = 0;
	}
	/* readline frees what it is given. */
	return words && words[i] ? strdup(words[i++]) : NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	*R.attempted_completion_over = 1; /* no file names */
	return R.completion_matches(text, complete_word);
}

static volatile sig_atomic_t interrupted;

/* Ctrl-C only sets a flag: readline is not safe to call from a signal
 * handler. The read it interrupts (no SA_RESTART) makes readline call
 * on_signal_event, which drops what was typed and shows a fresh prompt. */
static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int on_signal_event(void)
{
	if (interrupted) {
		interrupted = 0;
		R.replace_line("", 0);
		R.crlf();
		R.on_new_line();
		R.redisplay();
	}
	return 0;
}

static char *last_question; /* for :why; owned here */
static void ask(repl_options *o, const char *line, int why);

/* What the last "did you mean" offered, as numbered on screen: its ids and
 * questions, owned here, until the next question. */
static char **offer_id, **offer_label;
static size_t noffers;

static void forget_offers(void)
{
	for (size_t i = 0; i < noffers; i++) {
		free(offer_id[i]);
		free(offer_label[i]);
	}
	free(offer_id);
	free(offer_label);
	offer_id = offer_label = NULL;
	noffers = 0;
}

/* Keeps the matches r offers under "did you mean", in their order on
 * screen (render_human numbers only the close ones). */
static void keep_offers(const answer_result *r)
{
	forget_offers();
	if (r->answer || !r->suggest)
		return;
	offer_id = calloc(r->n, sizeof *offer_id);
	offer_label = calloc(r->n, sizeof *offer_label);
	if (!offer_id || !offer_label) {
		forget_offers();
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		if (!r->m[i].close)
			continue;
		offer_id[noffers] = strdup(r->m[i].id);
		offer_label[noffers] = strdup(r->m[i].label);
		if (!offer_id[noffers] || !offer_label[noffers]) {
			noffers++; /* freed with the rest */
			forget_offers();
			return;
		}
		noffers++;
	}
}

/* A line of one to three digits right after "did you mean" picks an
 * offer: its number, or -1 when the line is a question. */
static int offer_number(const char *line)
{
	int n = 0, k = 0;
	for (; line[k] >= '0' && line[k] <= '9' && k < 3; k++)
		n = n * 10 + (line[k] - '0');
	return noffers && k && line[k] == '\0' ? n : -1;
}

/* Columns to wrap to: the terminal's less one (a line that fills the last
 * column wraps early in some terminals), at most WRAP_MAX; 0, no wrapping,
 * when stdout is no terminal. Asked each time: the window may be resized. */
static int wrap_width(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col < 2)
		return 0;
	int w = ws.ws_col - 1;
	return w < WRAP_MAX ? w : WRAP_MAX;
}

/* Writes the rendered text b to stdout, wrapped (as it is, if memory for
 * the wrapped copy runs out). */
static void show(const buf *b)
{
	if (!b->s)
		return;
	buf w = {0};
	render_wrap(&w, b->s, wrap_width());
	fputs(w.s && !w.oom ? w.s : b->s, stdout);
	fflush(stdout);
	buf_free(&w);
}

/* Shows offer number n (1-based) or says which numbers there are. */
static void pick(repl_options *o, int n)
{
	if (n < 1 || (size_t)n > noffers) {
		printf("pick a number from 1 to %zu, or ask a question\n", noffers);
		return;
	}
	char *text = answer_text(o->a, offer_id[n - 1]);
	if (!text) {
		fprintf(stderr, "faqbot: cannot read entry %s from the index\n",
		        offer_id[n - 1]);
		return;
	}
	buf b = {0};
	render_pick(&b, text, offer_label[n - 1], o->color);
	show(&b);
	buf_free(&b);
	free(text);
}

/* Handles a ":" command; returns 1 to quit. */
static int command(repl_options *o, const char *line)
{
	if (!strcmp(line, ":quit") || !strcmp(line, ":q") ||
	    !strcmp(line, ":exit"))
		return 1;
	if (!strncmp(line, ":top", 4)) {
		char *end;
		long n = strtol(line + 4, &end, 10);
		if (end != line + 4 && *end == '\0' && n >= 1 && n <= 50)
			o->top = (size_t)n;
		else
			printf(":top takes a number from 1 to 50\n");
		return 0;
	}
	if (!strcmp(line, ":why")) {
		if (last_question)
			ask(o, last_question, 1);
		else
			printf(":why explains the last question; ask one first\n");
		return 0;
	}
	if (strcmp(line, ":help") && strcmp(line, ":h"))
		printf("unknown command %s\n", line);
	printf(help, o->top);
	return 0;
}

/* Answers line; with why, explains the answer instead. Small talk is
 * answered with its reply and is not searched. */
static void ask(repl_options *o, const char *line, int why)
{
	answer_result r;
	char msg[512];
	const char *st = why ? NULL : smalltalk_reply(line);
	if (st) {
		forget_offers();
		printf("%s\n", st);
		fflush(stdout);
		return;
	}
	answer_explain(o->a, why || o->color); /* spans: matched words in bold */
	int rc = answer_ask(o->a, line, strlen(line), o->top, o->threshold, &r,
	                    msg, sizeof msg);
	answer_explain(o->a, 0);
	if (rc != 0) {
		fprintf(stderr, "faqbot: %s\n", msg);
		return;
	}
	/* :why asks the last question again: it was logged the first time. */
	if (!why && o->log &&
	    misslog_add(o->log, &r, line, strlen(line), msg, sizeof msg) != 0)
		fprintf(stderr, "faqbot: %s\n", msg);
	buf b = {0};
	if (why)
		render_why(&b, &r, o->color);
	else
		render_human(&b, &r, o->color);
	if (!why && !r.declined) {
		free(last_question);
		last_question = strdup(line);
	}
	if (!why)
		keep_offers(&r);
	show(&b);
	buf_free(&b);
	answer_result_free(&r);
}

int repl_run(repl_options *o)
{
	char msg[256];
	if (rlapi_load(&R, msg, sizeof msg) != 0) {
		fprintf(stderr, "faqbot: %s\n", msg);
		return 2;
	}
	char *hist = history_path();
	complete_from = o->a;
	*R.readline_name = "faqbot";
	*R.attempted_completion_function = complete;
	*R.catch_signals = 0;
	*R.signal_event_hook = on_signal_event;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	R.stifle_history(HISTORY_MAX);
	if (hist)
		R.read_history(hist);
	printf("faqbot: ask a question, :help for commands, Ctrl-D to leave.\n");
	char *line;
	/* A Ctrl-C while an answer was being written is forgotten. */
	while ((interrupted = 0, line = R.readline("faqbot> "))) {
		char *s = line, *end = line + strlen(line);
		while (*s == ' ' || *s == '\t')
			s++;
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (*s) {
			int pick_n = offer_number(s); /* -1 for ":..." too */
			R.add_history(s);
			if (*s == ':') {
				if (command(o, s)) {
					free(line);
					break;
				}
			} else if (pick_n >= 0) {
				pick(o, pick_n);
			} else {
				ask(o, s, 0);
			}
		}
		free(line);
	}
	if (hist) {
		make_dirs(hist);
		if (R.write_history(hist) != 0)
			fprintf(stderr, "faqbot: cannot save history to %s: %s\n", hist,
			        strerror(errno));
		free(hist);
	}
	free_words();
	free(last_question);
	last_question = NULL;
	forget_offers();
	return 0;
}
