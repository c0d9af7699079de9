/* test_query.c: unit tests of bot/query.c (cleaning any bytes into safe
 * text, edit distances, typo budgets) and of the stop word table of
 * common/stopwords.c that the query's words are judged by. */
#include "check.h"
#include "query.h"
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

void test_query(void);

/* ---- query_clean ----------------------------------------------------- */

/* Cleans len bytes of text from a malloc'ed copy that is exactly len bytes
 * long (no NUL after it), so that AddressSanitizer catches a read past the
 * end; 1 when the result is want (len bytes too) and NUL-terminated. */
static int clean_is(const char *text, size_t len, const char *want)
{
	char *copy = malloc(len ? len : 1), *out;
	int ok;
	if (!copy)
		abort();
	memcpy(copy, text, len);
	out = query_clean(copy, len);
	free(copy);
	ok = out && strlen(out) == len && memcmp(out, want, len) == 0;
	if (!ok)
		fprintf(stderr, "  query_clean gave \"%s\"\n",
		        out ? out : "(null)");
	free(out);
	return ok;
}

/* For literal text with no NUL in it. */
#define CLEAN(text, want) clean_is(text, sizeof text - 1, want)

static void test_clean(void)
{
	CHECK(CLEAN("", ""));
	CHECK(CLEAN("How do I relax?", "How do I relax?"));
	/* NUL and control characters, DEL included */
	CHECK(CLEAN("a\0b", "a b"));
	CHECK(CLEAN("tab\there\nnew\rline", "tab here new line"));
	CHECK(CLEAN("\x01\x1f\x1b[31mred\x7f", "   [31mred "));
	/* valid multi-byte UTF-8 is kept byte for byte */
	CHECK(CLEAN("caf\xC3\xA9", "caf\xC3\xA9"));
	CHECK(CLEAN("\xE6\x97\xA5\xE6\x9C\xAC", "\xE6\x97\xA5\xE6\x9C\xAC"));
	CHECK(CLEAN("ok \xF0\x9F\x98\x80!", "ok \xF0\x9F\x98\x80!"));
	/* the first and last code points of each length are kept, but the
	 * C1 controls U+0080..U+009F (8-bit CSI and the like) are blanked */
	CHECK(CLEAN("\xC2\x9B[2J", "  [2J"));
	CHECK(CLEAN("\xC2\xA0\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
	            "\xF4\x8F\xBF\xBF",
	            "\xC2\xA0\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"
	            "\xF4\x8F\xBF\xBF")); /* the edges of each length */
	/* invalid bytes: one space each */
	CHECK(CLEAN("a\xff\xfe"
	            "b",
	            "a  b"));
	CHECK(CLEAN("\x80\xBF", "  "));           /* lone continuation bytes */
	CHECK(CLEAN("\xC0\x80", "  "));           /* overlong NUL */
	CHECK(CLEAN("\xC1\xBF", "  "));           /* overlong 2-byte */
	CHECK(CLEAN("\xE0\x9F\xBF", "   "));      /* overlong 3-byte */
	CHECK(CLEAN("\xF0\x8F\xBF\xBF", "    ")); /* overlong 4-byte */
	CHECK(CLEAN("\xED\xA0\x80", "   "));      /* surrogate D800 */
	CHECK(CLEAN("\xED\xBF\xBF", "   "));      /* surrogate DFFF */
	CHECK(CLEAN("\xF4\x90\x80\x80", "    ")); /* past U+10FFFF */
	CHECK(CLEAN("\xF5\x80\x80\x80", "    "));
	/* truncated sequences, at the end and before other text */
	CHECK(CLEAN("ab\xE2\x82", "ab  "));
	CHECK(CLEAN("ab\xC3", "ab "));
	CHECK(CLEAN("\xF0\x9F\x98", "   "));
	CHECK(CLEAN("\xE2\x82x\xC3\xA9", "  x\xC3\xA9"));
	CHECK(CLEAN("\xF0\x9F\xC3\xA9", "  \xC3\xA9"));
}

/* ---- stop words ------------------------------------------------------ */

