/* unit.c: runs every in-process test of the cores and prints the count. */
#include "check.h"

int check_passed, check_failed;

void test_corpus(void);
void test_wordnet(void);
void test_rank(void);
void test_fast(void);
void test_build(void);
void test_synfile(void);
void test_stemtok(void);
void test_query(void);
void test_render(void);
void test_smalltalk(void);
void test_review(void);
void test_sentvec(void);

int main(void)
{
	test_corpus();
	test_wordnet();
	test_stemtok();
	test_sentvec();
	test_query();
	test_render();
	test_smalltalk();
	test_review();
	test_synfile();
	test_rank();
	test_fast();
	test_build();
	printf("unit: %d passed, %d failed\n", check_passed, check_failed);
	return check_failed != 0;
}
