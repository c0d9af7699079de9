/* main.c of faqbot: options, finding the index, and the three ways of
 * asking: the prompt, lines on stdin, or one question in the arguments. */
#include "answer.h"
#include "misslog.h"
#include "query.h"
#include "render.h"
#include "repl.h"
#include "smalltalk.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef FAQBOT_VERSION
#define FAQBOT_VERSION "0.1"
#endif
#include "config.h" /* FAQBOT_DEFAULT_DB: the installed index, from make */

static const char usage[] =
    "usage: faqbot [--db INDEX] [--json] [--top N] [--threshold X] "
    "[QUESTION...]\n"
    "Answers questions from a FAQ index: at a prompt on a terminal, one\n"
    "question per line on stdin otherwise, or the QUESTION given.\n"
    "  --db INDEX       index to read (default: $FAQBOT_DB, faq.db beside\n"
    "                   the program, or " FAQBOT_DEFAULT_DB ")\n"
    "  --json           one JSON object per input line\n"
    "  --explain        also say how each word counted for the best match\n"
    "  --reference      rank by reading every posting (slow: a check on\n"
    "                   the fast path, which should answer the same)\n"
    "  --top N          closest questions to list (default 3)\n"
    "  --threshold X    least confidence to answer, 0..1 (default 0.5)\n"
    "  --test CASES     check question<TAB>ids lines ('-': no answer);\n"
    "                   prints misses and accuracy, exit 1 below --min X\n"
    "  --log-misses FILE\n"
    "                   append the questions not answered, or answered\n"
    "                   with confidence below 0.7, to FILE (default:\n"
    "                   $FAQBOT_LOG_MISSES); see faqbot-index --review\n"
    "  -h, --help       this help;  --version  the version\n"
    "Exit: 0 answered, 1 no confident answer to QUESTION, 2 error.\n";

typedef struct {
	const char *db;
	int json;
	size_t top;
	double threshold;
	int explain;      /* --explain */
	int reference;    /* --reference */
	const char *test; /* --test CASES.tsv */
	double min;       /* --min: least accuracy for --test to pass */
	const char *log_path; /* --log-misses FILE */
	misslog *log;         /* the open miss log, or NULL */
} options;

/* The index to use when --db is not given. The caller frees the result. */
static char *default_db(void)
{
	const char *env = getenv("FAQBOT_DB");
	if (env && *env)
		return strdup(env);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *dir = dirname(exe);
		size_t len = strlen(dir) + sizeof "/faq.db";
		char *p = malloc(len);
		if (p) {
			snprintf(p, len, "%s/faq.db", dir);
			if (access(p, F_OK) == 0)
				return p;
			free(p);
		}
	}
	return strdup(FAQBOT_DEFAULT_DB);
}

/* Writes s to stdout; on a closed pipe ends quietly, on any other write
 * error says so and exits 2. */
static void emit(const buf *b)
{
	if (b->oom) {
		fprintf(stderr, "faqbot: out of memory\n");
		exit(2);
	}
	if (fwrite(b->s, 1, b->n, stdout) != b->n || fflush(stdout) != 0) {
		if (errno == EPIPE)
			exit(0);
		fprintf(stderr, "faqbot: cannot write output: %s\n", strerror(errno));
		exit(2);
	}
}

/* The small-talk reply to q (n bytes), or NULL. A line holding a NUL is
 * never small talk: smalltalk_reply would see only its start. */
static const char *smalltalk_of(const char *q, size_t n)
{
	return strnlen(q, n) == n ? smalltalk_reply(q) : NULL;
}

/* Answers one question and prints it; returns 1 when answered (small talk
 * included), 0 when not, -1 on an index error (already reported). */
