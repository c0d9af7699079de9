/* test_corpus.c: unit tests of index/corpus.c: the sample article parsed
 * exactly, TSV and "Q:"/"A:" files, numbered sections (and the Debian FAQ
 * when installed), format detection, and hostile input. */
#include "check.h"
#include "testutil.h"
#include "corpus.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void test_corpus(void);

/* ---- helpers --------------------------------------------------------- */

/* Parses len bytes of text from a malloc'ed copy that is exactly len bytes
 * long (no NUL after it), so that AddressSanitizer catches any read past
 * the end. c is zeroed first; the caller frees it with corpus_free. */
static int parse_n(const char *name, const char *text, size_t len,
                   corpus_format f, corpus *c)
{
	char *copy = malloc(len ? len : 1);
	int rc;
	if (!copy)
		abort();
	memcpy(copy, text, len);
	memset(c, 0, sizeof *c);
	rc = corpus_parse(name, copy, len, f, c);
	free(copy);
	return rc;
}

static int parse(const char *name, const char *text, corpus_format f, corpus *c)
{
	return parse_n(name, text, strlen(text), f, c);
}

/* The first strlen(want) bytes of s (in a static buffer), to compare with
 * CHECK_STR so that a failure shows what was there. */
static const char *head(const char *s, const char *want)
{
	static char b[256];
	size_t n = strlen(want);
	if (!s)
		return NULL;
	if (n >= sizeof b)
		n = sizeof b - 1;
	strncpy(b, s, n);
	b[n] = '\0';
	return b;
}

/* The last strlen(want) bytes of s (all of s if it is shorter). */
static const char *tail(const char *s, const char *want)
{
	size_t n = s ? strlen(s) : 0, w = strlen(want);
	return s && n > w ? s + n - w : s;
}

static int count(const char *s, const char *sub)
{
	int n = 0;
	size_t k = strlen(sub);
	while (s && (s = strstr(s, sub))) {
		n++;
		s += k;
	}
	return n;
}

/* 1 when c has a problem at line whose message contains part. */
static int has_problem(const corpus *c, int line, const char *part)
{
	size_t i;
	for (i = 0; i < c->nproblems; i++)
		if (c->problems[i].line == line &&
		    strstr(c->problems[i].message, part))
			return 1;
	return 0;
}

/* The whole file, malloc'ed (caller frees), or NULL. */
static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0;
	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		size_t k = fread(s + n, 1, cap - n, f);
		n += k;
		if (k == 0)
			break;
	}
	fclose(f);
	*len = n;
	return s;
}


/* ---- the sample article ---------------------------------------------- */

typedef struct {
	const char *id;
	entry_kind kind;
	int line;
	const char *label; /* also the question, except for untitled parts */
	const char *head, *tail;
	int paragraphs;
} want_entry;

static const want_entry article_want[] = {
    {"key-takeaway", ENTRY_SECTION, 5, "Key Takeaway",
     "  \xE2\x80\xA2 First up, it's like a mini spa day",
     "you'll be on cloud nine in no time!", 1},
    {"part-13", ENTRY_UNTITLED, 13,
     "So, picture this: you've got some annoying back pain, and you're"
     " looking for a way to kick it to...",
     "So, picture this: you've got some annoying back pain",
     "in an all-around better mood. Win-win.", 5},
    {"increased-blood-flow-and-circulation", ENTRY_SECTION, 23,
     "Increased Blood Flow and Circulation",
     "Let's chat about how massage therapy is like a superhero",
     "for the ultimate back pain relief squad.", 7},
    {"decreased-muscle-tension", ENTRY_SECTION, 39, "Decreased Muscle Tension",
     "Let's dive into the wonderful world of massage therapy",
     "making your back and muscles feel fantastic.", 7},
    {"increased-endorphin-levels", ENTRY_SECTION, 55,
     "Increased Endorphin Levels",
     "Now let's talk about how massage therapy can make you feel",
     "It's like a joy ride for your body and mind.", 7},
    {"importance-of-medical-evaluation", ENTRY_SECTION, 71,
     "Importance of Medical Evaluation",
     "So, imagine this: you've got this nagging backache",
     "It's your first step on the road to feeling better.", 7},
    {"part-88", ENTRY_UNTITLED, 88,
     "In a nutshell, massage therapy is like a superhero when it comes to"
     " tackling back pain.",
     "In a nutshell, massage therapy is like a superhero",
     "It's a win-win for your body and soul.", 4},
    {"what-is-the-medical-community-s-opinion", ENTRY_QUESTION, 96,
     "What is the medical community's opinion on massage therapy as a"
     " treatment for back pain?",
     "The medical community is increasingly accepting",
     "credible treatment for various types of back pain.", 1},
    {"what-s-up-with-acute-lower-back-pain-and", ENTRY_QUESTION, 100,
     "What's up with acute lower back pain and what makes it happen?",
     "So, acute lower back pain is like a sudden guest",
     "\"Hey, I need some attention here!\"", 1},
    {"how-does-massage-therapy-work-its-magic", ENTRY_QUESTION, 104,
     "How does massage therapy work its magic on back pain?",
     "Picture this: skilled hands doing a dance on your sore back.",
     "making you feel ultra-relaxed!", 1},
    {"should-i-chat-with-a-doc-before-diving", ENTRY_QUESTION, 108,
     "Should I chat with a doc before diving into massage therapy for"
     " serious back pain?",
     "Absolutely! Think of it as a backstage pass",
     "on the path to relief from the get-go.", 1},
    {"how-can-massage-therapy-lend-a-hand-with", ENTRY_QUESTION, 112,
     "How can massage therapy lend a hand with muscle soreness and soft"
     " tissue injuries?",
     "Massage therapy is like your muscles' best friend.",
     "a helping hand on your body's road to recovery.", 1},
    {"can-massage-therapy-be-your-sleep-savior", ENTRY_QUESTION, 116,
     "Can massage therapy be your sleep savior?",
     "Oh, totally! It's like a bedtime story for your body.",
     "It's like a cozy blanket for your worries!", 1},
};

