/* stopwords.c: the function words of each language with a list here, which
 * the ranking counts at a fraction and the indexer gives no synonyms. */
#include "stopwords.h"

#include <stdlib.h>
#include <string.h>

/* One list per language, each word as the tokenizer hands it over:
 * unicode61 case-folds and removes diacritics ("für" arrives as "fur", "où"
 * as "ou"; "ß" and "œ" stay), and splits at apostrophes and hyphens, so a
 * French elision comes as one letter ("l'heure": "l", "heure") and "est-ce"
 * as "est", "ce". Words are matched before stemming, so verbs are listed by
 * their forms. Function words, and the words people wrap around what they
 * ask ("can you tell me", "pouvez-vous", "gibt es"); not words that are
 * also everyday nouns ("été", summer).
 *
 * Each list is sorted in byte order (strcmp's, LC_ALL=C sort's) without
 * duplicates, for bsearch. tests/lang.sh checks that, reading each list
 * from "static const char *const stop_" to "};" in this file. */

/* clang-format off */
static const char *const stop_en[] = {
	"a", "able", "about", "above", "actually", "after", "again", "against",
	"all", "almost", "already", "also", "although", "always", "am", "an", "and",
	"any", "anybody", "anyone", "anything", "anyway", "are", "aren", "arent",
	"around", "as", "at", "basically", "be", "because", "been", "before",
	"being", "below", "best", "between", "both", "but", "by", "can", "cant",
	"certain", "could", "couldn", "couldnt", "currently", "d", "did", "didn",
	"didnt", "do", "does", "doesn", "doesnt", "doing", "don", "done", "dont",
	"down", "during", "each", "easiest", "easily", "easy", "either", "else",
	"etc", "even", "ever", "every", "everything", "exactly", "fastest", "few",
	"for", "from", "further", "get", "gets", "getting", "got", "had", "hadn",
	"hadnt", "has", "hasn", "hasnt", "have", "haven", "havent", "having", "he",
	"her", "here", "hers", "herself", "him", "himself", "his", "how", "hows",
	"i", "if", "im", "in", "into", "is", "isn", "isnt", "it", "its", "itself",
	"ive", "just", "knew", "know", "known", "knows", "let", "lets", "like",
	"ll", "m", "many", "may", "me", "might", "mine", "more", "most", "much",
	"must", "my", "myself", "need", "needs", "neither", "no", "nor", "not",
	"nothing", "now", "of", "off", "often", "on", "once", "one", "only", "or",
	"other", "others", "otherwise", "our", "ours", "ourselves", "out", "over",
	"own", "particular", "please", "possible", "possibly", "quickest", "quite",
	"rather", "re", "really", "s", "same", "shall", "she", "should", "shouldn",
	"shouldnt", "simple", "simplest", "simply", "since", "so", "some",
	"somebody", "somehow", "someone", "something", "specific", "still", "such",
	"sure", "t", "tell", "than", "that", "thats", "the", "their", "theirs",
	"them", "themselves", "then", "there", "theres", "these", "they", "theyre",
	"thing", "things", "this", "those", "though", "through", "thus", "to",
	"too", "under", "until", "up", "upon", "us", "ve", "very", "via", "want",
	"wanted", "wanting", "wants", "was", "wasn", "wasnt", "way", "we", "well",
	"were", "weren", "werent", "what", "whatever", "whats", "when", "whenever",
	"where", "wheres", "whether", "which", "while", "who", "whom", "whose",
	"why", "will", "with", "within", "without", "wont", "would", "wouldn",
	"wouldnt", "yes", "yet", "you", "your", "youre", "yours", "yourself",
	"yourselves",
};

static const char *const stop_de[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am",
	"an", "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bist",
	"bitte", "da", "damit", "dann", "das", "dass", "daß", "dein", "deine",
	"dem", "den", "denn", "der", "des", "dich", "die", "dies", "diese",
	"diesem", "diesen", "dieser", "dieses", "dir", "doch", "dort", "du",
	"durch", "durfen", "ein", "eine", "einem", "einen", "einer", "eines",
	"er", "es", "etwas", "euch", "euer", "eure", "eurem", "euren", "eurer",
	"fur", "gern", "gerne", "gibt", "habe", "haben", "habt", "hast", "hat",
	"hatte", "hatten", "hier", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
	"ihren", "ihrer", "im", "immer", "in", "ins", "ist", "ja", "jede",
	"jeden", "jeder", "jedes", "kann", "kannst", "kein", "keine", "keinen",
	"keiner", "konnen", "konnte", "konnten", "mal", "man", "mehr", "mein",
	"meine", "meinem", "meinen", "meiner", "mich", "mir", "mit", "mochte",
	"mochten", "muss", "mussen", "muß", "nach", "nein", "nicht", "nichts",
	"noch", "nur", "ob", "oder", "ohne", "schon", "sehr", "sei", "sein",
	"seine", "seinen", "sich", "sie", "sind", "so", "soll", "sollen",
	"sollte", "uber", "um", "und", "uns", "unser", "unsere", "unter",
	"viel", "viele", "vom", "von", "vor", "wahrend", "wann", "war", "waren",
	"warum", "was", "weil", "welche", "welchen", "welcher", "welches",
	"wem", "wen", "wenn", "wer", "werde", "werden", "wie", "wieso", "will",
	"wir", "wird", "wo", "wofur", "woher", "wollen", "wurde", "wurden",
	"zu", "zum", "zur", "zwischen",
};

