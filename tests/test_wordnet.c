/* test_wordnet.c: unit tests of index/wordnet.c: synonyms of plain and
 * inflected words from the installed WordNet, and a small hand-made
 * database with truncated and malformed lines; and of common/morphy.c,
 * the detachment rules it reads inflections by. */
#include "check.h"
#include "morphy.h"
#include "wordnet.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void test_wordnet(void);

#define WN_DIR "/usr/share/wordnet"

/* Every synonym of one call, in order, and whether it was mutual. */
typedef struct {
	int n;
	char w[512][64];
	int mutual[512];
} collected;

static void collect(void *ctx, const char *synonym, int mutual)
{
	collected *c = ctx;
	if (c->n < 512) {
		c->mutual[c->n] = mutual;
		snprintf(c->w[c->n++], sizeof c->w[0], "%s", synonym);
	}
}

/* 1 + the index of w in c, or 0. */
static int find(const collected *c, const char *w)
{
	int i;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->w[i], w) == 0)
			return i + 1;
	return 0;
}

static int has(const collected *c, const char *w)
{
	return find(c, w) != 0;
}

/* 1 when w came with its shared sense its own commonest one, 0 when it
 * came without, -1 when it did not come. */
static int mutual(const collected *c, const char *w)
{
	int i = find(c, w);
	return i ? c->mutual[i - 1] : -1;
}

/* Every synonym is a lowercase single word, reported once. */
static int well_formed(const collected *c)
{
	int i, j;
	const char *s;
	for (i = 0; i < c->n; i++) {
		for (s = c->w[i]; *s; s++)
			if (*s == '_' || isupper((unsigned char)*s))
				return 0;
		if (c->w[i][0] == '\0')
			return 0;
		for (j = 0; j < i; j++)
			if (strcmp(c->w[i], c->w[j]) == 0)
				return 0;
	}
	return 1;
}

/* The uses wordnet_each_lemma reports for one lemma, as a noun and not. */
typedef struct {
	const char *lemma;
	double noun, other;
	int calls;
} uses_of;

static void on_lemma(void *ctx, const char *lemma, int noun, double uses)
{
	uses_of *u = ctx;
	if (strcmp(lemma, u->lemma) != 0)
		return;
	u->calls++;
	if (noun)
		u->noun += uses;
	else
		u->other += uses;
}

static uses_of lemma_uses(wordnet *wn, const char *lemma)
{
	uses_of u = {lemma, 0, 0, 0};
	CHECK(wordnet_each_lemma(wn, on_lemma, &u) > 0);
	return u;
}

/* Fills c with the synonyms of word and checks what holds for any word:
 * the count returned is the count of calls, the word itself never comes
 * out, and every synonym is well formed. */
static void synonyms(wordnet *wn, const char *word, int senses, collected *c)
{
	c->n = 0;
	CHECK(wordnet_synonyms(wn, word, senses, collect, c) == c->n);
	CHECK(!has(c, word));
	CHECK(well_formed(c));
}

/* The words of one wordnet_definition() call. */
static void on_def(void *ctx, const char *w)
{
	collect(ctx, w, 0);
}

