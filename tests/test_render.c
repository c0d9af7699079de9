/* test_render.c: unit tests of bot/render.c: the growable buffer, JSON
 * strings from any bytes, and an answer as JSON, as one line and as prose. */
#include "check.h"
#include "testutil.h"
#include "render.h"

#include <stdlib.h>
#include <string.h>

void test_render(void);

/* ---- helpers --------------------------------------------------------- */

/* render_json_string of n bytes from a malloc'ed copy that is exactly n
 * bytes long, so that AddressSanitizer catches a read past the end. The
 * result is in a static buffer, for CHECK_STR; NULL when it did not fit. */
static const char *json_n(const char *s, size_t n)
{
	static char out[4096];
	char *copy = malloc(n ? n : 1);
	buf b = {0};
	if (!copy)
		abort();
	memcpy(copy, s, n);
	render_json_string(&b, copy, n);
	free(copy);
	if (b.oom || !b.s || b.n >= sizeof out || strlen(b.s) != b.n) {
		buf_free(&b);
		return NULL;
	}
	memcpy(out, b.s, b.n + 1);
	buf_free(&b);
	return out;
}

/* For literal text with no NUL in it. */
#define JSON(text) json_n(text, sizeof text - 1)


/* A copy of s without its ANSI escape sequences (ESC [ ... letter), in a
 * static buffer. */
static const char *strip_ansi(const char *s)
{
	static char out[4096];
	size_t n = 0;
	while (*s && n < sizeof out - 1) {
		if (*s == '\033' && s[1] == '[') {
			s += 2;
			while (*s && !((*s >= 'A' && *s <= 'Z') ||
			               (*s >= 'a' && *s <= 'z')))
				s++;
			if (*s)
				s++;
			continue;
		}
		out[n++] = *s++;
	}
	out[n] = '\0';
	return out;
}

/* The results rendered below, built by hand. The strings are literals:
 * render only reads them. */
static answer_match two_matches[] = {
    {"relax-1", "How do I relax?", 0.81236, 1},
    {"sleep", "Can't sleep?", 0.5, 1},
};
static answer_fix one_fix[] = {{"relx", "relax"}};

/* Confident: an answer, two matches and a spelling correction. */
static answer_result answered(void)
{
	answer_result r = {0};
	r.m = two_matches;
	r.n = 2;
	r.answer = "Lie down.\nBreathe \"slowly\".";
	r.confidence = 0.81236;
	r.fixes = one_fix;
	r.nfixes = 1;
	return r;
}

/* Not confident enough: the same matches, no answer. */
static answer_result unsure(void)
{
	answer_result r = answered();
	r.answer = NULL;
	r.confidence = 0.31;
	r.suggest = 1;
	r.fixes = NULL;
	r.nfixes = 0;
	return r;
}

/* Not searched at all. */
static answer_result declined(void)
{
	answer_result r = {0};
	r.declined = "empty question";
	return r;
}

/* ---- buf ------------------------------------------------------------- */

static void test_buf(void)
{
	buf b = {0};
	char big[1000];
	buf_puts(&b, "");
	CHECK(b.s && b.n == 0 && b.s[0] == '\0');
	buf_add(&b, "abcdef", 3);
	buf_puts(&b, "de");
	CHECK_STR(b.s, "abcde");
	CHECK(b.n == 5 && !b.oom);
	memset(big, 'z', sizeof big);
	buf_add(&b, big, sizeof big); /* past the first allocation */
	CHECK(b.n == 1005 && strlen(b.s) == 1005 && b.cap > 1005);
	CHECK(b.s[4] == 'e' && b.s[5] == 'z' && b.s[1004] == 'z');
	buf_add(&b, "a\0b", 3); /* any bytes */
	CHECK(b.n == 1008 && b.s[1006] == '\0' && b.s[1007] == 'b');
	buf_free(&b);
	CHECK(b.s == NULL && b.n == 0 && b.cap == 0 && b.oom == 0);
}

/* ---- JSON strings ---------------------------------------------------- */

