/* review.c: grouping a miss log's questions. Items with equal keys are
 * one unit; units are taken most frequent first, and each joins the group
 * whose first unit (its leader) it is most similar to, or starts a group.
 * Only groups that can reach the threshold are compared: with stems in one
 * global order, rarest first, two sets with Jaccard similarity t or more
 * share a stem among the first |x| - ceil(t|x|) + 1 of each ("prefix
 * filtering", Bayardo et al. 2007), so only leaders with such a stem are
 * looked at, and a log of many questions is not compared pair by pair. */
#include "review.h"
#include "strmap.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX

int review_parse(char *line, review_item *out)
{
	char *f[4];
	f[0] = line;
	for (int i = 1; i < 4; i++) {
		char *tab = strchr(f[i - 1], '\t');
		if (!tab)
			return -1;
		*tab = '\0';
		f[i] = tab + 1;
	}
	f[3][strcspn(f[3], "\r\n")] = '\0';
	char *end;
	double c = strtod(f[1], &end);
	if (!isdigit((unsigned char)f[0][0]) || end == f[1] || *end ||
	    !(c >= 0 && c <= 1) || !*f[2] || !*f[3])
		return -1;
	out->question = f[3];
	out->best = strcmp(f[2], "-") ? f[2] : NULL;
	out->confidence = c;
	return 0;
}

/* Questions compare as the same when they differ only in ASCII case and
 * in the spaces and punctuation between their words. */
typedef struct {
	const unsigned char *s;
	int started;
} cursor;

/* The next byte as compared: letters lower-cased, each run of other ASCII
 * bytes one space (none at either end), 0 at the end. */
static int loose_next(cursor *c)
{
	int sep = 0;
	while (*c->s && *c->s < 0x80 && !isalnum(*c->s))
		c->s++, sep = 1;
	if (!*c->s)
		return 0;
	if (sep && c->started)
		return ' '; /* the byte after it is read by the next call */
	c->started = 1;
	return tolower(*c->s++);
}

static int cmp_loose(const char *a, const char *b)
{
	cursor x = {(const unsigned char *)a, 0},
	       y = {(const unsigned char *)b, 0};
	for (;;) {
		int p = loose_next(&x), q = loose_next(&y);
		if (p != q || !p)
			return p - q;
	}
}

typedef struct {
	const char *s;
	size_t item;
} tagged;

static int by_loose(const void *pa, const void *pb)
{
	const tagged *a = pa, *b = pb;
	int c = cmp_loose(a->s, b->s);
	return c ? c : (a->item > b->item) - (a->item < b->item);
}

static int by_string(const void *pa, const void *pb)
{
	const tagged *a = pa, *b = pb;
	int c = strcmp(a->s, b->s);
	return c ? c : (a->item > b->item) - (a->item < b->item);
}

/* Units and groups are ordered by count, largest first, then by their
 * first item. */
typedef struct {
	size_t count, first, index;
} ranked;

static int by_rank(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return (a->first > b->first) - (a->first < b->first);
}

static int by_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return (a > b) - (a < b);
}

typedef struct {
	const char *key;
	size_t first, count; /* first item, items */
	char *words;         /* owned copy of key, cut into its stems */
	size_t *ids;         /* owned: stem ids, ascending, distinct */
	size_t n;
	size_t *ord;   /* owned: the same ids, rarest first */
	size_t prefix; /* how many of ord are indexed or probed: none
	                * for an exact unit, which only its key joins */
	size_t group;  /* the group it joined */
	int exact;     /* its items' exact */
} unit;

static const size_t *df_of; /* qsort's comparators take no context */

static int by_rarity(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	if (df_of[a] != df_of[b])
		return df_of[a] < df_of[b] ? -1 : 1;
	return (a > b) - (a < b);
}

/* Splits u's key into stems and gives each its id in stems. */
static int unit_stems(unit *u, strmap *stems)
{
	size_t len = strlen(u->key), cap = 1;
	for (size_t i = 0; i < len; i++)
		cap += u->key[i] == ' ';
	u->words = malloc(len + 1);
	u->ids = malloc(cap * sizeof *u->ids);
	u->ord = malloc(cap * sizeof *u->ord);
	if (!u->words || !u->ids || !u->ord)
		return -1;
	memcpy(u->words, u->key, len + 1);
	for (char *w = u->words, *end; *w; w = end) {
		end = w + strcspn(w, " ");
		if (*end)
			*end++ = '\0';
		if (!*w)
			continue; /* two spaces in a row */
		strmap_slot *s = strmap_get(stems, w);
		if (!s)
			return -1;
		if (s->value == 0)
			s->value =
			    (long)stems
			        ->n; /* ids from 1, in order of first use */
		u->ids[u->n++] = (size_t)s->value - 1;
	}
	qsort(u->ids, u->n, sizeof *u->ids, by_size);
	size_t k = 0;
	for (size_t i = 0; i < u->n; i++)
		if (k == 0 || u->ids[i] != u->ids[k - 1])
			u->ids[k++] = u->ids[i];
	u->n = k;
	return 0;
}

