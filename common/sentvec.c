/* sentvec.c: Universal Sentence Encoder lite in pure C: a small JSON reader
 * for the package's manifest and vocabulary, the SentencePiece unigram
 * tokenizer of @energetic-ai/embeddings, and the forward pass of the
 * TensorFlow.js graph (a 2-layer transformer, mean pooling, a tanh layer,
 * L2 normalisation). Scalars (attention scales, layer-norm epsilon, the
 * clip length) are read from the weights, not assumed.
 *
 * The forward pass, for one text of n tokens (n clipped to 128):
 *   x = 2 * E[id] + timing(position)   (the graph adds the scattered
 *                                       embeddings to "embeddings + timing")
 *   per layer: h = LN(x); q,k,v = h Wqkv + b; q *= scale; per head
 *     softmax(q k^T) v; a = concat(heads) Wo + b;
 *     x = a + (layer 0: x Wdense + b, 256 -> 512; layer 1: x);
 *     x = x + W2 relu(W1 LN(x) + b1) + b2
 *   y = tanh(mean_t(x) Wt + bt); out = y / sqrt(max(|y|^2, eps)).
 * No padding exists with one text, so the graph's masks, gathers and
 * scatters are the identity and are left out. */
#include "sentvec.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LAYERS 2
#define JSON_MAX_DEPTH 64
#define SEP 0x2581u /* SentencePiece's "\u2581", the word boundary */
#define RESERVED 6  /* ids 0..5 are never produced by the trie */

/* ---- a minimal JSON reader ------------------------------------------ */

/* A cursor over len bytes; never reads at or past end. err: 1 malformed,
 * 2 out of memory; the first error sticks. */
typedef struct {
	const char *p, *end, *start;
	int err;
} json;

