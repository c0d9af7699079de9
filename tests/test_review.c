/* test_review.c: unit tests of the review loop's two ends: the miss-log
 * line the bot writes (bot/misslog.c) and index/review.c, which reads such
 * lines back and groups their questions. */
#include "check.h"
#include "misslog.h"
#include "review.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void test_review(void);

/* 2024-05-01T09:30:00Z */
#define WHEN ((time_t)1714555800)

static void test_format(void)
{
	char out[256];
	size_t n = misslog_format(out, sizeof out, WHEN, 0.4234, "entry-1",
	                          "does it hurt?", 13);
	CHECK_STR(out, "2024-05-01T09:30:00Z\t0.42\tentry-1\tdoes it hurt?\n");
	CHECK(n == strlen(out));
	/* No best match: "-". Separators in the question become spaces, a
	 * NUL included: exactly four fields, one line. */
	n = misslog_format(out, sizeof out, WHEN, 0, NULL, "a\tb\rc\nd\0e", 9);
	CHECK_STR(out, "2024-05-01T09:30:00Z\t0.00\t-\ta b c d e\n");
	/* A confidence out of range is clamped; NaN is 0. */
	misslog_format(out, sizeof out, WHEN, 7, "x", "q", 1);
	CHECK(strstr(out, "\t1.00\t") != NULL);
	misslog_format(out, sizeof out, WHEN,
	               0.0 / 0.0 * 0 + strtod("nan", NULL), "x", "q", 1);
	CHECK(strstr(out, "\t0.00\t") != NULL);
	/* Too small a buffer: cut, NUL-terminated, the full length returned,
	 * as snprintf does. */
	char small[12];
	memset(small, 'Z', sizeof small);
	n = misslog_format(small, sizeof small, WHEN, 0.5, "id", "question", 8);
	CHECK(n == strlen("2024-05-01T09:30:00Z\t0.50\tid\tquestion\n"));
	CHECK_STR(small, "2024-05-01T");
	CHECK(misslog_format(NULL, 0, WHEN, 0.5, "id", "q", 1) == n - 7);
}

static void test_wanted(void)
{
	answer_match m = {"id", "label", 0.9, 1};
	answer_result r;
	memset(&r, 0, sizeof r);
	CHECK(misslog_wanted(&r)); /* nothing matched */
	r.m = &m;
	r.n = 1;
	r.confidence = 0.45;
	CHECK(misslog_wanted(&r)); /* declined below the threshold */
	r.answer = "text";
	r.confidence = 0.6;
	CHECK(misslog_wanted(&r)); /* answered, but unsure */
	r.confidence = MISSLOG_CONFIDENCE;
	CHECK(!misslog_wanted(&r));
	r.confidence = 1;
	CHECK(!misslog_wanted(&r));
	memset(&r, 0, sizeof r);
	r.declined = "empty question";
	CHECK(!misslog_wanted(&r)); /* never searched: no entry could answer */
}

static void test_parse(void)
{
	char out[256];
	review_item it;
	misslog_format(out, sizeof out, WHEN, 0.25, "can-it-help",
	               "can it help?", 12);
	CHECK(review_parse(out, &it) == 0);
	CHECK_STR(it.question, "can it help?");
	CHECK_STR(it.best, "can-it-help");
	CHECK(it.confidence == 0.25);
	char none[] = "2024-05-01T09:30:00Z\t0.00\t-\twho painted it\r\n";
	CHECK(review_parse(none, &it) == 0);
	CHECK(it.best == NULL);
	CHECK_STR(it.question, "who painted it");
	char tabs[] = "2024-05-01T09:30:00Z\t0.10\tx\ta question\twith a tab";
	CHECK(review_parse(tabs, &it) == 0); /* the rest is the question */
	CHECK_STR(it.question, "a question\twith a tab");
	static const char *const bad[] = {
	    "",
	    "just text",
	    "2024\t0.5\tid",
	    "2024\t0.5\tid\t",
	    "2024\tzero\tid\tq",
	    "2024\t1.5\tid\tq",
	    "2024\t0.5\t\tq",
	    "time\t0.5\tid\tq",
	    "2024\t0.5x\tid\tq",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char line[64];
		strcpy(line, bad[i]);
		CHECK(review_parse(line, &it) == -1);
	}
}

/* Groups of items given as question, key, best. */
typedef struct {
	const char *question, *key, *best;
} row;

static review_report cluster(const row *rows, size_t n, review_item *items)
{
	review_report r;
	for (size_t i = 0; i < n; i++)
		items[i] = (review_item){rows[i].question, rows[i].best, 0.3,
		                         rows[i].key, 0};
	CHECK(review_cluster(items, n, REVIEW_SIMILARITY, &r) == 0);
	return r;
}

