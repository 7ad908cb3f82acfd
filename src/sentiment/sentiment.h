/* sentiment: a sequence-to-one sentiment classifier, trained in seconds.
 *
 * The pipeline of lesson 4, from text to P(positive):
 *
 *   sentence -> words (sentiment_tokenize: lower case; letters, digits and
 *   apostrophes) -> ids (a vocabulary built from the training split; words
 *   seen fewer than min_count times, and words never seen, share id 0,
 *   "<unk>") -> embedding rows x_t (E) -> LSTM, GRU or plain tanh RNN over
 *   t = 1..T (hidden H, PyTorch's equations and layout, see lstm.h, gru.h,
 *   rnn.h)
 *   -> logit z = w . h_T + b -> P(positive) = sigmoid(z), trained on the
 *   binary cross-entropy  L = -[y log p + (1 - y) log(1 - p)]  (the mean
 *   over a mini-batch, as torch.nn.BCEWithLogitsLoss) with Adam (or plain
 *   SGD), gradient clipping by global norm (as
 *   torch.nn.utils.clip_grad_norm_), and
 *   mini-batches of sentences of any length, packed as
 *   torch.nn.utils.rnn.pack_sequence packs them (no padding). The embedding
 *   is updated lazily: its gradient and its Adam step touch only the rows
 *   of the words a batch used (torch.optim.SparseAdam's rule), so a large
 *   vocabulary costs nothing per batch. Training runs in single precision
 *   through batched kernels; the double kernels of lstm.c, gru.c and rnn.c
 *   are the reference the tests check them against.
 *
 * Three sets of sentences: the test split (the data file's, or a seeded
 * 20 %), and the rest split once more into the sentences the model trains
 * on and a validation split (config.val_fraction of them, 10 % by default)
 * that it never trains on, for choosing settings without looking at the
 * test split. The vocabulary comes from the training sentences alone.
 *
 * Determinism: everything random comes from the project's rng, in four
 * streams: seed for the 80/20 split, seed + 1 for the weights, seed + 2 for
 * the order of the batches, seed + 3 for the validation split. A seed gives the same model and the same
 * numbers, bit for bit, however the work is split into
 * sentiment_trainer_step() calls and whichever vector kernels the
 * processor runs.
 *
 * Ownership: struct sentiment_tokens, struct sentiment_data and struct
 * sentiment_prediction are caller-owned storage (_init before use, _free
 * after); they own every string and array they point to. struct
 * sentiment_model and struct sentiment_trainer are opaque heap objects
 * (_create or _load, then _destroy). Functions that can fail return 0 or a
 * negative SENTIMENT_E* code and add messages to the caller's diag_list;
 * nothing here prints or exits (allocation failure ends the program
 * through xmalloc). */
#ifndef RNNTUTOR_SENTIMENT_H
#define RNNTUTOR_SENTIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

enum {
	SENTIMENT_OK = 0,
	SENTIMENT_EIO = -1,		/* a file cannot be opened, read or written */
	SENTIMENT_EFORMAT = -2,		/* data or model file is not what it should be */
	SENTIMENT_ETOOBIG = -3,		/* over one of the size caps below */
	SENTIMENT_EVALUE = -4,		/* a configuration value out of range */
	SENTIMENT_EDIVERGED = -5	/* training gave a loss that is not finite */
};

/* Caps on input. */
#define SENTIMENT_FILE_MAX	((size_t)32 << 20)	/* data file: 32 MiB */
#define SENTIMENT_LINE_MAX	8192	/* bytes in one line of a data file */
#define SENTIMENT_EXAMPLES_MAX	500000	/* sentences in a data file */
#define SENTIMENT_WORD_MAX	64	/* bytes kept of one word */
#define SENTIMENT_VOCAB_MAX	200000	/* words in a vocabulary */
#define SENTIMENT_MODEL_FILE_MAX ((size_t)256 << 20)	/* model file */

