/* build.h: writing corpora into a new index file, entry by entry, with
 * memory that does not grow with the corpus's text. */
#ifndef BUILD_H
#define BUILD_H
#include "corpus.h"
#include "synfile.h"
#include "vectors.h"
#include "wordnet.h"
#include <stddef.h>

/* What goes into an index besides the entries, and where notes go. */
typedef struct {
	const char *lang;   /* Snowball language */
	wordnet *wn;        /* WordNet synonyms of corpus words, or NULL */
	const synfile *syn; /* the author's synonyms, or NULL */
	size_t post_flush;  /* bytes of postings gathered before a segment is
	                     * written; 0: the default (tests use less) */
	/* Called with each thing the author should know of an entry: lint 1
	 * for the corpus checks (repeated or look-alike questions), 0 for a
	 * problem that changed what was indexed (a duplicate id). May be
	 * NULL. source and message live for the call only. */
	void (*note)(void *ctx, const char *source, int line, int lint,
	             const char *message);
	void *note_ctx;
	/* A sentence encoder: every entry's vectors go in the index with it
	 * (vectors.h); or NULL. */
	const modeldir *model;
} build_options;

typedef struct builder builder;

/* Starts an index that will be written to out: a temporary file beside it
 * until builder_finish renames it into place, so a failed or killed build
 * leaves any previous index as it was. A NULL out builds a scratch index
 * (in $TMPDIR, removed at the end), for the checks alone. opt must live
 * until the builder is finished. Returns NULL with a one-line reason in err
 * (err_size bytes). */
builder *builder_open(const build_options *opt, const char *out, char *err,
                      size_t err_size);

/* Adds every entry of c, read from the file named source (both borrowed
 * for the call: the builder copies what it keeps). A writer thread puts
 * them in the index while the caller goes on; notes about them may come in
 * a later call. Entries whose id another has taken are skipped (same file)
 * or renamed (another file), with a note. Returns 0, or -1 with a reason
 * (for these entries or earlier ones). */
int builder_add(builder *b, const char *source, const corpus *c, char *err,
                size_t err_size);

/* Entries in the index so far (waits for the writer). */
size_t builder_count(builder *b);

/* Writes what the whole corpus decides (counts, synonyms) and puts the
 * index in place; frees b. Returns 0, or -1 with a reason. */
int builder_finish(builder *b, char *err, size_t err_size);

/* Gives up: removes the temporary file and frees b (NULL is fine). */
void builder_abort(builder *b);

typedef struct {
	const char *name; /* the file it came from, as given by the user */
	corpus *c;
} build_source;

/* The whole of it for corpora already in memory: open, add each source,
 * finish. Returns 0, or -1 with a reason. */
int build_index(const build_source *src, size_t nsrc,
                const build_options *opt, const char *out, char *err,
                size_t err_size);

#endif