static void json_ws(json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	                         *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* The next non-blank byte, not consumed; -1 at the end or after an
 * error. */
static int json_peek(json *j)
{
	json_ws(j);
	if (j->err || j->p >= j->end)
		return -1;
	return (unsigned char)*j->p;
}

static int json_eat(json *j, char c)
{
	if (json_peek(j) != (unsigned char)c) {
		if (!j->err)
			j->err = 1;
		return 0;
	}
	j->p++;
	return 1;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads 4 hex digits after "\u"; -1 when they are not there. */
static long json_hex4(json *j)
{
	long v = 0;
	if (j->end - j->p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hexval((unsigned char)j->p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	j->p += 4;
	return v;
}

static size_t utf8_put(char *o, unsigned long c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Reads a string into a malloc'ed, NUL-terminated UTF-8 copy (owned by the
 * caller) and its length in *n (it may hold NULs from \u0000). A lone
 * surrogate escape becomes U+FFFD. NULL on error. */
static char *json_string(json *j, size_t *n)
{
	const char *q;
	char *s, *o;
	if (!json_eat(j, '"'))
		return NULL;
	/* An escape never decodes to more bytes than it takes. */
	for (q = j->p; q < j->end && *q != '"'; q++)
		if (*q == '\\' && q + 1 < j->end)
			q++;
	if (q >= j->end) {
		j->err = 1;
		return NULL;
	}
	s = malloc((size_t)(q - j->p) + 1);
	if (!s) {
		j->err = 2;
		return NULL;
	}
	o = s;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		long u, lo;
		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		if (j->p >= j->end)
			goto bad;
		c = (unsigned char)*j->p++;
		switch (c) {
		case '"':
		case '\\':
		case '/':
			*o++ = (char)c;
			break;
		case 'b':
			*o++ = '\b';
			break;
		case 'f':
			*o++ = '\f';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'u':
			if ((u = json_hex4(j)) < 0)
				goto bad;
			if (u >= 0xD800 && u < 0xDC00 && j->end - j->p >= 6 &&
			    j->p[0] == '\\' && j->p[1] == 'u') {
				const char *save = j->p;
				j->p += 2;
				lo = json_hex4(j);
				if (lo >= 0xDC00 && lo < 0xE000)
					u = 0x10000 + ((u - 0xD800) << 10) +
					    (lo - 0xDC00);
				else
					j->p = save;
			}
			if (u >= 0xD800 && u < 0xE000)
				u = 0xFFFD;
			o += utf8_put(o, (unsigned long)u);
			break;
		default:
			goto bad;
		}
	}
	if (!json_eat(j, '"'))
		goto bad;
	*o = '\0';
	*n = (size_t)(o - s);
	return s;
bad:
	free(s);
	j->err = 1;
	return NULL;
}

/* Reads a number (JSON's grammar) without strtod, whose decimal point
 * follows the locale. Up to 15 significant digits and a power of ten up to
 * 22 give the correctly rounded double (as JavaScript's parse does: one
 * exact division or product); longer forms are rounded less carefully. */
static int json_number(json *j, double *v)
{
	uint64_t mant = 0;
	int digits = 0, exp10 = 0, neg = 0, eneg = 0, e = 0;
	const char *p;
	json_peek(j);
	if (j->err)
		return 0;
	p = j->p;
	if (p < j->end && *p == '-')
		neg = 1, p++;
	if (p >= j->end || *p < '0' || *p > '9')
		goto bad;
	if (*p == '0') {
		p++;
	} else {
		while (p < j->end && *p >= '0' && *p <= '9') {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				if (mant)
					digits++;
			} else {
				exp10++;
			}
			p++;
		}
	}
	if (p < j->end && *p == '.') {
		p++;
		if (p >= j->end || *p < '0' || *p > '9')
			goto bad;
		while (p < j->end && *p >= '0' && *p <= '9') {
			if (digits < 19) {
				mant = mant * 10 + (uint64_t)(*p - '0');
				if (mant)
					digits++;
				exp10--;
			}
			p++;
		}
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if (p >= j->end || *p < '0' || *p > '9')
			goto bad;
		while (p < j->end && *p >= '0' && *p <= '9') {
			if (e < 100000)
				e = e * 10 + (*p - '0');
			p++;
		}
	}
	exp10 += eneg ? -e : e;
	j->p = p;
	{
		static const double pow10[] = {
		    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
		    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
		double m = (double)mant;
		if (mant == 0)
			*v = 0;
		else if (mant < (UINT64_C(1) << 53) && exp10 >= -22 &&
		         exp10 <= 22)
			*v = exp10 < 0 ? m / pow10[-exp10] : m * pow10[exp10];
		else
			*v = (double)((long double)m * powl(10.0L, exp10));
	}
	if (neg)
		*v = -*v;
	return 1;
bad:
	j->err = 1;
	return 0;
}

static int json_literal(json *j, const char *lit)
{
	size_t n = strlen(lit);
	json_peek(j);
	if (j->err || (size_t)(j->end - j->p) < n || memcmp(j->p, lit, n)) {
		j->err = 1;
		return 0;
	}
	j->p += n;
	return 1;
}

/* Skips one value of any kind, checking its syntax, nested at most
 * JSON_MAX_DEPTH deep. */
static int json_skip(json *j, int depth)
{
	int c = json_peek(j);
	if (depth > JSON_MAX_DEPTH) {
		j->err = 1;
		return 0;
	}
	if (c == '"') {
		size_t n;
		free(json_string(j, &n));
	} else if (c == '{' || c == '[') {
		int close = c == '{' ? '}' : ']';
		j->p++;
		if (json_peek(j) == close) {
			j->p++;
			return 1;
		}
		do {
			if (c == '{') {
				size_t n;
				free(json_string(j, &n));
				json_eat(j, ':');
			}
			json_skip(j, depth + 1);
		} while (!j->err && json_peek(j) == ',' && j->p++);
		json_eat(j, (char)close);
	} else if (c == 't') {
		json_literal(j, "true");
	} else if (c == 'f') {
		json_literal(j, "false");
	} else if (c == 'n') {
		json_literal(j, "null");
	} else {
		double v;
		json_number(j, &v);
	}
	return !j->err;
}

/* Iterates the members of an array: call with *first = 1 after json_peek
 * shows '['; returns 1 while another element follows. */
static int json_next(json *j, int *first, int open, int close)
{
	if (*first) {
		*first = 0;
		if (!json_eat(j, (char)open))
			return 0;
		if (json_peek(j) == close) {
			j->p++;
			return 0;
		}
		return !j->err;
	}
	if (json_peek(j) == ',') {
		j->p++;
		return !j->err;
	}
	json_eat(j, (char)close);
	return 0;
}

/* ---- the weights manifest -------------------------------------------- */

enum { DT_F32, DT_I32 };

typedef struct {
	char *name; /* owned */
	int dtype;
	int ndim;
	long dim[8];
	size_t count;  /* elements */
	size_t offset; /* bytes into the weights */
} wentry;

typedef struct {
	wentry *v; /* owned, with the names */
	size_t n, cap;
	size_t bytes; /* sum of the sizes */
} wtable;

static void wtable_free(wtable *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
}

/* What sentvec_new reports through: the first message wins. */
typedef struct {
	char *msg;
	size_t size;
	int failed;
} report;

static void fail(report *r, const char *fmt, ...)
{
	va_list ap;
	if (r->failed)
		return;
	r->failed = 1;
	if (r->msg && r->size) {
		va_start(ap, fmt);
		vsnprintf(r->msg, r->size, fmt, ap);
		va_end(ap);
	}
}

static void json_fail(report *r, const json *j, const char *what)
{
	if (j->err == 2)
		fail(r, "out of memory reading %s", what);
	else
		fail(r, "%s: malformed JSON near byte %ld", what,
		     (long)(j->p - j->start));
}

/* Reads one weight object {"name", "shape", "dtype"} into t. */
static int read_weight(json *j, wtable *t, report *r)
{
	wentry w;
	int first = 1, has_shape = 0;
	char *dtype = NULL;
	memset(&w, 0, sizeof w);
	w.dtype = -1;
	while (json_next(j, &first, '{', '}')) {
		size_t n;
		char *key = json_string(j, &n);
		if (!key || !json_eat(j, ':')) {
			free(key);
			break;
		}
		if (!strcmp(key, "name") && !w.name) {
			w.name = json_string(j, &n);
		} else if (!strcmp(key, "dtype") && !dtype) {
			dtype = json_string(j, &n);
		} else if (!strcmp(key, "shape") && !has_shape) {
			int f2 = 1;
			has_shape = 1;
			while (json_next(j, &f2, '[', ']')) {
				double d;
				if (!json_number(j, &d))
					break;
				if (w.ndim == 8 || d < 0 || d > INT_MAX ||
				    d != floor(d)) {
					fail(r, "model.json: bad shape for %s",
					     w.name ? w.name : "a weight");
					j->err = 1;
					break;
				}
				w.dim[w.ndim++] = (long)d;
			}
		} else if (!strcmp(key, "quantization")) {
			fail(r, "model.json: quantized weights are not "
			        "supported");
			j->err = 1;
		} else {
			json_skip(j, 2);
		}
		free(key);
	}
	if (j->err || r->failed)
		goto out;
	if (!w.name || !dtype || !has_shape) {
		fail(r, "model.json: a weight lacks its name, shape or dtype");
		goto out;
	}
	if (!strcmp(dtype, "float32")) {
		w.dtype = DT_F32;
	} else if (!strcmp(dtype, "int32")) {
		w.dtype = DT_I32;
	} else {
		fail(r,
		     "model.json: weight %s has dtype %s (only float32 and "
		     "int32 are supported)",
		     w.name, dtype);
		goto out;
	}
	w.count = 1;
	for (int i = 0; i < w.ndim; i++) {
		if (w.dim[i] && w.count > SIZE_MAX / 4 / (size_t)w.dim[i]) {
			fail(r, "model.json: weight %s is too large", w.name);
			goto out;
		}
		w.count *= (size_t)w.dim[i];
	}
	if (t->bytes > SIZE_MAX - w.count * 4) {
		fail(r, "model.json: the weights are too large");
		goto out;
	}
	w.offset = t->bytes;
	t->bytes += w.count * 4;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		wentry *v = realloc(t->v, cap * sizeof *v);
		if (!v) {
			fail(r, "out of memory reading model.json");
			goto out;
		}
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = w;
	free(dtype);
	return 1;
out:
	free(w.name);
	free(dtype);
	return 0;
}

/* Reads model.json's "weightsManifest" (an array of groups, each with a
 * "weights" array, stored one after the other) into t. */
static int read_manifest(const char *text, size_t len, wtable *t, report *r)
{
	json j = {text, text + len, text, 0};
	int first = 1, found = 0;
	while (!r->failed && json_next(&j, &first, '{', '}')) {
		size_t n;
		char *key = json_string(&j, &n);
		if (!key || !json_eat(&j, ':')) {
			free(key);
			break;
		}
		if (!strcmp(key, "weightsManifest") && !found) {
			int fg = 1;
			found = 1;
			while (!r->failed && json_next(&j, &fg, '[', ']')) {
				int fk = 1;
				while (!r->failed &&
				       json_next(&j, &fk, '{', '}')) {
					char *k2 = json_string(&j, &n);
					int fw = 1;
					if (!k2 || !json_eat(&j, ':')) {
						free(k2);
						break;
					}
					if (strcmp(k2, "weights")) {
						json_skip(&j, 3);
						free(k2);
						continue;
					}
					free(k2);
					while (!r->failed &&
					       json_next(&j, &fw, '[', ']'))
						if (!read_weight(&j, t, r))
							break;
				}
			}
		} else {
			json_skip(&j, 1);
		}
		free(key);
	}
	if (r->failed)
		return 0;
	if (!j.err && json_peek(&j) != -1)
		j.err = 1;
	if (j.err) {
		json_fail(r, &j, "model.json");
		return 0;
	}
	if (!found || t->n == 0) {
		fail(r, "model.json: no weightsManifest");
		return 0;
	}
	return 1;
}

/* ---- the vocabulary and its trie ------------------------------------- */

typedef struct {
	/* Trie nodes; node 0 is the root. index -1: no piece ends here. */
	double *score; /* owned */
	int *index;    /* owned */
	size_t nodes;
	/* Edges (node, code point) -> child, open addressing. */
	uint64_t *key; /* owned; UINT64_MAX: empty */
	int *child;    /* owned */
	size_t cap;    /* a power of two */
} trie;

static size_t edge_slot(const trie *t, uint64_t key)
{
	uint64_t h = key * UINT64_C(0x9E3779B97F4A7C15);
	size_t i = (size_t)(h >> 20) & (t->cap - 1);
	while (t->key[i] != key && t->key[i] != UINT64_MAX)
		i = (i + 1) & (t->cap - 1);
	return i;
}

static int trie_child(const trie *t, int node, uint32_t c)
{
	size_t i = edge_slot(t, ((uint64_t)node << 21) | c);
	return t->key[i] == UINT64_MAX ? -1 : t->child[i];
}

/* Decodes one UTF-8 character at s (n > 0 bytes left) into *c and returns
 * its length; an invalid byte is U+FFFD, one byte long. */
static size_t utf8_get(const unsigned char *s, size_t n, uint32_t *c)
{
	uint32_t v;
	size_t len, i;
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, v = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, v = s[0] & 0x07;
	else
		goto bad;
	if (n < len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) ||
	    v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))
		goto bad;
	*c = v;
	return len;
bad:
	*c = 0xFFFD;
	return 1;
}

/* ---- the model --------------------------------------------------------- */

typedef struct {
	int din, dout, heads, depth, dff; /* dq = heads * depth */
	float scale;                      /* multiplies q */
	const float *ln_s, *ln_b;         /* din */
	const float *qkv_w, *qkv_b;       /* din x 3dq */
	const float *o_w, *o_b;           /* dq x dout */
	const float *res_w, *res_b;       /* din x dout, or NULL: identity */
	const float *fln_s, *fln_b;       /* dout */
	const float *w1, *b1, *w2, *b2;   /* dout x dff, dff x dout */
} layer;

struct sentvec {
	float *f; /* owned: every float32 weight, decoded; the rest point in */
	trie tr;
	int nvocab;
	int *len16; /* owned: UTF-16 length of each piece (what the reference's
	               backtracking steps by) */
	const float *emb; /* nemb x dmodel */
	int nemb;
	const float *inv_ts; /* nts: the timing signal's inverse timescales */
	int nts;
	layer L[MAX_LAYERS];
	int nlayers;
	const float *tanh_w, *tanh_b; /* dlast x SENTVEC_DIM */
	float eps, l2eps;
	int clip;  /* tokens past this many are dropped */
	int width; /* the widest activation */
	int wbig;  /* the widest of qkv and FFN hidden */
};

void sentvec_free(sentvec *m)
{
	if (!m)
		return;
	free(m->f);
	free(m->tr.score);
	free(m->tr.index);
	free(m->tr.key);
	free(m->tr.child);
	free(m->len16);
	free(m);
}

/* Reads vocab.json: an array of [piece, score] pairs (score may be null,
 * which the reference adds as 0) and builds the trie of pieces RESERVED
 * and up, a later duplicate replacing an earlier one as in the
 * reference. */
static int read_vocab(sentvec *m, const char *text, size_t len, report *r)
{
	json j = {text, text + len, text, 0};
	int first = 1;
	char **piece = NULL;
	size_t *plen = NULL;
	double *score = NULL;
	size_t n = 0, cap = 0, total = 0, i, k;
	int ok = 0;
	trie *t = &m->tr;

	while (json_next(&j, &first, '[', ']')) {
		int f2 = 1;
		char *s = NULL;
		size_t sl = 0;
		double v = 0;
		if (!json_next(&j, &f2, '[', ']'))
			goto bad;
		s = json_string(&j, &sl);
		if (!s || !json_next(&j, &f2, '[', ']')) {
			free(s);
			goto bad;
		}
		if (json_peek(&j) == 'n')
			json_literal(&j, "null");
		else
			json_number(&j, &v);
		if (j.err || json_next(&j, &f2, '[', ']')) {
			free(s);
			goto bad;
		}
		if (n == cap) {
			size_t c2 = cap ? 2 * cap : 1024;
			char **p2 = realloc(piece, c2 * sizeof *p2);
			size_t *l2 = p2 ? realloc(plen, c2 * sizeof *l2) : NULL;
			double *s2 =
			    l2 ? realloc(score, c2 * sizeof *s2) : NULL;
			if (p2)
				piece = p2;
			if (l2)
				plen = l2;
			if (!s2 || n >= INT_MAX / 2) {
				free(s);
				j.err = 2;
				goto bad;
			}
			score = s2;
			cap = c2;
		}
		piece[n] = s;
		plen[n] = sl;
		score[n] = v;
		n++;
		total += sl;
	}
	if (!j.err && json_peek(&j) != -1)
		j.err = 1;
	if (j.err)
		goto bad;
	if (n <= RESERVED) {
		fail(r, "vocab.json: %zu entries, too few", n);
		goto out;
	}

	/* Each byte of a piece makes at most one node and one edge. */
	t->nodes = 1;
	for (t->cap = 16; t->cap < 2 * (total + 1); t->cap *= 2)
		;
	t->score = malloc((total + 1) * sizeof *t->score);
	t->index = malloc((total + 1) * sizeof *t->index);
	t->key = malloc(t->cap * sizeof *t->key);
	t->child = malloc(t->cap * sizeof *t->child);
	m->len16 = malloc(n * sizeof *m->len16);
	if (!t->score || !t->index || !t->key || !t->child || !m->len16) {
		fail(r, "out of memory reading vocab.json");
		goto out;
	}
	memset(t->key, 0xFF, t->cap * sizeof *t->key);
	t->score[0] = 0;
	t->index[0] = -1;
	for (i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)piece[i];
		int node = 0, l16 = 0;
		for (k = 0; k < plen[i];) {
			uint32_t c;
			k += utf8_get(s + k, plen[i] - k, &c);
			l16 += c >= 0x10000 ? 2 : 1;
			if (i < RESERVED)
				continue;
			size_t slot = edge_slot(t, ((uint64_t)node << 21) | c);
			if (t->key[slot] == UINT64_MAX) {
				t->key[slot] = ((uint64_t)node << 21) | c;
				t->child[slot] = (int)t->nodes;
				t->score[t->nodes] = 0;
				t->index[t->nodes] = -1;
				t->nodes++;
			}
			node = t->child[slot];
		}
		if (node) {
			t->score[node] = score[i];
			t->index[node] = (int)i;
		}
		m->len16[i] = l16;
	}
	m->nvocab = (int)n;
	ok = 1;
	goto out;
bad:
	json_fail(r, &j, "vocab.json");
out:
	for (i = 0; i < n; i++)
		free(piece[i]);
	free(piece);
	free(plen);
	free(score);
	return ok;
}

