/* fuzz_numbered.c: libFuzzer target for corpus_parse() on numbered
 * sections (CORPUS_NUMBERED, "1.5. Question" lines as in the Debian FAQ),
 * the same checks as fuzz_article. */
#include "corpus.h"
#include "fuzzcheck.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	corpus c = {0};
	int rc = corpus_parse("fuzz.txt", (const char *)data, size,
	                      CORPUS_NUMBERED, &c);
	fuzz_corpus_check(&c, rc, (const char *)data, size);
	corpus_free(&c);
	return 0;
}