#define ARTICLE_N (sizeof article_want / sizeof *article_want)

/* title: what the entry's question adds after its heading, or NULL. */
static void check_article_entry(const corpus_entry *e, const want_entry *w,
                                const char *title)
{
	char q[256];
	CHECK_STR(e->id, w->id);
	CHECK(e->kind == w->kind);
	CHECK(e->line == w->line);
	CHECK_STR(e->label, w->label);
	snprintf(q, sizeof q, "%s%s%s", w->kind == ENTRY_UNTITLED ? "" : w->label,
	         title ? "\n" : "", title ? title : "");
	CHECK_STR(e->question, q);
	CHECK_STR(head(e->answer, w->head), w->head);
	CHECK_STR(tail(e->answer, w->tail), w->tail);
	CHECK(count(e->answer, "\n\n") + 1 == w->paragraphs);
	/* verbatim but for trailing whitespace (spaces, CRs, no-break spaces)
	 */
	CHECK(!strstr(e->answer, " \n") && !strstr(e->answer, "\xC2\xA0\n") &&
	      !strchr(e->answer, '\r') && !strstr(e->answer, "\n\n\n"));
	CHECK(strlen(e->label) <= 100);
}

static void check_article(const corpus *c, int rc)
{
	size_t i;
	CHECK(rc == 0);
	CHECK_STR(c->title, "The Benefits of Massage for Back Pain");
	CHECK(c->n == ARTICLE_N);
	CHECK(c->nproblems == 0);
	for (i = 0; i < c->n && i < ARTICLE_N; i++)
		/* The title is asked of the first part, the summary, too. */
		check_article_entry(&c->entries[i], &article_want[i],
		                    i == 0 ? "The Benefits of Massage for Back Pain"
		                           : NULL);
	if (c->n < 1)
		return;
	/* the four bullets, kept with their indentation, one a line */
	CHECK(count(c->entries[0].answer, "\n  \xE2\x80\xA2 ") == 3);
	CHECK_STR(
	    tail(c->entries[5].answer, "acting up, don't skip the evaluation."
	                               " It's your first step on the road to"
	                               " feeling better."),
	    "acting up, don't skip the evaluation. It's your first step on"
	    " the road to feeling better.");
}

/* The same article with CRLF line ends and a BOM must give the same. */
static char *to_crlf_bom(const char *s, size_t len, size_t *out_len)
{
	char *d = malloc(2 * len + 3);
	size_t i, n = 3;
	if (!d)
		abort();
	memcpy(d, "\xEF\xBB\xBF", 3);
	for (i = 0; i < len; i++) {
		if (s[i] == '\n')
			d[n++] = '\r';
		d[n++] = s[i];
	}
	*out_len = n;
	return d;
}

static void test_article(void)
{
	size_t len = 0, len2;
	char *text = read_file("corpus/massage-back-pain.txt", &len), *crlf;
	corpus c;
	int rc;
	CHECK(text != NULL); /* run the tests from the project's root */
	if (!text)
		return;
	CHECK(corpus_detect("massage-back-pain.txt", text, len) ==
	      CORPUS_ARTICLE);
	rc = parse_n("massage-back-pain.txt", text, len, CORPUS_AUTO, &c);
	check_article(&c, rc);
	corpus_free(&c);

	crlf = to_crlf_bom(text, len, &len2);
	rc = parse_n(NULL, crlf, len2, CORPUS_ARTICLE, &c);
	check_article(&c, rc);
	corpus_free(&c);
	free(crlf);
	free(text);
}

/* ---- article rules on small texts ------------------------------------ */

