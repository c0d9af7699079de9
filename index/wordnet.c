/* wordnet.c: synonyms from the WordNet database files, read in place as
 * wndb(5WN) describes: binary search over the sorted index.POS and POS.exc
 * files, then a seek to each synset's byte offset in data.POS. */
#include "wordnet.h"
#include "morphy.h"
#include "strmap.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Fixed bounds keep the per-call state in one block. WORD_MAX exceeds every
 * single-word lemma of WordNet 3.0 (the longest has 33 bytes); longer words
 * are skipped. A call reports at most MAX_SEEN - 1 synonyms and reads at
 * most MAX_SYNSETS synsets, far more than any word needs at 1 to 5 senses. */
enum { WORD_MAX = 64, MAX_SEEN = 256, MAX_SYNSETS = 512 };

enum {
	NOUN = MORPHY_NOUN,
	VERB = MORPHY_VERB,
	ADJ = MORPHY_ADJ,
	ADV = MORPHY_ADV,
	NPOS = MORPHY_NPOS
};
static const char *const pos_name[NPOS] = {"noun", "verb", "adj", "adv"};

/* The three files of each part of speech: dir/PREFIX.POS.SUFFIX. */
enum { INDEX, DATA, EXC, NKIND };
static const char *const kind_prefix[NKIND] = {"index.", "data.", ""};
static const char *const kind_suffix[NKIND] = {"", "", ".exc"};

/* Distinct lowercase words; few enough for a linear search. In seen,
 * flag[i] says what word i is: SEEN_OWN, one of the word's own base forms
 * (never reported), or a synonym to report, SEEN_SHARED or SEEN_MUTUAL. */
enum { SEEN_OWN = -1, SEEN_SHARED = 0, SEEN_MUTUAL = 1 };
typedef struct {
	int n;
	char w[MAX_SEEN][WORD_MAX];
	signed char flag[MAX_SEEN];
} word_set;

typedef struct {
	int pos;
	long offset;
} synset_ref;

struct wordnet {
	FILE *f[NKIND][NPOS]; /* f[EXC][pos] is NULL when POS.exc is missing */
	long size[NKIND][NPOS];
	FILE *counts;         /* cntlist.rev, or NULL when it is missing */
	char *line; /* getline() buffer for every file, owned; reused */
	size_t line_cap;
	/* The state of one wordnet_synonyms() call (about 40 KB, too big for
	 * some stacks), reset by each call: the word and its base forms, then
	 * every synonym reported (seen); the possible base forms in one part
	 * of speech (cands); the synsets to read (syn). */
	word_set seen, cands;
	int nsyn;
	synset_ref syn[MAX_SYNSETS];
	/* In how many verb definitions each word stands (value), read from
	 * data.verb at the first wordnet_definition() call (def_df_read);
	 * last is the byte offset of the definition last counted. */
	strmap def_df;
	int def_df_read;
};

/* The index of the first len bytes of w in s, or -1. */
static int set_find(const word_set *s, const char *w, size_t len)
{
	for (int i = 0; i < s->n; i++)
		if (strlen(s->w[i]) == len && memcmp(s->w[i], w, len) == 0)
			return i;
	return -1;
}

/* Adds the first len bytes of w to s with flag; returns 1 if it was not
 * there yet, 0 if it was, if s is full or if w does not fit. */
static int set_add_flag(word_set *s, const char *w, size_t len, int flag)
{
	if (len == 0 || len >= WORD_MAX || set_find(s, w, len) >= 0 ||
	    s->n == MAX_SEEN)
		return 0;
	memcpy(s->w[s->n], w, len);
	s->w[s->n][len] = '\0';
	s->flag[s->n++] = (signed char)flag;
	return 1;
}

static int set_add(word_set *s, const char *w, size_t len)
{
	return set_add_flag(s, w, len, SEEN_OWN);
}

/* Returns the next space-separated token of the line at *p, terminated in
 * place, and moves *p past it; NULL at the end of the line. */
static char *next_token(char **p)
{
	char *s = *p, *t;
	while (*s == ' ')
		s++;
	if (*s == '\0' || *s == '\n' || *s == '\r')
		return NULL;
	t = s;
	while (*s != '\0' && *s != ' ' && *s != '\n' && *s != '\r')
		s++;
	if (*s != '\0')
		*s++ = '\0';
	*p = s;
	return t;
}

/* Parses a whole token as a number >= 0; 0 when it is not one. */
static int parse_num(const char *s, int base, long *out)
{
	char *end;
	long v;
	if (!s)
		return 0;
	errno = 0;
	v = strtol(s, &end, base);
	if (end == s || *end != '\0' || errno != 0 || v < 0)
		return 0;
	*out = v;
	return 1;
}

