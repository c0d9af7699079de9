/* utf8.h: the one UTF-8 check of faqbot, for the corpus parser, question
 * cleaning and the JSON writer alike. */
#ifndef UTF8_H
#define UTF8_H
#include <stddef.h>

/* Length (1..4) of the valid UTF-8 character at s, with n > 0 bytes left,
 * or 0 for a bad byte: a stray continuation byte, an overlong form, a
 * surrogate, a value past U+10FFFF, or a truncated sequence. NUL is a
 * valid 1-byte character here; callers that refuse it check for it. */
size_t utf8_char_len(const unsigned char *s, size_t n);

#endif