static void test_stopwords(void)
{
	/* the table is searched with bsearch: a word out of order would be
	 * missed, so ask for many, across the table and at both ends */
	static const char *const stop[] = {
	    "a",     "about",      "and",  "are", "as",   "can",    "does",
	    "for",   "how",        "i",    "in",  "is",   "it",     "me",
	    "my",    "of",         "on",   "or",  "s",    "should", "t",
	    "tell",  "the",        "this", "to",  "what", "whats",  "when",
	    "where", "which",      "who",  "why", "with", "would",  "you",
	    "your",  "yourselves",
	};
	static const char *const meaningful[] = {
	    "massage",    "back",      "pain", "",      "aa",  "ab",
	    "whatsoever", "yourselve", "zzz",  "relax", "wha", "b",
	};
	size_t i;
	int missed = 0;
	CHECK(stopword_is("english", "the") == 1);
	CHECK(stopword_is("english", "massage") == 0);
	for (i = 0; i < sizeof stop / sizeof *stop; i++) {
		int r = stopword_is("english", stop[i]);
		if (r != 1)
			fprintf(stderr, "  not a stop word: \"%s\"\n", stop[i]);
		missed += r != 1;
	}
	CHECK(missed == 0);
	missed = 0;
	for (i = 0; i < sizeof meaningful / sizeof *meaningful; i++) {
		int r = stopword_is("english", meaningful[i]);
		if (r != 0)
			fprintf(stderr, "  a stop word: \"%s\"\n",
			        meaningful[i]);
		missed += r != 0;
	}
	CHECK(missed == 0);
	/* every list is in strcmp's order without duplicates: bsearch
	 * relies on it */
	static const char *const langs[] = {"english", "german", "french",
	                                    "spanish"};
	for (size_t li = 0; li < sizeof langs / sizeof *langs; li++) {
		size_t n, k, bad = 0;
		const char *const *w = stopword_list(langs[li], &n);
		CHECK(w && n >= 80);
		for (k = 1; w && k < n; k++)
			bad += strcmp(w[k - 1], w[k]) >= 0;
		CHECK(bad == 0);
	}
	/* each language its list, by Snowball name or short name; words come
	 * case-folded without diacritics ("für" as "fur", "où" as "ou") */
	CHECK(stopword_is("german", "und") == 1);
	CHECK(stopword_is("de", "fur") == 1);
	CHECK(stopword_is("french", "ou") == 1);
	CHECK(stopword_is("french", "l") == 1); /* "l'heure": "l", "heure" */
	CHECK(stopword_is("french", "bibliotheque") == 0);
	CHECK(stopword_is("spanish", "que") == 1);
	CHECK(stopword_is("english", "und") == 0);
	CHECK(stopword_is("italian", "di") == 0); /* no list */
	CHECK(stopword_is("german", "the") == 0);
	CHECK(stopword_is("german", "massage") == 0);
}

/* ---- edit distance --------------------------------------------------- */

