/* query.c: cleaning questions and judging their words. */
#include "query.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>


char *query_clean(const char *text, size_t len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;
	while (i < len) {
		size_t n = utf8_char_len(s + i, len - i);
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F, such as
		 * the 8-bit CSI) become spaces too. */
		if (n == 0 || (n == 1 && (s[i] < 0x20 || s[i] == 0x7F)) ||
		    (n == 2 && s[i] == 0xC2 && s[i + 1] < 0xA0)) {
			for (size_t k = 0; k < (n ? n : 1); k++)
				out[i + k] = ' ';
			i += n ? n : 1;
			continue;
		}
		memcpy(out + i, s + i, n);
		i += n;
	}
	out[len] = '\0';
	return out;
}

int query_edit_distance(const char *a, const char *b, int max)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > 64 || m > 64)
		return max + 1;
	if ((int)(n > m ? n - m : m - n) > max)
		return max + 1;
	/* Three rows: a swap of two neighbours looks two rows back. */
	int rows[3][65];
	int *pp = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= m; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (int)i;
		int best = cur[0];
		for (size_t j = 1; j <= m; j++) {
			int d = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > max)
			return max + 1;
		int *t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	return prev[m] > max ? max + 1 : prev[m];
}

/* Short words are left alone: one edit turns "cook" into "cool" and
 * "rice" into "nice", and such a guess is wrong more often than right. */
int query_typo_budget(size_t n)
{
	return n < 5 ? 0 : n < 8 ? 1 : 2;
}
