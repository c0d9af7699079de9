/* main.c of faqbot-index: reads FAQ documents, reports what an author must
 * fix, and writes the index faqbot answers from. */
#include "build.h"
#include "corpus.h"
#include "lint.h"
#include "modeldir.h"
#include "review.h"
#include "schema.h"
#include "stemtok.h"
#include "stopwords.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDNET_DIR "/usr/share/wordnet" /* Debian's wordnet-base */
#define MAX_CORPUS_BYTES (256u << 20) /* a larger file is refused */

static const char usage[] =
    "usage: faqbot-index [-f FORMAT] [-l LANG] [--list] -o INDEX FILE...\n"
    "       faqbot-index --review LOG [--db INDEX]\n"
    "Builds the index faqbot answers from.\n"
    "  -o, --output INDEX   index file to write (replaced only when complete)\n"
    "  -f, --format FORMAT  article, tsv, faq or numbered (default: detected\n"
    "                       per file)\n"
    "  -l, --lang LANG      Snowball stemmer language (default: english)\n"
    "      --list           print every entry found (id, file:line, question)\n"
    "      --check          list what an author should know (repeated or\n"
    "                       look-alike questions); exit 1 if there is any\n"
    "      --wordnet DIR    WordNet files for synonyms (English; default\n"
    "                       " WORDNET_DIR ")\n"
    "      --no-wordnet     index without WordNet synonyms\n"
    "  -s, --synonyms FILE  your own synonyms: each line words that mean the\n"
    "                       same here, comma-separated (# comments)\n"
    "      --model DIR      a sentence encoder (model.json, weights.bin,\n"
    "                       vocab.json; `make model` fetches it): the index\n"
    "                       keeps it and every entry's vectors, and the bot\n"
    "                       weighs how close in meaning a question is\n"
    "      --review LOG     group the questions of faqbot's miss log\n"
    "                       (faqbot --log-misses LOG), largest group first\n"
    "      --db INDEX       with --review: show the entries the bot found\n"
    "                       closest, and the Q: line that would answer them\n"
    "  -h, --help           this help\n"
    "Formats: article (headings and question lines with prose answers),\n"
    "tsv (id<TAB>question<TAB>answer), faq (Q: lines, then A: answer),\n"
    "numbered (sections numbered 1.2. or 3.1.4, as in Debian's FAQ).\n";

/* Reads a whole file into a malloc'ed buffer the caller frees. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap) {
			if (ferror(f)) {
				free(buf);
				buf = NULL;
			}
			break;
		}
		if (cap >= MAX_CORPUS_BYTES) {
			free(buf);
			buf = NULL;
			errno = EFBIG;
			break;
		}
		char *nb = realloc(buf, cap * 2);
		if (!nb)
			free(buf);
		buf = nb;
		cap *= 2;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int parse_format(const char *s, corpus_format *f)
{
	/* In the order of corpus_format. */
	static const char *names[] = {"auto", "article", "tsv", "faq",
	                              "numbered"};
	for (int i = 0; i < (int)(sizeof names / sizeof *names); i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (corpus_format)i;
			return 0;
		}
	return -1;
}

/* The key of text (lint.h), as the ranking will see it; malloc'ed. */
static char *key_of(stemtok_splitter *sp, const char *lang, const char *text,
                    int all)
{
	stemtok_list l = {0};
	char *key = NULL;
	if (stemtok_splitter_run(sp, text, (int)strlen(text), &l) == SQLITE_OK)
		key = lint_key(&l, lang, all);
	stemtok_list_free(&l);
	return key;
}

/* Where an entry of the index came from, for --review. */
typedef struct {
	char *label, *source; /* owned */
	int line;
} origin;

/* Looks up the entry with corpus id id; 1 when found, 0 when not, -1 on
 * an error of the index. The caller frees the strings. */
