/* vocab: words and their ids for the sentiment model, with a hash table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"

#define UNK_WORD "<unk>"

/* FNV-1a, 64 bits. */
static uint64_t
hash_word(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return h;
}

/* The slot of word: where it is, or the empty slot where it would go. */
static size_t
find_slot(const struct sentiment_vocab *vocab, const char *word)
{
	size_t mask = vocab->nslots - 1, i = (size_t)hash_word(word) & mask;

	while (vocab->slot[i] != 0 &&
	    strcmp(vocab->word[vocab->slot[i] - 1], word) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Double the table and rehash every word. */
static void
grow(struct sentiment_vocab *vocab)
{
	size_t nslots = vocab->nslots != 0 ? 2 * vocab->nslots : 64;

	free(vocab->slot);
	vocab->slot = xcalloc(nslots, sizeof *vocab->slot);
	vocab->nslots = nslots;
	for (size_t id = 0; id < vocab->n; id++)
		vocab->slot[find_slot(vocab, vocab->word[id])] =
		    (uint32_t)(id + 1);
}

/* Just "<unk>". */
void
sentiment_vocab_init(struct sentiment_vocab *vocab)
{
	memset(vocab, 0, sizeof *vocab);
	sentiment_vocab_add(vocab, UNK_WORD);
}

/* Free the words and the table. */
void
sentiment_vocab_free(struct sentiment_vocab *vocab)
{
	for (size_t i = 0; i < vocab->n; i++)
		free(vocab->word[i]);
	free(vocab->word);
	free(vocab->slot);
	memset(vocab, 0, sizeof *vocab);
}

/* Word by word, in id order. */
void
sentiment_vocab_copy(struct sentiment_vocab *dst,
    const struct sentiment_vocab *src)
{
	sentiment_vocab_init(dst);
	for (size_t id = 1; id < src->n; id++)
		sentiment_vocab_add(dst, src->word[id]);
}

/* Look up, and append when absent (keeping the load factor under 1/2). */
size_t
sentiment_vocab_add(struct sentiment_vocab *vocab, const char *word)
{
	size_t i;

	if (2 * (vocab->n + 1) > vocab->nslots)
		grow(vocab);
	i = find_slot(vocab, word);
	if (vocab->slot[i] != 0)
		return vocab->slot[i] - 1;
	if ((vocab->n & (vocab->n - 1)) == 0)	/* 0, 1, 2, 4...: grow */
		vocab->word = xreallocarray(vocab->word,
		    vocab->n != 0 ? 2 * vocab->n : 1, sizeof *vocab->word);
	vocab->word[vocab->n] = xstrdup(word);
	vocab->slot[i] = (uint32_t)(vocab->n + 1);
	return vocab->n++;
}

/* Look up only. */
size_t
sentiment_vocab_id(const struct sentiment_vocab *vocab, const char *word)
{
	size_t i;

	if (vocab->nslots == 0)
		return 0;
	i = find_slot(vocab, word);
	return vocab->slot[i] != 0 ? vocab->slot[i] - 1 : 0;
}

struct counted {
	const char *word;
	size_t count;
};

/* More frequent first; equal counts in byte order. */
static int
cmp_counted(const void *pa, const void *pb)
{
	const struct counted *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->word, b->word);
}

/* Count every word in a scratch vocabulary, then keep the frequent ones. */
void
sentiment_vocab_build(struct sentiment_vocab *vocab,
    const struct sentiment_tokens *sents, size_t nsents, size_t min_count)
{
	struct sentiment_vocab seen;
	struct counted *list;
	size_t *count = NULL, cap = 0, nlist = 0;

	sentiment_vocab_init(&seen);
	for (size_t s = 0; s < nsents; s++) {
		for (size_t w = 0; w < sents[s].n; w++) {
			size_t id = sentiment_vocab_add(&seen,
			    sents[s].word[w]);

			if (id >= cap) {
				size_t ncap = cap != 0 ? 2 * cap : 1024;

				count = xreallocarray(count, ncap,
				    sizeof *count);
				memset(count + cap, 0,
				    (ncap - cap) * sizeof *count);
				cap = ncap;
			}
			count[id]++;
		}
	}
	list = xreallocarray(NULL, seen.n, sizeof *list);
	for (size_t id = 1; id < seen.n; id++) {
		/* a text can hold the word "<unk>" itself: it stays unknown */
		if (count[id] >= min_count && strcmp(seen.word[id], UNK_WORD) != 0) {
			list[nlist].word = seen.word[id];
			list[nlist].count = count[id];
			nlist++;
		}
	}
	qsort(list, nlist, sizeof *list, cmp_counted);
	if (nlist > SENTIMENT_VOCAB_MAX - 1)
		nlist = SENTIMENT_VOCAB_MAX - 1;
	sentiment_vocab_init(vocab);
	for (size_t i = 0; i < nlist; i++)
		sentiment_vocab_add(vocab, list[i].word);
	free(list);
	free(count);
	sentiment_vocab_free(&seen);
}
