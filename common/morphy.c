/* morphy.c: WordNet's detachment rules; see morphy.h. */
#include "morphy.h"

#include <string.h>

/* A word ending in suffix may be an inflection of the same word ending in
 * ending instead. Adverbs have none. */
typedef struct {
	const char *suffix, *ending;
} rule;

static const rule noun_rules[] = {
    {"s", ""},      {"ses", "s"},   {"xes", "x"}, {"zes", "z"}, {"ches", "ch"},
    {"shes", "sh"}, {"men", "man"}, {"ies", "y"}, {NULL, NULL}};
static const rule verb_rules[] = {{"s", ""},    {"ies", "y"}, {"es", "e"},
                                  {"es", ""},   {"ed", "e"},  {"ed", ""},
                                  {"ing", "e"}, {"ing", ""},  {NULL, NULL}};
static const rule adj_rules[] = {
    {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL}};
static const rule adv_rules[] = {{NULL, NULL}};
static const rule *const pos_rules[MORPHY_NPOS] = {noun_rules, verb_rules,
                                                   adj_rules, adv_rules};

int morphy_base(const char *w, size_t len, int pos, int k, char *base,
                size_t cap)
{
	if (pos < 0 || pos >= MORPHY_NPOS || k < 0)
		return -1;
	for (int i = 0; i < k; i++)
		if (!pos_rules[pos][i].suffix)
			return -1;
	const rule *r = &pos_rules[pos][k];
	if (!r->suffix)
		return -1;
	if (pos == MORPHY_NOUN &&
	    (len <= 2 || (len >= 2 && memcmp(w + len - 2, "ss", 2) == 0)))
		return 0;
	size_t slen = strlen(r->suffix), elen = strlen(r->ending);
	if (len <= slen || memcmp(w + len - slen, r->suffix, slen) != 0 ||
	    len - slen + elen >= cap)
		return 0;
	memcpy(base, w, len - slen);
	memcpy(base + len - slen, r->ending, elen);
	base[len - slen + elen] = '\0';
	return (int)(len - slen + elen);
}
