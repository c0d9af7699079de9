/* varint.h: the variable-length integers of the index's fwd and qpost
 * blobs (common/schema.c): 7 bits a byte, low bits first, the high bit set
 * on every byte but the last. Pure; no allocation. */
#ifndef VARINT_H
#define VARINT_H
#include <stddef.h>
#include <stdint.h>

#define VARINT_MAX 10 /* bytes a uint64_t can take */

/* Writes v at p (room for VARINT_MAX bytes); returns the bytes written. */
static inline size_t varint_put(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* Reads one varint from [*p, end) into *v and advances *p; returns 0, or
 * -1 when the bytes end inside it or it is too long (a damaged blob). */
static inline int varint_get(const unsigned char **p, const unsigned char *end,
                             uint64_t *v)
{
	uint64_t x = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = x;
			return 0;
		}
	}
	return -1;
}

/* Signed differences as unsigned: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ... */
static inline uint64_t zigzag(int64_t v)
{
	/* No right shift of a negative value: implementation-defined. */
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static inline int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

#endif