static void test_real(void)
{
	static collected c, d; /* 32 KB each: not on the stack */
	char err[256] = "";
	wordnet *wn = wordnet_open(WN_DIR, err, sizeof err);
	CHECK(wn != NULL);
	if (!wn) {
		fprintf(stderr, "  wordnet_open: %s\n", err);
		return;
	}
	/* A verb's commonest definition, without the words that define
	 * everything: "increase" is "become bigger or greater in amount". */
	c.n = 0;
	CHECK(wordnet_definition(wn, "increase", 250, on_def, &c) > 0);
	CHECK(has(&c, "bigger") && has(&c, "amount") && !has(&c, "become"));
	c.n = 0;
	CHECK(wordnet_definition(wn, "increase", 1000000, on_def, &c) > 0);
	CHECK(has(&c, "become"));
	c.n = 0; /* an inflection reads as its verb */
	CHECK(wordnet_definition(wn, "deleted", 250, on_def, &c) > 0);
	CHECK(has(&c, "remove") && has(&c, "invisible"));
	c.n = 0; /* no verb, no definition */
	CHECK(wordnet_definition(wn, "zebra", 250, on_def, &c) == 0);
	CHECK(wordnet_definition(wn, "two words", 250, on_def, &c) == 0);
	CHECK(c.n == 0);

	synonyms(wn, "doctor", 3, &c);
	CHECK(has(&c, "doc"));
	CHECK(has(&c, "physician"));
	CHECK(!has(&c, "medical_man") && !has(&c, "medical man"));

	synonyms(wn, "doctors", 3, &d); /* a plural: the same as "doctor" */
	CHECK(d.n == c.n);
	CHECK(has(&d, "doc") && has(&d, "physician"));
	CHECK(!has(&d, "doctor"));

	/* A doctor is what "doc" and "physician" mean first of all; "stress"
	 * means tension only in a rarer sense. */
	synonyms(wn, "doctor", 1, &c);
	CHECK(mutual(&c, "doc") == 1);
	CHECK(mutual(&c, "physician") == 1);
	synonyms(wn, "tension", 1, &c);
	CHECK(mutual(&c, "stress") == 0);

	synonyms(wn, "alternative", 3, &c);
	CHECK(has(&c, "option"));

	synonyms(wn, "decreased", 3, &c); /* a verb's past: "ed" -> "" */
	CHECK(has(&c, "reduce") || has(&c, "lessen"));
	CHECK(!has(&c, "decrease"));

	synonyms(wn, "lifting", 3, &c); /* "ing" -> "", and a noun itself */
	CHECK(has(&c, "raise") || has(&c, "elevate"));
	CHECK(!has(&c, "lift"));

	synonyms(wn, "Doctor", 1, &c); /* input is lowercased */
	CHECK(has(&c, "physician"));

	synonyms(wn, "xqzv", 3, &c);
	CHECK(c.n == 0);
	synonyms(wn, "", 3, &c);
	CHECK(c.n == 0);
	synonyms(wn, "back pain", 3, &c); /* not one word */
	CHECK(c.n == 0);
	synonyms(wn, "doctor", 0, &c);
	CHECK(c.n == 0);

	synonyms(wn, "back", 1, &c);
	synonyms(wn, "back", 3, &d);
	CHECK(c.n > 0);
	CHECK(c.n <= d.n);

	synonyms(wn, "break", 1000, &c); /* every sense: bounded, no crash */
	CHECK(c.n > 50);

	/* SemCor's counts: "door" is used as a noun, "see" as a verb. */
	uses_of door = lemma_uses(wn, "door"), see = lemma_uses(wn, "see");
	CHECK(door.noun > 10 * door.other);
	CHECK(see.other > 10 * see.noun);
	wordnet_close(wn);
}

/* Writes text to dir/name; returns 0 on failure. */
static int write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;
	int ok;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return 0;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok;
}

static const char *const fake_files[] = {
    "index.noun", "index.verb", "index.adj", "index.adv", "data.noun",
    "data.verb",  "data.adj",   "data.adv",  "noun.exc", "cntlist.rev"};

/* A tiny database: a license line, markers, capitals, a multi-word lemma,
 * offsets past the end or into the middle of a line, too few fields, a
 * word count larger than the words there, and no final newline. */
/* The forms of one wordnet_each_form() call and their parts of speech. */
typedef struct {
	int n;
	char w[16][16];
	int pos[16];
} forms;

static void on_form(void *ctx, const char *form, int pos)
{
	forms *f = ctx;
	if (f->n < 16) {
		snprintf(f->w[f->n], sizeof f->w[0], "%s", form);
		f->pos[f->n++] = pos;
	}
}