static void test_json_string(void)
{
	CHECK_STR(JSON(""), "\"\"");
	CHECK_STR(JSON("plain text / 123"), "\"plain text / 123\"");
	CHECK_STR(JSON("say \"hi\""), "\"say \\\"hi\\\"\"");
	CHECK_STR(JSON("C:\\dir\\"), "\"C:\\\\dir\\\\\"");
	CHECK_STR(JSON("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"");
	CHECK_STR(JSON("\x01\x08\x0c\x1b\x1f\x7f"),
	          "\"\\u0001\\u0008\\u000c\\u001b\\u001f\\u007f\"");
	CHECK_STR(json_n("a\0b", 3), "\"a\\u0000b\"");
	/* valid UTF-8 passes through */
	CHECK_STR(JSON("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80"),
	          "\"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80\"");
	CHECK_STR(JSON("\xC2\xA0\xEF\xBF\xBF\xF4\x8F\xBF\xBF"),
	          "\"\xC2\xA0\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"");
	/* C1 controls are escaped like C0 ones (8-bit CSI) */
	CHECK_STR(JSON("\xC2\x80x\xC2\x9B"), "\"\\u0080x\\u009b\"");
	/* invalid bytes: U+FFFD each */
	CHECK_STR(JSON("a\xff"
	               "b"),
	          "\"a\xEF\xBF\xBD"
	          "b\"");
	CHECK_STR(JSON("\x80"), "\"\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xC0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xE0\x9F\xBF"),
	          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xED\xA0\x80"),
	          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xF0\x8F\xBF\xBF"),
	          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xF4\x90\x80\x80"),
	          "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("ab\xE2\x82"), "\"ab\xEF\xBF\xBD\xEF\xBF\xBD\"");
	CHECK_STR(JSON("\xE2\x82\"\xC3\xA9"),
	          "\"\xEF\xBF\xBD\xEF\xBF\xBD\\\"\xC3\xA9\"");

	/* random bytes, biased towards the ones that matter: always a safe
	 * JSON string, quoted */
	static const char alphabet[] = "\"\\\n\t\r\x01\x1f\x7f\x80\xBF\xC0\xC2"
	                               "\xC3\xA9\xE2\x82\xAC\xED\xA0\xF0\x9F"
	                               "\x98\xF4\x90\xF5\xFF\0a";
	unsigned seed = 4242;
	char s[64];
	int bad = 0;
	for (int round = 0; round < 500; round++) {
		size_t len = (size_t)round % 64;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		const char *j = json_n(s, len);
		size_t jn = j ? strlen(j) : 0;
		if (!j || jn < 2 || j[0] != '"' || j[jn - 1] != '"' ||
		    !test_utf8_valid(j, 1))
			bad++;
	}
	CHECK(bad == 0);
}

/* ---- JSON Lines ------------------------------------------------------ */

static void test_json(void)
{
	buf b = {0};
	answer_result r = answered();
	static const char q[] = "how to relx?";
	render_json(&b, q, sizeof q - 1, &r);
	CHECK_STR(b.s, "{\"question\":\"how to relx?\","
	               "\"answer\":\"Lie down.\\nBreathe \\\"slowly\\\".\","
	               "\"id\":\"relax-1\",\"score\":0.8124,"
	               "\"matches\":["
	               "{\"id\":\"relax-1\",\"question\":\"How do I relax?\","
	               "\"score\":0.8124},"
	               "{\"id\":\"sleep\",\"question\":\"Can't sleep?\","
	               "\"score\":0.5000}],"
	               "\"corrections\":[{\"from\":\"relx\",\"to\":\"relax\"}],"
	               "\"outcome\":\"answer\"}\n");
	buf_free(&b);

	/* no answer: answer, id and score are null together */
	r = unsure();
	render_json(&b, "sleep", 5, &r);
	CHECK_STR(b.s, "{\"question\":\"sleep\",\"answer\":null,\"id\":null,"
	               "\"score\":null,\"matches\":["
	               "{\"id\":\"relax-1\",\"question\":\"How do I relax?\","
	               "\"score\":0.8124},"
	               "{\"id\":\"sleep\",\"question\":\"Can't sleep?\","
	               "\"score\":0.5000}],\"outcome\":\"did-you-mean\"}\n");
	buf_free(&b);

	/* declined, and a question of any bytes (only len of them) */
	r = declined();
	render_json(&b, "\t\0\xff  and more", 5, &r);
	CHECK_STR(b.s, "{\"question\":\"\\t\\u0000\xEF\xBF\xBD  \","
	               "\"answer\":null,\"id\":null,\"score\":null,"
	               "\"matches\":[],\"declined\":\"empty question\","
	               "\"outcome\":\"unknown\"}\n");
	buf_free(&b);

	/* nothing matched at all, scores at their bounds */
	answer_match edge[] = {{"x", "X?", 1.0, 1}, {"y", "Y?", 0.0, 0}};
	r = (answer_result){0};
	render_json(&b, "", 0, &r);
	CHECK_STR(b.s, "{\"question\":\"\",\"answer\":null,\"id\":null,"
	               "\"score\":null,\"matches\":[],\"outcome\":\"unknown\"}\n");
	buf_free(&b);
	r.m = edge;
	r.n = 2;
	r.answer = "Ex.";
	r.confidence = 1.0;
	render_json(&b, "x", 1, &r);
	CHECK_STR(b.s,
	          "{\"question\":\"x\",\"answer\":\"Ex.\",\"id\":\"x\","
	          "\"score\":1.0000,\"matches\":["
	          "{\"id\":\"x\",\"question\":\"X?\",\"score\":1.0000},"
	          "{\"id\":\"y\",\"question\":\"Y?\",\"score\":0.0000}],"
	          "\"outcome\":\"answer\"}\n");
	buf_free(&b);

	/* appended to what the buffer holds: one line per result */
	r = declined();
	render_json(&b, "a", 1, &r);
	render_json(&b, "b", 1, &r);
	CHECK(b.s && strchr(b.s, '\n') == b.s + b.n / 2 - 1 &&
	      b.s[b.n - 1] == '\n');
	buf_free(&b);
}

/* ---- one line for scripts -------------------------------------------- */

static void test_line(void)
{
	buf b = {0};
	answer_result r = answered();
	render_line(&b, &r);
	CHECK_STR(b.s, "Lie down. Breathe \"slowly\".\n");
	buf_free(&b);

	/* runs of white space, line breaks included, are one space; none at
	 * either end */
	r.answer = "\n  First line.\r\n\r\n\tSecond  line.\n- item \n";
	render_line(&b, &r);
	CHECK_STR(b.s, "First line. Second line. - item\n");
	buf_free(&b);
	/* no-break spaces too (the Debian FAQ indents wrapped lines with
	 * them); other UTF-8 is kept */
	r.answer = "\xC2\xA0 next stable\n\xC2\xA0 \xC2\xA0  distribution\xC2\xA0"
	           "is caf\xC3\xA9\xC2\xA0\n";
	render_line(&b, &r);
	CHECK_STR(b.s, "next stable distribution is caf\xC3\xA9\n");
	buf_free(&b);

	r = unsure();
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know. Did you mean: How do I relax? | "
	               "Can't sleep?\n");
	buf_free(&b);
	r.suggest = 0; /* not close enough: no list */
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know.\n");
	r.suggest = 1;
	buf_free(&b);

	/* labels are folded too */
	answer_match folded[] = {{"a", "Two\nlines?", 0.4, 1},
	                         {"b", " Spaced\t out ", 0.3, 1}};
	r.m = folded;
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know. Did you mean: Two lines? | "
	               "Spaced out\n");
	buf_free(&b);

	/* a match that is not close is not offered, wherever it stands */
	answer_match mixed[] = {{"a", "A?", 0.3, 1},
	                        {"b", "B?", 0.1, 0},
	                        {"c", "C?", 0.26, 1}};
	r.m = mixed;
	r.n = 3;
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know. Did you mean: A? | C?\n");
	buf_free(&b);
	r.n = 2;
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know. Did you mean: A?\n");
	buf_free(&b);

	r = (answer_result){0};
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know.\n");
	buf_free(&b);

	r = declined();
	render_line(&b, &r);
	CHECK_STR(b.s, "I don't know: empty question.\n");
	buf_free(&b);
}