/* ---- words ---------------------------------------------------------------
 * A word is a run of letters, digits and apostrophes, lower-cased: ASCII
 * letters, digits, and code points from U+00C0 up that are not punctuation,
 * symbols or spaces (Latin-1, Latin Extended-A, Greek and Cyrillic capitals
 * are lower-cased; the rest is kept as written). The right single quotation
 * mark U+2019 counts as an apostrophe and is written "'"; apostrophes at
 * the start or end of a word are dropped ("'90s" -> "90s", "dogs'" ->
 * "dogs"). Anything else, bytes that are not UTF-8 included, separates
 * words. A word longer than SENTIMENT_WORD_MAX bytes keeps its first
 * SENTIMENT_WORD_MAX bytes (whole code points). */
struct sentiment_tokens {
	size_t n;		/* words */
	char **word;		/* n NUL-terminated words */
	size_t *start;		/* n: byte offset of word i in the text */
	size_t *len;		/* n: its length in bytes in the text */
	size_t cap;
};

void sentiment_tokens_init(struct sentiment_tokens *toks);
void sentiment_tokens_free(struct sentiment_tokens *toks);
/* Replace the contents of toks with the words of text[0..len). */
void sentiment_tokenize(struct sentiment_tokens *toks, const char *text,
    size_t len);

/* ---- data ----------------------------------------------------------------
 * A data file is tab-separated text, one sentence per line:
 *
 *     sentence<TAB>label[<TAB>split[<TAB>longrange]]
 *
 * label is 0 (negative) or 1 (positive); the optional split is "train" or
 * "test"; the optional longrange is 0 or 1 (1: the words that decide the
 * label are far from the end). The reader takes files as people bring
 * them: CRLF or LF, trailing spaces, a UTF-8 byte order mark, blank lines,
 * a header line (a first line whose label is not 0 or 1: skipped
 * silently). A line that cannot be used (no label, a label other than 0 or
 * 1, a bad split, no words, longer than SENTIMENT_LINE_MAX) is skipped with
 * a warning naming its line; a line with bytes that are not UTF-8 is kept
 * (the bytes separate words) with a warning. After 20 such warnings one
 * more summarises the rest. A file where more than half the non-blank
 * lines are bad, or no line is good, is refused with an error. */
enum sentiment_split {
	SENTIMENT_SPLIT_NONE = 0,	/* the file did not say */
	SENTIMENT_SPLIT_TRAIN = 1,
	SENTIMENT_SPLIT_TEST = 2,
	SENTIMENT_SPLIT_VAL = 3		/* never in a file: carved out of the
					 * training split by the trainer */
};

struct sentiment_example {
	char *text;		/* the sentence, NUL-terminated, as in the file */
	int label;		/* 1 positive, 0 negative */
	int split;		/* enum sentiment_split */
	int longrange;		/* 1: in the long-range subset */
	int line;		/* line number in the file */
};

struct sentiment_data {
	struct sentiment_example *v;
	size_t n;
	size_t cap;
	int has_longrange;	/* some example has longrange = 1 */
	struct sentiment_tokens *toks;	/* n: the words of each sentence,
					 * after sentiment_data_tokenize;
					 * NULL before */
};

void sentiment_data_init(struct sentiment_data *data);
void sentiment_data_free(struct sentiment_data *data);
/* Parse buf[0..len) (name is used in messages: "FILE:LINE: ...") and
 * append its sentences to data. Returns 0 (maybe with warnings),
 * SENTIMENT_ETOOBIG (len over SENTIMENT_FILE_MAX, or too many sentences) or
 * SENTIMENT_EFORMAT (mostly wrong, or empty); data is unchanged on error. */
int sentiment_data_parse(struct sentiment_data *data, const char *buf,
    size_t len, const char *name, struct diag_list *diags);
/* Read and parse the file at path (SENTIMENT_EIO if it cannot be read). */
int sentiment_data_read(struct sentiment_data *data, const char *path,
    struct diag_list *diags);

/* Parse the built-in corpus (lessons/data/sentiment.tsv, compiled into
 * the program) into data, as sentiment_data_parse does. */
int sentiment_data_builtin(struct sentiment_data *data,
    struct diag_list *diags);
/* The built-in corpus parsed and tokenised once, on first use, and kept
 * for the life of the program (it never changes); NULL, with messages,
 * when it cannot be parsed. */
const struct sentiment_data *sentiment_corpus(struct diag_list *diags);
/* Tokenise every sentence of data into data->toks, once (a trainer then
 * reuses the words instead of tokenising again). */
