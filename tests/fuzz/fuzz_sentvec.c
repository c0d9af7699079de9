/* fuzz_sentvec.c: libFuzzer target for the sentence encoder's tokenizer
 * and forward pass, which every question reaches in an index with
 * sentence vectors. Any bytes are a question: sentvec_tokens must give ids
 * of the vocabulary, and sentvec_embed a vector of finite values, of unit
 * length, or all zeros exactly when there is no token. The model is read
 * once from FUZZ_MODEL (make model's directory). */
#include "fuzzcheck.h"
#include "sentvec.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *slurp(const char *name, size_t *n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", FUZZ_MODEL, name);
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long len = -1;
	if (f && fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)len + 1)))
		*n = fread(buf, 1, (size_t)len, f);
	if (f)
		fclose(f);
	if (!buf)
		fuzz_fail("cannot read %s (run make model)", path);
	return buf;
}

/* Built at the first input, kept for the process (freed by its exit). */
static sentvec *model(void)
{
	static sentvec *m;
	if (!m) {
		size_t a = 0, b = 0, c = 0;
		char *man = slurp("model.json", &a), *w = slurp("weights.bin", &b),
		     *voc = slurp("vocab.json", &c), msg[256];
		m = sentvec_new(man, a, w, b, voc, c, msg, sizeof msg);
		free(man);
		free(w);
		free(voc);
		if (!m)
			fuzz_fail("sentvec_new: %s", msg);
	}
	return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sentvec *m = model();
	const char *text = (const char *)data;
	int *ids = NULL;
	long n = sentvec_tokens(m, text, size, &ids);
	if (n < 0)
		fuzz_fail("sentvec_tokens: out of memory on %zu bytes", size);
	for (long i = 0; i < n; i++)
		if (ids[i] < 0 || ids[i] >= 8002)
			fuzz_fail("token %ld is id %d, outside the vocabulary", i, ids[i]);
	free(ids);
	float v[SENTVEC_DIM];
	if (sentvec_embed(m, text, size, v) != 0)
		fuzz_fail("sentvec_embed: out of memory on %zu bytes", size);
	double norm = 0;
	for (int i = 0; i < SENTVEC_DIM; i++) {
		if (!isfinite(v[i]))
			fuzz_fail("value %d is not finite", i);
		norm += (double)v[i] * v[i];
	}
	if (n == 0 ? norm != 0 : fabs(norm - 1) > 1e-3)
		fuzz_fail("%ld tokens, squared length %g", n, norm);
	return 0;
}
