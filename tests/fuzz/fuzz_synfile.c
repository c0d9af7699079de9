/* fuzz_synfile.c: libFuzzer target for synfile_parse(), an author's
 * synonyms file (faqbot-index -s): every set has two or more words, each
 * non-empty, trimmed and without ASCII capitals, on a line of the text. */
#include "fuzzcheck.h"
#include "synfile.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	synfile sf = {0};
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (synfile_parse((const char *)data, size, &sf) != 0)
		fuzz_fail("synfile_parse: -1 (out of memory?)");
	for (size_t i = 0; i < sf.n; i++) {
		const synfile_set *s = &sf.sets[i];
		if (s->n < 2 || s->line < 1 || (size_t)s->line > lines)
			fuzz_fail("set %zu: %zu words, line %d of %zu", i, s->n,
			          s->line, lines);
		for (size_t k = 0; k < s->n; k++) {
			const char *w = s->words[k];
			size_t n = w ? strlen(w) : 0;
			if (n == 0)
				fuzz_fail("set %zu: word %zu empty", i, k);
			if (strchr(" \t\r\n", w[0]) || strchr(" \t\r\n", w[n - 1]))
				fuzz_fail("set %zu: word \"%s\" not trimmed", i, w);
			for (size_t j = 0; j < n; j++)
				if (w[j] >= 'A' && w[j] <= 'Z')
					fuzz_fail("set %zu: word \"%s\" not lowercased", i,
					          w);
		}
	}
	synfile_free(&sf);
	if (sf.n || sf.sets)
		fuzz_fail("synfile_free: not emptied");
	return 0;
}
