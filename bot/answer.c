/* answer.c: the bot's side of the index. Turns a question into words and
 * terms (its own stems, synonyms, spelling corrections), gets their hits
 * (fast.c; or, as a reference, every posting from FTS5's vocabulary
 * tables) and hands them to the pure ranking. */
#include "answer.h"
#include "fast.h"
#include "grow.h"
#include "morphy.h"
#include "query.h"
#include "rank.h"
#include "schema.h"
#include "sentvec.h"
#include "stemtok.h"
#include "stopwords.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much a word's stand-ins count against the word itself (see
 * RANKING.md); tests/tune.sh tries other values with -D. */
#ifndef RANK_FIX_STRENGTH
#define RANK_FIX_STRENGTH 0.8 /* the nearest spelling the index has */
#endif
#ifndef RANK_PREFIX_STRENGTH
#define RANK_PREFIX_STRENGTH 0.6 /* a longer word it begins ("bed": bedtime) */
#endif
#ifndef RANK_AFFIX_STRENGTH
#define RANK_AFFIX_STRENGTH 0.6 /* the word without its prefix ("unreplied") */
#endif
#ifndef RANK_COMPARE_STRENGTH
#define RANK_COMPARE_STRENGTH 0.8 /* "low" for lower, "tighter" for tight */
#endif
#ifndef RANK_SYN_STRENGTH
#define RANK_SYN_STRENGTH 0.5 /* a WordNet synonym */
#endif
/* A synonym that means the same in both words' commonest sense ("doc" for
 * "doctor"), or that the FAQ's author paired, standing for a word the
 * corpus lacks. Synonyms of a corpus word stay at RANK_SYN_STRENGTH: there
 * the word itself is the better evidence. */
#ifndef RANK_DEF_STRENGTH
/* A word of a corpus verb's definition ("remove" for "delete": "remove or
 * make invisible"), as a synonym that is not mutual, in the ranking only
 * (RANK_COVER_NONE); 0 turns it off. */
#define RANK_DEF_STRENGTH 0.5
#endif
#ifndef RANK_SYN_MUTUAL
#define RANK_SYN_MUTUAL 0.8
#endif
#ifndef RANK_STOP_STRENGTH
#define RANK_STOP_STRENGTH 0.3 /* function words count, but barely */
#endif
#ifndef RANK_JOIN
#define RANK_JOIN 0.8 /* two words the corpus writes as one ("e-mail") */
#endif
#ifndef RANK_PHRASE_STRENGTH
#define RANK_PHRASE_STRENGTH 1.0 /* the word a phrase says; 0 turns it off */
#endif
#ifndef RANK_ABBREV_STRENGTH
#define RANK_ABBREV_STRENGTH 0.6 /* what a short non-word abbreviates ("fb") */
#endif
#ifndef RANK_ABBREV_RATIO
#define RANK_ABBREV_RATIO 10 /* how much commoner the long form must be */
#endif
#ifndef RANK_COMPOUND
#define RANK_COMPOUND 1 /* a real word stands only for its compounds */
#endif
#ifndef RANK_SPLIT
#define RANK_SPLIT 1 /* run-together words read as two ("backpain") */
#endif
#define COMPOUND_PART 3 /* shortest part of a run-together word */
#ifndef RANK_SHORT_FIX
#define RANK_SHORT_FIX 3 /* shortest non-word corrected by one edit */
#endif
#ifndef RARE_USES
#define RARE_USES 1.0 /* see dropped_letter(); 0 turns it off */
#endif
#ifndef RANK_A_PREFIX
#define RANK_A_PREFIX 5 /* shortest rest after "a-" ("asleep": sleep) */
#endif
/* A word corrected to a function word counts as one. */
#ifndef RANK_FIX_STOP
#define RANK_FIX_STOP 1
#endif
/* When the strict spelling pass (the corpus's words with the word's first
 * letter, letter by letter) finds nothing, a loose one also compares stems
 * ("sugery" and the corpus's "surgeries" are both surgeri-), takes the
 * words that begin with the word's second letter (a first letter swapped,
 * added or typed wrong: "amssage", "gskip"), and the real words that lead
 * into the corpus only through a synonym ("drctor": doctor, then doc). */
#ifndef RANK_FIX_STEMS
#define RANK_FIX_STEMS 1
#endif
#ifndef RANK_FIX_SWAP1
#define RANK_FIX_SWAP1 1
#endif
#ifndef RANK_FIX_SYN
#define RANK_FIX_SYN 1
#endif
/* A corrected word counts in the confidence as it would spelt right: the
 * fix's lower strength ranks the entries, but a typo should not make the
 * bot less sure of them. */
#ifndef RANK_FIX_COVER
#define RANK_FIX_COVER 1
#endif
#ifndef RANK_FIX_SYNS
#define RANK_FIX_SYNS 1
#endif
#ifndef RANK_FIX_STOPLIST
#define RANK_FIX_STOPLIST 1
#endif
#ifndef RANK_FIX_FIRST
#define RANK_FIX_FIRST 1
#endif
#ifndef RANK_TYPO_NOUN
#define RANK_TYPO_NOUN 1
#endif
/* How many edits past its typo budget a non-word's likely real word may
 * be: a wrong guess only shifts the word's weight a little. */
#define LIKELY_SLACK 1
#define STEM_SLACK 4 /* letters a word may have past its stem's */
#define ABBREV_MAX 4 /* longest word read as an abbreviation */
#define SYN_MAX 8 /* synonyms tried per word */
#define TERMS_MAX (RANK_MAX_WORDS * 4) /* terms looked up per question */
#define PREFIX_MIN 3        /* shortest word that stands for longer ones */
#ifndef CANDIDATES
#define CANDIDATES 100 /* entries the fast path scores exactly */
#endif

struct answerer {
	sqlite3 *db;
	char *path, *lang;
	fast *fast;
	int reference; /* read every posting (answer_reference) */
	int dictionary; /* the index has a lexicon (WordNet's words) */
	rank_stats st; /* the index's; its arrays only once the reference
	                * path has loaded them */
	int *len[RANK_NCOLS], *grp, *glen; /* owned arrays behind st, by id */
	unsigned *seen; /* by group: the last postings read that counted it */
	unsigned serial;
	int explain; /* fill answer_result's why, text and spans */
	stemtok_splitter *split; /* owned */
	sqlite3_stmt *word_of, *in_lexicon, *df_of, *by_letter, *spelt;
	sqlite3_stmt *postings, *entry, *near_words, *complete, *stem_of, *syn,
	    *near_syn, *near_lex;
	/* Sentence vectors (index/vectors.h): the encoder, built from the
	 * index at the first question that needs it (owned), and the entries'
	 * vectors, read per candidate. vectors: 1 when the index has them. */
	int vectors;
	sentvec *sv;
	sqlite3_stmt *vec_of;
};

static int load_stats(answerer *a)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(a->db, "SELECT max(id) FROM entry", -1, &s,
	                            NULL);
	int n = 0;
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_OK || n <= 0)
		return SQLITE_CORRUPT;
	a->st.ndocs = n;
	for (int c = 0; c < RANK_NCOLS; c++)
		a->len[c] = calloc((size_t)n + 1, sizeof(int));
	a->grp = calloc((size_t)n + 1, sizeof(int));
	a->glen = calloc((size_t)n + 1, sizeof(int));
	a->seen = calloc((size_t)n + 1, sizeof(unsigned));
	if (!a->len[0] || !a->len[1] || !a->grp || !a->glen || !a->seen)
		return SQLITE_NOMEM;
	rc = sqlite3_prepare_v2(a->db, "SELECT id, grp, qlen, alen FROM entry",
	                        -1, &s, NULL);
	double sum[RANK_NCOLS] = {0};
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		int id = sqlite3_column_int(s, 0);
		if (id < 1 || id > n)
			continue;
		int g = sqlite3_column_int(s, 1);
		a->grp[id] = g >= 1 && g <= n ? g : id;
		for (int c = 0; c < RANK_NCOLS; c++) {
			a->len[c][id] = sqlite3_column_int(s, 2 + c);
			sum[c] += a->len[c][id];
		}
	}
	if (rc == SQLITE_OK)
		rc = sqlite3_errcode(a->db) == SQLITE_DONE ||
		             sqlite3_errcode(a->db) == SQLITE_OK
		         ? SQLITE_OK
		         : sqlite3_errcode(a->db);
	sqlite3_finalize(s);
	int ngroups = 0;
	for (int id = 1; id <= n; id++) {
		a->glen[a->grp[id]] += a->len[RANK_ANSWER][id];
		ngroups += a->grp[id] == id;
	}
	for (int c = 0; c < RANK_NCOLS; c++) {
		a->st.len[c] = a->len[c];
		a->st.avg_len[c] = sum[c] / n;
	}
	a->st.grp = a->grp;
	a->st.glen = a->glen;
	a->st.avg_glen = ngroups ? sum[RANK_ANSWER] / ngroups : 1;
	a->st.ngroups = ngroups;
	return rc;
}