static int answer_one(answerer *a, const options *o, const char *q, size_t n)
{
	answer_result r;
	char msg[1024];
	buf b = {0};
	const char *st = smalltalk_of(q, n);
	if (st) {
		if (o->json) {
			render_json_smalltalk(&b, q, n, st);
		} else {
			buf_puts(&b, st);
			buf_puts(&b, "\n");
		}
		emit(&b);
		buf_free(&b);
		return 1;
	}
	if (answer_ask(a, q, n, o->top, o->threshold, &r, msg, sizeof msg) != 0) {
		fprintf(stderr, "faqbot: %s\n", msg);
		return -1;
	}
	/* Logged before the answer is written: a pipe closed meanwhile ends
	 * the bot in emit(), and the question must not be lost. */
	if (o->log && misslog_add(o->log, &r, q, n, msg, sizeof msg) != 0)
		fprintf(stderr, "faqbot: %s\n", msg);
	if (o->json) /* a line cut at the limit is echoed as far as it was read */
		render_json(&b, q, n > QUERY_MAX_BYTES ? QUERY_MAX_BYTES : n, &r);
	else
		render_line(&b, &r);
	if (o->explain && !o->json)
		render_why(&b, &r, 0);
	emit(&b);
	buf_free(&b);
	int answered = r.answer != NULL;
	answer_result_free(&r);
	return answered;
}

/* Reads one line of at most max bytes into line (max + 1 bytes); the rest
 * of a longer line is read and dropped, *n is then max + 1. A final CR is
 * dropped. Returns 0 at end of input. */
static int read_line(FILE *f, char *line, size_t max, size_t *n)
{
	int c;
	size_t k = 0, total = 0;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (k < max)
			line[k++] = (char)c;
		total++;
	}
	if (c == EOF && total == 0)
		return 0;
	if (k > 0 && k == total && line[k - 1] == '\r')
		k--;
	*n = total > max ? max + 1 : k;
	line[k] = '\0';
	return 1;
}

static int run_lines(answerer *a, const options *o)
{
	char *line = malloc(QUERY_MAX_BYTES + 2);
	size_t n;
	int status = 0;
	if (!line)
		return 2;
	while (read_line(stdin, line, QUERY_MAX_BYTES, &n)) {
		/* n > QUERY_MAX_BYTES marks a line that was cut; the answerer
		 * declines it by its length without reading past the buffer. */
		if (answer_one(a, o, line, n) < 0) {
			status = 2;
			break;
		}
	}
	free(line);
	return status;
}

/* 1 when id is one of the comma-separated ids in list. */
static int id_in(const char *id, const char *list)
{
	size_t n = strlen(id);
	for (const char *p = list; p && *p;) {
		const char *c = strchr(p, ',');
		size_t k = c ? (size_t)(c - p) : strlen(p);
		if (k == n && strncmp(p, id, n) == 0)
			return 1;
		p = c ? c + 1 : NULL;
	}
	return 0;
}

/* --test: each line "question<TAB>ids" where ids lists the entries that
 * answer it, or "-" when none should. Returns the exit status. */
static int run_test(answerer *a, const options *o)
{
	FILE *f = fopen(o->test, "r");
	if (!f) {
		fprintf(stderr, "faqbot: %s: %s\n", o->test, strerror(errno));
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, in = 0, in_ok = 0, out = 0, out_ok = 0, status = 0;
	while (status == 0 && getline(&line, &cap, f) > 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!tab) {
			fprintf(stderr, "%s:%d: expected question<TAB>ids\n", o->test,
			        lineno);
			status = 2;
			break;
		}
		*tab = '\0';
		const char *want = tab + 1;
		answer_result r = {0};
		char msg[1024];
		/* Small talk gets no entry, as it would from a user. */
		int chat = smalltalk_of(line, strlen(line)) != NULL;
		if (!chat &&
		    answer_ask(a, line, strlen(line), o->top, o->threshold, &r,
		               msg, sizeof msg) != 0) {
			fprintf(stderr, "faqbot: %s\n", msg);
			status = 2;
			break;
		}
		const char *got = r.answer ? r.m[0].id : "-";
		int none = strcmp(want, "-") == 0;
		int ok = none ? !r.answer : r.answer && id_in(got, want);
		if (none)
			out++, out_ok += ok;
		else
			in++, in_ok += ok;
		if (!ok && chat)
			printf("MISS  %s:%d: %s\n  want %s, got small talk\n",
			       o->test, lineno, line, want);
		else if (!ok)
			printf("%s %s:%d: %s\n  want %s, got %s (%.2f)\n",
			       none ? "FALSE" : "MISS ", o->test, lineno, line, want,
			       r.n ? r.m[0].id : "-", r.confidence);
		answer_result_free(&r);
	}
	free(line);
	fclose(f);
	if (status)
		return status;
	double acc = in + out ? (double)(in_ok + out_ok) / (in + out) : 0;
	printf("%s: accuracy %.3f (%d/%d): answered right %.3f (%d/%d), "
	       "declined right %.3f (%d/%d)\n",
	       o->test, acc, in_ok + out_ok, in + out,
	       in ? (double)in_ok / in : 0, in_ok, in,
	       out ? (double)out_ok / out : 0, out_ok, out);
	return acc >= o->min ? 0 : 1;
}

