/* lint.h: what a FAQ author should know about a corpus beyond parse
 * errors: repeated entries, one question with several answers, and
 * questions the bot cannot tell apart. Pure: entries in, findings out. */
#ifndef LINT_H
#define LINT_H
#include <stddef.h>

typedef struct {
	const char *id, *source;
	int line;
	const char *question; /* as written ("" for an untitled part) */
	const char *answer;
	const char *key;      /* its content words' stems, sorted, one space
	                       * apart: what the ranking sees of it */
} lint_entry;

typedef struct {
	const char *source;
	int line;
	char *message; /* owned */
} lint_finding;

typedef struct {
	lint_finding *v; /* owned; free with lint_free() */
	size_t n;
} lint_report;

/* Checks n entries; returns 0, or -1 when memory ran out. */
int lint_check(const lint_entry *e, size_t n, lint_report *out);
void lint_free(lint_report *r);

#endif
