/* fuzz_sentvec.c: libFuzzer target for the sentence encoder's tokenizer
 * and forward pass, which every question reaches in an index with
 * sentence vectors. Any bytes are a question: sentvec_tokens must give ids
 * of the vocabulary, and sentvec_embed a vector of finite values, of unit
 * length, or all zeros exactly when there is no token. The model is read
 * once from FUZZ_MODEL (make model's directory). */
#include "fuzzcheck.h"
#include "modeldir.h"
#include "sentvec.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Built at the first input, kept for the process (freed by its exit). */
static sentvec *model(void)
{
	static sentvec *m;
	if (!m) {
		modeldir md;
		char path[4096], msg[256];
		if (modeldir_read(FUZZ_MODEL, &md, path, sizeof path) != 0)
			fuzz_fail("cannot read %s (run make model)", path);
		m = sentvec_new(md.manifest, md.manifest_len, md.weights,
		                md.weights_len, md.vocab, md.vocab_len, msg,
		                sizeof msg);
		modeldir_free(&md);
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
			fuzz_fail("token %ld is id %d, outside the vocabulary",
			          i, ids[i]);
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
