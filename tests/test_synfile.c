/* test_synfile.c: the author's synonyms file. */
#include "check.h"
#include "synfile.h"

#include <string.h>

void test_synfile(void)
{
	static const char text[] = "# words that mean the same here\n"
	                           "Delete, remove ,ERASE\n"
	                           "\n"
	                           "lonely\n"
	                           "fb, facebook # a comment after\r\n"
	                           ", ,\n"
	                           "last,line";
	synfile sf = {0};
	CHECK(synfile_parse(text, sizeof text - 1, &sf) == 0);
	CHECK(sf.n == 3);
	if (sf.n == 3) {
		CHECK(sf.sets[0].n == 3);
		CHECK_STR(sf.sets[0].words[0], "delete");
		CHECK_STR(sf.sets[0].words[1], "remove");
		CHECK_STR(sf.sets[0].words[2], "erase");
		CHECK(sf.sets[0].line == 2);
		CHECK(sf.sets[1].n == 2);
		CHECK_STR(sf.sets[1].words[1], "facebook");
		CHECK(sf.sets[1].line == 5);
		CHECK_STR(sf.sets[2].words[1], "line");
	}
	synfile_free(&sf);
	CHECK(sf.n == 0 && sf.sets == NULL);
	CHECK(synfile_parse("", 0, &sf) == 0 && sf.n == 0);
	CHECK(synfile_parse("a,b\0c,d", 7, &sf) == 0 && sf.n == 1);
	synfile_free(&sf);
}
