/* test_smalltalk.c: unit tests of bot/smalltalk.c: whole short utterances
 * are small talk, questions that merely contain such words are not; and
 * the JSON object for a small-talk line. */
#include "check.h"
#include "render.h"
#include "smalltalk.h"

#include <stdlib.h>
#include <string.h>

void test_smalltalk(void);

static const char *kind(const char *q)
{
	const char *r = smalltalk_reply(q);
	if (!r)
		return "none";
	if (strstr(r, "Hello"))
		return "greeting";
	if (strstr(r, "I'm fine"))
		return "how-are-you";
	if (strstr(r, "welcome"))
		return "thanks";
	if (strstr(r, "Goodbye"))
		return "farewell";
	if (strstr(r, "I'm faqbot"))
		return "who";
	if (strstr(r, "own words"))
		return "help";
	return "unknown reply";
}

static void test_recognised(void)
{
	static const char *const cases[][2] = {
	    {"hi", "greeting"},
	    {"Hi there!", "greeting"},
	    {"  HELLO  ", "greeting"},
	    {"hey", "greeting"},
	    {"hiii", "greeting"},
	    {"Good morning :)", "greeting"},
	    {"hello again, faqbot", "greeting"},
	    {"how are you?", "how-are-you"},
	    {"hi, how are you doing today", "how-are-you"},
	    {"what's up", "how-are-you"},
	    {"thanks", "thanks"},
	    {"Thank you!", "thanks"},
	    {"thanks a lot", "thanks"},
	    {"thank you so much for that", "thanks"},
	    {"cheers", "thanks"},
	    {"ok, thanks!!", "thanks"},
	    {"thanks for your help", "thanks"},
	    {"that helped, thx", "thanks"},
	    {"much appreciated", "thanks"},
	    {"thanks \xF0\x9F\x99\x8F", "thanks"}, /* an emoji is punctuation */
	    {"bye", "farewell"},
	    {"ok bye", "farewell"},
	    {"Goodbye.", "farewell"},
	    {"see you later", "farewell"},
	    {"thanks, bye!", "farewell"},
	    {"bye for now", "farewell"},
	    {"byeee", "farewell"},
	    {"who are you?", "who"},
	    {"What are you", "who"},
	    {"what\xE2\x80\x99s your name?", "who"}, /* curly apostrophe */
	    {"are you a bot?", "who"},
	    {"hi, who are you", "who"},
	    {"help", "help"},
	    {"Help!", "help"},
	    {"help me please", "help"},
	    {"what can you do?", "help"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = kind(cases[i][0]);
		if (strcmp(got, cases[i][1]) != 0)
			fprintf(stderr, "  smalltalk: \"%s\"\n", cases[i][0]);
		CHECK_STR(got, cases[i][1]);
	}
}

static void test_not_smalltalk(void)
{
	static const char *const questions[] = {
	    "",
	    "   ",
	    "?!",
	    "thanks to massage, will my back heal?",
	    "hi, can massage help me sleep?",
	    "hello how does massage help back pain",
	    "help me sleep",
	    "can you help me with back pain",
	    "who are you supposed to see for back pain",
	    "is massage helpful",
	    "what is this",     /* left out: could be a FAQ's own */
	    "how does it work", /* left out: could be a FAQ's own */
	    "his",
	    "thin",
	    "byte",
	    "hive",                 /* words starting like one */
	    "hi hi hi hi hi hi hi", /* too long for small talk */
	    "hi ok ok ok ok ok",    /* "ok" comes before, not after */
	    "thanks to",
	    "ok",
	    "there",
	    "hallo wie geht's dir",
	    "merci beaucoup",
	    "h\xC3\xA9llo", /* another word, not a drawn-out one */
	    "hiiiiiiiiiiiiiiiiiiiiiiiiiiiii", /* longer than any table word */
	};
	for (size_t i = 0; i < sizeof questions / sizeof *questions; i++) {
		const char *got = smalltalk_reply(questions[i]);
		if (got)
			fprintf(stderr, "  not smalltalk: \"%s\"\n",
			        questions[i]);
		CHECK(got == NULL);
	}
	/* Six words are allowed, a seventh is not. */
	CHECK(smalltalk_reply("ok thank you so much then") != NULL);
	CHECK(smalltalk_reply("ok thank you so much then again") == NULL);
}

/* Any bytes at all: no crash, no read past the end (ASan), and at most a
 * static reply. */
static void test_any_bytes(void)
{
	char q[64];
	unsigned seed = 7;
	for (int round = 0; round < 20000; round++) {
		size_t n = (size_t)(round % 40);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned c = (seed >> 16) & 0xFF;
			q[i] = (char)(c ? c : ' ');
		}
		q[n] = '\0';
		char *copy = malloc(n + 1);
		if (!copy)
			abort();
		memcpy(copy, q, n + 1);
		(void)smalltalk_reply(copy);
		free(copy);
	}
	/* Truncated UTF-8 at the very end. */
	CHECK(smalltalk_reply("hi \xE2") == NULL);
	CHECK(smalltalk_reply("hi \xE2\x80") == NULL);
	CHECK(smalltalk_reply("hi \xF0\x9F") == NULL);
	CHECK(smalltalk_reply("hi \xF0\x9F\x99") == NULL);
	CHECK_STR(kind("hi \xF0\x9F\x99\x82"), "greeting");
}

static void test_json(void)
{
	buf b = {0};
	static const char q[] = "thanks\t\"a lot\"";
	render_json_smalltalk(&b, q, sizeof q - 1, "You're welcome.");
	CHECK_STR(b.s,
	          "{\"question\":\"thanks\\t\\\"a lot\\\"\",\"answer\":null,"
	          "\"id\":null,\"score\":null,\"matches\":[],"
	          "\"smalltalk\":\"You're welcome.\","
	          "\"outcome\":\"smalltalk\"}\n");
	buf_free(&b);
}

void test_smalltalk(void)
{
	test_recognised();
	test_not_smalltalk();
	test_any_bytes();
	test_json();
}
