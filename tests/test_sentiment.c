/* Tests of the sentiment pipeline: words, data files, gradients, the float
 * kernels against the double ones, determinism, model files, training. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "nn/rng.h"
#include "sentiment/sentiment.h"
#include "sentiment/sentiment_int.h"
#include "sim/sim.h"
#include "sim/sims.h"
#include "tests.h"


/* ---- helpers ------------------------------------------------------------- */

/* Does some message in diags contain needle (and, if line > 0, name that
 * line)? */
static int
has_message(const struct diag_list *diags, const char *needle, int line)
{
	for (size_t i = 0; i < diags->n; i++)
		if (strstr(diags->v[i].msg, needle) != NULL &&
		    (line == 0 || diags->v[i].line == line))
			return 1;
	return 0;
}

/* The words of text joined by '|'. */
static char *
words_of(const char *text, size_t len)
{
	static char out[1024];
	struct sentiment_tokens toks;

	out[0] = '\0';
	sentiment_tokens_init(&toks);
	sentiment_tokenize(&toks, text, len);
	for (size_t i = 0; i < toks.n; i++) {
		if (i > 0)
			strcat(out, "|");
		strcat(out, toks.word[i]);
	}
	sentiment_tokens_free(&toks);
	return out;
}

#define WORDS(s) words_of((s), strlen(s))

/* The course corpus, read from the source tree. */
static int
read_corpus(struct sentiment_data *data)
{
	struct diag_list diags;
	int rc;

	diag_list_init(&diags);
	sentiment_data_init(data);
	rc = sentiment_data_read(data,
	    test_data_path("../../lessons/data/sentiment.tsv"), &diags);
	CU_ASSERT_EQUAL(diags.n, 0);
	diag_list_free(&diags);
	return rc;
}

/* A model over a small vocabulary w0..w{nwords-1}, weights from seed. */
static struct sentiment_model *
small_model(enum sentiment_cell cell, size_t embed, size_t hidden,
    size_t nwords, uint64_t seed)
{
	struct sentiment_vocab vocab;
	struct sentiment_model *m;
	struct rng rng;

	sentiment_vocab_init(&vocab);
	for (size_t i = 0; i < nwords; i++) {
		char w[16];

		snprintf(w, sizeof w, "w%zu", i);
		sentiment_vocab_add(&vocab, w);
	}
	m = sentiment_model_new(cell, embed, hidden, &vocab);
	rng_seed(&rng, seed);
	sentiment_model_init_weights(m, &rng);
	return m;
}

/* count random sentences of up to maxlen words (ids in 0..V-1); one of them
 * empty when with_empty is set. ids must hold count * maxlen. */
static void
random_seqs(struct sentiment_seq *seqs, int32_t *ids, size_t count,
    size_t maxlen, size_t vocab, int with_empty, uint64_t seed)
{
	struct rng rng;

	rng_seed(&rng, seed);
	for (size_t s = 0; s < count; s++) {
		seqs[s].id = ids + s * maxlen;
		seqs[s].len = 1 + (size_t)rng_below(&rng, maxlen);
		seqs[s].label = (int)rng_below(&rng, 2);
		for (size_t t = 0; t < maxlen; t++)
			ids[s * maxlen + t] = (int32_t)rng_below(&rng, vocab);
	}
	if (with_empty)
		seqs[count / 2].len = 0;
}

/* ---- words --------------------------------------------------------------- */

/* Lower case; punctuation and spaces separate; digits are words. */
static void
test_sentiment_tokenize_basic(void)
{
	CU_ASSERT_STRING_EQUAL(WORDS("Not GOOD, at all!"), "not|good|at|all");
	CU_ASSERT_STRING_EQUAL(WORDS("  10/10 -- would (re)watch..."),
	    "10|10|would|re|watch");
	CU_ASSERT_STRING_EQUAL(WORDS(""), "");
	CU_ASSERT_STRING_EQUAL(WORDS(" ,.;!? "), "");
}

/* Inner apostrophes stay (U+2019 becomes '); outer ones go. */
static void
test_sentiment_tokenize_apostrophes(void)
{
	CU_ASSERT_STRING_EQUAL(WORDS("Don't, WASN'T"), "don't|wasn't");
	CU_ASSERT_STRING_EQUAL(WORDS("isn\xE2\x80\x99t"), "isn't");
	CU_ASSERT_STRING_EQUAL(WORDS("'90s dogs' ''"), "90s|dogs");
	CU_ASSERT_STRING_EQUAL(WORDS("rock'n'roll"), "rock'n'roll");
}

/* Letters beyond ASCII are words (and lower-cased); symbols, emoji and bad
 * bytes separate. */
static void
test_sentiment_tokenize_unicode_and_bad_bytes(void)
{
	CU_ASSERT_STRING_EQUAL(WORDS("CAF\xC3\x89 \xC3\x91" "and\xC3\xBA"),
	    "caf\xC3\xA9|\xC3\xB1" "and\xC3\xBA");
	CU_ASSERT_STRING_EQUAL(WORDS("\xCE\x9A\xCE\x91\xCE\x9B\xCE\x9F"),
	    "\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xBF");	/* Greek KALO */
	CU_ASSERT_STRING_EQUAL(WORDS("good\xFF" "bad"), "good|bad");
	CU_ASSERT_STRING_EQUAL(WORDS("great\xF0\x9F\x98\x80movie"), "great|movie");
	CU_ASSERT_STRING_EQUAL(WORDS("a\xE2\x80\x94" "b\xC2\xA0" "c"), "a|b|c");
}

/* Offsets point into the text; long words keep their first 64 bytes. */
static void
test_sentiment_tokenize_offsets_and_long_words(void)
{
	struct sentiment_tokens toks;
	char longword[200];

	sentiment_tokens_init(&toks);
	sentiment_tokenize(&toks, "  Hello, 'world' x", 18);
	CU_ASSERT_EQUAL_FATAL(toks.n, 3);
	CU_ASSERT_EQUAL(toks.start[0], 2);
	CU_ASSERT_EQUAL(toks.len[0], 5);
	CU_ASSERT_EQUAL(toks.start[1], 10);
	CU_ASSERT_EQUAL(toks.len[1], 5);
	memset(longword, 'a', 150);
	memcpy(longword + 63, "\xC3\xA9", 2);	/* a 2-byte letter across 64 */
	sentiment_tokenize(&toks, longword, 150);
	CU_ASSERT_EQUAL_FATAL(toks.n, 1);
	CU_ASSERT_EQUAL(strlen(toks.word[0]), 63);
	CU_ASSERT_EQUAL(toks.len[0], 150);
	sentiment_tokens_free(&toks);
}

/* ---- data files ---------------------------------------------------------- */

/* CRLF, a header, blank lines, trailing spaces and tabs: all fine. */
static void
test_sentiment_data_crlf_header_blank(void)
{
	struct sentiment_data data;
	struct diag_list diags;

	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/crlf.tsv"), &diags), SENTIMENT_OK);
	CU_ASSERT_EQUAL(diags.n, 0);
	CU_ASSERT_EQUAL_FATAL(data.n, 3);
	CU_ASSERT_STRING_EQUAL(data.v[0].text, "Great film!");
	CU_ASSERT_EQUAL(data.v[0].label, 1);
	CU_ASSERT_EQUAL(data.v[0].line, 2);
	CU_ASSERT_STRING_EQUAL(data.v[1].text, "Awful plot.");
	CU_ASSERT_EQUAL(data.v[1].label, 0);
	CU_ASSERT_EQUAL(data.v[1].line, 4);
	CU_ASSERT_EQUAL(data.v[2].label, 1);
	CU_ASSERT_EQUAL(data.v[2].split, SENTIMENT_SPLIT_NONE);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* A line that is not UTF-8 is kept, with a warning naming it. */
static void
test_sentiment_data_bad_utf8_warns(void)
{
	struct sentiment_data data;
	struct diag_list diags;

	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/bad-utf8.tsv"), &diags), SENTIMENT_OK);
	CU_ASSERT_EQUAL(data.n, 3);
	CU_ASSERT_EQUAL(diags.nerrors, 0);
	CU_ASSERT(has_message(&diags, "not UTF-8", 1));
	CU_ASSERT_STRING_EQUAL(WORDS(data.v[0].text), "caf|was|lovely");
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* Each bad line is skipped with a warning that names its line. */
static void
test_sentiment_data_bad_lines_named(void)
{
	struct sentiment_data data;
	struct diag_list diags;

	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/missing-label.tsv"), &diags),
	    SENTIMENT_OK);
	CU_ASSERT_EQUAL(data.n, 10);
	CU_ASSERT_EQUAL(diags.nerrors, 0);
	CU_ASSERT_EQUAL(diags.n, 6);
	CU_ASSERT(has_message(&diags, "no label", 2));
	CU_ASSERT(has_message(&diags, "not 0 or 1", 4));
	CU_ASSERT(has_message(&diags, "no label", 5));
	CU_ASSERT(has_message(&diags, "not 0 or 1", 6));
	CU_ASSERT(has_message(&diags, "no words", 8));
	CU_ASSERT(has_message(&diags, "split", 9));
	CU_ASSERT_EQUAL(data.v[3].split, SENTIMENT_SPLIT_TEST);
	CU_ASSERT_EQUAL(data.v[3].longrange, 1);
	CU_ASSERT(data.has_longrange);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* A file that is mostly not sentence<TAB>label, or has no sentences, is
 * refused and data is left as it was. */
static void
test_sentiment_data_mostly_wrong_refused(void)
{
	struct sentiment_data data;
	struct diag_list diags;

	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/mostly-wrong.csv"), &diags),
	    SENTIMENT_EFORMAT);
	CU_ASSERT_EQUAL(data.n, 0);
	CU_ASSERT(has_message(&diags, "cannot be used", 0));
	diag_list_clear(&diags);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/header-only.tsv"), &diags),
	    SENTIMENT_EFORMAT);
	CU_ASSERT(has_message(&diags, "no usable sentences", 0));
	diag_list_clear(&diags);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/no-such-file.tsv"), &diags),
	    SENTIMENT_EIO);
	CU_ASSERT_EQUAL(data.n, 0);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* Over the size cap: a clear error before any parsing. */
