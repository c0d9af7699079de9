/* test_rank.c: the ranking as behaviour: "this question ranks entry A above
 * entry B", "this off-topic question is declined", stand-ins for unknown
 * words. Builds its own index of the article (with WordNet synonyms when
 * Debian's wordnet-base is there) in a temporary directory. */
#include "answer.h"
#include "build.h"
#include "check.h"
#include "corpus.h"
#include "rank.h"
#include "synfile.h"
#include "wordnet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static answerer *bot;

/* Position (0-based) of entry id among the top 13 matches of q, or 99. */
static int rank_of(const char *q, const char *id)
{
	answer_result r;
	char msg[512];
	int pos = 99;
	if (answer_ask(bot, q, strlen(q), 13, 0.5, &r, msg, sizeof msg) != 0)
		return 99;
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.m[i].id, id) == 0) {
			pos = (int)i;
			break;
		}
	answer_result_free(&r);
	return pos;
}

static void check_above(const char *q, const char *a, const char *b,
                        int line)
{
	int ra = rank_of(q, a), rb = rank_of(q, b);
	if (ra < rb && ra < 99) {
		check_passed++;
	} else {
		check_failed++;
		fprintf(stderr, "FAIL %s:%d: \"%s\" ranks %s (%d) above %s (%d)\n",
		        __FILE__, line, q, b, rb, a, ra);
	}
}
#define ABOVE(q, a, b) check_above(q, a, b, __LINE__)

/* The answer given (an id) or NULL when declined; fills conf and the first
 * correction when there is one. */
static char *answered(const char *q, double *conf, char *fix, size_t n)
{
	answer_result r;
	char msg[512];
	char *id = NULL;
	if (answer_ask(bot, q, strlen(q), 3, 0.5, &r, msg, sizeof msg) != 0)
		return NULL;
	if (r.answer)
		id = strdup(r.m[0].id);
	*conf = r.confidence;
	if (fix)
		snprintf(fix, n, "%s", r.nfixes ? r.fixes[0].to : "");
	answer_result_free(&r);
	return id;
}

static void check_answer(const char *q, const char *want, int line)
{
	double conf;
	char *id = answered(q, &conf, NULL, 0);
	int ok = want ? id && strcmp(id, want) == 0 : id == NULL;
	if (ok) {
		check_passed++;
	} else {
		check_failed++;
		fprintf(stderr, "FAIL %s:%d: \"%s\" answered %s (%.2f), want %s\n",
		        __FILE__, line, q, id ? id : "nothing", conf,
		        want ? want : "nothing");
	}
	free(id);
}
#define ANSWERS(q, id) check_answer(q, id, __LINE__)
#define DECLINES(q) check_answer(q, NULL, __LINE__)

static int build_article(const char *out)
{
	FILE *f = fopen("corpus/massage-back-pain.txt", "rb");
	if (!f)
		return -1;
	static char text[1 << 16];
	size_t len = fread(text, 1, sizeof text, f);
	fclose(f);
	corpus c = {0};
	char err[512];
	int rc = corpus_parse("article", text, len, CORPUS_ARTICLE, &c);
	wordnet *wn = wordnet_open("/usr/share/wordnet", err, sizeof err);
	build_source src = {"article", &c};
	build_options opt = {"english", wn, NULL, 0, NULL, NULL, NULL};
	if (rc == 0)
		rc = build_index(&src, 1, &opt, out, err, sizeof err);
	wordnet_close(wn);
	corpus_free(&c);
	return rc;
}

/* Indexes a small TSV corpus (id, question, answer lines) into out, with
 * WordNet's words and synonyms when wn is not NULL. */
static int build_tsv_wn(const char *tsv, const char *syns, wordnet *wn,
                        const char *out)
{
	corpus c = {0};
	synfile sf = {0};
	char err[512];
	int rc = corpus_parse("t.tsv", tsv, strlen(tsv), CORPUS_TSV, &c);
	if (rc == 0 && syns)
		rc = synfile_parse(syns, strlen(syns), &sf);
	build_source src = {"t.tsv", &c};
	build_options opt = {"english", wn,   syns ? &sf : NULL, 0,
	                     NULL,      NULL, NULL};
	if (rc == 0)
		rc = build_index(&src, 1, &opt, out, err, sizeof err);
	synfile_free(&sf);
	corpus_free(&c);
	return rc;
}

