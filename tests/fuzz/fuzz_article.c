/* fuzz_article.c: libFuzzer target for corpus_parse() on prose articles
 * (CORPUS_ARTICLE): any bytes in, a well-formed corpus out. */
#include "corpus.h"
#include "fuzzcheck.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	corpus c = {0};
	int rc = corpus_parse("fuzz.txt", (const char *)data, size,
	                      CORPUS_ARTICLE, &c);
	fuzz_corpus_check(&c, rc, (const char *)data, size);
	corpus_free(&c);
	return 0;
}
