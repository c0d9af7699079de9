/* fuzz_json.c: libFuzzer target for the renderers. Any bytes become a
 * question and an answer_result; render_json's output must be one strict
 * JSON object (valid UTF-8, no raw control byte) and a newline,
 * render_json_string's one JSON string, render_line's exactly one line;
 * render_human and render_why must not crash.
 *
 * Input layout: byte 0 flags (bit 0 an answer, bits 1-3 matches 0..7,
 * bits 4-5 corrections 0..3, bit 6 declined, bit 7 colour), byte 1 flags
 * for --explain (bit 0 suggest, bit 1 explained, bits 2-4 words 0..7,
 * bits 5-7 spans 0..7), bytes 2-9 the confidence as a raw double (NaN and
 * infinities included), then the strings, separated by NUL bytes: answer,
 * each match's id and label, each correction's from and to, each word's
 * word and used (none when empty), the explained text, and two bytes a
 * span. The whole input is also the question.
 *
 * Scores that the renderers do not clamp (a word's score in --explain) are
 * given finite values, as the ranking produces. */
#include "fuzzcheck.h"
#include "render.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEAD 10 /* bytes of flags and confidence before the strings */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Hands out the NUL-separated strings of the input; "" when used up. */
typedef struct {
	const char *p, *end;
} pieces;

static char *piece(pieces *ps)
{
	const char *s = ps->p;
	size_t n = 0;
	while (s + n < ps->end && s[n])
		n++;
	ps->p = s + n < ps->end ? s + n + 1 : ps->end;
	char *out = malloc(n + 1);
	if (!out)
		abort();
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* A piece, or NULL when it is empty. */
static char *piece_or_null(pieces *ps)
{
	char *s = piece(ps);
	if (*s)
		return s;
	free(s);
	return NULL;
}

static unsigned byte(pieces *ps)
{
	return ps->p < ps->end ? (unsigned char)*ps->p++ : 0;
}

static void check_buf(const buf *b, const char *what)
{
	if (b->oom || !b->s)
		fuzz_fail("%s: buffer out of memory or empty", what);
	if (strlen(b->s) != b->n)
		fuzz_fail("%s: length %zu but a NUL at %zu", what, b->n,
		          strlen(b->s));
}

/* Fills r from the input as the layout above says. */
static void make_result(answer_result *r, const uint8_t *data, size_t size)
{
	static const char *hows[] = {"word", "synonym", "spelling",
	                             "longer word", "function word"};
	static const char *wheres[] = {"question", "answer", "question+answer",
	                               NULL};
	unsigned f0 = size > 0 ? data[0] : 0, f1 = size > 1 ? data[1] : 0;
	double conf = 0;
	if (size >= HEAD)
		memcpy(&conf, data + 2, sizeof conf);
	pieces ps = {(const char *)data + (size >= HEAD ? HEAD : size),
	             (const char *)data + size};
	memset(r, 0, sizeof *r);
	r->answer = f0 & 1 ? piece(&ps) : NULL;
	r->confidence = conf;
	r->n = (f0 >> 1) & 7;
	r->nfixes = (f0 >> 4) & 3;
	/* answer_ask's two reasons (static text, never from the input). */
	if (f0 & 64)
		r->declined = f0 & 1 ? "empty question"
		                     : "question too long (over 16384 bytes)";
	r->suggest = f1 & 1;
	r->m = calloc(r->n ? r->n : 1, sizeof *r->m);
	r->fixes = calloc(r->nfixes ? r->nfixes : 1, sizeof *r->fixes);
	if (!r->m || !r->fixes)
		abort();
	for (size_t i = 0; i < r->n; i++) {
		r->m[i].id = piece(&ps);
		r->m[i].label = piece(&ps);
		r->m[i].score = i % 2 ? -conf : conf * (double)i;
	}
	for (size_t i = 0; i < r->nfixes; i++) {
		r->fixes[i].from = piece(&ps);
		r->fixes[i].to = piece(&ps);
	}
	if (!(f1 & 2))
		return;
	r->nwhy = (f1 >> 2) & 7;
	r->why = calloc(r->nwhy ? r->nwhy : 1, sizeof *r->why);
	if (!r->why)
		abort();
	double finite = isfinite(conf) ? fmod(conf, 1000.0) : 0.5;
	for (size_t i = 0; i < r->nwhy; i++) {
		answer_why *y = &r->why[i];
		y->word = piece(&ps);
		y->used = piece_or_null(&ps);
		y->how = hows[(i + f1) % 5];
		y->where = wheres[(i + f0) % 4];
		y->score = i % 2 ? -finite : finite * (double)i;
		y->share = i % 2 ? conf : -conf;
		y->matched = conf * (double)i;
	}
	r->text = piece(&ps);
	r->nspans = (f1 >> 5) & 7;
	r->spans = calloc(r->nspans ? r->nspans : 1, sizeof *r->spans);
	if (!r->spans)
		abort();
	for (size_t i = 0; i < r->nspans; i++) {
		r->spans[i].in_answer = (int)(i % 2);
		r->spans[i].start = byte(&ps);
		r->spans[i].end = byte(&ps);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *q = (const char *)data;
	answer_result r;
	buf b = {0};

	/* One string alone: exactly one JSON string. */
	render_json_string(&b, q, size);
	check_buf(&b, "render_json_string");
	if (b.n < 2 || b.s[0] != '"')
		fuzz_fail("render_json_string: not a string");
	fuzz_json_check(b.s, b.n);
	buf_free(&b);

	make_result(&r, data, size);
	render_json(&b, q, size, &r);
	check_buf(&b, "render_json");
	if (b.s[b.n - 1] != '\n' || memchr(b.s, '\n', b.n - 1))
		fuzz_fail("render_json: not exactly one line");
	if (strncmp(b.s, "{\"question\":\"", 13) != 0)
		fuzz_fail("render_json: does not start with the question");
	fuzz_json_check(b.s, b.n - 1);
	buf_free(&b);

	/* The answer's or labels' line breaks are folded: one line. */
	render_line(&b, &r);
	check_buf(&b, "render_line");
	if (b.s[b.n - 1] != '\n' || memchr(b.s, '\n', b.n - 1) ||
	    memchr(b.s, '\r', b.n))
		fuzz_fail("render_line: not exactly one line");
	buf_free(&b);

	/* For people: no contract on the text, but no crash either. */
	int color = size ? data[0] >> 7 : 0;
	render_human(&b, &r, color);
	render_why(&b, &r, color);
	if (b.oom)
		fuzz_fail("render_human/render_why: out of memory");
	buf_free(&b);

	answer_result_free(&r); /* frees every piece */
	return 0;
}
