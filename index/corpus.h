/* corpus.h: turning FAQ documents into entries. Pure: text in, entries out;
 * no I/O, no printing. The caller owns the corpus and frees it with
 * corpus_free(). */
#ifndef CORPUS_H
#define CORPUS_H
#include <stddef.h>

typedef enum {
	CORPUS_AUTO = 0, /* decide from the name and the text: corpus_detect() */
	CORPUS_ARTICLE,  /* prose with headings and question lines */
	CORPUS_TSV,      /* id <TAB> question <TAB> answer, one entry a line */
	CORPUS_FAQ,      /* "Q:" lines (one or more alternates) then an "A:" answer */
	CORPUS_NUMBERED  /* numbered sections: "1.5. Question" lines, each
	                  * followed by its text (the Debian FAQ, RFCs) */
} corpus_format;

typedef enum {
	ENTRY_QUESTION, /* a question line and the text after it */
	ENTRY_SECTION,  /* a heading and its body */
	ENTRY_UNTITLED  /* body text under no heading (an opening or closing part) */
} entry_kind;

typedef struct {
	char *id;       /* unique within the corpus; user-visible */
	char *question; /* the question(s) matched against, alternates separated by
	                 * '\n'; "" for an untitled part */
	char *label;    /* what to show for the entry: the first question, the
	                 * heading, or an untitled part's first sentence */
	char *answer;   /* the source's own text, paragraphs separated by "\n\n" */
	int line;       /* 1-based line where the entry starts in the source */
	entry_kind kind;
} corpus_entry;

/* Something a FAQ author should know; parsing went on past it. */
typedef struct {
	int line;      /* 1-based; 0 when it concerns the whole file */
	char *message; /* e.g. "expected 3 TAB-separated fields, found 2" */
} corpus_problem;

typedef struct {
	corpus_entry *entries;
	size_t n, cap;
	corpus_problem *problems;
	size_t nproblems, problems_cap;
	char *title; /* the document's title (article, numbered), or NULL */
} corpus;

/* Guesses the format from a file name (".tsv" => TSV) and the text (a
 * "Q:" line, then an "A:" line => FAQ; else two or more numbered headings
 * like "1.5. Question" or "3.1.1 Title" at the start of a line, each
 * followed by text => NUMBERED; otherwise ARTICLE). name may be NULL. */
corpus_format corpus_detect(const char *name, const char *text, size_t len);

/* Parses text (len bytes, need not be NUL-terminated; CRLF and a UTF-8 BOM
 * are accepted) into out, which must be zeroed. format CORPUS_AUTO detects.
 * Returns 0, or -1 when nothing usable was found (out->problems says why).
 * Entries with problems are reported and skipped; the rest are kept. */
int corpus_parse(const char *name, const char *text, size_t len,
                 corpus_format format, corpus *out);

/* Parses part of a TSV file, for a file read a piece at a time: text holds
 * whole lines, the first of them line first_line of the file (a byte-order
 * mark and a header line are looked for only at line 1). Entries and
 * problems carry the file's line numbers; ids are checked within the part
 * only. Returns the number of entries added to out; when a whole file gives
 * none, corpus_empty_message says what was expected. */
size_t corpus_parse_tsv_part(const char *text, size_t len, int first_line,
                             corpus *out);

/* What to say of a file of format f that gave no entries at all. */
const char *corpus_empty_message(corpus_format f);

void corpus_free(corpus *c);

#endif
