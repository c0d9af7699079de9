/* render.c: answers as JSON Lines, single lines and prose. */
#include "render.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_add(buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void buf_puts(buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_free(buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

/* A score with 4 decimals; JSON has no NaN, so anything outside [0, 1]
 * is clamped (NaN to 0). */
static void buf_printf_num(buf *b, double v)
{
	char t[32];
	v = v >= 0 ? (v <= 1 ? v : 1) : 0;
	snprintf(t, sizeof t, "%.4f", v);
	buf_puts(b, t);
}


void render_json_string(buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	buf_add(b, "\"", 1);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_char_len(u + i, n - i);
		if (k == 0) {
			buf_puts(b, "\xEF\xBF\xBD");
			i++;
		} else if (k == 2 && u[i] == 0xC2 && u[i + 1] < 0xA0) {
			/* C1 controls (U+0080..U+009F) are escaped like C0 ones. */
			char e[8];
			snprintf(e, sizeof e, "\\u%04x", u[i + 1]);
			buf_puts(b, e);
			i += 2;
		} else if (k > 1) {
			buf_add(b, s + i, k);
			i += k;
		} else {
			char e[8];
			unsigned c = u[i++];
			if (c == '"' || c == '\\') {
				e[0] = '\\', e[1] = (char)c;
				buf_add(b, e, 2);
			} else if (c == '\n') {
				buf_puts(b, "\\n");
			} else if (c == '\t') {
				buf_puts(b, "\\t");
			} else if (c == '\r') {
				buf_puts(b, "\\r");
			} else if (c < 0x20 || c == 0x7F) {
				snprintf(e, sizeof e, "\\u%04x", c);
				buf_puts(b, e);
			} else {
				e[0] = (char)c;
				buf_add(b, e, 1);
			}
		}
	}
	buf_add(b, "\"", 1);
}

static void json_cstr(buf *b, const char *s)
{
	if (s)
		render_json_string(b, s, strlen(s));
	else
		buf_puts(b, "null");
}

void render_json(buf *b, const char *q, size_t n, const answer_result *r)
{
	buf_puts(b, "{\"question\":");
	render_json_string(b, q, n);
	buf_puts(b, ",\"answer\":");
	json_cstr(b, r->answer);
	buf_puts(b, ",\"id\":");
	json_cstr(b, r->answer && r->n ? r->m[0].id : NULL);
	buf_puts(b, ",\"score\":");
	if (r->answer)
		buf_printf_num(b, r->confidence);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\"matches\":[");
	for (size_t i = 0; i < r->n; i++) {
		buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
		json_cstr(b, r->m[i].id);
		buf_puts(b, ",\"question\":");
		json_cstr(b, r->m[i].label);
		buf_puts(b, ",\"score\":");
		buf_printf_num(b, r->m[i].score);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
	if (r->nfixes) {
		buf_puts(b, ",\"corrections\":[");
		for (size_t i = 0; i < r->nfixes; i++) {
			buf_puts(b, i ? ",{\"from\":" : "{\"from\":");
			json_cstr(b, r->fixes[i].from);
			buf_puts(b, ",\"to\":");
			json_cstr(b, r->fixes[i].to);
			buf_puts(b, "}");
		}
		buf_puts(b, "]");
	}
	if (r->declined) {
		buf_puts(b, ",\"declined\":");
		json_cstr(b, r->declined);
	}
	buf_puts(b, ",\"outcome\":");
	buf_puts(b, r->answer ? "\"answer\"" : r->suggest ? "\"did-you-mean\""
	                                                    : "\"unknown\"");
	render_json_why(b, r);
	buf_puts(b, "}\n");
}

void render_json_smalltalk(buf *b, const char *q, size_t n,
                           const char *reply)
{
	buf_puts(b, "{\"question\":");
	render_json_string(b, q, n);
	buf_puts(b, ",\"answer\":null,\"id\":null,\"score\":null,"
	            "\"matches\":[],\"smalltalk\":");
	json_cstr(b, reply);
	buf_puts(b, ",\"outcome\":\"smalltalk\"}\n");
}

/* Appends s with every run of white space (line breaks and U+00A0
 * NO-BREAK SPACE included: the Debian FAQ indents wrapped lines with it)
 * folded into one space. */
static void add_folded(buf *b, const char *s)
{
	int space = 0, started = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = 1;
			continue;
		}
		if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
			space = 1;
			s++;
			continue;
		}
		if (space && started)
			buf_add(b, " ", 1);
		started = 1;
		space = 0;
		buf_add(b, s, 1);
	}
}

