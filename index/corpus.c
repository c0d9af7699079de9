/* corpus.c: parses FAQ documents (prose articles, id<TAB>question<TAB>answer
 * files, "Q:"/"A:" files, numbered sections) into corpus entries. Pure:
 * text in, entries out. */
#include "corpus.h"
#include "utf8.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h> /* only to format messages; nothing is printed */
#include <stdlib.h>
#include <string.h>

enum {
	QUESTION_MAX = 4096,      /* bytes; a longer question is a problem */
	ANSWER_MAX = 1024 * 1024, /* bytes; a longer answer is a problem */
	QUESTION_WORDS = 30,      /* a longer line ending in '?' is prose */
	HEADING_WORDS = 10,       /* a longer unpunctuated line is prose */
	LABEL_MAX = 100,          /* bytes of an untitled part's label */
	SLUG_MAX = 40,            /* bytes of an id made from a question */
	CLIP = 60                 /* bytes of source text quoted in a message */
};

/* ---- memory ----------------------------------------------------------
 * Allocation failure (or a size that overflows) calls abort(): a parse has
 * no useful partial result, and the only caller, faqbot-index, would exit
 * anyway. */

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static size_t size_add(size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		abort();
	return a + b;
}

/* Grows arr (cap elements of sz bytes) to hold at least need elements;
 * returns the possibly moved array and updates *cap. */
static void *grow(void *arr, size_t *cap, size_t need, size_t sz)
{
	size_t n = *cap ? *cap : 8;
	if (need <= *cap)
		return arr;
	while (n < need) {
		if (n > SIZE_MAX / 2 / sz)
			abort();
		n *= 2;
	}
	*cap = n;
	return xrealloc(arr, n * sz);
}

/* A growing string. s is malloc'ed, owned by the buf until buf_take(), and
 * NUL-terminated once anything was added. */