static int build_tsv(const char *tsv, const char *syns, const char *out)
{
	return build_tsv_wn(tsv, syns, NULL, out);
}

/* Indexes tsv into out with the installed WordNet. Returns 1 when built;
 * 0 when WordNet is missing (the test is skipped: test_wordnet fails
 * then) or the build failed (a failure counted). */
static int build_tsv_wordnet(const char *tsv, const char *out)
{
	char err[512];
	wordnet *wn = wordnet_open("/usr/share/wordnet", err, sizeof err);
	if (!wn)
		return 0;
	int rc = build_tsv_wn(tsv, NULL, wn, out);
	wordnet_close(wn);
	CHECK(rc == 0);
	return rc == 0;
}

/* The checks above ask `bot`, the article's. A test with a corpus of its
 * own opens that index as `bot` for its checks (own_index; 0, a failure
 * counted, when it cannot) and then puts the article's back (end_index,
 * which closes the test's and removes its file). */
static answerer *article_bot;

static int own_index(const char *path)
{
	char msg[512];
	article_bot = bot;
	bot = answer_open(path, msg, sizeof msg);
	CHECK(bot != NULL);
	if (!bot)
		bot = article_bot;
	return bot != article_bot;
}

static void end_index(const char *path)
{
	if (bot != article_bot)
		answer_close(bot);
	bot = article_bot;
	unlink(path);
}

/* A short word that is no real word stands for the commonest corpus word
 * with its letters in order ("fb": facebook); a real one does not ("spy"
 * is no spotify). Needs WordNet to tell real words. */
static void test_rank_abbrev(const char *dir)
{
	char path[64];
	snprintf(path, sizeof path, "%s/ab.db", dir);
	/* "gmail" comes first: on a tie it would win. Facebook and Spotify
	 * are ten times as common as anything else. */
	if (!build_tsv_wordnet(
	        "gmail\tHow do I delete my Gmail account?\tOpen "
	        "the settings and pick delete.\n"
	        "facebook\tHow do I delete my Facebook account?\t"
	        "Open the Facebook settings and pick delete.\n"
	        "photo\tCan I share a Facebook photo?\tFacebook "
	        "photos are shared from Facebook albums.\n"
	        "friend\tHow do I find Facebook friends?\tFacebook "
	        "suggests friends; Facebook search finds them.\n"
	        "page\tCan I follow a Facebook page?\tFacebook "
	        "pages have a follow button on Facebook.\n"
	        "music\tCan I play Spotify music on Spotify?\t"
	        "Spotify plays Spotify music: Spotify, Spotify.\n"
	        "list\tCan I share a Spotify list?\tSpotify "
	        "lists are shared from Spotify, in Spotify.\n"
	        "make\tCan I make a Facebook page?\tTake the "
	        "Facebook page wizard.\n",
	        path))
		return;
	if (own_index(path)) {
		ABOVE("delete my fb account", "facebook", "gmail");
		double conf;
		char fix[64];
		free(answered("a spy list", &conf, fix, sizeof fix));
		CHECK_STR(fix, "");
		/* A first letter typed wrong is read only when one word is
		 * nearest: "aake" is make as much as take. */
		free(answered("can I aake a Spotify list", &conf, fix, sizeof fix));
		CHECK_STR(fix, "");
		free(answered("can I xhare a Spotify list", &conf, fix, sizeof fix));
		CHECK_STR(fix, "share");
	}
	end_index(path);
}

/* An English phrase that says one word ranks the entries that say it
 * (RANK_PHRASE_STRENGTH: "more than one" is multiple), and costs an entry
 * that lacks the word no confidence: the phrase's words are function
 * words, and still count nothing in it. */
static void test_rank_phrase(const char *dir)
{
	char path[64];
	snprintf(path, sizeof path, "%s/ph.db", dir);
	CHECK(build_tsv("multi\tCan I have multiple Dropbox accounts?\tLink "
	                "them in the settings.\n"
	                "one\tCan I have one Dropbox account on a phone?\tInstall "
	                "the app; one account signs in.\n"
	                "share\tHow do I share a Dropbox folder?\tInvite people "
	                "to it.\n",
	                NULL, path) == 0);
	if (own_index(path)) {
		ABOVE("can I have more than one dropbox account", "multi", "one");
		double with, without;
		free(answered("can I have more than one dropbox account on a phone",
		              &with, NULL, 0));
		free(answered("can I have dropbox accounts on a phone", &without,
		              NULL, 0));
		CHECK(with - without < 1e-9 && without - with < 1e-9);
		/* which is not so when the word is asked for itself */
		double asked;
		free(answered("can I have multiple dropbox accounts on a phone",
		              &asked, NULL, 0));
		CHECK(without - asked > 0.01);
	}
	end_index(path);
}