/* |a & b| / |a | b| >= t, on ascending ids; with a little slack, so that
 * exactly half is half. */
static int similar(const unit *a, const unit *b, double t, double *j)
{
	size_t i = 0, k = 0, both = 0;
	while (i < a->n && k < b->n) {
		if (a->ids[i] == b->ids[k])
			both++, i++, k++;
		else if (a->ids[i] < b->ids[k])
			i++;
		else
			k++;
	}
	size_t either = a->n + b->n - both;
	*j = either ? (double)both / (double)either : 0;
	return either && (double)both >= t * (double)either - 1e-9;
}

/* Fills g from the items of one group (ix: n item indexes, ascending);
 * leader is the group's first unit, unit_of each item's unit. */
static int fill_group(const review_item *items, const size_t *ix, size_t n,
                      const size_t *unit_of, size_t leader, review_group *g)
{
	tagged *t = malloc(n * sizeof *t);
	ranked *r = malloc(n * sizeof *r);
	g->q = malloc(n * sizeof *g->q);
	g->count = n;
	if (!t || !r || !g->q) {
		free(t);
		free(r);
		return -1;
	}
	/* Distinct questions: runs of equal text, each led by its first item.
	 */
	for (size_t i = 0; i < n; i++)
		t[i] = (tagged){items[ix[i]].question, ix[i]};
	qsort(t, n, sizeof *t, by_loose);
	size_t nq = 0, rep = NONE;
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && !cmp_loose(t[i].s, t[j].s); j++)
			;
		r[nq] = (ranked){j - i, t[i].item, nq};
		/* The representative: the most asked question of the leader. */
		if (unit_of[t[i].item] == leader &&
		    (rep == NONE || by_rank(&r[nq], &r[rep]) < 0))
			rep = nq;
		nq++;
	}
	if (rep == NONE) /* cannot happen: the leader has items */
		rep = 0;
	ranked first = r[rep];
	r[rep] = r[--nq];
	qsort(r, nq, sizeof *r, by_rank);
	g->q[0] = (review_question){first.first, first.count};
	for (size_t i = 0; i < nq; i++)
		g->q[i + 1] = (review_question){r[i].first, r[i].count};
	g->nq = nq + 1;
	/* The best id given most often; ties: the one given first. */
	size_t nb = 0;
	for (size_t i = 0; i < n; i++)
		if (items[ix[i]].best)
			t[nb++] = (tagged){items[ix[i]].best, ix[i]};
	qsort(t, nb, sizeof *t, by_string);
	ranked top = {0, 0, 0};
	for (size_t i = 0, j; i < nb; i = j) {
		for (j = i + 1; j < nb && !strcmp(t[i].s, t[j].s); j++)
			;
		ranked c = {j - i, t[i].item, i};
		if (top.count == 0 || by_rank(&c, &top) < 0)
			top = c;
	}
	g->best = top.count ? t[top.index].s : NULL;
	g->nbest = top.count;
	free(t);
	free(r);
	return 0;
}