long sentvec_tokens(const sentvec *m, const char *text, size_t len, int **ids)
{
	const trie *t = &m->tr;
	uint32_t *sym;
	double *best;
	int *words, *out;
	size_t n = 0, i, k;
	long count = 0;

	*ids = NULL;
	if (len == 0) /* the reference adds no separator to "" */
		return 0;
	if (len > (SIZE_MAX - 2) / sizeof(double))
		return -1;
	sym = malloc((len + 1) * sizeof *sym);
	best = calloc(len + 2, sizeof *best);
	words = calloc(len + 2, sizeof *words);
	out = malloc((len + 1) * sizeof *out);
	if (!sym || !best || !words || !out) {
		free(sym);
		free(best);
		free(words);
		free(out);
		return -1;
	}
	/* NFKC normalisation, which the reference applies first, is left out:
	 * texts already in NFKC (most are) give the same tokens. */
	sym[n++] = SEP;
	for (i = 0; i < len;) {
		uint32_t c;
		i += utf8_get((const unsigned char *)text + i, len - i, &c);
		sym[n++] = c == ' ' ? SEP : c;
	}

	/* Viterbi, as the reference does it: best[e] is the best score of
	 * sym[0..e), where 0 also means "not reached yet" (any candidate
	 * replaces it), ties go to the later candidate, candidates for an end
	 * arrive in order of their start, and a position where no piece
	 * starts gets the unknown piece (id 0, score 0) of one character. */
	for (i = 0; i < n; i++) {
		int node = 0, any = 0;
		for (k = i; k < n; k++) {
			node = trie_child(t, node, sym[k]);
			if (node < 0)
				break;
			if (t->index[node] >= 0) {
				double s = t->score[node] + best[i];
				any = 1;
				if (best[k + 1] == 0 || s >= best[k + 1]) {
					best[k + 1] = s;
					words[k + 1] = t->index[node];
				}
			}
		}
		if (!any && (best[i + 1] == 0 || best[i] >= best[i + 1])) {
			best[i + 1] = best[i];
			words[i + 1] = 0;
		}
	}
	/* Back from the end, stepping by each piece's length as the reference
	 * measures it, dropping an unknown that follows an unknown. */
	for (long at = (long)n, prev_unk = 0; at > 0;) {
		int id = words[at], step = m->len16[id];
		if (!(prev_unk && id == 0))
			out[count++] = id;
		prev_unk = id == 0;
		at -= step > 0 ? step : 1;
	}
	for (long a = 0, b = count - 1; a < b; a++, b--) {
		int tmp = out[a];
		out[a] = out[b];
		out[b] = tmp;
	}
	free(sym);
	free(best);
	free(words);
	if (count == 0) {
		free(out);
		out = NULL;
	}
	*ids = out;
	return count;
}