/* A word that defines a corpus verb ranks for it: "delete" is "remove or
 * make invisible", so a question that says "remove" finds the entry that
 * says "delete" (RANK_DEF_STRENGTH), though no surer of it
 * (RANK_COVER_NONE). Needs WordNet. */
static void test_rank_definition(const char *dir)
{
	char path[64];
	snprintf(path, sizeof path, "%s/def.db", dir);
	if (!build_tsv_wordnet(
	        "delete\tHow do I delete the account on the web site?\tOpen "
	        "the settings of the web site and pick delete.\n"
	        "die\tMy account when I die?\tThe account is kept as a "
	        "memorial.\n"
	        "photo\tHow do I share a photo?\tPick share.\n",
	        path))
		return;
	if (own_index(path)) {
		ABOVE("how can I remove my account", "delete", "die");
		/* It ranks only: the confidence counts "remove" as matched
		 * nowhere (a word the corpus lacks), so the question is less
		 * sure than the one that says "delete". */
		double removed, deleted;
		free(answered("how can I remove my account", &removed, NULL, 0));
		free(answered("how can I delete my account", &deleted, NULL, 0));
		CHECK(removed > 0 && removed < deleted);
		answer_result r;
		char msg[256];
		answer_explain(bot, 1);
		CHECK(answer_ask(bot, "remove my account", 17, 3, 0.5, &r, msg,
		                 sizeof msg) == 0);
		CHECK(r.nwhy == 3 && strcmp(r.why[0].how, "definition") == 0 &&
		      r.why[0].used && strcmp(r.why[0].used, "delete") == 0 &&
		      r.why[0].matched == 0);
		answer_result_free(&r);
		answer_explain(bot, 0);
		DECLINES("how do I remove a stain from a shirt");
	}
	end_index(path);
}

/* Levers that need a corpus of their own words. */
static void test_rank_words(const char *dir)
{
	char path[64];
	snprintf(path, sizeof path, "%s/w.db", dir);
	CHECK(build_tsv("print\tCan I print a photo?\tUse the print button on "
	                "the photo page.\n"
	                "email\tCan I email a photo?\tUse the share button and "
	                "pick email.\n"
	                "strike\tCan I strikethrough text in a comment?\tWrap "
	                "it in two tildes.\n"
	                "bold\tCan I make text bold in a comment?\tWrap the "
	                "text in two stars: bold text strikes the eye.\n",
	                NULL, path) == 0);
	if (own_index(path)) {
		/* Two words the corpus writes as one count as that word. */
		ABOVE("can I e-mail a photo", "email", "print");
		ABOVE("strike through text in comments", "strike", "bold");
		/* A word the corpus lacks stands for its base without the
		 * prefix: to reprint a photo is about printing it. */
		double conf;
		char fix[64], *id = answered("can I reprint a photo", &conf, fix,
		                             sizeof fix);
		CHECK_STR(fix, "print");
		CHECK(id && strcmp(id, "print") == 0);
		free(id);
	}
	end_index(path);

	/* A stand-in weighs no more than its word: "erase", rare here, stands
	 * for "delete", which is common, and must not outscore it. */
	CHECK(build_tsv("album\tCan I delete an album?\tOpen the album and "
	                "pick delete.\n"
	                "erase\tCan I erase a photo?\tOpen the photo and pick "
	                "erase.\n"
	                "comment\tHow do I delete a comment?\tPick delete under "
	                "it.\n"
	                "friend\tHow do I delete a friend?\tPick delete on the "
	                "page.\n"
	                "group\tHow do I delete a group?\tPick delete in the "
	                "menu.\n"
	                "share\tHow do I share a photo?\tPick share.\n"
	                "send\tHow do I send an album?\tPick send.\n",
	                "delete, erase\n", path) == 0);
	if (own_index(path))
		ABOVE("delete photo album", "album", "erase");
	end_index(path);
}

