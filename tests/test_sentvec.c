/* test_sentvec.c: unit tests of common/sentvec.c: token ids and vectors
 * against the node reference's (tests/sentvec_ref.txt), paraphrases nearer
 * than unrelated texts, hostile bytes, and broken model files refused.
 * Needs the model: FAQBOT_MODEL_DIR (default build/model) holds model.json,
 * vocab.json and weights.bin (`make model`). */
#include "check.h"
#include "modeldir.h"
#include "sentvec.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void test_sentvec(void);

#define REF_PATH "tests/sentvec_ref.txt"
#define TOLERANCE 2e-4

/* ---- helpers --------------------------------------------------------- */

/* Reads dir's files (modeldir.h); 0, and a line on stderr, when one of
 * them cannot be read. */
static int files_read(const char *dir, modeldir *mf)
{
	char path[4096];
	if (modeldir_read(dir, mf, path, sizeof path) != 0) {
		fprintf(stderr,
		        "test_sentvec: cannot read %s: %s: run make model, or set "
		        "FAQBOT_MODEL_DIR to where it is\n",
		        path, strerror(errno));
		return 0;
	}
	return 1;
}

/* A malloc'ed copy of text with no NUL after it, so that AddressSanitizer
 * catches a read past len. */
static char *exact(const char *text, size_t len)
{
	char *c = malloc(len ? len : 1);
	if (c)
		memcpy(c, text, len);
	return c;
}

static int embed(const sentvec *m, const char *text, float *v)
{
	size_t len = strlen(text);
	char *c = exact(text, len);
	int rc = c ? sentvec_embed(m, c, len, v) : -1;
	free(c);
	return rc;
}

static double dot(const float *a, const float *b)
{
	double s = 0;
	for (int i = 0; i < SENTVEC_DIM; i++)
		s += (double)a[i] * b[i];
	return s;
}

/* ---- against the reference ------------------------------------------- */

/* One entry of the fixture: its text, ids and (when has_vec) vector. */
typedef struct {
	char *text; /* owned */
	int ids[512];
	int nids;
	float vec[SENTVEC_DIM];
	int has_vec;
} ref_entry;

/* Checks one entry: the token ids exactly, the vector within TOLERANCE
 * everywhere and of unit length. Returns the largest difference. */
static double check_entry(const sentvec *m, const ref_entry *e)
{
	size_t len = strlen(e->text);
	char *c = exact(e->text, len);
	int *ids = NULL, same;
	long n = c ? sentvec_tokens(m, c, len, &ids) : -1;
	float v[SENTVEC_DIM];
	double worst = 0;

	same = n == e->nids &&
	       (n == 0 || memcmp(ids, e->ids, (size_t)n * sizeof *ids) == 0);
	CHECK(same);
	if (!same) {
		fprintf(stderr, "  text: %s\n  got: ", e->text);
		for (long i = 0; i < n; i++)
			fprintf(stderr, " %d", ids[i]);
		fprintf(stderr, "\n  want:");
		for (int i = 0; i < e->nids; i++)
			fprintf(stderr, " %d", e->ids[i]);
		fprintf(stderr, "\n");
	}
	free(ids);
	if (e->has_vec && c) {
		int rc = sentvec_embed(m, c, len, v);
		CHECK(rc == 0);
		for (int i = 0; i < SENTVEC_DIM; i++)
			if (fabs((double)v[i] - e->vec[i]) > worst)
				worst = fabs((double)v[i] - e->vec[i]);
		CHECK(worst <= TOLERANCE);
		if (worst > TOLERANCE)
			fprintf(stderr, "  text: %s\n  differs by %g\n",
			        e->text, worst);
		CHECK(fabs(dot(v, v) - 1) < 1e-4);
	}
	free(c);
	return worst;
}