/* The statements every question may need. The reference path's reading
 * of FTS5's postings is prepared when first used (read_postings): a
 * one-shot question on the fast path then never connects to FTS5. */
static int prepare_all(answerer *a)
{
	const struct {
		sqlite3_stmt **s;
		const char *sql;
	} q[] = {
	    {&a->entry,
	     "SELECT ext_id, label, answer FROM entry WHERE id = ?1"},
	    /* Spelling candidates: words with the same first letter. */
	    {&a->near_words,
	     "SELECT word, stem, cnt FROM word WHERE word >= ?1 AND word < ?2"
	     " AND length(word) BETWEEN ?3 AND ?4"},
	    /* Long forms of an abbreviation: longer words with its first
	     * letter, the commonest first. */
	    {&a->by_letter,
	     "SELECT word, cnt FROM word WHERE word >= ?1 AND word < ?2"
	     " AND length(word) > ?3 ORDER BY cnt DESC, word"},
	    {&a->complete,
	     "SELECT word FROM word WHERE word >= ?1 AND word < ?1 || x'ff'"
	     " ORDER BY cnt DESC, word LIMIT ?2"},
	    {&a->stem_of, "SELECT stem, cnt FROM word WHERE word = ?1"},
	    {&a->syn,
	     "SELECT target, mutual FROM syn WHERE term = ?1 LIMIT ?2"},
	    /* Spelling candidates among the words that lead into the corpus
	     * through a synonym ("doctor": doc), as stems. */
	    {&a->near_syn,
	     "SELECT term, min(word) FROM syn WHERE term >= ?1 AND term < ?2"
	     " AND length(term) BETWEEN ?3 AND ?4 AND mutual >= 0"
	     " GROUP BY term"},
	    {&a->near_lex,
	     "SELECT stem, uses FROM lexicon WHERE stem >= ?1 AND stem < ?2"
	     " AND length(stem) BETWEEN ?3 AND ?4"},
	    {&a->word_of, "SELECT word FROM word WHERE stem = ?1"
	                  " ORDER BY cnt DESC, word LIMIT 1"},
	    {&a->in_lexicon, "SELECT noun, uses FROM lexicon WHERE stem = ?1"},
	    {&a->spelt, "SELECT pos FROM spelling WHERE word = ?1"},
	    {&a->df_of, "SELECT n, id FROM df WHERE term = ?1"},
	};
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sizeof q / sizeof *q; i++)
		rc = sqlite3_prepare_v2(a->db, q[i].sql, -1, q[i].s, NULL);
	return rc;
}

/* The corpus's size and averages, written by faqbot-index into meta. */
static int read_meta_stats(answerer *a)
{
	static const char *const keys[] = {"entries", "groups", "avg_qlen",
	                                   "avg_alen", "avg_glen"};
	double v[5];
	for (int i = 0; i < 5; i++) {
		char *s = schema_meta(a->db, keys[i]);
		if (!s)
			return SQLITE_CORRUPT;
		v[i] = atof(s);
		free(s);
	}
	a->st.ndocs = (int)v[0];
	a->st.ngroups = (int)v[1];
	a->st.avg_len[RANK_QUESTION] = v[2];
	a->st.avg_len[RANK_ANSWER] = v[3];
	a->st.avg_glen = v[4];
	return a->st.ndocs > 0 && a->st.ngroups > 0 ? SQLITE_OK : SQLITE_CORRUPT;
}

/* Whether the index has a lexicon at all: without WordNet (or in another
 * language) it is empty, and no word can be told real. */
static int has_lexicon(answerer *a)
{
	sqlite3_stmt *s = NULL;
	int yes = sqlite3_prepare_v2(a->db, "SELECT 1 FROM lexicon LIMIT 1", -1,
	                             &s, NULL) == SQLITE_OK &&
	          sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return yes;
}

/* How often the corpus writes word (0: never). */
static long word_count(answerer *a, const char *word)
{
	sqlite3_stmt *s = a->stem_of;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, word, -1, SQLITE_TRANSIENT);
	long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 1) : 0;
	sqlite3_reset(s);
	return n;
}

/* Binds ?1 and ?2 of s to the range of words that begin with word's first
 * letter. */
/* Binds ?1 and ?2 of s to the range of keys that begin with the n bytes
 * of prefix (n is 1 or 2). */
static void bind_prefix(sqlite3_stmt *s, const char *prefix, int n)
{
	char lo[3] = {0}, hi[3] = {0};
	memcpy(lo, prefix, (size_t)n);
	memcpy(hi, prefix, (size_t)n);
	hi[n - 1] = (char)(hi[n - 1] + 1);
	sqlite3_bind_text(s, 1, lo, n, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, hi, n, SQLITE_TRANSIENT);
}

static void bind_first_letter(sqlite3_stmt *s, const char *word)
{
	bind_prefix(s, word, 1);
}

/* The stem the index recorded for word, into stem (STEMTOK_MAX + 1). */
static int word_stem(answerer *a, const char *word, char *stem)
{
	sqlite3_stmt *s = a->stem_of;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, word, -1, SQLITE_TRANSIENT);
	int ok = 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		if (t && strlen(t) <= STEMTOK_MAX) {
			strcpy(stem, t);
			ok = 1;
		}
	}
	sqlite3_reset(s);
	return ok;
}

void answer_close(answerer *a)
{
	if (!a)
		return;
	sqlite3_finalize(a->postings);
	sqlite3_finalize(a->entry);
	sqlite3_finalize(a->near_words);
	sqlite3_finalize(a->complete);
	sqlite3_finalize(a->stem_of);
	sqlite3_finalize(a->syn);
	sqlite3_finalize(a->near_syn);
	sqlite3_finalize(a->near_lex);
	sqlite3_finalize(a->word_of);
	sqlite3_finalize(a->in_lexicon);
	sqlite3_finalize(a->spelt);
	sqlite3_finalize(a->df_of);
	sqlite3_finalize(a->by_letter);
	sqlite3_finalize(a->vec_of);
	sentvec_free(a->sv);
	fast_free(a->fast);
	stemtok_splitter_free(a->split);
	sqlite3_close(a->db);
	for (int c = 0; c < RANK_NCOLS; c++)
		free(a->len[c]);
	free(a->grp);
	free(a->glen);
	free(a->seen);
	free(a->path);
	free(a->lang);
	free(a);
}

/* Sets a->vectors: whether faqbot-index stored a sentence encoder and the
 * entries' vectors (--model). */
static int has_vectors(answerer *a)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(a->db, "SELECT count(*) FROM model", -1, &s,
	                            NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		a->vectors = sqlite3_column_int(s, 0) == 3;
	sqlite3_finalize(s);
	if (rc == SQLITE_OK && a->vectors)
		rc = sqlite3_prepare_v2(a->db,
		                        "SELECT q, qa FROM vec WHERE id = ?1", -1,
		                        &a->vec_of, NULL);
	return rc;
}

/* Builds the encoder from the index's copy of it: once, at the first
 * question (it is 28 MB; a bot that is only asked for help never reads
 * it). The three parts are read by three statements at once, so that
 * sentvec_new reads SQLite's own buffers (valid until each statement is
 * finalized) and nothing is copied twice; reading them through a memory
 * map spares SQLite a read call per page of the 28 MB. */