static void test_cluster(void)
{
	static const row rows[] = {
	    /* 0 */ {"who painted the mona lisa", "lisa mona paint", NULL},
	    /* 1 */
	    {"is massage covered by insurance", "cover insur massag", "doc"},
	    /* 2 */
	    {"does insurance pay for massage", "insur massag pay", "doc"},
	    /* 3 */ {"how much does a massage cost", "cost massag", "how"},
	    /* 4 */
	    {"Is massage covered by insurance?", "cover insur massag", "sleep"},
	    /* 5 */ {"what does a massage cost", "cost massag", "how"},
	    /* 6 */ {"insurance for massages", "insur massag", "doc"},
	    /* 7 */
	    {"is massage  covered by insurance", "cover insur massag", "doc"},
	};
	review_item items[8];
	review_report r = cluster(rows, 8, items);
	CHECK(r.n == 3);
	if (r.n == 3) {
		/* Largest first: the insurance questions, 1 2 4 6 7. */
		const review_group *g = &r.v[0];
		CHECK(g->count == 5);
		CHECK(g->nq == 3);
		/* The most asked wording of the most frequent key, as first
		 * written; case, spaces and punctuation aside. */
		CHECK(g->q[0].item == 1 && g->q[0].count == 3);
		CHECK(g->q[1].item == 2 && g->q[1].count == 1);
		CHECK(g->q[2].item == 6 && g->q[2].count == 1);
		CHECK_STR(g->best, "doc");
		CHECK(g->nbest == 4);
		/* The cost questions: one key. */
		CHECK(r.v[1].count == 2 && r.v[1].q[0].item == 3);
		CHECK(r.v[1].nq == 2 && r.v[1].q[1].item == 5);
		CHECK_STR(r.v[1].best, "how");
		/* No best match at all. */
		CHECK(r.v[2].count == 1 && r.v[2].q[0].item == 0);
		CHECK(r.v[2].best == NULL && r.v[2].nbest == 0);
	}
	review_free(&r);
	CHECK(r.n == 0 && r.v == NULL);

	/* Below half in common: apart. {a b c} and {a d e}: 1/5. */
	static const row apart[] = {{"q1", "a b c", NULL},
	                            {"q2", "a d e", NULL}};
	r = cluster(apart, 2, items);
	CHECK(r.n == 2);
	review_free(&r);

	/* Greedy, against the group's first (most frequent) key: "a b" joins
	 * "a b c" (2/3); "b c d" is near "a b c" (2/4) too, but "c d e" is
	 * not near the leader and starts its own group. */
	static const row chain[] = {
	    {"q1", "a b c", NULL}, {"q1", "a b c", NULL}, {"q2", "a b", NULL},
	    {"q3", "b c d", NULL}, {"q4", "c d e", NULL},
	};
	r = cluster(chain, 5, items);
	CHECK(r.n == 2);
	if (r.n == 2) {
		CHECK(r.v[0].count == 4 && r.v[1].count == 1);
		CHECK(r.v[1].q[0].item == 4);
	}
	review_free(&r);

	/* Best id: the most given; a tie goes to the one given first. */
	static const row ties[] = {
	    {"q", "a", "y"}, {"q", "a", "x"},  {"q", "a", "x"},
	    {"q", "a", "y"}, {"q", "a", NULL},
	};
	r = cluster(ties, 5, items);
	CHECK(r.n == 1 && r.v[0].nbest == 2);
	if (r.n == 1)
		CHECK_STR(r.v[0].best, "y");
	review_free(&r);

	/* Exact items (function words only) join their own key only. */
	review_item ex[3] = {
	    {"what is it", NULL, 0, "be it what", 1},
	    {"who is it", NULL, 0, "be it who", 1},
	    {"what is it?", NULL, 0, "be it what", 1},
	};
	CHECK(review_cluster(ex, 3, REVIEW_SIMILARITY, &r) == 0);
	CHECK(r.n == 2 && r.v[0].count == 2 && r.v[0].nq == 1);
	review_free(&r);

	/* Nothing in, nothing out; empty keys are one key. */
	CHECK(review_cluster(NULL, 0, REVIEW_SIMILARITY, &r) == 0 && r.n == 0);
	review_free(&r);
	static const row empty[] = {{"?", "", NULL}, {"!!", "", NULL}};
	r = cluster(empty, 2, items);
	CHECK(r.n == 1 && r.v[0].count == 2 && r.v[0].nq == 1);
	review_free(&r);
}

/* Many items: the grouping stays right with the prefix filter. Keys
 * "tN a b" for N in 0..K: each shares a b (2/4 with another) and joins
 * the first. Then unrelated keys stay alone. */
static void test_many(void)
{
	enum { K = 2000 };
	review_item *items = calloc(2 * K, sizeof *items);
	char(*keys)[32] = calloc(2 * K, sizeof *keys);
	if (!items || !keys)
		abort();
	for (int i = 0; i < K; i++) {
		snprintf(keys[i], sizeof keys[i], "a b t%04d", i);
		snprintf(keys[K + i], sizeof keys[i], "u%04d v%04d", i, i);
		items[i] = (review_item){"q", "x", 0.1, keys[i], 0};
		items[K + i] = (review_item){"r", NULL, 0.1, keys[K + i], 0};
	}
	review_report r;
	CHECK(review_cluster(items, 2 * K, REVIEW_SIMILARITY, &r) == 0);
	CHECK(r.n == (size_t)K + 1);
	if (r.n)
		CHECK(r.v[0].count == K && r.v[0].nbest == K);
	review_free(&r);
	free(items);
	free(keys);
}

void test_review(void)
{
	test_format();
	test_wanted();
	test_parse();
	test_cluster();
	test_many();
}