typedef struct {
	char *s;
	size_t len, cap;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
	b->s = grow(b->s, &b->cap, size_add(size_add(b->len, n), 1), 1);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Empties b, keeping its memory. */
static void buf_clear(buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

static void buf_str(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Hands the string over to the caller, who frees it ("" when nothing was
 * added), and leaves b empty. */
static char *buf_take(buf *b)
{
	char *s;
	if (!b->s)
		buf_add(b, "", 0);
	s = b->s;
	memset(b, 0, sizeof *b);
	return s;
}

/* ---- spans and lines ------------------------------------------------- */

/* A piece of the caller's text: not NUL-terminated, not owned. */
typedef struct {
	const char *s;
	size_t len;
} span;

static int ascii_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	       c == '\f';
}

/* 1 when c is one of set's characters (never for '\0', unlike strchr). */
static int char_in(char c, const char *set)
{
	return c && strchr(set, c);
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Bytes of the space at s: ASCII whitespace, or U+00A0 NO-BREAK SPACE,
 * which word processors leave at line ends; 0 if none. */
static size_t space_at(const char *s, size_t n)
{
	if (n >= 1 && ascii_space(s[0]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Bytes of the space that ends s[0..n), or 0. The text is valid UTF-8 by
 * then (see sanitize), so C2 A0 at the end is always one character. */
static size_t space_before(const char *s, size_t n)
{
	if (n >= 1 && ascii_space(s[n - 1]))
		return 1;
	if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
	    (unsigned char)s[n - 1] == 0xA0)
		return 2;
	return 0;
}

static span span_rstrip(span t)
{
	size_t k;
	while ((k = space_before(t.s, t.len)))
		t.len -= k;
	return t;
}

static span span_lstrip(span t)
{
	size_t k;
	while ((k = space_at(t.s, t.len))) {
		t.s += k;
		t.len -= k;
	}
	return t;
}

static span span_trim(span t)
{
	return span_lstrip(span_rstrip(t));
}

/* 1 when t holds lit at offset i. */
static int span_at(span t, size_t i, const char *lit)
{
	size_t n = strlen(lit);
	return i <= t.len && t.len - i >= n && memcmp(t.s + i, lit, n) == 0;
}

static int span_eq_ci(span t, const char *lit)
{
	size_t i;
	if (t.len != strlen(lit))
		return 0;
	for (i = 0; i < t.len; i++)
		if (ascii_lower(t.s[i]) != lit[i])
			return 0;
	return 1;
}

/* A malloc'ed, NUL-terminated copy; the caller frees it. */
static char *span_dup(span t)
{
	buf b = {0};
	buf_add(&b, t.s, t.len);
	return buf_take(&b);
}

/* At most max bytes of t, not cutting a UTF-8 character: for quoting
 * source text in a message. */
static span span_clip(span t, size_t max)
{
	if (t.len <= max)
		return t;
	t.len = max;
	while (t.len > 0 && ((unsigned char)t.s[t.len] & 0xC0) == 0x80)
		t.len--;
	return t;
}

/* Walks text line by line. A line excludes its "\n" and a trailing "\r";
 * no is the 1-based number of the line last returned. */
typedef struct {
	const char *p, *end;
	int no;
} cursor;

static cursor cursor_make(const char *text, size_t len)
{
	cursor c = {text, text + len, 0};
	return c;
}

static int cursor_next(cursor *c, span *line)
{
	const char *nl, *e;
	if (c->p >= c->end)
		return 0;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	e = nl ? nl : c->end;
	line->s = c->p;
	line->len = (size_t)(e - c->p);
	if (line->len && line->s[line->len - 1] == '\r')
		line->len--;
	c->p = nl ? nl + 1 : c->end;
	if (c->no < INT_MAX)
		c->no++;
	return 1;
}

static void skip_bom(const char **text, size_t *len)
{
	if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
		*text += 3;
		*len -= 3;
	}
}

/* ---- problems -------------------------------------------------------- */

__attribute__((format(printf, 3, 4))) static void
problem_add(corpus *c, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->problems = grow(c->problems, &c->problems_cap, c->nproblems + 1,
	                   sizeof *c->problems);
	c->problems[c->nproblems].line = line;
	c->problems[c->nproblems].message = span_dup((span){msg, strlen(msg)});
	c->nproblems++;
}

/* ---- UTF-8 -----------------------------------------------------------
 * Every string in a corpus is valid UTF-8 without NUL bytes: downstream
 * code uses C strings and SQLite, and a NUL would silently cut a text. */

/* Length of the valid, non-NUL UTF-8 character at s (n > 0 bytes left),
 * or 0 for a bad byte (NUL, stray continuation, overlong form, surrogate,
 * beyond U+10FFFF, or truncated sequence). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	return s[0] ? utf8_char_len(s, n) : 0;
}

/* Offset of the first bad byte in s[0..n), or n. */
static size_t utf8_first_bad(const char *s, size_t n)
{
	size_t i = 0, k;
	while (i < n && (k = utf8_len((const unsigned char *)s + i, n - i)))
		i += k;
	return i;
}

static int line_of(const char *s, size_t off)
{
	int line = 1;
	size_t i;
	for (i = 0; i < off; i++)
		if (s[i] == '\n' && line < INT_MAX)
			line++;
	return line;
}

/* NULL when text is clean; otherwise a malloc'ed copy (the caller frees
 * it; *len becomes its length) with each bad byte replaced by U+FFFD, and
 * a problem saying where the first one was. Newlines are kept, so line
 * numbers stay right. */
static char *sanitize(corpus *out, const char *text, size_t *len, int line0)
{
	size_t n = *len, i = utf8_first_bad(text, n), start = 0, bad = 0, k;
	int line;
	buf b = {0};
	if (i == n)
		return NULL;
	line = line_of(text, i);
	line = line <= INT_MAX - line0 ? line + line0 : INT_MAX;
	while (i < n) {
		k = utf8_len((const unsigned char *)text + i, n - i);
		if (k) {
			i += k;
			continue;
		}
		buf_add(&b, text + start, i - start);
		buf_add(&b, "\xEF\xBF\xBD", 3);
		bad++;
		start = ++i;
	}
	buf_add(&b, text + start, n - start);
	problem_add(
	    out, line,
	    "%zu invalid UTF-8 or NUL bytes replaced by U+FFFD, the first"
	    " on this line (is the file UTF-8?)",
	    bad);
	*len = b.len;
	return buf_take(&b);
}

/* ---- entries and ids ------------------------------------------------- */

/* A base id that was taken, and the suffix id_unique tries next for it. */
typedef struct {
	char *base; /* owned; NULL = empty slot */
	int next;
} suffix;

/* What a parse carries along: the corpus being filled and a hash set of
 * its ids, so that checking an id costs O(1) even for big TSV files; and
 * the next suffix of each repeated base id, so that n entries with one
 * heading cost O(n), not O(n^2). */
typedef struct {
	corpus *out;
	/* owned; entry index + 1, 0 = empty; cap is a power of 2 */
	size_t *slot;
	size_t cap;
	size_t added; /* entries added by this parse */
	suffix *sfx;  /* owned; sfx_cap is 0 or a power of 2 */
	size_t sfx_n, sfx_cap;
} parser;

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot holding id, or the empty slot where it would go. */
static size_t id_slot(const parser *p, const char *id)
{
	size_t mask = p->cap - 1, i = hash_str(id) & mask;
	while (p->slot[i] && strcmp(p->out->entries[p->slot[i] - 1].id, id))
		i = (i + 1) & mask;
	return i;
}

static const corpus_entry *id_find(const parser *p, const char *id)
{
	size_t i;
	if (!p->cap)
		return NULL;
	i = id_slot(p, id);
	return p->slot[i] ? &p->out->entries[p->slot[i] - 1] : NULL;
}

/* Rebuilds the set from all entries of the corpus, sized so that it is
 * less than half full. */
static void id_rebuild(parser *p)
{
	size_t i, cap = 16;
	while (cap / 2 <= p->out->n)
		cap = size_add(cap, cap);
	free(p->slot);
	if (cap > SIZE_MAX / sizeof *p->slot)
		abort();
	p->slot = calloc(cap, sizeof *p->slot);
	if (!p->slot)
		abort();
	p->cap = cap;
	for (i = 0; i < p->out->n; i++)
		p->slot[id_slot(p, p->out->entries[i].id)] = i + 1;
}

/* Registers the id of the corpus's last entry, keeping the set less than
 * half full (so id_slot always finds an empty slot). */
static void id_register(parser *p)
{
	size_t n = p->out->n;
	if (n >= p->cap / 2)
		id_rebuild(p);
	else
		p->slot[id_slot(p, p->out->entries[n - 1].id)] = n;
}

/* An id from text: lowercase ASCII letters and digits, every other run of
 * bytes one '-', none at either end, cut at a '-' to at most SLUG_MAX
 * bytes. May be "". Caller frees. */
static char *slug_make(const char *text)
{
	buf b = {0};
	int dash = 0;
	size_t i;
	for (; *text; text++) {
		char c = ascii_lower(*text);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len)
				buf_add(&b, "-", 1);
			buf_add(&b, &c, 1);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (b.len > SLUG_MAX) {
		for (i = SLUG_MAX; i > 0 && b.s[i] != '-'; i--)
			;
		b.len = i ? i : SLUG_MAX;
		b.s[b.len] = '\0';
	}
	return buf_take(&b);
}

/* The id an entry would like: "part-<line>" for an untitled part, else
 * the slug of its label ("entry-<line>" if that has no letter or digit).
 * Caller frees. */
static char *id_base(const corpus_entry *e)
{
	char tmp[32];
	char *slug;
	if (e->kind != ENTRY_UNTITLED) {
		slug = slug_make(e->label);
		if (*slug)
			return slug;
		free(slug);
	}
	snprintf(tmp, sizeof tmp, "%s-%d",
	         e->kind == ENTRY_UNTITLED ? "part" : "entry", e->line);
	return span_dup((span){tmp, strlen(tmp)});
}

/* base itself when free, else base-2, base-3, ...; takes ownership of
 * base and returns a string the caller owns. */
/* The suffix slot of base: where it is, or the empty slot where it would
 * go. The table is less than half full. */
static suffix *suffix_slot(const parser *p, const char *base)
{
	size_t mask = p->sfx_cap - 1, i = hash_str(base) & mask;
	while (p->sfx[i].base && strcmp(p->sfx[i].base, base))
		i = (i + 1) & mask;
	return &p->sfx[i];
}

/* The slot of base, added (taking ownership of base) if new; otherwise
 * base is freed. */
static suffix *suffix_get(parser *p, char *base)
{
	suffix *old = p->sfx, *s;
	size_t i, n = p->sfx_cap;
	if (p->sfx_n + 1 > p->sfx_cap / 2) {
		p->sfx_cap = n ? size_add(n, n) : 16;
		if (p->sfx_cap > SIZE_MAX / sizeof *p->sfx)
			abort();
		p->sfx = calloc(p->sfx_cap, sizeof *p->sfx);
		if (!p->sfx)
			abort();
		for (i = 0; i < n; i++)
			if (old[i].base)
				*suffix_slot(p, old[i].base) = old[i];
		free(old);
	}
	s = suffix_slot(p, base);
	if (s->base) {
		free(base);
	} else {
		s->base = base;
		s->next = 2;
		p->sfx_n++;
	}
	return s;
}

/* base itself when free, else base-2, base-3, ... (the first free one
 * from where the last search for base stopped); takes ownership of base
 * and returns a string the caller owns. */
static char *id_unique(parser *p, char *base)
{
	buf b = {0};
	char num[24];
	suffix *s;
	int k;
	if (!id_find(p, base))
		return base;
	s = suffix_get(p, base); /* owns base now */
	for (k = s->next;; k++) {
		buf_clear(&b);
		snprintf(num, sizeof num, "-%d", k);
		buf_str(&b, s->base);
		buf_str(&b, num);
		if (!id_find(p, b.s))
			break;
	}
	s->next = k < INT_MAX ? k + 1 : k;
	return buf_take(&b);
}

static void entry_free(corpus_entry *e)
{
	free(e->id);
	free(e->question);
	free(e->label);
	free(e->answer);
}

/* 1 (after reporting it) when e's question or answer is too long. */
static int entry_too_big(parser *p, const corpus_entry *e)
{
	size_t q = strlen(e->question), a = strlen(e->answer);
	if (q > QUESTION_MAX)
		problem_add(
		    p->out, e->line,
		    "question longer than 4 KiB (%zu bytes); entry skipped", q);
	else if (a > ANSWER_MAX)
		problem_add(
		    p->out, e->line,
		    "answer longer than 1 MiB (%zu bytes); entry skipped", a);
	return q > QUESTION_MAX || a > ANSWER_MAX;
}

/* Adds e, whose strings are malloc'ed and now owned by the corpus (or
 * freed here when the entry is too big). A NULL id is made from the
 * label or line and made unique; a given id must already be unique. */
static void entry_push(parser *p, corpus_entry e)
{
	corpus *c = p->out;
	if (entry_too_big(p, &e)) {
		entry_free(&e);
		return;
	}
	if (!e.id)
		e.id = id_unique(p, id_base(&e));
	c->entries = grow(c->entries, &c->cap, c->n + 1, sizeof *c->entries);
	c->entries[c->n++] = e;
	p->added++;
	id_register(p);
}

/* ---- TSV ------------------------------------------------------------- */

/* Splits line at TABs into at most 3 fields (trimmed); returns how many
 * fields the line has in all. */
static size_t tsv_split(span line, span f[3])
{
	size_t n = 0, start = 0, i;
	for (i = 0; i <= line.len; i++) {
		if (i < line.len && line.s[i] != '\t')
			continue;
		if (n < 3)
			f[n] = span_trim((span){line.s + start, i - start});
		n++;
		start = i + 1;
	}
	return n;
}

/* 0 when the three fields are usable, else reports why not. */
static int tsv_check(parser *p, span f[3], int no)
{
	static const char *const names[] = {"id", "question", "answer"};
	const corpus_entry *d;
	char *id;
	int k;
	for (k = 0; k < 3; k++) {
		if (!f[k].len) {
			problem_add(p->out, no,
			            "field %d (%s) is empty; row skipped",
			            k + 1, names[k]);
			return -1;
		}
	}
	id = span_dup(f[0]);
	d = id_find(p, id);
	free(id);
	if (d) {
		span s = span_clip(f[0], CLIP);
		problem_add(
		    p->out, no,
		    "duplicate id \"%.*s\" (first on line %d); row skipped",
		    (int)s.len, s.s, d->line);
		return -1;
	}
	return 0;
}

/* Handles one line; *header says a header may still come (the first
 * non-blank line only). */
static void tsv_line(parser *p, span line, int no, int *header)
{
	span f[3];
	size_t n;
	corpus_entry e = {0};
	if (!span_trim(line).len)
		return;
	n = tsv_split(line, f);
	if (*header && n == 3 && span_eq_ci(f[0], "id") &&
	    span_eq_ci(f[1], "question") && span_eq_ci(f[2], "answer")) {
		*header = 0;
		return;
	}
	*header = 0;
	if (n != 3) {
		problem_add(
		    p->out, no,
		    "expected 3 TAB-separated fields (id, question, answer),"
		    " found %zu; row skipped",
		    n);
		return;
	}
	if (tsv_check(p, f, no))
		return;
	e.id = span_dup(f[0]);
	e.question = span_dup(f[1]);
	e.label = span_dup(f[1]);
	e.answer = span_dup(f[2]);
	e.line = no;
	e.kind = ENTRY_QUESTION;
	entry_push(p, e);
}

/* line0: lines of the file before text; a header line may come only at
 * the start of the file. */
static void tsv_parse(parser *p, const char *text, size_t len, int line0)
{
	cursor c = cursor_make(text, len);
	span line;
	int header = line0 == 0;
	c.no = line0;
	while (cursor_next(&c, &line))
		tsv_line(p, line, c.no, &header);
}

/* ---- "Q:" / "A:" FAQ ------------------------------------------------- */

/* Recognises a marker at the very start of a line: "Q:", "**Q:**" or
 * "**Q**:" in either case, and the same with A. Returns 'Q', 'A' or 0 and
 * sets *rest to what follows the marker. */
static int faq_marker(span l, span *rest)
{
	size_t i = span_at(l, 0, "**") ? 2 : 0;
	int bold = i == 2, m;
	if (i >= l.len)
		return 0;
	m = ascii_lower(l.s[i]);
	if (m != 'q' && m != 'a')
		return 0;
	m = m == 'q' ? 'Q' : 'A';
	i++;
	if (bold && (span_at(l, i, "**:") || span_at(l, i, ":**")))
		i += 3;
	else if (span_at(l, i, ":"))
		i += 1;
	else
		return 0;
	rest->s = l.s + i;
	rest->len = l.len - i;
	return m;
}

/* A Markdown heading ("# ", "## ", ...): a title before the first
 * question, and the end of an answer after one. */
static int md_heading(span l, span *text)
{
	size_t i = 0;
	while (i < l.len && i < 6 && l.s[i] == '#')
		i++;
	if (i == 0 || i >= l.len || (l.s[i] != ' ' && l.s[i] != '\t'))
		return 0;
	*text = span_trim((span){l.s + i, l.len - i});
	return (int)i;
}

typedef enum {
	FAQ_BEFORE,   /* before the first Q: (title and preamble) */
	FAQ_QUESTION, /* after Q: lines, waiting for A: */
	FAQ_ANSWER,   /* in an answer */
	FAQ_SKIP      /* ignoring text until the next Q: */
} faq_state;

typedef struct {
	faq_state state;
	buf q;     /* the questions so far, '\n'-separated */
	buf a;     /* the answer so far */
	int qline; /* line of the first Q: */
	int blank; /* blank lines since the last text line */
} faq;

static void faq_no_answer(parser *p, faq *f)
{
	span q = span_clip((span){f->q.s ? f->q.s : "", f->q.len}, CLIP);
	problem_add(p->out, f->qline, "question with no answer: \"%.*s\"",
	            (int)q.len, q.s);
	buf_clear(&f->q);
	f->state = FAQ_SKIP;
}

/* Ends the entry being read: adds it, or reports it when it has no
 * answer. */
static void faq_finish(parser *p, faq *f)
{
	corpus_entry e = {0};
	size_t first;
	if (!f->a.len) {
		faq_no_answer(p, f);
		return;
	}
	first = strcspn(f->q.s, "\n");
	e.label = span_dup((span){f->q.s, first});
	e.question = buf_take(&f->q);
	e.answer = buf_take(&f->a);
	e.line = f->qline;
	e.kind = ENTRY_QUESTION;
	entry_push(p, e);
	f->state = FAQ_SKIP;
}

static void faq_question(faq *f, parser *p, span text, int no)
{
	if (f->state == FAQ_ANSWER)
		faq_finish(p, f);
	if (f->state != FAQ_QUESTION) {
		buf_clear(&f->q);
		f->qline = no;
		f->state = FAQ_QUESTION;
	}
	if (text.len) {
		if (f->q.len)
			buf_add(&f->q, "\n", 1);
		buf_add(&f->q, text.s, text.len);
	}
	f->blank = 0;
}

static void faq_answer(faq *f, parser *p, span text, int no)
{
	if (f->state == FAQ_ANSWER)
		faq_finish(p, f);
	if (f->state != FAQ_QUESTION || !f->q.len) {
		problem_add(p->out, no,
		            "answer with no question: put one or more"
		            " \"Q:\" lines before an \"A:\"");
		f->state = FAQ_SKIP;
		return;
	}
	buf_clear(&f->a);
	if (text.len)
		buf_add(&f->a, text.s, text.len);
	f->blank = 0;
	f->state = FAQ_ANSWER;
}

/* A line after Q: lines that is not a marker: a blank, the rest of a
 * question wrapped onto the next line, or text where the A: is missing. */
static void faq_question_text(faq *f, parser *p, span line)
{
	if (!line.len) {
		f->blank++;
	} else if (!f->blank) {
		line = span_lstrip(line);
		if (f->q.len)
			buf_add(&f->q, " ", 1);
		buf_add(&f->q, line.s, line.len);
	} else {
		faq_no_answer(p, f);
	}
}

/* A line of an answer: kept as it is (trailing whitespace aside); runs of
 * blank lines become one paragraph break, and trailing ones are dropped. */
static void faq_answer_text(faq *f, parser *p, span line)
{
	span h;
	if (!line.len) {
		f->blank++;
		return;
	}
	if (md_heading(line, &h)) { /* a section heading between entries */
		faq_finish(p, f);
		return;
	}
	if (f->a.len)
		buf_str(&f->a, f->blank ? "\n\n" : "\n");
	buf_add(&f->a, line.s, line.len);
	f->blank = 0;
}

static void faq_text(faq *f, parser *p, span line)
{
	span h;
	switch (f->state) {
	case FAQ_BEFORE:
		if (!p->out->title && md_heading(line, &h) == 1 && h.len)
			p->out->title = span_dup(h);
		break;
	case FAQ_QUESTION:
		faq_question_text(f, p, line);
		break;
	case FAQ_ANSWER:
		faq_answer_text(f, p, line);
		break;
	case FAQ_SKIP:
		break;
	}
}

static void faq_parse(parser *p, const char *text, size_t len)
{
	cursor c = cursor_make(text, len);
	faq f = {0};
	span line, rest;
	int m;
	while (cursor_next(&c, &line)) {
		line = span_rstrip(line);
		m = faq_marker(line, &rest);
		if (m == 'Q')
			faq_question(&f, p, span_trim(rest), c.no);
		else if (m == 'A')
			faq_answer(&f, p, span_trim(rest), c.no);
		else
			faq_text(&f, p, line);
	}
	if (f.state == FAQ_ANSWER)
		faq_finish(p, &f);
	else if (f.state == FAQ_QUESTION)
		faq_no_answer(p, &f);
	free(f.q.s);
	free(f.a.s);
}

/* ---- articles --------------------------------------------------------
 * Prose with headings and question lines. Lines lose trailing whitespace;
 * consecutive non-blank lines make a block. A one-line block ending in '?'
 * of at most QUESTION_WORDS words is a question; a one-line block of at
 * most HEADING_WORDS words, not ending in . ! ? : ; , and not a list item,
 * is a heading; anything else is body. A question, or a heading followed
 * by body, starts an entry whose answer is the body blocks after it; body
 * outside any entry starts an untitled part; two or more blank lines end
 * whatever entry is open. The first heading with no body, before any
 * entry, is the title; other such headings (dates, bylines) are dropped. */

typedef enum { BLOCK_BODY, BLOCK_QUESTION, BLOCK_HEADING } block_type;

/* A paragraph: consecutive non-blank lines. */
typedef struct {
	size_t first, n; /* its lines: article.line[first .. first + n) */
	int blanks;      /* blank lines before it */
	block_type type;
} block;

/* An article as lines (trailing whitespace stripped; line[i] is line
 * i + 1 and points into the parsed text) and blocks. Arrays owned. */
typedef struct {
	span *line;
	size_t nline, line_cap;
	block *block;
	size_t nblock, block_cap;
} article;

static size_t word_count(span t)
{
	size_t n = 0, i = 0, k;
	int in_word = 0;
	while (i < t.len) {
		k = space_at(t.s + i, t.len - i);
		if (!k && !in_word)
			n++;
		in_word = !k;
		i += k ? k : 1;
	}
	return n;
}

/* t (left-stripped) starts like a list item: a bullet, or "1." / "1)". */
static int list_item(span t)
{
	/* • ‣ ◦ ▪ ● */
	static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x80\xA3",
	                                      "\xE2\x97\xA6", "\xE2\x96\xAA",
	                                      "\xE2\x97\x8F"};
	size_t i, d = 0;
	for (i = 0; i < sizeof bullets / sizeof *bullets; i++)
		if (span_at(t, 0, bullets[i]))
			return 1;
	if (t.len && char_in(t.s[0], "-*+") &&
	    (t.len == 1 || ascii_space(t.s[1])))
		return 1;
	while (d < t.len && t.s[d] >= '0' && t.s[d] <= '9')
		d++;
	return d > 0 && d < t.len && (t.s[d] == '.' || t.s[d] == ')') &&
	       (d + 1 == t.len || ascii_space(t.s[d + 1]));
}

/* The text of a one-line block without a Markdown heading's marks
 * ("## How do I...?" gives "How do I...?"); *marked says whether it had
 * them. */
static span heading_text(span line, int *marked)
{
	span t = span_lstrip(line);
	size_t h = 0;
	while (h < t.len && h < 7 && t.s[h] == '#')
		h++;
	*marked = h >= 1 && h <= 6 && h < t.len && ascii_space(t.s[h]);
	if (!*marked)
		return t;
	t.s += h;
	t.len -= h;
	t = span_lstrip(t);
	while (t.len && t.s[t.len - 1] == '#') /* closing marks: "## x ##" */
		t.len--;
	return span_rstrip(t);
}

static block_type block_classify(const article *a, const block *b)
{
	span t;
	size_t words;
	int marked;
	if (b->n != 1)
		return BLOCK_BODY;
	t = heading_text(a->line[b->first], &marked);
	if (!t.len)
		return BLOCK_BODY;
	words = word_count(t);
	/* A Markdown heading is a heading (or a question) whatever its
	 * length and final punctuation. */
	if (marked)
		return t.s[t.len - 1] == '?' ? BLOCK_QUESTION : BLOCK_HEADING;
	if (t.s[t.len - 1] == '?' && words <= QUESTION_WORDS)
		return BLOCK_QUESTION;
	if (words <= HEADING_WORDS && !char_in(t.s[t.len - 1], ".!?:;,") &&
	    !list_item(t))
		return BLOCK_HEADING;
	return BLOCK_BODY;
}

/* Fills a with text's lines and blocks; a must be zeroed, and is freed
 * with article_free(). */
static void article_split(article *a, const char *text, size_t len)
{
	cursor c = cursor_make(text, len);
	span line;
	int blanks = 0;
	size_t i;
	while (cursor_next(&c, &line)) {
		line = span_rstrip(line);
		a->line =
		    grow(a->line, &a->line_cap, a->nline + 1, sizeof *a->line);
		a->line[a->nline++] = line;
		if (!line.len) {
			blanks += blanks < INT_MAX;
			continue;
		}
		if (a->nblock == 0 || blanks) {
			a->block = grow(a->block, &a->block_cap, a->nblock + 1,
			                sizeof *a->block);
			a->block[a->nblock++] =
			    (block){a->nline - 1, 0, blanks, 0};
			blanks = 0;
		}
		a->block[a->nblock - 1].n++;
	}
	for (i = 0; i < a->nblock; i++)
		a->block[i].type = block_classify(a, &a->block[i]);
}

static void article_free(article *a)
{
	free(a->line);
	free(a->block);
}

static int block_line(const article *a, size_t b)
{
	size_t line = a->block[b].first + 1;
	return line < INT_MAX ? (int)line : INT_MAX;
}

/* The text of blocks [from, to): lines joined by "\n", blocks by "\n\n".
 * Caller frees. */
static char *article_text(const article *a, size_t from, size_t to)
{
	buf b = {0};
	size_t i, j;
	for (i = from; i < to; i++) {
		const block *k = &a->block[i];
		if (i > from)
			buf_add(&b, "\n\n", 2);
		for (j = 0; j < k->n; j++) {
			if (j)
				buf_add(&b, "\n", 1);
			buf_add(&b, a->line[k->first + j].s,
			        a->line[k->first + j].len);
		}
	}
	return buf_take(&b);
}

/* 1 when the character at t.s[i] ends a sentence. */
static int sentence_end(span t, size_t i)
{
	return (t.s[i] == '.' || t.s[i] == '!' || t.s[i] == '?') &&
	       (i + 1 == t.len || space_at(t.s + i + 1, t.len - i - 1));
}

/* Shortens a label of more than LABEL_MAX bytes to at most that many,
 * cutting at a space (else at a character boundary) and adding "...". */
static void label_cut(buf *b)
{
	size_t cut = LABEL_MAX - 3, i = cut;
	while (i > 0 && b->s[i] != ' ')
		i--;
	if (i == 0)
		for (i = cut; i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80;
		     i--)
			;
	while (i > 0 && char_in(b->s[i - 1], " ,;:"))
		i--;
	b->len = i;
	buf_add(b, "...", 3);
}

/* An untitled part's label: the first sentence of its first paragraph t,
 * whitespace runs made one space, shortened by label_cut. Caller frees. */
static char *label_make(span t)
{
	buf b = {0};
	size_t i = 0, k;
	int space = 0;
	while (i < t.len && b.len <= LABEL_MAX) {
		if ((k = space_at(t.s + i, t.len - i))) {
			space = 1;
			i += k;
			continue;
		}
		if (space && b.len)
			buf_add(&b, " ", 1);
		space = 0;
		buf_add(&b, t.s + i, 1);
		if (sentence_end(t, i))
			break;
		i++;
	}
	if (b.len > LABEL_MAX)
		label_cut(&b);
	return buf_take(&b);
}

static span first_paragraph(const char *text)
{
	const char *end = strstr(text, "\n\n");
	return (span){text, end ? (size_t)(end - text) : strlen(text)};
}

/* The entry being gathered while walking the blocks: the block that
 * starts it (question, heading, or an untitled part's first body block)
 * and its body blocks [from, to). */
typedef struct {
	int open;
	entry_kind kind;
	size_t head, from, to;
} part;

static void part_open(part *cur, entry_kind kind, size_t head)
{
	cur->open = 1;
	cur->kind = kind;
	cur->head = head;
	cur->from = cur->to = kind == ENTRY_UNTITLED ? head : head + 1;
}

/* Ends the open part: adds its entry, or reports a question with no
 * answer. */
static void part_close(parser *p, const article *a, part *cur)
{
	corpus_entry e = {0};
	span head;
	if (!cur->open)
		return;
	cur->open = 0;
	int marked;
	head = heading_text(a->line[a->block[cur->head].first], &marked);
	e.line = block_line(a, cur->head);
	if (cur->from == cur->to) {
		head = span_clip(head, CLIP);
		problem_add(
		    p->out, e.line,
		    "question with no answer: \"%.*s\" (put its answer in the"
		    " paragraph after it)",
		    (int)head.len, head.s);
		return;
	}
	e.kind = cur->kind;
	e.answer = article_text(a, cur->from, cur->to);
	if (cur->kind == ENTRY_UNTITLED) {
		e.question = span_dup((span){"", 0});
		e.label = label_make(first_paragraph(e.answer));
	} else {
		e.question = span_dup(head);
		e.label = span_dup(head);
	}
	entry_push(p, e);
}

/* 1 when heading block i starts a section: a body block follows it with
 * fewer than two blank lines between. */
static int heading_has_body(const article *a, size_t i)
{
	return i + 1 < a->nblock && a->block[i + 1].type == BLOCK_BODY &&
	       a->block[i + 1].blanks < 2;
}

/* Walks the blocks, making entries by the rules at the top of this
 * section. */
static void article_walk(parser *p, const article *a)
{
	part cur = {0};
	int started = 0; /* an entry began: no title after that */
	int marked;
	size_t i;
	for (i = 0; i < a->nblock; i++) {
		const block *b = &a->block[i];
		if (b->type == BLOCK_BODY) {
			if (cur.open && b->blanks >= 2)
				part_close(p, a, &cur);
			if (!cur.open)
				part_open(&cur, ENTRY_UNTITLED, i);
			cur.to = i + 1;
			started = 1;
			continue;
		}
		part_close(p, a, &cur);
		if (b->type == BLOCK_QUESTION || heading_has_body(a, i)) {
			part_open(&cur,
			          b->type == BLOCK_QUESTION ? ENTRY_QUESTION
			                                    : ENTRY_SECTION,
			          i);
			started = 1;
		} else if (!started && !p->out->title) {
			/* the first heading with no body, before any entry */
			p->out->title =
			    span_dup(heading_text(a->line[b->first], &marked));
		}
	}
	part_close(p, a, &cur);
}

/* The title says what the whole article is about, and its first part (a
 * lead paragraph, or a summary such as "Key Takeaway") is the part that
 * answers it: "what are the benefits of massage for back pain" asks for
 * the summary, not for whichever section says "benefits" most. So the
 * title becomes a question of that part too, after its heading. A first
 * part that is a question of its own keeps only its question. */
static void title_to_lead(parser *p, size_t first)
{
	corpus *c = p->out;
	if (!c->title || first >= c->n || c->entries[first].kind == ENTRY_QUESTION)
		return;
	corpus_entry *e = &c->entries[first];
	if (strlen(e->question) + 1 + strlen(c->title) > QUESTION_MAX)
		return; /* within the limit every question keeps */
	buf b = {0};
	buf_add(&b, e->question, strlen(e->question));
	if (b.len)
		buf_add(&b, "\n", 1);
	buf_add(&b, c->title, strlen(c->title));
	free(e->question);
	e->question = buf_take(&b);
}

static void article_parse(parser *p, const char *text, size_t len)
{
	article a = {0};
	size_t first = p->out->n;
	article_split(&a, text, len);
	article_walk(p, &a);
	article_free(&a);
	title_to_lead(p, first);
}

/* ---- numbered sections -----------------------------------------------
 * Documents whose sections are numbered, like the Debian FAQ or an RFC:
 *
 *   Chapter 1. Definitions and overview
 *
 *   1.5. What is the difference between Debian GNU/Linux and other Linux
 *   distributions?
 *
 *       These key features distinguish Debian from other ...
 *
 * A heading is a line starting, in its first column, with two or more
 * numbers of at most NUM_DIGITS digits joined by '.' ("3.1.1"), an
 * optional final '.', white space (U+00A0 counts) and text. Its question
 * is that text joined with the unindented lines right after it (a blank
 * or an indented line ends it), white space runs made one space; its id is
 * the number. Its answer is the text after it, verbatim, up to the next
 * heading or chapter heading, or a horizontal rule: text after a rule (the
 * Debian FAQ's footnotes) belongs to no entry, nor does the text between a
 * chapter heading and its first section. A heading with no text of its
 * own is a table of contents line, dropped, when the next heading follows
 * it directly or its number heads a later line too; otherwise it is
 * reported and skipped. Chapter headings are "Chapter 2. Text", "Appendix
 * A", "Part II: Text", and "2. Text" after a blank line where the sections
 * before it (if any) are not 2.x and the next one is. */

enum { NUM_DIGITS = 3 }; /* digits in each part of a section number */

typedef enum {
	NL_BLANK,   /* nothing but white space */
	NL_TEXT,    /* any other line */
	NL_HEADING, /* "1.5. Text": a section heading */
	NL_MAJOR,   /* "2. Text": a chapter heading or a list item, by context
	             * (numbered_settle) */
	NL_CHAPTER, /* "Chapter 2. Text", "Appendix A", "Part II: Text" */
	NL_RULE     /* "-----", "=====" or "_____": a horizontal rule */
} nl_type;

/* A line of a numbered document. A heading's number and text are found
 * again with num_classify when needed, which keeps this small. */
typedef struct {
	span s;                 /* trailing white space stripped; points into
	                         * the parsed text */
	unsigned char type;     /* nl_type */
	unsigned char repeated; /* NL_HEADING: its number heads a later line */
} nline;

/* The lines of a numbered document; the array is owned. */
typedef struct {
	nline *line;
	size_t n, cap;
} numdoc;

static int ascii_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int ascii_alnum(char c)
{
	c = ascii_lower(c);
	return ascii_digit(c) || (c >= 'a' && c <= 'z');
}

static int span_eq(span a, span b)
{
	return a.len == b.len && memcmp(a.s, b.s, a.len) == 0;
}

/* Three or more of one of '-', '=', '_' and nothing else. */
static int rule_line(span l)
{
	size_t i;
	if (l.len < 3 || !char_in(l.s[0], "-=_"))
		return 0;
	for (i = 1; i < l.len; i++)
		if (l.s[i] != l.s[0])
			return 0;
	return 1;
}

/* "Chapter", "Appendix" or "Part" (any case), white space, and a number or
 * letters of at most 6 characters ending the line or followed by '.' or
 * ':': "Chapter 2. Text", "Appendix A", "Part II: Text", but not "Part of
 * it" or "Chapter 3 explains". */
static int chapter_line(span l)
{
	static const char *const words[] = {"chapter", "appendix", "part"};
	size_t w, i = 0, k, t;
	for (w = 0; w < sizeof words / sizeof *words; w++) {
		i = strlen(words[w]);
		if (l.len > i && span_eq_ci((span){l.s, i}, words[w]) &&
		    space_at(l.s + i, l.len - i))
			break;
	}
	if (w == sizeof words / sizeof *words)
		return 0;
	while ((k = space_at(l.s + i, l.len - i)))
		i += k;
	for (t = 0; i + t < l.len && ascii_alnum(l.s[i + t]); t++)
		;
	i += t;
	return t >= 1 && t <= 6 && (i == l.len || char_in(l.s[i], ".:"));
}

/* Classifies l (trailing white space stripped) by its own text. For a
 * heading or "2. Text" line, *num is its number without the final '.'
 * ("3.1.1") and *text what follows, trimmed (never empty). */
static nl_type num_classify(span l, span *num, span *text)
{
	size_t i = 0, d, parts = 0;
	if (!span_lstrip(l).len)
		return NL_BLANK;
	if (rule_line(l))
		return NL_RULE;
	if (chapter_line(l))
		return NL_CHAPTER;
	for (;;) {
		for (d = 0; i + d < l.len && ascii_digit(l.s[i + d]); d++)
			;
		if (d == 0 || d > NUM_DIGITS)
			return NL_TEXT;
		i += d;
		parts++;
		if (i + 1 < l.len && l.s[i] == '.' && ascii_digit(l.s[i + 1]))
			i++;
		else
			break;
	}
	*num = (span){l.s, i};
	if (i < l.len && l.s[i] == '.')
		i++;
	else if (parts == 1)
		return NL_TEXT; /* "2 apples" */
	if (!space_at(l.s + i, l.len - i))
		return NL_TEXT; /* "1.5.x", "1.5)" */
	*text = span_trim((span){l.s + i, l.len - i});
	return parts > 1 ? NL_HEADING : NL_MAJOR;
}

/* The number of heading line l. */
static span nline_num(const nline *l)
{
	span num = {NULL, 0}, text;
	num_classify(l->s, &num, &text);
	return num;
}

static span nline_text(const nline *l)
{
	span num, text = {NULL, 0};
	num_classify(l->s, &num, &text);
	return text;
}

/* The first number of a section number: "3" of "3.1.1". */
static span num_major(span num)
{
	const char *dot = memchr(num.s, '.', num.len);
	return (span){num.s, dot ? (size_t)(dot - num.s) : num.len};
}

static void numbered_split(numdoc *d, const char *text, size_t len)
{
	cursor c = cursor_make(text, len);
	span line, num, t;
	while (cursor_next(&c, &line)) {
		line = span_rstrip(line);
		d->line = grow(d->line, &d->cap, d->n + 1, sizeof *d->line);
		d->line[d->n++] = (nline){
		    line, (unsigned char)num_classify(line, &num, &t), 0};
	}
}

/* Makes each NL_MAJOR line ("2. Text") a chapter heading when it follows a
 * blank line (or starts the text), the last heading before it (if any) is
 * not numbered 2.x and the next one is; else it is text (a list item). */
static void numbered_settle(numdoc *d)
{
	span major = {NULL, 0};
	int seen = 0;
	size_t i;
	for (i = 0; i < d->n; i++) {
		nline *l = &d->line[i];
		if (l->type == NL_HEADING) {
			major = num_major(nline_num(l));
			seen = 1;
		} else if (l->type == NL_MAJOR &&
		           ((i > 0 && d->line[i - 1].type != NL_BLANK) ||
		            (seen && span_eq(major, nline_num(l))))) {
			l->type = NL_TEXT;
		}
	}
	seen = 0;
	for (i = d->n; i-- > 0;) {
		nline *l = &d->line[i];
		if (l->type == NL_HEADING) {
			major = num_major(nline_num(l));
			seen = 1;
		} else if (l->type == NL_MAJOR) {
			l->type = seen && span_eq(major, nline_num(l))
			              ? NL_CHAPTER
			              : NL_TEXT;
		}
	}
}

/* A heading's number and its line index, to find repeated numbers. */
typedef struct {
	span num;
	size_t i;
} num_ref;

static int num_ref_cmp(const void *a, const void *b)
{
	const num_ref *x = a, *y = b;
	size_t n = x->num.len < y->num.len ? x->num.len : y->num.len;
	int c = memcmp(x->num.s, y->num.s, n);
	if (c)
		return c;
	if (x->num.len != y->num.len)
		return x->num.len < y->num.len ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Marks the headings whose number heads a later line too: sorting by
 * number, then line, keeps this O(n log n) however many there are. */
static void numbered_repeats(numdoc *d)
{
	num_ref *r = NULL;
	size_t n = 0, cap = 0, i;
	for (i = 0; i < d->n; i++) {
		if (d->line[i].type != NL_HEADING)
			continue;
		r = grow(r, &cap, n + 1, sizeof *r);
		r[n].num = nline_num(&d->line[i]);
		r[n++].i = i;
	}
	if (n)
		qsort(r, n, sizeof *r, num_ref_cmp);
	for (i = 0; i + 1 < n; i++)
		if (span_eq(r[i].num, r[i + 1].num))
			d->line[r[i].i].repeated = 1;
	free(r);
}

/* Adds t to b with each run of white space (U+00A0 too) made one space,
 * and one space first when b is not empty, except next to a '/': the
 * Debian FAQ's formatter wraps "Debian GNU/" + "Linux". */
static void buf_add_words(buf *b, span t)
{
	size_t i = 0, k, run;
	int space;
	t = span_trim(t);
	space =
	    b->len > 0 && b->s[b->len - 1] != '/' && !(t.len && t.s[0] == '/');
	while (i < t.len) {
		if ((k = space_at(t.s + i, t.len - i))) {
			space = 1;
			i += k;
			continue;
		}
		for (run = 1; i + run < t.len &&
		              !space_at(t.s + i + run, t.len - i - run);
		     run++)
			;
		if (space)
			buf_add(b, " ", 1);
		buf_add(b, t.s + i, run);
		space = 0;
		i += run;
	}
}

typedef enum {
	NS_NONE, /* before the first heading, or under a chapter heading */
	NS_HEAD, /* in a heading's lines */
	NS_BODY, /* in a section's text */
	NS_SKIP  /* after a rule: text that belongs to no entry */
} num_state;

/* The section being read. */
typedef struct {
	num_state state;
	size_t head; /* its heading's line index */
	buf q, a;    /* its question and answer so far */
	int blank;   /* a blank line since the answer's last line */
} num_walk;

static int line_no(size_t i)
{
	return i < INT_MAX ? (int)i + 1 : INT_MAX;
}

/* The id of section num on line `line`: the number itself, or num-2,
 * num-3, ... when that is taken (by another file, or reported when by
 * this one). Caller frees. */
static char *num_id(parser *p, span num, int line)
{
	char *id = span_dup(num);
	const corpus_entry *e = id_find(p, id);
	int first;
	if (!e)
		return id;
	first = e->line;
	id = id_unique(p, id);
	if ((size_t)(e - p->out->entries) >= p->out->n - p->added)
		problem_add(p->out, line,
		            "section number %.*s also on line %d; this one is"
		            " given the id %s",
		            (int)num.len, num.s, first, id);
	return id;
}

/* Ends the open section: adds its entry, drops it as a table of contents
 * line (direct: the next heading follows it with no blank line; or its
 * number comes again), or reports it as having no text. */
static void num_close(parser *p, const numdoc *d, num_walk *w, int direct)
{
	corpus_entry e = {0};
	span num;
	if (w->state == NS_NONE) /* before d->line is used: it may be NULL */
		return;
	const nline *h = &d->line[w->head];
	w->state = NS_NONE;
	e.line = line_no(w->head);
	num = nline_num(h);
	if (!w->a.len) {
		buf_clear(&w->q);
		if (!direct && !h->repeated)
			problem_add(
			    p->out, e.line,
			    "section %.*s has no text of its own; skipped",
			    (int)num.len, num.s);
		return;
	}
	e.kind = strchr(w->q.s, '?') ? ENTRY_QUESTION : ENTRY_SECTION;
	e.id = num_id(p, num, e.line);
	e.label = span_dup((span){w->q.s, w->q.len});
	e.question = buf_take(&w->q);
	e.answer = buf_take(&w->a);
	entry_push(p, e);
}

/* A line that is neither a heading, a chapter heading, a rule nor blank:
 * more of the heading while it is unindented, else a line of the answer
 * (kept as it is; a run of blank lines before it becomes one). */
static void num_text(num_walk *w, span l)
{
	if (w->state == NS_HEAD && !space_at(l.s, l.len)) {
		buf_add_words(&w->q, l);
		return;
	}
	if (w->state == NS_HEAD)
		w->state = NS_BODY;
	if (w->state != NS_BODY)
		return;
	if (w->a.len)
		buf_str(&w->a, w->blank ? "\n\n" : "\n");
	buf_add(&w->a, l.s, l.len);
	w->blank = 0;
}

/* Walks the lines, making entries by the rules at the top of this
 * section. */
static void numbered_walk(parser *p, const numdoc *d)
{
	num_walk w = {0};
	size_t i;
	for (i = 0; i < d->n; i++) {
		const nline *l = &d->line[i];
		switch ((nl_type)l->type) {
		case NL_HEADING:
			num_close(p, d, &w, w.state == NS_HEAD);
			w.state = NS_HEAD;
			w.head = i;
			w.blank = 0;
			buf_add_words(&w.q, nline_text(l));
			break;
		case NL_CHAPTER:
		case NL_MAJOR: /* settled by now; never here */
			num_close(p, d, &w, w.state == NS_HEAD);
			break;
		case NL_RULE:
			/* under a heading (an underline), or ending its text */
			if (w.state == NS_HEAD ||
			    (w.state == NS_BODY && !w.a.len))
				w.state = NS_BODY;
			else if (w.state == NS_BODY)
				w.state = NS_SKIP;
			break;
		case NL_BLANK:
			if (w.state == NS_HEAD)
				w.state = NS_BODY;
			else if (w.state == NS_BODY && w.a.len)
				w.blank = 1;
			break;
		case NL_TEXT:
			num_text(&w, l->s);
			break;
		}
	}
	num_close(p, d, &w, 0);
	free(w.q.s);
	free(w.a.s);
}

/* The title: the document's first non-blank line, when it is text of at
 * most HEADING_WORDS words not ending in . ! ? : ; , ("The Debian GNU/Linux
 * FAQ"). */
static void numbered_title(parser *p, const numdoc *d)
{
	size_t i;
	span t;
	for (i = 0; i < d->n && d->line[i].type == NL_BLANK; i++)
		;
	if (i == d->n || d->line[i].type != NL_TEXT || p->out->title)
		return;
	t = span_lstrip(d->line[i].s);
	if (word_count(t) <= HEADING_WORDS &&
	    !char_in(t.s[t.len - 1], ".!?:;,"))
		p->out->title = span_dup(t);
}

static void numbered_parse(parser *p, const char *text, size_t len)
{
	numdoc d = {0};
	numbered_split(&d, text, len);
	numbered_settle(&d);
	numbered_repeats(&d);
	numbered_title(p, &d);
	numbered_walk(p, &d);
	free(d.line);
}

/* 1 when text has two or more numbered headings with text of their own: a
 * quick test for corpus_detect, without chapter headings' context. */
static int numbered_like(const char *text, size_t len)
{
	cursor c = cursor_make(text, len);
	num_state st = NS_NONE;
	span line, num, t;
	int found = 0;
	while (cursor_next(&c, &line)) {
		line = span_rstrip(line);
		switch (num_classify(line, &num, &t)) {
		case NL_HEADING:
			st = NS_HEAD;
			break;
		case NL_BLANK:
		case NL_RULE:
			if (st == NS_HEAD)
				st = NS_BODY;
			break;
		case NL_TEXT:
			if (st == NS_HEAD && !space_at(line.s, line.len))
				break; /* more of the heading */
			if (st != NS_NONE && ++found == 2)
				return 1;
			st = NS_NONE;
			break;
		default: /* chapter headings and "2. Text" lines */
			st = NS_NONE;
			break;
		}
	}
	return 0;
}

/* ---- public ---------------------------------------------------------- */

static int name_is_tsv(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n >= 4 && span_eq_ci((span){name + n - 4, 4}, ".tsv");
}

corpus_format corpus_detect(const char *name, const char *text, size_t len)
{
	cursor c;
	span line, rest;
	int q = 0, m;
	if (name_is_tsv(name))
		return CORPUS_TSV;
	if (!text)
		text = "", len = 0;
	skip_bom(&text, &len);
	c = cursor_make(text, len);
	while (cursor_next(&c, &line)) {
		m = faq_marker(line, &rest);
		if (m == 'Q')
			q = 1;
		else if (m == 'A' && q)
			return CORPUS_FAQ;
	}
	return numbered_like(text, len) ? CORPUS_NUMBERED : CORPUS_ARTICLE;
}

/* What to say when a format gave no entries at all. */
static const char *format_hint(corpus_format f)
{
	switch (f) {
	case CORPUS_TSV:
		return "no entries found: expected lines of "
		       "id<TAB>question<TAB>answer";
	case CORPUS_FAQ:
		return "no entries found: expected \"Q:\" lines each followed "
		       "by an"
		       " \"A:\" answer";
	case CORPUS_ARTICLE:
		return "no entries found: expected questions or headings, each"
		       " followed by a paragraph";
	case CORPUS_NUMBERED:
		return "no entries found: expected numbered headings (\"1.2."
		       " Question\") at the start of a line, each followed by"
		       " its text";
	default:
		return "no entries found: unknown format";
	}
}

const char *corpus_empty_message(corpus_format format)
{
	return format_hint(format);
}

/* Parses text, lines line0 + 1 onwards of its file, into out; returns the
 * number of entries added. *format is set to the format detected. */
static size_t parse(const char *name, const char *text, size_t len,
                    corpus_format *fmt, int line0, corpus *out)
{
	corpus_format format = *fmt;
	parser p = {out, NULL, 0, 0, NULL, 0, 0};
	size_t i;
	char *clean;
	if (!text)
		text = "", len = 0;
	/* owned here; NULL if text is clean */
	clean = sanitize(out, text, &len, line0);
	if (clean)
		text = clean;
	if (line0 == 0)
		skip_bom(&text, &len);
	if (format == CORPUS_AUTO)
		format = corpus_detect(name, text, len);
	*fmt = format;
	id_rebuild(&p); /* ids already in out count as taken */
	if (format == CORPUS_TSV)
		tsv_parse(&p, text, len, line0);
	else if (format == CORPUS_FAQ)
		faq_parse(&p, text, len);
	else if (format == CORPUS_ARTICLE)
		article_parse(&p, text, len);
	else if (format == CORPUS_NUMBERED)
		numbered_parse(&p, text, len);
	free(p.slot);
	for (i = 0; i < p.sfx_cap; i++)
		free(p.sfx[i].base);
	free(p.sfx);
	free(clean);
	return p.added;
}

int corpus_parse(const char *name, const char *text, size_t len,
                 corpus_format format, corpus *out)
{
	if (parse(name, text, len, &format, 0, out))
		return 0;
	problem_add(out, 0, "%s", format_hint(format));
	return -1;
}

size_t corpus_parse_tsv_part(const char *text, size_t len, int first_line,
                             corpus *out)
{
	corpus_format f = CORPUS_TSV;
	return parse(NULL, text, len, &f, first_line > 1 ? first_line - 1 : 0,
	             out);
}

void corpus_free(corpus *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		entry_free(&c->entries[i]);
	for (i = 0; i < c->nproblems; i++)
		free(c->problems[i].message);
	free(c->entries);
	free(c->problems);
	free(c->title);
	memset(c, 0, sizeof *c);
}
