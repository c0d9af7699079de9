/* smalltalk.h: greetings, thanks, farewells and "who are you" / "help",
 * answered with a fixed line instead of being searched in the FAQ. Pure:
 * a string in, a static string out. */
#ifndef SMALLTALK_H
#define SMALLTALK_H

/* The reply to question when the whole of it is small talk ("hi there!",
 * "thanks a lot", "ok bye", "who are you?"), else NULL. Case, punctuation
 * and extra spaces do not count; a question with any other word ("thanks
 * to massage, will my back heal?") is never small talk. The result is a
 * static string: never freed, valid for the life of the program. */
const char *smalltalk_reply(const char *question);

#endif