/* ---- building the model from the weights ------------------------------ */

#define KT "module_apply_default/Encoder_en/KonaTransformer/"
#define MK "module/Encoder_en/KonaTransformer/"

typedef struct {
	const wtable *t;
	const unsigned char *bytes;
	const float *f; /* decoded float32 weights */
	size_t *foff;   /* per entry: index into f */
	report *r;
} builder;

static const wentry *lookup(builder *b, const char *name, int dtype, size_t *at)
{
	for (size_t i = 0; i < b->t->n; i++) {
		if (strcmp(b->t->v[i].name, name))
			continue;
		if (b->t->v[i].dtype != dtype) {
			fail(b->r, "weight %s is not %s", name,
			     dtype == DT_F32 ? "float32" : "int32");
			return NULL;
		}
		*at = i;
		return &b->t->v[i];
	}
	fail(b->r, "weight %s missing", name);
	return NULL;
}

/* A float32 weight by name with ndim dimensions; dim[i] > 0 must match,
 * dim[i] == 0 is filled in. NULL (reported) when missing or shaped
 * otherwise. */
static const float *tensor(builder *b, const char *name, int ndim, long *dim)
{
	size_t at;
	const wentry *w = lookup(b, name, DT_F32, &at);
	if (!w)
		return NULL;
	if (w->ndim != ndim)
		goto bad;
	for (int i = 0; i < ndim; i++) {
		if (dim[i] > 0 && dim[i] != w->dim[i])
			goto bad;
		if (w->dim[i] <= 0)
			goto bad;
		dim[i] = w->dim[i];
	}
	return b->f + b->foff[at];
bad:
	fail(b->r, "weight %s has an unexpected shape", name);
	return NULL;
}