void render_line(buf *b, const answer_result *r)
{
	if (r->answer) {
		add_folded(b, r->answer);
	} else if (r->declined) {
		buf_puts(b, "I don't know: ");
		buf_puts(b, r->declined);
		buf_puts(b, ".");
	} else {
		buf_puts(b, r->suggest ? "I don't know. Did you mean: "
		                       : "I don't know.");
		/* Only the close matches: a user reads each offer as a fair
		 * guess, and one at a tenth of the threshold is none. m[0] is
		 * close whenever suggest is set. */
		for (size_t i = 0, k = 0; r->suggest && i < r->n; i++) {
			if (!r->m[i].close)
				continue;
			buf_puts(b, k++ ? " | " : "");
			add_folded(b, r->m[i].label);
		}
	}
	buf_puts(b, "\n");
}

/* Appends text with the spans of it (in_answer as given) marked. */
static void add_marked(buf *b, const char *text, int in_answer,
                       const answer_result *r, const char *on,
                       const char *off)
{
	size_t n = strlen(text), at = 0;
	while (at < n) {
		size_t next = n, end = n;
		for (size_t i = 0; i < r->nspans; i++) {
			const answer_span *sp = &r->spans[i];
			if (sp->in_answer == in_answer && sp->start >= at &&
			    sp->start < next && sp->end <= n && sp->end > sp->start) {
				next = sp->start;
				end = sp->end;
			}
		}
		buf_add(b, text + at, next - at);
		if (next == n)
			break;
		buf_puts(b, on);
		buf_add(b, text + next, end - next);
		buf_puts(b, off);
		at = end;
	}
}

void render_human(buf *b, const answer_result *r, int color)
{
	const char *dim = color ? "\033[2m" : "", *bold = color ? "\033[1m" : "",
	           *off = color ? "\033[0m" : "";
	char t[64];
	if (r->nfixes) {
		buf_puts(b, dim);
		buf_puts(b, "(read as:");
		for (size_t i = 0; i < r->nfixes; i++) {
			buf_puts(b, " ");
			buf_puts(b, r->fixes[i].from);
			buf_puts(b, " -> ");
			buf_puts(b, r->fixes[i].to);
		}
		buf_puts(b, ")");
		buf_puts(b, off);
		buf_puts(b, "\n");
	}
	if (r->answer && r->n) {
		/* Matched words in bold, when there is colour and they are known
		 * (the prompt asks for them). */
		if (color && r->spans && r->text && !strcmp(r->text, r->answer))
			add_marked(b, r->answer, 1, r, bold, off);
		else
			buf_puts(b, r->answer);
		buf_puts(b, "\n");
		buf_puts(b, dim);
		snprintf(t, sizeof t, "(%.0f%% sure) ", r->confidence * 100);
		buf_puts(b, "-- ");
		buf_puts(b, t);
		buf_puts(b, r->m[0].label);
		buf_puts(b, off);
		buf_puts(b, "\n");
		return;
	}
	if (r->declined) {
		buf_puts(b, "I don't know: ");
		buf_puts(b, r->declined);
		buf_puts(b, ".\n");
		return;
	}
	size_t nclose = 0;
	for (size_t i = 0; r->suggest && i < r->n; i++)
		nclose += r->m[i].close != 0;
	buf_puts(b, bold);
	buf_puts(b, !r->suggest  ? "I don't know that one."
	            : nclose > 1 ? "I'm not sure. Did you mean one of these?"
	                         : "I'm not sure. Did you mean this?");
	buf_puts(b, off);
	buf_puts(b, "\n");
	for (size_t i = 0, k = 0; r->suggest && i < r->n; i++) {
		if (!r->m[i].close) /* as in render_line */
			continue;
		snprintf(t, sizeof t, "  %zu. ", ++k);
		buf_puts(b, t);
		buf_puts(b, r->m[i].label);
		buf_puts(b, "\n");
	}
}

void render_pick(buf *b, const char *answer, const char *label, int color)
{
	buf_puts(b, answer);
	buf_puts(b, "\n");
	buf_puts(b, color ? "\033[2m-- you picked: " : "-- you picked: ");
	buf_puts(b, label);
	buf_puts(b, color ? "\033[0m\n" : "\n");
}

