/* test_fast.c: the fast path (bot/fast.c) against the reference that reads
 * every posting: on a generated corpus larger than the candidate limit,
 * both must give the same best answer and nearly the same top ten. */
#include "answer.h"
#include "build.h"
#include "check.h"
#include "corpus.h"
#include "varint.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define VOCAB 3000
#define ENTRIES 4000
#define QUESTIONS 300

static unsigned long long rng = 42;

static unsigned next(void)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return (unsigned)(rng >> 33);
}

/* Word r of the vocabulary: letters from r, so the same r is the same
 * word; low r are frequent (an approximately Zipf draw). */
static void word(char *out, unsigned r)
{
	static const char c[] = "bcdfghjklmnprstvz", v[] = "aeiou";
	int n = 0;
	do {
		out[n++] = c[r % 17];
		r /= 17;
		out[n++] = v[r % 5];
		r /= 5;
	} while (r);
	out[n] = '\0';
}

/* A rank with probability about 1/r (Zipf's law): log-uniform. Ranks
 * start at 100 so that every word has two syllables or more and none is
 * an English function word. */
static unsigned zipf(void)
{
	double u = (next() % 1000000) / 1000000.0;
	return 100 + (unsigned)(pow(VOCAB, u)) - 1;
}

static void sentence(char *buf, size_t size, int words)
{
	size_t at = 0;
	for (int i = 0; i < words && at + 40 < size; i++) {
		char w[32];
		word(w, zipf());
		at += (size_t)snprintf(buf + at, size - at, i ? " %s" : "%s", w);
	}
}

static long count_rows(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long n = -1;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static int exec_sql(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

/* Same ids with the same scores, in the same order. */
static int same_matches(const answer_result *x, const answer_result *y)
{
	if (x->n != y->n)
		return 0;
	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->m[i].id, y->m[i].id) || x->m[i].score != y->m[i].score)
			return 0;
	return 1;
}

static void test_varint(void)
{
	static const uint64_t v[] = {0, 1, 127, 128, 300, 16383, 16384,
	                             (1ull << 32) + 5, UINT64_MAX};
	unsigned char buf[VARINT_MAX * 9];
	size_t n = 0;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		n += varint_put(buf + n, v[i]);
	CHECK(n == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 5 + 10);
	const unsigned char *p = buf;
	int all = 1;
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		uint64_t x = 0;
		all &= varint_get(&p, buf + n, &x) == 0 && x == v[i];
	}
	CHECK(all);
	CHECK(p == buf + n);
	/* A varint cut short, or one longer than 64 bits, is an error. */
	uint64_t x;
	const unsigned char cut[] = {0x80, 0x80}, *q = cut;
	CHECK(varint_get(&q, cut + 2, &x) == -1);
	unsigned char lng[11];
	memset(lng, 0x80, sizeof lng);
	q = lng;
	CHECK(varint_get(&q, lng + sizeof lng, &x) == -1);
	CHECK(zigzag(0) == 0 && zigzag(-1) == 1 && zigzag(1) == 2);
	CHECK(unzigzag(zigzag(-123456789)) == -123456789);
	CHECK(unzigzag(zigzag(INT64_MIN)) == INT64_MIN);
}

/* A damaged fwd or post blob is an error the bot reports, not a crash
 * or a wrong read (the sanitizer build runs this too). */
static void damaged(const char *dir, const char *path, const char *question)
{
	static const char *const how[] = {
	    "UPDATE fwd SET toks = x'ff'",           /* cut inside a varint */
	    "UPDATE fwd SET toks = x'0105'",         /* qlen past the tokens */
	    "UPDATE post SET docs = x'80'",          /* cut inside a varint */
	    "UPDATE post SET docs = x'03'",          /* an id below 1 */
	    "DELETE FROM fwd"};                      /* a candidate's row gone */
	char copy[96], cmd[256], msg[512];
	for (size_t i = 0; i < sizeof how / sizeof *how; i++) {
		snprintf(copy, sizeof copy, "%s/bad.db", dir);
		snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, copy);
		CHECK(system(cmd) == 0);
		CHECK(exec_sql(copy, how[i]) == SQLITE_OK);
		answerer *a = answer_open(copy, msg, sizeof msg);
		CHECK(a != NULL);
		answer_result r;
		msg[0] = '\0';
		int rc = a ? answer_ask(a, question, strlen(question), 5, 0, &r, msg,
		                        sizeof msg)
		           : -1;
		if (rc == 0) {
			/* qlen past the tokens reads as a question with no answer
			 * text: wrong lengths but no error; anything else must fail. */
			CHECK(i == 1);
			answer_result_free(&r);
		} else {
			CHECK(strstr(msg, copy) != NULL);
		}
		answer_close(a);
		unlink(copy);
	}
}

/* Entries with the same question that are not next to each other form
 * one group, and their ids go down in a posting list (zigzag deltas). */