static int32_t get_i32(const unsigned char *p)
{
	uint32_t u = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	int32_t v;
	memcpy(&v, &u, sizeof v);
	return v;
}

/* Element i of an int32 weight with count elements; 0 (reported) when it
 * is missing. */
static long int_at(builder *b, const char *name, size_t count, size_t i)
{
	size_t at;
	const wentry *w = lookup(b, name, DT_I32, &at);
	if (!w)
		return 0;
	if (w->count != count) {
		fail(b->r, "weight %s has an unexpected shape", name);
		return 0;
	}
	return get_i32(b->bytes + w->offset + 4 * i);
}

static float scalar(builder *b, const char *name)
{
	size_t at;
	const wentry *w = lookup(b, name, DT_F32, &at);
	if (!w)
		return 0;
	if (w->count != 1) {
		fail(b->r, "weight %s is not a scalar", name);
		return 0;
	}
	return b->f[b->foff[at]];
}

static int has(builder *b, const char *name)
{
	for (size_t i = 0; i < b->t->n; i++)
		if (!strcmp(b->t->v[i].name, name))
			return 1;
	return 0;
}

/* Fills layer l of m (its input width already in L->din). */
static void build_layer(builder *b, layer *L, int l, int heads)
{
	char name[512];
	long d[4];
#define NAME(fmt) (snprintf(name, sizeof name, fmt, l), name)
#define DIMS(a, b_, c, e) (d[0] = (a), d[1] = (b_), d[2] = (c), d[3] = (e), d)
	L->heads = heads;
	L->depth = (int)int_at(
	    b,
	    NAME(KT "Encode/TransformerStack/Layer_%d/TransformerLayer/"
	            "MultiheadAttention/split_heads/split_last_dimension/"
	            "Reshape/shape/3"),
	    1, 0);
	L->scale =
	    scalar(b, NAME(KT "Encode/TransformerStack/Layer_%d/"
	                      "TransformerLayer/MultiheadAttention/mul/y"));
	if (b->r->failed)
		return;
	if (L->depth <= 0 || L->heads <= 0 || L->depth > 4096) {
		fail(b->r, "layer %d: bad head sizes", l);
		return;
	}
	long dq = (long)L->heads * L->depth;
	for (int i = 0; i < 3; i++)
		if (int_at(b,
		           NAME(KT "Encode/TransformerStack/Layer_%d/"
		                   "TransformerLayer/MultiheadAttention/Const"),
		           3, (size_t)i) != dq &&
		    !b->r->failed)
			fail(b->r, "layer %d: qkv split is not 3 x %ld", l, dq);
	L->ln_s = tensor(b,
	                 NAME(KT "Encode/Layer_%d/TransformerLayer/"
	                         "layer_prepostprocess/layer_norm/"
	                         "layer_norm_scale/ConcatPartitions/concat"),
	                 1, DIMS(L->din, 0, 0, 0));
	L->ln_b = tensor(b,
	                 NAME(KT "Encode/Layer_%d/TransformerLayer/"
	                         "layer_prepostprocess/layer_norm/"
	                         "layer_norm_bias/ConcatPartitions/concat"),
	                 1, DIMS(L->din, 0, 0, 0));
	L->qkv_w = tensor(b,
	                  NAME(MK "Encode/Layer_%d/TransformerLayer/"
	                          "MultiheadAttention/qkv_transform_single/"
	                          "kernel/part_0"),
	                  4, DIMS(1, 1, L->din, 3 * dq));
	L->qkv_b = tensor(b,
	                  NAME(KT "Encode/Layer_%d/TransformerLayer/"
	                          "MultiheadAttention/qkv_transform_single/"
	                          "bias/ConcatPartitions/concat"),
	                  1, DIMS(3 * dq, 0, 0, 0));
	L->o_w = tensor(b,
	                NAME(MK "Encode/Layer_%d/TransformerLayer/"
	                        "MultiheadAttention/output_transform_single/"
	                        "kernel/part_0"),
	                4, DIMS(1, 1, dq, 0));
	if (b->r->failed)
		return;
	L->dout = (int)d[3];
	L->o_b = tensor(b,
	                NAME(KT "Encode/Layer_%d/TransformerLayer/"
	                        "MultiheadAttention/output_transform_single/"
	                        "bias/ConcatPartitions/concat"),
	                1, DIMS(L->dout, 0, 0, 0));
	/* AdjustResidualInput: a dense layer when the width changes. */
	if (has(b, NAME(KT "Encode/Layer_%d/TransformerLayer/dense/kernel/"
	                   "ConcatPartitions/concat"))) {
		L->res_w = tensor(b, name, 2, DIMS(L->din, L->dout, 0, 0));
		L->res_b = tensor(b,
		                  NAME(KT "Encode/Layer_%d/TransformerLayer/"
		                          "dense/bias/ConcatPartitions/concat"),
		                  1, DIMS(L->dout, 0, 0, 0));
	} else if (L->din != L->dout) {
		fail(b->r, "layer %d: widths differ and no residual dense", l);
		return;
	}
	L->fln_s = tensor(b,
	                  NAME(KT "Encode/Layer_%d/TransformerLayer/FFN/"
	                          "layer_prepostprocess/layer_norm/"
	                          "layer_norm_scale/ConcatPartitions/concat"),
	                  1, DIMS(L->dout, 0, 0, 0));
	L->fln_b = tensor(b,
	                  NAME(KT "Encode/Layer_%d/TransformerLayer/FFN/"
	                          "layer_prepostprocess/layer_norm/"
	                          "layer_norm_bias/ConcatPartitions/concat"),
	                  1, DIMS(L->dout, 0, 0, 0));
	L->w1 =
	    tensor(b,
	           NAME(KT "Encode/TransformerStack/Layer_%d/"
	                   "TransformerLayer/FFN/conv1/Tensordot/Reshape_1"),
	           2, DIMS(L->dout, 0, 0, 0));
	if (b->r->failed)
		return;
	L->dff = (int)d[1];
	L->b1 = tensor(b,
	               NAME(KT "Encode/Layer_%d/TransformerLayer/FFN/conv1/"
	                       "bias/ConcatPartitions/concat"),
	               1, DIMS(L->dff, 0, 0, 0));
	L->w2 =
	    tensor(b,
	           NAME(KT "Encode/TransformerStack/Layer_%d/"
	                   "TransformerLayer/FFN/conv2/Tensordot/Reshape_1"),
	           2, DIMS(L->dff, L->dout, 0, 0));
	L->b2 = tensor(b,
	               NAME(KT "Encode/Layer_%d/TransformerLayer/FFN/conv2/"
	                       "bias/ConcatPartitions/concat"),
	               1, DIMS(L->dout, 0, 0, 0));
#undef NAME
#undef DIMS
}

