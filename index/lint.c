/* lint.c: when two questions are the same, as written and as the ranking
 * sees them. */
#include "lint.h"
#include "stopwords.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int lint_question_equal(const char *a, const char *b)
{
	for (;;) {
		while (isspace((unsigned char)*a))
			a++;
		while (isspace((unsigned char)*b))
			b++;
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
		if (x != y)
			return 0;
		if (!x)
			return 1;
		a++, b++;
	}
}

/* FNV-1a over what lint_question_equal compares. */
uint32_t lint_question_hash(const char *q)
{
	uint32_t h = 2166136261u;
	for (; *q; q++)
		if (!isspace((unsigned char)*q))
			h = (h ^ (unsigned char)tolower((unsigned char)*q)) * 16777619u;
	return h;
}

uint32_t lint_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *lint_key(const stemtok_list *l, const char *lang, int all)
{
	const char **v = malloc((l->n ? l->n : 1) * sizeof *v);
	size_t n = 0, cap = 1;
	if (!v)
		return NULL;
	for (size_t i = 0; i < l->n; i++)
		if (all || !stopword_is(lang, l->v[i].word)) {
			v[n++] = l->v[i].stem;
			cap += strlen(l->v[i].stem) + 1;
		}
	qsort(v, n, sizeof *v, by_str);
	char *key = malloc(cap), *p = key;
	for (size_t i = 0; key && i < n; i++) {
		if (i && !strcmp(v[i], v[i - 1]))
			continue;
		if (p != key)
			*p++ = ' ';
		size_t k = strlen(v[i]);
		memcpy(p, v[i], k);
		p += k;
	}
	if (key)
		*p = '\0';
	free(v);
	return key;
}