static void test_article_rules(void)
{
	corpus c;
	int rc;

	/* two blank lines end an entry, even a question's */
	rc = parse(NULL, "What is it?\n\n\nIt is this. And more.\n",
	           CORPUS_ARTICLE, &c);
	CHECK(rc == 0);
	CHECK(has_problem(&c, 1, "question with no answer"));
	CHECK(c.n == 1);
	if (c.n == 1) {
		CHECK_STR(c.entries[0].id, "part-4");
		CHECK(c.entries[0].kind == ENTRY_UNTITLED);
		CHECK_STR(c.entries[0].label, "It is this.");
		CHECK_STR(c.entries[0].answer, "It is this. And more.");
	}
	corpus_free(&c);

	/* repeated headings get -2; a list item is not a heading */
	rc = parse(NULL,
	           "Notes\n\nFirst body.\n\nNotes\n\n- apples\n- pears\n\n"
	           "1. Step one\n\nNotes\n\nThird.\n",
	           CORPUS_ARTICLE, &c);
	CHECK(rc == 0 && c.n == 3);
	if (c.n == 3) {
		CHECK_STR(c.entries[0].id, "notes");
		CHECK_STR(c.entries[1].id, "notes-2");
		CHECK_STR(c.entries[1].answer,
		          "- apples\n- pears\n\n1. Step one");
		CHECK_STR(c.entries[2].id, "notes-3");
	}
	corpus_free(&c);

	/* long ids are cut at a '-'; long labels at a word, with "..." */
	rc =
	    parse(NULL,
	          "Supercalifragilistic Words Make Very Long Identifiers\n\n"
	          "Body.\n\n\n"
	          "a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc"
	          " dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww"
	          " xx yy zz and then it goes on without a full stop at all\n",
	          CORPUS_AUTO, &c);
	CHECK(rc == 0 && c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].id,
		          "supercalifragilistic-words-make-very");
		CHECK(strlen(c.entries[1].label) <= 100);
		CHECK_STR(tail(c.entries[1].label, "..."), "...");
		CHECK_STR(head(c.entries[1].label, "a b c d e"), "a b c d e");
	}
	corpus_free(&c);

	/* a heading two blank lines above a paragraph does not own it */
	rc = parse(NULL, "Heading\n\n\nBody text here.\n", CORPUS_AUTO, &c);
	CHECK(rc == 0 && c.n == 1);
	CHECK_STR(c.title, "Heading");
	if (c.n == 1) {
		CHECK(c.entries[0].kind == ENTRY_UNTITLED);
		CHECK_STR(c.entries[0].id, "part-4");
		/* the title is the lead's question */
		CHECK_STR(c.entries[0].question, "Heading");
	}
	corpus_free(&c);

	/* a first part that is a question keeps its own question only; the
	 * title goes to no other part */
	rc = parse(NULL,
	           "Our Guide\n\nIs it free?\n\nYes, it costs nothing.\n\n"
	           "Setup\n\nRun the installer.\n",
	           CORPUS_AUTO, &c);
	CHECK(rc == 0 && c.n == 2);
	CHECK_STR(c.title, "Our Guide");
	if (c.n == 2) {
		CHECK_STR(c.entries[0].question, "Is it free?");
		CHECK_STR(c.entries[1].question, "Setup");
	}
	corpus_free(&c);

	/* a title with nothing under it: no entries */
	rc = parse(NULL, "Just A Heading", CORPUS_AUTO, &c);
	CHECK(rc == -1);
	CHECK(c.n == 0);
	CHECK_STR(c.title, "Just A Heading");
	CHECK(has_problem(&c, 0, "no entries found"));
	corpus_free(&c);
}

/* Entries over the size limits are reported and skipped; others stay. */
static void test_article_limits(void)
{
	size_t i, big = 1100 * 1024;
	char *s = malloc(big + 10000);
	corpus c;
	int rc;
	if (!s)
		abort();
	strcpy(s, "Huge?\n\n");
	for (i = strlen(s); i < big; i += 10)
		memcpy(s + i, "word word\n", 10);
	strcpy(s + i, "\nSmall?\n\nFine.\n\n");
	rc = parse(NULL, s, CORPUS_ARTICLE, &c);
	CHECK(rc == 0 && c.n == 1);
	CHECK(has_problem(&c, 1, "1 MiB"));
	if (c.n == 1)
		CHECK_STR(c.entries[0].answer, "Fine.");
	corpus_free(&c);

	/* a 5000-byte question of 20 words */
	for (i = 0; i < 5000; i++)
		s[i] = i % 250 == 249 ? ' ' : 'x';
	strcpy(s + 5000, "?\n\nAn answer.\n");
	rc = parse(NULL, s, CORPUS_ARTICLE, &c);
	CHECK(rc == -1 && c.n == 0);
	CHECK(has_problem(&c, 1, "4 KiB"));
	corpus_free(&c);
	free(s);
}

/* ---- TSV ------------------------------------------------------------- */

static void test_tsv(void)
{
	static const char tsv[] =
	    "ID\tQuestion\tAnswer\r\n"                  /* 1: header */
	    "a1\tHow do I log in?\tUse your email.\r\n" /* 2 */
	    "\r\n"                                      /* 3: blank */
	    "b2\tonly two fields\r\n"                   /* 4 */
	    "c3\tWhy?\tBecause.\tExtra\r\n"             /* 5 */
	    "a1\tSame id?\tSkipped.\r\n"                /* 6 */
	    "d4\t \tNo question.\r\n"                   /* 7 */
	    "e5\tWhat is TSV?\tTab-separated values.";  /* 8: no final EOL */
	corpus c;
	int rc = parse("faq.tsv", tsv, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK(c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].id, "a1");
		CHECK_STR(c.entries[0].question, "How do I log in?");
		CHECK_STR(c.entries[0].label, "How do I log in?");
		CHECK_STR(c.entries[0].answer, "Use your email.");
		CHECK(c.entries[0].line == 2);
		CHECK(c.entries[0].kind == ENTRY_QUESTION);
		CHECK_STR(c.entries[1].id, "e5");
		CHECK_STR(c.entries[1].answer, "Tab-separated values.");
		CHECK(c.entries[1].line == 8);
	}
	CHECK(c.nproblems == 4);
	CHECK(has_problem(&c, 4, "found 2"));
	CHECK(has_problem(&c, 5, "found 4"));
	CHECK(has_problem(&c, 6, "duplicate id \"a1\" (first on line 2)"));
	CHECK(has_problem(&c, 7, "question"));
	corpus_free(&c);

	/* only a header */
	rc = parse(NULL, "id\tquestion\tanswer\n", CORPUS_TSV, &c);
	CHECK(rc == -1 && c.n == 0);
	CHECK(has_problem(&c, 0, "no entries found"));
	corpus_free(&c);
}