static void
test_sentiment_data_oversize_refused(void)
{
	size_t len = SENTIMENT_FILE_MAX + 1;
	char *big = calloc(len, 1);
	struct sentiment_data data;
	struct diag_list diags;

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_parse(&data, big, len, "big.tsv", &diags),
	    SENTIMENT_ETOOBIG);
	CU_ASSERT(has_message(&diags, "limit", 0));
	CU_ASSERT_EQUAL(data.n, 0);
	free(big);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* After 20 line warnings one summary counts the rest; a very long line is
 * one of them. */
static void
test_sentiment_data_warnings_capped(void)
{
	struct sentiment_data data;
	struct diag_list diags;
	char *buf = malloc(200000), *p = buf;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	for (int i = 0; i < 100; i++)
		p += sprintf(p, "a fine sentence number %d\t%d\n", i, i % 2);
	for (int i = 0; i < 30; i++)
		p += sprintf(p, "no label %d\n", i);
	memset(p, 'x', SENTIMENT_LINE_MAX + 10);
	p += SENTIMENT_LINE_MAX + 10;
	p += sprintf(p, "\t1\n");
	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_parse(&data, buf, (size_t)(p - buf),
	    "many.tsv", &diags), SENTIMENT_OK);
	CU_ASSERT_EQUAL(data.n, 100);
	CU_ASSERT_EQUAL(diags.n, 21);
	CU_ASSERT(has_message(&diags, "11 more lines", 0));
	free(buf);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* Optional split and longrange columns; the split by seed keeps them and
 * sends about a fifth of the rest to the test set, the same way twice. */
static void
test_sentiment_data_split_by_seed(void)
{
	struct sentiment_data data, again;
	struct diag_list diags;
	size_t ntest = 0, same = 1;

	diag_list_init(&diags);
	sentiment_data_init(&data);
	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/columns.tsv"), &diags), SENTIMENT_OK);
	CU_ASSERT_EQUAL_FATAL(data.n, 3);
	CU_ASSERT_EQUAL(data.v[0].split, SENTIMENT_SPLIT_TRAIN);
	CU_ASSERT_EQUAL(data.v[1].split, SENTIMENT_SPLIT_TEST);
	CU_ASSERT_EQUAL(data.v[1].longrange, 1);
	sentiment_data_free(&data);

	CU_ASSERT_EQUAL(sentiment_data_read(&data,
	    test_data_path("sentiment/missing-label.tsv"), &diags), 0);
	sentiment_data_init(&again);
	sentiment_data_read(&again, test_data_path("sentiment/missing-label.tsv"),
	    &diags);
	sentiment_data_split(&data, 7, 0.2);
	sentiment_data_split(&again, 7, 0.2);
	for (size_t i = 0; i < data.n; i++) {
		CU_ASSERT(data.v[i].split != SENTIMENT_SPLIT_NONE);
		ntest += data.v[i].split == SENTIMENT_SPLIT_TEST;
		same &= data.v[i].split == again.v[i].split;
	}
	CU_ASSERT(same);
	CU_ASSERT_EQUAL(data.v[3].split, SENTIMENT_SPLIT_TEST);	/* its own */
	CU_ASSERT_EQUAL(ntest, 1 + 2);	/* its own + round(9 * 0.2) */
	sentiment_data_free(&data);
	sentiment_data_free(&again);
	diag_list_free(&diags);
}

/* The built-in corpus is the shipped file, parsed and tokenised once for
 * the whole process: two calls give the same data, with every sentence's
 * words, and as many sentences as a fresh parse. */
static void
test_sentiment_data_corpus_once(void)
{
	struct sentiment_data fresh;
	struct diag_list diags;
	const struct sentiment_data *a, *b;
	struct sentiment_tokens toks;

	diag_list_init(&diags);
	sentiment_data_init(&fresh);
	sentiment_tokens_init(&toks);
	a = sentiment_corpus(&diags);
	b = sentiment_corpus(&diags);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_EQUAL(a, b);
	CU_ASSERT_EQUAL_FATAL(sentiment_data_builtin(&fresh, &diags),
	    SENTIMENT_OK);
	CU_ASSERT_EQUAL(a->n, fresh.n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a->toks);
	sentiment_tokenize(&toks, fresh.v[7].text, strlen(fresh.v[7].text));
	CU_ASSERT_EQUAL_FATAL(a->toks[7].n, toks.n);
	for (size_t w = 0; w < toks.n; w++)
		CU_ASSERT_STRING_EQUAL(a->toks[7].word[w], toks.word[w]);
	CU_ASSERT_EQUAL(diags.n, 0);
	sentiment_tokens_free(&toks);
	sentiment_data_free(&fresh);
	diag_list_free(&diags);
}

/* The corpus: balanced, with its own split and a long-range subset. */
static void
test_sentiment_corpus_shape(void)
{
	struct sentiment_data data;
	size_t pos = 0, test = 0, longr = 0, test_pos = 0, long_pos = 0;

	CU_ASSERT_EQUAL_FATAL(read_corpus(&data), SENTIMENT_OK);
	CU_ASSERT(data.n >= 3000);
	for (size_t i = 0; i < data.n; i++) {
		int in_test = data.v[i].split == SENTIMENT_SPLIT_TEST;

		pos += data.v[i].label == 1;
		test += in_test;
		longr += data.v[i].longrange && in_test;
		test_pos += in_test && data.v[i].label == 1;
		long_pos += in_test && data.v[i].longrange &&
		    data.v[i].label == 1;
		CU_ASSERT(data.v[i].split != SENTIMENT_SPLIT_NONE);
	}
	CU_ASSERT_EQUAL(2 * pos, data.n);
	CU_ASSERT(test * 5 == data.n);
	CU_ASSERT(longr >= 200);
	/* what lesson 4 and rnntutor-lesson(5) quote, and no simulation
	 * returns: 2000 positive of 4000; 386 positive and 414 negative test
	 * sentences; 147 of the 280 long-range test sentences negative */
	CU_ASSERT_EQUAL(data.n, 4000);
	CU_ASSERT_EQUAL(pos, 2000);
	CU_ASSERT_EQUAL(test_pos, 386);
	CU_ASSERT_EQUAL(test - test_pos, 414);
	CU_ASSERT_EQUAL(longr, 280);
	CU_ASSERT_EQUAL(longr - long_pos, 147);
	sentiment_data_free(&data);
}

/* ---- numbers ------------------------------------------------------------- */

/* Our expf is within 2 ulp of the true e^x over the range training uses. */
static void
test_sentiment_expf_accuracy(void)
{
	double worst = 0.0;

	for (double x = -87.0; x <= 88.0; x += 0.01234567) {
		double want = exp((double)(float)x);
		double got = sentiment_expf((float)x);
		double rel = fabs(got - want) / want;

		if (rel > worst)
			worst = rel;
	}
	CU_ASSERT(worst < 2.5e-7);
	CU_ASSERT_EQUAL(sentiment_expf(0.0f), 1.0f);
	CU_ASSERT(sentiment_expf(-1000.0f) > 0.0f);	/* clamped, not 0 or NaN */
	CU_ASSERT(isfinite(sentiment_expf(1000.0f)));
}

/* Central differences of the double loss agree with its gradient, for
 * every parameter of a small LSTM and a small RNN. */