static int load_encoder(answerer *a)
{
	if (a->sv)
		return SQLITE_OK;
	static const char *const parts[] = {"manifest", "weights", "vocab"};
	sqlite3_stmt *s[3] = {0};
	const void *data[3] = {0};
	size_t len[3] = {0};
	int rc = sqlite3_exec(a->db, "PRAGMA mmap_size = 268435456", NULL, NULL,
	                      NULL);
	for (int i = 0; rc == SQLITE_OK && i < 3; i++) {
		rc = sqlite3_prepare_v2(a->db,
		                        "SELECT data FROM model WHERE part = ?1", -1,
		                        &s[i], NULL);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_text(s[i], 1, parts[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s[i]) != SQLITE_ROW) {
			rc = SQLITE_CORRUPT;
			break;
		}
		data[i] = sqlite3_column_blob(s[i], 0);
		len[i] = (size_t)sqlite3_column_bytes(s[i], 0);
		if (!data[i] && len[i])
			rc = SQLITE_NOMEM;
	}
	char msg[256];
	if (rc == SQLITE_OK &&
	    !(a->sv = sentvec_new(data[0], len[0], data[1], len[1], data[2],
	                          len[2], msg, sizeof msg)))
		rc = SQLITE_CORRUPT;
	for (int i = 0; i < 3; i++)
		sqlite3_finalize(s[i]);
	/* The rest of the index is read as before. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(a->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	return rc;
}

/* Cosine of unit vector qv with a stored one (a blob of SENTVEC_DIM
 * floats), or 0 when the blob is not one. */
static double cosine(const float *qv, const void *blob, int bytes)
{
	if (!blob || bytes != (int)(SENTVEC_DIM * sizeof(float)))
		return 0;
	float v[SENTVEC_DIM];
	memcpy(v, blob, sizeof v);
	double d = 0;
	for (int i = 0; i < SENTVEC_DIM; i++)
		d += (double)qv[i] * v[i];
	return d;
}

/* Fuses the sentence vectors' evidence into res (rank_fuse): embeds the
 * question and reads each candidate's vectors (res[i]'s entry is
 * map[res[i].doc] on the fast path, res[i].doc on the reference path);
 * *sim_top gets the first entry's similarity afterwards. */
static int fuse_vectors(answerer *a, const char *text, size_t len,
                        rank_result *res, const int *map, size_t n,
                        double *sim_top)
{
	int rc = load_encoder(a);
	float qv[SENTVEC_DIM];
	if (rc == SQLITE_OK && sentvec_embed(a->sv, text, len, qv) != 0)
		rc = SQLITE_NOMEM;
	double *sr = calloc(n ? n : 1, sizeof *sr);
	double *sc = calloc(n ? n : 1, sizeof *sc);
	if (rc == SQLITE_OK && (!sr || !sc))
		rc = SQLITE_NOMEM;
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		sqlite3_stmt *s = a->vec_of;
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, map ? map[res[i].doc] : res[i].doc);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = SQLITE_CORRUPT;
			break;
		}
		double q = cosine(qv, sqlite3_column_blob(s, 0),
		                  sqlite3_column_bytes(s, 0));
		double qa = cosine(qv, sqlite3_column_blob(s, 1),
		                   sqlite3_column_bytes(s, 1));
		sr[i] = q > qa ? q : qa;
		sc[i] = qa;
	}
	if (rc == SQLITE_OK) {
		rank_fuse(res, sr, sc, n);
		*sim_top = n ? sc[0] : -1;
	}
	free(sr);
	free(sc);
	return rc;
}

answerer *answer_open(const char *path, char *msg, size_t msg_size)
{
	answerer *a = calloc(1, sizeof *a);
	if (!a) {
		snprintf(msg, msg_size, "out of memory");
		return NULL;
	}
	a->db = schema_open(path, msg, msg_size);
	if (!a->db) {
		free(a);
		return NULL;
	}
	a->path = strdup(path);
	a->lang = schema_meta(a->db, "language");
	int rc = a->path && a->lang ? SQLITE_OK : SQLITE_NOMEM;
	if (rc == SQLITE_OK && !(a->split = stemtok_splitter_new(a->db, a->lang)))
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = prepare_all(a);
	if (rc == SQLITE_OK)
		rc = read_meta_stats(a);
	if (rc == SQLITE_OK)
		a->dictionary = has_lexicon(a);
	if (rc == SQLITE_OK)
		rc = has_vectors(a);
	if (rc == SQLITE_OK && !(a->fast = fast_new(a->db, msg, msg_size)))
		rc = SQLITE_NOMEM;
	if (rc != SQLITE_OK) {
		snprintf(msg, msg_size, "%s: damaged index (%s); rebuild it with: "
		         "faqbot-index CORPUS -o %s", path, sqlite3_errmsg(a->db), path);
		answer_close(a);
		return NULL;
	}
	return a;
}

/* Postings of one term, owned by the question being answered. */
typedef struct {
	rank_hit *v;
	size_t n, cap;
	int df;
} postings;

static int read_postings(answerer *a, const char *stem, postings *p)
{
	if (!a->postings &&
	    sqlite3_prepare_v2(a->db,
	                       "SELECT doc, col = 'answer', offset FROM fts_inst"
	                       " WHERE term = ?1",
	                       -1, &a->postings, NULL) != SQLITE_OK)
		return sqlite3_errcode(a->db);
	sqlite3_stmt *s = a->postings;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, stem, -1, SQLITE_TRANSIENT);
	int rc;
	unsigned serial = ++a->serial;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rank_hit *v = grow_to(p->v, &p->cap, p->n, sizeof *v, 16);
		if (!v)
			return SQLITE_NOMEM;
		p->v = v;
		rank_hit h = {sqlite3_column_int(s, 0), sqlite3_column_int(s, 1),
		              sqlite3_column_int(s, 2)};
		/* df counts groups: a question repeated for each of its answers
		 * is one question, not many. */
		if (h.doc >= 1 && h.doc <= a->st.ndocs) {
			int g = a->grp[h.doc];
			p->df += a->seen[g] != serial;
			a->seen[g] = serial;
		}
		p->v[p->n++] = h;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The share of the uses of the real word with this stem that are a
 * noun's (WordNet's words, at index time), or -1 when stem is no real
 * word's; and, when uses is not NULL, how often the word is used (the
 * lexicon's uses) in *uses, or -1. */
static double noun_share(answerer *a, const char *stem, double *uses)
{
	sqlite3_reset(a->in_lexicon);
	sqlite3_bind_text(a->in_lexicon, 1, stem, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(a->in_lexicon) == SQLITE_ROW;
	double share = found ? sqlite3_column_double(a->in_lexicon, 0) : -1;
	if (uses)
		*uses = found ? sqlite3_column_double(a->in_lexicon, 1) : -1;
	sqlite3_reset(a->in_lexicon);
	return share;
}

/* Whether stem is a real word's. */
static int in_lexicon(answerer *a, const char *stem)
{
	return noun_share(a, stem, NULL) >= 0;
}

/* The parts of speech (bits 1 << pos) in which the index's WordNet spells
 * w (len bytes) so; 0 when it never does. */
static int spelt(answerer *a, const char *w, int len)
{
	sqlite3_reset(a->spelt);
	sqlite3_bind_text(a->spelt, 1, w, len, SQLITE_TRANSIENT);
	int pos = sqlite3_step(a->spelt) == SQLITE_ROW
	              ? sqlite3_column_int(a->spelt, 0)
	              : 0;
	sqlite3_reset(a->spelt);
	return pos;
}

/* Whether word (whose stem is own_stem) is a real word: WordNet spells it
 * so, or it is an inflection of a word WordNet has in that part of speech
 * ("doctors": the noun doctor; "easiest": the adjective easy, but "scaner"
 * is no comparative of the verb scan) and shares that word's stem
 * ("removeed" is remove + ed, but Snowball makes it remove-, not remov-).
 * By its spelling, not its stem alone: Snowball gives some misspellings a
 * real word's stem ("accout" is accouter's accout-, "revelant" revel's
 * revel-), and they are still misspellings. */
static int real_spelling(answerer *a, const char *word, const char *own_stem)
{
	size_t len = strlen(word);
	if (spelt(a, word, (int)len))
		return 1;
	if (!in_lexicon(a, own_stem))
		return 0;
	char base[STEMTOK_MAX + 1];
	for (int pos = 0; pos < MORPHY_NPOS; pos++) {
		int n;
		for (int k = 0; (n = morphy_base(word, len, pos, k, base,
		                                 sizeof base)) >= 0;
		     k++)
			if (n > 0 && (spelt(a, base, n) & 1 << pos))
				return 1;
	}
	return 0;
}

/* Starts s, one of the statements over a range of keys (?1, ?2) and a
 * length (?3..?4), on the rows whose key begins with the first n bytes of
 * prefix (n is 1 or 2) and has lo..hi letters. */
static sqlite3_stmt *ranged(sqlite3_stmt *s, const char *prefix, int n,
                            int lo, int hi)
{
	sqlite3_reset(s);
	bind_prefix(s, prefix, n);
	sqlite3_bind_int(s, 3, lo);
	sqlite3_bind_int(s, 4, hi);
	return s;
}

/* Spelling candidates: the index's words that begin with the first
 * letter of first and have lo..hi letters. */
static sqlite3_stmt *candidates(answerer *a, const char *first, int lo, int hi)
{
	return ranged(a->near_words, first, 1, lo, hi);
}

/* The next candidate of s: its word, stem and count, valid until the next
 * step; returns 0 when there are no more. Words and stems too long for a
 * fix buffer are skipped. */
static int next_candidate(sqlite3_stmt *s, const char **w, const char **st,
                          int *cnt)
{
	while (sqlite3_step(s) == SQLITE_ROW) {
		*w = (const char *)sqlite3_column_text(s, 0);
		*st = (const char *)sqlite3_column_text(s, 1);
		*cnt = sqlite3_column_int(s, 2);
		if (*w && *st && strlen(*w) <= STEMTOK_MAX && strlen(*st) <= STEMTOK_MAX)
			return 1;
	}
	return 0;
}

/* The lexicon's stem nearest to own_stem, within max edits, among those
 * beginning with the letters first[0..passes): the most used of equals,
 * prefer (or NULL) of equally used ones. Into out (STEMTOK_MAX + 1
 * bytes); returns its distance, or max + 1 when there is none. */
static int nearest_lexicon(answerer *a, const char *own_stem, int max,
                           char first[][2], int passes, const char *prefer,
                           char *out)
{
	int m = (int)strlen(own_stem), best = max + 1;
	double best_uses = -1;
	for (int p = 0; max > 0 && p < passes; p++) {
		sqlite3_stmt *s =
		    ranged(a->near_lex, first[p], 1, m - max, m + max);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(s, 0);
			double u = sqlite3_column_double(s, 1);
			if (!t || strlen(t) > STEMTOK_MAX)
				continue;
			int d = query_edit_distance(own_stem, t, max);
			if (d < best || (d == best && u > best_uses) ||
			    (d == best && u == best_uses && prefer &&
			     strcmp(t, prefer) == 0)) {
				best = d;
				best_uses = u;
				strcpy(out, t);
			}
		}
		sqlite3_reset(s);
	}
	return best;
}

