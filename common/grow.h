/* grow.h: the one way faqbot grows an array: by doubling, new elements
 * zeroed. Header-only; no I/O. */
#ifndef GROW_H
#define GROW_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The array v (*cap elements of size bytes) grown so that index i fits,
 * doubling from first: v itself, moved, or NULL when memory runs out or
 * the size would overflow (v is then as it was; *cap changes only on
 * success). The caller owns the result and frees it. */
static inline void *grow_to(void *v, size_t *cap, size_t i, size_t size,
                            size_t first)
{
	if (i < *cap)
		return v;
	size_t c = *cap ? *cap : first;
	while (c <= i) {
		if (c > SIZE_MAX / 2 / size)
			return NULL;
		c *= 2;
	}
	unsigned char *n = realloc(v, c * size);
	if (!n)
		return NULL;
	memset(n + *cap * size, 0, (c - *cap) * size);
	*cap = c;
	return n;
}

#endif