/* Sentence vectors reorder the word ranking and move its confidence. */
static void test_rank_fuse(void)
{
	rank_result r[3] = {{1, 10, 0, 0.3}, {2, 9, 0, 0.2}, {3, 5, 0, 0.9}};
	double sr[3] = {0.2, 0.5, 0.3}, sc[3] = {0.2, 0.6, 1.0};
	rank_fuse(r, sr, sc, 3);
	/* Entry 2, a little behind by words and much closer in meaning, goes
	 * first; entry 3, far behind by words, stays last. */
	CHECK(r[0].doc == 2 && r[1].doc == 1 && r[2].doc == 3);
	/* Confidence: 0.2 + 1.5 * (0.6 - 0.5), plus 0.2 * its lead of
	 * 1.4 - 1.2 over entry 1; 0.3 + 1.5 * (0.2 - 0.5) is kept at 0;
	 * 0.9 + 1.5 * 0.5 at 1. */
	CHECK(r[0].confidence > 0.389 && r[0].confidence < 0.391);
	CHECK(r[1].confidence == 0);
	CHECK(r[2].confidence == 1.0);
	/* The similarities travel with their entries. */
	CHECK(sc[0] == 0.6 && sc[1] == 0.2 && sc[2] == 1.0);
	CHECK(sr[0] == 0.5 && sr[1] == 0.2);
	/* A lead counts up to 0.5: 1.9 - 0.35 adds 0.1, and only to the
	 * first entry. */
	rank_result u[2] = {{7, 4, 0, 0.2}, {8, 1, 0, 0.2}};
	double ur[2] = {0.9, 0.1}, uc[2] = {0.5, 0.5};
	rank_fuse(u, ur, uc, 2);
	CHECK(u[0].doc == 7 && u[0].confidence > 0.299 &&
	      u[0].confidence < 0.301);
	CHECK(u[1].confidence > 0.199 && u[1].confidence < 0.201);
	/* The lead is added before the confidence is kept in [0, 1]: far
	 * apart in meaning, 0.1 - 0.3 + 0.1 stays 0, not 0.1. */
	rank_result v[2] = {{1, 4, 0, 0.1}, {2, 1, 0, 0.5}};
	double vr[2] = {0.9, 0.1}, vc[2] = {0.3, 0.5};
	rank_fuse(v, vr, vc, 2);
	CHECK(v[0].doc == 1 && v[0].confidence == 0);
	/* Equal keys keep the word ranking's order and lead nothing; a lone
	 * entry leads nothing either. */
	rank_result t[2] = {{7, 4, 0, 0.2}, {8, 4, 0, 0.2}};
	double tr[2] = {0.1, 0.1}, tc[2] = {0.5, 0.5};
	rank_fuse(t, tr, tc, 2);
	CHECK(t[0].doc == 7 && t[0].confidence > 0.199 &&
	      t[0].confidence < 0.201);
	rank_result w[1] = {{5, 3, 0, 0.4}};
	double wr[1] = {0.9}, wc[1] = {0.5};
	rank_fuse(w, wr, wc, 1);
	CHECK(w[0].confidence > 0.399 && w[0].confidence < 0.401);
	rank_fuse(t, tr, tc, 0);
	CHECK(t[0].doc == 7);
}