void sentiment_data_tokenize(struct sentiment_data *data);

/* Give every example without a split one: a seeded shuffle of them, the
 * first round(n * test_fraction) to the test split, the rest to training.
 * The trainer does the same (fraction 0.2, config.seed) without changing
 * the data. */
void sentiment_data_split(struct sentiment_data *data, uint64_t seed,
    double test_fraction);

/* ---- the model ----------------------------------------------------------- */
enum sentiment_cell {
	SENTIMENT_LSTM = 0,
	SENTIMENT_RNN = 1,	/* Elman, tanh */
	SENTIMENT_GRU = 2	/* gates r, z, n (gru.h) */
};

struct sentiment_model;

void sentiment_model_destroy(struct sentiment_model *model);
/* A deep copy. */
struct sentiment_model *sentiment_model_copy(
    const struct sentiment_model *model);
enum sentiment_cell sentiment_model_cell(const struct sentiment_model *model);
size_t sentiment_model_embed(const struct sentiment_model *model);
size_t sentiment_model_hidden(const struct sentiment_model *model);
/* Words in the vocabulary, "<unk>" (id 0) included. */
size_t sentiment_model_vocab_size(const struct sentiment_model *model);
/* The word with this id (owned by the model); NULL past the end. */
const char *sentiment_model_word(const struct sentiment_model *model,
    size_t id);
/* Trainable numbers: V*E + the cell's (lstm.h, gru.h, rnn.h) + H + 1. */
size_t sentiment_model_param_count(const struct sentiment_model *model);

/* The model file, version 1, all integers little-endian:
 *
 *   bytes  0..7   magic "RNNTSENT"
 *          8..11  u32 version (1)
 *         12..15  u32 cell (0 LSTM, 1 RNN, 2 GRU)
 *         16..19  u32 embed E (1..1024)
 *         20..23  u32 hidden H (1..1024)
 *         24..27  u32 vocabulary size V (1..SENTIMENT_VOCAB_MAX)
 *         28..31  u32 0 (reserved)
 *   then words 1..V-1 (id 0 is "<unk>" and not stored), each a u8 length
 *   (1..SENTIMENT_WORD_MAX) and its bytes;
 *   then every parameter as an IEEE 754 binary32: the cell's weight_ih,
 *   weight_hh, bias_ih, bias_hh (PyTorch's layout: lstm.h, rnn.h, gru.h), the
 *   output layer's weight (H) and bias (1), the embedding (V x E, row by
 *   row);
 *   then u32 CRC-32 (ISO-HDLC, as zlib's crc32) of every byte before it.
 *
 * A file that is not one (magic), of another version, truncated, longer
 * than it says, with a bad checksum, sizes out of range or numbers that
 * are not finite, or a cell other than these three, is refused with
 * SENTIMENT_EFORMAT and a message saying which. (LSTM and RNN files are
 * what they were before the GRU came; the version stays 1.) */
int sentiment_model_save(const struct sentiment_model *model,
    const char *path, struct diag_list *diags);
int sentiment_model_load(struct sentiment_model **out, const char *path,
    struct diag_list *diags);
/* The same to and from memory: *buf is a new heap buffer of *len bytes. */
void sentiment_model_encode(const struct sentiment_model *model,
    unsigned char **buf, size_t *len);
int sentiment_model_decode(struct sentiment_model **out,
    const unsigned char *buf, size_t len, const char *name,
    struct diag_list *diags);

/* ---- what the model says about a sentence -------------------------------- */
struct sentiment_prediction {
	struct sentiment_tokens words;	/* the words, where they are */
	int *unknown;		/* words.n: 1 if the word is not in the vocabulary */
	double *prefix;		/* words.n: P(positive) after words 0..i */
	double p;		/* P(positive) of the sentence (with no words,
				 * what the model says before reading any) */
	/* Inside the model, word by word (words.n each), from the double
	 * kernels of lstm.c, gru.c and rnn.c: */
	double *keep;		/* mean over the H units of the LSTM's forget
				 * gate f_t, or of the GRU's update gate z_t
				 * (the share of the old state kept); NaN for
				 * the plain RNN */
	double *write;		/* mean of the LSTM's input gate i_t; NaN for
				 * the GRU and the RNN */
	double *saliency;	/* ||dz/dx_t||: how much the logit z = w . h_T
				 * + b moves per unit change of word t's
				 * embedding x_t (one backward pass) */
};

