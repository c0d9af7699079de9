/* fast.h: the fast path from a question's terms to the hits the ranking
 * needs, at any corpus size. The design is at the top of fast.c. */
#ifndef FAST_H
#define FAST_H
#include "rank.h"
#include <sqlite3.h>
#include <stddef.h>

typedef struct fast fast;

/* One term to look for: the ranking's term (its df and strength; hits are
 * filled in by fast_fetch), its stem's number in the index (df.id), and
 * whether it may find candidates (not a function word). */
typedef struct {
	rank_term *term;
	long id;
	int seeds;
} fast_term;

/* The candidates found and everything the ranking needs about them, in
 * local numbering: doc 1..n. Owned by the fast; valid until its next use. */
typedef struct {
	int n;
	const int *doc;             /* [1..n]: the entry's id in the index */
	const int *len[RANK_NCOLS]; /* [1..n] */
	const int *grp;             /* [1..n]: local group ids */
} fast_cands;

/* Prepares the statements for db; NULL with msg filled on failure. */
fast *fast_new(sqlite3 *db, char *msg, size_t size);
void fast_free(fast *f);

/* Finds up to max candidates for terms[0..n) (ngroups: the index's
 * groups, for idf), then every hit of every term in them, exactly as the index has them, and points each
 * terms[i].term->hits at its hits (local doc numbers). Returns an SQLite
 * result code. */
int fast_fetch(fast *f, fast_term *terms, size_t n, int ngroups, int max,
               fast_cands *out);

#endif
