/* strmap.h: a hash map from strings to a number and an optional second
 * string, for the index builder's counts (words and their stems) and
 * look-ups (a question's group) without a round trip through SQL. */
#ifndef STRMAP_H
#define STRMAP_H
#include <stddef.h>

typedef struct {
	char *key;  /* owned copy, or borrowed when the map was made so */
	char *aux;  /* owned copy, or NULL */
	long value;
	long last;  /* free for the caller: e.g. the last group counted */
	long tag;   /* free for the caller too: e.g. a number given to key */
} strmap_slot;

typedef struct {
	strmap_slot *slots; /* owned; cap is a power of two */
	size_t n, cap;
	int borrow;         /* keys are the caller's and outlive the map */
} strmap;

/* The slot for key, added with value 0 and aux NULL when new; NULL when
 * memory runs out. A pointer is valid until the next strmap_get. */
strmap_slot *strmap_get(strmap *m, const char *key);

/* The slot for key, or NULL when the map has none; never adds. */
strmap_slot *strmap_find(const strmap *m, const char *key);

/* Sets a slot's aux to a copy of s (once); returns -1 on no memory. */
int strmap_set_aux(strmap_slot *slot, const char *s);

void strmap_free(strmap *m);

#endif
