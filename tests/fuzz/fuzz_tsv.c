/* fuzz_tsv: bytes as a sentiment data file (sentence<TAB>label...), through
 * sentiment_data_parse(), then the tokenizer over every sentence kept and
 * a seeded split. Checks the reader's promises: on error the data is
 * unchanged (empty here), a kept example has label 0 or 1 and a split the
 * header knows. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "sentiment/sentiment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sentiment_data set;
	struct sentiment_tokens toks;
	struct diag_list diags;
	int rc;

	sentiment_data_init(&set);
	sentiment_tokens_init(&toks);
	diag_list_init(&diags);
	rc = sentiment_data_parse(&set, (const char *)data, size, "fuzz.tsv",
	    &diags);
	if (rc < 0 && (set.n != 0 || diags.nerrors == 0))
		abort();
	if (rc == 0 && set.n == 0)
		abort();	/* "no line is good" is an error */
	for (size_t i = 0; i < set.n; i++) {
		const struct sentiment_example *ex = &set.v[i];

		if ((ex->label != 0 && ex->label != 1) || ex->split < 0 ||
		    ex->split > SENTIMENT_SPLIT_TEST || ex->line < 1)
			abort();
		sentiment_tokenize(&toks, ex->text, strlen(ex->text));
		for (size_t w = 0; w < toks.n; w++)
			if (toks.len[w] == 0 || strlen(toks.word[w]) == 0 ||
			    strlen(toks.word[w]) > SENTIMENT_WORD_MAX ||
			    toks.start[w] + toks.len[w] > strlen(ex->text))
				abort();
	}
	/* the tokenizer on the raw bytes as well (any byte, NUL included) */
	sentiment_tokenize(&toks, (const char *)data, size);
	for (size_t w = 0; w < toks.n; w++)
		if (toks.start[w] + toks.len[w] > size)
			abort();
	if (set.n > 0)
		sentiment_data_split(&set, size, (double)(size % 11) / 10.0);
	for (size_t i = 0; i < diags.n; i++)
		free(diag_format(&diags.v[i]));
	sentiment_tokens_free(&toks);
	sentiment_data_free(&set);
	diag_list_free(&diags);
	return 0;
}
