/* lint.h: what faqbot-index tells a FAQ author beyond parse errors: a
 * repeated entry, one question with several answers, a question of
 * function words only, two questions the bot cannot tell apart. The
 * builder (build.c) meets the entries concerned as it adds them; these
 * pure functions say when two questions are the same. */
#ifndef LINT_H
#define LINT_H
#include "stemtok.h"
#include <stdint.h>

/* Case and white space do not make two questions different: such
 * questions are one question (one group of the index). */
int lint_question_equal(const char *a, const char *b);
uint32_t lint_question_hash(const char *q);

/* The stems of a split question's content words (all: function words'
 * too), sorted and unique, one space apart: what the ranking sees of it,
 * "" when there are none. malloc'ed; NULL when memory runs out. */
char *lint_key(const stemtok_list *l, const char *lang, int all);

/* A hash of a key (or any string). */
uint32_t lint_hash(const char *s);

#endif
