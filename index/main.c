/* main.c of faqbot-index: reads FAQ documents, reports what an author must
 * fix, and writes the index faqbot answers from. */
#include "build.h"
#include "corpus.h"
#include "lint.h"
#include "stopwords.h"
#include "stemtok.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORDNET_DIR "/usr/share/wordnet" /* Debian's wordnet-base */
#define MAX_CORPUS_BYTES (256u << 20) /* a larger file is refused */

static const char usage[] =
    "usage: faqbot-index [-f FORMAT] [-l LANG] [--list] -o INDEX FILE...\n"
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

/* The content words' stems of text, sorted and unique, one space apart
 * (malloc'ed), as the ranking will see them. */
static char *key_of(stemtok_splitter *sp, const char *lang, const char *text)
{
	stemtok_list l = {0};
	stemtok_splitter_run(sp, text, (int)strlen(text), &l);
	size_t cap = 1;
	for (size_t i = 0; i < l.n; i++)
		cap += strlen(l.v[i].stem) + 1;
	char *key = calloc(cap, 1);
	/* Selection of the smallest stem above the last one: quadratic, but
	 * questions are short. */
	const char *last = "";
	for (size_t round = 0; key && round < l.n; round++) {
		const char *best = NULL;
		for (size_t i = 0; i < l.n; i++)
			if (!stopword_is(lang, l.v[i].word) &&
			    strcmp(l.v[i].stem, last) > 0 &&
			    (!best || strcmp(l.v[i].stem, best) < 0))
				best = l.v[i].stem;
		if (!best)
			break;
		if (*key)
			strcat(key, " ");
		strcat(key, best);
		last = best;
	}
	stemtok_list_free(&l);
	return key;
}

/* Prints the corpus checks: all of them with verbose, else a count.
 * Returns how many there were, or -1 on error. */
static int check_corpora(const build_source *src, size_t nsrc,
                         const char *lang, int verbose)
{
	size_t n = 0;
	for (size_t s = 0; s < nsrc; s++)
		n += src[s].c->n;
	sqlite3 *db = NULL;
	stemtok_splitter *sp = NULL;
	lint_entry *e = calloc(n ? n : 1, sizeof *e);
	lint_report r = {0};
	int rc = e && sqlite3_open(":memory:", &db) == SQLITE_OK &&
	                 stemtok_register(db) == SQLITE_OK &&
	                 (sp = stemtok_splitter_new(db, lang))
	             ? 0
	             : -1;
	size_t k = 0;
	for (size_t s = 0; rc == 0 && s < nsrc; s++)
		for (size_t i = 0; i < src[s].c->n; i++, k++) {
			const corpus_entry *c = &src[s].c->entries[i];
			e[k] = (lint_entry){c->id, src[s].name, c->line, c->question,
			                    c->answer, key_of(sp, lang, c->question)};
			if (!e[k].key)
				rc = -1;
		}
	if (rc == 0)
		rc = lint_check(e, k, &r);
	for (size_t i = 0; rc == 0 && verbose && i < r.n; i++)
		fprintf(stderr, "%s:%d: %s\n", r.v[i].source, r.v[i].line,
		        r.v[i].message);
	if (rc == 0 && !verbose && r.n)
		fprintf(stderr, "faqbot-index: %zu note%s on the corpus; see them "
		        "with --check\n", r.n, r.n == 1 ? "" : "s");
	if (rc == 0)
		rc = (int)r.n;
	for (size_t i = 0; i < k; i++)
		free((char *)e[i].key);
	free(e);
	lint_free(&r);
	stemtok_splitter_free(sp);
	sqlite3_close(db);
	return rc;
}

static void list_entries(const char *name, const corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		printf("%s\t%s:%d\t%s\n", c->entries[i].id, name, c->entries[i].line,
		       c->entries[i].label);
}

int main(int argc, char **argv)
{
	const char *out = NULL, *lang = "english", *wn_dir = WORDNET_DIR;
	const char *syn_path = NULL;
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
	if (nfiles == 0 || (!out && !list && !check)) {
		fputs(usage, stderr);
		free(files);
		return 2;
	}
	if (!stemtok_language_ok(lang)) {
		fprintf(stderr, "faqbot-index: no Snowball stemmer for '%s'\n", lang);
		free(files);
		return 2;
	}
	build_source *src = calloc((size_t)nfiles, sizeof *src);
	corpus *cs = calloc((size_t)nfiles, sizeof *cs);
	int status = src && cs ? 0 : 2;
	size_t total = 0;
	for (int i = 0; status == 0 && i < nfiles; i++) {
		size_t len = 0;
		char *text = read_file(files[i], &len);
		if (!text) {
			fprintf(stderr, "faqbot-index: %s: %s\n", files[i],
			        strerror(errno));
			status = 2;
			break;
		}
		int rc = corpus_parse(files[i], text, len, fmt, &cs[i]);
		free(text);
		for (size_t p = 0; p < cs[i].nproblems; p++)
			fprintf(stderr, "%s:%d: %s\n", files[i], cs[i].problems[p].line,
			        cs[i].problems[p].message);
		if (rc != 0) /* the problems above said why */
			status = 2;
		src[i].name = files[i];
		src[i].c = &cs[i];
		total += cs[i].n;
		if (list)
			list_entries(files[i], &cs[i]);
	}
	if (status == 0) {
		int notes = check_corpora(src, (size_t)nfiles, lang, check);
		if (notes < 0)
			status = 2;
		else if (check && notes > 0 && !out)
			status = 1;
	}
	char err[512];
	wordnet *wn = NULL;
	/* WordNet is English: other languages get no synonyms from it. */
	if (status == 0 && out && wn_dir && strcmp(lang, "english") == 0) {
		wn = wordnet_open(wn_dir, err, sizeof err);
		if (!wn)
			fprintf(stderr, "faqbot-index: no synonyms (%s; install Debian's "
			        "wordnet-base)\n", err);
	}
	synfile sf = {0};
	if (status == 0 && syn_path) {
		size_t len = 0;
		char *text = read_file(syn_path, &len);
		if (!text || synfile_parse(text, len, &sf) != 0) {
			fprintf(stderr, "faqbot-index: %s: %s\n", syn_path,
			        text ? "out of memory" : strerror(errno));
			status = 2;
		}
		free(text);
	}
	build_options opt = {lang, wn, syn_path ? &sf : NULL};
	if (status == 0 && out) {
		if (build_index(src, (size_t)nfiles, &opt, out, err, sizeof err) != 0) {
			fprintf(stderr, "faqbot-index: %s\n", err);
			status = 2;
		} else {
			fprintf(stderr, "faqbot-index: %zu entries from %d file%s -> %s\n",
			        total, nfiles, nfiles == 1 ? "" : "s", out);
		}
	}
	wordnet_close(wn);
	synfile_free(&sf);
	for (int i = 0; cs && i < nfiles; i++)
		corpus_free(&cs[i]);
	free(cs);
	free(src);
	free(files);
	return status;
}
