/* fuzz_json.c: libFuzzer target for the renderers. Any bytes become a
 * question and an answer_result; render_json's output must be one strict
 * JSON object (valid UTF-8, no raw control byte) and a newline,
 * render_json_string's one JSON string, render_line's exactly one line.
 *
 * Input layout: byte 0 flags (bit 0 an answer, bits 1-3 matches 0..7,
 * bits 4-5 corrections 0..3, bit 6 declined, bit 7 colour), bytes 1-8 the
 * confidence as a raw double (NaN and infinities included), then the
 * strings, separated by NUL bytes: answer, each match's id and label, each
 * correction's from and to. The whole input is also the question. */
#include "fuzzcheck.h"
#include "render.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

static void check_not_oom(const buf *b, const char *what)
{
	if (b->oom || !b->s)
		fuzz_fail("%s: buffer out of memory or empty", what);
	if (strlen(b->s) != b->n)
		fuzz_fail("%s: length %zu but a NUL at %zu", what, b->n,
		          strlen(b->s));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *q = (const char *)data;
	unsigned flags = size ? data[0] : 0;
	double conf = 0;
	if (size >= 9)
		memcpy(&conf, data + 1, sizeof conf);
	pieces ps = {size >= 9 ? q + 9 : q + size, q + size};

	/* One string alone: exactly one JSON string. */
	buf b = {0};
	render_json_string(&b, q, size);
	check_not_oom(&b, "render_json_string");
	if (b.n < 2 || b.s[0] != '"')
		fuzz_fail("render_json_string: not a string");
	fuzz_json_check(b.s, b.n);
	buf_free(&b);

	answer_result r = {0};
	r.answer = flags & 1 ? piece(&ps) : NULL;
	r.confidence = conf;
	r.n = (flags >> 1) & 7;
	r.m = calloc(r.n ? r.n : 1, sizeof *r.m);
	r.nfixes = (flags >> 4) & 3;
	r.fixes = calloc(r.nfixes ? r.nfixes : 1, sizeof *r.fixes);
	if (!r.m || !r.fixes)
		abort();
	for (size_t i = 0; i < r.n; i++) {
		r.m[i].id = piece(&ps);
		r.m[i].label = piece(&ps);
		r.m[i].score = i % 2 ? -conf : conf * (double)i;
	}
	for (size_t i = 0; i < r.nfixes; i++) {
		r.fixes[i].from = piece(&ps);
		r.fixes[i].to = piece(&ps);
	}
	/* answer_ask's two reasons (static text, never from the input). */
	if (flags & 64)
		r.declined = flags & 1 ? "empty question"
		                       : "question too long (over 16384 bytes)";

	render_json(&b, q, size, &r);
	check_not_oom(&b, "render_json");
	if (b.s[b.n - 1] != '\n' || memchr(b.s, '\n', b.n - 1))
		fuzz_fail("render_json: not exactly one line");
	if (strncmp(b.s, "{\"question\":\"", 13) != 0)
		fuzz_fail("render_json: does not start with the question");
	fuzz_json_check(b.s, b.n - 1);
	buf_free(&b);

	/* The answer's or labels' line breaks are folded: one line. */
	render_line(&b, &r);
	check_not_oom(&b, "render_line");
	if (b.s[b.n - 1] != '\n' || memchr(b.s, '\n', b.n - 1) ||
	    memchr(b.s, '\r', b.n))
		fuzz_fail("render_line: not exactly one line");
	buf_free(&b);

	/* For people: no contract on the text, but it must not crash. */
	render_human(&b, &r, flags >> 7);
	buf_free(&b);

	answer_result_free(&r); /* frees every piece */
	return 0;
}
