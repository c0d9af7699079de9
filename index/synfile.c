/* synfile.c: reading an author's synonyms file. */
#include "synfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Appends the word s[0..n) lowercased to set; returns -1 on no memory. */
static int add_word(synfile_set *set, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	char **v = realloc(set->words, (set->n + 1) * sizeof *v);
	if (!v)
		return -1;
	set->words = v;
	char *w = malloc(n + 1);
	if (!w)
		return -1;
	for (size_t i = 0; i < n; i++)
		w[i] = (char)tolower((unsigned char)s[i]);
	w[n] = '\0';
	v[set->n++] = w;
	return 0;
}

static void set_free(synfile_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->words[i]);
	free(set->words);
}

int synfile_parse(const char *text, size_t len, synfile *out)
{
	size_t at = 0;
	int line = 0;
	while (at < len) {
		size_t end = at;
		while (end < len && text[end] != '\n')
			end++;
		line++;
		size_t stop = at;
		while (stop < end && text[stop] != '#')
			stop++;
		synfile_set set = {NULL, 0, line};
		for (size_t w = at; w < stop;) {
			size_t e = w;
			/* A NUL ends a word too: a C string could not hold it. */
			while (e < stop && text[e] != ',' && text[e] != '\0')
				e++;
			if (add_word(&set, text + w, e - w) != 0) {
				set_free(&set);
				return -1;
			}
			w = e + 1;
		}
		if (set.n >= 2) {
			synfile_set *v = realloc(out->sets, (out->n + 1) * sizeof *v);
			if (!v) {
				set_free(&set);
				return -1;
			}
			out->sets = v;
			v[out->n++] = set;
		} else {
			set_free(&set);
		}
		at = end + 1;
	}
	return 0;
}

void synfile_free(synfile *s)
{
	for (size_t i = 0; i < s->n; i++)
		set_free(&s->sets[i]);
	free(s->sets);
	memset(s, 0, sizeof *s);
}
