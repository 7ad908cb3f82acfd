/* sentiment_data: labelled sentences from tab-separated text, messy or not. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/builtin.h"
#include "core/file.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"

#define WARN_MAX 20		/* line warnings before one summary */


/* No sentences. */
void
sentiment_data_init(struct sentiment_data *data)
{
	memset(data, 0, sizeof *data);
}

/* Free every sentence. */
void
sentiment_data_free(struct sentiment_data *data)
{
	for (size_t i = 0; i < data->n; i++) {
		free(data->v[i].text);
		if (data->toks != NULL)
			sentiment_tokens_free(&data->toks[i]);
	}
	free(data->v);
	free(data->toks);
	sentiment_data_init(data);
}

/* Append one example (text copied from p[0..n)). */
static void
push_example(struct sentiment_data *data, const char *p, size_t n, int label,
    int split, int longrange, int line)
{
	struct sentiment_example *e;

	if (data->n == data->cap) {
		data->cap = data->cap != 0 ? 2 * data->cap : 256;
		data->v = xreallocarray(data->v, data->cap, sizeof *data->v);
	}
	e = &data->v[data->n++];
	e->text = xstrndup(p, n);
	e->label = label;
	e->split = split;
	e->longrange = longrange;
	e->line = line;
	if (longrange)
		data->has_longrange = 1;
}

/* Trim spaces, tabs and CRs from both ends of [*p, *p + *n). */
static void
trim(const char **p, size_t *n)
{
	while (*n > 0 && ((*p)[0] == ' ' || (*p)[0] == '\t' || (*p)[0] == '\r')) {
		(*p)++;
		(*n)--;
	}
	while (*n > 0 && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t' ||
	    (*p)[*n - 1] == '\r'))
		(*n)--;
}

/* Does field [p, p + n) spell word exactly? */
static int
field_is(const char *p, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(p, word, n) == 0;
}

/* Is [p, p + n) all valid UTF-8? */
static int
valid_utf8(const char *p, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;

		i += utf8_decode(p + i, n - i, &cp);
		if (cp == UTF8_INVALID)
			return 0;
	}
	return 1;
}

/* Does the sentence [p, p + n) hold at least one word? */
static int
has_word(const char *p, size_t n)
{
	struct sentiment_tokens toks;
	int yes;

	sentiment_tokens_init(&toks);
	sentiment_tokenize(&toks, p, n);
	yes = toks.n > 0;
	sentiment_tokens_free(&toks);
	return yes;
}

/* Counts and limits shared by the line checks of one parse. */
struct parse_state {
	const char *name;
	struct diag_list *diags;
	size_t bad;		/* lines skipped */
	size_t warned;		/* line warnings given */
	size_t unwarned;	/* warnings held back after WARN_MAX */
};

/* A warning about line (or a count for the summary, after WARN_MAX). */
static void
line_warning(struct parse_state *st, int line, const char *what)
{
	if (st->warned < WARN_MAX) {
		diag_add(st->diags, DIAG_WARNING, st->name, line, 0, "%s", what);
		st->warned++;
	} else {
		st->unwarned++;
	}
}

/* Split one line into fields and check them; append the example or say
 * why not. header is set for the first non-blank line. */
static void
parse_line(struct sentiment_data *data, struct parse_state *st,
    const char *p, size_t n, int line, int first)
{
	const char *field[5];
	size_t flen[5], nf = 0;
	int label, split = SENTIMENT_SPLIT_NONE, longrange = 0;

	if (n > SENTIMENT_LINE_MAX) {
		char msg[96];

		snprintf(msg, sizeof msg, "line longer than %d bytes; skipped",
		    SENTIMENT_LINE_MAX);
		line_warning(st, line, msg);
		st->bad++;
		return;
	}
	/* fields between tabs (a trailing tab gives an empty last field) */
	for (size_t i = 0, start = 0; i <= n; i++) {
		if (i == n || p[i] == '\t') {
			if (nf < 5) {
				field[nf] = p + start;
				flen[nf] = i - start;
			}
			nf++;
			start = i + 1;
		}
	}
	while (nf > 1 && nf <= 5) {		/* drop empty trailing fields */
		const char *f = field[nf - 1];
		size_t fl = flen[nf - 1];

		trim(&f, &fl);
		if (fl != 0)
			break;
		nf--;
	}
	for (size_t i = 0; i < nf && i < 5; i++)
		trim(&field[i], &flen[i]);
	if (nf < 2) {
		line_warning(st, line, "no label (expected sentence<TAB>0 or 1); "
		    "skipped");
		st->bad++;
		return;
	}
	if (nf > 4) {
		line_warning(st, line, "too many tab-separated fields (expected "
		    "sentence<TAB>label[<TAB>split[<TAB>longrange]]); skipped");
		st->bad++;
		return;
	}
	if (field_is(field[1], flen[1], "0") || field_is(field[1], flen[1], "1")) {
		label = field[1][0] - '0';
	} else if (first) {
		return;		/* a header line such as "sentence<TAB>label" */
	} else {
		line_warning(st, line, flen[1] == 0 ?
		    "empty label (expected 0 or 1); skipped" :
		    "label is not 0 or 1; skipped");
		st->bad++;
		return;
	}
	if (nf >= 3) {
		if (field_is(field[2], flen[2], "train"))
			split = SENTIMENT_SPLIT_TRAIN;
		else if (field_is(field[2], flen[2], "test"))
			split = SENTIMENT_SPLIT_TEST;
		else {
			line_warning(st, line, "split is not \"train\" or \"test\"; "
			    "skipped");
			st->bad++;
			return;
		}
	}
	if (nf == 4) {
		if (field_is(field[3], flen[3], "0") ||
		    field_is(field[3], flen[3], "1"))
			longrange = field[3][0] - '0';
		else {
			line_warning(st, line, "longrange is not 0 or 1; skipped");
			st->bad++;
			return;
		}
	}
	if (!has_word(field[0], flen[0])) {
		line_warning(st, line, "no words in the sentence; skipped");
		st->bad++;
		return;
	}
	if (!valid_utf8(field[0], flen[0]))
		line_warning(st, line, "bytes that are not UTF-8 (read as spaces)");
	push_example(data, field[0], flen[0], label, split, longrange, line);
}

