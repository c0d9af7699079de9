/* build.c: faqbot-index's writer. Everything goes into a temporary SQLite
 * file in one transaction; rename() puts it in place atomically. */
#include "build.h"
#include "schema.h"
#include "stemtok.h"
#include "stopwords.h"
#include "strmap.h"
#include "varint.h"
#include "wordnet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
	sqlite3 *db;
	const char *lang;
	sqlite3_stmt *ins_entry, *ins_syn, *ins_fwd, *ins_post;
	stemtok_splitter *split; /* owned */
	strmap words;  /* surface word -> count, aux its stem */
	strmap groups; /* question text (borrowed from the corpus) -> group */
	strmap dfs;    /* stem -> groups it occurs in; last: the last group;
	                * tag: the stem's number (1..nterms) */
	long nterms;
	long grp;      /* the group of the entry being added */
	double sum[2]; /* question and answer tokens of all entries */
	long ngroups;
	/* The entry being added as a fwd blob (see schema.c). */
	unsigned char *fwd;
	size_t nfwd, fwd_cap;
	/* post's segment being gathered: for each stem number t, the entries
	 * whose question (post[2t]) or text (post[2t + 1]) has it, since the
	 * last flush. */
	struct plist {
		unsigned char *b; /* owned */
		size_t n, cap;
		long prev;        /* the last entry added (deltas start from it) */
	} *post;              /* [0..post_cap) */
	size_t post_cap, post_bytes, post_flush;
	long seg;             /* segments written */
} writer;

/* post is written a segment at a time when its postings pass this many
 * bytes (unless the options say otherwise), so a large corpus needs no
 * more memory than about this for them. */
#define POST_FLUSH (8u << 20)

/* Senses of a corpus word whose synonyms are taken: WordNet lists the
 * common senses first, and past the first the synonyms are mostly of
 * meanings the corpus does not have ("ache": yearn, pine). Two senses
 * scored the same on StackFAQ's dev half and the article's sets. */
#define SYN_SENSES 1

