/* morphy.h: WordNet's detachment rules (morphy(7WN)), the base forms an
 * inflected English word may have ("doctors": doctor, "easier": easy).
 * Shared by the indexer's WordNet reader and the bot's real-word test.
 * Pure: strings in, strings out. */
#ifndef MORPHY_H
#define MORPHY_H
#include <stddef.h>

/* The parts of speech, in WordNet's file order (index.noun, .verb, ...). */
enum { MORPHY_NOUN, MORPHY_VERB, MORPHY_ADJ, MORPHY_ADV, MORPHY_NPOS };

/* The base form of w (len bytes, lowercase) by rule k of part of speech
 * pos, written into base (cap bytes, NUL-terminated): returns its length,
 * 0 when the rule does not apply or the base would not fit, and -1 when
 * pos has no rule k (the rules are numbered from 0). As in WordNet's own
 * morphy, a noun of two letters or ending in "ss" has no base ("us" is no
 * plural of "u", "boss" none of "bos"). */
int morphy_base(const char *w, size_t len, int pos, int k, char *base,
                size_t cap);

#endif