/* ---- prose for people ------------------------------------------------ */

/* Renders r with and without color; 1 when the plain text is want, has no
 * ESC, and the colored text is the same once its escapes are removed and
 * contains every one of the escapes in esc (NULL-terminated). */
static int human_is(const answer_result *r, const char *want,
                    const char *const *esc)
{
	buf plain = {0}, color = {0};
	int ok = 1;
	render_human(&plain, r, 0);
	render_human(&color, r, 1);
	if (!plain.s || strcmp(plain.s, want) != 0) {
		fprintf(stderr, "  got:  %s\n  want: %s\n",
		        plain.s ? plain.s : "(null)", want);
		ok = 0;
	}
	if (plain.s && strchr(plain.s, '\033'))
		ok = 0;
	if (!color.s || strcmp(strip_ansi(color.s), want) != 0)
		ok = 0;
	for (; *esc; esc++)
		if (!color.s || !strstr(color.s, *esc))
			ok = 0;
	buf_free(&plain);
	buf_free(&color);
	return ok;
}

static void test_human(void)
{
	static const char *const dim[] = {"\033[2m", "\033[0m", NULL};
	static const char *const bold[] = {"\033[1m", "\033[0m", NULL};
	answer_result r = answered();
	buf b = {0};

	CHECK(human_is(&r,
	               "(read as: relx -> relax)\n"
	               "Lie down.\nBreathe \"slowly\".\n"
	               "-- (81% sure) How do I relax?\n",
	               dim));
	r.fixes = NULL;
	r.nfixes = 0;
	CHECK(human_is(&r,
	               "Lie down.\nBreathe \"slowly\".\n"
	               "-- (81% sure) How do I relax?\n",
	               dim));

	r = unsure();
	CHECK(human_is(&r,
	               "I'm not sure. Did you mean one of these?\n"
	               "  1. How do I relax?\n"
	               "  2. Can't sleep?\n",
	               bold));

	/* matches that are not close are left out and the rest numbered
	 * on; one left is offered alone */
	answer_match mixed[] = {{"a", "A?", 0.3, 1},
	                        {"b", "B?", 0.1, 0},
	                        {"c", "C?", 0.26, 1}};
	r.m = mixed;
	r.n = 3;
	CHECK(human_is(&r,
	               "I'm not sure. Did you mean one of these?\n"
	               "  1. A?\n"
	               "  2. C?\n",
	               bold));
	r.n = 2;
	CHECK(human_is(&r,
	               "I'm not sure. Did you mean this?\n"
	               "  1. A?\n",
	               bold));

	r = (answer_result){0};
	CHECK(human_is(&r, "I don't know that one.\n", bold));

	r = declined();
	static const char *const none[] = {NULL};
	CHECK(human_is(&r, "I don't know: empty question.\n", none));

	/* an offer picked by its number */
	render_pick(&b, "Lie down.\nBreathe.", "How do I relax?", 0);
	CHECK_STR(b.s, "Lie down.\nBreathe.\n-- you picked: How do I relax?\n");
	buf_free(&b);
	render_pick(&b, "Lie down.", "How do I relax?", 1);
	CHECK_STR(b.s, "Lie down.\n\033[2m-- you picked: How do I relax?\033[0m\n");
	buf_free(&b);

	/* the escapes themselves */
	r = answered();
	render_human(&b, &r, 1);
	CHECK(b.s && strncmp(b.s, "\033[2m(read as:", 13) == 0);
	CHECK(b.s &&
	      strstr(b.s, "\033[2m-- (81% sure) How do I relax?\033[0m\n"));
	buf_free(&b);
	render_human(&b, &r, 0);
	CHECK(b.s && !strchr(b.s, '\033'));
	buf_free(&b);
}

