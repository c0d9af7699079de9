/* lint.c: corpus checks. Entries are sorted by what is compared, so that
 * equal ones stand together: n log n for any corpus size. */
#include "lint.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const lint_entry *base; /* qsort's comparators take no context */

/* Case and white space do not make two questions different. */
static int cmp_text(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a))
			a++;
		while (isspace((unsigned char)*b))
			b++;
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y || !x)
			return x - y;
		a++, b++;
	}
}

static int by_question(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = cmp_text(base[a].question, base[b].question);
	return c ? c : (a > b) - (a < b);
}

static int by_key(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(base[a].key, base[b].key);
	return c ? c : (a > b) - (a < b);
}

static int add(lint_report *r, const lint_entry *e, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	lint_finding *v = realloc(r->v, (r->n + 1) * sizeof *v);
	if (!v)
		return -1;
	r->v = v;
	v[r->n] = (lint_finding){e->source, e->line, strdup(buf)};
	return v[r->n++].message ? 0 : -1;
}

/* Runs of entries with the same question: exact repeats, or several
 * answers to one question (which the bot shows as one). */
static int same_questions(const size_t *ix, size_t n, lint_report *r)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !cmp_text(base[ix[i]].question, base[ix[j]].question))
			j++;
		const lint_entry *first = &base[ix[i]];
		for (size_t k = i + 1; *first->question && k < j; k++) {
			const lint_entry *e = &base[ix[k]];
			int rc = strcmp(e->answer, first->answer) == 0
			             ? add(r, e, "entry %s repeats entry %s (%s:%d)",
			                   e->id, first->id, first->source, first->line)
			             : add(r, e, "entry %s asks the same as entry %s "
			                   "(%s:%d) with another answer; they count as one "
			                   "question with several answers",
			                   e->id, first->id, first->source, first->line);
			if (rc)
				return -1;
		}
		i = j;
	}
	return 0;
}

/* Questions that differ as written but not once stemmed and stripped of
 * function words: only their answers can tell them apart. */
static int same_keys(const size_t *ix, size_t n, lint_report *r)
{
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcmp(base[ix[i]].key, base[ix[j]].key))
			j++;
		const lint_entry *first = &base[ix[i]];
		for (size_t k = i; k < j; k++) {
			const lint_entry *e = &base[ix[k]];
			int rc = 0;
			if (!*e->question)
				continue;
			if (!*e->key)
				rc = add(r, e, "entry %s: its question has only function "
				         "words; only its answer can match", e->id);
			else if (k > i && cmp_text(e->question, first->question))
				rc = add(r, e, "entry %s and entry %s (%s:%d) ask with the "
				         "same words (%s); only their answers tell them apart",
				         e->id, first->id, first->source, first->line, e->key);
			if (rc)
				return -1;
		}
		i = j;
	}
	return 0;
}

static int by_place(const void *pa, const void *pb)
{
	const lint_finding *a = pa, *b = pb;
	int c = strcmp(a->source, b->source);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

int lint_check(const lint_entry *e, size_t n, lint_report *out)
{
	size_t *ix = malloc((n ? n : 1) * sizeof *ix);
	if (!ix)
		return -1;
	for (size_t i = 0; i < n; i++)
		ix[i] = i;
	base = e;
	qsort(ix, n, sizeof *ix, by_question);
	int rc = same_questions(ix, n, out);
	qsort(ix, n, sizeof *ix, by_key);
	if (rc == 0)
		rc = same_keys(ix, n, out);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, by_place);
	free(ix);
	return rc;
}

void lint_free(lint_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].message);
	free(r->v);
	memset(r, 0, sizeof *r);
}