/* Many rows: every id checked against all the others (the id set grows). */
static void test_tsv_many(void)
{
	enum { ROWS = 3000 };
	char *s = malloc(ROWS * 40 + 100), *p;
	corpus c;
	int i, rc;
	if (!s)
		abort();
	p = s;
	for (i = 0; i < ROWS; i++)
		p += sprintf(p, "r%d\tQuestion %d?\tAnswer %d.\n", i, i, i);
	sprintf(p, "r1234\tAgain?\tNo.\n");
	rc = parse(NULL, s, CORPUS_TSV, &c);
	CHECK(rc == 0 && c.n == ROWS);
	CHECK(c.nproblems == 1 && has_problem(&c, ROWS + 1, "duplicate id"));
	if (c.n == ROWS)
		CHECK_STR(c.entries[ROWS - 1].answer, "Answer 2999.");
	corpus_free(&c);
	free(s);
}

/* The benchmark's FAQ, when /work/shared is there. */
static void test_tsv_bench(void)
{
	size_t len;
	char *text = read_file("/work/shared/bench/stackfaq/faq.tsv", &len);
	corpus c;
	int rc;
	if (!text)
		return;
	rc = parse_n("faq.tsv", text, len, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK(c.n == 719);
	CHECK(c.nproblems == 0);
	if (c.n > 0)
		CHECK_STR(c.entries[0].id, "t001_a01");
	corpus_free(&c);
	free(text);
}

/* ---- Q:/A: FAQ ------------------------------------------------------- */

static void test_faq(void)
{
	static const char faq[] =
	    "# Account help\n"                       /* 1 */
	    "\n"                                     /* 2 */
	    "Some text before the first question.\n" /* 3 */
	    "\n"                                     /* 4 */
	    "Q: How do I reset my password?\n"       /* 5 */
	    "Q: I forgot my password\n"              /* 6 */
	    "\n"                                     /* 7 */
	    "A: Open Settings, then Security.\n"     /* 8 */
	    "   More lines of the same answer.\n"    /* 9 */
	    "\n"                                     /* 10 */
	    "\n"                                     /* 11 */
	    "   A second paragraph.   \n"            /* 12 */
	    "\n"                                     /* 13 */
	    "## Other questions\n"                   /* 14 */
	    "\n"                                     /* 15 */
	    "**Q:** What is faqbot?\n"               /* 16 */
	    "**A:** A chatbot.\n"                    /* 17 */
	    "\n"                                     /* 18 */
	    "q: Lower case\n"                        /* 19 */
	    "   works too?\n"                        /* 20 */
	    "a: Yes.\n"                              /* 21 */
	    "A: An orphan answer.\n"                 /* 22 */
	    "Q: Left hanging?\n";                    /* 23 */
	corpus c;
	int rc;
	CHECK(corpus_detect("help.md", faq, strlen(faq)) == CORPUS_FAQ);
	rc = parse("help.md", faq, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK_STR(c.title, "Account help");
	CHECK(c.n == 3);
	if (c.n == 3) {
		CHECK_STR(c.entries[0].id, "how-do-i-reset-my-password");
		CHECK_STR(c.entries[0].question,
		          "How do I reset my password?\nI forgot my password");
		CHECK_STR(c.entries[0].label, "How do I reset my password?");
		CHECK_STR(c.entries[0].answer,
		          "Open Settings, then Security.\n"
		          "   More lines of the same answer.\n\n"
		          "   A second paragraph.");
		CHECK(c.entries[0].line == 5);
		CHECK(c.entries[0].kind == ENTRY_QUESTION);
		CHECK_STR(c.entries[1].id, "what-is-faqbot");
		CHECK_STR(c.entries[1].answer, "A chatbot.");
		CHECK(c.entries[1].line == 16);
		CHECK_STR(c.entries[2].question, "Lower case works too?");
		CHECK_STR(c.entries[2].answer, "Yes.");
	}
	CHECK(c.nproblems == 2);
	CHECK(has_problem(&c, 22, "answer with no question"));
	CHECK(has_problem(&c, 23, "question with no answer"));
	corpus_free(&c);

	/* same slug twice; CRLF; a Q: whose A: never comes */
	rc = parse(NULL,
	           "Q: Help?\r\nA: One.\r\nQ: Help!\r\nA: Two.\r\n"
	           "Q: Lost?\r\n\r\nNo marker here.\r\n",
	           CORPUS_FAQ, &c);
	CHECK(rc == 0 && c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].id, "help");
		CHECK_STR(c.entries[1].id, "help-2");
		CHECK_STR(c.entries[1].answer, "Two.");
	}
	CHECK(has_problem(&c, 5, "question with no answer"));
	corpus_free(&c);

	rc = parse(NULL, "A: nothing asked\n", CORPUS_FAQ, &c);
	CHECK(rc == -1 && c.n == 0);
	CHECK(has_problem(&c, 1, "answer with no question"));
	corpus_free(&c);
}