/* Whether the lexicon has a stem other than near (at d edits from
 * own_stem) that is nearer, or as near and more used, among those
 * beginning with the letters first[0..passes). */
static int other_real_word(answerer *a, const char *own_stem,
                           const char *near, int d, char first[][2],
                           int passes)
{
	char t[STEMTOK_MAX + 1];
	return nearest_lexicon(a, own_stem, d, first, passes, near, t) <= d &&
	       strcmp(t, near) != 0;
}

/* The noun share of the lexicon's stem nearest to own_stem (of word, no
 * real word), within word's typo budget and LIKELY_SLACK, the most used
 * of equals; *noun is left alone when there is none. */
static void likely_noun(answerer *a, const char *word, const char *own_stem,
                        double *noun)
{
	int budget = query_typo_budget(strlen(word));
	if (budget == 0 && strlen(word) >= RANK_SHORT_FIX)
		budget = 1;
	budget += LIKELY_SLACK;
	char first[2][2] = {{word[0], 0}, {word[1], 0}};
	char near[STEMTOK_MAX + 1];
	if (nearest_lexicon(a, own_stem, budget, first, word[1] ? 2 : 1, NULL,
	                    near) <= budget) {
		double share = noun_share(a, near, NULL);
		if (share >= 0)
			*noun = share;
	}
}

/* The index's nearest word to an unknown one, within its typo budget;
 * ties go to the more frequent word. Writes its word and stem into the
 * buffers (STEMTOK_MAX + 1 bytes) and returns 1, or returns 0. loose: see
 * RANK_FIX_STEMS; it may also return 2, for a real word the corpus lacks
 * but has synonyms of (fix holds it as the synonyms file or WordNet
 * spells it, stem its stem). */
static int nearest_word(answerer *a, const char *word, const char *own_stem,
                        int loose, char *fix, char *stem)
{
	int budget = query_typo_budget(strlen(word));
	/* A short word gets one edit only when the lexicon can say it is no
	 * real word: "relx" is relax, but "cook" is not "cool". */
	if (budget == 0 && RANK_SHORT_FIX > 0 && a->dictionary &&
	    (int)strlen(word) >= RANK_SHORT_FIX)
		budget = 1;
	if (budget == 0)
		return 0;
	/* A real word is not a misspelling, even when the corpus lacks it. */
	if (real_spelling(a, word, own_stem))
		return 0;
	int n = (int)strlen(word), best = budget + 1, best_cnt = 0, cnt;
	double best_cost = 0;
	const char *w, *st;
	char first[2][2] = {{word[0], 0}, {word[1], 0}};
	int passes =
	    loose && RANK_FIX_SWAP1 && word[1] && word[1] != word[0] ? 2 : 1;
	for (int p = 0; p < passes; p++) {
		sqlite3_stmt *s =
		    candidates(a, first[p], n - budget,
		               n + budget + (loose && RANK_FIX_STEMS ? STEM_SLACK : 0));
		while (next_candidate(s, &w, &st, &cnt)) {
			int d = query_edit_distance(word, w, budget);
			/* Stems, within the typo budget of the shorter: "lood" is
			 * no "looking" for being one edit from look-. */
			if (loose && RANK_FIX_STEMS) {
				size_t a_len = strlen(own_stem), b_len = strlen(st);
				int sb = query_typo_budget(a_len < b_len ? a_len : b_len);
				int ds = sb > 0 ? query_edit_distance(own_stem, st, sb)
				                : sb + 1;
				if (ds <= sb && ds < d)
					d = ds;
			}
			if (d > budget || d > best)
				continue;
			/* Among words as many edits away, the likeliest typo
			 * ("casue": cause, a swap, not case), then the
			 * commoner. */
			double cost = query_typo_cost(word, w);
			if (d < best || cost < best_cost - 1e-9 ||
			    (cost < best_cost + 1e-9 && cnt > best_cnt)) {
				best = d;
				best_cnt = cnt;
				best_cost = cost;
				strcpy(fix, w);
				strcpy(stem, st);
			}
		}
	}
	/* A first letter typed wrong or dropped ("judden", "xygen"): the
	 * words whose first two letters are any letter and then the word's
	 * second, or its first; only when one word is nearest ("aake" is
	 * make as much as take). */
	int fbest = best, ties = 0;
	char ffix[STEMTOK_MAX + 1], fstem[STEMTOK_MAX + 1];
	for (int c = 'a'; loose && RANK_FIX_FIRST && best > 1 && c <= 'z'; c++) {
		for (int k = 0; k < 2 && word[k]; k++) {
			char two[3] = {(char)c, word[k], 0};
			if (two[0] == word[0] && k == 1)
				continue; /* the strict pass's own */
			sqlite3_stmt *s =
			    ranged(a->near_words, two, 2, n - budget, n + budget);
			while (next_candidate(s, &w, &st, &cnt)) {
				int d = query_edit_distance(word, w, budget);
				if (d < fbest) {
					fbest = d;
					ties = 1;
					strcpy(ffix, w);
					strcpy(fstem, st);
				} else if (d == fbest && d <= budget &&
				           strcmp(st, fstem) != 0) {
					ties++;
				}
			}
		}
	}
	if (fbest < best && ties == 1) {
		best = fbest;
		strcpy(fix, ffix);
		strcpy(stem, fstem);
	}
	int kind = best <= budget;
	/* A word closer to a real word the corpus reaches only through a
	 * synonym ("drctor": doctor, then doc) is that word, when no other
	 * real word is as close ("accunt" is account as much as accent); a
	 * tie goes to the corpus's own word. Stems, within the budget of the
	 * stem's length (one edit for a short one, as above). */
	int m = (int)strlen(own_stem), sb = query_typo_budget((size_t)m);
	if (sb == 0)
		sb = 1;
	if (sb > budget)
		sb = budget;
	int sbest = best <= sb ? best : sb + 1;
	char syn_stem[STEMTOK_MAX + 1] = "", syn_word[STEMTOK_MAX + 1] = "";
	for (int p = 0; loose && RANK_FIX_SYN && sb > 0 && p < passes; p++) {
		sqlite3_stmt *s =
		    ranged(a->near_syn, first[p], 1, m - sb, m + sb);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(s, 0);
			const char *sw = (const char *)sqlite3_column_text(s, 1);
			if (!t || !sw || strlen(t) > STEMTOK_MAX ||
			    strlen(sw) > STEMTOK_MAX)
				continue;
			int d = query_edit_distance(own_stem, t, sb);
			if (d < sbest) {
				sbest = d;
				strcpy(syn_stem, t);
				strcpy(syn_word, sw);
			}
		}
		sqlite3_reset(s);
	}
	if (*syn_stem && !other_real_word(a, own_stem, syn_stem, sbest, first,
	                                  passes)) {
		strcpy(fix, syn_word);
		strcpy(stem, syn_stem);
		kind = 2;
	}
	return kind;
}

/* Whether token t of text, a rare real word (uses: the lexicon's, -1 for
 * no real word; rare is never tagged by SemCor, one or two senses: "wen",
 * a cyst), is a function word with a letter dropped ("wen" for when,
 * "wat" for what); fills fix and stem like nearest_word(). Not when it
 * was typed with two capitals or more: "ISO" and "DOS" are names, not a
 * misspelt "is" or "does". */
static int dropped_letter(answerer *a, const char *text,
                          const stemtok_token *t, double uses, char *fix,
                          char *stem)
{
	int caps = 0;
	for (int i = t->start; i < t->end; i++)
		caps += text[i] >= 'A' && text[i] <= 'Z';
	if (caps > 1 || !RANK_FIX_STOP || !a->dictionary || uses < 0 ||
	    uses > RARE_USES)
		return 0;
	/* The commonest function word of the index with one letter more, of
	 * which the word is the rest. */
	int n = (int)strlen(t->word), best_cnt = 0, cnt;
	const char *f, *st;
	sqlite3_stmt *s = candidates(a, t->word, n + 1, n + 1);
	while (next_candidate(s, &f, &st, &cnt)) {
		if (cnt <= best_cnt || !stopword_is(a->lang, f))
			continue;
		const char *w = t->word;
		for (const char *c = f; *c && *w; c++) /* w a subsequence of f */
			w += *c == *w;
		if (*w == '\0') {
			best_cnt = cnt;
			strcpy(fix, f);
			strcpy(stem, st);
		}
	}
	return best_cnt > 0;
}

