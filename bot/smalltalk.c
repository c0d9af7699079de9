/* smalltalk.c: recognising a whole utterance as small talk. An utterance
 * is small talk when it is short and made of exactly one phrase of the
 * table below, with only filler words ("ok", "there", "a lot") around it:
 * one word that is neither keeps it a question for the FAQ, which is what
 * protects "thanks to massage, will my back heal?". */
#include "smalltalk.h"

#include <stddef.h>
#include <string.h>

#define MAX_WORDS 6 /* "thank you so much for that"; more is a question */
#define MAX_WORD 15 /* no table word is longer; a longer word is content */

enum { GREETING, HOW_ARE_YOU, THANKS, FAREWELL, WHO, HELP };

static const char *const replies[] = {
    [GREETING] = "Hello! Ask me anything about this FAQ.",
    [HOW_ARE_YOU] = "I'm fine, thank you! Ask me anything about this FAQ.",
    [THANKS] = "You're welcome.",
    [FAREWELL] = "Goodbye!",
    [WHO] = "I'm faqbot: I answer questions from this FAQ with the entry "
            "that fits best.",
    [HELP] = "Ask me a question about this FAQ in your own words; I answer "
             "with the entry that fits best, or say that I don't know.",
};

/* Words are lower-case ASCII with apostrophes dropped ("what's" is
 * "whats"). Tried in this order, so that a greeting or a thanks before
 * another phrase counts as a filler: "hi, who are you" is WHO, "thanks,
 * bye" is FAREWELL. A phrase that could be a FAQ's own question without
 * its topic ("how does it work", "what is this") is left out on purpose. */
/* clang-format off */
static const struct {
	const char *words;
	int kind;
} phrases[] = {
    {"who are you", WHO}, {"who r u", WHO}, {"what are you", WHO},
    {"whats your name", WHO}, {"what is your name", WHO},
    {"are you a bot", WHO}, {"are you a robot", WHO},
    {"are you human", WHO}, {"are you a human", WHO},
    {"are you real", WHO}, {"are you ai", WHO}, {"are you an ai", WHO},
    {"who is this", WHO}, {"who made you", WHO},
    {"who am i talking to", WHO},

    {"help", HELP}, {"what can you do", HELP}, {"what can i ask", HELP},
    {"what do you do", HELP}, {"what do you know", HELP},
    {"what should i ask", HELP}, {"how do i use you", HELP},
    {"how do you work", HELP}, {"how can you help", HELP},
    {"what can you help with", HELP},

    {"how are you", HOW_ARE_YOU}, {"how are u", HOW_ARE_YOU},
    {"how r u", HOW_ARE_YOU}, {"hows it going", HOW_ARE_YOU},
    {"how is it going", HOW_ARE_YOU}, {"how do you do", HOW_ARE_YOU},
    {"how have you been", HOW_ARE_YOU}, {"whats up", HOW_ARE_YOU},
    {"sup", HOW_ARE_YOU},

    {"thanks", THANKS}, {"thank you", THANKS}, {"thank u", THANKS},
    {"thankyou", THANKS}, {"thx", THANKS}, {"thnx", THANKS},
    {"ty", THANKS}, {"tysm", THANKS}, {"cheers", THANKS},
    {"much appreciated", THANKS}, {"appreciated", THANKS},
    {"appreciate it", THANKS}, {"i appreciate it", THANKS},
    {"helpful", THANKS}, {"that helps", THANKS}, {"that helped", THANKS},
    {"that was helpful", THANKS},

    {"bye", FAREWELL}, {"goodbye", FAREWELL}, {"good bye", FAREWELL},
    {"bye bye", FAREWELL}, {"byebye", FAREWELL}, {"see you", FAREWELL},
    {"see ya", FAREWELL}, {"see u", FAREWELL}, {"cya", FAREWELL},
    {"later", FAREWELL}, {"good night", FAREWELL},
    {"goodnight", FAREWELL}, {"farewell", FAREWELL},
    {"take care", FAREWELL}, {"have a nice day", FAREWELL},
    {"have a good day", FAREWELL}, {"have a good one", FAREWELL},
    {"ttyl", FAREWELL}, {"gotta go", FAREWELL}, {"thats all", FAREWELL},

    {"hi", GREETING}, {"hello", GREETING}, {"hey", GREETING},
    {"hiya", GREETING}, {"heya", GREETING}, {"howdy", GREETING},
    {"hallo", GREETING}, {"greetings", GREETING}, {"yo", GREETING},
    {"good morning", GREETING}, {"good afternoon", GREETING},
    {"good evening", GREETING}, {"good day", GREETING},
    {"morning", GREETING},
};

/* Fillers allowed before the phrase ("ok bye", "hi, thanks") and after it
 * ("hi there", "thanks a lot", "bye for now"). NULL-terminated. */
static const char *const before[] = {
    "oh", "ok", "okay", "k", "kk", "well", "so", "very", "great", "cool",
    "nice", "perfect", "awesome", "excellent", "fine", "good", "alright",
    "right", "yes", "yeah", "yep", "no", "nope", "and", "um", "uh", "hmm",
    "ah", "wow", "hi", "hello", "hey", "yo", "there", "thanks", "thank",
    "you", "thx", "ty", "cheers", "please", "faqbot", "bot", "dear", NULL};
