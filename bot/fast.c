/* fast.c: answering without reading whole posting lists.
 *
 * The ranking (rank.c) needs, for each term of the question, every place
 * it occurs in each entry it scores. Reading those from FTS5's
 * vocabulary tables costs time in proportion to the term's postings; a
 * function word occurs in nearly every entry, so at 100,000 pairs one
 * question read millions of rows (0.5 s). faqbot-index therefore writes
 * two tables of its own beside FTS5 (common/schema.c), and the fast path
 * does two cheap things with them:
 *
 * 1. Candidates, from post: for each content term, rarest first, one row
 *    per segment holding the ids of the entries that have it, as varint
 *    deltas. First the question-only lists (short, and a paraphrase
 *    shares most words with the question it paraphrases) until a budget
 *    of postings is read (SEED_SHARE of the groups, at least SEED_BUDGET);
 *    then the whole-text lists, of the rarest term always and of the next
 *    while their df fits a quarter of the budget. Each entry found gains
 *    the term's idf times its strength per pass, in an array by entry id;
 *    the best max are the candidates. Reading a blob costs a few
 *    nanoseconds a posting, where an FTS5 MATCH cost a row's step.
 *
 * 2. Exact hits, from fwd: each candidate's tokens as stem numbers, in
 *    the order the tokenizer gave them when the index was built (FTS5
 *    saw the same tokens). Every token whose number is a term's is a hit
 *    at its position, so rank_score scores the candidates exactly as it
 *    would with every posting read, with no text re-split or re-stemmed.
 *
 * What can differ from reading everything: an entry that would rank in
 * the top k but contains none of the seed terms, or too few to be among
 * the max best seeds. tests/test_fast.c compares the two paths' top ten
 * on samples. Statistics (df over groups, average lengths, N) come from
 * the index's df and meta tables, so nothing is read at start-up. */
#include "fast.h"
#include "grow.h"

