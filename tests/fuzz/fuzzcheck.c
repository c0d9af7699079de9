/* fuzzcheck.c: invariants of the parsers' and renderers' output, checked
 * on every fuzz input (see fuzzcheck.h). */
#include "fuzzcheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz invariant: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. Written
 * from the Unicode table (D92), apart from the product's two decoders. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t len;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

int fuzz_utf8_valid(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	while (i < n && (k = utf8_seq(u + i, n - i)))
		i += k;
	return i == n;
}

size_t fuzz_control_at(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			break;
	return i;
}

/* ---- a strict JSON checker ------------------------------------------ */

typedef struct {
	const char *s;
	size_t i, n;
	int depth;
} json;

static void json_bad(const json *j, const char *what)
{
	fuzz_fail("invalid JSON at byte %zu of %zu: %s (near \"%.*s\")", j->i,
	          j->n, what, (int)(j->n - j->i < 40 ? j->n - j->i : 40),
	          j->s + j->i);
}

static int json_peek(const json *j)
{
	return j->i < j->n ? (unsigned char)j->s[j->i] : -1;
}

static void json_space(json *j)
{
	int c;
	while ((c = json_peek(j)) == ' ' || c == '\t' || c == '\n' || c == '\r')
		j->i++;
}

static void json_lit(json *j, const char *lit)
{
	size_t n = strlen(lit);
	if (j->n - j->i < n || memcmp(j->s + j->i, lit, n) != 0)
		json_bad(j, "bad literal");
	j->i += n;
}

static int hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static void json_string(json *j)
{
	const unsigned char *u = (const unsigned char *)j->s;
	j->i++; /* the opening quote */
	for (;;) {
		int c = json_peek(j);
		if (c < 0)
			json_bad(j, "unterminated string");
		if (c == '"') {
			j->i++;
			return;
		}
		if (c < 0x20 || c == 0x7F)
			json_bad(j, "raw control byte in a string");
		if (c == '\\') {
			j->i++;
			c = json_peek(j);
			if (c < 0 || !strchr("\"\\/bfnrtu", c))
				json_bad(j, "bad escape");
			j->i++;
			if (c == 'u') {
				for (int k = 0; k < 4; k++, j->i++)
					if (!hex(json_peek(j)))
						json_bad(j, "bad \\u escape");
			}
			continue;
		}
		size_t k = utf8_seq(u + j->i, j->n - j->i);
		if (k == 0)
			json_bad(j, "invalid UTF-8 in a string");
		j->i += k;
	}
}

static void json_digits(json *j)
{
	if (json_peek(j) < '0' || json_peek(j) > '9')
		json_bad(j, "digit expected");
	while (json_peek(j) >= '0' && json_peek(j) <= '9')
		j->i++;
}

static void json_number(json *j)
{
	if (json_peek(j) == '-')
		j->i++;
	if (json_peek(j) == '0')
		j->i++;
	else
		json_digits(j);
	if (json_peek(j) == '.') {
		j->i++;
		json_digits(j);
	}
	if (json_peek(j) == 'e' || json_peek(j) == 'E') {
		j->i++;
		if (json_peek(j) == '+' || json_peek(j) == '-')
			j->i++;
		json_digits(j);
	}
}

static void json_value(json *j)
{
	int c;
	json_space(j);
	c = json_peek(j);
	if (++j->depth > 64)
		json_bad(j, "nested too deep");
	if (c == '{' || c == '[') {
		int close = c == '{' ? '}' : ']', first = 1;
		j->i++;
		for (;;) {
			json_space(j);
			if (first && json_peek(j) == close)
				break;
			if (c == '{') {
				if (json_peek(j) != '"')
					json_bad(j, "key expected");
				json_string(j);
				json_space(j);
				if (json_peek(j) != ':')
					json_bad(j, "':' expected");
				j->i++;
			}
			json_value(j);
			json_space(j);
			first = 0;
			if (json_peek(j) == ',') {
				j->i++;
				continue;
			}
			if (json_peek(j) != close)
				json_bad(j, "',' or close expected");
			break;
		}
		j->i++;
	} else if (c == '"') {
		json_string(j);
	} else if (c == '-' || (c >= '0' && c <= '9')) {
		json_number(j);
	} else if (c == 't') {
		json_lit(j, "true");
	} else if (c == 'f') {
		json_lit(j, "false");
	} else if (c == 'n') {
		json_lit(j, "null");
	} else {
		json_bad(j, "value expected");
	}
	j->depth--;
}