void render_json_why(buf *b, const answer_result *r)
{
	if (!r->why)
		return;
	if (r->similarity != -1) {
		char t[48];
		double v = r->similarity;
		snprintf(t, sizeof t, ",\"similarity\":%.4f",
		         v >= -1 ? (v <= 1 ? v : 1) : -1);
		buf_puts(b, t);
	}
	buf_puts(b, ",\"explain\":[");
	for (size_t i = 0; i < r->nwhy; i++) {
		const answer_why *y = &r->why[i];
		buf_puts(b, i ? ",{\"word\":" : "{\"word\":");
		json_cstr(b, y->word);
		buf_puts(b, ",\"used\":");
		json_cstr(b, y->used);
		buf_puts(b, ",\"how\":");
		json_cstr(b, y->how);
		buf_puts(b, ",\"where\":");
		json_cstr(b, y->where);
		char t[96];
		/* Scores are finite and small; JSON can hold nothing else. */
		double sc = y->score == y->score && y->score < 1e6 ? y->score : 0;
		snprintf(t, sizeof t, ",\"score\":%.4f,\"share\":", sc > 0 ? sc : 0);
		buf_puts(b, t);
		buf_printf_num(b, y->share);
		buf_puts(b, ",\"matched\":");
		buf_printf_num(b, y->matched);
		buf_puts(b, "}");
	}
	buf_puts(b, "]");
}

void render_why(buf *b, const answer_result *r, int color)
{
	if (!r->why || !r->n)
		return;
	const char *on = color ? "\033[1m" : "[", *off = color ? "\033[0m" : "]";
	char t[160];
	snprintf(t, sizeof t, "why: best match %s, confidence %.2f\n", r->m[0].id,
	         r->confidence);
	buf_puts(b, t);
	if (r->similarity != -1) {
		snprintf(t, sizeof t,
		         "  close in meaning: %.2f (sentence vectors, "
		         "in the confidence from 0.50 up)\n",
		         r->similarity);
		buf_puts(b, t);
	}
	for (size_t i = 0; i < r->nwhy; i++) {
		const answer_why *y = &r->why[i];
		snprintf(t, sizeof t, "  %-16s ", y->word);
		buf_puts(b, t);
		if (y->used) {
			buf_puts(b, "as ");
			buf_puts(b, y->used);
			buf_puts(b, " ");
		}
		buf_puts(b, "(");
		buf_puts(b, y->how);
		buf_puts(b, ") ");
		if (y->where) {
			snprintf(t, sizeof t, "in %s: +%.2f", y->where, y->score);
			buf_puts(b, t);
		} else {
			buf_puts(b, "not found");
		}
		if (y->share > 0) {
			snprintf(t, sizeof t, ", %.0f%% of the question", y->share * 100);
			buf_puts(b, t);
		}
		buf_puts(b, "\n");
	}
	buf_puts(b, "  matched: ");
	add_marked(b, r->m[0].label, 0, r, on, off);
	buf_puts(b, "\n");
	if (r->text) {
		add_marked(b, r->text, 1, r, on, off);
		buf_puts(b, "\n");
	}
}

/* The length of the ANSI escape sequence at s (ESC '[' parameters, then a
 * final byte from '@' to '~'), or 0 when s starts none. */
static size_t escape_len(const char *s, const char *end)
{
	if (end - s < 2 || s[0] != '\033' || s[1] != '[')
		return 0;
	const char *p = s + 2;
	while (p < end && !(*p >= '@' && *p <= '~'))
		p++;
	return p < end ? (size_t)(p - s + 1) : (size_t)(end - s);
}

/* One line (no newline in [s, end)) broken to width; see render_wrap. */
static void wrap_line(buf *b, const char *s, const char *end, int width)
{
	size_t indent = 0;
	while (s + indent < end && s[indent] == ' ')
		indent++;
	if ((int)indent > width / 2)
		indent = 0; /* no room to hang the rest under it */
	const char *seg = s, *brk = NULL;
	int col = 0, brk_col = 0;
	for (const char *p = s; p < end;) {
		size_t e = escape_len(p, end);
		if (e) {
			p += e;
			continue;
		}
		/* A space past the line's own indentation may become a break. */
		if (*p == ' ' && p - s >= (ptrdiff_t)indent && col > 0) {
			brk = p;
			brk_col = col;
		}
		col += ((unsigned char)*p & 0xC0) != 0x80; /* one per character */
		p++;
		/* Over the width with a character after the last space (a
		 * space itself may stand past the edge unseen). */
		if (col > width && brk && brk != p - 1) {
			buf_add(b, seg, (size_t)(brk - seg));
			buf_add(b, "\n", 1);
			for (size_t i = 0; i < indent; i++)
				buf_add(b, " ", 1);
			seg = brk + 1;
			col = (int)indent + (col - brk_col - 1);
			brk = NULL;
		}
	}
	buf_add(b, seg, (size_t)(end - seg));
}

void render_wrap(buf *b, const char *text, int width)
{
	for (const char *s = text; *s;) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		if (width > 0)
			wrap_line(b, s, end, width);
		else
			buf_add(b, s, (size_t)(end - s));
		if (nl)
			buf_add(b, "\n", 1);
		s = nl ? nl + 1 : end;
	}
}