static int build_model(sentvec *m, builder *b)
{
	long d[2] = {0, 0};
	int heads;
	m->emb = tensor(b, "module/Embeddings_en", 2, d);
	if (!m->emb)
		return 0;
	m->nemb = (int)d[0];
	if (m->nemb < m->nvocab) {
		fail(b->r, "vocab.json has %d pieces, the embeddings %d",
		     m->nvocab, m->nemb);
		return 0;
	}
	m->L[0].din = (int)d[1];
	if (m->L[0].din % 2) {
		fail(b->r, "the embeddings' width is odd");
		return 0;
	}
	d[0] = 1;
	d[1] = m->L[0].din / 2;
	m->inv_ts = tensor(b,
	                   KT "Encode/TransformerStack/Layer_0/AddTimingSignal/"
	                      "TimingSignal/ExpandDims_1",
	                   2, d);
	m->nts = (int)d[1];
	/* Both layers share this folded constant. */
	heads =
	    (int)int_at(b,
	                KT "Encode/TransformerStack/Layer_1/TransformerLayer/"
	                   "MultiheadAttention/split_heads/"
	                   "split_last_dimension/Reshape/shape/2",
	                1, 0);
	m->eps =
	    scalar(b, KT "Encode/TransformerStack/Layer_1/TransformerLayer/"
	                 "FFN/layer_prepostprocess/layer_norm/Cast/x");
	m->clip = (int)int_at(b, KT "ClipToMaxLength/Less/y", 1, 0);
	/* The dense length is max(this, last position + 1): with more than 0
	 * it would pad short texts, which this code does not do. */
	if (int_at(b, KT "ClipToMaxLength/Const", 1, 0) > 1 && !b->r->failed)
		fail(b->r, "ClipToMaxLength/Const > 1 is not supported");
	/* Tokens greater than this are real; every id is when it is < 0. */
	if (int_at(b, KT "Encode/SparseToDense/default_value", 1, 0) >= 0 &&
	    !b->r->failed)
		fail(b->r, "SparseToDense/default_value >= 0 is not supported");
	m->l2eps = scalar(b, "module_apply_default/Encoder_en/hidden_layers/"
	                     "l2_normalize/Maximum/y");
	if (b->r->failed)
		return 0;
	if (m->clip <= 0) {
		fail(b->r, "the clip length is %d", m->clip);
		return 0;
	}
	m->nlayers = MAX_LAYERS;
	m->width = m->L[0].din;
	m->wbig = 0;
	for (int l = 0; l < m->nlayers; l++) {
		layer *L = &m->L[l];
		if (l)
			L->din = m->L[l - 1].dout;
		build_layer(b, L, l, heads);
		if (b->r->failed)
			return 0;
		if (L->dout > m->width)
			m->width = L->dout;
		if (L->heads * L->depth > m->width)
			m->width = L->heads * L->depth;
		if (3 * L->heads * L->depth > m->wbig)
			m->wbig = 3 * L->heads * L->depth;
		if (L->dff > m->wbig)
			m->wbig = L->dff;
	}
	d[0] = m->L[m->nlayers - 1].dout;
	d[1] = SENTVEC_DIM;
	m->tanh_w = tensor(
	    b, "module/Encoder_en/hidden_layers/tanh_layer_0/weights", 2, d);
	d[0] = SENTVEC_DIM;
	m->tanh_b = tensor(
	    b, "module/Encoder_en/hidden_layers/tanh_layer_0/bias", 1, d);
	return !b->r->failed;
}