static int prepare(writer *w)
{
	int rc = sqlite3_prepare_v2(
	    w->db,
	    "INSERT INTO entry(id, ext_id, grp, kind, label, question, answer,"
	    " source, line, qlen, alen) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
	    -1, &w->ins_entry, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db,
		                        "INSERT OR IGNORE INTO syn VALUES(?1, ?2)", -1,
		                        &w->ins_syn, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, "INSERT INTO fwd VALUES(?1, ?2)", -1,
		                        &w->ins_fwd, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(w->db, "INSERT INTO post VALUES(?1, ?2, ?3, ?4)",
		                        -1, &w->ins_post, NULL);
	return rc;
}

static void finalize(writer *w)
{
	sqlite3_finalize(w->ins_entry);
	sqlite3_finalize(w->ins_syn);
	sqlite3_finalize(w->ins_fwd);
	sqlite3_finalize(w->ins_post);
}

/* Makes room for more bytes at the end of *b (n used, *cap allocated). */
static int reserve(unsigned char **b, size_t n, size_t *cap, size_t more)
{
	if (n + more <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < n + more)
		c *= 2;
	unsigned char *nb = realloc(*b, c);
	if (!nb)
		return -1;
	*b = nb;
	*cap = c;
	return 0;
}

static int put_fwd(writer *w, uint64_t v)
{
	if (reserve(&w->fwd, w->nfwd, &w->fwd_cap, VARINT_MAX) != 0)
		return -1;
	w->nfwd += varint_put(w->fwd + w->nfwd, v);
	return 0;
}

/* Writes the postings gathered since the last flush as one segment. */
static int flush_postings(writer *w)
{
	int rc = SQLITE_OK;
	for (size_t t = 0; rc == SQLITE_OK && t < w->post_cap; t++) {
		struct plist *p = &w->post[t];
		if (!p->n)
			continue;
		sqlite3_stmt *s = w->ins_post;
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, (int)(t & 1));
		sqlite3_bind_int64(s, 2, (sqlite3_int64)(t / 2));
		sqlite3_bind_int64(s, 3, w->seg);
		sqlite3_bind_blob(s, 4, p->b, (int)p->n, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
		p->n = 0;
		p->prev = 0;
	}
	w->seg++;
	w->post_bytes = 0;
	return rc;
}

/* Records that entry id has stem number term in its question (kind 0) or
 * anywhere (1), once per entry: an entry's tokens are added together, so
 * prev is this entry when the stem was seen in it already. */
static int add_posting(writer *w, long term, int kind, long id)
{
	long t = 2 * term + kind;
	if ((size_t)t >= w->post_cap) {
		size_t cap = w->post_cap ? w->post_cap * 2 : 1024;
		while (cap <= (size_t)t)
			cap *= 2;
		struct plist *v = realloc(w->post, cap * sizeof *v);
		if (!v)
			return SQLITE_NOMEM;
		memset(v + w->post_cap, 0, (cap - w->post_cap) * sizeof *v);
		w->post = v;
		w->post_cap = cap;
	}
	struct plist *p = &w->post[t];
	if (p->n && p->prev == id)
		return SQLITE_OK;
	if (reserve(&p->b, p->n, &p->cap, VARINT_MAX) != 0)
		return SQLITE_NOMEM;
	size_t k = varint_put(p->b + p->n, zigzag((int64_t)id - p->prev));
	p->n += k;
	p->prev = id;
	w->post_bytes += k;
	return SQLITE_OK;
}

/* Context of on_synonym: the corpus word's stem the synonyms lead to. */
typedef struct {
	writer *w;
	const char *target;
	int rc;
} syn_ctx;

static void on_synonym(void *p, const char *synonym)
{
	syn_ctx *c = p;
	stemtok_list l = {0};
	if (c->rc != SQLITE_OK)
		return;
	c->rc = stemtok_splitter_run(c->w->split, synonym, (int)strlen(synonym),
	                      &l);
	/* One-token synonyms only; a hyphenated one would be two terms. */
	if (c->rc == SQLITE_OK && l.n == 1 && strcmp(l.v[0].stem, c->target)) {
		sqlite3_stmt *s = c->w->ins_syn;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, l.v[0].stem, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, c->target, -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			c->rc = SQLITE_ERROR;
	}
	stemtok_list_free(&l);
}

/* Each word of each of the author's sets leads to every other one. Words
 * of more than one token are left out. */
static int add_author_synonyms(writer *w, const synfile *sf)
{
	int rc = SQLITE_OK;
	for (size_t i = 0; rc == SQLITE_OK && i < sf->n; i++) {
		const synfile_set *set = &sf->sets[i];
		for (size_t a = 0; rc == SQLITE_OK && a < set->n; a++) {
			stemtok_list l = {0};
			rc = stemtok_splitter_run(w->split, set->words[a],
			                   (int)strlen(set->words[a]), &l);
			syn_ctx c = {w, l.n == 1 ? l.v[0].stem : NULL, rc};
			for (size_t b = 0; c.target && b < set->n; b++)
				if (b != a)
					on_synonym(&c, set->words[b]);
			rc = c.rc;
			stemtok_list_free(&l);
		}
	}
	return rc;
}

/* Context of on_lemma. */
typedef struct {
	writer *w;
	sqlite3_stmt *ins;
	int rc;
} lexicon_ctx;

static void on_lemma(void *p, const char *lemma)
{
	lexicon_ctx *c = p;
	stemtok_list l = {0};
	/* Short words are never corrected, so they need no entry. */
	if (c->rc != SQLITE_OK || strlen(lemma) < 5)
		return;
	c->rc = stemtok_splitter_run(c->w->split, lemma, (int)strlen(lemma), &l);
	if (c->rc == SQLITE_OK && l.n == 1) {
		sqlite3_reset(c->ins);
		sqlite3_bind_text(c->ins, 1, l.v[0].stem, -1, SQLITE_STATIC);
		if (sqlite3_step(c->ins) != SQLITE_DONE)
			c->rc = SQLITE_ERROR;
	}
	stemtok_list_free(&l);
}

/* The stems of every word WordNet knows, so that the bot corrects only
 * misspellings, never a real word the corpus happens not to use
 * ("massage" is not a misspelt "message"). */
static int add_lexicon(writer *w, wordnet *wn)
{
	lexicon_ctx c = {w, NULL, SQLITE_OK};
	c.rc = sqlite3_prepare_v2(w->db, "INSERT OR IGNORE INTO lexicon VALUES(?1)",
	                          -1, &c.ins, NULL);
	if (c.rc == SQLITE_OK)
		wordnet_each_lemma(wn, on_lemma, &c);
	sqlite3_finalize(c.ins);
	return c.rc;
}

/* For every word of the corpus, its WordNet synonyms lead to its stem. */
static int add_synonyms(writer *w, wordnet *wn)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "SELECT word, stem FROM word", -1, &s,
	                            NULL);
	while (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *word = (const char *)sqlite3_column_text(s, 0);
		syn_ctx c = {w, (const char *)sqlite3_column_text(s, 1), SQLITE_OK};
		if (word && c.target && !stopword_is(w->lang, word))
			wordnet_synonyms(wn, word, SYN_SENSES, on_synonym, &c);
		rc = c.rc;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Counts the tokens of text and each surface word (in memory: the word
 * table is written once at the end), appends their stem numbers to the
 * entry's fwd blob and entry id's postings (is_q: text is its question);
 * returns the token count or -1. */
static int add_words(writer *w, const char *text, long id, int is_q)
{
	stemtok_list l = {0};
	int rc = stemtok_splitter_run(w->split, text, (int)strlen(text), &l);
	for (size_t i = 0; rc == SQLITE_OK && i < l.n; i++) {
		strmap_slot *s = strmap_get(&w->words, l.v[i].word);
		if (!s || strmap_set_aux(s, l.v[i].stem) != 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		s->value++;
		/* Entries come group by group, so a group is counted once. */
		strmap_slot *d = strmap_get(&w->dfs, l.v[i].stem);
		if (!d) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (d->last != w->grp) {
			d->value++;
			d->last = w->grp;
		}
		if (!d->tag)
			d->tag = ++w->nterms;
		if (put_fwd(w, (uint64_t)d->tag) != 0 ||
		    (is_q && add_posting(w, d->tag, 0, id) != SQLITE_OK) ||
		    add_posting(w, d->tag, 1, id) != SQLITE_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	int n = rc == SQLITE_OK ? (int)l.n : -1;
	stemtok_list_free(&l);
	return n;
}

static int write_df(writer *w)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "INSERT INTO df VALUES(?1, ?2, ?3)",
	                            -1, &s, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < w->dfs.cap; i++) {
		const strmap_slot *x = &w->dfs.slots[i];
		if (!x->key)
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, x->key, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, x->value);
		sqlite3_bind_int64(s, 3, x->tag);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}

static int write_words(writer *w)
{
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v2(w->db, "INSERT INTO word VALUES(?1, ?2, ?3)",
	                            -1, &s, NULL);
	for (size_t i = 0; rc == SQLITE_OK && i < w->words.cap; i++) {
		const strmap_slot *x = &w->words.slots[i];
		if (!x->key)
			continue;
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, x->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, x->aux, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, x->value);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	return rc;
}

/* Entries with the same (non-empty) question text form one group, so the
 * ranking can treat several answers to one question as one candidate.
 * Returns the group (the first such entry's id), or -1 on no memory. */
static sqlite3_int64 group_of(writer *w, const corpus_entry *e,
                              sqlite3_int64 id)
{
	if (!*e->question)
		return id;
	strmap_slot *s = strmap_get(&w->groups, e->question);
	if (!s)
		return -1;
	if (!s->value)
		s->value = id;
	return s->value;
}

static int add_entry(writer *w, const char *source, const corpus_entry *e,
                     sqlite3_int64 id, sqlite3_int64 grp)
{
	w->grp = (long)grp;
	/* fwd: grp, qlen, then the stems; qlen is known only after the
	 * question, so the stems go after a gap that is filled in then. */
	unsigned char head[2 * VARINT_MAX];
	w->nfwd = sizeof head;
	int qlen = add_words(w, e->question, (long)id, 1);
	int alen = qlen < 0 ? -1 : add_words(w, e->answer, (long)id, 0);
	if (qlen < 0 || alen < 0)
		return SQLITE_ERROR;
	size_t nh = varint_put(head, (uint64_t)grp);
	nh += varint_put(head + nh, (uint64_t)qlen);
	unsigned char *blob = w->fwd + sizeof head - nh;
	memcpy(blob, head, nh);
	sqlite3_stmt *f = w->ins_fwd;
	sqlite3_reset(f);
	sqlite3_bind_int64(f, 1, id);
	sqlite3_bind_blob(f, 2, blob, (int)(w->nfwd - (sizeof head - nh)),
	                  SQLITE_STATIC);
	if (sqlite3_step(f) != SQLITE_DONE)
		return SQLITE_ERROR;
	/* Between entries, so that no entry's postings span two segments. */
	if (w->post_bytes >= w->post_flush && flush_postings(w) != SQLITE_OK)
		return SQLITE_ERROR;
	w->sum[0] += qlen;
	w->sum[1] += alen;
	w->ngroups += grp == id;
	sqlite3_stmt *s = w->ins_entry;
	sqlite3_reset(s);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, grp);
	sqlite3_bind_int(s, 4, (int)e->kind);
	sqlite3_bind_text(s, 5, e->label, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, e->question, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, e->answer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, source, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 9, e->line);
	sqlite3_bind_int(s, 10, qlen);
	sqlite3_bind_int(s, 11, alen);
	return sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
}

static int add_meta(sqlite3 *db, const char *key, const char *value)
{
	char *sql = sqlite3_mprintf("INSERT OR REPLACE INTO meta VALUES(%Q, %Q)",
	                            key, value);
	int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	return rc;
}

/* An entry of some source, its id (corpus order) and group. */
typedef struct {
	size_t s, i;
	sqlite3_int64 id, grp;
} entry_ref;

static int cmp_ref(const void *a, const void *b)
{
	const entry_ref *x = a, *y = b;
	if (x->grp != y->grp)
		return x->grp < y->grp ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/* Every entry with its id and group, sorted group by group (ids stay in
 * corpus order), so that per-group counts need no memory of all groups.
 * *refs is malloc'ed; *n the number of entries. */
static int order_by_group(writer *w, const build_source *src, size_t nsrc,
                          entry_ref **refs, sqlite3_int64 *n)
{
	size_t total = 0, k = 0;
	for (size_t s = 0; s < nsrc; s++)
		total += src[s].c->n;
	*refs = malloc((total ? total : 1) * sizeof **refs);
	if (!*refs)
		return SQLITE_NOMEM;
	for (size_t s = 0; s < nsrc; s++)
		for (size_t i = 0; i < src[s].c->n; i++, k++) {
			sqlite3_int64 id = (sqlite3_int64)k + 1;
			sqlite3_int64 g = group_of(w, &src[s].c->entries[i], id);
			if (g < 0)
				return SQLITE_NOMEM;
			(*refs)[k] = (entry_ref){s, i, id, g};
		}
	qsort(*refs, total, sizeof **refs, cmp_ref);
	*n = (sqlite3_int64)total;
	return SQLITE_OK;
}

/* What the bot needs of the whole corpus, so it reads no entry at start. */
static int write_stats(writer *w, sqlite3_int64 n)
{
	char v[64];
	int rc = SQLITE_OK;
	static const char *const keys[] = {"groups", "avg_qlen", "avg_alen",
	                                   "avg_glen"};
	double vals[] = {(double)w->ngroups, n ? w->sum[0] / n : 0,
	                 n ? w->sum[1] / n : 0,
	                 w->ngroups ? w->sum[1] / w->ngroups : 0};
	for (int i = 0; rc == SQLITE_OK && i < 4; i++) {
		snprintf(v, sizeof v, "%.17g", vals[i]);
		rc = add_meta(w->db, keys[i], v);
	}
	return rc;
}

/* Fills the new database; returns an SQLite result code. Ids must be
 * unique across sources: a later duplicate gets the source's name as a
 * prefix. */
static int fill(writer *w, const build_source *src, size_t nsrc,
                const build_options *opt)
{
	int rc = sqlite3_exec(w->db,
	                      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	                      "BEGIN",
	                      NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = prepare(w);
	sqlite3_int64 id = 0;
	entry_ref *refs = NULL;
	if (rc == SQLITE_OK)
		rc = order_by_group(w, src, nsrc, &refs, &id);
	for (sqlite3_int64 k = 0; rc == SQLITE_OK && k < id; k++)
		rc = add_entry(w, src[refs[k].s].name,
		               &src[refs[k].s].c->entries[refs[k].i], refs[k].id,
		               refs[k].grp);
	free(refs);
	if (rc == SQLITE_OK)
		rc = flush_postings(w);
	if (rc == SQLITE_OK)
		rc = write_words(w);
	if (rc == SQLITE_OK)
		rc = write_df(w);
	if (rc == SQLITE_OK)
		rc = write_stats(w, id);
	if (rc == SQLITE_OK && opt->wn)
		rc = add_synonyms(w, opt->wn);
	if (rc == SQLITE_OK && opt->wn)
		rc = add_lexicon(w, opt->wn);
	if (rc == SQLITE_OK && opt->syn)
		rc = add_author_synonyms(w, opt->syn);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db,
		                  "INSERT INTO fts(fts) VALUES('rebuild')",
		                  NULL, NULL, NULL);
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)id);
	if (rc == SQLITE_OK)
		rc = add_meta(w->db, "entries", buf);
	for (size_t s = 0; rc == SQLITE_OK && s < nsrc; s++) {
		char key[32];
		snprintf(key, sizeof key, "source.%zu", s + 1);
		rc = add_meta(w->db, key, src[s].name);
		if (rc == SQLITE_OK && src[s].c->title) {
			snprintf(key, sizeof key, "title.%zu", s + 1);
			rc = add_meta(w->db, key, src[s].c->title);
		}
	}
	finalize(w);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

int build_index(const build_source *src, size_t nsrc,
                const build_options *opt, const char *out, char *err,
                size_t err_size)
{
	size_t n = strlen(out);
	char *tmp = malloc(n + sizeof ".tmp-XXXXXX");
	if (!tmp) {
		snprintf(err, err_size, "out of memory");
		return -1;
	}
	memcpy(tmp, out, n);
	memcpy(tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, err_size, "%s: cannot create a file beside it: %s", out,
		         strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes it 0600; an index is as readable as any new file. */
	mode_t um = umask(0);
	umask(um);
	fchmod(fd, 0666 & ~um);
	close(fd);
	writer w = {.lang = opt->lang, .groups = {.borrow = 1}, .grp = -1,
	            .post_flush = opt->post_flush ? opt->post_flush : POST_FLUSH};
	char *msg = NULL;
	int rc = sqlite3_open(tmp, &w.db);
	if (rc == SQLITE_OK)
		rc = stemtok_register(w.db);
	if (rc == SQLITE_OK)
		rc = schema_create(w.db, opt->lang, &msg);
	if (rc == SQLITE_OK && !(w.split = stemtok_splitter_new(w.db, opt->lang)))
		rc = SQLITE_NOMEM;
	if (rc == SQLITE_OK)
		rc = fill(&w, src, nsrc, opt);
	if (rc != SQLITE_OK)
		snprintf(err, err_size, "%s: cannot write index: %s", out,
		         msg ? msg : w.db ? sqlite3_errmsg(w.db) : "out of memory");
	sqlite3_free(msg);
	stemtok_splitter_free(w.split);
	strmap_free(&w.words);
	strmap_free(&w.groups);
	strmap_free(&w.dfs);
	for (size_t t = 0; t < w.post_cap; t++)
		free(w.post[t].b);
	free(w.post);
	free(w.fwd);
	if (sqlite3_close(w.db) != SQLITE_OK && rc == SQLITE_OK) {
		snprintf(err, err_size, "%s: cannot finish writing index", out);
		rc = SQLITE_ERROR;
	}
	/* The data must be on disk before the name points at it. */
	if (rc == SQLITE_OK && (fd = open(tmp, O_RDONLY)) >= 0) {
		if (fsync(fd) != 0)
			rc = SQLITE_IOERR;
		close(fd);
	}
	if (rc == SQLITE_OK && rename(tmp, out) != 0) {
		snprintf(err, err_size, "%s: cannot replace: %s", out,
		         strerror(errno));
		rc = SQLITE_ERROR;
	}
	if (rc != SQLITE_OK)
		unlink(tmp);
	free(tmp);
	return rc == SQLITE_OK ? 0 : -1;
}