static const char *const stop_fr[] = {
	"a", "afin", "ai", "aie", "aimerais", "alors", "apres", "as", "au",
	"aucun", "aupres", "aussi", "autre", "autres", "aux", "avant", "avec",
	"avez", "avoir", "avons", "besoin", "c", "ca", "car", "ce", "ceci",
	"cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux",
	"chez", "chose", "choses", "combien", "comme", "comment", "d", "dans",
	"de", "deja", "depuis", "des", "dois", "doit", "donc", "dont", "du",
	"elle", "elles", "en", "encore", "entre", "es", "est", "et", "etait",
	"etes", "etre", "eu", "faut", "il", "ils", "j", "je", "jusqu", "jusque",
	"l", "la", "le", "les", "leur", "leurs", "lorsque", "lui", "m", "ma",
	"mais", "me", "meme", "merci", "mes", "moi", "mon", "n", "ne", "ni",
	"non", "nos", "notre", "nous", "on", "ont", "ou", "oui", "par", "pas",
	"pendant", "peu", "peut", "peuvent", "peux", "plait", "plus", "pour",
	"pourquoi", "pourrais", "pourrait", "pourriez", "pouvez", "pouvons",
	"puis", "qu", "quand", "que", "quel", "quelle", "quelles", "quelque",
	"quelques", "quels", "qui", "quoi", "s", "sa", "sans", "se", "sera",
	"serait", "ses", "si", "soit", "sommes", "son", "sont", "sous", "suis",
	"sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute",
	"toutes", "tres", "tu", "un", "une", "vers", "veut", "veux", "vos",
	"votre", "voudrais", "voulez", "vous", "y",
};

static const char *const stop_es[] = {
	"a", "al", "algo", "algun", "alguna", "alguno", "algunos", "ante",
	"antes", "aqui", "bajo", "cada", "como", "con", "contra", "cosa",
	"cosas", "cual", "cuales", "cuando", "cuanta", "cuantas", "cuanto",
	"cuantos", "de", "debe", "deben", "debo", "del", "desde", "despues",
	"donde", "durante", "e", "el", "ella", "ellas", "ello", "ellos", "en",
	"entre", "era", "eran", "eres", "es", "esa", "esas", "ese", "eso",
	"esos", "esta", "estamos", "estan", "estar", "estas", "este", "esto",
	"estos", "estoy", "favor", "fue", "ha", "haber", "habia", "han", "has",
	"hasta", "hay", "he", "hemos", "hola", "la", "las", "le", "les", "lo",
	"los", "mas", "me", "mi", "mis", "mucho", "muy", "nada", "ni", "no",
	"nos", "nosotros", "nuestra", "nuestras", "nuestro", "nuestros", "o",
	"os", "otra", "otro", "para", "pero", "podemos", "poder", "podria",
	"podriamos", "por", "porque", "puede", "pueden", "puedes", "puedo",
	"que", "quien", "quienes", "quiero", "quisiera", "se", "sea", "segun",
	"ser", "si", "sin", "sobre", "sois", "solo", "somos", "son", "soy",
	"su", "sus", "tambien", "tan", "tanto", "te", "tener", "tengo", "tiene",
	"tienen", "todo", "todos", "tu", "tus", "u", "un", "una", "unas", "uno",
	"unos", "usted", "ustedes", "vosotros", "vuestra", "vuestras",
	"vuestro", "vuestros", "y", "ya", "yo",
};
/* clang-format on */

#define LIST(a) a, sizeof a / sizeof *a

/* Snowball's name for each language, and the other names libstemmer's
 * sb_stemmer_new() accepts for it: an index built with --lang de stores
 * "de". The English list serves the older "porter" stemmer too. */
static const struct {
	const char *lang;
	const char *const *words;
	size_t n;
} lists[] = {
    {"english", LIST(stop_en)}, {"en", LIST(stop_en)},
    {"eng", LIST(stop_en)},     {"porter", LIST(stop_en)},
    {"german", LIST(stop_de)},  {"de", LIST(stop_de)},
    {"deu", LIST(stop_de)},     {"ger", LIST(stop_de)},
    {"french", LIST(stop_fr)},  {"fr", LIST(stop_fr)},
    {"fra", LIST(stop_fr)},     {"fre", LIST(stop_fr)},
    {"spanish", LIST(stop_es)}, {"es", LIST(stop_es)},
    {"esl", LIST(stop_es)},     {"spa", LIST(stop_es)},
};

/* The sorted list of language lang and its length in *n; NULL (and *n 0)
 * for a language without one. The list is static: never freed. */
const char *const *stopword_list(const char *lang, size_t *n)
{
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		if (strcmp(lang, lists[i].lang) == 0) {
			*n = lists[i].n;
			return lists[i].words;
		}
	*n = 0;
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int stopword_is(const char *lang, const char *word)
{
	size_t n;
	const char *const *words = stopword_list(lang, &n);
	if (!words)
		return 0;
	return bsearch(&word, words, n, sizeof *words, cmp_str) != NULL;
}