#include "varint.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Postings read to find candidates: SEED_SHARE of the index's groups,
 * and at least SEED_BUDGET. A fixed number served 100,000 pairs well
 * (acc@1 0.981) but not 1,000,000 (0.839: every df is ten times larger,
 * so the budget ran out after the rarest word); 4% of the groups there
 * gives 0.955 (make bench's questions, 2,000 of them). */
#ifndef SEED_BUDGET
#define SEED_BUDGET 4000
#endif
#ifndef SEED_SHARE
#define SEED_SHARE 0.04
#endif
#define STEM_SLOTS 1024    /* query stems' hash table: > 4 * TERMS_MAX */

/* A hit for term t. Hits are made candidate by candidate, token by
 * token, so each term's come in the order the ranking wants (doc, column,
 * position); fast_fetch only groups them by term. */
typedef struct {
	int term;
	rank_hit h;
} tagged_hit;

struct fast {
	sqlite3 *db;
	sqlite3_stmt *post;
	sqlite3_blob *fwd;  /* open on the last candidate's fwd row, or NULL */
	unsigned char *buf; /* its bytes */
	size_t buf_cap;
	/* Scratch, reused from question to question: */
	int *doc, *len[RANK_NCOLS], *grp; /* [0..cap] */
	int *ggrp;                          /* [0..cap]: groups in the index */
	tagged_hit *tagged;                 /* the candidates' hits */
	size_t ntagged, tagged_cap;
	int cap;
	rank_hit *hits; /* all terms' hits; term i's are a slice */
	size_t nhits, hits_cap;
	struct seed { int doc; double score; } *seeds;
	size_t nseeds, seeds_cap;
	int *seed_slot; /* by entry id: its index into seeds, or -1 (4 bytes
	                 * an entry: a hash table's probing cost more) */
	size_t slot_cap;
};

fast *fast_new(sqlite3 *db, char *msg, size_t size)
{
	fast *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->db = db;
	int rc = sqlite3_prepare_v2(db,
	                            "SELECT docs FROM post"
	                            " WHERE kind = ?1 AND term = ?2",
	                            -1, &f->post, NULL);
	if (rc != SQLITE_OK) {
		(void)msg;
		(void)size;
		fast_free(f);
		return NULL;
	}
	return f;
}

void fast_free(fast *f)
{
	if (!f)
		return;
	sqlite3_finalize(f->post);
	sqlite3_blob_close(f->fwd);
	free(f->buf);
	free(f->doc);
	for (int c = 0; c < RANK_NCOLS; c++)
		free(f->len[c]);
	free(f->grp);
	free(f->ggrp);
	free(f->tagged);
	free(f->hits);
	free(f->seeds);
	free(f->seed_slot);
	free(f);
}

static int cmp_df(const void *a, const void *b)
{
	const fast_term *x = *(fast_term *const *)a, *y = *(fast_term *const *)b;
	return (x->term->df > y->term->df) - (x->term->df < y->term->df);
}

/* Adds score to doc's seed; returns -1 when memory runs out. */
static int seed_add(fast *f, int doc, double score)
{
	if ((size_t)doc >= f->slot_cap) {
		size_t cap = f->slot_cap ? f->slot_cap : 4096;
		while (cap <= (size_t)doc)
			cap *= 2;
		int *slot = realloc(f->seed_slot, cap * sizeof *slot);
		if (!slot)
			return -1;
		for (size_t i = f->slot_cap; i < cap; i++)
			slot[i] = -1;
		f->seed_slot = slot;
		f->slot_cap = cap;
	}
	int *slot = &f->seed_slot[doc];
	if (*slot >= 0) {
		f->seeds[*slot].score += score;
		return 0;
	}
	if (f->nseeds == f->seeds_cap) {
		size_t cap = f->seeds_cap ? f->seeds_cap * 2 : 1024;
		struct seed *v = realloc(f->seeds, cap * sizeof *v);
		if (!v)
			return -1;
		f->seeds = v;
		f->seeds_cap = cap;
	}
	f->seeds[f->nseeds] = (struct seed){doc, score};
	*slot = (int)f->nseeds++;
	return 0;
}

static int cmp_seed(const void *a, const void *b)
{
	const struct seed *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

/* Restores the heap below i: v[0..k) with the worst seed on top. */
static void sift_down(struct seed *v, size_t k, size_t i)
{
	for (;;) {
		size_t w = i, l = 2 * i + 1, r = l + 1;
		if (l < k && cmp_seed(&v[l], &v[w]) > 0)
			w = l;
		if (r < k && cmp_seed(&v[r], &v[w]) > 0)
			w = r;
		if (w == i)
			return;
		struct seed t = v[i];
		v[i] = v[w];
		v[w] = t;
		i = w;
	}
}

/* Moves the best max seeds, sorted, to the front: the first max form a
 * heap with the worst on top, each later seed better than the top
 * replaces it, then the heap is sorted. n log max. */
static void best_first(struct seed *v, size_t n, int max)
{
	size_t k = (size_t)max < n ? (size_t)max : n;
	for (size_t i = k / 2; i-- > 0;)
		sift_down(v, k, i);
	for (size_t i = k; i < n; i++)
		if (k > 0 && cmp_seed(&v[i], &v[0]) < 0) {
			v[0] = v[i];
			sift_down(v, k, 0);
		}
	if (k)
		qsort(v, k, sizeof *v, cmp_seed);
}

/* Adds weight to every entry whose question (kind 0) or any column (1)
 * has term t, from the index's post table, counting the postings read
 * into *rows. */
static int seed_term(fast *f, const fast_term *t, int kind, double weight,
                     long *rows)
{
	sqlite3_stmt *s = f->post;
	int rc = SQLITE_OK;
	sqlite3_reset(s);
	sqlite3_bind_int(s, 1, kind);
	sqlite3_bind_int64(s, 2, t->id);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(s, 0);
		const unsigned char *end = p + sqlite3_column_bytes(s, 0);
		int64_t doc = 0;
		uint64_t d;
		rc = SQLITE_OK;
		while (rc == SQLITE_OK && p < end) {
			if (varint_get(&p, end, &d) != 0)
				rc = SQLITE_CORRUPT;
			else if ((doc += unzigzag(d)) <= 0 || doc > INT_MAX)
				rc = SQLITE_CORRUPT;
			else if (seed_add(f, (int)doc, weight) != 0)
				rc = SQLITE_NOMEM;
			(*rows)++;
		}
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Step 1: the candidates, best seeds first, into f->seeds[0..max). Two
 * passes, rarest term first: the question column (short, and where a
 * paraphrase's words most often are) while under budget; then
 * every column, for the rarest term always and others while their df
 * fits a quarter of the budget. */
static int find_seeds(fast *f, fast_term *terms, size_t n, int ngroups,
                      int max)
{
	fast_term *order[4 * RANK_MAX_WORDS];
	size_t k = 0;
	f->nseeds = 0;
	for (size_t i = 0; i < n && k < sizeof order / sizeof *order; i++)
		if (terms[i].seeds && terms[i].term->df > 0)
			order[k++] = &terms[i];
	if (k)
		qsort(order, k, sizeof *order, cmp_df);
	int rc = SQLITE_OK;
	long total = (long)(ngroups * SEED_SHARE);
	if (total < SEED_BUDGET)
		total = SEED_BUDGET;
	long rows = 0, budget = total / 4;
	for (size_t i = 0; rc == SQLITE_OK && i < k && rows < total; i++) {
		const rank_term *t = order[i]->term;
		double w = log(1.0 + (ngroups - t->df + 0.5) / (t->df + 0.5)) *
		           t->strength;
		rc = seed_term(f, order[i], 0, w, &rows);
	}
	for (size_t i = 0; rc == SQLITE_OK && i < k; i++) {
		const rank_term *t = order[i]->term;
		if (i > 0 && t->df > budget)
			break;
		budget -= t->df;
		double w = log(1.0 + (ngroups - t->df + 0.5) / (t->df + 0.5)) *
		           t->strength;
		rc = seed_term(f, order[i], 1, w, &rows);
	}
	/* Every slot is -1 again for the next question (before best_first,
	 * which overwrites seeds). */
	for (size_t i = 0; i < f->nseeds; i++)
		f->seed_slot[f->seeds[i].doc] = -1;
	if (rc == SQLITE_OK)
		best_first(f->seeds, f->nseeds, max);
	return rc;
}

/* Query stem numbers to term indexes: a small chained hash over terms. */
typedef struct {
	int head[STEM_SLOTS], next[4 * RANK_MAX_WORDS];
} stem_index;

static unsigned id_hash(long id)
{
	return (unsigned)((unsigned long)id * 2654435761u) & (STEM_SLOTS - 1);
}

static int grow_scratch(fast *f, int n)
{
	if (n <= f->cap)
		return 0;
	int cap = n > 2 * f->cap ? n : 2 * f->cap;
	int *d = realloc(f->doc, ((size_t)cap + 1) * sizeof *d);
	if (d)
		f->doc = d;
	int *g = realloc(f->grp, ((size_t)cap + 1) * sizeof *g);
	if (g)
		f->grp = g;
	int *gg = realloc(f->ggrp, ((size_t)cap + 1) * sizeof *gg);
	if (gg)
		f->ggrp = gg;
	int ok = d && g && gg;
	for (int c = 0; c < RANK_NCOLS; c++) {
		int *l = realloc(f->len[c], ((size_t)cap + 1) * sizeof *l);
		if (l)
			f->len[c] = l;
		ok = ok && l;
	}
	if (!ok)
		return -1;
	f->cap = cap;
	return 0;
}

/* Reads candidate local (its entry f->doc[local]) from fwd and adds to
 * f->tagged a hit for every token whose stem number is a term's;
 * f->ggrp[local] gets its group in the index. */
static int read_candidate(fast *f, const stem_index *ix, fast_term *terms,
                          int local)
{
	sqlite3_int64 id = f->doc[local];
	int rc = f->fwd ? sqlite3_blob_reopen(f->fwd, id)
	                : sqlite3_blob_open(f->db, "main", "fwd", "toks", id, 0,
	                                    &f->fwd);
	if (rc != SQLITE_OK)
		return rc == SQLITE_ERROR ? SQLITE_CORRUPT : rc;
	int size = sqlite3_blob_bytes(f->fwd);
	if ((size_t)size > f->buf_cap) {
		unsigned char *b = realloc(f->buf, (size_t)size);
		if (!b)
			return SQLITE_NOMEM;
		f->buf = b;
		f->buf_cap = (size_t)size;
	}
	if (size > 0 && (rc = sqlite3_blob_read(f->fwd, f->buf, size, 0)) != SQLITE_OK)
		return rc;
	const unsigned char *p = f->buf, *end = f->buf + size;
	uint64_t grp, qlen, t;
	if (varint_get(&p, end, &grp) != 0 || varint_get(&p, end, &qlen) != 0)
		return SQLITE_CORRUPT;
	f->ggrp[local] = (int)grp;
	int col = RANK_QUESTION, pos = 0;
	for (uint64_t k = 0; p < end; k++, pos++) {
		if (k == qlen) {
			f->len[RANK_QUESTION][local] = pos;
			col = RANK_ANSWER;
			pos = 0;
		}
		if (varint_get(&p, end, &t) != 0)
			return SQLITE_CORRUPT;
		for (int i = ix->head[id_hash((long)t)]; i >= 0; i = ix->next[i]) {
			if (terms[i].id != (long)t)
				continue;
			tagged_hit *v = grow_to(f->tagged, &f->tagged_cap, f->ntagged,
			                        sizeof *v, 256);
			if (!v)
				return SQLITE_NOMEM;
			f->tagged = v;
			f->tagged[f->ntagged++] = (tagged_hit){i, {local, col, pos}};
		}
	}
	if (col == RANK_QUESTION) { /* no answer tokens (or qlen past them) */
		f->len[RANK_QUESTION][local] = pos;
		pos = 0;
	}
	f->len[RANK_ANSWER][local] = pos;
	return SQLITE_OK;
}

int fast_fetch(fast *f, fast_term *terms, size_t n, int ngroups, int max,
               fast_cands *out)
{
	memset(out, 0, sizeof *out);
	if (n > 4 * RANK_MAX_WORDS)
		n = 4 * RANK_MAX_WORDS;
	for (size_t i = 0; i < n; i++) {
		terms[i].term->hits = NULL;
		terms[i].term->nhits = 0;
	}
	int rc = find_seeds(f, terms, n, ngroups, max);
	int m = rc == SQLITE_OK ? (int)(f->nseeds < (size_t)max ? f->nseeds
	                                                        : (size_t)max)
	                        : 0;
	if (rc == SQLITE_OK && grow_scratch(f, m) != 0)
		rc = SQLITE_NOMEM;
	stem_index ix;
	for (int i = 0; i < STEM_SLOTS; i++)
		ix.head[i] = -1;
	for (size_t t = 0; t < n; t++) {
		unsigned h = id_hash(terms[t].id);
		ix.next[t] = ix.head[h];
		ix.head[h] = (int)t;
	}
	f->ntagged = 0;
	for (int i = 0; rc == SQLITE_OK && i < m; i++) {
		f->doc[i + 1] = f->seeds[i].doc;
		rc = read_candidate(f, &ix, terms, i + 1);
	}
	const int *ggrp = f->ggrp;
	const tagged_hit *v = f->tagged;
	size_t nv = f->ntagged;
	/* Local groups: the first candidate of each group of the index. */
	for (int i = 1; rc == SQLITE_OK && i <= m; i++) {
		f->grp[i] = i;
		for (int j = 1; j < i; j++)
			if (ggrp[j] == ggrp[i]) {
				f->grp[i] = f->grp[j];
				break;
			}
	}
	if (rc == SQLITE_OK && nv > f->hits_cap) {
		rank_hit *h = realloc(f->hits, nv * sizeof *h);
		if (h) {
			f->hits = h;
			f->hits_cap = nv;
		} else {
			rc = SQLITE_NOMEM;
		}
	}
	if (rc == SQLITE_OK) {
		/* A stable counting sort by term keeps each term's order. */
		size_t at[4 * RANK_MAX_WORDS + 1] = {0};
		for (size_t i = 0; i < nv; i++)
			at[v[i].term + 1]++;
		for (size_t t = 0; t < n; t++) {
			at[t + 1] += at[t];
			terms[t].term->hits = at[t + 1] > at[t] ? &f->hits[at[t]] : NULL;
			terms[t].term->nhits = at[t + 1] - at[t];
		}
		for (size_t i = 0; i < nv; i++)
			f->hits[at[v[i].term]++] = v[i].h;
		out->n = m;
		out->doc = f->doc;
		out->grp = f->grp;
		for (int c = 0; c < RANK_NCOLS; c++)
			out->len[c] = f->len[c];
	}
	return rc;
}