/* Line by line; the whole parse goes into a scratch set so that data is
 * untouched on error. */
int
sentiment_data_parse(struct sentiment_data *data, const char *buf,
    size_t len, const char *name, struct diag_list *diags)
{
	struct sentiment_data got;
	struct parse_state st = {
		.name = name, .diags = diags, .bad = 0, .warned = 0,
		.unwarned = 0,
	};
	size_t nonblank = 0;
	int line = 0, first = 1;

	if (len > SENTIMENT_FILE_MAX) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "%zu bytes is over the "
		    "limit of %zu MiB for a data file", len,
		    SENTIMENT_FILE_MAX >> 20);
		return SENTIMENT_ETOOBIG;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;	/* a UTF-8 byte order mark */
		len -= 3;
	}
	sentiment_data_init(&got);
	for (size_t i = 0; i < len;) {
		const char *p = buf + i, *nl = memchr(p, '\n', len - i);
		size_t n = nl != NULL ? (size_t)(nl - p) : len - i;
		const char *q = p;
		size_t m = n;

		i += n + (nl != NULL);
		line++;
		trim(&q, &m);
		if (m == 0)
			continue;	/* blank (or only spaces and a CR) */
		nonblank++;
		parse_line(&got, &st, p, n, line, first);
		first = 0;
		if (got.n > SENTIMENT_EXAMPLES_MAX) {
			diag_add(diags, DIAG_ERROR, name, line, 0, "more than %d "
			    "sentences; use a smaller file", SENTIMENT_EXAMPLES_MAX);
			sentiment_data_free(&got);
			return SENTIMENT_ETOOBIG;
		}
	}
	if (st.unwarned > 0)
		diag_add(diags, DIAG_WARNING, name, 0, 0, "%zu more lines with "
		    "problems like those above", st.unwarned);
	if (got.n == 0 || 2 * st.bad > nonblank) {
		if (got.n == 0)
			diag_add(diags, DIAG_ERROR, name, 0, 0, "no usable "
			    "sentences (expected sentence<TAB>label, label 0 or 1)");
		else
			diag_add(diags, DIAG_ERROR, name, 0, 0, "%zu of %zu lines "
			    "cannot be used; is this a sentence<TAB>label file?",
			    st.bad, nonblank);
		sentiment_data_free(&got);
		return SENTIMENT_EFORMAT;
	}
	for (size_t k = 0; k < got.n; k++)
		push_example(data, got.v[k].text, strlen(got.v[k].text),
		    got.v[k].label, got.v[k].split, got.v[k].longrange,
		    got.v[k].line);
	sentiment_data_free(&got);
	return SENTIMENT_OK;
}

/* See sentiment_int.h. A lesson names these files: /dev/tty, a FIFO or
 * /dev/urandom would block the program or never end, so only a regular
 * file of bounded size is read (file_read_regular). */
int
sentiment_read_file(const char *path, size_t max, char **out, size_t *len,
    struct diag_list *diags)
{
	int err = file_read_regular(path, max, out, len);

	if (err == 0)
		return SENTIMENT_OK;
	if (err == EFBIG)
		return SENTIMENT_ETOOBIG;
	if (err == EINVAL)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "not a regular file");
	else
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(err));
	return SENTIMENT_EIO;
}