static void
gradient_check(enum sentiment_cell cell)
{
	struct sentiment_model *m = small_model(cell, 3, 4, 6, 11);
	struct sentiment_seq seqs[3];
	int32_t ids[3 * 6];
	size_t n = m->nparam, bad = 0;
	double *theta = malloc(n * sizeof *theta);
	double *grad = calloc(n, sizeof *grad);

	random_seqs(seqs, ids, 3, 6, 6, 0, 5);
	seqs[0].len = 6;
	for (size_t i = 0; i < n; i++)
		theta[i] = 2.0 * m->param[i];	/* larger weights: stronger test */
	sentiment_model_loss_double(m, theta, seqs, 3, grad);
	for (size_t i = 0; i < n; i++) {
		double keep = theta[i], h = 1e-5, up, down, num;

		theta[i] = keep + h;
		up = sentiment_model_loss_double(m, theta, seqs, 3, NULL);
		theta[i] = keep - h;
		down = sentiment_model_loss_double(m, theta, seqs, 3, NULL);
		theta[i] = keep;
		num = (up - down) / (2.0 * h);
		if (fabs(num - grad[i]) > 1e-8 + 1e-6 * fabs(grad[i]))
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	free(theta);
	free(grad);
	sentiment_model_destroy(m);
}

/* The LSTM's gradient. */
static void
test_sentiment_gradient_check_lstm(void)
{
	gradient_check(SENTIMENT_LSTM);
}

/* The RNN's gradient. */
static void
test_sentiment_gradient_check_rnn(void)
{
	gradient_check(SENTIMENT_RNN);
}

/* The GRU's gradient. */
static void
test_sentiment_gradient_check_gru(void)
{
	gradient_check(SENTIMENT_GRU);
}

/* The batched float kernels give the loss and gradient of the double
 * reference, sentence lengths 0 to 15 in one batch, at sizes that use whole
 * vectors (32) and sizes that leave remainders (E = 20, H = 19). */
static void
kernel_vs_double(enum sentiment_cell cell, size_t embed, size_t hidden)
{
	enum { COUNT = 9, MAXLEN = 15, V = 30 };
	struct sentiment_model *m = small_model(cell, embed, hidden, V, 3);
	struct sentiment_seq seqs[COUNT];
	int32_t ids[COUNT * MAXLEN];
	struct sentiment_batch batch;
	struct sentiment_net gnet;
	size_t n = m->nparam, tokens = 0;
	float *gf = calloc(n, sizeof *gf);
	double *gd = calloc(n, sizeof *gd), lf, ld, maxg = 0.0, maxdiff = 0.0;

	random_seqs(seqs, ids, COUNT, MAXLEN, V, 1, 9);
	for (size_t s = 0; s < COUNT; s++)
		tokens += seqs[s].len;
	sentiment_net_point(&gnet, gf, &m->dims);
	sentiment_batch_init(&batch, &m->dims, COUNT, tokens);
	sentiment_batch_forward(&batch, m, seqs, COUNT);
	lf = sentiment_batch_backward(&batch, &gnet, m, seqs, COUNT, NULL);
	ld = sentiment_model_loss_double(m, NULL, seqs, COUNT, gd);
	CU_ASSERT(fabs(lf - ld) < 1e-5 * (1.0 + fabs(ld)));
	for (size_t i = 0; i < n; i++) {
		if (fabs(gd[i]) > maxg)
			maxg = fabs(gd[i]);
		if (fabs(gd[i] - gf[i]) > maxdiff)
			maxdiff = fabs(gd[i] - gf[i]);
	}
	CU_ASSERT(maxg > 0.0);
	CU_ASSERT(maxdiff < 1e-4 * maxg);
	sentiment_batch_free(&batch);
	free(gf);
	free(gd);
	sentiment_model_destroy(m);
}

/* The LSTM kernels. */
static void
test_sentiment_kernel_matches_double_lstm(void)
{
	kernel_vs_double(SENTIMENT_LSTM, 32, 32);
	kernel_vs_double(SENTIMENT_LSTM, 20, 19);
}

/* The RNN kernels. */
static void
test_sentiment_kernel_matches_double_rnn(void)
{
	kernel_vs_double(SENTIMENT_RNN, 32, 32);
	kernel_vs_double(SENTIMENT_RNN, 20, 19);
}

/* The GRU kernels. */
static void
test_sentiment_kernel_matches_double_gru(void)
{
	kernel_vs_double(SENTIMENT_GRU, 32, 32);
	kernel_vs_double(SENTIMENT_GRU, 20, 19);
}

/* A sentence's logit does not depend on what else is in its batch. */
static void
test_sentiment_batch_independent_rows(void)
{
	enum { COUNT = 7, MAXLEN = 12, V = 25 };
	struct sentiment_model *m = small_model(SENTIMENT_LSTM, 20, 19, V, 4);
	struct sentiment_seq seqs[COUNT];
	int32_t ids[COUNT * MAXLEN];
	struct sentiment_batch all, one;
	double logits[COUNT];

	random_seqs(seqs, ids, COUNT, MAXLEN, V, 1, 2);
	sentiment_batch_init(&all, &m->dims, COUNT, COUNT * MAXLEN);
	sentiment_batch_init(&one, &m->dims, 1, MAXLEN);
	sentiment_batch_forward(&all, m, seqs, COUNT);
	memcpy(logits, all.logit, sizeof logits);
	for (size_t s = 0; s < COUNT; s++) {
		sentiment_batch_forward(&one, m, &seqs[s], 1);
		CU_ASSERT(one.logit[0] == logits[s]);
	}
	sentiment_batch_free(&all);
	sentiment_batch_free(&one);
	sentiment_model_destroy(m);
}

/* ---- training ------------------------------------------------------------ */

/* The first n sentences of the corpus. */
static void
corpus_head(struct sentiment_data *data, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(read_corpus(data), SENTIMENT_OK);
	while (data->n > n)
		free(data->v[--data->n].text);
}

/* Train cfg on data in steps of units; returns the trainer. */
static struct sentiment_trainer *
train_in_steps(const struct sentiment_config *cfg,
    const struct sentiment_data *data, size_t units)
{
	struct sentiment_trainer *tr;
	struct diag_list diags;
	int rc;

	diag_list_init(&diags);
	CU_ASSERT_EQUAL(sentiment_trainer_create(&tr, cfg, data, NULL, &diags),
	    SENTIMENT_OK);
	while ((rc = sentiment_trainer_step(tr, units, &diags)) == 1)
		;
	CU_ASSERT_EQUAL(rc, 0);
	diag_list_free(&diags);
	return tr;
}

/* Steps of 1, 7 or all units give the same losses and the same weights. */
static void
test_sentiment_trainer_deterministic_across_steps(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *tr[3];
	size_t units[3] = { 1, 7, 100000 };
	const double *loss[3];
	size_t nloss[3], nep[3];
	const struct sentiment_epoch *ep[3];

	corpus_head(&data, 500);
	sentiment_config_init(&cfg);
	cfg.epochs = 2;
	cfg.hidden = 20;
	cfg.seed = 42;
	for (int k = 0; k < 3; k++) {
		tr[k] = train_in_steps(&cfg, &data, units[k]);
		loss[k] = sentiment_trainer_batch_losses(tr[k], &nloss[k]);
		ep[k] = sentiment_trainer_epochs(tr[k], &nep[k]);
	}
	for (int k = 1; k < 3; k++) {
		const struct sentiment_model *a = sentiment_trainer_model(tr[0]);
		const struct sentiment_model *b = sentiment_trainer_model(tr[k]);

		CU_ASSERT_EQUAL_FATAL(nloss[k], nloss[0]);
		CU_ASSERT(memcmp(loss[k], loss[0], nloss[0] * sizeof(double)) == 0);
		CU_ASSERT_EQUAL_FATAL(nep[k], 2);
		CU_ASSERT(ep[k][1].test_acc == ep[0][1].test_acc);
		CU_ASSERT(ep[k][1].train_loss == ep[0][1].train_loss);
		CU_ASSERT(memcmp(a->param, b->param, a->nparam * sizeof(float))
		    == 0);
	}
	for (int k = 0; k < 3; k++)
		sentiment_trainer_destroy(tr[k]);
	sentiment_data_free(&data);
}

/* The generic kernels (16-byte vectors) and the AVX2 ones (32-byte) train
 * to the same bits, for every cell, at sizes with and without a remainder
 * past the last whole vector, with Adam and with SGD. (Without AVX2 both
 * runs use the generic kernels.) */
static void
test_sentiment_kernels_same_bits_every_width(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *best, *generic;
	enum sentiment_isa old;
	size_t sizes[2][2] = { { 19, 20 }, { 32, 32 } };
	enum sentiment_cell cells[3] = {
		SENTIMENT_LSTM, SENTIMENT_RNN, SENTIMENT_GRU
	};

	corpus_head(&data, 300);
	sentiment_config_init(&cfg);
	cfg.epochs = 1;
	for (int k = 0; k < 6; k++) {
		const struct sentiment_model *a, *b;

		cfg.embed = sizes[k % 2][0];
		cfg.hidden = sizes[k % 2][1];
		cfg.cell = cells[k / 2];
		cfg.optimizer = k % 2 == 0 ? SENTIMENT_ADAM : SENTIMENT_SGD;
		cfg.lr = k % 2 == 0 ? 0.005 : 0.5;
		best = train_in_steps(&cfg, &data, 1000);
		old = sentiment_kernel_isa_set(SENTIMENT_ISA_GENERIC);
		CU_ASSERT_EQUAL(sentiment_kernel_isa(), SENTIMENT_ISA_GENERIC);
		generic = train_in_steps(&cfg, &data, 1000);
		sentiment_kernel_isa_set(old);
		a = sentiment_trainer_model(best);
		b = sentiment_trainer_model(generic);
		CU_ASSERT(memcmp(a->param, b->param, a->nparam * sizeof(float))
		    == 0);
		sentiment_trainer_destroy(best);
		sentiment_trainer_destroy(generic);
	}
	sentiment_data_free(&data);
}

/* Progress counts units; a new seed gives other weights. */
static void
test_sentiment_trainer_progress_and_seed(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *a, *b;
	struct sentiment_progress p;
	struct diag_list diags;
	size_t steps = 0, last = 0;

	corpus_head(&data, 300);
	diag_list_init(&diags);
	sentiment_config_init(&cfg);
	cfg.epochs = 2;
	cfg.hidden = 8;
	cfg.embed = 8;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&a, &cfg, &data, NULL,
	    &diags), 0);
	sentiment_trainer_progress(a, &p);
	CU_ASSERT_EQUAL(p.units_done, 0);
	CU_ASSERT_EQUAL(p.units_total, 2 * (p.batches +
	    (p.val_n + cfg.batch - 1) / cfg.batch +
	    (p.test_n + cfg.batch - 1) / cfg.batch));
	CU_ASSERT_EQUAL(p.train_n + p.val_n + p.test_n, 300);
	CU_ASSERT(p.val_n > 0);
	CU_ASSERT_EQUAL(p.done, 0);
	while (sentiment_trainer_step(a, 1, &diags) == 1) {
		sentiment_trainer_progress(a, &p);
		CU_ASSERT_EQUAL(p.units_done, last + 1);
		last = p.units_done;
		steps++;
	}
	sentiment_trainer_progress(a, &p);
	CU_ASSERT_EQUAL(steps + 1, p.units_total);
	CU_ASSERT(p.done);
	CU_ASSERT(p.fraction == 1.0);
	CU_ASSERT_EQUAL(p.epoch, 2);
	cfg.seed = 2;
	b = train_in_steps(&cfg, &data, 1000);
	CU_ASSERT(memcmp(sentiment_trainer_model(a)->param,
	    sentiment_trainer_model(b)->param,
	    sentiment_trainer_model(a)->nparam * sizeof(float)) != 0);
	sentiment_trainer_destroy(a);
	sentiment_trainer_destroy(b);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* The validation split: 10 % of the training split by default, disjoint
 * from the test split, chosen by the seed, never trained on (the
 * vocabulary comes from the other 90 %); val=0 trains on all of it. */