/* The part of speech w came with, or -1. */
static int form_pos(const forms *f, const char *w)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->w[i], w) == 0)
			return f->pos[i];
	return -1;
}

/* Morphy's detachment rules: the base forms an inflection may have. */
static void test_morphy(void)
{
	char b[16];
	CHECK(morphy_base("doctors", 7, MORPHY_NOUN, 0, b, sizeof b) == 6);
	CHECK_STR(b, "doctor");
	/* "ies" -> "y", the noun's eighth rule */
	CHECK(morphy_base("bodies", 6, MORPHY_NOUN, 7, b, sizeof b) == 4);
	CHECK_STR(b, "body");
	CHECK(morphy_base("curing", 6, MORPHY_VERB, 6, b, sizeof b) == 4);
	CHECK_STR(b, "cure");
	CHECK(morphy_base("tighter", 7, MORPHY_ADJ, 0, b, sizeof b) == 5);
	CHECK_STR(b, "tight");
	/* a rule that does not fit the word; none for "boss" or "us" as
	 * nouns; adverbs have no rules; past the last rule, -1 */
	CHECK(morphy_base("doctor", 6, MORPHY_NOUN, 0, b, sizeof b) == 0);
	CHECK(morphy_base("boss", 4, MORPHY_NOUN, 0, b, sizeof b) == 0);
	CHECK(morphy_base("us", 2, MORPHY_NOUN, 0, b, sizeof b) == 0);
	CHECK(morphy_base("quickly", 7, MORPHY_ADV, 0, b, sizeof b) == -1);
	CHECK(morphy_base("doctors", 7, MORPHY_NOUN, 8, b, sizeof b) == -1);
	CHECK(morphy_base("doctors", 7, MORPHY_NPOS, 0, b, sizeof b) == -1);
	/* a base that would not fit */
	CHECK(morphy_base("doctors", 7, MORPHY_NOUN, 0, b, 6) == 0);
}