/* render_wrap of text at width, in a static buffer for CHECK_STR. */
static const char *wrap(const char *text, int width)
{
	static char out[4096];
	buf b = {0};
	render_wrap(&b, text, width);
	if (b.oom || b.n >= sizeof out) {
		buf_free(&b);
		return NULL;
	}
	memcpy(out, b.s ? b.s : "", b.n + 1); /* nothing added: no buffer */
	buf_free(&b);
	return out;
}

/* Columns of the widest line of s that holds a space past its leading
 * ones (a single long word may stand past the edge); escapes and UTF-8
 * continuation bytes count none, as in render_wrap. */
static int widest_breakable(const char *s)
{
	int most = 0;
	while (*s) {
		int col = 0, spaces = 0, lead = 1;
		for (; *s && *s != '\n'; s++) {
			if (*s == '\033') {
				while (s[1] && !(s[1] >= '@' && s[1] <= '~' && s[1] != '['))
					s++;
				if (s[1])
					s++;
				continue;
			}
			lead &= *s == ' ';
			spaces += *s == ' ' && !lead;
			col += ((unsigned char)*s & 0xC0) != 0x80;
		}
		if (spaces && col > most)
			most = col;
		if (*s)
			s++;
	}
	return most;
}

/* Whether a and b hold the same characters in the same order once their
 * spaces and line breaks are left out. */