sentvec *sentvec_new(const char *manifest, size_t manifest_len,
                     const void *weights, size_t weights_len, const char *vocab,
                     size_t vocab_len, char *msg, size_t msg_size)
{
	report r = {msg, msg_size, 0};
	wtable t = {NULL, 0, 0, 0};
	builder b;
	sentvec *m = NULL;
	size_t *foff = NULL, nf = 0, i, k;
	const unsigned char *wb = weights;

	if (msg && msg_size)
		msg[0] = '\0';
	if (!manifest || !vocab || (!weights && weights_len)) {
		fail(&r, "sentvec_new: a buffer is NULL");
		return NULL;
	}
	if (!read_manifest(manifest, manifest_len, &t, &r))
		goto out;
	if (t.bytes != weights_len) {
		fail(&r, "the weights are %zu bytes, model.json lists %zu",
		     weights_len, t.bytes);
		goto out;
	}
	m = calloc(1, sizeof *m);
	foff = malloc(t.n * sizeof *foff);
	if (!m || !foff) {
		fail(&r, "out of memory");
		goto out;
	}
	for (i = 0; i < t.n; i++) {
		foff[i] = nf;
		if (t.v[i].dtype == DT_F32)
			nf += t.v[i].count;
	}
	m->f = malloc((nf ? nf : 1) * sizeof *m->f);
	if (!m->f) {
		fail(&r, "out of memory for %zu weights", nf);
		goto out;
	}
	for (i = 0; i < t.n; i++) {
		const unsigned char *p = wb + t.v[i].offset;
		float *o = m->f + foff[i];
		if (t.v[i].dtype != DT_F32)
			continue;
		for (k = 0; k < t.v[i].count; k++, p += 4) {
			int32_t v = get_i32(p);
			memcpy(&o[k], &v, sizeof v);
		}
	}
	if (!read_vocab(m, vocab, vocab_len, &r))
		goto out;
	b.t = &t;
	b.bytes = wb;
	b.f = m->f;
	b.foff = foff;
	b.r = &r;
	build_model(m, &b);
out:
	free(foff);
	wtable_free(&t);
	if (r.failed) {
		sentvec_free(m);
		return NULL;
	}
	return m;
}

/* ---- the forward pass -------------------------------------------------- */

/* C (n x m) = A (n x k) W (k x m) + bias. W is taken in strips of STRIP
 * columns (k x STRIP floats, which stay in the cache while every row of A
 * passes, so W comes from memory once per call), and C in tiles of 4 rows
 * x STRIP columns summed in local arrays in the L1 cache; the inner loops
 * have fixed counts so that the compiler vectorizes them at -O2 (64 was
 * the fastest of 8..64 here). */
#define STRIP 64
static void matmul(const float *restrict A, int n, int k,
                   const float *restrict W, int m, const float *restrict bias,
                   float *restrict C)
{
	int j0 = 0;
	for (; j0 + STRIP <= m; j0 += STRIP) {
		int i0 = 0;
		for (; i0 + 4 <= n; i0 += 4) {
			const float *a0 = A + (size_t)i0 * k, *a1 = a0 + k,
			            *a2 = a1 + k, *a3 = a2 + k;
			float c0[STRIP], c1[STRIP], c2[STRIP], c3[STRIP];
			for (int j = 0; j < STRIP; j++)
				c0[j] = c1[j] = c2[j] = c3[j] = bias[j0 + j];
			for (int p = 0; p < k; p++) {
				const float *w = W + (size_t)p * m + j0;
				float x0 = a0[p], x1 = a1[p], x2 = a2[p],
				      x3 = a3[p];
				for (int j = 0; j < STRIP; j++) {
					c0[j] += x0 * w[j];
					c1[j] += x1 * w[j];
					c2[j] += x2 * w[j];
					c3[j] += x3 * w[j];
				}
			}
			memcpy(C + (size_t)i0 * m + j0, c0, sizeof c0);
			memcpy(C + (size_t)(i0 + 1) * m + j0, c1, sizeof c1);
			memcpy(C + (size_t)(i0 + 2) * m + j0, c2, sizeof c2);
			memcpy(C + (size_t)(i0 + 3) * m + j0, c3, sizeof c3);
		}
		for (; i0 < n; i0++) {
			const float *a0 = A + (size_t)i0 * k;
			float c0[STRIP];
			for (int j = 0; j < STRIP; j++)
				c0[j] = bias[j0 + j];
			for (int p = 0; p < k; p++) {
				const float *w = W + (size_t)p * m + j0;
				for (int j = 0; j < STRIP; j++)
					c0[j] += a0[p] * w[j];
			}
			memcpy(C + (size_t)i0 * m + j0, c0, sizeof c0);
		}
	}
	for (; j0 < m; j0++) /* the last columns, when m % STRIP != 0 */
		for (int i = 0; i < n; i++) {
			float c = bias[j0];
			for (int p = 0; p < k; p++)
				c += A[(size_t)i * k + p] *
				     W[(size_t)p * m + j0];
			C[(size_t)i * m + j0] = c;
		}
}

/* Layer norm of each of n rows of width d: (x - mean) / sqrt(var + eps) *
 * s + b, the variance with divisor d. */