static void test_edit_distance(void)
{
	char a[66], b[66];

	CHECK(query_edit_distance("masage", "massage", 1) == 1);
	CHECK(query_edit_distance("massage", "masage", 1) == 1);
	CHECK(query_edit_distance("tenson", "tension", 2) == 1);
	CHECK(query_edit_distance("kitten", "sitting", 3) == 3);
	CHECK(query_edit_distance("sitting", "kitten", 3) == 3);
	CHECK(query_edit_distance("kitten", "sitting", 2) == 3); /* over */
	CHECK(query_edit_distance("abc", "xyz", 1) == 2);        /* max + 1 */
	CHECK(query_edit_distance("abc", "xyz", 3) == 3);
	CHECK(query_edit_distance("flaw", "lawn", 2) == 2);
	/* a swap of two neighbours is one edit */
	CHECK(query_edit_distance("ab", "ba", 2) == 1);
	CHECK(query_edit_distance("levles", "levels", 1) == 1);
	CHECK(query_edit_distance("recieve", "receive", 1) == 1);
	CHECK(query_edit_distance("massaeg", "massage", 0) == 1); /* over */
	CHECK(query_edit_distance("abcd", "badc", 2) == 2); /* two swaps */
	/* identical strings */
	CHECK(query_edit_distance("massage", "massage", 0) == 0);
	CHECK(query_edit_distance("massage", "massage", 2) == 0);
	/* empty strings */
	CHECK(query_edit_distance("", "", 0) == 0);
	CHECK(query_edit_distance("", "abc", 3) == 3);
	CHECK(query_edit_distance("abc", "", 3) == 3);
	CHECK(query_edit_distance("", "abc", 2) == 3);
	CHECK(query_edit_distance("a", "abcd", 1) == 2); /* lengths too far */
	/* bytes, not characters: e-acute is two */
	CHECK(query_edit_distance("caf\xC3\xA9", "cafe", 2) == 2);
	/* the longest words there are (STEMTOK_MAX = 64 bytes) */
	memset(a, 'x', 64);
	a[64] = '\0';
	memcpy(b, a, 65);
	CHECK(query_edit_distance(a, b, 2) == 0);
	b[0] = 'y';
	CHECK(query_edit_distance(a, b, 2) == 1);
	b[63] = '\0';
	CHECK(query_edit_distance(a, b, 2) == 2);
}

/* Which of two words at the same edit distance a typist more likely
 * meant: a swap before a letter added or dropped, one added or dropped
 * before one changed. */
static void test_typo_cost(void)
{
	char a[66];
	CHECK(query_typo_cost("massage", "massage") == 0);
	CHECK(query_typo_cost("", "") == 0);
	CHECK(query_typo_cost("casue", "cause") <
	      query_typo_cost("casue", "case"));
	CHECK(query_typo_cost("ocne", "once") < query_typo_cost("ocne", "one"));
	CHECK(query_typo_cost("evey", "every") <
	      query_typo_cost("evey", "even"));
	CHECK(query_typo_cost("opnion", "opinion") <
	      query_typo_cost("opnion", "option"));
	/* symmetric in what is added and what dropped */
	CHECK(query_typo_cost("masage", "massage") ==
	      query_typo_cost("massage", "masage"));
	CHECK(query_typo_cost("", "abc") > query_typo_cost("ab", "abc"));
	/* over 64 bytes: as far as can be */
	memset(a, 'x', 65);
	a[65] = '\0';
	CHECK(query_typo_cost(a, "x") > 100);
}

static void test_typo_budget(void)
{
	CHECK(query_typo_budget(0) == 0);
	CHECK(query_typo_budget(3) == 0);
	CHECK(query_typo_budget(4) == 0); /* "cook" is not "cool" */
	CHECK(query_typo_budget(5) == 1);
	CHECK(query_typo_budget(7) == 1);
	CHECK(query_typo_budget(8) == 2);
	CHECK(query_typo_budget(64) == 2);
}

/* ---- phrases that say one word ---------------------------------------- */

static void test_phrase_word(void)
{
	const char *q[] = {"more", "than", "one", "account"};
	size_t len = 0;
	CHECK_STR(query_phrase_word(q, 4, &len), "multiple");
	CHECK(len == 3);
	/* only where the phrase starts, and only whole */
	CHECK(query_phrase_word(q + 1, 3, &len) == NULL);
	CHECK(query_phrase_word(q, 2, &len) == NULL);
	const char *w[] = {"get", "rid", "of", "it"};
	CHECK_STR(query_phrase_word(w, 4, &len), "remove");
	CHECK(len == 3);
	/* a token is a whole word: "more thank one" is no phrase */
	const char *t[] = {"more", "thank", "one"};
	CHECK(query_phrase_word(t, 3, &len) == NULL);
	const char *e[] = {""};
	CHECK(query_phrase_word(e, 1, &len) == NULL);
	CHECK(query_phrase_word(e, 0, &len) == NULL);
}

void test_query(void)
{
	test_phrase_word();
	test_clean();
	test_stopwords();
	test_edit_distance();
	test_typo_cost();
	test_typo_budget();
}
