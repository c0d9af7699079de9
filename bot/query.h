/* query.h: from a user's question to the words worth searching for. Pure:
 * no SQLite, no I/O. No user text is ever turned into FTS5 syntax or SQL:
 * the words found here are looked up as bound parameters. */
#ifndef QUERY_H
#define QUERY_H
#include <stddef.h>

#define QUERY_MAX_BYTES 16384 /* longer questions are declined, not read */
#define QUERY_MAX_WORDS 64    /* words past this many are ignored */

/* Copies text (len bytes) into out (malloc'ed, NUL-terminated; the caller
 * frees it) with every invalid UTF-8 byte, NUL and other control character
 * replaced by a space, so that anything can be tokenized and echoed. */
char *query_clean(const char *text, size_t len);

/* Edit distance between a and b (bytes): insertions, deletions,
 * substitutions and swaps of two neighbours ("levles": "levels") each
 * count 1. Returns max + 1 when it exceeds max (the search stops early)
 * and for strings over 64 bytes, which no token is (STEMTOK_MAX). */
int query_edit_distance(const char *a, const char *b, int max);

/* How likely a typist meant word when typing typed, as a weighted edit
 * distance (lower is likelier): a swap of two neighbours costs 0.5, a
 * letter dropped or added 0.8, one changed 1. Breaks ties between words
 * at the same query_edit_distance(): "casue" is cause (a swap) before
 * case (a letter added), "evey" every (one dropped) before even (one
 * changed). Weights measured on a list of real misspellings, see
 * RANKING.md. A large value for strings over 64 bytes. */
double query_typo_cost(const char *typed, const char *word);

/* How many edits a misspelt word of n bytes may need to be corrected:
 * 0 for very short words, where a guess is more often wrong than right. */
int query_typo_budget(size_t n);

/* The one word an English phrase at the start of words[0..n) (case-folded
 * tokens) says, such as "multiple" for "more than one", and its length in
 * tokens in *len; NULL when no phrase of the list starts there. The word
 * is static. */
const char *query_phrase_word(const char *const *words, size_t n, size_t *len);

#endif