static void
test_sentiment_validation_split(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *a, *b, *none;
	struct sentiment_progress pa, pb, pn;
	struct sentiment_vocab vocab;
	struct sentiment_tokens *train;
	struct diag_list diags;
	unsigned char *s1, *s2;
	size_t ntrain = 0, nval = 0, moved = 0, differ = 0;

	CU_ASSERT_EQUAL_FATAL(read_corpus(&data), SENTIMENT_OK);
	sentiment_data_tokenize(&data);
	diag_list_init(&diags);
	sentiment_config_init(&cfg);
	cfg.epochs = 0;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&a, &cfg, &data, NULL,
	    &diags), 0);
	sentiment_trainer_progress(a, &pa);
	CU_ASSERT_EQUAL(pa.train_n, 2880);
	CU_ASSERT_EQUAL(pa.val_n, 320);
	CU_ASSERT_EQUAL(pa.test_n, 800);
	cfg.seed = 2;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&b, &cfg, &data, NULL,
	    &diags), 0);
	sentiment_trainer_progress(b, &pb);
	CU_ASSERT_EQUAL(pb.val_n, 320);
	CU_ASSERT(pb.val_tokens != pa.val_tokens);	/* other sentences */
	cfg.val_fraction = 0.0;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&none, &cfg, &data,
	    NULL, &diags), 0);
	sentiment_trainer_progress(none, &pn);
	CU_ASSERT_EQUAL(pn.train_n, 3200);
	CU_ASSERT_EQUAL(pn.val_n, 0);
	/* the split the trainer made, by hand: seed 1, stream 3 */
	s1 = malloc(data.n);
	s2 = malloc(data.n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s2);
	sentiment_split_assign(s1, &data, 1, 0.2);
	memcpy(s2, s1, data.n);
	sentiment_val_assign(s2, data.n, 1 + 3, SENTIMENT_VAL_FRACTION);
	train = calloc(data.n, sizeof *train);
	CU_ASSERT_PTR_NOT_NULL_FATAL(train);
	for (size_t i = 0; i < data.n; i++) {
		moved += s2[i] == SENTIMENT_SPLIT_VAL &&
		    s1[i] != SENTIMENT_SPLIT_TRAIN;
		differ += s2[i] != s1[i];
		nval += s2[i] == SENTIMENT_SPLIT_VAL;
		if (s2[i] == SENTIMENT_SPLIT_TRAIN)
			train[ntrain++] = data.toks[i];
	}
	CU_ASSERT_EQUAL(moved, 0);	/* only training sentences move */
	CU_ASSERT_EQUAL(differ, 320);
	CU_ASSERT_EQUAL(nval, 320);
	sentiment_vocab_build(&vocab, train, ntrain, 2);
	CU_ASSERT_EQUAL(vocab.n, pa.vocab);
	CU_ASSERT_EQUAL(sentiment_vocab_id(&vocab, "good"),
	    sentiment_vocab_id(&sentiment_trainer_model(a)->vocab, "good"));
	CU_ASSERT(pn.vocab >= pa.vocab);
	sentiment_vocab_free(&vocab);
	free(train);
	free(s1);
	free(s2);
	sentiment_trainer_destroy(a);
	sentiment_trainer_destroy(b);
	sentiment_trainer_destroy(none);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* The sentences the trainer trains on, as word ids of model's vocabulary
 * (split by seed as the trainer splits them): *n of them, in data order. */
static struct sentiment_seq *
training_seqs(const struct sentiment_data *data,
    const struct sentiment_model *model, uint64_t seed, size_t *n,
    int32_t **ids_out)
{
	unsigned char *split = malloc(data->n);
	struct sentiment_seq *seqs = calloc(data->n, sizeof *seqs);
	size_t words = 0, at = 0;
	int32_t *ids;

	CU_ASSERT_PTR_NOT_NULL_FATAL(split);
	CU_ASSERT_PTR_NOT_NULL_FATAL(seqs);
	for (size_t i = 0; i < data->n; i++)
		words += data->toks[i].n;
	ids = malloc((words + 1) * sizeof *ids);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ids);
	sentiment_split_assign(split, data, seed, 0.2);
	sentiment_val_assign(split, data->n, seed + 3, SENTIMENT_VAL_FRACTION);
	*n = 0;
	for (size_t i = 0; i < data->n; i++) {
		if (split[i] != SENTIMENT_SPLIT_TRAIN)
			continue;
		seqs[*n].id = ids + at;
		seqs[*n].len = data->toks[i].n;
		seqs[*n].label = data->v[i].label;
		for (size_t w = 0; w < data->toks[i].n; w++)
			ids[at++] = (int32_t)sentiment_vocab_id(&model->vocab,
			    data->toks[i].word[w]);
		(*n)++;
	}
	free(split);
	*ids_out = ids;
	return seqs;
}

/* With sgd, no clipping and every training sentence in one batch, one
 * update moves every weight by -lr times the gradient of the double
 * reference, and the logged norm is that gradient's norm. */
static void
test_sentiment_sgd_step_is_lr_times_gradient(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *tr, *before;
	struct sentiment_updates up;
	struct sentiment_seq *seqs;
	struct diag_list diags;
	const struct sentiment_model *m0, *m1;
	int32_t *ids;
	size_t n, worst = 0;
	double *g, norm = 0.0, gmax = 0.0, diff = 0.0;

	corpus_head(&data, 300);
	sentiment_data_tokenize(&data);
	diag_list_init(&diags);
	sentiment_config_init(&cfg);
	cfg.cell = SENTIMENT_GRU;
	cfg.hidden = 12;
	cfg.embed = 10;
	cfg.optimizer = SENTIMENT_SGD;
	cfg.lr = 0.5;
	cfg.clip = 0.0;
	cfg.batch = 1024;
	cfg.epochs = 1;
	tr = train_in_steps(&cfg, &data, 100);
	cfg.epochs = 0;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&before, &cfg, &data,
	    NULL, &diags), 0);
	m0 = sentiment_trainer_model(before);
	m1 = sentiment_trainer_model(tr);
	seqs = training_seqs(&data, m0, cfg.seed, &n, &ids);
	g = calloc(m0->nparam, sizeof *g);
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	sentiment_model_loss_double(m0, NULL, seqs, n, g);
	for (size_t i = 0; i < m0->nparam; i++) {
		double step = (double)m1->param[i] - (double)m0->param[i];
		double want = -cfg.lr * g[i];

		norm += g[i] * g[i];
		gmax = fmax(gmax, fabs(want));
		if (fabs(step - want) > diff) {
			diff = fabs(step - want);
			worst = i;
		}
	}
	CU_ASSERT(gmax > 0.0);
	CU_ASSERT(diff < 1e-3 * gmax);
	if (!(diff < 1e-3 * gmax))
		fprintf(stderr, "\n  param %zu off by %g of %g\n", worst, diff,
		    gmax);
	sentiment_trainer_updates(tr, &up);
	CU_ASSERT_EQUAL_FATAL(up.n, 1);
	CU_ASSERT(fabs(up.grad_norm[0] - sqrt(norm)) < 1e-4 * sqrt(norm));
	CU_ASSERT(up.clipped_norm[0] == up.grad_norm[0]);
	CU_ASSERT_EQUAL(up.clipped, 0);
	free(g);
	free(seqs);
	free(ids);
	sentiment_trainer_destroy(tr);
	sentiment_trainer_destroy(before);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* Every update logs its norm before and after clipping: after is at most
 * the threshold, and less than before exactly when clipping acted. */
static void
test_sentiment_clipping_logged_per_update(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *tr;
	struct sentiment_updates up;
	struct sentiment_progress p;
	size_t acted = 0, n;

	corpus_head(&data, 400);
	sentiment_config_init(&cfg);
	cfg.epochs = 2;
	cfg.hidden = 8;
	cfg.embed = 8;
	cfg.clip = 0.08;	/* about the median norm */
	tr = train_in_steps(&cfg, &data, 5);
	sentiment_trainer_updates(tr, &up);
	sentiment_trainer_progress(tr, &p);
	CU_ASSERT_EQUAL(up.n, 2 * p.batches);
	CU_ASSERT_PTR_EQUAL(sentiment_trainer_batch_losses(tr, &n), up.loss);
	CU_ASSERT_EQUAL(n, up.n);
	for (size_t i = 0; i < up.n; i++) {
		CU_ASSERT(up.grad_norm[i] > 0.0);
		CU_ASSERT(up.clipped_norm[i] <= cfg.clip * (1.0 + 1e-6));
		if (up.grad_norm[i] > cfg.clip) {
			acted++;
			CU_ASSERT(up.clipped_norm[i] < up.grad_norm[i]);
			CU_ASSERT(fabs(up.clipped_norm[i] - cfg.clip) < 1e-5);
		} else {
			CU_ASSERT(up.clipped_norm[i] == up.grad_norm[i]);
		}
	}
	CU_ASSERT_EQUAL(acted, up.clipped);
	CU_ASSERT(acted > 0 && acted < up.n);
	sentiment_trainer_destroy(tr);
	sentiment_data_free(&data);
}

/* A loss that is not finite stops training cleanly at that update, with a
 * message naming it; nothing is applied and the log keeps what came
 * before. */
static void
test_sentiment_divergence_stops_cleanly(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *tr;
	struct sentiment_model *bad;
	struct sentiment_progress p;
	struct sentiment_updates up;
	struct diag_list diags;

	corpus_head(&data, 200);
	diag_list_init(&diags);
	bad = small_model(SENTIMENT_RNN, 4, 4, 5, 1);
	bad->net.head_b[0] = INFINITY;
	sentiment_config_init(&cfg);
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&tr, &cfg, &data, bad,
	    &diags), 0);
	CU_ASSERT_EQUAL(sentiment_trainer_step(tr, 10, &diags),
	    SENTIMENT_EDIVERGED);
	CU_ASSERT(has_message(&diags, "diverged at update 1 ", 0));
	CU_ASSERT_EQUAL(sentiment_trainer_step(tr, 10, &diags), 0);
	sentiment_trainer_progress(tr, &p);
	sentiment_trainer_updates(tr, &up);
	CU_ASSERT(p.done);
	CU_ASSERT_EQUAL(p.diverged_at, 1);
	CU_ASSERT_EQUAL(up.n, 0);
	sentiment_trainer_destroy(tr);
	sentiment_model_destroy(bad);
	sentiment_data_free(&data);
	diag_list_free(&diags);
}