/* ---- detection ------------------------------------------------------- */

static void test_detect(void)
{
	static const char art[] = "Title\n\nWhat is Q: here?\n\nA: text.\n";
	CHECK(corpus_detect("faq.tsv", "Q: a\nA: b\n", 10) == CORPUS_TSV);
	CHECK(corpus_detect("FAQ.TSV", "", 0) == CORPUS_TSV);
	CHECK(corpus_detect(NULL, "Q: a\nA: b\n", 10) == CORPUS_FAQ);
	CHECK(corpus_detect("x.md", "**Q:** a\n\n**A:** b", 19) == CORPUS_FAQ);
	CHECK(corpus_detect(NULL, "\xEF\xBB\xBFq: a\r\na: b", 14) ==
	      CORPUS_FAQ);
	CHECK(corpus_detect(NULL, "Q: a only\n", 10) == CORPUS_ARTICLE);
	CHECK(corpus_detect(NULL, "A: b\nQ: a\n", 10) == CORPUS_ARTICLE);
	CHECK(corpus_detect("a.txt", art, strlen(art)) == CORPUS_ARTICLE);
	CHECK(corpus_detect("tsv", "x\ty\tz\n", 6) == CORPUS_ARTICLE);
	CHECK(corpus_detect(NULL, NULL, 0) == CORPUS_ARTICLE);
	/* len is authoritative: the "A:" past it does not count */
	CHECK(corpus_detect(NULL, "Q: a\nA: b\n", 5) == CORPUS_ARTICLE);
}

/* ---- numbered sections ----------------------------------------------- */