/* Compares key with a line's first field, which ends at a space or any
 * lower byte: the order the files are sorted in, where the license lines
 * (which start with spaces) come first and match no key. */
static int field_cmp(const char *key, const char *line)
{
	const unsigned char *k = (const unsigned char *)key;
	const unsigned char *l = (const unsigned char *)line;
	unsigned a, b;
	while (*k != '\0' && *k == *l)
		k++, l++;
	a = *k;
	b = *l <= ' ' ? 0 : *l;
	return (a > b) - (a < b);
}

/* Finds the line of f (size bytes, lines sorted by first field) whose first
 * field is key, a word without spaces. Returns 1 with the line in wn->line,
 * 0 when there is none. Invariant, as in look(1): if the line exists, it
 * starts in [lo, hi). Each probe reads the first line starting at or after
 * mid; an unreadable line ends the search. */
static int file_search(wordnet *wn, int kind, int pos, const char *key)
{
	FILE *f = wn->f[kind][pos];
	long lo = 0, hi = wn->size[kind][pos];
	if (!f)
		return 0;
	while (lo < hi) {
		long mid = lo + (hi - lo) / 2, start;
		ssize_t len;
		int c, cmp;
		if (fseek(f, mid > 0 ? mid - 1 : 0, SEEK_SET) != 0)
			return 0;
		if (mid > 0)
			while ((c = getc(f)) != EOF && c != '\n')
				;
		start = ftell(f);
		if (start < 0)
			return 0;
		if (start >= hi) {
			hi = mid;
			continue;
		}
		len = getline(&wn->line, &wn->line_cap, f);
		if (len <= 0)
			return 0;
		cmp = field_cmp(key, wn->line);
		if (cmp == 0)
			return 1;
		if (cmp > 0)
			lo = start + len;
		else
			hi = mid;
	}
	return 0;
}

/* Lowercases w into out and strips an adjective marker such as "(a)" or
 * "(ip)". Returns 0 for a word to skip: empty, too long, or multi-word. */
static int clean_word(const char *w, char out[WORD_MAX])
{
	size_t i, len = strlen(w);
	const char *paren;
	if (len > 0 && w[len - 1] == ')' && (paren = strrchr(w, '(')) != NULL)
		len = (size_t)(paren - w);
	if (len == 0 || len >= WORD_MAX || memchr(w, '_', len))
		return 0;
	for (i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)w[i]);
	out[len] = '\0';
	return 1;
}

/* Fills wn->cands with the possible base forms of w as a pos: w itself,
 * its entries in POS.exc, and w with each detachment rule applied. */
static void find_candidates(wordnet *wn, int pos, const char *w)
{
	size_t len = strlen(w);
	char *p, *t;
	wn->cands.n = 0;
	set_add(&wn->cands, w, len);
	if (file_search(wn, EXC, pos, w)) {
		p = wn->line;
		next_token(&p); /* the inflected form: w */
		while ((t = next_token(&p)) != NULL)
			set_add(&wn->cands, t, strlen(t));
	}
	char base[WORD_MAX];
	int n;
	for (int k = 0;
	     (n = morphy_base(w, len, pos, k, base, sizeof base)) >= 0; k++)
		if (n > 0)
			set_add(&wn->cands, base, (size_t)n);
}

/* Moves *p, at the start of an index line (lemma pos synset_cnt p_cnt
 * [ptr...] sense_cnt tagsense_cnt offset...), to its first offset, with the
 * number of offsets in *cnt; 0 when the line is malformed. WordNet lists a
 * lemma's senses most common first. */
static int to_offsets(char **p, long *cnt)
{
	long ptrs, i;
	next_token(p);
	next_token(p);
	if (!parse_num(next_token(p), 10, cnt) ||
	    !parse_num(next_token(p), 10, &ptrs) || ptrs > 1000)
		return 0;
	for (i = 0; i < ptrs + 2; i++) /* pointers, sense_cnt, tagsense_cnt */
		if (!next_token(p))
			return 0;
	return 1;
}

/* Whether ref is the most common sense of lemma (lowercase, as the index
 * files spell it) in ref's part of speech. Uses wn->line. */
static int first_sense_is(wordnet *wn, const char *lemma, synset_ref ref)
{
	long cnt, off;
	if (!file_search(wn, INDEX, ref.pos, lemma))
		return 0;
	char *p = wn->line;
	return to_offsets(&p, &cnt) && cnt > 0 &&
	       parse_num(next_token(&p), 10, &off) && off == ref.offset;
}

