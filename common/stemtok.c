/* stemtok.c: the "stem" FTS5 tokenizer (unicode61 + Snowball) and the C
 * entry point that runs it on a question. Uses the FTS5 v1 tokenizer API,
 * which is what SQLite 3.40 has. */
#include "stemtok.h"
#include "grow.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

/* Word frequencies are Zipfian: a small direct-mapped cache of recent
 * words and their stems saves most calls to the stemmer. */
#define CACHE_SLOTS 16384

typedef struct {
	unsigned char wlen, slen; /* 0 wlen: empty slot */
	char word[STEMTOK_MAX], stem[STEMTOK_MAX];
} cache_slot;

/* A stemmer with its cache; one per tokenizer instance because
 * sb_stemmer_stem's result lives in the stemmer. */
typedef struct {
	struct sb_stemmer *stemmer; /* owned */
	cache_slot *cache;          /* owned; CACHE_SLOTS, or NULL */
} stemmer;

typedef struct {
	fts5_tokenizer parent;      /* unicode61's methods */
	Fts5Tokenizer *parent_inst; /* owned: deleted with parent.xDelete */
	stemmer st;
	const stemtok_replay *replay; /* the registration's, or NULL */
} stem_tokenizer;

/* What a registration passes to stem_create; owned by SQLite (freed by
 * its destructor). */
typedef struct {
	fts5_api *api;
	const stemtok_replay *replay;
} stem_reg;

static int stemmer_init(stemmer *s, const char *lang)
{
	s->stemmer = sb_stemmer_new(lang, "UTF_8");
	s->cache = calloc(CACHE_SLOTS, sizeof *s->cache);
	return s->stemmer != NULL; /* the cache is optional */
}

static void stemmer_done(stemmer *s)
{
	if (s->stemmer)
		sb_stemmer_delete(s->stemmer);
	free(s->cache);
}

/* Stems word (n <= STEMTOK_MAX bytes); returns the stem, valid until the
 * next call, and its length in *len; the word itself when the stemmer
 * fails (out of memory in libstemmer). */
static const char *stem_of(stemmer *s, const char *word, int n, int *len)
{
	cache_slot *c = NULL;
	if (s->cache) {
		unsigned h = 2166136261u;
		for (int i = 0; i < n; i++)
			h = (h ^ (unsigned char)word[i]) * 16777619u;
		c = &s->cache[h & (CACHE_SLOTS - 1)];
		if (c->wlen == n && memcmp(c->word, word, (size_t)n) == 0) {
			*len = c->slen;
			return c->stem;
		}
	}
	const sb_symbol *r = sb_stemmer_stem(s->stemmer, (const sb_symbol *)word, n);
	if (!r) {
		*len = n;
		return word;
	}
	*len = sb_stemmer_length(s->stemmer);
	if (c && n > 0 && *len <= STEMTOK_MAX) {
		c->wlen = (unsigned char)n;
		c->slen = (unsigned char)*len;
		memcpy(c->word, word, (size_t)n);
		memcpy(c->stem, r, (size_t)*len);
	}
	return (const char *)r;
}

/* What the tokenize callback needs: the caller's callback and context. */
typedef struct {
	stem_tokenizer *tok;
	void *ctx;
	int (*xToken)(void *, int, const char *, int, int, int);
} stem_call;

/* n cut to at most STEMTOK_MAX bytes, backing up to the start of a UTF-8
 * character so that a cut word is still valid UTF-8. */
