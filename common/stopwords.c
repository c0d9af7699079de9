/* stopwords.c: the function words of a language, which the ranking counts
 * at a fraction and the indexer gives no synonyms. */
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

/* Sorted for bsearch. Function words and the question words people wrap
 * around what they ask ("can you tell me ..."). */
static const char *const stopwords[] = {
	"a", "about", "above", "after", "again", "against", "all", "almost", "also",
	"although", "am", "an", "and", "any", "anyone", "anything", "are", "around",
	"as", "at", "be", "because", "been", "before", "being", "below", "between",
	"both", "but", "by", "can", "could", "did", "do", "does", "doing", "done",
	"down", "during", "each", "either", "else", "etc", "even", "ever", "every",
	"everything", "few", "for", "from", "further", "get", "gets", "getting",
	"got", "had", "has", "have", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is",
	"it", "its", "itself", "just", "let", "lets", "like", "many", "may", "me",
	"might", "mine", "more", "most", "much", "must", "my", "myself", "need",
	"needs", "neither", "no", "nor", "not", "nothing", "now", "of", "off",
	"often", "on", "once", "one", "only", "or", "other", "others", "otherwise",
	"our", "ours", "ourselves", "out", "over", "own", "please", "quite",
	"rather", "really", "s", "same", "shall", "she", "should", "since", "so",
	"some", "somehow", "someone", "something", "still", "such", "t", "tell",
	"than", "that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "thing", "things", "this", "those", "though",
	"through", "thus", "to", "too", "under", "until", "up", "upon", "us",
	"very", "via", "was", "way", "we", "well", "were", "what", "whatever",
	"whats", "when", "whenever", "where", "whether", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "within", "without", "would", "yes",
	"yet", "you", "your", "yours", "yourself", "yourselves",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int stopword_is(const char *lang, const char *word)
{
	if (strcmp(lang, "english") != 0)
		return 0;
	return bsearch(&word, stopwords, sizeof stopwords / sizeof *stopwords,
	               sizeof *stopwords, cmp_str) != NULL;
}

