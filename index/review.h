/* review.h: the questions of a miss log (faqbot --log-misses) grouped by
 * what they ask, largest group first, so that an author sees which
 * questions recur and which entry the bot found closest for them. Pure:
 * log lines and stem keys in, groups out; faqbot-index --review prints. */
#ifndef REVIEW_H
#define REVIEW_H
#include <stddef.h>

/* Least Jaccard similarity of two questions' stem sets for them to be
 * grouped: half of all their content words in common. */
#define REVIEW_SIMILARITY 0.5

typedef struct {
	const char *question; /* as logged */
	const char *best;     /* id the bot ranked best, or NULL ("-") */
	double confidence;    /* of that best match */
	const char *key;      /* the question's content words' stems, sorted,
	                       * one space apart (as lint_entry's key); the
	                       * caller's, like question and best */
	int exact;            /* group only with the same key: for a key that
	                       * is not content words (a question of function
	                       * words only), where sharing half means little */
} review_item;

/* Parses one miss-log line, "timestamp<TAB>confidence<TAB>id<TAB>question"
 * with or without its final newline, in place: line is cut into fields
 * that out points to (key and exact are the caller's to set). Returns 0, or -1
 * when line does not have that shape. */
int review_parse(char *line, review_item *out);

typedef struct {
	size_t item;  /* first item asking it, an index into the items */
	size_t count; /* how many items ask it */
} review_question;

typedef struct {
	size_t count;       /* items in the group */
	review_question *q; /* owned: its distinct questions (case, spacing and
	                     * punctuation aside), the representative first,
	                     * then the most asked, then in log order */
	size_t nq;
	const char *best; /* the best id given most often for the group's
	                   * items (ties: the representative's, then the
	                   * first given); NULL when none had one */
	size_t nbest;     /* how many items had best */
} review_group;

typedef struct {
	review_group *v; /* owned; free with review_free() */
	size_t n;
} review_report;

/* Groups n items: items with the same key, then, greedily, keys whose
 * stem sets have a Jaccard similarity of at least min_similarity with a
 * group's first key (its most frequent one), most frequent keys first.
 * The representative is the most asked question of that first key.
 * Groups are ordered largest first, then by first appearance. Returns 0,
 * or -1 when memory ran out (out is then empty). */
int review_cluster(const review_item *items, size_t n, double min_similarity,
                   review_report *out);
void review_free(review_report *r);

#endif