void sentiment_prediction_init(struct sentiment_prediction *pred);
void sentiment_prediction_free(struct sentiment_prediction *pred);
/* Run model over text[0..len) and fill pred (old contents replaced). */
void sentiment_predict(struct sentiment_prediction *pred,
    const struct sentiment_model *model, const char *text, size_t len);

/* Accuracy of model on the examples of one split of data, the splits made
 * as the trainer makes them with seed and the default validation share
 * (SENTIMENT_VAL_FRACTION): SENTIMENT_SPLIT_TRAIN is the sentences trained
 * on, SENTIMENT_SPLIT_VAL the validation ones. */
struct sentiment_eval {
	size_t n, correct;	/* examples, and those classified right */
	double accuracy;	/* correct / n; NaN when n is 0 */
	double loss;		/* mean binary cross-entropy */
	size_t long_n, long_correct;	/* the long-range subset */
	double long_accuracy;	/* NaN when long_n is 0 */
};
void sentiment_evaluate(struct sentiment_eval *out,
    const struct sentiment_model *model, const struct sentiment_data *data,
    enum sentiment_split split, uint64_t seed);

/* ---- training ------------------------------------------------------------ */
enum sentiment_optimizer {
	SENTIMENT_ADAM = 0,	/* torch.optim.Adam's defaults, lazy rows */
	SENTIMENT_SGD = 1	/* p -= lr g (the rows a batch used) */
};

/* The default share of the training split held out for validation. */
#define SENTIMENT_VAL_FRACTION 0.1

struct sentiment_config {
	enum sentiment_cell cell;
	size_t embed;		/* E, 1..256 */
	size_t hidden;		/* H, 1..256 */
	size_t epochs;		/* 0..200 */
	size_t batch;		/* sentences per mini-batch, 1..1024 */
	size_t min_count;	/* 1..1000: rarer training words become <unk> */
	enum sentiment_optimizer optimizer;
	double lr;		/* learning rate, (0, 10] */
	double clip;		/* clip the gradient's global norm to this; 0 off */
	double val_fraction;	/* of the training split, to validation: 0..0.5 */
	double rho;		/* 0: W_hh as PyTorch draws it; > 0 (to 10):
				 * each gate block rho x a random orthogonal
				 * matrix (a new model only) */
	uint64_t seed;
};

/* The lesson's settings: LSTM, E = H = 32, 10 epochs, batch 32, min_count 2,
 * Adam, lr 0.005, clip 5, validation 0.1, rho 0 (PyTorch's W_hh), seed 1. */
void sentiment_config_init(struct sentiment_config *cfg);
/* SENTIMENT_EVALUE with a message for the first value out of range. */
int sentiment_config_check(const struct sentiment_config *cfg,
    struct diag_list *diags);

/* A live view trains a little between two reads of the keyboard:
 *
 *     sentiment_config_init(&cfg);            (or the lesson's knobs)
 *     sentiment_data_builtin(&data, &diags);
 *     sentiment_trainer_create(&tr, &cfg, &data, NULL, &diags);
 *     while (!cancelled && sentiment_trainer_step(tr, 4, &diags) == 1) {
 *             sentiment_trainer_progress(tr, &progress);
 *             losses = sentiment_trainer_batch_losses(tr, &n);
 *             ... draw, read a key (Esc: cancelled = 1) ...
 *     }
 *     sentiment_predict(&pred, sentiment_trainer_model(tr), text, len);
 *     sentiment_trainer_destroy(tr);
 */
struct sentiment_trainer;

/* A trainer for cfg on data. Examples without a split are split 80/20 by
 * cfg->seed, and cfg->val_fraction of the training split goes to
 * validation (sentiment_val_assign). With start NULL the model is new: the
 * vocabulary comes from the sentences trained on, the weights from cfg->seed (embedding N(0, 1), cell
 * and output layer U(-1/sqrt(H), 1/sqrt(H)), PyTorch's defaults; then,
 * with cfg->rho > 0, W_hh's blocks from sentiment_model_orthogonal_hh); with a
 * start model training continues from a copy of it (its cell, sizes and
 * vocabulary win over cfg's). data is read only here: the trainer keeps
 * what it needs. Returns SENTIMENT_EVALUE (cfg out of range) or
 * SENTIMENT_EFORMAT (no training or no test sentences). Cancel a run by
 * destroying the trainer. */