/* Whether word, no real word, is within its typo budget of a function
 * word of the language's list that the corpus may lack ("aftrer": after,
 * "wihtout": without), with the same first letter or the second as its
 * first; the nearest (the list's first of equals) goes into fix
 * (STEMTOK_MAX + 1 bytes). */
static int function_word_near(answerer *a, const char *word,
                              const char *own_stem, char *fix)
{
	size_t n = strlen(word), count;
	int budget = query_typo_budget(n);
	if (budget == 0 && n >= RANK_SHORT_FIX)
		budget = 1;
	if (!a->dictionary || budget == 0 || in_lexicon(a, own_stem))
		return 0;
	const char *const *list = stopword_list(a->lang, &count);
	int best = budget + 1;
	for (size_t i = 0; list && i < count; i++) {
		const char *f = list[i];
		if (f[0] != word[0] && f[0] != word[1])
			continue;
		int d = query_edit_distance(word, f, budget);
		if (d < best && strlen(f) <= STEMTOK_MAX) {
			best = d;
			strcpy(fix, f);
		}
	}
	return best <= budget;
}

/* Whether text (a word's tail) is a real word of PREFIX_MIN letters or
 * more: its stem is in the lexicon. */
static int real_word(answerer *a, const char *text)
{
	stemtok_list l = {0};
	int real = strlen(text) >= PREFIX_MIN &&
	           stemtok_splitter_run(a->split, text, (int)strlen(text), &l) ==
	               SQLITE_OK &&
	           l.n == 1 && in_lexicon(a, l.v[0].stem);
	stemtok_list_free(&l);
	return real;
}

/* The index's most frequent word that begins with word and is longer;
 * fills fix and stem like nearest_word(). A real word (its stem in the
 * lexicon) stands only for a compound of it and another real word
 * ("bed": bedtime), not for any word it happens to begin ("car" is no
 * "care", "hub" no "hubristic"); a clipped non-word ("vide") for any. */
static int longer_word(answerer *a, const char *word, const char *own_stem,
                       char *fix, char *stem)
{
	if (strlen(word) < PREFIX_MIN)
		return 0;
	int compound = RANK_COMPOUND && a->dictionary && in_lexicon(a, own_stem);
	sqlite3_stmt *s = a->complete;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, word, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, compound ? 50 : 2);
	int found = 0;
	while (!found && sqlite3_step(s) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(s, 0);
		if (!w || strcmp(w, word) == 0 || strlen(w) > STEMTOK_MAX)
			continue;
		if (compound && !real_word(a, w + strlen(word)))
			continue;
		strcpy(fix, w);
		found = 1;
	}
	sqlite3_reset(s);
	/* Its stem: the word table maps it. */
	return found && word_stem(a, fix, stem);
}

/* Whether the letters of abbr stand in w in order ("fb" in facebook). */
static int letters_in_order(const char *abbr, const char *w)
{
	for (; *abbr && *w; w++)
		abbr += *w == *abbr;
	return *abbr == '\0';
}

/* The long form of a short word that is no real word and reads as a
 * consonant skeleton ("fb", "msg", "acct": no vowel after the first
 * letter): the index's commonest longer word that begins with its first
 * letter and has its letters in order (facebook), when that word is at
 * least RANK_ABBREV_RATIO times as common as the short one, which the
 * corpus may use too (StackFAQ writes "FB" 4 times, "Facebook" 161). A
 * vowel inside says it is a clipped or misspelt word instead ("exe" is no
 * example, "dont" no document). Only with a lexicon to tell real words
 * ("fix" is not firefox), and only letters. Fills fix and stem like
 * nearest_word(). */
static int long_form(answerer *a, const char *word, const char *own_stem,
                     char *fix, char *stem)
{
	size_t n = strlen(word);
	if (!a->dictionary || n < 2 || n > ABBREV_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (word[i] < 'a' || word[i] > 'z' ||
		    (i > 0 && strchr("aeiou", word[i])))
			return 0;
	if (in_lexicon(a, own_stem))
		return 0;
	long own = word_count(a, word);
	sqlite3_stmt *s = a->by_letter;
	sqlite3_reset(s);
	bind_first_letter(s, word);
	sqlite3_bind_int(s, 3, (int)n);
	int found = 0;
	while (!found && sqlite3_step(s) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(s, 0);
		long cnt = sqlite3_column_int(s, 1);
		if (cnt < RANK_ABBREV_RATIO * (own > 0 ? own : 1))
			break; /* the rest are rarer still */
		if (!w || strlen(w) > STEMTOK_MAX || !letters_in_order(word, w) ||
		    stopword_is(a->lang, w))
			continue;
		strcpy(fix, w);
		found = 1;
	}
	sqlite3_reset(s);
	return found && word_stem(a, fix, stem) && strcmp(stem, own_stem) != 0;
}

static char *dup_col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);
	return strdup(t ? t : "");
}

static int add_fix(answer_result *r, const char *from, const char *to)
{
	answer_fix *v = realloc(r->fixes, (r->nfixes + 1) * sizeof *v);
	if (!v)
		return SQLITE_NOMEM;
	r->fixes = v;
	v[r->nfixes].from = strdup(from);
	v[r->nfixes].to = strdup(to);
	r->nfixes++;
	return v[r->nfixes - 1].from && v[r->nfixes - 1].to ? SQLITE_OK
	                                                      : SQLITE_NOMEM;
}

/* The terms being looked up for one question, with their postings. */
typedef struct {
	rank_term v[TERMS_MAX];
	postings post[TERMS_MAX]; /* post[i] owns the hits of v[i] */
	char stem[TERMS_MAX][STEMTOK_MAX + 1];
	long id[TERMS_MAX]; /* the stem's number in the index (df.id) */
	const char *how[TERMS_MAX]; /* static: as in answer_why */
	unsigned char phrase[TERMS_MAX]; /* 1: a phrase's word (add_phrases) */
	size_t n;
} term_set;

/* Whether term t speaks for the question's content: a content word's
 * term, or the word a phrase of function words says. Such terms find
 * candidates and are marked in the matched text. */
static int term_is_content(const term_set *ts, const rank_word *words, size_t t)
{
	return !words[ts->v[t].word].stop || ts->phrase[t];
}

/* Looks stem up and, when the corpus has it, adds it as a term of word w.
 * Returns an SQLite result code; *found says whether it was added. */
/* In how many groups the index has stem (0: none); *id gets its number. */
static int df_of(answerer *a, const char *stem, long *id)
{
	sqlite3_stmt *s = a->df_of;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, stem, -1, SQLITE_TRANSIENT);
	int df = 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		df = sqlite3_column_int(s, 0);
		*id = (long)sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	return df;
}

/* Adds stem as a term of word w when the index has it. Hits come later.
 * Returns an SQLite result code; *found says whether it was added. */
static int add_term(answerer *a, term_set *ts, const char *stem, int w,
                    double strength, const char *how, int *found)
{
	*found = 0;
	long id = 0;
	int df = ts->n < TERMS_MAX ? df_of(a, stem, &id) : 0;
	if (df <= 0)
		return SQLITE_OK;
	ts->id[ts->n] = id;
	strcpy(ts->stem[ts->n], stem);
	ts->how[ts->n] = how;
	ts->phrase[ts->n] = 0;
	ts->v[ts->n++] = (rank_term){w, strength, df, NULL, 0, 0, 0};
	*found = 1;
	return SQLITE_OK;
}

/* Whether form, one token once stemmed, is a term of the corpus other
 * than own_stem; if so, writes form into fix and its stem into stem
 * (STEMTOK_MAX + 1 bytes each), as nearest_word() does. */
static int corpus_form(answerer *a, const char *form, const char *own_stem,
                       char *fix, char *stem)
{
	stemtok_list l = {0};
	long id;
	int ok = strlen(form) <= STEMTOK_MAX &&
	         stemtok_splitter_run(a->split, form, (int)strlen(form), &l) ==
	             SQLITE_OK &&
	         l.n == 1 && strlen(l.v[0].stem) <= STEMTOK_MAX &&
	         strcmp(l.v[0].stem, own_stem) != 0 &&
	         df_of(a, l.v[0].stem, &id) > 0;
	if (ok) {
		strcpy(fix, form);
		strcpy(stem, l.v[0].stem);
	}
	stemtok_list_free(&l);
	return ok;
}

/* A word the corpus and the lexicon both lack, no misspelling of a corpus
 * word, that is two real words of the corpus run together ("bloodflow",
 * "backpain") is read as those two: each counts as a word of its own, at
 * full strength, and the reading is reported as a correction. Parts have
 * COMPOUND_PART letters or more and are no function words; the first
 * split from the left that works is taken. Only with a lexicon (to tell a
 * real word, which is never split, from a run-together one) and only for
 * a token whose text is its word (plain letters, so that each part keeps
 * its own place in the text). toks grows in place. */
