/* gen.c: writes the benchmark's synthetic FAQ corpus and its questions,
 * deterministically from a seed: Zipf-distributed words of a real English
 * word list, and questions that paraphrase a known entry's question.
 *
 *   gen --dict WORDS --seed S --pairs N --questions Q CORPUS.tsv QUESTIONS.tsv
 *
 * CORPUS.tsv: "e<i>\t<question>\t<answer>" for i = 1..N.
 * QUESTIONS.tsv: "<question>\t<target id>", Q lines. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 20000   /* words kept from the list, in shuffled order */
#define ZIPF_S 1.0    /* rank r has probability ∝ 1/r^ZIPF_S */
#define Q_WORDS_MIN 8 /* an entry's question: 8..12 words */
#define Q_WORDS_MAX 12
#define A_WORDS_MIN 50 /* its answer: 50..70 words */
#define A_WORDS_MAX 70
#define A_SENTENCE 12  /* about this many words per answer sentence */
#define A_ECHO 0.3     /* chance that a question word recurs in the answer */
#define P_DROP 0.2     /* paraphrase noise, per question word: dropped */
#define P_INFLECT 0.25 /* ... its inflection changed */
#define P_SWAP 0.3     /* per question: two neighbouring words swapped */
#define MAX_WORDS 64

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what,
	        errno ? strerror(errno) : "failed");
	exit(2);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);
	if (!p)
		die("out of memory");
	return p;
}

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}
static double rng_unit(void) /* in [0, 1) */
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}
static size_t rng_below(size_t n)
{
	return (size_t)(rng_unit() * (double)n);
}

static char **vocab; /* VOCAB words, rank 1 first */
static size_t nvocab;
static double *cdf; /* cdf[r]: probability of ranks 1..r+1 */

/* Reads the word list, keeps lowercase alphabetic words, shuffles them with
 * the seed and keeps the first VOCAB as ranks 1..VOCAB. */
static void vocab_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		die(path);
	size_t cap = 1 << 17, n = 0;
	char **all = xmalloc(cap * sizeof *all);
	char line[256];
	while (fgets(line, sizeof line, f)) {
		size_t len = strcspn(line, "\r\n");
		line[len] = '\0';
		int ok = len > 0;
		for (size_t i = 0; ok && i < len; i++)
			ok = line[i] >= 'a' && line[i] <= 'z';
		if (!ok)
			continue;
		if (n == cap) {
			cap *= 2;
			char **p = realloc(all, cap * sizeof *all);
			if (!p)
				die("out of memory");
			all = p;
		}
		all[n++] = strdup(line);
		if (!all[n - 1])
			die("out of memory");
	}
	fclose(f);
	if (n < VOCAB) {
		fprintf(stderr, "gen: %s: only %zu lowercase words, need %d\n",
		        path, n, VOCAB);
		exit(2);
	}
	for (size_t i = n - 1; i > 0; i--) { /* Fisher-Yates */
		size_t j = rng_below(i + 1);
		char *t = all[i];
		all[i] = all[j];
		all[j] = t;
	}
	nvocab = VOCAB;
	vocab = all; /* the rest stays allocated: freed at exit */
	cdf = xmalloc(nvocab * sizeof *cdf);
	double sum = 0;
	for (size_t r = 0; r < nvocab; r++) {
		sum += 1.0 / pow((double)(r + 1), ZIPF_S);
		cdf[r] = sum;
	}
	for (size_t r = 0; r < nvocab; r++)
		cdf[r] /= sum;
}

static const char *zipf_word(void)
{
	double u = rng_unit();
	size_t lo = 0, hi = nvocab - 1;
	while (lo < hi) { /* first rank whose cdf exceeds u */
		size_t mid = lo + (hi - lo) / 2;
		if (cdf[mid] > u)
			hi = mid;
		else
			lo = mid + 1;
	}
	return vocab[lo];
}

/* Words people add around the content of a question. */
static const char *const filler[] = {
    "how", "what", "why", "when", "can", "do", "does", "is", "are",    "i",
    "my",  "the",  "a",   "to",   "of",  "in", "for",  "it", "should", "you",
};
#define NFILLER (sizeof filler / sizeof filler[0])

static int ends_with(const char *w, size_t len, const char *suf)
{
	size_t n = strlen(suf);
	return len > n + 2 && memcmp(w + len - n, suf, n) == 0;
}

/* Writes w with its inflection changed into out (size > strlen(w) + 4):
 * a final "s", "ed" or "ing" is removed, otherwise one is added. */
static void inflect(const char *w, char *out)
{
	static const char *const suf[] = {"s", "ed", "ing"};
	size_t len = strlen(w);
	memcpy(out, w, len + 1);
	for (size_t i = 0; i < 3; i++)
		if (ends_with(w, len, suf[i])) {
			out[len - strlen(suf[i])] = '\0';
			return;
		}
	const char *s = suf[rng_below(3)];
	if (len > 1 && w[len - 1] == 'e' && s[0] != 's')
		len--; /* "hope": "hoped", "hoping" */
	strcpy(out + len, s);
}

static void put_word(FILE *f, const char *w, int capital)
{
	if (capital) {
		fputc(toupper((unsigned char)w[0]), f);
		fputs(w + 1, f);
	} else {
		fputs(w, f);
	}
}

