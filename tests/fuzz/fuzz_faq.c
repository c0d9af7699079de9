/* fuzz_faq.c: libFuzzer target for corpus_parse() on "Q:"/"A:" files
 * (CORPUS_FAQ) and on format detection (CORPUS_AUTO, and corpus_detect()
 * with and without a name). */
#include "corpus.h"
#include "fuzzcheck.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	corpus c = {0};
	int rc = corpus_parse("fuzz.md", text, size, CORPUS_FAQ, &c);
	fuzz_corpus_check(&c, rc, text, size);
	corpus_free(&c);

	corpus_format f = corpus_detect(NULL, text, size);
	if (f != CORPUS_ARTICLE && f != CORPUS_FAQ && f != CORPUS_NUMBERED)
		fuzz_fail("corpus_detect(NULL, ...) gave %d", (int)f);
	if (corpus_detect("x.TSV", text, size) != CORPUS_TSV)
		fuzz_fail("corpus_detect(\"x.TSV\") is not TSV");
	rc = corpus_parse(NULL, text, size, CORPUS_AUTO, &c);
	fuzz_corpus_check(&c, rc, text, size);
	corpus_free(&c);
	return 0;
}