/* rho > 0: each gate block of W_hh is rho times an orthogonal matrix
 * (W W^T = rho^2 I); rho 0 leaves PyTorch's uniform draw. */
static void
test_sentiment_rho_orthogonal_blocks(void)
{
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_trainer *tr;
	double worst = 0.0;

	corpus_head(&data, 100);
	sentiment_config_init(&cfg);
	cfg.epochs = 0;
	cfg.hidden = 6;
	cfg.cell = SENTIMENT_GRU;
	cfg.rho = 1.5;
	tr = train_in_steps(&cfg, &data, 1);
	for (size_t b = 0; b < 3; b++) {
		const float *w = sentiment_trainer_model(tr)->net.w_hh + b * 36;

		for (size_t i = 0; i < 6; i++)
			for (size_t j = 0; j < 6; j++) {
				double dot = 0.0;

				for (size_t k = 0; k < 6; k++)
					dot += (double)w[i * 6 + k] * w[j * 6 + k];
				worst = fmax(worst, fabs(dot - (i == j ?
				    2.25 : 0.0)));
			}
	}
	CU_ASSERT(worst < 1e-5);
	sentiment_trainer_destroy(tr);
	cfg.rho = 0.0;
	tr = train_in_steps(&cfg, &data, 1);
	for (size_t i = 0; i < 3 * 36; i++)
		CU_ASSERT(fabsf(sentiment_trainer_model(tr)->net.w_hh[i]) <=
		    1.0f / sqrtf(6.0f));
	sentiment_trainer_destroy(tr);
	sentiment_data_free(&data);
}

/* Values out of range are refused with a message. */
static void
test_sentiment_config_ranges(void)
{
	struct sentiment_config cfg;
	struct diag_list diags;

	diag_list_init(&diags);
	sentiment_config_init(&cfg);
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), 0);
	cfg.hidden = 0;
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), SENTIMENT_EVALUE);
	CU_ASSERT(has_message(&diags, "hidden", 0));
	sentiment_config_init(&cfg);
	cfg.lr = 0.0;
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), SENTIMENT_EVALUE);
	sentiment_config_init(&cfg);
	cfg.cell = (enum sentiment_cell)3;
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), SENTIMENT_EVALUE);
	CU_ASSERT(has_message(&diags, "lstm, rnn or gru", 0));
	sentiment_config_init(&cfg);
	cfg.val_fraction = 0.6;
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), SENTIMENT_EVALUE);
	sentiment_config_init(&cfg);
	cfg.optimizer = (enum sentiment_optimizer)2;
	CU_ASSERT_EQUAL(sentiment_config_check(&cfg, &diags), SENTIMENT_EVALUE);
	diag_list_free(&diags);
}

/* The LSTM of the next test, kept for the tests after it. */
static struct sentiment_model *trained;
static struct sentiment_model *trained_rnn;	/* the RNN of that test */
static struct sentiment_data corpus;
static double trained_test_acc, trained_long_acc, trained_val_acc;

/* The lesson's claim: on the course corpus, with the lesson's settings,
 * the LSTM and the GRU learn (test accuracy well above chance, long-range
 * too) and beat the plain RNN on the long-range subset. */

static void
test_sentiment_lstm_beats_rnn_on_corpus(void)
{
	struct sentiment_config cfg;
	struct sentiment_trainer *lstm, *rnn, *gru;
	const struct sentiment_epoch *el, *er, *eg;
	size_t nl, nr, ng;

	CU_ASSERT_EQUAL_FATAL(read_corpus(&corpus), SENTIMENT_OK);
	sentiment_config_init(&cfg);
	lstm = train_in_steps(&cfg, &corpus, 16);
	cfg.cell = SENTIMENT_RNN;
	rnn = train_in_steps(&cfg, &corpus, 16);
	cfg.cell = SENTIMENT_GRU;
	gru = train_in_steps(&cfg, &corpus, 16);
	el = sentiment_trainer_epochs(lstm, &nl);
	er = sentiment_trainer_epochs(rnn, &nr);
	eg = sentiment_trainer_epochs(gru, &ng);
	CU_ASSERT_EQUAL_FATAL(nl, 10);
	CU_ASSERT_EQUAL_FATAL(nr, 10);
	CU_ASSERT_EQUAL_FATAL(ng, 10);
	CU_ASSERT(eg[9].test_acc >= 0.9);	/* the GRU learns it too */
	CU_ASSERT(eg[9].long_acc >= er[9].long_acc + 0.15);
	CU_ASSERT(eg[9].val_acc >= 0.9);
	CU_ASSERT(el[9].train_loss < el[0].train_loss);
	CU_ASSERT(el[9].test_acc >= 0.85);
	CU_ASSERT(el[9].long_acc >= 0.75);
	CU_ASSERT(er[9].test_acc >= 0.6);	/* the RNN learns something */
	CU_ASSERT(el[9].long_acc >= er[9].long_acc + 0.15);
	trained = sentiment_model_copy(sentiment_trainer_model(lstm));
	trained_rnn = sentiment_model_copy(sentiment_trainer_model(rnn));
	trained_test_acc = el[9].test_acc;
	trained_long_acc = el[9].long_acc;
	trained_val_acc = el[9].val_acc;
	sentiment_trainer_destroy(lstm);
	sentiment_trainer_destroy(rnn);
	sentiment_trainer_destroy(gru);
}

/* sentiment_evaluate gives the trainer's last test and validation
 * accuracy, exactly. */
static void
test_sentiment_evaluate_matches_trainer(void)
{
	struct sentiment_eval ev;

	CU_ASSERT_PTR_NOT_NULL_FATAL(trained);
	sentiment_evaluate(&ev, trained, &corpus, SENTIMENT_SPLIT_TEST, 1);
	CU_ASSERT_EQUAL(ev.n * 5, corpus.n);
	CU_ASSERT(ev.accuracy == trained_test_acc);
	CU_ASSERT(ev.long_n >= 200);
	CU_ASSERT(ev.long_accuracy == trained_long_acc);
	sentiment_evaluate(&ev, trained, &corpus, SENTIMENT_SPLIT_VAL, 1);
	CU_ASSERT_EQUAL(ev.n, 320);
	CU_ASSERT(ev.accuracy == trained_val_acc);
}

/* P(positive) after every word; unknown words marked; "not" and "but"
 * change the model's mind. */
static void
test_sentiment_predict_prefix(void)
{
	struct sentiment_prediction pr;
	const char *s = "The acting was superb, but the script was lazy.";

	CU_ASSERT_PTR_NOT_NULL_FATAL(trained);
	sentiment_prediction_init(&pr);
	sentiment_predict(&pr, trained, s, strlen(s));
	CU_ASSERT_EQUAL_FATAL(pr.words.n, 9);
	CU_ASSERT(pr.p < 0.5);
	CU_ASSERT(pr.prefix[3] > 0.5);		/* "...superb" */
	CU_ASSERT(pr.prefix[8] == pr.p);
	for (size_t i = 0; i < 9; i++)
		CU_ASSERT(pr.prefix[i] > 0.0 && pr.prefix[i] < 1.0);
	s = "The plot was not clever.";
	sentiment_predict(&pr, trained, s, strlen(s));
	CU_ASSERT(pr.p < 0.5);
	s = "The zorblax was delightful";
	sentiment_predict(&pr, trained, s, strlen(s));
	CU_ASSERT_EQUAL_FATAL(pr.words.n, 4);
	CU_ASSERT(pr.unknown[1]);
	CU_ASSERT(!pr.unknown[0] && !pr.unknown[3]);
	CU_ASSERT(pr.p > 0.5);
	sentiment_predict(&pr, trained, "", 0);
	CU_ASSERT_EQUAL(pr.words.n, 0);
	CU_ASSERT(pr.p > 0.0 && pr.p < 1.0);
	sentiment_prediction_free(&pr);
}

/* Saliency is ||dz/dx_t||: the backward pass's dz/dx_t matches central
 * differences of the logit in every coordinate of every word, for each
 * cell; the gate means are means of gates (in (0, 1)) or NaN where the
 * cell has none. */
static void
test_sentiment_saliency_finite_difference(void)
{
	const enum sentiment_cell cells[] = { SENTIMENT_LSTM, SENTIMENT_RNN,
	    SENTIMENT_GRU };
	const size_t ne = 5, nh = 4, T = 7;

	for (size_t c = 0; c < 3; c++) {
		struct sentiment_model *m = small_model(cells[c], ne, nh, 12,
		    40 + c);
		int32_t ids[7] = { 3, 1, 7, 0, 11, 3, 5 };
		double x[7 * 5], dx[7 * 5], keep[7], write[7], sal[7];
		double worst = 0.0;

		for (size_t t = 0; t < T; t++)
			for (size_t e = 0; e < ne; e++)
				x[t * ne + e] = m->net.emb[ids[t] * ne + e];
		sentiment_logit_x(dx, keep, write, m, x, T);
		for (size_t i = 0; i < T * ne; i++) {
			double keepx = x[i], hi, lo, fd;

			x[i] = keepx + 1e-5;
			hi = sentiment_logit_x(NULL, NULL, NULL, m, x, T);
			x[i] = keepx - 1e-5;
			lo = sentiment_logit_x(NULL, NULL, NULL, m, x, T);
			x[i] = keepx;
			fd = (hi - lo) / 2e-5;
			if (fabs(fd - dx[i]) > worst)
				worst = fabs(fd - dx[i]);
			CU_ASSERT(fabs(fd - dx[i]) <= 1e-7 + 1e-5 * fabs(dx[i]));
		}
		CU_ASSERT(worst < 1e-7);
		sentiment_inside(keep, write, sal, m, ids, T);
		for (size_t t = 0; t < T; t++) {
			double s = 0.0;

			for (size_t e = 0; e < ne; e++)
				s += dx[t * ne + e] * dx[t * ne + e];
			CU_ASSERT(fabs(sal[t] - sqrt(s)) <= 1e-12 * (1 + sal[t]));
			CU_ASSERT(sal[t] > 0.0);
			if (cells[c] == SENTIMENT_RNN) {
				CU_ASSERT(isnan(keep[t]) && isnan(write[t]));
			} else {
				CU_ASSERT(keep[t] > 0.0 && keep[t] < 1.0);
			}
			if (cells[c] == SENTIMENT_LSTM)
				CU_ASSERT(write[t] > 0.0 && write[t] < 1.0);
			if (cells[c] == SENTIMENT_GRU)
				CU_ASSERT(isnan(write[t]));
		}
		sentiment_model_destroy(m);
	}
}