int sentiment_trainer_create(struct sentiment_trainer **out,
    const struct sentiment_config *cfg, const struct sentiment_data *data,
    const struct sentiment_model *start, struct diag_list *diags);
void sentiment_trainer_destroy(struct sentiment_trainer *trainer);

/* Do at most max_units units of work: a unit is one training mini-batch
 * (forward, backward, update) or one mini-batch of the validation or the
 * test set at the end of an epoch (about a millisecond at the lesson's settings on a PC of
 * 2020, a few on a slow one). Returns 1 while
 * work remains, 0 when training is done, SENTIMENT_EDIVERGED (with a
 * message) if the loss or the gradient's norm stopped being finite (the
 * update is not applied and the trainer stays done; what it logged so far
 * stays readable).
 * The results do not depend on how the work is divided between calls. */
int sentiment_trainer_step(struct sentiment_trainer *trainer,
    size_t max_units, struct diag_list *diags);

struct sentiment_progress {
	size_t epoch;		/* epochs finished */
	size_t epochs;
	size_t batch;		/* training batches done in the current epoch */
	size_t batches;		/* training batches per epoch */
	size_t units_done, units_total;	/* sentiment_trainer_step's units */
	double fraction;	/* units_done / units_total (1 when there is none) */
	double seconds;		/* time spent inside sentiment_trainer_step */
	size_t train_n;		/* sentences trained on (validation excluded) */
	size_t val_n, test_n, long_n;	/* sentences in each set */
	size_t train_tokens;	/* words of the sentences trained on */
	size_t val_tokens;	/* words in the validation split */
	size_t test_tokens;	/* words in the test split */
	size_t vocab;		/* vocabulary size, <unk> included */
	size_t diverged_at;	/* the update that diverged (1-based); 0 none */
	int done;
};
void sentiment_trainer_progress(const struct sentiment_trainer *trainer,
    struct sentiment_progress *progress);

/* One line of history per finished epoch. */
struct sentiment_epoch {
	double train_loss;	/* mean loss over the epoch's training batches */
	double train_acc;	/* accuracy on them, as the weights moved */
	double val_loss;	/* NaN when there is no validation split */
	double val_acc;		/* after the epoch; NaN as val_loss */
	double test_loss;
	double test_acc;	/* after the epoch */
	double long_acc;	/* on the test split's long-range subset; NaN if none */
	double seconds;		/* this epoch's compute time */
};
/* The finished epochs (*n of them); valid until the next step. */
const struct sentiment_epoch *sentiment_trainer_epochs(
    const struct sentiment_trainer *trainer, size_t *n);
/* The loss of every training batch so far, in order; valid until the
 * next step. */
const double *sentiment_trainer_batch_losses(
    const struct sentiment_trainer *trainer, size_t *n);

/* What every update so far saw (arrays valid until the next step). The
 * norm is over the whole gradient, the embedding rows a batch used
 * included, computed in double, as torch.nn.utils.clip_grad_norm_
 * returns it; the clipped norm is that norm times clipping's factor
 * clip / (norm + 1e-6) when norm > clip, else the norm itself. */
struct sentiment_updates {
	const double *loss;		/* n: mean loss of the batch */
	const double *grad_norm;	/* n: ||g|| before clipping */
	const double *clipped_norm;	/* n: ||g|| the update used */
	size_t n;			/* updates applied */
	size_t clipped;			/* of them, those clipping scaled down */
};
void sentiment_trainer_updates(const struct sentiment_trainer *trainer,
    struct sentiment_updates *out);
/* The model as trained so far, owned by the trainer: the pointer is valid
 * until sentiment_trainer_destroy, the weights change with every step
 * (sentiment_model_copy keeps a snapshot). */
const struct sentiment_model *sentiment_trainer_model(
    const struct sentiment_trainer *trainer);

#endif