void fuzz_json_check(const char *s, size_t n)
{
	json j = {s, 0, n, 0};
	if (!fuzz_utf8_valid(s, n))
		fuzz_fail("JSON output is not valid UTF-8");
	json_value(&j);
	json_space(&j);
	if (j.i != n)
		json_bad(&j, "text after the value");
}

/* ---- corpus_parse's output ------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_text(const char *what, size_t i, const char *s)
{
	if (!s)
		fuzz_fail("entry %zu: %s is NULL", i, what);
	if (!fuzz_utf8_valid(s, strlen(s)))
		fuzz_fail("entry %zu: %s is not valid UTF-8: \"%.80s\"", i, what,
		          s);
}

void fuzz_corpus_check(const corpus *c, int rc, const char *text, size_t len)
{
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	if (rc != 0 && rc != -1)
		fuzz_fail("corpus_parse returned %d", rc);
	if ((rc == 0) != (c->n > 0))
		fuzz_fail("corpus_parse returned %d with %zu entries", rc, c->n);
	if (c->n > c->cap || c->nproblems > c->problems_cap)
		fuzz_fail("corpus counts exceed capacities");
	if (rc == -1 && c->nproblems == 0)
		fuzz_fail("no entries and no problem saying why");
	if (c->title && !fuzz_utf8_valid(c->title, strlen(c->title)))
		fuzz_fail("title is not valid UTF-8");
	char **ids = malloc((c->n ? c->n : 1) * sizeof *ids);
	if (!ids)
		abort();
	for (size_t i = 0; i < c->n; i++) {
		const corpus_entry *e = &c->entries[i];
		check_text("id", i, e->id);
		check_text("question", i, e->question);
		check_text("label", i, e->label);
		check_text("answer", i, e->answer);
		if (!*e->id)
			fuzz_fail("entry %zu: empty id", i);
		if (e->kind != ENTRY_QUESTION && e->kind != ENTRY_SECTION &&
		    e->kind != ENTRY_UNTITLED)
			fuzz_fail("entry %zu: kind %d", i, (int)e->kind);
		/* An untitled part has no question, but for the first entry,
		 * whose question the document's title may be. */
		int title_q = i == 0 && c->title && !strcmp(e->question, c->title);
		if ((e->kind == ENTRY_UNTITLED && !title_q) != (*e->question == '\0'))
			fuzz_fail("entry %zu (kind %d): question \"%.80s\"", i,
			          (int)e->kind, e->question);
		if (strlen(e->question) > 4096 || strlen(e->answer) > 1 << 20)
			fuzz_fail("entry %zu: over the size limits", i);
		if (e->line < 1 || (size_t)e->line > lines)
			fuzz_fail("entry %zu: line %d of %zu", i, e->line, lines);
		ids[i] = e->id;
	}
	qsort(ids, c->n, sizeof *ids, cmp_str);
	for (size_t i = 1; i < c->n; i++)
		if (strcmp(ids[i - 1], ids[i]) == 0)
			fuzz_fail("duplicate id \"%s\"", ids[i]);
	free(ids);
	for (size_t i = 0; i < c->nproblems; i++) {
		const corpus_problem *p = &c->problems[i];
		if (!p->message || p->line < 0 || (size_t)p->line > lines)
			fuzz_fail("problem %zu: line %d of %zu, message %s", i,
			          p->line, lines, p->message ? "set" : "NULL");
	}
}
