/* testutil.c: helpers the unit tests share. */
#include "testutil.h"

int test_utf8_valid(const char *s, int no_controls)
{
	const unsigned char *u = (const unsigned char *)s;
	while (*u) {
		unsigned c = *u, cp, min;
		int k;
		if (no_controls && (c < 0x20 || c == 0x7F))
			return 0;
		if (c < 0x80) {
			u++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		for (int i = 1; i <= k; i++) {
			if ((u[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (u[i] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		u += k + 1;
	}
	return 1;
}