static int cut(const char *tok, int n)
{
	if (n <= STEMTOK_MAX)
		return n;
	n = STEMTOK_MAX;
	while (n > 0 && ((unsigned char)tok[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

int stemtok_language_ok(const char *lang)
{
	struct sb_stemmer *s = sb_stemmer_new(lang, "UTF_8");
	if (!s)
		return 0;
	sb_stemmer_delete(s);
	return 1;
}

static void stem_delete(Fts5Tokenizer *p)
{
	stem_tokenizer *t = (stem_tokenizer *)p;
	if (!t)
		return;
	if (t->parent_inst)
		t->parent.xDelete(t->parent_inst);
	stemmer_done(&t->st);
	sqlite3_free(t);
}

static int stem_create(void *reg_ptr, const char **argv, int argc,
                       Fts5Tokenizer **out)
{
	const stem_reg *reg = reg_ptr;
	fts5_api *api = reg->api;
	const char *lang = argc > 0 ? argv[0] : "english";
	void *parent_ud = NULL;
	stem_tokenizer *t = sqlite3_malloc(sizeof *t);
	if (!t)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof *t);
	t->replay = reg->replay;
	int rc = api->xFindTokenizer(api, "unicode61", &parent_ud, &t->parent);
	if (rc == SQLITE_OK)
		rc = t->parent.xCreate(parent_ud, argc > 1 ? argv + 1 : NULL,
		                       argc > 1 ? argc - 1 : 0, &t->parent_inst);
	if (rc == SQLITE_OK && !stemmer_init(&t->st, lang))
		rc = SQLITE_ERROR; /* unknown language */
	if (rc != SQLITE_OK) {
		stem_delete((Fts5Tokenizer *)t);
		t = NULL;
	}
	*out = (Fts5Tokenizer *)t;
	return rc;
}

static int stem_token(void *p, int tflags, const char *tok, int n, int start,
                      int end)
{
	stem_call *c = p;
	n = cut(tok, n);
	int len;
	const char *s = stem_of(&c->tok->st, tok, n, &len);
	return c->xToken(c->ctx, tflags, s, len, start, end);
}

static int stem_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
                         const char *text, int len,
                         int (*xToken)(void *, int, const char *, int, int,
                                       int))
{
	stem_tokenizer *t = (stem_tokenizer *)p;
	const stemtok_replay *r = t->replay;
	for (int i = 0; r && i < 2; i++) {
		if (!r->text[i] || r->len[i] != len ||
		    (len && memcmp(r->text[i], text, (size_t)len) != 0))
			continue;
		int rc = SQLITE_OK;
		for (size_t k = 0; rc == SQLITE_OK && k < r->n[i]; k++) {
			const stemtok_ref *t = &r->tok[i][k];
			rc = xToken(ctx, 0, t->stem, t->len, t->start, t->end);
		}
		return rc;
	}
	stem_call c = {t, ctx, xToken};
	return t->parent.xTokenize(t->parent_inst, &c, flags, text, len,
	                           stem_token);
}

int stemtok_register_replay(sqlite3 *db, const stemtok_replay *replay)
{
	fts5_api *api = fts5_api_of(db);
	stem_reg *reg = api ? sqlite3_malloc(sizeof *reg) : NULL;
	if (!reg)
		return api ? SQLITE_NOMEM : SQLITE_ERROR;
	reg->api = api;
	reg->replay = replay;
	fts5_tokenizer t = {stem_create, stem_delete, stem_tokenize};
	/* SQLite frees reg with the tokenizer, when db closes. */
	return api->xCreateTokenizer(api, STEMTOK_NAME, reg, &t, sqlite3_free);
}

int stemtok_register(sqlite3 *db)
{
	return stemtok_register_replay(db, NULL);
}

/* Context of stemtok_split: the list to fill and the word the parent
 * tokenizer produced, which stem_token replaces by its stem. */
typedef struct {
	stemtok_list *out;
	stemmer *st;
} split_ctx;

static int split_token(void *p, int tflags, const char *tok, int n, int start,
                       int end)
{
	split_ctx *c = p;
	stemtok_list *l = c->out;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;
	stemtok_token *v = grow_to(l->v, &l->cap, l->n, sizeof *v, 16);
	if (!v)
		return SQLITE_NOMEM;
	l->v = v;
	stemtok_token *t = &l->v[l->n++];
	n = cut(tok, n);
	memcpy(t->word, tok, (size_t)n);
	t->word[n] = '\0';
	int sn;
	const char *s = stem_of(c->st, tok, n, &sn);
	sn = cut(s, sn);
	memcpy(t->stem, s, (size_t)sn);
	t->stem[sn] = '\0';
	t->start = start;
	t->end = end;
	return SQLITE_OK;
}

struct stemtok_splitter {
	fts5_tokenizer parent;  /* unicode61's methods */
	Fts5Tokenizer *inst;    /* owned */
	stemmer st;
};

stemtok_splitter *stemtok_splitter_new(sqlite3 *db, const char *lang)
{
	fts5_api *api = fts5_api_of(db);
	stemtok_splitter *sp = calloc(1, sizeof *sp);
	void *ud = NULL;
	if (!api || !sp ||
	    api->xFindTokenizer(api, "unicode61", &ud, &sp->parent) != SQLITE_OK ||
	    sp->parent.xCreate(ud, NULL, 0, &sp->inst) != SQLITE_OK ||
	    !stemmer_init(&sp->st, lang)) {
		stemtok_splitter_free(sp);
		return NULL;
	}
	return sp;
}

void stemtok_splitter_free(stemtok_splitter *sp)
{
	if (!sp)
		return;
	if (sp->inst)
		sp->parent.xDelete(sp->inst);
	stemmer_done(&sp->st);
	free(sp);
}

/* Runs unicode61 (the parent of "stem") and stems here, so that both the
 * folded word and its stem are known; the stems are those the "stem"
 * tokenizer would index because both use the same parent and stemmer. */
int stemtok_splitter_run(stemtok_splitter *sp, const char *text, int len,
                         stemtok_list *out)
{
	split_ctx c = {out, &sp->st};
	return sp->parent.xTokenize(sp->inst, &c, FTS5_TOKENIZE_QUERY, text, len,
	                            split_token);
}

int stemtok_split(sqlite3 *db, const char *lang, const char *text, int len,
                  stemtok_list *out)
{
	stemtok_splitter *sp = stemtok_splitter_new(db, lang);
	if (!sp)
		return SQLITE_ERROR;
	int rc = stemtok_splitter_run(sp, text, len, out);
	stemtok_splitter_free(sp);
	return rc;
}

void stemtok_list_free(stemtok_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}