void test_rank(void)
{
	test_rank_fuse();
	char dir[] = "/tmp/faqbot-rank-XXXXXX", path[64], msg[512];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/a.db", dir);
	CHECK(build_article(path) == 0);
	bot = answer_open(path, msg, sizeof msg);
	CHECK(bot != NULL);
	if (!bot)
		return;

	/* The question field outweighs a passing mention in an answer. */
	ABOVE("what causes sudden lower back pain",
	      "what-s-up-with-acute-lower-back-pain-and", "key-takeaway");
	ABOVE("does massage improve blood flow",
	      "increased-blood-flow-and-circulation", "decreased-muscle-tension");
	/* Words standing together as in the question count. */
	ABOVE("how do I get the most out of my massage",
	      "increased-blood-flow-and-circulation",
	      "increased-endorphin-levels");
	/* Several of the question's words in an entry's question, apart,
	 * beat one of them there and the rest in an answer. */
	ABOVE("What do medical people say about massage for pain",
	      "what-is-the-medical-community-s-opinion",
	      "importance-of-medical-evaluation");
	/* Function words count a little: "how does" ties to the question
	 * asked the same way. */
	ABOVE("How does massage therapy help back pain?",
	      "how-does-massage-therapy-work-its-magic",
	      "should-i-chat-with-a-doc-before-diving");
	/* ... but never more than the words the question is about: "should",
	 * rare in the article, does not carry these to "Should I chat with a
	 * doc ...". */
	ABOVE("should I tell the therapist about my back problems",
	      "increased-blood-flow-and-circulation",
	      "should-i-chat-with-a-doc-before-diving");
	ABOVE("what should I do with massage to get better results",
	      "increased-blood-flow-and-circulation",
	      "should-i-chat-with-a-doc-before-diving");
	/* A synonym of a word the corpus lacks weighs no more than the
	 * question's own words (cap_synonyms): "doctors" and "physicians"
	 * reach "Should I chat with a doc ..." through "doc", the rarest
	 * word there is, and that alone outranked the entry that shares
	 * "treatment", "accepting" and "massage therapy". */
	ABOVE("Do physicians consider massage a legitimate treatment for "
	      "backaches?",
	      "what-is-the-medical-community-s-opinion",
	      "should-i-chat-with-a-doc-before-diving");
	ABOVE("are physicians accepting of massage therapy these days",
	      "what-is-the-medical-community-s-opinion",
	      "should-i-chat-with-a-doc-before-diving");
	/* ... but it still finds the doc when the question is about one. */
	ABOVE("should I see a doctor before a massage",
	      "should-i-chat-with-a-doc-before-diving",
	      "what-is-the-medical-community-s-opinion");
	/* Several answers of one group show as one match. */
	CHECK(rank_of("massage", "key-takeaway") < 99);

	ANSWERS("can massage help me sleep better?",
	        "can-massage-therapy-be-your-sleep-savior");
	ANSWERS("how can lifting something heavy hurt my back",
	        "what-s-up-with-acute-lower-back-pain-and");
	/* Snowball keeps -er: "low back pain" is the article's "lower back
	 * pain". */
	ANSWERS("what brings on sudden low back pain",
	        "what-s-up-with-acute-lower-back-pain-and");
	/* Stand-ins: a misspelling, a longer word begun, a synonym. */
	double conf;
	char fix[64];
	char *id = answered("endorphin levles after a masage", &conf, fix,
	                    sizeof fix);
	CHECK(id && strcmp(id, "increased-endorphin-levels") == 0);
	CHECK_STR(fix, "levels");
	free(id);
	ANSWERS("Will a massage help me relax before bed?",
	        "can-massage-therapy-be-your-sleep-savior");
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		ABOVE("should I see a doctor first?",
		      "should-i-chat-with-a-doc-before-diving", "key-takeaway");
		ANSWERS("Is massage an alternative to surgery?", "part-13");
	}
	/* A corrected word counts in the confidence as it does spelt right
	 * (RANK_FIX_COVER): a typo does not make the bot less sure. */
	double typed, corrected;
	free(answered("does massage improve circulation", &typed, NULL, 0));
	free(answered("does massage improve circulaton", &corrected, NULL, 0));
	CHECK(typed - corrected < 1e-9 && corrected - typed < 1e-9);
	/* A misspelt function word is that function word: the question gets
	 * the confidence it gets spelt right, and the fix is reported. */
	double right, misspelt;
	free(answered("should I see a doctor first", &right, NULL, 0));
	free(answered("shoud I see a doctor first", &misspelt, fix, sizeof fix));
	CHECK(right - misspelt < 1e-9 && misspelt - right < 1e-9);
	CHECK_STR(fix, "should");
	/* Also one the corpus lacks ("after" is not in the article): it
	 * had counted as an unseen word, and the question was declined. */
	free(answered("do endorphins go up after a massage", &right, NULL, 0));
	free(answered("do endorphins go up aftrer a massage", &misspelt, fix,
	              sizeof fix));
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		CHECK(right - misspelt < 1e-9 && misspelt - right < 1e-9);
		CHECK_STR(fix, "after");
	}
	/* So is a rare real word that is a function word with a letter
	 * dropped ("wen", a cyst, for when), unless typed in capitals. */
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		free(answered("when should I see a doctor", &right, NULL, 0));
		free(answered("wen should I see a doctor", &misspelt, fix, sizeof fix));
		CHECK(right - misspelt < 1e-9 && misspelt - right < 1e-9);
		CHECK_STR(fix, "when");
		free(answered("WEN should I see a doctor", &misspelt, fix, sizeof fix));
		CHECK_STR(fix, "");
	}
	/* "asleep" is the article's "sleep" with the prefix a-: it had gone
	 * to the circulation section, answered, through "stay" and "help". */
	ABOVE("will a massage help me stay asleep",
	      "can-massage-therapy-be-your-sleep-savior",
	      "increased-blood-flow-and-circulation");

	/* The loose spelling pass (RANK_FIX_STEMS, RANK_FIX_SWAP1,
	 * RANK_FIX_SYN): a first letter swapped, a stem one edit from the
	 * corpus's, a real word reached through its synonym; never a word as
	 * near another real word, nor a short stem one edit from a long
	 * word's. */
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		char fix[64];
		double c;
		char *id = answered("will a amssage help me sleep better", &c, fix,
		                    sizeof fix);
		CHECK(id && strcmp(id, "can-massage-therapy-be-your-sleep-savior") == 0);
		CHECK_STR(fix, "massage");
		free(id);
		id = answered("can massage replace pills or sugery", &c, fix,
		              sizeof fix);
		CHECK(id && strcmp(id, "part-13") == 0);
		CHECK_STR(fix, "surgeries");
		free(id);
		id = answered("should i talk to my drctor before getting a massage",
		              &c, fix, sizeof fix);
		CHECK(id && strcmp(id, "should-i-chat-with-a-doc-before-diving") == 0);
		CHECK_STR(fix, "doctor");
		free(id);
		/* A misspelling that Snowball gives a real word's stem
		 * ("inflamation": inflam-, as inflame) is still one: real words
		 * are told by their spelling (the index's spelling table), and
		 * an inflection by morphy's rules ("curing": the verb cure), so
		 * "curing" is no misspelt "during". */
		id = answered("does massage reduce inflamation", &c, fix, sizeof fix);
		CHECK(id && strcmp(id, "increased-blood-flow-and-circulation") == 0);
		CHECK_STR(fix, "inflammation");
		free(id);
		free(answered("can massage improbe my mood", &c, fix, sizeof fix));
		CHECK_STR(fix, "improve");
		free(answered("is massage good for curing back pain", &c, fix,
		              sizeof fix));
		CHECK_STR(fix, "");
		/* Of two words one edit away, the likelier typo: "opnion" is
		 * opinion (a letter dropped), not option (one changed). */
		id = answered("what is the medical opnion on massage", &c, fix,
		              sizeof fix);
		CHECK(id && strcmp(id, "what-is-the-medical-community-s-opinion") == 0);
		CHECK_STR(fix, "opinion");
		free(id);
		/* shown as the word is spelt, not as its stem ("rais") */
		free(answered("does massage rasie endorphins", &c, fix, sizeof fix));
		CHECK_STR(fix, "raise");
		/* a first letter typed wrong, or dropped (RANK_FIX_FIRST) */
		id = answered("what brings on judden low back pain", &c, fix,
		              sizeof fix);
		CHECK(id && strcmp(id, "what-s-up-with-acute-lower-back-pain-and") == 0);
		CHECK_STR(fix, "sudden");
		free(id);
		free(answered("does massage get more xygen to my muscles", &c, fix,
		              sizeof fix));
		CHECK_STR(fix, "oxygen");
		/* account as much as accent, which leads to the article */
		free(answered("how do I get back into my accunt", &c, fix, sizeof fix));
		CHECK_STR(fix, "");
		/* lood- is one edit from look-, but "lood" is no "looking" */
		free(answered("what is the best lood pressure medicine", &c, fix,
		              sizeof fix));
		CHECK(strcmp(fix, "looking") != 0);
		/* A non-word nothing reads weighs as the real word it most
		 * likely is (RANK_TYPO_NOUN): "lesrn" as learn, a verb, not
		 * as a name; the question keeps its confidence. ("find" no
		 * longer serves: it defines the article's "research", so it
		 * is no unseen word, and "fingd" is.) */
		double spelt, typo;
		free(answered("Can a doctor learn the real cause of my back pain?",
		              &spelt, NULL, 0));
		free(answered("Can a doctor lesrn the real cause of my back pain?",
		              &typo, NULL, 0));
		CHECK(spelt - typo < 1e-9 && typo - spelt < 1e-9);
		/* A fixed word keeps its synonyms: spelt right, "bring" is
		 * the article's "lend" too, and the question is declined
		 * either way (RANK_FIX_SYNS). */
		DECLINES("can I bring my dog to work");
		DECLINES("can I britg my dog to work");
	}

	/* A short word is corrected only when the lexicon says it is no
	 * real word: "bak" is back, "cook" stays cook. */
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		char fix[64];
		double c;
		free(answered("does massage help with bak pain", &c, fix, sizeof fix));
		CHECK(strcmp(fix, "back") == 0);
		free(answered("can massage help me relx", &c, fix, sizeof fix));
		CHECK(strcmp(fix, "relax") == 0);
		free(answered("how do I cook rice", &c, fix, sizeof fix));
		CHECK(strcmp(fix, "") == 0);
	}

	/* The words people wrap around a question are function words, and
	 * so are the pieces a contraction leaves ("d" of "I'd") and
	 * contractions typed without their apostrophe: none of them costs
	 * confidence. */
	static const char *const wrapped[] = {
	    "I want to know if massage helps chronic back pain",
	    "is it possible that massage helps chronic back pain",
	    "I'd like to know if massage helps chronic back pain",
	    "im not sure: does massage help chronic back pain? i dont know",
	};
	double plain;
	free(answered("does massage help chronic back pain", &plain, NULL, 0));
	for (size_t i = 0; i < sizeof wrapped / sizeof *wrapped; i++) {
		double c;
		free(answered(wrapped[i], &c, NULL, 0));
		if (c != plain)
			fprintf(stderr, "  \"%s\": %.2f, plain %.2f\n", wrapped[i],
			        c, plain);
		CHECK(c == plain);
	}

	/* Off-topic questions are declined, even when they share words. */
	DECLINES("How do I get my deposit back from my landlord?");
	DECLINES("how do I cook rice");
	DECLINES("What is the population of Canada?");
	DECLINES("how do I back up my phone");
	/* "tooth", a word the article never uses, outweighs the two it has. */
	DECLINES("what causes tooth pain");
	/* A real word stands only for a compound of it: "car" is no "care". */
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0)
		DECLINES("how do I fix my car");
	/* What a question is about is said mostly by its nouns: a verb or
	 * adjective the entry lacks ("safe") costs less than a noun it lacks
	 * ("door", "ibuprofen"), and a verb it has ("fix", "take") counts
	 * less towards an answer. With WordNet's parts of speech only. */
	if (access("/usr/share/wordnet/index.noun", R_OK) == 0) {
		ANSWERS("is massge safe for injuries",
		        "how-can-massage-therapy-lend-a-hand-with");
		DECLINES("how do I fix my back door");
		DECLINES("can I take ibuprofen for back pain");
		/* Two corpus words run together are read as both, and the
		 * reading is reported: the question gets the answer it gets
		 * written apart. A real word ("bodywork") is never split. */
		char fix[64];
		double c;
		char *id = answered("does massage help backpain", &c, fix, sizeof fix);
		char *apart = answered("does massage help back pain", &c, NULL, 0);
		CHECK(id && apart && strcmp(id, apart) == 0);
		CHECK(strcmp(fix, "back pain") == 0);
		free(id);
		free(apart);
		free(answered("is bodywork good for you", &c, fix, sizeof fix));
		CHECK(strcmp(fix, "") == 0);
		/* In the score too: "lower" (an adjective or verb) counts less
		 * than the nouns, so the stress section beats the heading "acute
		 * lower back pain"; and the adjective "real", which only the
		 * evaluation section has, no longer outweighs the noun
		 * "treatment" of the community-opinion question. */
		ABOVE("does massage lower stress and anxiety",
		      "increased-endorphin-levels",
		      "what-s-up-with-acute-lower-back-pain-and");
		ABOVE("do hospitals consider massage a real treatment",
		      "what-is-the-medical-community-s-opinion",
		      "importance-of-medical-evaluation");
	}
	DECLINES("xyz 123");
	DECLINES("the and of to");
	/* Hostile text is just words. */
	DECLINES("\"AND OR NOT* ^ (x");
	DECLINES("'; DROP TABLE entry; --");

	test_rank_words(dir);
	test_rank_abbrev(dir);
	test_rank_phrase(dir);
	test_rank_definition(dir);

	answer_close(bot);
	unlink(path);
	rmdir(dir);
}