static void test_groups(const char *dir)
{
	char path[96], err[256], msg[256];
	snprintf(path, sizeof path, "%s/g.db", dir);
	CHECK(mkdir(dir, 0700) == 0);
	size_t cap = 200 * 120, len = 0;
	char *tsv = malloc(cap);
	for (int i = 0; tsv && i < 200; i++) {
		char q[80], a[80];
		sentence(q, sizeof q, 6);
		sentence(a, sizeof a, 8);
		/* Rows 50 and 150 ask the same rare question. */
		len += (size_t)snprintf(tsv + len, cap - len, "r%d\t%s\t%s\n", i,
		                        i == 50 || i == 150 ? "how do quokkas sleep"
		                                            : q,
		                        a);
	}
	corpus c = {0};
	CHECK(tsv && corpus_parse("g.tsv", tsv, len, CORPUS_TSV, &c) == 0);
	build_source src = {"g.tsv", &c};
	build_options opt = {"english", NULL, NULL, 0, NULL, NULL, NULL};
	CHECK(build_index(&src, 1, &opt, path, err, sizeof err) == 0);
	corpus_free(&c);
	free(tsv);
	CHECK(count_rows(path, "SELECT count(DISTINCT grp) FROM entry"
	                       " WHERE id IN (51, 151)") == 1);
	CHECK(count_rows(path, "SELECT n FROM df WHERE term = 'quokka'") == 1);
	answerer *a = answer_open(path, msg, sizeof msg);
	CHECK(a != NULL);
	answer_result r;
	const char *q = "how do quokkas sleep";
	if (a && answer_ask(a, q, strlen(q), 5, 0, &r, msg, sizeof msg) == 0) {
		/* One match per group: the first of the two rows. */
		CHECK(r.n >= 1 && !strcmp(r.m[0].id, "r50"));
		int other = 0;
		for (size_t i = 0; i < r.n; i++)
			other += !strcmp(r.m[i].id, "r150");
		CHECK(other == 0);
		answer_result_free(&r);
	} else {
		CHECK(0);
	}
	answer_close(a);
	unlink(path);
	rmdir(dir);
}

void test_fast(void)
{
	char dir[] = "/tmp/faqbot-fast-XXXXXX", path[64], msg[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/f.db", dir);
	size_t cap = (size_t)ENTRIES * 700, len = 0;
	char *tsv = malloc(cap);
	char (*qs)[160] = malloc(sizeof *qs * ENTRIES);
	for (int i = 0; tsv && qs && i < ENTRIES; i++) {
		char a[600];
		sentence(qs[i], sizeof qs[i], 6 + (int)(next() % 5));
		sentence(a, sizeof a, 30 + (int)(next() % 30));
		len += (size_t)snprintf(tsv + len, cap - len, "e%d\t%s\t%s\n", i + 1,
		                        qs[i], a);
	}
	corpus c = {0};
	char err[512];
	CHECK(tsv && corpus_parse("gen.tsv", tsv, len, CORPUS_TSV, &c) == 0);
	build_source src = {"gen.tsv", &c};
	build_options opt = {"english", NULL, NULL, 0, NULL, NULL, NULL};
	CHECK(build_index(&src, 1, &opt, path, err, sizeof err) == 0);
	/* The same corpus with postings written in many small segments. */
	char segpath[80];
	snprintf(segpath, sizeof segpath, "%s/seg.db", dir);
	build_options small = {"english", NULL, NULL, 1000, NULL, NULL, NULL};
	CHECK(build_index(&src, 1, &small, segpath, err, sizeof err) == 0);
	corpus_free(&c);
	free(tsv);
	answerer *a = answer_open(path, msg, sizeof msg);
	answerer *seg = answer_open(segpath, msg, sizeof msg);
	CHECK(a != NULL);
	CHECK(seg != NULL);
	CHECK(count_rows(segpath, "SELECT count(*) FROM post WHERE seg > 20") > 0);
	int seg_same = 0;
	int same1 = 0, overlap = 0, asked = 0;
	for (int q = 0; a && qs && q < QUESTIONS; q++) {
		/* A paraphrase: the entry's question with words dropped. */
		char ask[200] = "";
		const char *e = qs[next() % ENTRIES];
		char copy[160];
		snprintf(copy, sizeof copy, "%s", e);
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
			if (next() % 5)
				strcat(strcat(ask, *ask ? " " : ""), w);
		answer_result fast_r, ref_r;
		answer_reference(a, 0);
		int rc1 = answer_ask(a, ask, strlen(ask), 10, 0, &fast_r, msg,
		                     sizeof msg);
		answer_reference(a, 1);
		int rc2 = answer_ask(a, ask, strlen(ask), 10, 0, &ref_r, msg,
		                     sizeof msg);
		answer_result seg_r;
		if (seg && answer_ask(seg, ask, strlen(ask), 10, 0, &seg_r, msg,
		                      sizeof msg) == 0) {
			seg_same += rc1 == 0 && same_matches(&fast_r, &seg_r);
			answer_result_free(&seg_r);
		}
		if (rc1 == 0 && rc2 == 0 && ref_r.n > 0) {
			asked++;
			same1 += fast_r.n > 0 && !strcmp(fast_r.m[0].id, ref_r.m[0].id);
			for (size_t i = 0; i < ref_r.n; i++)
				for (size_t j = 0; j < fast_r.n; j++)
					overlap += !strcmp(ref_r.m[i].id, fast_r.m[j].id);
		}
		if (rc1 == 0)
			answer_result_free(&fast_r);
		if (rc2 == 0)
			answer_result_free(&ref_r);
	}
	/* The same best answer nearly always, and nine in ten of the top
	 * ten; printed so a change that moves them shows. */
	fprintf(stderr, "fast vs reference: same best %d/%d, top-10 overlap "
	        "%d/%d\n", same1, asked, overlap, asked * 10);
	CHECK(asked >= QUESTIONS * 9 / 10);
	CHECK(same1 * 100 >= asked * 98);
	CHECK(overlap * 100 >= asked * 10 * 90);
	/* Segments change how postings are stored, never what they say. */
	CHECK(seg_same == QUESTIONS);
	answer_close(a);
	answer_close(seg);
	damaged(dir, path, qs[0]);
	free(qs);
	unlink(path);
	unlink(segpath);
	rmdir(dir);
	test_varint();
	test_groups(dir);
}
