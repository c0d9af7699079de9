/* rank.c: BM25F over the question and answer columns, a bonus for words
 * that stand together in the entry as in the question, one candidate per
 * group, and the coverage that the confidence is made of. */
#include "rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tuned on the StackFAQ dev half and the article's dev sets; see
 * RANKING.md for what each does. Each can be set with -D at build time,
 * which is how tests/tune.sh tries values; the product uses these. */
#ifndef RANK_K1
#define RANK_K1 2.0
#endif
#ifndef RANK_BQ
#define RANK_BQ 0.5
#endif
#ifndef RANK_BA
#define RANK_BA 0.75
#endif
#ifndef RANK_WQ
#define RANK_WQ 3.0
#endif
#ifndef RANK_PHRASE
#define RANK_PHRASE 0.5
#endif
#ifndef RANK_FLOOR
#define RANK_FLOOR 0.3
#endif
#ifndef RANK_POOL
#define RANK_POOL 0.0
#endif
#ifndef RANK_STANDIN_CAP
#define RANK_STANDIN_CAP 1
#endif
/* How much more than the corpus's rarest word a word it has never seen
 * weighs in the confidence; see make_scorer. */
#ifndef RANK_UNKNOWN
#define RANK_UNKNOWN 1.25
#endif
/* A word mostly used as a verb, adjective or adverb says less of what the
 * question is about than a noun: "see" and "safe" in questions the article
 * answers, against "door" and "ibuprofen" in ones it does not. A word
 * never used as a noun weighs this much of a noun's weight in the
 * confidence (RANK_VERB_WEIGHT) and of a noun's score (RANK_VERB_SCORE);
 * one used both ways in between, by its share of noun uses. */
#ifndef RANK_VERB_WEIGHT
#define RANK_VERB_WEIGHT 0.8
#endif
#ifndef RANK_VERB_SCORE
#define RANK_VERB_SCORE 0.64
#endif
#ifndef RANK_QPAIR
#define RANK_QPAIR 0.5
#endif
/* A function word's idf is capped at the mean idf of the question's
 * content words; see cap_function_words. */
#ifndef RANK_STOP_CAP
#define RANK_STOP_CAP 1
#endif
/* A word that only synonyms stand for weighs at most the mean idf of the
 * question's words that the corpus has as they are; see cap_synonyms. */
#ifndef RANK_SYN_CAP
#define RANK_SYN_CAP 1
#endif
static const struct {
	double k1;
	double b[RANK_NCOLS];
	double weight[RANK_NCOLS];
	double phrase; /* bonus for adjacent question words, times their idf */
	double qpair;  /* bonus for each two content words that both stand in
	                * the entry's question, times their idf */
	double floor;  /* in the coverage, each word weighs its idf plus this
	                * share of the rarest word's: on a one-topic corpus
	                * the topic's own words have an idf near 0, yet they
	                * still say the question is on topic */
	double pool;   /* share of an entry's score that is its group's: all
	                * answers of one question scored as one document */
} P = {RANK_K1,    {RANK_BQ, RANK_BA}, {RANK_WQ, 1.0}, RANK_PHRASE,
       RANK_QPAIR, RANK_FLOOR,         RANK_POOL};

/* One posting with the term it belongs to, for sorting by entry. */
typedef struct {
	int doc, term, col, pos;
} hit_ref;

static int cmp_hit(const void *a, const void *b)
{
	const hit_ref *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->term != y->term)
		return x->term < y->term ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->pos > y->pos) - (x->pos < y->pos);
}