/* Read a regular file of at most SENTIMENT_FILE_MAX bytes, then parse. */
int
sentiment_data_read(struct sentiment_data *data, const char *path,
    struct diag_list *diags)
{
	size_t len;
	char *buf;
	int rc = sentiment_read_file(path, SENTIMENT_FILE_MAX, &buf, &len, diags);

	if (rc == SENTIMENT_ETOOBIG)
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file is over the limit "
		    "of %zu MiB for a data file", SENTIMENT_FILE_MAX >> 20);
	if (rc != SENTIMENT_OK)
		return rc;
	rc = sentiment_data_parse(data, buf, len, path, diags);
	free(buf);
	return rc;
}

#define CORPUS_NAME "lessons/data/sentiment.tsv"

/* Parse the corpus compiled into the program. */
int
sentiment_data_builtin(struct sentiment_data *data, struct diag_list *diags)
{
	size_t len;
	const char *buf = builtin_data(CORPUS_NAME, &len);

	if (buf == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "no built-in sentiment "
		    "corpus in this program; give one with data=FILE");
		return SENTIMENT_EIO;
	}
	return sentiment_data_parse(data, buf, len, CORPUS_NAME, diags);
}

/* See sentiment.h. */
void
sentiment_data_tokenize(struct sentiment_data *data)
{
	if (data->toks != NULL)
		return;
	data->toks = xcalloc(data->n + 1, sizeof *data->toks);
	for (size_t i = 0; i < data->n; i++) {
		sentiment_tokens_init(&data->toks[i]);
		sentiment_tokenize(&data->toks[i], data->v[i].text,
		    strlen(data->v[i].text));
	}
}

/* See sentiment.h: the one parsed copy of the built-in corpus. It is
 * immutable once made, so every run of the process can share it. */
const struct sentiment_data *
sentiment_corpus(struct diag_list *diags)
{
	static struct sentiment_data corpus;
	static int state;	/* 0 not yet, 1 parsed, -1 broken */

	if (state == 0) {
		sentiment_data_init(&corpus);
		if (sentiment_data_builtin(&corpus, diags) == SENTIMENT_OK) {
			sentiment_data_tokenize(&corpus);
			state = 1;
		} else {
			state = -1;
		}
	}
	if (state < 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the built-in sentiment "
		    "corpus cannot be read");
		return NULL;
	}
	return &corpus;
}

/* Fisher-Yates over the examples without a split, then the first share
 * to the test set. */
void
sentiment_split_assign(unsigned char *out, const struct sentiment_data *data,
    uint64_t seed, double test_fraction)
{
	size_t *idx = xmalloc((data->n + 1) * sizeof *idx), m = 0, ntest;
	struct rng rng;

	for (size_t i = 0; i < data->n; i++) {
		out[i] = (unsigned char)data->v[i].split;
		if (data->v[i].split == SENTIMENT_SPLIT_NONE)
			idx[m++] = i;
	}
	rng_seed(&rng, seed);
	for (size_t i = m; i > 1; i--) {
		size_t j = (size_t)rng_below(&rng, i), t = idx[i - 1];

		idx[i - 1] = idx[j];
		idx[j] = t;
	}
	ntest = (size_t)((double)m * test_fraction + 0.5);
	for (size_t k = 0; k < m; k++)
		out[idx[k]] = k < ntest ? SENTIMENT_SPLIT_TEST :
		    SENTIMENT_SPLIT_TRAIN;
	free(idx);
}

/* In place. */
void
sentiment_data_split(struct sentiment_data *data, uint64_t seed,
    double test_fraction)
{
	unsigned char *s = xmalloc(data->n + 1);

	sentiment_split_assign(s, data, seed, test_fraction);
	for (size_t i = 0; i < data->n; i++)
		data->v[i].split = s[i];
	free(s);
}

/* Fisher-Yates over the training examples, in the order of the data, then
 * the first round(m * fraction) of them (at most m - 1) to validation. */
void
sentiment_val_assign(unsigned char *split, size_t n, uint64_t seed,
    double fraction)
{
	size_t *idx = xmalloc((n + 1) * sizeof *idx), m = 0, nval;
	struct rng rng;

	for (size_t i = 0; i < n; i++)
		if (split[i] == SENTIMENT_SPLIT_TRAIN)
			idx[m++] = i;
	rng_seed(&rng, seed);
	for (size_t i = m; i > 1; i--) {
		size_t j = (size_t)rng_below(&rng, i), t = idx[i - 1];

		idx[i - 1] = idx[j];
		idx[j] = t;
	}
	nval = (size_t)((double)m * fraction + 0.5);
	if (m > 0 && nval > m - 1)
		nval = m - 1;
	for (size_t k = 0; k < nval; k++)
		split[idx[k]] = SENTIMENT_SPLIT_VAL;
	free(idx);
}