/* Appends the first max_senses synset offsets of the index line in wn->line
 * (lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset...) to
 * wn->syn. A malformed line adds what it validly holds. */
static void take_offsets(wordnet *wn, int pos, int max_senses)
{
	char *p = wn->line;
	long cnt, off, i;
	if (!to_offsets(&p, &cnt))
		return;
	for (i = 0; i < cnt && i < max_senses && wn->nsyn < MAX_SYNSETS; i++) {
		if (!parse_num(next_token(&p), 10, &off) ||
		    off >= wn->size[DATA][pos])
			return;
		wn->syn[wn->nsyn].pos = pos;
		wn->syn[wn->nsyn++].offset = off;
	}
}

/* Reads the synset line at ref (offset lex_filenum ss_type w_cnt word lex_id
 * [word lex_id...] ...) and adds each of its words to wn->seen as a synonym,
 * SEEN_MUTUAL when ref is that word's own most common sense too ("doc" and
 * "doctor": one meaning comes first for both), else SEEN_SHARED; a synonym
 * already seen becomes mutual if it is here. Skips a line that does not
 * start with its own offset. The words are copied to wn->cands first, as
 * looking each up reuses the line buffer. */
static void collect_synset(wordnet *wn, synset_ref ref)
{
	FILE *f = wn->f[DATA][ref.pos];
	char *p, *w, clean[WORD_MAX];
	long got, wcnt, i;
	if (fseek(f, ref.offset, SEEK_SET) != 0 ||
	    getline(&wn->line, &wn->line_cap, f) <= 0)
		return;
	p = wn->line;
	if (!parse_num(next_token(&p), 10, &got) || got != ref.offset)
		return;
	next_token(&p);
	next_token(&p);
	if (!parse_num(next_token(&p), 16, &wcnt))
		return;
	wn->cands.n = 0;
	for (i = 0; i < wcnt && (w = next_token(&p)) && next_token(&p); i++)
		if (clean_word(w, clean))
			set_add(&wn->cands, clean, strlen(clean));
	for (int c = 0; c < wn->cands.n; c++) {
		const char *word = wn->cands.w[c];
		size_t len = strlen(word);
		int at = set_find(&wn->seen, word, len);
		if (at >= 0 && wn->seen.flag[at] != SEEN_SHARED)
			continue; /* the word's own form, or mutual already */
		int mutual = first_sense_is(wn, word, ref);
		if (at >= 0)
			wn->seen.flag[at] = mutual ? SEEN_MUTUAL : SEEN_SHARED;
		else
			set_add_flag(&wn->seen, word, len,
			             mutual ? SEEN_MUTUAL : SEEN_SHARED);
	}
}

/* Opens dir/name as a regular file and stores its size; NULL on failure,
 * with the reason in err. */
static FILE *open_sized(const char *dir, const char *name, long *size,
                        char *err, size_t err_size)
{
	char path[4096];
	struct stat st;
	FILE *f;
	int n = snprintf(path, sizeof path, "%s/%s", dir, name);
	errno = ENAMETOOLONG; /* the reason when the path does not fit */
	f = n >= 0 && (size_t)n < sizeof path ? fopen(path, "r") : NULL;
	if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		if (err && err_size > 0)
			snprintf(err, err_size, "wordnet: cannot read %s: %s",
			         path,
			         f ? "not a regular file" : strerror(errno));
		if (f)
			fclose(f);
		return NULL;
	}
	*size = (long)st.st_size;
	return f;
}

wordnet *wordnet_open(const char *dir, char *err, size_t err_size)
{
	wordnet *wn = calloc(1, sizeof *wn);
	char name[32];
	int k, p;
	if (!wn) {
		if (err && err_size > 0)
			snprintf(err, err_size, "wordnet: out of memory");
		return NULL;
	}
	for (k = 0; k < NKIND; k++) {
		for (p = 0; p < NPOS; p++) {
			snprintf(name, sizeof name, "%s%s%s", kind_prefix[k],
			         pos_name[p], kind_suffix[k]);
			/* POS.exc is optional: without it, irregular forms
			 * ("geese", "went") are just not recognised */
			wn->f[k][p] =
			    open_sized(dir ? dir : ".", name, &wn->size[k][p],
			               k == EXC ? NULL : err, err_size);
			if (!wn->f[k][p] && k != EXC) {
				wordnet_close(wn);
				return NULL;
			}
		}
	}
	/* Optional too: without SemCor's counts every sense counts alike. */
	long size;
	wn->counts = open_sized(dir ? dir : ".", "cntlist.rev", &size, NULL, 0);
	return wn;
}