static int cmp_result(const void *a, const void *b)
{
	const rank_result *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

static double idf(int ndocs, int df)
{
	return log(1.0 + (ndocs - df + 0.5) / (df + 0.5));
}

/* How much each word of the question matters: the idf of its most
 * faithful term that the corpus has. A word the corpus has never seen
 * weighs as much as its rarest word: it is a sign that the question is
 * about something else, but on a small corpus idf(0) would let one such
 * word outweigh every match. */
static void word_weights(const rank_stats *st, int nwords,
                         const rank_term *terms, size_t nterms, double *w)
{
	double best_strength[RANK_MAX_WORDS];
	for (int i = 0; i < nwords; i++) {
		w[i] = idf(st->ngroups, 1);
		best_strength[i] = 0;
	}
	for (size_t t = 0; t < nterms; t++) {
		int i = terms[t].word;
		if (terms[t].df > 0 && terms[t].strength > best_strength[i]) {
			best_strength[i] = terms[t].strength;
			w[i] = idf(st->ngroups, terms[t].df);
		}
	}
}

/* A function word says less than the words the question is about, so
 * its idf (in widf) is capped at the mean idf of the question's content
 * words the corpus has. In a small corpus a function word can be rare:
 * "should" stands in one of the article's questions, and even at its 0.3
 * strength it outweighed the content words, sending "should I tell the
 * massage therapist about my back problems" to "Should I chat with a doc
 * ...". With no such content word, nothing is capped. */
static void cap_function_words(const rank_word *words, int nwords,
                               double *widf)
{
	double sum = 0;
	int n = 0;
	for (int w = 0; w < nwords; w++)
		if (!words[w].stop && words[w].known) {
			sum += widf[w];
			n++;
		}
	for (int w = 0; RANK_STOP_CAP && n > 0 && w < nwords; w++)
		if (words[w].stop && widf[w] > sum / n)
			widf[w] = sum / n;
}

/* A synonym's rarity is its own, not its word's: "doctors", a word the
 * article lacks, reaches it through "doc", which stands in one entry and
 * so has the corpus's highest idf, and that one synonym outscored every
 * word the question shares with the entry it asks for ("Do physicians
 * consider massage a legitimate treatment?" went to "Should I chat with a
 * doc ..." instead of the medical community's opinion). So a word that
 * only synonyms stand for weighs (in widf) at most the mean idf of the
 * question's content words that the corpus has as they are (their own
 * stem); with none, it is not capped. Its synonyms then score at most
 * that (RANK_STANDIN_CAP), and so do the bonuses and the function words'
 * cap that use widf. A word with its own stem or a spelling fix in the
 * corpus keeps that term's idf. */
static void cap_synonyms(const rank_word *words, int nwords,
                         const rank_term *terms, size_t nterms, double *widf)
{
	double sum = 0;
	int n = 0;
	unsigned char syn_only[RANK_MAX_WORDS] = {0};
	for (int w = 0; RANK_SYN_CAP && w < nwords; w++) {
		int own = 0, syn = 0, other = 0;
		for (size_t t = 0; t < nterms; t++) {
			if (terms[t].word != w || terms[t].df <= 0)
				continue;
			own |= terms[t].strength >= 1;
			syn |= terms[t].synonym;
			other |= !terms[t].synonym;
		}
		syn_only[w] = syn && !other;
		if (own && !words[w].stop) {
			sum += widf[w];
			n++;
		}
	}
	for (int w = 0; n > 0 && w < nwords; w++)
		if (syn_only[w] && widf[w] > sum / n)
			widf[w] = sum / n;
}

/* 1 when, in the entry's hits h[0..n), some term of word a is followed
 * within gap+1 positions of the same column by some term of word b. */
static int near(const hit_ref *h, size_t n, const rank_term *terms, int a,
                int b, int gap)
{
	for (size_t i = 0; i < n; i++) {
		if (terms[h[i].term].word != a)
			continue;
		for (size_t j = 0; j < n; j++) {
			int d = h[j].pos - h[i].pos;
			if (terms[h[j].term].word == b && h[j].col == h[i].col &&
			    d >= 1 && d <= gap + 1)
				return 1;
		}
	}
	return 0;
}

/* What scoring needs besides the hits: the question's words and terms,
 * their idf and coverage weights. */
typedef struct {
	const rank_stats *st;
	const rank_word *words;
	int nwords;
	const rank_term *terms;
	const double *widf, *cw;
	double wsum;
} scorer;

/* BM25's length normalisation of a column of len tokens. */
static double norm_of(int col, double len, double avg)
{
	double n = 1 - P.b[col] + P.b[col] * len / (avg > 0 ? avg : 1);
	return n > 0 ? n : 1;
}

/* Scores one unit (an entry, or a group of entries) from its hits
 * h[0..n), sorted by term, column and position, with the column length
 * normalisations norm. */
static rank_result score_hits(const scorer *sc, const hit_ref *h, size_t n,
                              const double *norm, rank_part *parts)
{
	const rank_word *words = sc->words;
	const rank_term *terms = sc->terms;
	const double *widf = sc->widf, *cw = sc->cw;
	int nwords = sc->nwords;
	double wsum = sc->wsum;
	double best[RANK_MAX_WORDS] = {0}, matched[RANK_MAX_WORDS] = {0};
	double in_q[RANK_MAX_WORDS] = {0}; /* matched, in the question column */
	int doc = h[0].doc;
	if (parts)
		for (int w = 0; w < nwords; w++)
			parts[w] = (rank_part){-1, 0, 0, wsum > 0 ? cw[w] / wsum : 0, 0};
	for (size_t i = 0; i < n;) {
		int t = h[i].term, cols = 0;
		double tf[RANK_NCOLS] = {0};
		for (; i < n && h[i].term == t; i++) {
			tf[h[i].col] += 1;
			cols |= 1 << h[i].col;
		}
		double tfn = 0;
		for (int c = 0; c < RANK_NCOLS; c++)
			tfn += P.weight[c] * tf[c] / norm[c];
		/* A stand-in says what its word says, no more: a rare synonym
		 * of a common word weighs as that word does (widf is the idf
		 * of the word's most faithful term), or it would outscore the
		 * word itself. */
		int w = terms[t].word;
		double it = idf(sc->st->ngroups, terms[t].df);
		if (RANK_STANDIN_CAP && widf[w] < it)
			it = widf[w];
		double s = it * tfn * (P.k1 + 1) / (P.k1 + tfn) * terms[t].strength *
		           (RANK_VERB_SCORE + (1 - RANK_VERB_SCORE) * words[w].noun);
		if (s > best[w]) {
			best[w] = s;
			if (parts) {
				parts[w].term = t;
				parts[w].cols = cols;
				parts[w].score = s;
			}
		}
		double cs = terms[t].cover > 0   ? terms[t].cover
		            : terms[t].cover < 0 ? 0
		                                 : terms[t].strength;
		if (cs > matched[w])
			matched[w] = cs;
		if ((cols & 1 << RANK_QUESTION) && terms[t].strength > in_q[w])
			in_q[w] = terms[t].strength;
	}
	rank_result r = {doc, 0, 0, 0};
	double covered = 0;
	for (int w = 0; w < nwords; w++) {
		r.score += best[w];
		covered += matched[w] * cw[w];
	}
	for (int a = 0; a < nwords; a++)
		for (int b = a + 1; b < nwords && b <= a + 2; b++) {
			int gap = words[b].pos - words[a].pos;
			if (best[a] > 0 && best[b] > 0 && gap <= 3 &&
			    near(h, n, terms, a, b, gap)) {
				double bonus = P.phrase * (widf[a] + widf[b]) / 2;
				r.score += bonus;
				if (parts) {
					parts[a].score += bonus / 2;
					parts[b].score += bonus / 2;
				}
			}
		}
	/* Two of the question's content words both in the entry's question,
	 * anywhere: BM25 adds each word's evidence on its own, but an entry
	 * whose question shares several words with the user's is more likely
	 * the same question asked in other words than one that shares a
	 * single word and matches the rest in a long answer. Stand-ins count
	 * at their strength. */
	for (int a = 0; a < nwords; a++)
		for (int b = a + 1; b < nwords; b++) {
			if (words[a].stop || words[b].stop || !in_q[a] || !in_q[b])
				continue;
			double bonus =
			    P.qpair * in_q[a] * in_q[b] * (widf[a] + widf[b]) / 2;
			r.score += bonus;
			if (parts) {
				parts[a].score += bonus / 2;
				parts[b].score += bonus / 2;
			}
		}
	if (parts)
		for (int w = 0; w < nwords; w++)
			parts[w].matched = matched[w];
	r.coverage = wsum > 0 ? covered / wsum : 0;
	r.confidence = r.coverage;
	return r;
}

/* Scores each run of hits with the same doc (h sorted by doc): one
 * result per entry that shares a content word with the question. With
 * by_group, h holds the hits of whole groups under the group's id, and
 * the group's pooled lengths are used. Returns the number of results. */
static size_t score_runs(const scorer *sc, const hit_ref *h, size_t nh,
                         int by_group, rank_result *res)
{
	const rank_stats *st = sc->st;
	size_t nres = 0;
	for (size_t i = 0; i < nh;) {
		size_t e = i;
		int doc = h[i].doc;
		while (e < nh && h[e].doc == doc)
			e++;
		if (doc >= 1 && doc <= st->ndocs) {
			double norm[RANK_NCOLS] = {
			    norm_of(RANK_QUESTION, st->len[RANK_QUESTION][doc],
			            st->avg_len[RANK_QUESTION]),
			    by_group ? norm_of(RANK_ANSWER, st->glen[doc], st->avg_glen)
			             : norm_of(RANK_ANSWER, st->len[RANK_ANSWER][doc],
			                       st->avg_len[RANK_ANSWER])};
			res[nres] = score_hits(sc, h + i, e - i, norm, NULL);
			res[nres].doc = doc;
			/* An entry that shares only function words with the question
			 * is no candidate at all. */
			int content = 0;
			for (size_t j = i; j < e && !content; j++)
				content = !sc->words[sc->terms[h[j].term].word].stop;
			nres += content;
		}
		i = e;
	}
	return nres;
}

static int cmp_doc(const void *a, const void *b)
{
	const rank_result *x = a, *y = b;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

/* Blends each entry's score with its group's pooled score (all answers of
 * one question as one document: an answer's words back its siblings). h
 * is reused: re-keyed by group, with a question's hits kept once. */
static void pool_groups(const scorer *sc, hit_ref *h, size_t nh,
                        rank_result *res, size_t nres)
{
	const rank_stats *st = sc->st;
	size_t m = 0;
	for (size_t i = 0; i < nh; i++) {
		int g = st->grp[h[i].doc];
		if (h[i].col == RANK_QUESTION && h[i].doc != g)
			continue;
		h[m] = h[i];
		h[m++].doc = g;
	}
	qsort(h, m, sizeof *h, cmp_hit);
	rank_result *gres = malloc((m ? m : 1) * sizeof *gres);
	if (!gres)
		return;
	size_t ng = score_runs(sc, h, m, 1, gres); /* sorted by group id */
	for (size_t i = 0; i < nres; i++) {
		rank_result key = {.doc = st->grp[res[i].doc]};
		rank_result *g = bsearch(&key, gres, ng, sizeof *gres, cmp_doc);
		if (!g)
			continue;
		res[i].score = (1 - P.pool) * res[i].score + P.pool * g->score;
		if (g->coverage > res[i].coverage)
			res[i].coverage = res[i].confidence = g->coverage;
	}
	free(gres);
}

/* Fills the scorer's word weights (widf and cw have RANK_MAX_WORDS
 * places). */
static scorer make_scorer(const rank_stats *st, const rank_word *words,
                          int nwords, const rank_term *terms, size_t nterms,
                          double *widf, double *cw)
{
	scorer sc = {st, words, nwords, terms, widf, cw, 0};
	word_weights(st, nwords, terms, nterms, widf);
	/* The confidence weighs each word by its idf as found, the ranking
	 * by the capped one. */
	double found[RANK_MAX_WORDS];
	memcpy(found, widf, (size_t)nwords * sizeof *found);
	cap_synonyms(words, nwords, terms, nterms, widf);
	cap_function_words(words, nwords, widf);
	for (int w = 0; w < nwords; w++) {
		/* A word the corpus has never seen, with no stand-in that
		 * counts either, is a sign that the question is about something
		 * else: the rarest corpus word is still on the corpus's topic,
		 * an unseen one ("tooth" in "what causes tooth pain") is not.
		 * It weighs as the rarest word does and more, whatever a term
		 * that only ranks would make of it (a definition's "medicine"
		 * is not the article's "massage", near idf 0). */
		double base = words[w].known ? found[w] : idf(st->ngroups, 1);
		cw[w] = words[w].stop ? 0 : base + P.floor * idf(st->ngroups, 1);
		if (!words[w].known)
			cw[w] *= RANK_UNKNOWN;
		cw[w] *= RANK_VERB_WEIGHT + (1 - RANK_VERB_WEIGHT) * words[w].noun;
		sc.wsum += cw[w];
	}
	return sc;
}

/* The hits of all terms (of doc only, when doc > 0), sorted by doc; a
 * malloc'ed array the caller frees, its length in *nh. */
static hit_ref *collect_hits(const rank_term *terms, size_t nterms,
                             int nwords, int doc, size_t *nh)
{
	size_t n = 0;
	for (size_t t = 0; t < nterms; t++)
		if (terms[t].word < nwords)
			n += terms[t].nhits;
	hit_ref *h = malloc((n ? n : 1) * sizeof *h);
	if (!h)
		return NULL;
	size_t j = 0;
	int maxdoc = 0;
	for (size_t t = 0; t < nterms; t++)
		for (size_t i = 0; terms[t].word < nwords && i < terms[t].nhits; i++)
			if (doc <= 0 || terms[t].hits[i].doc == doc) {
				h[j++] = (hit_ref){terms[t].hits[i].doc, (int)t,
				                   terms[t].hits[i].col, terms[t].hits[i].pos};
				if (terms[t].hits[i].doc > maxdoc)
					maxdoc = terms[t].hits[i].doc;
			}
	*nh = j;
	/* h is in term order and each term's hits in (doc, col, pos) order,
	 * so a stable counting sort by doc gives cmp_hit's order: faster than
	 * qsort when the docs are few (the fast path's candidates). */
	size_t *at = maxdoc <= 4096 && j > 1 ? calloc((size_t)maxdoc + 2, sizeof *at)
	                                     : NULL;
	hit_ref *sorted = at ? malloc(j * sizeof *sorted) : NULL;
	if (!sorted) {
		free(at);
		if (j > 1)
			qsort(h, j, sizeof *h, cmp_hit);
		return h;
	}
	for (size_t i = 0; i < j; i++)
		at[h[i].doc + 1]++;
	for (int d = 0; d <= maxdoc; d++)
		at[d + 1] += at[d];
	for (size_t i = 0; i < j; i++)
		sorted[at[h[i].doc]++] = h[i];
	free(at);
	free(h);
	return sorted;
}

rank_result rank_explain(const rank_stats *st, const rank_word *words,
                         int nwords, const rank_term *terms, size_t nterms,
                         int doc, rank_part *parts)
{
	rank_result r = {doc, 0, 0, 0};
	if (nwords > RANK_MAX_WORDS)
		nwords = RANK_MAX_WORDS;
	double widf[RANK_MAX_WORDS], cw[RANK_MAX_WORDS];
	scorer sc = make_scorer(st, words, nwords, terms, nterms, widf, cw);
	for (int w = 0; w < nwords; w++)
		parts[w] = (rank_part){-1, 0, 0, sc.wsum > 0 ? cw[w] / sc.wsum : 0, 0};
	size_t nh = 0;
	hit_ref *h = collect_hits(terms, nterms, nwords, doc, &nh);
	if (h && nh > 0 && doc >= 1 && doc <= st->ndocs) {
		double norm[RANK_NCOLS] = {
		    norm_of(RANK_QUESTION, st->len[RANK_QUESTION][doc],
		            st->avg_len[RANK_QUESTION]),
		    norm_of(RANK_ANSWER, st->len[RANK_ANSWER][doc],
		            st->avg_len[RANK_ANSWER])};
		r = score_hits(&sc, h, nh, norm, parts);
		r.doc = doc;
	}
	free(h);
	return r;
}

size_t rank_score(const rank_stats *st, const rank_word *words, int nwords,
                  const rank_term *terms, size_t nterms, rank_result *out,
                  size_t k)
{
	if (nwords > RANK_MAX_WORDS)
		nwords = RANK_MAX_WORDS;
	if (nwords <= 0 || k == 0)
		return 0;
	double widf[RANK_MAX_WORDS], cw[RANK_MAX_WORDS];
	scorer sc = make_scorer(st, words, nwords, terms, nterms, widf, cw);
	size_t nh = 0;
	hit_ref *h = collect_hits(terms, nterms, nwords, 0, &nh);
	rank_result *res = h && nh ? malloc(nh * sizeof *res) : NULL;
	if (!res) {
		free(h);
		return 0;
	}
	size_t nres = score_runs(&sc, h, nh, 0, res);
	if (P.pool > 0 && st->glen)
		pool_groups(&sc, h, nh, res, nres);
	qsort(res, nres, sizeof *res, cmp_result);
	/* Keep each group's best entry: walking best first, a group already
	 * kept is skipped, and only kept groups can be seen again. */
	size_t kept = 0;
	for (size_t i = 0; i < nres && kept < k; i++) {
		int g = st->grp[res[i].doc], dup = 0;
		for (size_t m = 0; m < kept && !dup; m++)
			dup = st->grp[out[m].doc] == g;
		if (!dup)
			out[kept++] = res[i];
	}
	free(h);
	free(res);
	return kept;
}

/* Sentence vectors: their weight in the order, against the word score
 * scaled to the best entry's (1); how far they move the confidence; the
 * similarity that moves it nothing; and what the first entry's lead over
 * the second in that order adds to its confidence, and the most of the
 * lead that counts (RANKING.md has the figures). */
#ifndef RANK_VEC_RANK
#define RANK_VEC_RANK 1.0
#endif
#ifndef RANK_VEC_CONF
#define RANK_VEC_CONF 1.5
#endif
#ifndef RANK_VEC_MID
#define RANK_VEC_MID 0.5
#endif
#ifndef RANK_VEC_LEAD
#define RANK_VEC_LEAD 0.2
#endif
#ifndef RANK_VEC_LEAD_MAX
#define RANK_VEC_LEAD_MAX 0.5
#endif

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* The fused order's key: the word score scaled to the best entry's (top)
 * plus the weighed similarity. */
static double fused_key(double score, double sim_rank, double top)
{
	return score / top + RANK_VEC_RANK * sim_rank;
}

void rank_fuse(rank_result *res, double *sim_rank, double *sim_conf,
               size_t n)
{
	if (n == 0)
		return;
	double top = res[0].score > 0 ? res[0].score : 1;
	/* The confidences are kept unclamped until the lead is added. */
	for (size_t i = 0; i < n; i++)
		res[i].confidence += RANK_VEC_CONF * (sim_conf[i] - RANK_VEC_MID);
	/* An insertion sort, stable: n is a few dozen at most. */
	for (size_t i = 1; i < n; i++) {
		rank_result r = res[i];
		double sr = sim_rank[i], sc = sim_conf[i];
		double key = fused_key(r.score, sr, top);
		size_t j = i;
		while (j > 0 &&
		       fused_key(res[j - 1].score, sim_rank[j - 1], top) < key) {
			res[j] = res[j - 1];
			sim_rank[j] = sim_rank[j - 1];
			sim_conf[j] = sim_conf[j - 1];
			j--;
		}
		res[j] = r;
		sim_rank[j] = sr;
		sim_conf[j] = sc;
	}
	/* An entry that words and meaning together put well ahead of the
	 * rest is likelier right than its words' coverage alone says; with a
	 * single entry there is nothing to be ahead of. */
	if (n > 1) {
		double lead = fused_key(res[0].score, sim_rank[0], top) -
		              fused_key(res[1].score, sim_rank[1], top);
		if (lead > RANK_VEC_LEAD_MAX)
			lead = RANK_VEC_LEAD_MAX;
		res[0].confidence += RANK_VEC_LEAD * lead;
	}
	for (size_t i = 0; i < n; i++)
		res[i].confidence = clamp01(res[i].confidence);
}