static int split_compounds(answerer *a, stemtok_list *toks, answer_result *r)
{
	if (!RANK_SPLIT || !a->dictionary)
		return SQLITE_OK;
	/* gather() reads the first RANK_MAX_WORDS distinct stems only; the
	 * tokens after those are not worth a look-up (a 16 KB line of
	 * non-words took three times as long without this bound). */
	int distinct = 0;
	for (size_t i = 0; i < toks->n && distinct < RANK_MAX_WORDS; i++) {
		stemtok_token *t = &toks->v[i];
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(toks->v[j].stem, t->stem) == 0;
		if (seen)
			continue;
		distinct++;
		size_t n = strlen(t->word);
		long id;
		if (n < 2 * COMPOUND_PART || (size_t)(t->end - t->start) != n ||
		    stopword_is(a->lang, t->word) || df_of(a, t->stem, &id) > 0 ||
		    in_lexicon(a, t->stem))
			continue;
		char part[2][STEMTOK_MAX + 1], fix[2][STEMTOK_MAX + 1],
		    stem[2][STEMTOK_MAX + 1];
		size_t k = COMPOUND_PART;
		for (; k + COMPOUND_PART <= n; k++) {
			snprintf(part[0], sizeof part[0], "%.*s", (int)k, t->word);
			snprintf(part[1], sizeof part[1], "%s", t->word + k);
			int ok = 1;
			for (int j = 0; j < 2 && ok; j++)
				ok = !stopword_is(a->lang, part[j]) &&
				     corpus_form(a, part[j], "", fix[j], stem[j]) &&
				     in_lexicon(a, stem[j]);
			if (ok)
				break;
		}
		char f[STEMTOK_MAX + 1], st[STEMTOK_MAX + 1];
		if (k + COMPOUND_PART > n || nearest_word(a, t->word, t->stem, 0, f, st))
			continue;
		stemtok_token *v =
		    grow_to(toks->v, &toks->cap, toks->n, sizeof *v, 16);
		if (!v)
			return SQLITE_NOMEM;
		toks->v = v;
		t = &v[i];
		memmove(t + 2, t + 1, (toks->n - i - 1) * sizeof *t);
		toks->n++;
		t[1] = t[0];
		char both[2 * STEMTOK_MAX + 2];
		snprintf(both, sizeof both, "%s %s", part[0], part[1]);
		int rc = add_fix(r, t->word, both);
		if (rc != SQLITE_OK)
			return rc;
		for (int j = 0; j < 2; j++) {
			strcpy(t[j].word, part[j]);
			strcpy(t[j].stem, stem[j]);
		}
		t[0].end = t[1].start = t[0].start + (int)k;
		i++;
		distinct++;
	}
	return SQLITE_OK;
}

/* The corpus word an unknown English word is made from by a prefix that
 * turns or repeats its sense ("unreplied": replied, "unregistered":
 * registered, "reupload": upload). A question about "unreplied mails" is
 * about replies: the word's topic is its base's, whichever way the
 * prefix turns it. The base, 4 letters or more ("unit" is no "it"; a
 * hyphen after the prefix may stay: "non-free"), is stemmed and must be a
 * term of the corpus. Fills fix and stem like corpus_form(). */
static int without_prefix(answerer *a, const char *word, const char *own_stem,
                          char *fix, char *stem)
{
	/* "a-" makes a state of a word ("asleep", "afloat"); the rest must
	 * be longer, or "apart" would be "part" and "ahead" "head". */
	static const struct {
		const char *text;
		size_t rest; /* shortest rest */
	} prefix[] = {{"un", 4}, {"non", 4}, {"dis", 4}, {"mis", 4}, {"re", 4},
	              {"a", RANK_A_PREFIX}};
	if (strcmp(a->lang, "english") != 0)
		return 0;
	for (size_t i = 0; i < sizeof prefix / sizeof *prefix; i++) {
		size_t n = strlen(prefix[i].text);
		const char *base = word + n;
		if (strncmp(word, prefix[i].text, n) != 0)
			continue;
		if (*base == '-')
			base++;
		if (strlen(base) >= prefix[i].rest &&
		    corpus_form(a, base, own_stem, fix, stem))
			return 1;
	}
	return 0;
}

/* The corpus's comparative of an English word it lacks, or the word a
 * comparative it lacks compares ("low back pain": lower, "tighter":
 * tight). Snowball leaves -er and -est on. The base must be 3 letters
 * or more and the other form a term of the corpus. Fills fix and stem like
 * corpus_form(). */
static int comparative(answerer *a, const char *word, const char *own_stem,
                       char *fix, char *stem)
{
	static const char *const suffix[] = {"er", "r", "est", "st"};
	size_t n = strlen(word);
	if (strcmp(a->lang, "english") != 0 || n < 3 || n + 3 > STEMTOK_MAX)
		return 0;
	for (size_t i = 0; i < 2 * sizeof suffix / sizeof *suffix; i++) {
		const char *x = suffix[i / 2];
		size_t k = strlen(x);
		char form[STEMTOK_MAX + 1];
		if (i % 2 == 0)
			snprintf(form, sizeof form, "%s%s", word, x);
		else if (n >= k + 3 && strcmp(word + n - k, x) == 0)
			snprintf(form, sizeof form, "%.*s", (int)(n - k), word);
		else
			continue;
		if (corpus_form(a, form, own_stem, fix, stem))
			return 1;
	}
	return 0;
}

/* Adds the corpus's synonyms of stem as terms of word w; own says the
 * corpus has the word itself, fixed that stem is a spelling fix's (the
 * synonyms then score at the fix's strength too). */
static int add_synonyms(answerer *a, term_set *ts, const char *stem, int w,
                        int own, int fixed, int *found)
{
	char targets[SYN_MAX][STEMTOK_MAX + 1];
	int mutual[SYN_MAX];
	int n = 0, rc = SQLITE_OK;
	sqlite3_stmt *s = a->syn;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, stem, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, SYN_MAX);
	while (n < SYN_MAX && sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		if (t && strlen(t) <= STEMTOK_MAX) {
			mutual[n] = sqlite3_column_int(s, 1);
			strcpy(targets[n++], t);
		}
	}
	sqlite3_reset(s);
	for (int i = 0; rc == SQLITE_OK && i < n; i++) {
		int f;
		double strength = mutual[i] == SYN_DEFINITION
		                      ? RANK_DEF_STRENGTH
		                  : mutual[i] > 0 && !own ? RANK_SYN_MUTUAL
		                                          : RANK_SYN_STRENGTH;
		if (strength <= 0)
			continue;
		rc = add_term(
		    a, ts, targets[i], w,
		    fixed ? strength * RANK_FIX_STRENGTH : strength,
		    mutual[i] == SYN_DEFINITION ? "definition" : "synonym", &f);
		if (f && mutual[i] != SYN_DEFINITION)
			ts->v[ts->n - 1].synonym = 1;
		if (f && fixed && RANK_FIX_COVER)
			ts->v[ts->n - 1].cover = strength;
		/* A definition's word ranks only: it never makes the bot
		 * surer, nor the word a known one. */
		if (f && mutual[i] == SYN_DEFINITION)
			ts->v[ts->n - 1].cover = RANK_COVER_NONE;
		else
			*found |= f;
	}
	return rc;
}

/* The word (index into words) with this stem, or -1. */
static int word_of_stem(const stemtok_list *toks, const char *stem,
                        const rank_word *words, int nwords)
{
	for (int w = 0; w < nwords; w++)
		if (strcmp(toks->v[words[w].pos].stem, stem) == 0)
			return w;
	return -1;
}

static int word_of_token(const stemtok_list *toks, size_t tok,
                         const rank_word *words, int nwords)
{
	return word_of_stem(toks, toks->v[tok].stem, words, nwords);
}

/* Two neighbouring tokens i, i + 1 that the corpus writes as one word
 * ("strike through": strikethrough, "e-mail": email, "spread sheet"):
 * that word's stem becomes a term of both, at RANK_JOIN. Only when they
 * stand apart by spaces or one hyphen (not an apostrophe: "can't" is no
 * "cant"), and the first is no function word ("the file" is no
 * "thefile"). */
static int add_joined(answerer *a, const char *text, const stemtok_list *toks,
                      size_t i, rank_word *words, int nwords, term_set *ts)
{
	const stemtok_token *x = &toks->v[i], *y = &toks->v[i + 1];
	int hyphens = 0;
	for (int k = x->end; k < y->start; k++) {
		if (text[k] == '-')
			hyphens++;
		else if (text[k] != ' ')
			return SQLITE_OK;
	}
	int wx = word_of_token(toks, i, words, nwords);
	int wy = word_of_token(toks, i + 1, words, nwords);
	if (hyphens > 1 || wx < 0 || wy < 0 || wx == wy || words[wx].stop)
		return SQLITE_OK;
	char joined[2 * STEMTOK_MAX + 1], stem[STEMTOK_MAX + 1];
	snprintf(joined, sizeof joined, "%s%s", x->word, y->word);
	if (strlen(joined) > STEMTOK_MAX || !word_stem(a, joined, stem))
		return SQLITE_OK;
	/* A word the question has on its own already counts. */
	if (word_of_stem(toks, stem, words, nwords) >= 0)
		return SQLITE_OK;
	int f = 0, rc = add_term(a, ts, stem, wx, RANK_JOIN, "joined words", &f);
	words[wx].known |= f;
	if (rc == SQLITE_OK && f && !words[wy].stop) {
		rc = add_term(a, ts, stem, wy, RANK_JOIN, "joined words", &f);
		words[wy].known |= f;
	}
	return rc;
}

