/* utf8.c: UTF-8 validation by the table of well-formed byte sequences
 * (Unicode's Table 3-7): the second byte's range depends on the first. */
#include "utf8.h"

size_t utf8_char_len(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xBF;
	size_t need, i;
	if (s[0] < 0x80)
		return 1;
	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	need = s[0] < 0xE0 ? 1 : s[0] < 0xF0 ? 2 : 3;
	if (s[0] == 0xE0)
		lo = 0xA0; /* no overlong 3-byte forms */
	else if (s[0] == 0xED)
		hi = 0x9F; /* no surrogates */
	else if (s[0] == 0xF0)
		lo = 0x90; /* no overlong 4-byte forms */
	else if (s[0] == 0xF4)
		hi = 0x8F; /* nothing past U+10FFFF */
	if (n <= need || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i <= need; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return need + 1;
}
