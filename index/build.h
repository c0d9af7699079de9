/* build.h: writing parsed corpora into a new index file. */
#ifndef BUILD_H
#define BUILD_H
#include "corpus.h"
#include "synfile.h"
#include "wordnet.h"
#include <stddef.h>

typedef struct {
	const char *name; /* the file it came from, as given by the user */
	corpus *c;
} build_source;

/* What goes into an index besides the entries. */
typedef struct {
	const char *lang;   /* Snowball language */
	wordnet *wn;        /* WordNet synonyms of corpus words, or NULL */
	const synfile *syn; /* the author's synonyms, or NULL */
	size_t post_flush;  /* bytes of postings gathered before a segment is
	                     * written; 0: the default (tests use less) */
} build_options;

/* Writes an index of every entry of the sources to out as opt says. The index is built in a temporary file beside out and
 * renamed over it only when complete, so a failed or killed build leaves
 * any previous index as it was. Returns 0, or -1 with a one-line reason in
 * err (err_size bytes). */
int build_index(const build_source *src, size_t nsrc,
                const build_options *opt, const char *out, char *err,
                size_t err_size);

#endif