static void test_numbered(void)
{
	static const char doc[] =
	    "          The Example FAQ\n"                      /* 1 */
	    "\n"                                               /* 2 */
	    "Table of Contents\n"                              /* 3 */
	    "\n"                                               /* 4 */
	    "1. Basics\n"                                      /* 5 */
	    "    1.1. What is it?\n"                           /* 6 */
	    "1.2. Is this unindented table of contents line\n" /* 7 */
	    "wrapped?\n"                                       /* 8 */
	    "1.3. Another\n"                                   /* 9 */
	    "2. More\n"                                        /* 10 */
	    "2.1. Last one?\n"                                 /* 11 */
	    "\n"                                               /* 12 */
	    "Chapter\xC2\xA0"
	    "1. Basics\n"                                         /* 13 */
	    "\n"                                                  /* 14 */
	    "    A chapter's own text belongs to no entry.\n"     /* 15 */
	    "\n"                                                  /* 16 */
	    "1.1.\xC2\xA0 What is\xC2\xA0 it,\n"                  /* 17 */
	    "and why  does it exist?\r\n"                         /* 18 */
	    "\n"                                                  /* 19 */
	    "    It is a thing.\n"                                /* 20 */
	    "\xC2\xA0\xC2\xA0  Indented with no-break spaces. \n" /* 21 */
	    "\n"                                                  /* 22 */
	    "  \n"                                                /* 23 */
	    "    A second paragraph.\n"                           /* 24 */
	    "\n"                                                  /* 25 */
	    "1.2. An empty section?\n"                            /* 26 */
	    "\n"                                                  /* 27 */
	    "1.2.1 Nested, no final dot\n"                        /* 28 */
	    "    Text right under the heading.\n"                 /* 29 */
	    "1.3. A title, not a question\n"                      /* 30 */
	    "\n"                                                  /* 31 */
	    "    Text\n"                                          /* 32 */
	    "  indented less.\n"                                  /* 33 */
	    "\n"                                                  /* 34 */
	    "    1.4. Indented, so not a heading\n"               /* 35 */
	    "\n"                                                  /* 36 */
	    "\n"                                                  /* 37 */
	    "---------------------\n"                             /* 38 */
	    "\n"                                                  /* 39 */
	    "    ^[1] A footnote belongs to no entry.\n"          /* 40 */
	    "\n"                                                  /* 41 */
	    "Chapter 2. More\n"                                   /* 42 */
	    "\n"                                                  /* 43 */
	    "2.1. Last one?\n"                                    /* 44 */
	    "\n"                                                  /* 45 */
	    "   Last answer.";                                    /* 46 */
	corpus c;
	size_t i;
	int rc;
	CHECK(corpus_detect("faq.txt", doc, strlen(doc)) == CORPUS_NUMBERED);
	rc = parse("faq.txt", doc, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK_STR(c.title, "The Example FAQ");
	CHECK(c.n == 4);
	if (c.n == 4) {
		CHECK_STR(c.entries[0].id, "1.1");
		CHECK_STR(c.entries[0].question,
		          "What is it, and why does it exist?");
		CHECK_STR(c.entries[0].label,
		          "What is it, and why does it exist?");
		CHECK_STR(c.entries[0].answer,
		          "    It is a thing.\n"
		          "\xC2\xA0\xC2\xA0  Indented with no-break spaces.\n\n"
		          "    A second paragraph.");
		CHECK(c.entries[0].line == 17);
		CHECK(c.entries[0].kind == ENTRY_QUESTION);
		CHECK_STR(c.entries[1].id, "1.2.1");
		CHECK_STR(c.entries[1].question, "Nested, no final dot");
		CHECK_STR(c.entries[1].answer,
		          "    Text right under the heading.");
		CHECK(c.entries[1].line == 28);
		CHECK(c.entries[1].kind == ENTRY_SECTION);
		CHECK_STR(c.entries[2].id, "1.3");
		CHECK_STR(c.entries[2].answer,
		          "    Text\n  indented less.\n\n"
		          "    1.4. Indented, so not a heading");
		CHECK(c.entries[2].kind == ENTRY_SECTION);
		CHECK_STR(c.entries[3].id, "2.1");
		CHECK_STR(c.entries[3].answer, "   Last answer.");
		CHECK(c.entries[3].line == 44);
	}
	for (i = 0; i < c.n; i++)
		CHECK(!strstr(c.entries[i].answer, "belongs to no entry"));
	/* the table of contents is silent; the empty section is not */
	CHECK(c.nproblems == 1);
	CHECK(has_problem(&c, 26, "section 1.2 has no text"));
	corpus_free(&c);
}

static void test_numbered_rules(void)
{
	corpus c;
	int rc;

	/* "2. Text" is a chapter heading between sections 1.x and 2.x */
	rc = parse(NULL,
	           "1.1. A?\n\n   a\n\n2. Second part\n\n   Intro.\n\n"
	           "2.1. B?\n\n   b\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 2 && c.nproblems == 0);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].answer, "   a");
		CHECK_STR(c.entries[1].answer, "   b");
	}
	corpus_free(&c);

	/* ... but a list item elsewhere */
	rc = parse(NULL,
	           "1.1. Steps?\n\n1. Open it.\n2. Close it.\n\n"
	           "3. Done.\n\n1.2. Next?\n\n   n\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 2);
	if (c.n == 2)
		CHECK_STR(c.entries[0].answer,
		          "1. Open it.\n2. Close it.\n\n3. Done.");
	corpus_free(&c);

	/* a repeated number: both kept, the second reported */
	rc = parse(NULL, "1.1. A?\n\n   a\n\n1.1. B?\n\n   b\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].id, "1.1");
		CHECK_STR(c.entries[1].id, "1.1-2");
	}
	CHECK(c.nproblems == 1 && has_problem(&c, 5, "also on line 1"));
	corpus_free(&c);

	/* a double-spaced table of contents, a heading underlined, and an
	 * empty last section */
	rc = parse(NULL,
	           "1.1. One\n\n1.2. Two\n\n1.1. One\n=========\n\n  one\n\n"
	           "1.2. Two\n\n  two\n\n1.3. Three\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].question, "One");
		CHECK_STR(c.entries[0].answer, "  one");
		CHECK(c.entries[0].line == 5);
		CHECK_STR(c.entries[1].answer, "  two");
	}
	CHECK(c.nproblems == 1 && has_problem(&c, 14, "section 1.3"));
	corpus_free(&c);

	/* a break next to '/' joins without a space; "Part of" and numbers of
	 * more than 3 digits start nothing */
	rc = parse(NULL,
	           "1.1. Debian GNU/\nLinux and Red Hat\n/Slackware?\n\n"
	           "  x\nPart of it\n2021.01 notes\n3.14159 is pi\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 1);
	if (c.n == 1) {
		CHECK_STR(c.entries[0].question,
		          "Debian GNU/Linux and Red Hat/Slackware?");
		CHECK_STR(c.entries[0].answer,
		          "  x\nPart of it\n2021.01 notes\n3.14159 is pi");
	}
	corpus_free(&c);

	/* "Appendix A" ends a section like "Chapter 2." */
	rc = parse(NULL, "1.1. A?\n\n   a\n\nAppendix A\n\n   More.\n",
	           CORPUS_NUMBERED, &c);
	CHECK(rc == 0 && c.n == 1);
	if (c.n == 1)
		CHECK_STR(c.entries[0].answer, "   a");
	corpus_free(&c);

	/* only a table of contents: nothing, and a hint (the last line, with
	 * no heading after it, reads as an empty section) */
	rc = parse(NULL, "1.1. A\n1.2. B\n", CORPUS_NUMBERED, &c);
	CHECK(rc == -1 && c.n == 0 && c.nproblems == 2);
	CHECK(has_problem(&c, 2, "section 1.2"));
	CHECK(has_problem(&c, 0, "numbered headings"));
	corpus_free(&c);
}

static void test_numbered_detect(void)
{
	static const char two[] = "1.1. A?\n\n   a\n\n1.2. B?\n   b\n";
	static const char prose[] = "Title\n\n1.5 million people agree.\n\n"
	                            "Text.\n\n2.5 percent do not.\n";
	static const char faq[] = "1.1. Accounts\n\nQ: A?\nA: a\n\n"
	                          "1.2. Billing\n\nQ: B?\nA: b\n";
	CHECK(corpus_detect(NULL, two, strlen(two)) == CORPUS_NUMBERED);
	CHECK(corpus_detect("x.tsv", two, strlen(two)) == CORPUS_TSV);
	CHECK(corpus_detect(NULL, faq, strlen(faq)) == CORPUS_FAQ);
	/* one section, or headings with no text, or numbers inside prose */
	CHECK(corpus_detect(NULL, two, 14) == CORPUS_ARTICLE);
	CHECK(corpus_detect(NULL, "1.1. A\n\n1.2. B\n1.3. C\n", 22) ==
	      CORPUS_ARTICLE);
	CHECK(corpus_detect(NULL, prose, strlen(prose)) == CORPUS_ARTICLE);
}

/* The Debian FAQ (package debian-faq), when installed: every numbered
 * section of its body once, with its own text. Skipped when absent. */
#ifndef DEBIAN_FAQ
#define DEBIAN_FAQ "/usr/share/doc/debian/FAQ/debian-faq.en.txt.gz"
#endif

static char *read_gzip(const char *path, size_t *len)
{
	char cmd[256];
	FILE *f;
	char *s = NULL;
	size_t cap = 0, n = 0, k;
	snprintf(cmd, sizeof cmd, "gzip -dc %s", path);
	f = popen(cmd, "r");
	if (!f)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		k = fread(s + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (pclose(f) != 0) {
		free(s);
		return NULL;
	}
	*len = n;
	return s;
}

/* Distinct section numbers of lines like "3.1.1.<space or U+00A0>...",
 * counted simply: the body's headings start in the first column, the
 * table of contents' are indented. */
static int debian_sections(const char *s, size_t len)
{
	static char seen[400][16];
	int n = 0, i, dot;
	size_t p = 0, k;
	while (p < len) {
		const char *l = s + p;
		const char *nl = memchr(l, '\n', len - p);
		size_t ll = nl ? (size_t)(nl - l) : len - p;
		for (k = 0, dot = 0;
		     k < ll && k < 15 && l[k] && strchr("0123456789.", l[k]);
		     k++)
			dot |= l[k] == '.' && k + 1 < ll && l[k + 1] >= '0' &&
			       l[k + 1] <= '9';
		if (k > 0 && k < ll && l[0] != '.' && dot &&
		    (l[k] == ' ' || (unsigned char)l[k] == 0xC2)) {
			if (l[k - 1] == '.')
				k--;
			for (i = 0; i < n && (strlen(seen[i]) != k ||
			                      memcmp(seen[i], l, k));
			     i++)
				;
			if (i == n && n < 400) {
				memcpy(seen[n], l, k);
				seen[n++][k] = '\0';
			}
		}
		p += ll + 1;
	}
	return n;
}

/* s past its indentation of spaces and no-break spaces. */
static const char *unindent(const char *s)
{
	while (*s == ' ' || (s[0] == '\xC2' && s[1] == '\xA0'))
		s += *s == ' ' ? 1 : 2;
	return s;
}

static const corpus_entry *find_id(const corpus *c, const char *id)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->entries[i].id, id) == 0)
			return &c->entries[i];
	return NULL;
}

static void test_debian_faq(void)
{
	size_t len = 0, i;
	char *text;
	const corpus_entry *e;
	corpus c;
	int rc, sections, bad = 0;
	if (access(DEBIAN_FAQ, R_OK) != 0) {
		fprintf(stderr,
		        "note: %s absent (make deps installs"
		        " debian-faq); its test skipped\n",
		        DEBIAN_FAQ);
		return;
	}
	text = read_gzip(DEBIAN_FAQ, &len);
	CHECK(text != NULL);
	if (!text)
		return;
	sections = debian_sections(text, len);
	CHECK(sections > 100);
	CHECK(corpus_detect("debian-faq.en.txt", text, len) == CORPUS_NUMBERED);
	rc = parse_n("debian-faq.en.txt", text, len, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK_STR(c.title, "The Debian GNU/Linux FAQ");
	/* One entry per section but 8.1.6 "Other package management tools",
	 * whose heading is followed at once by 8.1.6.1 (checked by hand in
	 * debian-faq 11.1: 148 numbered headings, 147 entries). */
	CHECK(c.n == (size_t)sections - 1);
	CHECK(c.nproblems == 1);
	if (c.nproblems == 1)
		CHECK(strstr(c.problems[0].message, "section 8.1.6 ") != NULL);
	/* ids are section numbers; no chapter heading, rule, double space or
	 * no-break space got into an entry */
	for (i = 0; i < c.n; i++)
		bad += !strchr(c.entries[i].id, '.') ||
		       strstr(c.entries[i].answer, "\nChapter") ||
		       strstr(c.entries[i].answer, "-----") ||
		       strstr(c.entries[i].question, "  ") ||
		       strstr(c.entries[i].question, "\xC2\xA0");
	CHECK(bad == 0);
	e = find_id(&c, "1.5");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->question,
		          "What is the difference between Debian GNU/Linux and"
		          " other Linux distributions? Why should I choose"
		          " Debian over some other distribution?");
		CHECK_STR(head(unindent(e->answer), "These key features"),
		          "These key features");
	}
	e = find_id(&c, "6.2.2");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->question, "Where do these codenames come from?");
		CHECK_STR(head(unindent(e->answer), "So far they have been"
		                                    " characters taken from the"
		                                    " \"Toy Story\""),
		          "So far they have been characters taken from the"
		          " \"Toy Story\"");
	}
	e = find_id(&c, "12.2.1.1");
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->question,
		          "What is the code of conduct for the mailing lists?");
		CHECK_STR(head(unindent(e->answer), "When using the Debian"),
		          "When using the Debian");
	}
	/* the footnotes after the rule at the end of chapter 4 are not 4.6's */
	e = find_id(&c, "4.6");
	CHECK(e != NULL);
	if (e) {
		CHECK(!strstr(e->answer, "Linux Standard Base"));
		CHECK_STR(tail(e->answer, "for a Debian system?\xE2\x80\x9D)."),
		          "for a Debian system?\xE2\x80\x9D).");
	}
	corpus_free(&c);
	free(text);
}

