/* stopwords.h: function words, shared by the bot (they barely count) and
 * the indexer (no synonyms for them). */
#ifndef STOPWORDS_H
#define STOPWORDS_H

/* 1 when the case-folded word carries no meaning for retrieval ("the",
 * "how", "does"...) in the Snowball language lang; 0 for languages without
 * a list here. */
int stopword_is(const char *lang, const char *word);

#endif
