/* tokenize: sentences into lower-case words (see sentiment.h for the rule). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "sentiment/sentiment.h"

/* An empty list. */
void
sentiment_tokens_init(struct sentiment_tokens *toks)
{
	memset(toks, 0, sizeof *toks);
}

/* Free every word and the arrays. */
void
sentiment_tokens_free(struct sentiment_tokens *toks)
{
	for (size_t i = 0; i < toks->n; i++)
		free(toks->word[i]);
	free(toks->word);
	free(toks->start);
	free(toks->len);
	sentiment_tokens_init(toks);
}

/* Is cp punctuation, a symbol or a space rather than part of a word? Only
 * called for cp >= 0x80. */
static int
is_separator(uint32_t cp)
{
	if (cp < 0xC0)				/* Latin-1 punctuation, NBSP, C1 */
		return 1;
	if (cp == 0xD7 || cp == 0xF7)		/* multiplication, division */
		return 1;
	if (cp >= 0x2000 && cp <= 0x2BFF)	/* punctuation, arrows, maths... */
		return 1;
	if (cp >= 0x2E00 && cp <= 0x2E7F)	/* supplemental punctuation */
		return 1;
	if (cp >= 0x3000 && cp <= 0x303F)	/* CJK punctuation */
		return 1;
	if (cp >= 0xFE00 && cp <= 0xFE0F)	/* variation selectors */
		return 1;
	if (cp >= 0xFE30 && cp <= 0xFE6F)	/* compatibility punctuation */
		return 1;
	if (cp >= 0xFF00 && cp <= 0xFF0F)	/* fullwidth punctuation */
		return 1;
	if (cp == 0xFEFF || cp == 0xFFFD)	/* BOM, replacement character */
		return 1;
	if (cp >= 0x1F000 && cp <= 0x1FAFF)	/* emoji and pictographs */
		return 1;
	return 0;
}

/* Lower case for the scripts the corpus readers are likely to bring. */
static uint32_t
lower(uint32_t cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)	/* Latin-1 */
		return cp + 32;
	if (cp == 0x178)				/* Y with diaeresis */
		return 0xFF;
	if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 &&
	    cp != 0x149 && cp != 0x17F) {		/* Latin Extended-A */
		int odd_lower = (cp >= 0x139 && cp <= 0x148) ||
		    (cp >= 0x179 && cp <= 0x17E);

		if (odd_lower ? (cp & 1) == 1 : (cp & 1) == 0)
			return cp + 1;
		return cp;
	}
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)	/* Greek */
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)			/* Cyrillic */
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

/* Append word[0..n) (its source at start, srclen bytes) to toks. */
static void
push_word(struct sentiment_tokens *toks, const char *word, size_t n,
    size_t start, size_t srclen)
{
	if (toks->n == toks->cap) {
		toks->cap = toks->cap != 0 ? 2 * toks->cap : 16;
		toks->word = xreallocarray(toks->word, toks->cap,
		    sizeof *toks->word);
		toks->start = xreallocarray(toks->start, toks->cap,
		    sizeof *toks->start);
		toks->len = xreallocarray(toks->len, toks->cap,
		    sizeof *toks->len);
	}
	toks->word[toks->n] = xstrndup(word, n);
	toks->start[toks->n] = start;
	toks->len[toks->n] = srclen;
	toks->n++;
}

/* Scan code points; a word collects lower-cased letters and digits and
 * inner apostrophes, up to SENTIMENT_WORD_MAX bytes. */
void
sentiment_tokenize(struct sentiment_tokens *toks, const char *text,
    size_t len)
{
	char word[SENTIMENT_WORD_MAX + 4];
	size_t n = 0, start = 0, end = 0, i = 0;
	int in_word = 0, full = 0;

	for (size_t k = 0; k < toks->n; k++)
		free(toks->word[k]);
	toks->n = 0;
	while (i <= len) {
		uint32_t cp = 0;
		size_t used = 1;
		int wordchar, apostrophe;

		if (i < len)
			used = utf8_decode(text + i, len - i, &cp);
		apostrophe = i < len && (cp == '\'' || cp == 0x2019);
		wordchar = i < len && !apostrophe && cp != UTF8_INVALID &&
		    ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9') || (cp >= 0x80 && !is_separator(cp)));
		if (wordchar || (apostrophe && in_word)) {
			char enc[4];
			size_t m = apostrophe ? 1 : utf8_encode(lower(cp), enc);

			if (apostrophe)
				enc[0] = '\'';
			if (!in_word) {
				in_word = 1;
				full = 0;
				n = 0;
				start = i;
			}
			if (n + m > SENTIMENT_WORD_MAX)
				full = 1;	/* keep whole code points only */
			if (!full) {
				memcpy(word + n, enc, m);
				n += m;
			}
			if (wordchar)
				end = i + used;
		} else if (in_word) {
			/* trailing apostrophes are not part of the word */
			while (n > 0 && word[n - 1] == '\'')
				n--;
			if (n > 0)
				push_word(toks, word, n, start, end - start);
			in_word = 0;
		}
		i += used;
	}
}
