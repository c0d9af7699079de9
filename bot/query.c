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

double query_typo_cost(const char *typed, const char *word)
{
	const double swap = 0.5, indel = 0.8, change = 1.0;
	size_t n = strlen(typed), m = strlen(word);
	if (n > 64 || m > 64)
		return 1e9;
	double d[65][65];
	for (size_t i = 0; i <= n; i++)
		for (size_t j = 0; j <= m; j++) {
			if (i == 0 || j == 0) {
				d[i][j] = indel * (double)(i + j);
				continue;
			}
			double c = d[i - 1][j - 1] +
			           (typed[i - 1] == word[j - 1] ? 0 : change);
			if (d[i - 1][j] + indel < c)
				c = d[i - 1][j] + indel;
			if (d[i][j - 1] + indel < c)
				c = d[i][j - 1] + indel;
			if (i > 1 && j > 1 && typed[i - 1] == word[j - 2] &&
			    typed[i - 2] == word[j - 1] &&
			    typed[i - 1] != typed[i - 2] &&
			    d[i - 2][j - 2] + swap < c)
				c = d[i - 2][j - 2] + swap;
			d[i][j] = c;
		}
	return d[n][m];
}

/* Short words are left alone: one edit turns "cook" into "cool" and
 * "rice" into "nice", and such a guess is wrong more often than right. */
int query_typo_budget(size_t n)
{
	return n < 5 ? 0 : n < 8 ? 1 : 2;
}

/* English phrases, made mostly of function words, that say what one word
 * says: "more than one" is multiple. Their own words barely count (they
 * are function words), so the phrase's meaning would be lost; the word
 * lets an entry that says "multiple" rank for it. General English, not
 * any corpus's: a FAQ author's own wording goes in a synonyms file. */
static const struct {
	const char *phrase, *word;
} phrases[] = {
    {"more than one", "multiple"}, {"get rid of", "remove"},
    {"a lot of", "many"},          {"lots of", "many"},
    {"find out", "determine"},     {"figure out", "determine"},
    {"set up", "configure"},       {"turn off", "disable"},
    {"switch off", "disable"},     {"turn on", "enable"},
    {"switch on", "enable"},       {"look for", "search"},
    {"sign up", "register"},       {"log in", "login"},
    {"right away", "immediately"}, {"at the same time", "simultaneously"},
    {"get back", "recover"},       {"back up", "backup"},
    {"throw away", "discard"},     {"put off", "postpone"},
    {"keep track of", "track"},    {"take out", "remove"},
    {"make sure", "ensure"},       {"go back", "return"},
    {"come back", "return"},
};

const char *query_phrase_word(const char *const *words, size_t n, size_t *len)
{
	for (size_t p = 0; p < sizeof phrases / sizeof *phrases; p++) {
		const char *s = phrases[p].phrase;
		size_t k = 0;
		while (k < n) {
			size_t wl = strlen(words[k]);
			if (strncmp(s, words[k], wl) != 0 ||
			    (s[wl] != ' ' && s[wl] != '\0'))
				break;
			s += wl;
			k++;
			if (*s == '\0') {
				*len = k;
				return phrases[p].word;
			}
			s++; /* the space */
		}
	}
	return NULL;
}