static void pairs_write(FILE *f, size_t n, const char ***questions,
                        size_t *qlen)
{
	for (size_t i = 0; i < n; i++) {
		size_t nq =
		    Q_WORDS_MIN + rng_below(Q_WORDS_MAX - Q_WORDS_MIN + 1);
		const char **q = xmalloc(nq * sizeof *q);
		fprintf(f, "e%zu\t", i + 1);
		for (size_t k = 0; k < nq; k++) {
			q[k] = zipf_word();
			if (k)
				fputc(' ', f);
			put_word(f, q[k], k == 0);
		}
		fputs("?\t", f);
		size_t na =
		    A_WORDS_MIN + rng_below(A_WORDS_MAX - A_WORDS_MIN + 1);
		int start = 1;
		for (size_t k = 0; k < na; k++) {
			const char *w =
			    rng_unit() < A_ECHO * (double)nq / (double)na
			        ? q[rng_below(nq)]
			        : zipf_word();
			if (k)
				fputc(' ', f);
			put_word(f, w, start);
			start = (k + 1) % A_SENTENCE == 0 || k + 1 == na;
			if (start)
				fputc('.', f);
		}
		fputc('\n', f);
		questions[i] = q;
		qlen[i] = nq;
	}
}

/* One question that paraphrases entry t's question words q[0..n). */
static void question_write(FILE *f, const char **q, size_t n, size_t t)
{
	char buf[MAX_WORDS][64];
	size_t m = 0;
	for (size_t k = 0; k < n && m < MAX_WORDS; k++) {
		if (rng_unit() < P_DROP)
			continue;
		if (rng_unit() < P_INFLECT && strlen(q[k]) < 56)
			inflect(q[k], buf[m]);
		else
			snprintf(buf[m], sizeof buf[m], "%s", q[k]);
		m++;
	}
	if (m == 0)
		snprintf(buf[m++], sizeof buf[0], "%s", q[rng_below(n)]);
	if (m > 1 && rng_unit() < P_SWAP) {
		size_t k = rng_below(m - 1);
		char t[64];
		memcpy(t, buf[k], sizeof t);
		memcpy(buf[k], buf[k + 1], sizeof t);
		memcpy(buf[k + 1], t, sizeof t);
	}
	size_t add = 1 + rng_below(3); /* 1..3 common words */
	for (size_t a = 0; a < add && m < MAX_WORDS; a++) {
		size_t at = rng_below(m + 1);
		memmove(buf[at + 1], buf[at], (m - at) * sizeof buf[0]);
		/* half of them function words, half the corpus's own (Zipf
		 * draws are common words by construction) */
		snprintf(buf[at], sizeof buf[0], "%s",
		         rng_unit() < 0.5 ? filler[rng_below(NFILLER)]
		                          : zipf_word());
		m++;
	}
	for (size_t k = 0; k < m; k++) {
		if (k)
			fputc(' ', f);
		fputs(buf[k], f);
	}
	fprintf(f, "\te%zu\n", t + 1);
}

static size_t parse_size(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || end == s) {
		fprintf(stderr, "gen: bad %s '%s'\n", what, s);
		exit(2);
	}
	return (size_t)v;
}

int main(int argc, char **argv)
{
	const char *dict = "/usr/share/dict/american-english";
	uint64_t seed = 1;
	size_t npairs = 1000, nquestions = 10000;
	int i = 1;
	for (; i + 1 < argc && argv[i][0] == '-'; i += 2) {
		if (!strcmp(argv[i], "--dict"))
			dict = argv[i + 1];
		else if (!strcmp(argv[i], "--seed"))
			seed = parse_size(argv[i + 1], "seed");
		else if (!strcmp(argv[i], "--pairs"))
			npairs = parse_size(argv[i + 1], "pair count");
		else if (!strcmp(argv[i], "--questions"))
			nquestions = parse_size(argv[i + 1], "question count");
		else
			break;
	}
	if (argc - i != 2 || npairs == 0) {
		fprintf(stderr,
		        "usage: gen [--dict WORDS] [--seed S] [--pairs N] "
		        "[--questions Q] CORPUS.tsv QUESTIONS.tsv\n");
		return 2;
	}
	rng_state = seed;
	vocab_load(dict);
	/* Corpus and questions come from separate streams, so that the
	 * questions of a size do not depend on how many are asked for. */
	const char ***questions = xmalloc(npairs * sizeof *questions);
	size_t *qlen = xmalloc(npairs * sizeof *qlen);
	FILE *f = fopen(argv[i], "w");
	if (!f)
		die(argv[i]);
	pairs_write(f, npairs, questions, qlen);
	if (fclose(f) != 0)
		die(argv[i]);
	rng_state = seed ^ 0x5bd1e995u;
	f = fopen(argv[i + 1], "w");
	if (!f)
		die(argv[i + 1]);
	for (size_t k = 0; k < nquestions; k++) {
		size_t t = rng_below(npairs);
		question_write(f, questions[t], qlen[t], t);
	}
	if (fclose(f) != 0)
		die(argv[i + 1]);
	return 0;
}