/* The lesson's sentence with its verb 25 words before the end: how much
 * the trained RNN's output depends on "loved" has faded to a hundred
 * thousandth of its largest (the last words); the trained LSTM's keeps
 * more than a thousandth, a hundred times more in proportion. */
static void
test_sentiment_saliency_fades_for_rnn(void)
{
	const char *s = "I loved this film, and we saw it on a rainy tuesday "
	    "evening with my sister and her two children before we caught "
	    "the last bus home.";
	struct sentiment_prediction pl, pr;
	double maxl = 0.0, maxr = 0.0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(trained);
	CU_ASSERT_PTR_NOT_NULL_FATAL(trained_rnn);
	sentiment_prediction_init(&pl);
	sentiment_prediction_init(&pr);
	sentiment_predict(&pl, trained, s, strlen(s));
	sentiment_predict(&pr, trained_rnn, s, strlen(s));
	CU_ASSERT_EQUAL_FATAL(pl.words.n, 27);
	CU_ASSERT_STRING_EQUAL(pl.words.word[1], "loved");
	for (size_t t = 0; t < pl.words.n; t++) {
		maxl = fmax(maxl, pl.saliency[t]);
		maxr = fmax(maxr, pr.saliency[t]);
	}
	/* measured: LSTM 0.0067 of its largest, RNN 1.2e-5 of its */
	CU_ASSERT(pl.saliency[1] >= 1e-3 * maxl);
	CU_ASSERT(pr.saliency[1] <= 1e-4 * maxr);
	CU_ASSERT(pl.saliency[1] / maxl >= 100 * (pr.saliency[1] / maxr));
	/* the LSTM's forget gates stay open enough to carry it: mean f_t
	 * over the words after the verb above 0.4 */
	for (size_t t = 2; t < pl.words.n; t++)
		CU_ASSERT(pl.keep[t] > 0.4);
	sentiment_prediction_free(&pl);
	sentiment_prediction_free(&pr);
}

/* ---- model files --------------------------------------------------------- */

/* zlib's CRC-32, to forge files whose checksum is right. */
static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return ~c;
}

/* Rewrite the last four bytes as the CRC of the rest. */
static void
fix_crc(unsigned char *buf, size_t len)
{
	uint32_t c = crc32_of(buf, len - 4);

	for (int k = 0; k < 4; k++)
		buf[len - 4 + k] = (unsigned char)(c >> (8 * k));
}

/* Save, load: the same words, the same bits, the same predictions. */
static void
test_sentiment_model_file_round_trip(void)
{
	char path[] = "/tmp/rnntutor-model-XXXXXX";
	struct sentiment_model *back = NULL;
	struct sentiment_prediction a, b;
	struct diag_list diags;
	const char *s = "Not a single minute was boring";
	int fd = mkstemp(path);

	CU_ASSERT_PTR_NOT_NULL_FATAL(trained);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	diag_list_init(&diags);
	CU_ASSERT_EQUAL(sentiment_model_save(trained, path, &diags), 0);
	CU_ASSERT_EQUAL(sentiment_model_load(&back, path, &diags), 0);
	CU_ASSERT_EQUAL(diags.n, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(sentiment_model_vocab_size(back),
	    sentiment_model_vocab_size(trained));
	CU_ASSERT_STRING_EQUAL(sentiment_model_word(back, 5),
	    sentiment_model_word(trained, 5));
	CU_ASSERT_EQUAL(sentiment_model_param_count(back),
	    sentiment_model_param_count(trained));
	CU_ASSERT(memcmp(back->param, trained->param,
	    trained->nparam * sizeof(float)) == 0);
	sentiment_prediction_init(&a);
	sentiment_prediction_init(&b);
	sentiment_predict(&a, trained, s, strlen(s));
	sentiment_predict(&b, back, s, strlen(s));
	CU_ASSERT(a.p == b.p);
	sentiment_prediction_free(&a);
	sentiment_prediction_free(&b);
	sentiment_model_destroy(back);
	unlink(path);
	CU_ASSERT_EQUAL(sentiment_model_load(&back, path, &diags),
	    SENTIMENT_EIO);
	diag_list_free(&diags);
}

/* A GRU model goes through a file bit for bit (cell 2 in the header). */
static void
test_sentiment_model_file_gru(void)
{
	struct sentiment_model *m = small_model(SENTIMENT_GRU, 5, 7, 9, 3);
	struct sentiment_model *back = NULL;
	struct sentiment_prediction a, b;
	struct diag_list diags;
	unsigned char *buf;
	size_t len;

	diag_list_init(&diags);
	sentiment_model_encode(m, &buf, &len);
	CU_ASSERT_EQUAL(buf[12], 2);
	CU_ASSERT_EQUAL(sentiment_model_decode(&back, buf, len, "g.bin",
	    &diags), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(back);
	CU_ASSERT_EQUAL(sentiment_model_cell(back), SENTIMENT_GRU);
	CU_ASSERT_EQUAL(sentiment_model_param_count(back),
	    10 * 5 + 3 * 7 * (5 + 7 + 2) + 7 + 1);	/* V = 9 + <unk> */
	CU_ASSERT(memcmp(back->param, m->param, m->nparam * sizeof(float))
	    == 0);
	sentiment_prediction_init(&a);
	sentiment_prediction_init(&b);
	sentiment_predict(&a, m, "w1 w2 w3", 8);
	sentiment_predict(&b, back, "w1 w2 w3", 8);
	CU_ASSERT_EQUAL_FATAL(a.words.n, 3);
	CU_ASSERT(a.p == b.p && a.prefix[1] == b.prefix[1]);
	CU_ASSERT(a.prefix[0] != a.prefix[2]);
	sentiment_prediction_free(&a);
	sentiment_prediction_free(&b);
	free(buf);
	sentiment_model_destroy(back);
	sentiment_model_destroy(m);
	diag_list_free(&diags);
}

/* Decode buf and expect a refusal whose message holds why. */
static void
expect_refused(const unsigned char *buf, size_t len, const char *why)
{
	struct sentiment_model *m = NULL;
	struct diag_list diags;

	diag_list_init(&diags);
	CU_ASSERT_EQUAL(sentiment_model_decode(&m, buf, len, "m.bin", &diags),
	    SENTIMENT_EFORMAT);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT(has_message(&diags, why, 0));
	if (!has_message(&diags, why, 0) && diags.n > 0)
		fprintf(stderr, "\n  expected \"%s\", got \"%s\"\n", why,
		    diags.v[0].msg);
	diag_list_free(&diags);
}

/* Foreign, other version, truncated, corrupt, padded, NaN: all refused. */
static void
test_sentiment_model_file_refusals(void)
{
	struct sentiment_model *m = small_model(SENTIMENT_RNN, 4, 5, 7, 1);
	unsigned char *buf, *copy;
	size_t len;
	float nan_value = NAN;

	sentiment_model_encode(m, &buf, &len);
	copy = malloc(len + 16);
	CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
	expect_refused((const unsigned char *)"sentence\tlabel\n", 15,
	    "does not start");
	expect_refused((const unsigned char *)"RNNT", 4, "does not start");
	memcpy(copy, buf, len);
	copy[8] = 2;
	fix_crc(copy, len);
	expect_refused(copy, len, "version 2");
	expect_refused(buf, len - 9, "truncated");
	expect_refused(buf, 20, "truncated");
	memcpy(copy, buf, len);
	copy[len / 2] ^= 0x10;
	expect_refused(copy, len, "checksum");
	memcpy(copy, buf, len);
	copy[33] = 1;			/* word 1 "w0" becomes "^A0" */
	fix_crc(copy, len);
	expect_refused(copy, len, "word list");
	memcpy(copy, buf, len - 4);
	memset(copy + len - 4, 0, 8);	/* four more bytes, checksum fixed */
	fix_crc(copy, len + 4);
	expect_refused(copy, len + 4, "bytes after");
	memcpy(copy, buf, len);
	memcpy(copy + len - 8, &nan_value, 4);	/* the last weight */
	fix_crc(copy, len);
	expect_refused(copy, len, "finite");
	memcpy(copy, buf, len);
	copy[20] = 0;			/* hidden 0 */
	fix_crc(copy, len);
	expect_refused(copy, len, "out of range");
	memcpy(copy, buf, len);
	copy[12] = 3;			/* a cell after the GRU */
	fix_crc(copy, len);
	expect_refused(copy, len, "unknown cell 3");
	free(copy);
	free(buf);
	sentiment_model_destroy(m);
}

/* Training can start from a saved model: its vocabulary and sizes win. */
static void
test_sentiment_trainer_continues_from_model(void)
{
	struct sentiment_config cfg;
	struct sentiment_trainer *tr;
	struct diag_list diags;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(trained);
	diag_list_init(&diags);
	sentiment_config_init(&cfg);
	cfg.epochs = 1;
	cfg.hidden = 7;
	cfg.min_count = 50;
	CU_ASSERT_EQUAL_FATAL(sentiment_trainer_create(&tr, &cfg, &corpus,
	    trained, &diags), 0);
	CU_ASSERT_EQUAL(sentiment_model_hidden(sentiment_trainer_model(tr)),
	    sentiment_model_hidden(trained));
	CU_ASSERT_EQUAL(sentiment_model_vocab_size(sentiment_trainer_model(tr)),
	    sentiment_model_vocab_size(trained));
	while (sentiment_trainer_step(tr, 1000, &diags) == 1)
		;
	CU_ASSERT(sentiment_trainer_epochs(tr, &n)[0].test_acc >= 0.85);
	sentiment_trainer_destroy(tr);
	diag_list_free(&diags);
	sentiment_model_destroy(trained);
	trained = NULL;
	sentiment_model_destroy(trained_rnn);
	trained_rnn = NULL;
	sentiment_data_free(&corpus);
}

/* ---- the registry simulation --------------------------------------------- */

/* Run "sentiment" with the given NAME=VALUE words (NULL-terminated) on the
 * built-in corpus through the registry's stepping face, from the model in
 * load and saving the trained model to save (either may be NULL), as
 * `rnntutor sim` does; returns SIM_OK or the first failure. */
static int
run_sim(struct sim_result *res, struct diag_list *diags, const char *load,
    const char *save, const char *const *kv)
{
	struct sim_args args;
	struct sim_job *job = NULL;
	struct sim_model *model;
	int rc = SIM_OK;

	sim_args_init(&args, &sim_sentiment_spec);
	for (; *kv != NULL && rc == SIM_OK; kv++)
		rc = sim_args_set_kv(&args, *kv, diags);
	sim_result_init(res);
	if (rc == SIM_OK)
		rc = sim_job_create(&job, &args, load, diags);
	while (rc == SIM_OK && (rc = sim_job_step(job, 3, diags)) == 1)
		rc = SIM_OK;
	if (rc == 0) {
		sim_job_result(job, res);
		if (save != NULL) {
			model = sim_job_model(job);
			CU_ASSERT_PTR_NOT_NULL_FATAL(model);
			rc = sim_model_save(model, save, diags);
			sim_model_destroy(model);
		}
	}
	sim_job_destroy(job);
	sim_args_free(&args);
	return rc;
}

/* Series by epoch and by update, the scalars the lesson uses (a GRU); a
 * model saved by one run and loaded by another (epochs=0) scores the
 * same. */
static void
test_sentiment_sim_runs_and_saves(void)
{
	const char *const kv[] = { "epochs=2", "hidden=8", "embed=8",
	    "model=gru", NULL };
	const char *const eval[] = { "epochs=0", NULL };
	char path[] = "/tmp/rnntutor-sim-XXXXXX";
	struct sim_result res, back;
	struct diag_list diags;
	const struct sim_series *s;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	diag_list_init(&diags);
	CU_ASSERT_EQUAL_FATAL(run_sim(&res, &diags, NULL, path, kv), SIM_OK);
	CU_ASSERT_STRING_EQUAL(res.step_name, "epoch");
	CU_ASSERT_EQUAL(res.step_first, 1);
	s = sim_result_series(&res, "test_acc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 2);
	CU_ASSERT_PTR_NOT_NULL(sim_result_series(&res, "loss"));
	CU_ASSERT_PTR_NOT_NULL(sim_result_series(&res, "long_acc"));
	CU_ASSERT_PTR_NOT_NULL(sim_result_scalar(&res, "seconds"));
	CU_ASSERT_EQUAL(sim_result_scalar(&res, "test_n")->value, 800);
	CU_ASSERT_EQUAL(sim_result_scalar(&res, "val_n")->value, 320);
	CU_ASSERT_EQUAL(sim_result_scalar(&res, "train_n")->value, 2880);
	CU_ASSERT(sim_result_scalar(&res, "gflops")->value > 0.0);
	s = sim_result_series(&res, "val_acc");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 2);
	CU_ASSERT(s->v[1] == sim_result_scalar(&res, "val_acc")->value);
	/* per update, and said so: 2 epochs of ceil(2880 / 32) batches */
	s = sim_result_series(&res, "grad_norm");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 2 * 90);
	CU_ASSERT(strstr(s->label, "per update") != NULL);
	s = sim_result_series(&res, "clipped_norm");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 2 * 90);
	for (size_t i = 0; i < s->n; i++)
		CU_ASSERT(s->v[i] <= 5.0 * (1.0 + 1e-6));
	CU_ASSERT_EQUAL(run_sim(&back, &diags, path, NULL, eval), SIM_OK);
	CU_ASSERT(sim_result_scalar(&back, "test_acc")->value ==
	    sim_result_scalar(&res, "test_acc")->value);
	CU_ASSERT_EQUAL(diags.n, 0);
	sim_result_free(&res);
	sim_result_free(&back);
	unlink(path);
	diag_list_free(&diags);
}