/* ---- empty and hostile input ----------------------------------------- */

static void test_empty(void)
{
	corpus c, zero;
	int rc;
	memset(&zero, 0, sizeof zero);

	rc = parse(NULL, "", CORPUS_AUTO, &c);
	CHECK(rc == -1 && c.n == 0 && c.nproblems == 1);
	CHECK(has_problem(&c, 0, "no entries found"));
	corpus_free(&c);
	CHECK(memcmp(&c, &zero, sizeof c) == 0);

	memset(&c, 0, sizeof c);
	rc = corpus_parse(NULL, NULL, 0, CORPUS_AUTO, &c);
	CHECK(rc == -1 && c.n == 0);
	corpus_free(&c);
	corpus_free(NULL);

	rc = parse(NULL, "\n\n  \r\n\t\n\xC2\xA0\n", CORPUS_AUTO, &c);
	CHECK(rc == -1 && c.n == 0 && c.title == NULL);
	corpus_free(&c);

	rc = parse(NULL, "\n\n\n", CORPUS_TSV, &c);
	CHECK(rc == -1 && c.nproblems == 1);
	corpus_free(&c);
}

static void test_bad_bytes(void)
{
	static const char art[] =
	    "Title Here\n\nWhat is th\0is?\n\n"
	    "It is \xff\xfe fine.\n\nEnd\n\nCut\nshort \xE2\x80";
	corpus c;
	int rc = parse_n(NULL, art, sizeof art - 1, CORPUS_AUTO, &c);
	CHECK(rc == 0);
	CHECK_STR(c.title, "Title Here");
	CHECK(c.n == 2);
	if (c.n == 2) {
		CHECK_STR(c.entries[0].question, "What is th\xEF\xBF\xBDis?");
		CHECK_STR(c.entries[0].answer,
		          "It is \xEF\xBF\xBD\xEF\xBF\xBD fine.");
		CHECK_STR(c.entries[1].label, "End");
		CHECK_STR(c.entries[1].answer,
		          "Cut\nshort \xEF\xBF\xBD\xEF\xBF\xBD");
	}
	CHECK(has_problem(&c, 3, "UTF-8"));
	corpus_free(&c);

	rc = parse_n(NULL, "a\0b\tq\0?\tans\xC0\xAF\n", 14, CORPUS_TSV, &c);
	CHECK(rc == 0 && c.n == 1);
	if (c.n == 1)
		CHECK_STR(c.entries[0].id, "a\xEF\xBF\xBD"
		                           "b");
	corpus_free(&c);
}

