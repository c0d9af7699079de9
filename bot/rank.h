/* rank.h: the ranking. Pure: postings and statistics in, scored entries
 * out. The design and the meaning of the confidence are in RANKING.md. */
#ifndef RANK_H
#define RANK_H
#include <stddef.h>

enum { RANK_QUESTION = 0, RANK_ANSWER = 1, RANK_NCOLS = 2 };
#define RANK_MAX_WORDS 64 /* question words past this many are ignored */

/* One occurrence of a term: entry (1..ndocs), column, token position. */
typedef struct {
	int doc, col, pos;
} rank_hit;

/* A term searched for on behalf of one word of the question. A word can
 * have several terms (its own stem, a spelling correction, a synonym); an
 * entry gets credit for the best of them only. */
typedef struct {
	int word;              /* index of the question word, 0..nwords-1 */
	double strength;       /* 1 for the word itself, less for stand-ins */
	int df;                /* groups with an entry containing the term */
	const rank_hit *hits;  /* sorted by doc, then col, then pos */
	size_t nhits;
	double cover;          /* what a hit counts in the confidence; 0:
	                        * strength; RANK_COVER_NONE: nothing, the
	                        * term only ranks */
	int synonym;           /* 1: a synonym (not a definition's word),
	                        * whose rarity is its own and not the word's
	                        * (see cap_synonyms in rank.c) */
} rank_term;

/* A term's cover when it ranks entries but never makes the bot surer: a
 * word of a corpus verb's definition ("remove" for delete). */
#define RANK_COVER_NONE (-1.0)

/* A word of the question, after stop words are dropped. */
typedef struct {
	int pos;    /* its position among the question's tokens */
	int known;  /* 1 when any of its terms that counts in the confidence
	             * occurs in the corpus; a word that is not weighs as a
	             * word the corpus has never seen */
	int stop;   /* a function word: it scores, but a question is not
	             * judged covered or not by it */
	double noun; /* the share of its uses that are a noun's, in [0, 1]; 1
	              * for a word the lexicon lacks (a name, a misspelling)
	              * or when there is no lexicon */
} rank_word;

typedef struct {
	int ndocs;
	int ngroups; /* distinct questions: what idf counts in */
	const int *len[RANK_NCOLS]; /* tokens per column, indexed by doc */
	double avg_len[RANK_NCOLS];
	const int *grp;  /* group per doc: the first doc with the same question */
	const int *glen; /* answer tokens of all a group's docs, by group */
	double avg_glen; /* mean of glen over groups */
} rank_stats;

typedef struct {
	int doc;
	double score;      /* BM25F plus phrase evidence; comparable only
	                    * within one question */
	double coverage;   /* weighted share of the question's words matched */
	double confidence; /* in [0, 1]; see RANKING.md */
} rank_result;

/* How one word of the question counted for one entry. */
typedef struct {
	int term;       /* the term that scored best for it, or -1: none */
	int cols;       /* where that term occurs: bits 1 << RANK_QUESTION, 1 <<
	                 * RANK_ANSWER */
	double score;   /* what the word added to the score, its share of the
	                 * phrase bonus included */
	double share;   /* its share of the question's content (0 for a
	                 * function word) */
	double matched; /* the strength the confidence counts it at, or 0 */
} rank_part;

/* Explains how doc scored: fills parts[0..nwords) and returns its result
 * as rank_score computes it. */
rank_result rank_explain(const rank_stats *st, const rank_word *words,
                         int nwords, const rank_term *terms, size_t nterms,
                         int doc, rank_part *parts);

/* Scores every entry that contains a term, keeps the best entry of each
 * group, and writes the best k into out (best first; ties by doc). Returns
 * how many were written. Allocates scratch memory and frees it; returns 0
 * when memory runs out. */
size_t rank_score(const rank_stats *st, const rank_word *words, int nwords,
                  const rank_term *terms, size_t nterms, rank_result *out,
                  size_t k);

/* Sentence vectors (RANKING.md): how close in meaning the question is to
 * each of the n entries of res (best first, as ranked by words), sim_rank
 * against the entry's question or its question and answer, whichever is
 * closer, and sim_conf against its question and answer. Reorders res by
 * score / best score + RANK_VEC_RANK * sim_rank (ties keep their order),
 * moves each confidence by RANK_VEC_CONF * (sim_conf - RANK_VEC_MID),
 * adds RANK_VEC_LEAD * the first entry's lead over the second in that
 * order (at most RANK_VEC_LEAD_MAX of it) to the first's, keeps each in
 * [0, 1] only then, and permutes sim_rank and sim_conf with res. Pure; n
 * may be 0. */
#define RANK_VEC_POOL 10 /* entries the vectors may reorder */
void rank_fuse(rank_result *res, double *sim_rank, double *sim_conf,
               size_t n);

#endif