int review_cluster(const review_item *items, size_t n, double t,
                   review_report *out)
{
	memset(out, 0, sizeof *out);
	if (!(t > 0))
		t = 1e-9; /* some stem in common, at least */
	if (t > 1)
		t = 1;
	strmap keys[2] = {{0}, {0}}, stems = {0}; /* keys[exact] */
	keys[0].borrow = keys[1].borrow = stems.borrow = 1;
	size_t *unit_of = malloc((n ? n : 1) * sizeof *unit_of);
	unit *units = calloc(n ? n : 1, sizeof *units);
	size_t nu = 0, ng = 0;
	ranked *order = NULL;
	size_t *df = NULL, *head = NULL, *post = NULL, *link = NULL;
	size_t *leader = NULL, *seen = NULL, *ix = NULL, *start = NULL;
	int rc = unit_of && units ? 0 : -1;
	/* Units: items with the same key (and the same exact). */
	for (size_t i = 0; rc == 0 && i < n; i++) {
		strmap_slot *s =
		    strmap_get(&keys[!!items[i].exact], items[i].key);
		if (!s) {
			rc = -1;
			break;
		}
		if (s->value == 0) {
			units[nu] = (unit){.key = items[i].key,
			                   .first = i,
			                   .exact = items[i].exact};
			s->value = (long)++nu;
		}
		unit_of[i] = (size_t)s->value - 1;
		units[unit_of[i]].count++;
	}
	for (size_t u = 0; rc == 0 && u < nu; u++)
		rc = unit_stems(&units[u], &stems);
	size_t nstems = stems.n, total = 0;
	if (rc == 0) {
		order = malloc((nu ? nu : 1) * sizeof *order);
		df = calloc(nstems ? nstems : 1, sizeof *df);
		head = malloc((nstems ? nstems : 1) * sizeof *head);
		leader = malloc((nu ? nu : 1) * sizeof *leader);
		seen = malloc((nu ? nu : 1) * sizeof *seen);
		for (size_t u = 0; u < nu; u++)
			total += units[u].n;
		post = malloc((total ? total : 1) * sizeof *post);
		link = malloc((total ? total : 1) * sizeof *link);
		if (!order || !df || !head || !leader || !seen || !post ||
		    !link)
			rc = -1;
	}
	if (rc == 0) {
		for (size_t u = 0; u < nu; u++) {
			order[u] = (ranked){units[u].count, units[u].first, u};
			for (size_t k = 0; k < units[u].n; k++)
				df[units[u].ids[k]]++;
		}
		qsort(order, nu, sizeof *order, by_rank);
		df_of = df;
		for (size_t u = 0; u < nu; u++) {
			unit *x = &units[u];
			memcpy(x->ord, x->ids, x->n * sizeof *x->ids);
			qsort(x->ord, x->n, sizeof *x->ord, by_rarity);
			size_t need = (size_t)ceil(t * (double)x->n - 1e-9);
			x->prefix = x->n && !x->exact
			                ? x->n - (need ? need : 1) + 1
			                : 0;
		}
		for (size_t s = 0; s < nstems; s++)
			head[s] = NONE;
		for (size_t u = 0; u < nu; u++)
			seen[u] = NONE;
	}
	/* Greedy grouping, most frequent units first. post/link are the
	 * postings of the leaders' prefixes: for stem s, the groups
	 * post[head[s]], post[link[head[s]]], ... */
	size_t npost = 0;
	for (size_t k = 0; rc == 0 && k < nu; k++) {
		size_t u = order[k].index, best = NONE;
		double best_j = -1, j;
		for (size_t p = 0; p < units[u].prefix; p++)
			for (size_t e = head[units[u].ord[p]]; e != NONE;
			     e = link[e]) {
				size_t g = post[e];
				if (seen[g] == u)
					continue;
				seen[g] = u;
				if (similar(&units[u], &units[leader[g]], t,
				            &j) &&
				    (j > best_j || (j == best_j && g < best)))
					best = g, best_j = j;
			}
		if (best == NONE) {
			best = ng++;
			leader[best] = u;
			for (size_t p = 0; p < units[u].prefix; p++) {
				size_t s = units[u].ord[p];
				post[npost] = best;
				link[npost] = head[s];
				head[s] = npost++;
			}
		}
		units[u].group = best;
	}
	/* Each group's items in log order: a counting sort by group. */
	if (rc == 0) {
		start = calloc(ng + 1, sizeof *start);
		ix = malloc((n ? n : 1) * sizeof *ix);
		out->v = calloc(ng ? ng : 1, sizeof *out->v);
		if (!start || !ix || !out->v)
			rc = -1;
	}
	if (rc == 0) {
		for (size_t i = 0; i < n; i++)
			start[units[unit_of[i]].group + 1]++;
		for (size_t g = 0; g < ng; g++)
			start[g + 1] += start[g];
		size_t *fill = seen; /* reused: the next free place per group */
		for (size_t g = 0; g < ng; g++)
			fill[g] = start[g];
		for (size_t i = 0; i < n; i++)
			ix[fill[units[unit_of[i]].group]++] = i;
		/* Largest first: the groups' ranks, in order. */
		for (size_t g = 0; g < ng; g++)
			order[g] =
			    (ranked){start[g + 1] - start[g], ix[start[g]], g};
		qsort(order, ng, sizeof *order, by_rank);
		for (size_t k = 0; rc == 0 && k < ng; k++) {
			size_t g = order[k].index;
			rc = fill_group(items, ix + start[g],
			                start[g + 1] - start[g], unit_of,
			                leader[g], &out->v[k]);
			out->n = k + 1;
		}
	}
	for (size_t u = 0; units && u < nu; u++) {
		free(units[u].words);
		free(units[u].ids);
		free(units[u].ord);
	}
	free(units);
	free(unit_of);
	free(order);
	free(df);
	free(head);
	free(post);
	free(link);
	free(leader);
	free(seen);
	free(ix);
	free(start);
	strmap_free(&keys[0]);
	strmap_free(&keys[1]);
	strmap_free(&stems);
	if (rc != 0)
		review_free(out);
	return rc;
}

void review_free(review_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].q);
	free(r->v);
	memset(r, 0, sizeof *r);
}