/* Random bytes, biased towards the characters the parsers look at, in
 * every format: no crash (ASan/UBSan would say), a -1/0 result, and valid
 * UTF-8 everywhere in the corpus. */
static void test_fuzz(void)
{
	static const char alphabet[] =
	    "\n\n\n\t  ?.-*#Q:A:qa\r\xC2\xA0\xE2\x80\xA2"
	    "\0\xff Word1.2.3.Chapter ";
	unsigned seed = 12345;
	char s[600];
	int round, bad = 0, f;
	size_t i, len, k;
	for (round = 0; round < 400; round++) {
		len = (size_t)(round * 37 % 600);
		for (i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
		}
		for (f = CORPUS_AUTO; f <= CORPUS_NUMBERED; f++) {
			corpus c;
			int rc = parse_n(NULL, s, len, (corpus_format)f, &c);
			bad += rc != 0 && rc != -1;
			bad += (rc == 0) != (c.n > 0);
			for (k = 0; k < c.n; k++)
				bad += !test_utf8_valid(c.entries[k].id, 0) ||
				       !test_utf8_valid(c.entries[k].question, 0) ||
				       !test_utf8_valid(c.entries[k].label, 0) ||
				       !test_utf8_valid(c.entries[k].answer, 0) ||
				       !*c.entries[k].answer ||
				       !*c.entries[k].id;
			corpus_free(&c);
		}
	}
	CHECK(bad == 0);
}

void test_corpus(void)
{
	test_article();
	test_article_rules();
	test_article_limits();
	test_tsv();
	test_tsv_many();
	test_tsv_bench();
	test_faq();
	test_detect();
	test_numbered();
	test_numbered_rules();
	test_numbered_detect();
	test_debian_faq();
	test_empty();
	test_bad_bytes();
	test_fuzz();
}
