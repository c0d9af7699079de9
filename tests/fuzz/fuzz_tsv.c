/* fuzz_tsv.c: libFuzzer target for corpus_parse() on id<TAB>question<TAB>
 * answer files (CORPUS_TSV), the same checks as fuzz_article. */
#include "corpus.h"
#include "fuzzcheck.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	corpus c = {0};
	int rc = corpus_parse("fuzz.tsv", (const char *)data, size, CORPUS_TSV,
	                      &c);
	fuzz_corpus_check(&c, rc, (const char *)data, size);
	corpus_free(&c);
	return 0;
}