static const char *const after[] = {
    "there", "again", "all", "everyone", "everybody", "folks", "guys",
    "yall", "faqbot", "bot", "friend", "buddy", "mate", "man", "dear", "sir",
    "a", "lot", "lots", "so", "very", "much", "many", "tons", "then", "now",
    "for", "that", "this", "it", "the", "your", "me", "help", "info",
    "information", "answer", "answers", "please", "too", "today", "doing",
    "soon", "later", "anyway", "anyways", "indeed", "thanks", "thank", "you",
    "thx", "ty", NULL};
/* clang-format on */

typedef struct {
	char v[MAX_WORDS][MAX_WORD + 1];
	int n;
} words;

/* What the bytes at s are: a word byte (returns 0, one byte), a separator
 * (1) or an apostrophe (2), which is dropped; *len is how many bytes.
 * Bytes of other scripts are word bytes: a word in them matches no
 * phrase, so a question in another language is never small talk. */
static int byte_kind(const unsigned char *s, size_t *len)
{
	*len = 1;
	if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= '0' && s[0] <= '9'))
		return 0;
	if (s[0] == '\'')
		return 2;
	if (s[0] < 0x80)
		return 1;
	/* s is NUL-terminated and a NUL is no continuation byte, so testing
	 * s[1] before s[2] (and s[2] before s[3]) stays inside the string. */
	if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x99))
		return *len = 3, 2; /* curly apostrophes */
	if (s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xA1 || s[1] == 0xBF))
		return *len = 2, 1; /* no-break space, inverted ! and ? */
	if (s[0] == 0xE2 && s[1] >= 0x80 && s[1] <= 0x81 && s[2] >= 0x80 &&
	    s[2] <= 0xBF)
		return *len = 3,
		       1; /* general punctuation: dashes, quotes, ... */
	if (s[0] == 0xE2 && s[1] >= 0x98 && s[1] <= 0x9F && s[2] >= 0x80 &&
	    s[2] <= 0xBF)
		return *len = 3, 1; /* symbols and dingbats */
	if (s[0] == 0xEF && s[1] == 0xB8 && s[2] == 0x8F)
		return *len = 3, 1; /* emoji presentation selector */
	if (s[0] == 0xF0 && s[1] == 0x9F && s[2] >= 0x80 && s[2] <= 0xBF &&
	    s[3] >= 0x80 && s[3] <= 0xBF)
		return *len = 4, 1; /* emoji */
	return 0;
}

/* Splits q into lower-cased words; -1 when it has too many words or one
 * too long to be in the table. */
static int split(const char *q, words *w)
{
	const unsigned char *s = (const unsigned char *)q;
	size_t k = 0; /* bytes of the word being read */
	w->n = 0;
	for (;;) {
		size_t len = 0;
		int kind = *s ? byte_kind(s, &len) : 1;
		if (kind == 0) {
			if (k == 0 && w->n == MAX_WORDS)
				return -1;
			if (k == MAX_WORD)
				return -1;
			unsigned char c = *s;
			w->v[w->n][k++] =
			    (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		} else if (kind == 1 && k > 0) {
			w->v[w->n++][k] = '\0';
			k = 0;
		}
		if (!*s)
			return 0;
		s += len;
	}
}

/* 1 when w is the table word t, or t drawn out by repeating its last
 * letter ("hiii", "byeee", "thanksss"). */
static int word_is(const char *w, const char *t)
{
	size_t n = strlen(t);
	if (strncmp(w, t, n) != 0)
		return 0;
	for (w += n; *w; w++)
		if (*w != t[n - 1])
			return 0;
	return 1;
}

static int all_fillers(const words *w, int from, int to,
                       const char *const *list)
{
	for (int i = from; i < to; i++) {
		const char *const *f = list;
		while (*f && !word_is(w->v[i], *f))
			f++;
		if (!*f)
			return 0;
	}
	return 1;
}

/* How many words of w, from the at-th, are the phrase p; 0 if they are
 * not. */
static int phrase_at(const words *w, int at, const char *p)
{
	int i = at;
	while (*p) {
		char t[MAX_WORD + 1];
		size_t k = strcspn(p, " ");
		if (i >= w->n || k > MAX_WORD)
			return 0;
		memcpy(t, p, k);
		t[k] = '\0';
		if (!word_is(w->v[i], t))
			return 0;
		i++;
		p += k;
		p += *p == ' ';
	}
	return i - at;
}

const char *smalltalk_reply(const char *question)
{
	words w;
	if (split(question, &w) != 0 || w.n == 0)
		return NULL;
	for (size_t k = 0; k < sizeof phrases / sizeof *phrases; k++)
		for (int at = 0; at < w.n; at++) {
			int n = phrase_at(&w, at, phrases[k].words);
			if (n && all_fillers(&w, 0, at, before) &&
			    all_fillers(&w, at + n, w.n, after))
				return replies[phrases[k].kind];
		}
	return NULL;
}