static int find_origin(sqlite3 *db, const char *id, origin *o)
{
	sqlite3_stmt *st = NULL;
	memset(o, 0, sizeof *o);
	if (sqlite3_prepare_v2(db,
	                       "SELECT label, source, line FROM entry "
	                       "WHERE ext_id = ?1 ORDER BY id LIMIT 1",
	                       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *l = (const char *)sqlite3_column_text(st, 0);
		const char *s = (const char *)sqlite3_column_text(st, 1);
		o->label = strdup(l ? l : "");
		o->source = strdup(s ? s : "");
		o->line = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && (!o->label || !o->source))
		return -1;
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The format of the corpus file at path, or CORPUS_AUTO when it cannot
 * be read (from here). The last answer is kept: groups mostly point into
 * one file. A NULL path frees what is kept. */
static corpus_format format_of(const char *path)
{
	static char *last;
	static corpus_format last_fmt;
	if (!path || !last || strcmp(last, path) != 0) {
		free(last);
		last = path ? strdup(path) : NULL;
		size_t len = 0;
		char *text = path ? read_file(path, &len) : NULL;
		last_fmt = text ? corpus_detect(path, text, len) : CORPUS_AUTO;
		free(text);
	}
	return last_fmt;
}

/* Prints one group of --review; db (may be NULL) says where its best
 * match is. Returns -1 on an error of the index. */
static int print_group(const review_group *g, const review_item *it,
                       sqlite3 *db, const char *db_path)
{
	static const char *formats[] = {"unknown", "article", "tsv", "faq",
	                                "numbered"};
	const char *rep = it[g->q[0].item].question;
	/* The representative, then the others; "(N)": asked N times. */
	for (size_t i = 0; i < g->nq; i++) {
		if (i == 0)
			printf("%zu  ", g->count);
		else
			printf("   ");
		if (g->q[i].count > 1)
			printf("%s (%zu)\n", it[g->q[i].item].question,
			       g->q[i].count);
		else
			printf("%s\n", it[g->q[i].item].question);
	}
	if (!g->best) {
		printf("   no entry came close\n");
		return 0;
	}
	printf("   best match: %s, for %zu of %zu\n", g->best, g->nbest,
	       g->count);
	if (!db)
		return 0;
	origin o;
	int rc = find_origin(db, g->best, &o);
	if (rc == 0)
		printf("   (no entry %s in %s: was it rebuilt since?)\n",
		       g->best, db_path);
	if (rc == 1) {
		printf("     \"%s\" (%s:%d)\n", o.label, o.source, o.line);
		corpus_format f = format_of(o.source);
		if (f == CORPUS_FAQ || f == CORPUS_AUTO)
			printf("   to answer them with it, add after %s:%d:\n",
			       o.source, o.line);
		else
			printf(
			    "   %s is in the %s format, which has no alternate "
			    "questions;\n   in the faq format this line would "
			    "answer them with it:\n",
			    o.source, formats[f]);
		printf("     Q: %s\n", rep);
	}
	free(o.label);
	free(o.source);
	return rc < 0 ? -1 : 0;
}

/* --review: reads the miss log at path, groups its questions and prints
 * the groups, largest first. With db_path, the stemmer language is the
 * index's and the groups' best matches are looked up in it. Returns the
 * exit status. */
static int run_review(const char *path, const char *db_path, const char *lang)
{
	char msg[1024];
	sqlite3 *db = NULL;
	char *db_lang = NULL;
	if (db_path) {
		if (!(db = schema_open(db_path, msg, sizeof msg))) {
			fprintf(stderr, "faqbot-index: %s\n", msg);
			return 2;
		}
		lang = db_lang = schema_meta(db, "language");
	} else if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	           stemtok_register(db) != SQLITE_OK) {
		fprintf(stderr, "faqbot-index: %s\n", sqlite3_errmsg(db));
		sqlite3_close(db);
		return 2;
	}
	stemtok_splitter *sp = lang ? stemtok_splitter_new(db, lang) : NULL;
	FILE *f = fopen(path, "r");
	int status = sp && f ? 0 : 2;
	if (!f)
		fprintf(stderr, "faqbot-index: %s: %s\n", path,
		        strerror(errno));
	else if (!sp)
		fprintf(stderr, "faqbot-index: out of memory\n");
	/* Every line read is kept (lines[i]): the items point into them. */
	char **lines = NULL;
	review_item *items = NULL;
	size_t n = 0, cap = 0, skipped = 0;
	int lineno = 0;
	for (;;) {
		char *line = NULL;
		size_t lcap = 0;
		if (status || getline(&line, &lcap, f) < 0) {
			free(line);
			break;
		}
		lineno++;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			char **nl = realloc(lines, cap * sizeof *nl);
			if (nl)
				lines = nl;
			review_item *ni =
			    nl ? realloc(items, cap * sizeof *ni) : NULL;
			if (ni)
				items = ni;
			if (!ni) {
				free(line);
				status = 2;
				fprintf(stderr,
				        "faqbot-index: out of memory\n");
				break;
			}
		}
		if (line[strspn(line, " \t\r\n")] == '\0') {
			free(line);
			continue;
		}
		review_item it;
		if (review_parse(line, &it) != 0) {
			/* Warn and go on; a file that is no log at all says so
			 * a few times, not once a line. */
			if (skipped++ < 5)
				fprintf(stderr,
				        "%s:%d: not a miss-log line "
				        "(time<TAB>confidence<TAB>id<TAB>"
				        "question); "
				        "skipped\n",
				        path, lineno);
			free(line);
			continue;
		}
		char *key = key_of(sp, lang, it.question, 0);
		/* A question of function words only ("what is it?") is grouped
		 * with the same words only. */
		it.exact = key && !*key;
		if (it.exact) {
			free(key);
			key = key_of(sp, lang, it.question, 1);
		}
		if (!key) {
			fprintf(stderr, "faqbot-index: out of memory\n");
			free(line);
			status = 2;
			break;
		}
		it.key = key;
		items[n] = it;
		lines[n++] = line;
	}
	if (f && ferror(f)) {
		fprintf(stderr, "faqbot-index: %s: %s\n", path,
		        strerror(errno));
		status = 2;
	}
	if (skipped > 5)
		fprintf(stderr, "%s: %zu lines skipped in all\n", path,
		        skipped);
	review_report r = {0};
	if (status == 0 &&
	    review_cluster(items, n, REVIEW_SIMILARITY, &r) != 0) {
		fprintf(stderr, "faqbot-index: out of memory\n");
		status = 2;
	}
	if (status == 0)
		printf("%s: %zu question%s in %zu group%s, largest first\n",
		       path, n, n == 1 ? "" : "s", r.n, r.n == 1 ? "" : "s");
	for (size_t g = 0; status == 0 && g < r.n; g++) {
		printf("\n");
		if (print_group(&r.v[g], items, db_path ? db : NULL, db_path) !=
		    0) {
			fprintf(stderr, "faqbot-index: %s: %s\n", db_path,
			        sqlite3_errmsg(db));
			status = 2;
		}
	}
	if (status == 0 && fflush(stdout) != 0) {
		fprintf(stderr, "faqbot-index: cannot write output: %s\n",
		        strerror(errno));
		status = 2;
	}
	review_free(&r);
	format_of(NULL);
	for (size_t i = 0; i < n; i++) {
		free((char *)items[i].key);
		free(lines[i]);
	}
	free(lines);
	free(items);
	if (f)
		fclose(f);
	stemtok_splitter_free(sp);
	free(db_lang);
	sqlite3_close(db);
	return status;
}