void wordnet_close(wordnet *wn)
{
	int k, p;
	if (!wn)
		return;
	if (wn->counts)
		fclose(wn->counts);
	for (k = 0; k < NKIND; k++)
		for (p = 0; p < NPOS; p++)
			if (wn->f[k][p])
				fclose(wn->f[k][p]);
	free(wn->line);
	strmap_free(&wn->def_df);
	free(wn);
}

/* Two passes: first every base form of every part of speech, so that none
 * of them is ever reported as a synonym of another; then the synsets. */
int wordnet_synonyms(wordnet *wn, const char *word, int max_senses,
                     void (*fn)(void *ctx, const char *synonym, int mutual),
                     void *ctx)
{
	char w[WORD_MAX];
	size_t i, len;
	int p, c, calls = 0;
	if (!wn || !word || !fn || max_senses <= 0)
		return 0;
	len = strlen(word);
	if (len == 0 || len >= WORD_MAX)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && (unsigned char)word[i] <= ' ')
			return 0; /* a key with spaces would break the search */
		w[i] = (char)tolower((unsigned char)word[i]);
	}
	wn->seen.n = wn->nsyn = 0;
	set_add(&wn->seen, w, len);
	for (p = 0; p < NPOS; p++) {
		find_candidates(wn, p, w);
		for (c = 0; c < wn->cands.n; c++) {
			const char *base = wn->cands.w[c];
			if (!file_search(wn, INDEX, p, base))
				continue;
			set_add(&wn->seen, base, strlen(base));
			take_offsets(wn, p, max_senses);
		}
	}
	for (c = 0; c < wn->nsyn; c++)
		collect_synset(wn, wn->syn[c]);
	for (c = 0; c < wn->seen.n; c++)
		if (wn->seen.flag[c] != SEEN_OWN) {
			fn(ctx, wn->seen.w[c], wn->seen.flag[c] == SEEN_MUTUAL);
			calls++;
		}
	return calls;
}

/* SemCor's tagged uses of each single-word lemma in each part of speech,
 * from cntlist.rev, whose lines are "see%2:39:00:: 1 594": the sense key
 * (lemma%ss_type:...), the sense's number, its count. Keyed "lemma%N" with
 * N the part of speech's digit, satellites (5) as adjectives (3); the
 * counts are the slots' values. Returns -1 when memory runs out. */
static int load_counts(wordnet *wn, strmap *m)
{
	if (!wn->counts || fseek(wn->counts, 0, SEEK_SET) != 0)
		return 0;
	while (getline(&wn->line, &wn->line_cap, wn->counts) > 0) {
		char *p = wn->line, *key = next_token(&p), *pct;
		long sense, cnt;
		if (!key || !(pct = strchr(key, '%')) || pct[1] < '1' ||
		    pct[1] > '5' || memchr(key, '_', (size_t)(pct - key)) ||
		    !parse_num(next_token(&p), 10, &sense) ||
		    !parse_num(next_token(&p), 10, &cnt))
			continue;
		if (pct[1] == '5')
			pct[1] = '3';
		pct[2] = '\0';
		strmap_slot *slot = strmap_get(m, key);
		if (!slot)
			return -1;
		slot->value += cnt;
	}
	return 0;
}

int wordnet_each_lemma(wordnet *wn,
                       void (*fn)(void *ctx, const char *lemma, int noun,
                                  double uses),
                       void *ctx)
{
	strmap counts = {0};
	int count = 0;
	if (load_counts(wn, &counts) != 0) {
		strmap_free(&counts);
		return -1;
	}
	for (int p = 0; p < NPOS; p++) {
		FILE *f = wn->f[INDEX][p];
		if (!f || fseek(f, 0, SEEK_SET) != 0)
			continue;
		ssize_t n;
		while ((n = getline(&wn->line, &wn->line_cap, f)) > 0) {
			char *l = wn->line, w[WORD_MAX + 2];
			/* License lines start with spaces; multi-word lemmas have
			 * '_'. */
			size_t len = strcspn(l, " \n");
			if (len == 0 || len >= WORD_MAX || memchr(l, '_', len))
				continue;
			char *q = l + len;
			long senses = 0;
			next_token(&q); /* the part of speech */
			parse_num(next_token(&q), 10, &senses);
			/* the key of its counts: "see%2" */
			snprintf(w, sizeof w, "%.*s%%%d", (int)len, l, p + 1);
			const strmap_slot *slot = strmap_find(&counts, w);
			w[len] = '\0';
			/* Each sense counts half a use besides its tagged ones, so
			 * that words SemCor never met still have a part of speech. */
			fn(ctx, w, p == NOUN, (slot ? slot->value : 0) + 0.5 * senses);
			count++;
		}
	}
	strmap_free(&counts);
	return count;
}