static int same_but_spacing(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\n')
			b++;
		if (*a != *b)
			return 0;
		if (!*a)
			return 1;
		a++, b++;
	}
}

static void test_wrap(void)
{
	CHECK_STR(wrap("short line", 20), "short line");
	CHECK_STR(wrap("aaa bbb ccc ddd", 7), "aaa bbb\nccc ddd");
	CHECK_STR(wrap("aaa bbb ccc ddd", 8), "aaa bbb\nccc ddd");
	CHECK_STR(wrap("aaa bbb ccc ddd", 11), "aaa bbb ccc\nddd");
	/* lines of its own stay lines; an empty one too */
	CHECK_STR(wrap("aa\n\nbb cc dd\n", 5), "aa\n\nbb cc\ndd\n");
	/* a word longer than the width is not broken */
	CHECK_STR(wrap("abcdefghij kl", 5), "abcdefghij\nkl");
	/* escapes take no room: bold "aaa" is three columns */
	CHECK_STR(wrap("\033[1maaa\033[0m bbb ccc", 7),
	          "\033[1maaa\033[0m bbb\nccc");
	/* a character is a column however many bytes it takes */
	CHECK_STR(wrap("\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9", 5),
	          "\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9\n\xC3\xA9\xC3\xA9");
	/* the rest of a line hangs under its indentation */
	CHECK_STR(wrap("  1. aa bb cc", 8), "  1. aa\n  bb cc");
	/* a space at the edge is no reason to break */
	CHECK_STR(wrap("aaa ", 3), "aaa ");
	CHECK_STR(wrap("aaa bbb", 0), "aaa bbb");
	CHECK_STR(wrap("", 10), "");

	/* Over a real answer and widths 12 to 100: no line wider than the
	 * width unless it is one word, and nothing but spacing changed. */
	const char *text =
	    "So, acute lower back pain is like a sudden guest who crashes your "
	    "party uninvited. It can happen when you lift heavy stuff the wrong "
	    "way, twist suddenly, or strain a muscle.\n    Indented, "
	    "caf\xC3\xA9 and \033[1mbold\033[0m words follow here.";
	for (int w = 12; w <= 100; w += 4) {
		const char *got = wrap(text, w);
		CHECK(got && widest_breakable(got) <= w);
		CHECK(got && same_but_spacing(got, text));
	}
}

void test_render(void)
{
	test_wrap();
	test_buf();
	test_json_string();
	test_json();
	test_line();
	test_human();
}
