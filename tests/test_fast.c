/* test_fast.c: the fast path (bot/fast.c) against the reference that reads
 * every posting: on a generated corpus larger than the candidate limit,
 * both must give the same best answer and nearly the same top ten. */
#include "answer.h"
#include "build.h"
#include "check.h"
#include "corpus.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	build_options opt = {"english", NULL, NULL};
	CHECK(build_index(&src, 1, &opt, path, err, sizeof err) == 0);
	corpus_free(&c);
	free(tsv);
	answerer *a = answer_open(path, msg, sizeof msg);
	CHECK(a != NULL);
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
	answer_close(a);
	free(qs);
	unlink(path);
	rmdir(dir);
}