static void list_entries(const char *name, const corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		printf("%s\t%s:%d\t%s\n", c->entries[i].id, name, c->entries[i].line,
		       c->entries[i].label);
}

/* The builder's notes: problems are printed, the corpus checks counted
 * (and printed with --check). */
typedef struct {
	int verbose;
	size_t lint;
} notes;

static void on_note(void *p, const char *source, int line, int lint,
                    const char *message)
{
	notes *n = p;
	n->lint += lint != 0;
	if (!lint || n->verbose)
		fprintf(stderr, "%s:%d: %s\n", source, line, message);
}

/* Prints c's problems, lists its entries (with list) and adds them.
 * Returns 0, or 2 after saying why not. */
static int add_corpus(builder *b, const char *path, const corpus *c, int list)
{
	char err[512];
	for (size_t p = 0; p < c->nproblems; p++)
		fprintf(stderr, "%s:%d: %s\n", path, c->problems[p].line,
		        c->problems[p].message);
	if (list)
		list_entries(path, c);
	if (builder_add(b, path, c, err, sizeof err) != 0) {
		fprintf(stderr, "faqbot-index: %s\n", err);
		return 2;
	}
	return 0;
}

/* TSV is read a piece of whole lines at a time, parsed and added, so that
 * memory does not grow with the file (a million entries are 700 MB). A
 * line longer than a piece is read whole, up to MAX_CORPUS_BYTES. */
