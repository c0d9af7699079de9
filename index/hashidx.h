/* hashidx.h: a compact hash index from 32-bit hashes to entry numbers,
 * which faqbot-index keeps of the questions and keys it has seen so far
 * while the entries themselves go to disk: 8 bytes a slot, about 11 MB
 * for a million entries. Different keys can share a hash, so each number
 * found is a candidate the caller checks against the entry itself. */
#ifndef HASHIDX_H
#define HASHIDX_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
	struct hashidx_slot {
		uint32_t hash, val; /* val 0: empty */
	} *slots;               /* owned; cap of them */
	size_t n, cap;
} hashidx;

/* Adds val (> 0) under hash; returns -1 when memory runs out. */
int hashidx_add(hashidx *h, uint32_t hash, uint32_t val);

/* The candidates for hash, one a call: start with *pos = 0; returns 1 and
 * sets *val, or 0 when there are no more. Adding invalidates *pos. */
int hashidx_next(const hashidx *h, uint32_t hash, size_t *pos, uint32_t *val);

void hashidx_free(hashidx *h);

#endif
