/* wordnet.h: a reader of the WordNet database files (index.POS, data.POS,
 * POS.exc) that finds single-word synonyms of a word, for query expansion
 * at index time. Reads the files in place; never loads them whole. The
 * synonym string passed to fn belongs to the reader and is valid only during
 * that call; copy it to keep it. One wordnet must not be used by two threads
 * at once (it shares its open files and line buffers between calls). */
#ifndef WORDNET_H
#define WORDNET_H
#include <stddef.h>

typedef struct wordnet wordnet;
/* Opens the WordNet database in dir (e.g. "/usr/share/wordnet"). Returns NULL
 * when the files are not there or unreadable, with a one-line reason in err. */
wordnet *wordnet_open(const char *dir, char *err, size_t err_size);
void wordnet_close(wordnet *wn);
/* Calls fn(ctx, synonym, mutual) once for each distinct single-word
 * synonym of word (any inflected English form, lowercase, e.g. "lifting",
 * "doctors", "accepted") from the first max_senses senses of each of its
 * base forms in each part of speech. Synonyms are lowercase lemmas without
 * '_' (multi-word lemmas like "medical_man" are skipped; hyphenated ones are
 * kept), never the word's own base form. mutual is 1 when a shared sense is
 * the synonym's own most common one in its part of speech ("doc" for
 * "doctor"), 0 when the synonym means it only in a rarer sense ("stress"
 * for "tension"). Returns the number of calls. */
int wordnet_synonyms(wordnet *wn, const char *word, int max_senses,
                     void (*fn)(void *ctx, const char *synonym, int mutual),
                     void *ctx);

/* Calls fn(ctx, lemma, noun, uses) for every single-word lemma of every
 * part of speech (a word may come once per part of speech): the words
 * WordNet knows. noun is 1 for the noun part of speech; uses is how often
 * the lemma is used so, as SemCor's tagged uses of its senses (cntlist.rev,
 * when the directory has it) plus half a use per sense. The string is
 * valid during the call only. Returns the count, or -1 when memory runs
 * out. */
int wordnet_each_lemma(wordnet *wn,
                       void (*fn)(void *ctx, const char *lemma, int noun,
                                  double uses),
                       void *ctx);

/* Calls fn(ctx, form, pos) for every single-word lemma of every part of
 * speech and every irregular form of the exception lists ("went",
 * "children"), as WordNet spells them (lowercase), with its part of speech
 * (morphy.h's MORPHY_NOUN...; a word may come once per part of speech).
 * form is valid during the call only. Returns how many calls were made. */
int wordnet_each_form(wordnet *wn,
                      void (*fn)(void *ctx, const char *form, int pos),
                      void *ctx);

/* Calls fn(ctx, w) for each word of the definition of word's commonest
 * sense as a verb (its inflections read as wordnet_synonyms() reads
 * them): WordNet's gloss up to its first ';', lowercased, split at every
 * byte but a-z ("delete": remove, or, make, invisible). Words that more
 * than max_df of WordNet's verb definitions use ("become", "make") are
 * left out: they say little of any one meaning. w is valid during the
 * call only. Returns how many calls were made, 0 when word is no verb. The
 * first call reads all of data.verb once to count them. */
int wordnet_definition(wordnet *wn, const char *word, long max_df,
                       void (*fn)(void *ctx, const char *w), void *ctx);

#endif