/* Every distinct stem of the question becomes a word; its terms are its
 * own stem, the corpus's synonyms of it, and, when the corpus has neither,
 * the nearest spelling or a longer word it begins. Function words get only
 * their own stem, at a low strength. */
static int gather(answerer *a, const char *text, const stemtok_list *toks,
                  rank_word *words, int *nwords, term_set *ts,
                  answer_result *r)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < toks->n; i++) {
		const stemtok_token *t = &toks->v[i];
		if (*nwords >= RANK_MAX_WORDS)
			break;
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(toks->v[j].stem, t->stem) == 0;
		if (seen)
			continue;
		int w = (*nwords)++, stop = stopword_is(a->lang, t->word);
		int own = 0, syn = 0, other = 0;
		words[w] = (rank_word){(int)i, 0, stop, 1};
		/* How much of a noun it is: see rank.c. */
		double uses = -1;
		double noun = stop ? -1 : noun_share(a, t->stem, &uses);
		if (noun >= 0)
			words[w].noun = noun;
		rc = add_term(a, ts, t->stem, w,
		              stop ? RANK_STOP_STRENGTH : 1,
		              stop ? "function word" : "word", &own);
		if (rc == SQLITE_OK && !stop)
			rc = add_synonyms(a, ts, t->stem, w, own, 0, &syn);
		char fix[STEMTOK_MAX + 1], stem[STEMTOK_MAX + 1];
		double strength = 0;
		const char *how = NULL;
		int near = 0; /* a spelling fix: 1, or 2 through a synonym */
		if (rc == SQLITE_OK && !syn && !stop &&
		    long_form(a, t->word, t->stem, fix, stem))
			strength = RANK_ABBREV_STRENGTH, how = "abbreviation";
		else if (rc == SQLITE_OK && !own && !syn && !stop) {
			if (nearest_word(a, t->word, t->stem, 0, fix, stem) ||
			    dropped_letter(a, text, t, uses, fix, stem))
				near = 1;
			else if (RANK_AFFIX_STRENGTH > 0 &&
			         without_prefix(a, t->word, t->stem, fix, stem))
				strength = RANK_AFFIX_STRENGTH, how = "without prefix";
			else if (RANK_COMPARE_STRENGTH > 0 &&
			         comparative(a, t->word, t->stem, fix, stem))
				strength = RANK_COMPARE_STRENGTH, how = "comparative";
			else
				near = nearest_word(a, t->word, t->stem, 1, fix, stem);
			if (near) {
				strength = RANK_FIX_STRENGTH, how = "spelling";
				/* A misspelt function word ("whta", "shoud") is
				 * that function word: it says nothing of the
				 * topic, so an entry lacking it loses nothing. */
				if (RANK_FIX_STOP && stopword_is(a->lang, fix)) {
					words[w].stop = 1;
					strength *= RANK_STOP_STRENGTH;
				}
			}
			if (!near && strength == 0 && RANK_FIX_STOPLIST &&
			    function_word_near(a, t->word, t->stem, fix)) {
				/* It says nothing of the topic, as the function
				 * word would not; the corpus lacks that word. */
				words[w].stop = 1;
				rc = add_fix(r, t->word, fix);
			} else if (!near && strength == 0 &&
			    longer_word(a, t->word, t->stem, fix, stem))
				strength = RANK_PREFIX_STRENGTH, how = "longer word";
		}
		if (strength > 0) {
			rc = add_term(a, ts, stem, w, strength, how, &other);
			if (other && near && RANK_FIX_COVER)
				ts->v[ts->n - 1].cover = strength / RANK_FIX_STRENGTH;
			/* A fixed word has its synonyms, as it has spelt right;
			 * a real word the corpus lacks, only them. */
			int fs = 0;
			if ((RANK_FIX_SYNS || near == 2) && rc == SQLITE_OK && near &&
			    !words[w].stop)
				rc = add_synonyms(a, ts, stem, w, other, 1, &fs);
			other |= fs;
			if (rc == SQLITE_OK && other)
				rc = add_fix(r, t->word, fix);
		}
		words[w].known = own || syn || other;
		/* A non-word nothing reads weighs as the real word it most
		 * likely is ("reav": real, an adjective), not as a name. */
		if (RANK_TYPO_NOUN && rc == SQLITE_OK && !words[w].known &&
		    !words[w].stop && noun < 0 && a->dictionary)
			likely_noun(a, t->word, t->stem, &words[w].noun);
	}
	if (RANK_JOIN > 0)
		for (size_t i = 0; rc == SQLITE_OK && i + 1 < toks->n; i++)
			rc = add_joined(a, text, toks, i, words, *nwords, ts);
	return rc;
}

static int fill_matches(answerer *a, const rank_result *res, size_t n,
                        double threshold, answer_result *r)
{
	r->m = calloc(n ? n : 1, sizeof *r->m);
	if (!r->m)
		return SQLITE_NOMEM;
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < n; i++) {
		sqlite3_stmt *s = a->entry;
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, res[i].doc);
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			return rc == SQLITE_DONE ? SQLITE_CORRUPT : rc;
		rc = SQLITE_OK;
		answer_match *m = &r->m[r->n++];
		m->id = dup_col(s, 0);
		m->label = dup_col(s, 1);
		m->score = res[i].confidence;
		/* offered under "did you mean": close to the threshold, or at
		 * least half as sure as the first offer */
		m->close = m->score >= threshold / 2 ||
		           (i > 0 && m->score >= r->m[0].score / 2);
		if (i == 0) {
			r->confidence = res[i].confidence;
			if (res[i].confidence >= threshold)
				r->answer = dup_col(s, 2);
			else
				r->suggest = m->close;
		}
	}
	return rc;
}

void answer_explain(answerer *a, int on)
{
	a->explain = on;
}

/* The index's most frequent word with this stem (malloc'ed), or NULL. */
static char *surface_of(answerer *a, const char *stem)
{
	sqlite3_stmt *s = a->word_of;
	char *w = NULL;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, stem, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW)
		w = dup_col(s, 0);
	sqlite3_reset(s);
	return w;
}

/* Adds a span for every token of text whose stem is one of the matched
 * stems. */
static int mark(answerer *a, const char *text, int in_answer,
                char (*stems)[STEMTOK_MAX + 1], int nstems, answer_result *r)
{
	stemtok_list l = {0};
	int rc = stemtok_splitter_run(a->split, text, (int)strlen(text), &l);
	for (size_t i = 0; rc == SQLITE_OK && i < l.n; i++) {
		int hit = 0;
		for (int k = 0; k < nstems && !hit; k++)
			hit = strcmp(stems[k], l.v[i].stem) == 0;
		if (!hit)
			continue;
		answer_span *v = realloc(r->spans, (r->nspans + 1) * sizeof *v);
		if (!v) {
			rc = SQLITE_NOMEM;
			break;
		}
		r->spans = v;
		v[r->nspans++] = (answer_span){in_answer, (size_t)l.v[i].start,
		                               (size_t)l.v[i].end};
	}
	stemtok_list_free(&l);
	return rc;
}

/* Fills r's why, text and spans for entry doc. */
static int explain(answerer *a, const stemtok_list *toks,
                   const rank_word *words, int nwords, const term_set *ts,
                   const rank_stats *st, int local, int doc, answer_result *r)
{
	rank_part parts[RANK_MAX_WORDS];
	char stems[RANK_MAX_WORDS][STEMTOK_MAX + 1];
	int nstems = 0;
	rank_explain(st, words, nwords, ts->v, ts->n, local, parts);
	r->why = calloc((size_t)(nwords ? nwords : 1), sizeof *r->why);
	if (!r->why)
		return SQLITE_NOMEM;
	for (int w = 0; w < nwords; w++) {
		answer_why *y = &r->why[r->nwhy++];
		int t = parts[w].term;
		y->word = strdup(toks->v[words[w].pos].word);
		y->how = words[w].stop ? "function word" : "word";
		y->score = parts[w].score;
		y->share = parts[w].share;
		y->matched = parts[w].matched;
		if (t < 0)
			continue;
		y->how = ts->how[t];
		int cols = parts[w].cols;
		y->where = cols == 3 ? "question+answer" : cols == 1 ? "question"
		                                                     : "answer";
		if (strcmp(ts->stem[t], toks->v[words[w].pos].stem) != 0)
			y->used = surface_of(a, ts->stem[t]);
		/* function words are not worth marking; a phrase's word is */
		if (term_is_content(ts, words, (size_t)t))
			strcpy(stems[nstems++], ts->stem[t]);
	}
	sqlite3_stmt *s = a->entry;
	sqlite3_reset(s);
	sqlite3_bind_int(s, 1, doc);
	if (sqlite3_step(s) == SQLITE_ROW)
		r->text = dup_col(s, 2);
	sqlite3_reset(s);
	int rc = SQLITE_OK;
	if (r->n)
		rc = mark(a, r->m[0].label, 0, stems, nstems, r);
	if (rc == SQLITE_OK && r->text)
		rc = mark(a, r->text, 1, stems, nstems, r);
	return rc;
}