int wordnet_each_form(wordnet *wn,
                      void (*fn)(void *ctx, const char *form, int pos),
                      void *ctx)
{
	static const int kinds[] = {INDEX, EXC};
	int count = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		for (int p = 0; p < NPOS; p++) {
			FILE *f = wn->f[kinds[k]][p];
			if (!f || fseek(f, 0, SEEK_SET) != 0)
				continue;
			while (getline(&wn->line, &wn->line_cap, f) > 0) {
				char *l = wn->line;
				/* License lines start with spaces; multi-word
				 * lemmas have '_'. */
				size_t len = strcspn(l, " \n");
				if (len == 0 || len >= WORD_MAX ||
				    memchr(l, '_', len))
					continue;
				l[len] = '\0';
				fn(ctx, l, p);
				count++;
			}
		}
	return count;
}

/* The definition in the synset line l (after its '|', up to its first
 * ';'), lowercased, with every byte but a-z turned into a space, copied
 * into out (cap bytes); returns out, or NULL when l has none. */
static char *definition_of(const char *l, char *out, size_t cap)
{
	const char *d = strchr(l, '|');
	size_t n = 0;
	if (!d || cap == 0)
		return NULL;
	for (d++; *d && *d != ';' && *d != '\n' && n + 1 < cap; d++) {
		int c = tolower((unsigned char)*d);
		out[n++] = (char)(c >= 'a' && c <= 'z' ? c : ' ');
	}
	out[n] = '\0';
	return out;
}

/* Counts, once, in how many verb definitions each word stands. Returns -1
 * when memory runs out. */
static int read_def_df(wordnet *wn)
{
	FILE *f = wn->f[DATA][VERB];
	char def[1024];
	if (wn->def_df_read)
		return 0;
	wn->def_df_read = 1;
	if (fseek(f, 0, SEEK_SET) != 0)
		return 0;
	long at = 0;
	ssize_t n;
	while ((n = getline(&wn->line, &wn->line_cap, f)) > 0) {
		long line = at;
		at += n;
		if (wn->line[0] == ' ' ||
		    !definition_of(wn->line, def, sizeof def))
			continue;
		for (char *p = def, *t; (t = next_token(&p)) != NULL;) {
			strmap_slot *slot = strmap_get(&wn->def_df, t);
			if (!slot)
				return -1;
			if (slot->value == 0 || slot->last != line)
				slot->value++;
			slot->last = line;
		}
	}
	return 0;
}

int wordnet_definition(wordnet *wn, const char *word, long max_df,
                       void (*fn)(void *ctx, const char *w), void *ctx)
{
	char w[WORD_MAX], def[1024];
	size_t len = word ? strlen(word) : 0;
	long cnt, off, got;
	int calls = 0;
	if (!wn || !fn || len == 0 || len >= WORD_MAX || read_def_df(wn) != 0)
		return 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && (unsigned char)word[i] <= ' ')
			return 0; /* a key with spaces would break the search */
		w[i] = (char)tolower((unsigned char)word[i]);
	}
	/* The first base form that is a verb, and its commonest sense. */
	find_candidates(wn, VERB, w);
	int found = 0;
	for (int c = 0; c < wn->cands.n && !found; c++) {
		char *p;
		if (!file_search(wn, INDEX, VERB, wn->cands.w[c]))
			continue;
		p = wn->line;
		found = 1;
		if (!to_offsets(&p, &cnt) || cnt < 1 ||
		    !parse_num(next_token(&p), 10, &off))
			return 0;
	}
	FILE *f = wn->f[DATA][VERB];
	if (!found || fseek(f, off, SEEK_SET) != 0 ||
	    getline(&wn->line, &wn->line_cap, f) <= 0)
		return 0;
	char *p = wn->line;
	if (!parse_num(next_token(&p), 10, &got) || got != off ||
	    !definition_of(p, def, sizeof def))
		return 0;
	for (char *q = def, *t; (t = next_token(&q)) != NULL;) {
		const strmap_slot *slot = strmap_find(&wn->def_df, t);
		if (slot && slot->value > max_df)
			continue;
		fn(ctx, t);
		calls++;
	}
	return calls;
}