/* A bad data file or a bad model file is a failed run with a message. */
static void
test_sentiment_sim_bad_files(void)
{
	char data_kv[4200];
	const char *kv[] = { data_kv, NULL };
	struct sim_result res;
	struct diag_list diags;

	diag_list_init(&diags);
	snprintf(data_kv, sizeof data_kv, "data=%s",
	    test_data_path("sentiment/mostly-wrong.csv"));
	CU_ASSERT_EQUAL(run_sim(&res, &diags, NULL, NULL, kv), SIM_ERUN);
	CU_ASSERT(has_message(&diags, "cannot be used", 0));
	sim_result_free(&res);
	kv[0] = NULL;
	CU_ASSERT_EQUAL(run_sim(&res, &diags, test_data_path(
	    "sentiment/crlf.tsv"), NULL, kv), SIM_ERUN);
	CU_ASSERT(has_message(&diags, "does not start", 0));
	sim_result_free(&res);
	diag_list_free(&diags);
}

/* The scalar name of res with digits decimals (a lesson's {name:.Nf}). */
static const char *
fmt_scalar(const struct sim_result *res, const char *name, int digits)
{
	static char buf[64];
	const struct sim_scalar *sc = sim_result_scalar(res, name);

	CU_ASSERT_PTR_NOT_NULL_FATAL(sc);
	snprintf(buf, sizeof buf, "%.*f", digits, sc->value);
	return buf;
}

/* Run the lesson's settings with extra NAME=VALUE words (NULL-terminated,
 * at most 4) into res; SIM_OK or the failure. */
static int
run_lesson(struct sim_result *res, const char *const *extra)
{
	const char *kv[12] = { "embed=32", "hidden=32", "epochs=10",
	    "batch=32", "lr=0.005", "min_count=2", "clip=5", NULL };
	struct diag_list diags;
	size_t n = 7;
	int rc;

	for (; *extra != NULL && n < 11; extra++)
		kv[n++] = *extra;
	kv[n] = NULL;
	diag_list_init(&diags);
	rc = run_sim(res, &diags, NULL, NULL, kv);
	CU_ASSERT_EQUAL(rc, SIM_OK);
	diag_list_free(&diags);
	return rc;
}

/* "lo to hi" of a scalar over seeds 1..5 of model (as the lesson prints
 * it: %.3f). */
static const char *
seed_range(const char *model, const char *name)
{
	static char out[64];
	double lo = INFINITY, hi = -INFINITY;

	for (int seed = 1; seed <= 5; seed++) {
		char m[32], sd[32];
		const char *kv[] = { m, sd, NULL };
		struct sim_result res;

		snprintf(m, sizeof m, "model=%s", model);
		snprintf(sd, sizeof sd, "seed=%d", seed);
		if (run_lesson(&res, kv) != SIM_OK)
			return "failed";
		lo = fmin(lo, sim_result_scalar(&res, name)->value);
		hi = fmax(hi, sim_result_scalar(&res, name)->value);
		sim_result_free(&res);
	}
	snprintf(out, sizeof out, "%.3f to %.3f", lo, hi);
	return out;
}

/* The numbers lessons/04-sentiment.yaml quotes from the simulation, as it
 * quotes them: the splits, the vocabulary, the parameter counts, the
 * gradient norms with and without clipping, the spread over seeds and the
 * claims of its "try" texts. */