#define TSV_PIECE (1u << 20)

static int add_tsv(builder *b, const char *path, int list)
{
	FILE *f = fopen(path, "rb");
	size_t cap = TSV_PIECE, len = 0, added = 0;
	char *buf = f ? malloc(cap) : NULL;
	int line = 1, status = 0, eof = 0;
	if (!buf) {
		fprintf(stderr, "faqbot-index: %s: %s\n", path, strerror(errno));
		if (f)
			fclose(f);
		return 2;
	}
	while (status == 0 && !eof) {
		if (len == cap) {
			char *nb = cap < MAX_CORPUS_BYTES ? realloc(buf, cap * 2) : NULL;
			if (!nb) {
				fprintf(stderr, "faqbot-index: %s:%d: %s\n", path, line,
				        cap < MAX_CORPUS_BYTES ? strerror(ENOMEM)
				                               : "line too long");
				status = 2;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0 && ferror(f)) {
			fprintf(stderr, "faqbot-index: %s: %s\n", path, strerror(errno));
			status = 2;
			break;
		}
		eof = got == 0;
		/* The whole lines read: up to the last newline, or all at the end. */
		size_t cut = len;
		while (!eof && cut > 0 && buf[cut - 1] != '\n')
			cut--;
		if (!cut)
			continue;
		corpus c = {0};
		added += corpus_parse_tsv_part(buf, cut, line, &c);
		status = add_corpus(b, path, &c, list);
		corpus_free(&c);
		for (const char *p = buf; (p = memchr(p, '\n', cut - (size_t)(p - buf)));
		     p++)
			line++;
		memmove(buf, buf + cut, len - cut);
		len -= cut;
	}
	if (status == 0 && !added) {
		fprintf(stderr, "%s:0: %s\n", path, corpus_empty_message(CORPUS_TSV));
		status = 2;
	}
	free(buf);
	fclose(f);
	return status;
}

/* Reads, parses and adds one file. Returns 0 or 2. */
static int add_file(builder *b, const char *path, corpus_format fmt, int list)
{
	if (fmt == CORPUS_TSV ||
	    (fmt == CORPUS_AUTO && corpus_detect(path, "", 0) == CORPUS_TSV))
		return add_tsv(b, path, list);
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "faqbot-index: %s: %s\n", path, strerror(errno));
		return 2;
	}
	corpus c = {0};
	int rc = corpus_parse(path, text, len, fmt, &c);
	free(text);
	int status = add_corpus(b, path, &c, list);
	corpus_free(&c);
	/* When nothing was found, the problems above said why. */
	return rc != 0 ? 2 : status;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *lang = "english", *wn_dir = WORDNET_DIR;
	const char *syn_path = NULL, *review = NULL, *db = NULL, *model = NULL;
	corpus_format fmt = CORPUS_AUTO;
	int list = 0, check = 0, nfiles = 0;
	const char **files = calloc((size_t)argc, sizeof *files);
	if (!files)
		return 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage, stdout);
			free(files);
			return 0;
		} else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && more) {
			out = argv[++i];
		} else if ((!strcmp(a, "-l") || !strcmp(a, "--lang")) && more) {
			lang = argv[++i];
		} else if ((!strcmp(a, "-f") || !strcmp(a, "--format")) && more) {
			if (parse_format(argv[++i], &fmt) != 0) {
				fprintf(stderr, "faqbot-index: unknown format '%s' "
				        "(article, tsv, faq or numbered)\n", argv[i]);
				free(files);
				return 2;
			}
		} else if (!strcmp(a, "--wordnet") && more) {
			wn_dir = argv[++i];
		} else if ((!strcmp(a, "-s") || !strcmp(a, "--synonyms")) && more) {
			syn_path = argv[++i];
		} else if (!strcmp(a, "--model") && more) {
			model = argv[++i];
		} else if (!strcmp(a, "--review") && more) {
			review = argv[++i];
		} else if (!strcmp(a, "--db") && more) {
			db = argv[++i];
		} else if (!strcmp(a, "--no-wordnet")) {
			wn_dir = NULL;
		} else if (!strcmp(a, "--check")) {
			check = 1;
		} else if (!strcmp(a, "--list")) {
			list = 1;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "faqbot-index: unknown or incomplete option "
			        "'%s'\n%s", a, usage);
			free(files);
			return 2;
		} else {
			files[nfiles++] = a;
		}
	}
	/* --review reads a log, not corpora: nothing else goes with it. */
	if (review ? nfiles || out || list || check
	           : db || nfiles == 0 || (!out && !list && !check)) {
		fputs(usage, stderr);
		free(files);
		return 2;
	}
	if (!stemtok_language_ok(lang)) {
		fprintf(stderr, "faqbot-index: no Snowball stemmer for '%s'\n", lang);
		free(files);
		return 2;
	}
	if (review) {
		free(files);
		return run_review(review, db, lang);
	}
	char err[512];
	wordnet *wn = NULL;
	int status = 0;
	/* WordNet is English: other languages get no synonyms from it. */
	int english = !strcmp(lang, "english") || !strcmp(lang, "en") ||
	              !strcmp(lang, "eng") || !strcmp(lang, "porter");
	if (out && wn_dir && english) {
		wn = wordnet_open(wn_dir, err, sizeof err);
		if (!wn)
			fprintf(stderr, "faqbot-index: no synonyms (%s; install Debian's "
			        "wordnet-base)\n", err);
	}
	synfile sf = {0};
	if (syn_path) {
		size_t len = 0;
		char *text = read_file(syn_path, &len);
		if (!text || synfile_parse(text, len, &sf) != 0) {
			fprintf(stderr, "faqbot-index: %s: %s\n", syn_path,
			        text ? "out of memory" : strerror(errno));
			status = 2;
		}
		free(text);
	}
	modeldir md = {0};
	char mpath[4096];
	if (!status && model && out &&
	    modeldir_read(model, &md, mpath, sizeof mpath) != 0) {
		fprintf(stderr,
		        "faqbot-index: %s: %s (fetch the sentence encoder with: "
		        "make model)\n",
		        mpath, strerror(errno));
		status = 2;
	}
	/* Without -o the index is a scratch one, for --list and --check. */
	notes nt = {check, 0};
	build_options opt = {lang, wn,  syn_path ? &sf : NULL,
	                     0,    on_note, &nt,
	                     model && out ? &md : NULL};
	builder *b = status ? NULL : builder_open(&opt, out, err, sizeof err);
	if (!status && !b) {
		fprintf(stderr, "faqbot-index: %s\n", err);
		status = 2;
	}
	for (int i = 0; status == 0 && i < nfiles; i++)
		status = add_file(b, files[i], fmt, list);
	size_t total = b ? builder_count(b) : 0;
	if (status != 0) {
		builder_abort(b);
	} else if (builder_finish(b, err, sizeof err) != 0) {
		fprintf(stderr, "faqbot-index: %s\n", err);
		status = 2;
	} else {
		if (!check && nt.lint)
			fprintf(stderr, "faqbot-index: %zu note%s on the corpus; see "
			        "them with --check\n", nt.lint, nt.lint == 1 ? "" : "s");
		if (out)
			fprintf(stderr, "faqbot-index: %zu entries from %d file%s -> %s\n",
			        total, nfiles, nfiles == 1 ? "" : "s", out);
		else if (check && nt.lint)
			status = 1;
	}
	wordnet_close(wn);
	synfile_free(&sf);
	modeldir_free(&md);
	free(files);
	return status;
}
