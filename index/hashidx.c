/* hashidx.c: open addressing with linear probing. A slot's place comes
 * from its hash scaled to the capacity (not masked), so the table can grow
 * by half rather than double: that keeps a million entries near 11 MB
 * instead of 16. */
#include "hashidx.h"

#include <stdlib.h>

/* Grown when more than this share of the slots is taken. */
#define LOAD_NUM 17
#define LOAD_DEN 20

static size_t home(uint32_t hash, size_t cap)
{
	return (size_t)(((uint64_t)hash * cap) >> 32);
}

static void put(struct hashidx_slot *slots, size_t cap, uint32_t hash,
                uint32_t val)
{
	size_t i = home(hash, cap);
	while (slots[i].val)
		i = i + 1 == cap ? 0 : i + 1;
	slots[i].hash = hash;
	slots[i].val = val;
}

int hashidx_add(hashidx *h, uint32_t hash, uint32_t val)
{
	if ((h->n + 1) * LOAD_DEN > h->cap * LOAD_NUM) {
		size_t cap = h->cap ? h->cap + h->cap / 2 : 1024;
		struct hashidx_slot *s = calloc(cap, sizeof *s);
		if (!s)
			return -1;
		for (size_t i = 0; i < h->cap; i++)
			if (h->slots[i].val)
				put(s, cap, h->slots[i].hash, h->slots[i].val);
		free(h->slots);
		h->slots = s;
		h->cap = cap;
	}
	put(h->slots, h->cap, hash, val);
	h->n++;
	return 0;
}

/* *pos is 0 before the first call, then 1 + the slot after the last one
 * looked at. */
int hashidx_next(const hashidx *h, uint32_t hash, size_t *pos, uint32_t *val)
{
	if (!h->cap)
		return 0;
	size_t i = *pos ? *pos - 1 : home(hash, h->cap);
	/* The run of taken slots from hash's home holds all its values; the
	 * table is never full, so the run ends. */
	while (h->slots[i].val) {
		struct hashidx_slot s = h->slots[i];
		i = i + 1 == h->cap ? 0 : i + 1;
		if (s.hash == hash) {
			*pos = i + 1;
			*val = s.val;
			return 1;
		}
	}
	*pos = i + 1;
	return 0;
}

void hashidx_free(hashidx *h)
{
	free(h->slots);
	h->slots = NULL;
	h->n = h->cap = 0;
}