static void
test_sentiment_figures_lesson_quotes(void)
{
	const char *const none[] = { NULL };
	const char *const once[] = { "epochs=0", "min_count=1", NULL };
	const char *const rnn0[] = { "epochs=0", "model=rnn", NULL };
	const char *const gru0[] = { "epochs=0", "model=gru", NULL };
	const char *const noclip[] = { "clip=0", NULL };
	const char *const slow[] = { "lr=0.001", NULL };
	const char *const fast[] = { "lr=0.05", NULL };
	const char *const big[] = { "batch=128", NULL };
	struct sim_result res, other;
	const struct sim_series *g, *l, *v;
	double *sorted, first_over = 0.0, loss5;
	char buf[64];

	/* section 3: "2880 320 800 505", 516 words, 12 seen once */
	{
		const char *const zero[] = { "epochs=0", NULL };

		if (run_lesson(&res, zero) != SIM_OK)
			return;
	}
	snprintf(buf, sizeof buf, "%.0f %.0f %.0f %.0f",
	    sim_result_scalar(&res, "train_n")->value,
	    sim_result_scalar(&res, "val_n")->value,
	    sim_result_scalar(&res, "test_n")->value,
	    sim_result_scalar(&res, "vocab")->value);
	CU_ASSERT_STRING_EQUAL(buf, "2880 320 800 505");
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "params", 0), "24641");
	sim_result_free(&res);
	if (run_lesson(&res, once) != SIM_OK)
		return;
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "vocab", 0), "517");
	sim_result_free(&res);
	for (int seed = 1; seed <= 5; seed++) {
		char sd[32];
		const char *kv[] = { "epochs=0", sd, NULL };
		double vocab;

		snprintf(sd, sizeof sd, "seed=%d", seed);
		if (run_lesson(&res, kv) != SIM_OK)
			return;
		vocab = sim_result_scalar(&res, "vocab")->value;
		CU_ASSERT(vocab == 505.0 || vocab == 506.0);
		sim_result_free(&res);
	}
	/* the quiz and section 6: 18305 and 22529 trainable numbers */
	if (run_lesson(&res, rnn0) != SIM_OK)
		return;
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "params", 0), "18305");
	sim_result_free(&res);
	if (run_lesson(&res, gru0) != SIM_OK)
		return;
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "params", 0), "22529");
	sim_result_free(&res);

	/* section 5: the gradient norms of the LSTM, with clip 5 and 0 */
	if (run_lesson(&res, none) != SIM_OK)
		return;
	g = sim_result_series(&res, "grad_norm");
	l = sim_result_series(&res, "loss");
	CU_ASSERT_PTR_NOT_NULL_FATAL(g);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL_FATAL(g->n, 900);
	sorted = malloc(g->n * sizeof *sorted);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sorted);
	memcpy(sorted, g->v, g->n * sizeof *sorted);
	for (size_t i = 1; i < g->n; i++)	/* insertion sort */
		for (size_t j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
			double t = sorted[j];

			sorted[j] = sorted[j - 1];
			sorted[j - 1] = t;
		}
	snprintf(buf, sizeof buf, "%.2f", 0.5 * (sorted[449] + sorted[450]));
	CU_ASSERT_STRING_EQUAL(buf, "0.24");
	free(sorted);
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "clipped_fraction", 4),
	    "0.0067");
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "grad_norm_max", 1),
	    "14.8");
	snprintf(buf, sizeof buf, "%.1f", g->v[519]);	/* update 520 */
	CU_ASSERT_STRING_EQUAL(buf, "14.8");
	for (size_t i = 0; i < g->n && first_over == 0.0; i++)
		if (g->v[i] > 5.0)
			first_over = (double)i + 1.0;
	CU_ASSERT_EQUAL(first_over, 477.0);
	snprintf(buf, sizeof buf, "%.3f", l->v[9]);
	CU_ASSERT_STRING_EQUAL(buf, "0.038");
	loss5 = l->v[9];
	v = sim_result_series(&res, "val_acc");
	snprintf(buf, sizeof buf, "%.3f", v->v[9]);
	CU_ASSERT_STRING_EQUAL(buf, "0.969");
	CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "test_acc", 3), "0.980");
	if (run_lesson(&other, noclip) == SIM_OK) {
		const struct sim_series *g0 = sim_result_series(&other,
		    "grad_norm");
		const struct sim_series *l0 = sim_result_series(&other, "loss");
		const struct sim_series *v0 = sim_result_series(&other,
		    "val_acc");
		size_t top = 0;

		CU_ASSERT_EQUAL(memcmp(g0->v, g->v, 477 * sizeof *g->v), 0);
		for (size_t i = 0; i < g0->n; i++)
			if (g0->v[i] > g0->v[top])
				top = i;
		CU_ASSERT_EQUAL(top + 1, 785);
		snprintf(buf, sizeof buf, "%.1f", g0->v[top]);
		CU_ASSERT_STRING_EQUAL(buf, "39.5");
		{
			double lo = INFINITY, hi = -INFINITY;

			for (size_t e = 6; e < 10; e++) {	/* epochs 7..10 */
				lo = fmin(lo, l0->v[e]);
				hi = fmax(hi, l0->v[e]);
			}
			snprintf(buf, sizeof buf, "%.3f %.3f", lo, hi);
			CU_ASSERT_STRING_EQUAL(buf, "0.080 0.086");
		}
		snprintf(buf, sizeof buf, "%.3f", v0->v[8]);
		CU_ASSERT_STRING_EQUAL(buf, "0.909");
		CU_ASSERT(l0->v[9] > 2.0 * l->v[9]);
		sim_result_free(&other);
	}
	sim_result_free(&res);

	/* the "try" of section 5 */
	if (run_lesson(&res, slow) == SIM_OK) {
		CU_ASSERT_STRING_EQUAL(fmt_scalar(&res, "val_acc", 3),
		    "0.650");
		sim_result_free(&res);
	}
	if (run_lesson(&res, fast) == SIM_OK) {
		CU_ASSERT(sim_result_scalar(&res, "val_acc")->value < 0.8);
		sim_result_free(&res);
	}
	if (run_lesson(&res, big) == SIM_OK) {
		double ratio = sim_result_scalar(&res, "loss")->value / loss5;

		CU_ASSERT_EQUAL(sim_result_series(&res, "grad_norm")->n, 230);
		CU_ASSERT(ratio > 4.5 && ratio < 5.5);
		sim_result_free(&res);
	}

	/* section 7: the spread over seeds 1 to 5 */
	CU_ASSERT_STRING_EQUAL(seed_range("lstm", "test_acc"),
	    "0.944 to 0.985");
	CU_ASSERT_STRING_EQUAL(seed_range("lstm", "val_acc"),
	    "0.947 to 0.981");
	CU_ASSERT_STRING_EQUAL(seed_range("lstm", "long_acc"),
	    "0.904 to 0.986");
	CU_ASSERT_STRING_EQUAL(seed_range("gru", "test_acc"),
	    "0.966 to 0.988");
	CU_ASSERT_STRING_EQUAL(seed_range("gru", "val_acc"),
	    "0.956 to 0.988");
	CU_ASSERT_STRING_EQUAL(seed_range("gru", "long_acc"),
	    "0.957 to 0.989");
	CU_ASSERT_STRING_EQUAL(seed_range("rnn", "test_acc"),
	    "0.689 to 0.744");
	CU_ASSERT_STRING_EQUAL(seed_range("rnn", "val_acc"),
	    "0.656 to 0.731");
	CU_ASSERT_STRING_EQUAL(seed_range("rnn", "long_acc"),
	    "0.482 to 0.507");
}

/* Two suites: words and data, then the model. */
void
test_sentiment_register(void)
{
	CU_pSuite words = CU_add_suite("sentiment words and data", NULL, NULL);
	CU_pSuite model = CU_add_suite("sentiment model", NULL, NULL);

	CU_add_test(words, "tokenize basic", test_sentiment_tokenize_basic);
	CU_add_test(words, "tokenize apostrophes",
	    test_sentiment_tokenize_apostrophes);
	CU_add_test(words, "tokenize unicode and bad bytes",
	    test_sentiment_tokenize_unicode_and_bad_bytes);
	CU_add_test(words, "tokenize offsets and long words",
	    test_sentiment_tokenize_offsets_and_long_words);
	CU_add_test(words, "data: CRLF, header, blank lines",
	    test_sentiment_data_crlf_header_blank);
	CU_add_test(words, "data: bad UTF-8 warns",
	    test_sentiment_data_bad_utf8_warns);
	CU_add_test(words, "data: bad lines named",
	    test_sentiment_data_bad_lines_named);
	CU_add_test(words, "data: mostly wrong refused",
	    test_sentiment_data_mostly_wrong_refused);
	CU_add_test(words, "data: oversize refused",
	    test_sentiment_data_oversize_refused);
	CU_add_test(words, "data: warnings capped",
	    test_sentiment_data_warnings_capped);
	CU_add_test(words, "data: split by seed",
	    test_sentiment_data_split_by_seed);
	CU_add_test(words, "data: the corpus parsed once",
	    test_sentiment_data_corpus_once);
	CU_add_test(words, "corpus shape", test_sentiment_corpus_shape);

	CU_add_test(model, "expf accuracy", test_sentiment_expf_accuracy);
	CU_add_test(model, "gradient check LSTM",
	    test_sentiment_gradient_check_lstm);
	CU_add_test(model, "gradient check RNN",
	    test_sentiment_gradient_check_rnn);
	CU_add_test(model, "gradient check GRU",
	    test_sentiment_gradient_check_gru);
	CU_add_test(model, "float kernel = double LSTM",
	    test_sentiment_kernel_matches_double_lstm);
	CU_add_test(model, "float kernel = double RNN",
	    test_sentiment_kernel_matches_double_rnn);
	CU_add_test(model, "float kernel = double GRU",
	    test_sentiment_kernel_matches_double_gru);
	CU_add_test(model, "batch rows independent",
	    test_sentiment_batch_independent_rows);
	CU_add_test(model, "deterministic across steps",
	    test_sentiment_trainer_deterministic_across_steps);
	CU_add_test(model, "same bits at every vector width",
	    test_sentiment_kernels_same_bits_every_width);
	CU_add_test(model, "progress and seed",
	    test_sentiment_trainer_progress_and_seed);
	CU_add_test(model, "config ranges", test_sentiment_config_ranges);
	CU_add_test(model, "validation split", test_sentiment_validation_split);
	CU_add_test(model, "sgd step is -lr times the gradient",
	    test_sentiment_sgd_step_is_lr_times_gradient);
	CU_add_test(model, "clipping logged per update",
	    test_sentiment_clipping_logged_per_update);
	CU_add_test(model, "divergence stops cleanly",
	    test_sentiment_divergence_stops_cleanly);
	CU_add_test(model, "rho: orthogonal W_hh blocks",
	    test_sentiment_rho_orthogonal_blocks);
	CU_add_test(model, "LSTM beats RNN on the corpus",
	    test_sentiment_lstm_beats_rnn_on_corpus);
	CU_add_test(model, "evaluate matches trainer",
	    test_sentiment_evaluate_matches_trainer);
	CU_add_test(model, "predict prefix", test_sentiment_predict_prefix);
	CU_add_test(model, "saliency: finite differences",
	    test_sentiment_saliency_finite_difference);
	CU_add_test(model, "saliency fades for the RNN",
	    test_sentiment_saliency_fades_for_rnn);
	CU_add_test(model, "model file round trip",
	    test_sentiment_model_file_round_trip);
	CU_add_test(model, "model file GRU", test_sentiment_model_file_gru);
	CU_add_test(model, "model file refusals",
	    test_sentiment_model_file_refusals);
	CU_add_test(model, "continue from a model",
	    test_sentiment_trainer_continues_from_model);
	CU_add_test(model, "sim runs and saves",
	    test_sentiment_sim_runs_and_saves);
	CU_add_test(model, "sim bad files", test_sentiment_sim_bad_files);
	CU_add_test(model, "figures lesson 4 quotes",
	    test_sentiment_figures_lesson_quotes);
}
