/* stopwords.h: function words, shared by the bot (they barely count) and
 * the indexer (no synonyms for them). */
#ifndef STOPWORDS_H
#define STOPWORDS_H
#include <stddef.h>

/* The sorted list of language lang (a Snowball name, or a short name
 * libstemmer also accepts, "de") and its length in *n; NULL and 0 for a
 * language without one. Static: never freed. */
const char *const *stopword_list(const char *lang, size_t *n);

/* 1 when the case-folded word carries no meaning for retrieval ("the",
 * "how", "does"...) in the Snowball language lang (English, German,
 * French, Spanish); 0 for languages without a list here. */
int stopword_is(const char *lang, const char *word);

#endif