/* Reads the fixture (from the source root) and checks every entry. */
static void check_reference(const sentvec *m)
{
	FILE *f = fopen(REF_PATH, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t got;
	ref_entry *e = NULL;
	int entries = 0, vectors = 0, bad = 0;
	double worst = 0;

	CHECK(f != NULL);
	if (!f) {
		fprintf(stderr, "  cannot open %s (run from the source root)\n",
		        REF_PATH);
		return;
	}
	e = calloc(1, sizeof *e);
	CHECK(e != NULL);
	while (e && (got = getline(&line, &cap, f)) > 0) {
		char *p, *end;
		if (line[got - 1] == '\n')
			line[--got] = '\0';
		if (line[0] == '#' || got == 0)
			continue;
		if (!strncmp(line, "text ", 5)) {
			if (e->text) {
				double w = check_entry(m, e);
				worst = w > worst ? w : worst;
				entries++;
				vectors += e->has_vec;
			}
			free(e->text);
			memset(e, 0, sizeof *e);
			e->text = strdup(line + 5);
			bad += e->text == NULL;
		} else if (!strncmp(line, "ids ", 4)) {
			for (p = line + 4; e->nids < 512; p = end) {
				long id = strtol(p, &end, 10);
				if (end == p)
					break;
				e->ids[e->nids++] = (int)id;
			}
		} else if (!strncmp(line, "vec ", 4)) {
			int i = 0;
			for (p = line + 4; i < SENTVEC_DIM; p = end, i++) {
				e->vec[i] = strtof(p, &end);
				if (end == p)
					break;
			}
			e->has_vec = i == SENTVEC_DIM;
			bad += !e->has_vec;
		} else {
			bad++;
		}
	}
	if (e && e->text) {
		double w = check_entry(m, e);
		worst = w > worst ? w : worst;
		entries++;
		vectors += e->has_vec;
	}
	/* The fixture holds 6 vectors and 6 texts with ids alone. */
	CHECK(bad == 0);
	CHECK(vectors == 6);
	CHECK(entries == 12);
	if (getenv("SENTVEC_VERBOSE"))
		fprintf(stderr, "sentvec: %d entries, largest difference %g\n",
		        entries, worst);
	if (e)
		free(e->text);
	free(e);
	free(line);
	fclose(f);
}

/* ---- behaviour --------------------------------------------------------- */

static void check_behaviour(const sentvec *m)
{
	static float a[SENTVEC_DIM], b[SENTVEC_DIM], c[SENTVEC_DIM],
	    d[SENTVEC_DIM];
	int *ids = NULL;
	long n;
	char *text;

	/* Paraphrases are nearer than unrelated texts. */
	CHECK(embed(m, "How do I delete my account?", a) == 0);
	CHECK(embed(m, "How can I remove my profile?", b) == 0);
	CHECK(embed(m, "The train to Paris leaves at noon.", c) == 0);
	CHECK(dot(a, b) > dot(a, c) + 0.1);
	CHECK(dot(a, b) > dot(b, c) + 0.1);

	/* The reference fails on ""; here it has no tokens and a zero
	 * vector. */
	text = exact("", 0);
	CHECK(text && sentvec_tokens(m, text, 0, &ids) == 0 && ids == NULL);
	a[0] = 1;
	CHECK(text && sentvec_embed(m, text, 0, a) == 0);
	CHECK(dot(a, a) == 0);
	free(text);

	/* Invalid UTF-8 (a stray continuation byte, a truncated sequence, an
	 * overlong NUL, an encoded surrogate) is unknown characters. */
	static const char bad[] =
	    "a\x80z \xE2\x82 \xC0\x80 \xED\xA0\x80 ok\xF0";
	text = exact(bad, sizeof bad - 1);
	n = text ? sentvec_tokens(m, text, sizeof bad - 1, &ids) : -1;
	CHECK(n > 0);
	{
		int unknowns = 0;
		for (long i = 0; i < n; i++)
			unknowns += ids[i] == 0;
		CHECK(unknowns >= 4);
	}
	free(ids);
	CHECK(text && sentvec_embed(m, text, sizeof bad - 1, a) == 0);
	CHECK(fabs(dot(a, a) - 1) < 1e-4);
	free(text);

	/* Past the clip length (128 tokens) nothing counts. */
	{
		size_t cap = 4096, len = 0;
		char *t1 = malloc(cap), *t2 = malloc(cap);
		CHECK(t1 && t2);
		if (t1 && t2) {
			for (int i = 0; i < 200; i++)
				len +=
				    (size_t)snprintf(t1 + len, cap - len, "%s",
				                     i % 2 ? "cat " : "dog ");
			memcpy(t2, t1, len);
			strcpy(t1 + len, "delete my account");
			strcpy(t2 + len, "and a green umbrella");
			CHECK(embed(m, t1, a) == 0);
			CHECK(embed(m, t2, b) == 0);
			CHECK(memcmp(a, b, sizeof a) == 0);
			/* ...but within it, words do. */
			CHECK(embed(m, t1 + len - 8, c) == 0);
			CHECK(embed(m, t2 + len - 8, d) == 0);
			CHECK(dot(c, d) < 0.99);
		}
		free(t1);
		free(t2);
	}
}

/* ---- broken model files ---------------------------------------------- */

static void check_refused(const modeldir *mf)
{
	char msg[256];
	sentvec *m;
	char *copy;

	/* model.json cut in the middle. */
	copy = exact(mf->manifest, mf->manifest_len / 2);
	msg[0] = '\0';
	m = copy ? sentvec_new(copy, mf->manifest_len / 2, mf->weights,
	                       mf->weights_len, mf->vocab, mf->vocab_len, msg,
	                       sizeof msg)
	         : NULL;
	CHECK(m == NULL && strstr(msg, "model.json") != NULL);
	sentvec_free(m);
	free(copy);

	/* A weight renamed in the manifest (after the graph): missing. */
	copy = exact(mf->manifest, mf->manifest_len);
	if (copy) {
		char *p = NULL;
		size_t i = 0;
		while (i + 15 <= mf->manifest_len &&
		       memcmp(copy + i, "weightsManifest", 15))
			i++;
		for (; i + 12 <= mf->manifest_len && !p; i++)
			if (!memcmp(copy + i, "Embeddings_e", 12))
				p = copy + i;
		CHECK(p != NULL);
		if (p)
			p[0] = 'X';
		msg[0] = '\0';
		m = sentvec_new(copy, mf->manifest_len, mf->weights,
		                mf->weights_len, mf->vocab, mf->vocab_len, msg,
		                sizeof msg);
		CHECK(m == NULL && strstr(msg, "missing") != NULL);
		sentvec_free(m);
		free(copy);
	}

	/* The weights one float short. */
	msg[0] = '\0';
	m = sentvec_new(mf->manifest, mf->manifest_len, mf->weights,
	                mf->weights_len - 4, mf->vocab, mf->vocab_len, msg,
	                sizeof msg);
	CHECK(m == NULL && strstr(msg, "bytes") != NULL);
	sentvec_free(m);

	/* vocab.json: cut short, a pair without its score, not JSON. */
	static const char *vocabs[] = {"[[\"a\", -1.5], [\"b\"",
	                               "[[\"a\", -1.5], [\"b\"]]",
	                               "[[\"a\", -1.5],,]",
	                               "{\"a\": 1}",
	                               "[[\"a\", -1.5], [\"b\", 1e]]",
	                               ""};
	for (size_t i = 0; i < sizeof vocabs / sizeof *vocabs; i++) {
		size_t len = strlen(vocabs[i]);
		copy = exact(vocabs[i], len);
		msg[0] = '\0';
		m = copy ? sentvec_new(mf->manifest, mf->manifest_len,
		                       mf->weights, mf->weights_len, copy, len,
		                       msg, sizeof msg)
		         : NULL;
		CHECK(m == NULL && strstr(msg, "vocab.json") != NULL);
		sentvec_free(m);
		free(copy);
	}

	/* Every truncation of a small manifest is refused without reading
	 * past it. */
	{
		static const char small[] =
		    "{\"weightsManifest\": [{\"paths\": [\"x\"], \"weights\": "
		    "[{\"name\": \"a\\u00e9\", \"shape\": [2, 1], "
		    "\"dtype\": \"float32\"}]}]}";
		int refused = 0;
		for (size_t len = 0; len < sizeof small - 1; len++) {
			copy = exact(small, len);
			m = copy ? sentvec_new(copy, len, mf->weights, 8,
			                       mf->vocab, mf->vocab_len, msg,
			                       sizeof msg)
			         : NULL;
			refused += m == NULL && msg[0] != '\0';
			sentvec_free(m);
			free(copy);
		}
		CHECK(refused == (int)(sizeof small - 1));
	}
}

void test_sentvec(void)
{
	const char *dir = getenv("FAQBOT_MODEL_DIR");
	modeldir mf;
	sentvec *m;
	char msg[256] = "";

	if (!dir || !*dir)
		dir = "build/model";
	if (!files_read(dir, &mf)) {
		CHECK(!"the model files for test_sentvec are missing");
		return;
	}
	m = sentvec_new(mf.manifest, mf.manifest_len, mf.weights,
	                mf.weights_len, mf.vocab, mf.vocab_len, msg,
	                sizeof msg);
	CHECK(m != NULL);
	if (!m) {
		fprintf(stderr, "  sentvec_new: %s\n", msg);
	} else {
		check_reference(m);
		check_behaviour(m);
	}
	sentvec_free(m);
	check_refused(&mf);
	modeldir_free(&mf);
}