void answer_reference(answerer *a, int on)
{
	a->reference = on;
}

/* The reference path: every posting of every term, from fts5vocab; the
 * whole index's statistics, loaded on first use. Ranks into res. */
static int rank_reference(answerer *a, const rank_word *words, int nwords,
                          term_set *ts, rank_result *res, size_t top,
                          size_t *nres)
{
	int rc = a->grp ? SQLITE_OK : load_stats(a);
	for (size_t i = 0; rc == SQLITE_OK && i < ts->n; i++) {
		postings *p = &ts->post[i];
		p->n = 0;
		p->df = 0;
		rc = read_postings(a, ts->stem[i], p);
		ts->v[i].hits = p->v;
		ts->v[i].nhits = p->n;
	}
	if (rc == SQLITE_OK)
		*nres = rank_score(&a->st, words, nwords, ts->v, ts->n, res, top);
	return rc;
}

/* The fast path (fast.c): candidates, then their exact hits, ranked with
 * statistics in the candidates' local numbering (*st); res gets local
 * docs, *map the index's id of each. */
static int rank_fast(answerer *a, const rank_word *words, int nwords,
                     term_set *ts, rank_result *res, size_t top,
                     size_t *nres, rank_stats *st, const int **map)
{
	fast_term ft[TERMS_MAX];
	for (size_t i = 0; i < ts->n; i++)
		ft[i] = (fast_term){&ts->v[i], ts->id[i],
		                    term_is_content(ts, words, i)};
	fast_cands c;
	int rc = fast_fetch(a->fast, ft, ts->n, a->st.ngroups, CANDIDATES, &c);
	if (rc != SQLITE_OK)
		return rc;
	*st = a->st;
	st->ndocs = c.n;
	st->len[RANK_QUESTION] = c.len[RANK_QUESTION];
	st->len[RANK_ANSWER] = c.len[RANK_ANSWER];
	st->grp = c.grp;
	st->glen = NULL; /* pooling needs whole groups: reference path only */
	*map = c.doc;
	*nres = c.n ? rank_score(st, words, nwords, ts->v, ts->n, res, top) : 0;
	return SQLITE_OK;
}

/* An English phrase of the question that says one word ("more than one":
 * multiple, query_phrase_word()) gives that word as a term of the phrase's
 * first function word. The function word still counts nothing in the
 * confidence (a question is not judged covered or not by it), so the
 * phrase helps entries that say the word rank, and an entry that does not
 * say it loses no confidence. English indexes only. */
static int add_phrases(answerer *a, const stemtok_list *toks,
                       const rank_word *words, int nwords, term_set *ts)
{
	int rc = SQLITE_OK;
	if (RANK_PHRASE_STRENGTH <= 0 || strcmp(a->lang, "english") != 0)
		return rc;
	for (size_t i = 0; rc == SQLITE_OK && i < toks->n; i++) {
		const char *v[4];
		size_t n = 0, len = 0;
		while (n < 4 && i + n < toks->n) {
			v[n] = toks->v[i + n].word;
			n++;
		}
		const char *word = query_phrase_word(v, n, &len);
		size_t k = i;
		while (word && k < i + len && !stopword_is(a->lang, toks->v[k].word))
			k++;
		if (!word || k == i + len)
			continue;
		int w = 0; /* the function word's own word: its first token */
		while (w < nwords &&
		       strcmp(toks->v[words[w].pos].stem, toks->v[k].stem) != 0)
			w++;
		stemtok_list l = {0};
		rc = stemtok_splitter_run(a->split, word, (int)strlen(word), &l);
		int found = 0;
		if (rc == SQLITE_OK && w < nwords && words[w].stop && l.n == 1)
			rc = add_term(a, ts, l.v[0].stem, w, RANK_PHRASE_STRENGTH,
			              "phrase", &found);
		if (rc == SQLITE_OK && found)
			ts->phrase[ts->n - 1] = 1;
		stemtok_list_free(&l);
	}
	return rc;
}

int answer_ask(answerer *a, const char *q, size_t len, size_t top,
               double threshold, answer_result *out, char *msg,
               size_t msg_size)
{
	memset(out, 0, sizeof *out);
	if (len > QUERY_MAX_BYTES) {
		out->declined = "question too long (over 16384 bytes)";
		return 0;
	}
	char *text = query_clean(q, len);
	if (!text) {
		snprintf(msg, msg_size, "out of memory");
		return -1;
	}
	if (strspn(text, " \t") == len) {
		out->declined = "empty question";
		free(text);
		return 0;
	}
	stemtok_list toks = {0};
	rank_word words[RANK_MAX_WORDS];
	term_set *ts = calloc(1, sizeof *ts);
	/* With sentence vectors the word ranking's first RANK_VEC_POOL are
	 * reordered, and the first top of them kept. */
	size_t want = a->vectors && top < RANK_VEC_POOL ? RANK_VEC_POOL : top;
	rank_result *res = calloc(want ? want : 1, sizeof *res);
	int nwords = 0;
	size_t nres = 0;
	int rc = res && ts ? stemtok_splitter_run(a->split, text, (int)len, &toks)
	                   : SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = split_compounds(a, &toks, out);
	if (rc == SQLITE_OK)
		rc = gather(a, text, &toks, words, &nwords, ts, out);
	if (rc == SQLITE_OK)
		rc = add_phrases(a, &toks, words, nwords, ts);
	rank_stats st = a->st;
	const int *map = NULL;
	/* Every index takes the fast path, small ones too: with fewer entries
	 * than candidates it scores every entry that has a question word, as
	 * the reference path does, and it never connects to FTS5 (0.3 ms of a
	 * one-shot question on the article). */
	int whole = a->reference;
	if (rc == SQLITE_OK && whole)
		rc = rank_reference(a, words, nwords, ts, res, want, &nres);
	else if (rc == SQLITE_OK)
		rc = rank_fast(a, words, nwords, ts, res, want, &nres, &st,
		               &map);
	out->similarity = -1;
	if (rc == SQLITE_OK && a->vectors && nres > 0)
		rc = fuse_vectors(a, text, strlen(text), res, map, nres,
		                  &out->similarity);
	if (nres > top)
		nres = top;
	int local = nres ? res[0].doc : 0;
	for (size_t i = 0; map && i < nres; i++)
		res[i].doc = map[res[i].doc];
	if (rc == SQLITE_OK)
		rc = fill_matches(a, res, nres, threshold, out);
	if (rc == SQLITE_OK && a->explain && nres > 0)
		rc = explain(a, &toks, words, nwords, ts, whole ? &a->st : &st,
		             local, res[0].doc, out);
	for (size_t i = 0; ts && i < TERMS_MAX; i++)
		free(ts->post[i].v);
	free(ts);
	stemtok_list_free(&toks);
	free(res);
	free(text);
	if (rc != SQLITE_OK) {
		snprintf(msg, msg_size, "%s: cannot read index (%s); rebuild it with: "
		         "faqbot-index CORPUS -o %s", a->path, sqlite3_errstr(rc),
		         a->path);
		answer_result_free(out);
		return -1;
	}
	return 0;
}

void answer_result_free(answer_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->m[i].id);
		free(r->m[i].label);
	}
	for (size_t i = 0; i < r->nfixes; i++) {
		free(r->fixes[i].from);
		free(r->fixes[i].to);
	}
	for (size_t i = 0; i < r->nwhy; i++) {
		free(r->why[i].word);
		free(r->why[i].used);
	}
	free(r->m);
	free(r->fixes);
	free(r->answer);
	free(r->why);
	free(r->text);
	free(r->spans);
	memset(r, 0, sizeof *r);
}

char *answer_text(answerer *a, const char *id)
{
	/* Prepared here, not in prepare_all: only the prompt asks, and only
	 * after "did you mean". */
	sqlite3_stmt *s;
	char *text = NULL;
	if (sqlite3_prepare_v2(a->db, "SELECT answer FROM entry WHERE ext_id = ?1",
	                       -1, &s, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		text = dup_col(s, 0);
	sqlite3_finalize(s);
	return text;
}

char **answer_complete(answerer *a, const char *prefix, size_t max)
{
	char **v = calloc(max + 1, sizeof *v);
	if (!v)
		return NULL;
	sqlite3_stmt *s = a->complete;
	sqlite3_reset(s);
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)max);
	size_t n = 0;
	while (n < max && sqlite3_step(s) == SQLITE_ROW)
		if ((v[n] = dup_col(s, 0)))
			n++;
	return v;
}