static int parse_args(int argc, char **argv, options *o, int *first_q)
{
	int i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		char *end;
		if (!strcmp(a, "--")) {
			i++;
			break;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			exit(0);
		} else if (!strcmp(a, "--version")) {
			printf("faqbot " FAQBOT_VERSION "\n");
			exit(0);
		} else if (!strcmp(a, "--json")) {
			o->json = 1;
		} else if (!strcmp(a, "--explain")) {
			o->explain = 1;
		} else if (!strcmp(a, "--reference")) {
			o->reference = 1;
		} else if (!strcmp(a, "--test") && more) {
			o->test = argv[++i];
		} else if (!strcmp(a, "--min") && more) {
			double v = strtod(argv[++i], &end);
			if (*end || !(v >= 0 && v <= 1))
				return fprintf(stderr, "faqbot: --min takes 0 to 1\n"), -1;
			o->min = v;
		} else if (!strcmp(a, "--db") && more) {
			o->db = argv[++i];
		} else if (!strcmp(a, "--log-misses") && more) {
			o->log_path = argv[++i];
		} else if (!strcmp(a, "--top") && more) {
			long v = strtol(argv[++i], &end, 10);
			if (*end || v < 1 || v > 100)
				return fprintf(stderr, "faqbot: --top takes 1 to 100\n"), -1;
			o->top = (size_t)v;
		} else if (!strcmp(a, "--threshold") && more) {
			double v = strtod(argv[++i], &end);
			if (*end || !(v >= 0 && v <= 1))
				return fprintf(stderr, "faqbot: --threshold takes 0 to 1\n"),
				       -1;
			o->threshold = v;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "faqbot: unknown or incomplete option '%s'\n%s",
			        a, usage);
			return -1;
		} else {
			break;
		}
	}
	*first_q = i;
	return 0;
}

int main(int argc, char **argv)
{
	options o = {NULL, 0, 3, ANSWER_THRESHOLD, 0, 0, NULL, 0, NULL, NULL};
	int first_q;
	if (parse_args(argc, argv, &o, &first_q) != 0)
		return 2;
	signal(SIGPIPE, SIG_IGN); /* a closed pipe shows as EPIPE in emit() */
	char *db = o.db ? strdup(o.db) : default_db();
	char msg[1024];
	answerer *a = db ? answer_open(db, msg, sizeof msg) : NULL;
	if (!a) {
		fprintf(stderr, "faqbot: %s\n", db ? msg : "out of memory");
		free(db);
		return 2;
	}
	int status;
	answer_explain(a, o.explain);
	answer_reference(a, o.reference);
	const char *env = getenv("FAQBOT_LOG_MISSES");
	if (!o.log_path && env && *env)
		o.log_path = env;
	/* --test measures the index; its questions are not users' misses. A
	 * log that cannot be opened is said once, and answering goes on. */
	if (o.log_path && !o.test &&
	    !(o.log = misslog_open(o.log_path, db, msg, sizeof msg)))
		fprintf(stderr, "faqbot: %s; answering without it\n", msg);
	if (o.test) {
		status = run_test(a, &o);
	} else if (first_q < argc) {
		buf q = {0};
		for (int i = first_q; i < argc; i++) {
			if (i > first_q)
				buf_puts(&q, " ");
			buf_puts(&q, argv[i]);
		}
		int r = q.oom ? -1 : answer_one(a, &o, q.s, q.n);
		status = r < 0 ? 2 : r ? 0 : 1;
		buf_free(&q);
	} else if (isatty(0) && isatty(1) && !o.json) {
		const char *nc = getenv("NO_COLOR");
		repl_options ro = {a, o.top, o.threshold, !(nc && *nc), o.log};
		status = repl_run(&ro);
	} else {
		status = run_lines(a, &o);
	}
	misslog_close(o.log);
	answer_close(a);
	free(db);
	if (fclose(stdout) != 0 && errno != EPIPE) {
		fprintf(stderr, "faqbot: cannot write output: %s\n", strerror(errno));
		status = 2;
	}
	return status;
}
