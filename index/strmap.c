/* strmap.c: open addressing with linear probing, FNV-1a hashes, doubling
 * at half full. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static strmap_slot *find(strmap_slot *slots, size_t cap, const char *key)
{
	size_t i = (size_t)hash(key) & (cap - 1);
	while (slots[i].key && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slots[i];
}

static int grow(strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	strmap_slot *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

strmap_slot *strmap_get(strmap *m, const char *key)
{
	if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
		return NULL;
	strmap_slot *s = find(m->slots, m->cap, key);
	if (!s->key) {
		s->key = m->borrow ? (char *)key : strdup(key);
		if (!s->key)
			return NULL;
		m->n++;
	}
	return s;
}

int strmap_set_aux(strmap_slot *slot, const char *s)
{
	if (slot->aux)
		return 0;
	slot->aux = strdup(s);
	return slot->aux ? 0 : -1;
}

strmap_slot *strmap_find(const strmap *m, const char *key)
{
	if (m->cap == 0)
		return NULL;
	strmap_slot *s = find(m->slots, m->cap, key);
	return s->key ? s : NULL;
}

void strmap_free(strmap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->borrow)
			free(m->slots[i].key);
		free(m->slots[i].aux);
	}
	free(m->slots);
	memset(m, 0, sizeof *m);
}