static void test_fake(void)
{
	static collected c;
	char dir[] = "/tmp/faqbot-wordnet-XXXXXX", path[512];
	const char *index = "  1 license line\n"
	                    "ant n 1 0 1 0 00000014\n"
	                    "cat n 5 0 5 0 00000012 99999999\n"
	                    "cur n 1 0 1 0 00000074\n"
	                    "dog n 1 1 @ 1 0 00000012\n"
	                    "eel n 1\n"
	                    "goose n 1 0 1 0 00000012\n"
	                    "zebra n 1 0 1 0 000000";
	const char *data = "  1 license\n"
	                   "00000012 05 n 03 dog 0 Hound 0 canis_familiaris 0 "
	                   "000 | a dog\n"
	                   "00000074 05 n ff cur 0 mutt 0 pooch";
	char err[256] = "";
	wordnet *wn;
	size_t i;
	int ok = mkdtemp(dir) != NULL;
	CHECK(ok);
	if (!ok)
		return;
	ok = write_file(dir, "index.noun", index) &&
	     write_file(dir, "data.noun", data) &&
	     write_file(dir, "index.verb", "") &&
	     write_file(dir, "data.verb", "") &&
	     write_file(dir, "index.adj", "big a 1 0 1 0 00000000\n") &&
	     write_file(dir, "data.adj",
	                "00000000 00 s 02 big(a) 0 large(ip) 0 000 | x\n") &&
	     write_file(dir, "index.adv", "") &&
	     write_file(dir, "data.adv", "") &&
	     write_file(dir, "noun.exc", "geese goose\n") &&
	     write_file(dir, "cntlist.rev",
	                "big%5:00:00:large:00 1 3\n" /* a satellite: adj */
	                "dog%1:05:00:: 1 7\n"
	                "dog%1:05:01:: 2 x\n" /* malformed: skipped */
	                "hot_dog%1:13:00:: 1 9\n" /* multi-word: skipped */
	                "nopercent 1 4\n");
	CHECK(ok);
	wn = ok ? wordnet_open(dir, err, sizeof err) : NULL;
	CHECK(wn != NULL);
	if (wn) {
		synonyms(wn, "dog", 3, &c);
		CHECK(c.n == 1 && has(&c, "hound"));
		synonyms(wn, "dogs", 3, &c);
		CHECK(c.n == 1 && has(&c, "hound"));
		synonyms(wn, "cat", 3, &c);
		CHECK(c.n == 2 && has(&c, "dog") && has(&c, "hound"));
		/* the dog synset is dog's first sense; "hound" has no index
		 * line, so no sense of its own to compare */
		CHECK(mutual(&c, "dog") == 1 && mutual(&c, "hound") == 0);
		synonyms(wn, "geese", 3, &c); /* from noun.exc */
		CHECK(c.n == 2 && has(&c, "dog") && !has(&c, "goose"));
		synonyms(wn, "big", 3, &c);
		CHECK(c.n == 1 && has(&c, "large"));
		synonyms(wn, "cur", 3, &c); /* "ff" words, only one there */
		CHECK(c.n == 1 && has(&c, "mutt"));
		synonyms(wn, "ant", 3, &c);
		CHECK(c.n == 0);
		synonyms(wn, "eel", 3, &c);
		CHECK(c.n == 0);
		synonyms(wn, "zebra", 3, &c);
		CHECK(c.n == 0);
		synonyms(wn, "license", 3, &c);
		CHECK(c.n == 0);
		/* uses: the counts, plus half a use per sense */
		uses_of dog = lemma_uses(wn, "dog"), cat = lemma_uses(wn, "cat"),
		        big = lemma_uses(wn, "big");
		CHECK(dog.calls == 1 && dog.noun == 7.5 && dog.other == 0);
		CHECK(cat.calls == 1 && cat.noun == 2.5);
		CHECK(big.calls == 1 && big.noun == 0 && big.other == 3.5);
		/* every single-word lemma and irregular form, with its part
		 * of speech; no license line */
		forms f = {0};
		CHECK(wordnet_each_form(wn, on_form, &f) == 9);
		CHECK(f.n == 9 && form_pos(&f, "geese") == MORPHY_NOUN &&
		      form_pos(&f, "big") == MORPHY_ADJ &&
		      form_pos(&f, "zebra") == MORPHY_NOUN &&
		      form_pos(&f, "1") < 0 && form_pos(&f, "hound") < 0);
		wordnet_close(wn);
	}
	/* without data.adv the database is incomplete */
	snprintf(path, sizeof path, "%s/data.adv", dir);
	unlink(path);
	err[0] = '\0';
	wn = wordnet_open(dir, err, sizeof err);
	CHECK(wn == NULL);
	CHECK(strstr(err, "data.adv") != NULL);
	wordnet_close(wn);
	for (i = 0; i < sizeof fake_files / sizeof fake_files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, fake_files[i]);
		unlink(path);
	}
	rmdir(dir);
}

void test_wordnet(void)
{
	static char long_dir[5000];
	char err[256] = "";
	wordnet *wn = wordnet_open("/nonexistent/wordnet", err, sizeof err);
	CHECK(wn == NULL);
	CHECK(strstr(err, "/nonexistent/wordnet/index.noun") != NULL);
	wordnet_close(wn);
	memset(long_dir, 'a', sizeof long_dir - 1);
	err[0] = '\0';
	CHECK(wordnet_open(long_dir, err, sizeof err) == NULL);
	CHECK(err[0] != '\0');
	CHECK(wordnet_open("/nonexistent", NULL, 0) == NULL);
	test_morphy();
	test_fake();
	if (access(WN_DIR "/index.noun", R_OK) != 0) {
		CHECK(!"WordNet missing: apt-get install wordnet-base");
		return;
	}
	test_real();
}