static void layer_norm(const float *x, float *y, int n, int d, const float *s,
                       const float *b, float eps)
{
	for (int t = 0; t < n; t++) {
		const float *xr = x + (size_t)t * d;
		float *yr = y + (size_t)t * d;
		double mean = 0, var = 0;
		for (int c = 0; c < d; c++)
			mean += xr[c];
		mean /= d;
		for (int c = 0; c < d; c++)
			var += (xr[c] - mean) * (xr[c] - mean);
		var /= d;
		float inv = (float)(1.0 / sqrt(var + eps));
		for (int c = 0; c < d; c++)
			yr[c] = ((float)(xr[c] - mean)) * inv * s[c] + b[c];
	}
}

/* Multi-head self-attention over n rows of qkv (each q | k | v, dq wide
 * apiece) into out (n x dq); sc is n floats of scratch. */
static void attention(const layer *L, const float *qkv, int n, float *sc,
                      float *out)
{
	int dq = L->heads * L->depth, w = 3 * dq;
	for (int h = 0; h < L->heads; h++) {
		int off = h * L->depth;
		for (int i = 0; i < n; i++) {
			const float *q = qkv + (size_t)i * w + off;
			float *o = out + (size_t)i * dq + off;
			float mx = -INFINITY;
			double sum = 0;
			for (int j = 0; j < n; j++) {
				const float *kr =
				    qkv + (size_t)j * w + dq + off;
				float dot = 0;
				for (int c = 0; c < L->depth; c++)
					dot += (q[c] * L->scale) * kr[c];
				sc[j] = dot;
				if (dot > mx)
					mx = dot;
			}
			for (int j = 0; j < n; j++) {
				sc[j] = expf(sc[j] - mx);
				sum += sc[j];
			}
			memset(o, 0, (size_t)L->depth * sizeof *o);
			for (int j = 0; j < n; j++) {
				const float *v =
				    qkv + (size_t)j * w + 2 * dq + off;
				float p = (float)(sc[j] / sum);
				for (int c = 0; c < L->depth; c++)
					o[c] += p * v[c];
			}
		}
	}
}

int sentvec_embed(const sentvec *m, const char *text, size_t len, float *out)
{
	int *ids = NULL;
	long count = sentvec_tokens(m, text, len, &ids);
	int n, W;
	float *buf, *x, *y, *h, *a, *big, *sc, *tmp;
	double norm = 0;

	if (count < 0)
		return -1;
	if (count == 0) {
		memset(out, 0, SENTVEC_DIM * sizeof *out);
		return 0;
	}
	n = count < m->clip ? (int)count : m->clip; /* ClipToMaxLength */
	W = m->width;
	buf = malloc(((size_t)5 * n * W + (size_t)n * m->wbig + (size_t)n) *
	             sizeof *buf);
	if (!buf) {
		free(ids);
		return -1;
	}
	x = buf;
	y = x + (size_t)n * W;
	h = y + (size_t)n * W;
	a = h + (size_t)n * W;
	tmp = a + (size_t)n * W;
	big = tmp + (size_t)n * W;
	sc = big + (size_t)n * m->wbig;

	/* The embeddings twice (see the top of the file) plus the timing
	 * signal: sin(t * inv_ts[c]) then cos(t * inv_ts[c]). */
	for (int t = 0; t < n; t++) {
		const float *e = m->emb + (size_t)ids[t] * m->L[0].din;
		float *xr = x + (size_t)t * m->L[0].din;
		for (int c = 0; c < m->nts; c++) {
			float ang = (float)t * m->inv_ts[c];
			xr[c] = 2 * e[c] + (float)sin(ang);
			xr[c + m->nts] = 2 * e[c + m->nts] + (float)cos(ang);
		}
	}
	free(ids);

	for (int l = 0; l < m->nlayers; l++) {
		const layer *L = &m->L[l];
		int dq = L->heads * L->depth;
		float *s;
		layer_norm(x, h, n, L->din, L->ln_s, L->ln_b, m->eps);
		matmul(h, n, L->din, L->qkv_w, 3 * dq, L->qkv_b, big);
		attention(L, big, n, sc, a);
		matmul(a, n, dq, L->o_w, L->dout, L->o_b, tmp);
		if (L->res_w) {
			matmul(x, n, L->din, L->res_w, L->dout, L->res_b, y);
			s = x, x = y, y = s;
		}
		for (size_t i = 0; i < (size_t)n * L->dout; i++)
			x[i] += tmp[i];
		layer_norm(x, h, n, L->dout, L->fln_s, L->fln_b, m->eps);
		matmul(h, n, L->dout, L->w1, L->dff, L->b1, big);
		for (size_t i = 0; i < (size_t)n * L->dff; i++)
			if (big[i] < 0)
				big[i] = 0;
		matmul(big, n, L->dff, L->w2, L->dout, L->b2, tmp);
		for (size_t i = 0; i < (size_t)n * L->dout; i++)
			x[i] += tmp[i];
	}

	/* Mean over the tokens, the tanh layer, L2 normalisation. */
	{
		int d = m->L[m->nlayers - 1].dout;
		float *pf = h;
		for (int c = 0; c < d; c++) {
			double sum = 0;
			for (int t = 0; t < n; t++)
				sum += x[(size_t)t * d + c];
			pf[c] = (float)(sum / n);
		}
		matmul(pf, 1, d, m->tanh_w, SENTVEC_DIM, m->tanh_b, out);
	}
	for (int c = 0; c < SENTVEC_DIM; c++) {
		out[c] = tanhf(out[c]);
		norm += (double)out[c] * out[c];
	}
	if (norm < m->l2eps)
		norm = m->l2eps;
	norm = 1 / sqrt(norm);
	for (int c = 0; c < SENTVEC_DIM; c++)
		out[c] = (float)(out[c] * norm);
	free(buf);
	return 0;
}
