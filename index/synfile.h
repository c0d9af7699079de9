/* synfile.h: an author's synonyms file: each line a set of words that mean
 * the same in this FAQ ("delete, remove, erase"), '#' starts a comment.
 * Pure: text in, word sets out. */
#ifndef SYNFILE_H
#define SYNFILE_H
#include <stddef.h>

typedef struct {
	char **words; /* owned, lowercased, trimmed; at least two */
	size_t n;
	int line;     /* 1-based line in the file */
} synfile_set;

typedef struct {
	synfile_set *sets; /* owned; free with synfile_free() */
	size_t n;
} synfile;

/* Parses text (len bytes) into out (zeroed). Lines with fewer than two
 * words are skipped. Returns 0, or -1 when memory ran out. */
int synfile_parse(const char *text, size_t len, synfile *out);
void synfile_free(synfile *s);

#endif
