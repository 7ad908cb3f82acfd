/* sentiment_int: what the files of src/sentiment/ share.
 *
 * Internal to the sentiment pipeline (tokenize.c, vocab.c, data.c, model.c, train.c, predict.c,
 * model_io.c, sims_sentiment.c) and its tests; everything else uses
 * sentiment.h. The numeric kernels (kernel.c) never allocate;
 * everything else may (xmalloc).
 *
 * Shapes: B sentences in a batch, T the longest, N their words in all,
 * V words in the vocabulary, E the embedding size, H the hidden size and G
 * the gate rows (4H for the LSTM, 3H for the GRU, H for the RNN). */
#ifndef RNNTUTOR_SENTIMENT_INT_H
#define RNNTUTOR_SENTIMENT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "nn/rng.h"
#include "sentiment/sentiment.h"

/* ---- vocab.c --------------------------------------------------------------
 * Words and their ids, with a hash table; id 0 is always "<unk>".
 * Caller-owned storage: _init/_free. */
struct sentiment_vocab {
	char **word;		/* n words */
	size_t n;
	uint32_t *slot;		/* nslots: id + 1 of the word hashed there, 0 empty */
	size_t nslots;		/* a power of two, at least 2n */
};

/* Read the regular file at path, of at most max bytes, into *out, a heap
 * buffer (NUL-terminated after *len bytes) the caller frees. A FIFO, a
 * terminal or another device is refused without a byte read. Returns
 * SENTIMENT_OK; SENTIMENT_ETOOBIG when the file is larger than max (no
 * message: the caller says which limit); SENTIMENT_EIO with a message. */
int sentiment_read_file(const char *path, size_t max, char **out,
    size_t *len, struct diag_list *diags);

void sentiment_vocab_init(struct sentiment_vocab *vocab);
void sentiment_vocab_free(struct sentiment_vocab *vocab);
void sentiment_vocab_copy(struct sentiment_vocab *dst,
    const struct sentiment_vocab *src);
/* The id of word, adding it if new. */
size_t sentiment_vocab_add(struct sentiment_vocab *vocab, const char *word);
/* The id of word, or 0 ("<unk>") when it is not there. */
size_t sentiment_vocab_id(const struct sentiment_vocab *vocab,
    const char *word);
/* A new vocabulary: "<unk>", then every word of sents[0..nsents) seen at
 * least min_count times, most frequent first, ties in byte order, at most
 * SENTIMENT_VOCAB_MAX words in all. */
void sentiment_vocab_build(struct sentiment_vocab *vocab,
    const struct sentiment_tokens *sents, size_t nsents, size_t min_count);

/* ---- the network: pointers into one flat float array ---------------------
 * The dense part first (the cell in PyTorch's layout, then the output
 * layer), then the embedding, so the optimizer can treat the dense part as
 * one array and the embedding row by row. */
struct sentiment_net {
	float *w_ih;		/* G x E */
	float *w_hh;		/* G x H */
	float *b_ih;		/* G */
	float *b_hh;		/* G */
	float *head_w;		/* H */
	float *head_b;		/* 1 */
	float *emb;		/* V x E */
};

struct sentiment_dims {
	enum sentiment_cell cell;
	size_t embed;		/* E */
	size_t hidden;		/* H */
	size_t gates;		/* G: 4H, 3H or H */
};

void sentiment_dims_set(struct sentiment_dims *d, enum sentiment_cell cell,
    size_t embed, size_t hidden);
/* Floats of the dense part: G*E + G*H + 2G + H + 1. */
size_t sentiment_dense_count(const struct sentiment_dims *d);
/* Point net into flat (dense part, then V x E). */
void sentiment_net_point(struct sentiment_net *net, float *flat,
    const struct sentiment_dims *d);

struct sentiment_model {
	struct sentiment_dims dims;
	struct sentiment_vocab vocab;
	float *param;		/* nparam = ndense + V*E */
	size_t nparam, ndense;
	struct sentiment_net net;	/* points into param */
};

/* A model with vocab (taken over: *vocab is left empty) and zero weights. */
struct sentiment_model *sentiment_model_new(enum sentiment_cell cell,
    size_t embed, size_t hidden, struct sentiment_vocab *vocab);
/* PyTorch's initialisation from rng: the cell (lstm_init_default,
 * gru_init_default or rnn_init_default), the output layer U(-1/sqrt(H), 1/sqrt(H)) (weight,
 * then bias), the embedding N(0, 1), drawn in that order in double and
 * rounded to float. */
void sentiment_model_init_weights(struct sentiment_model *model,
    struct rng *rng);

/* Replace every H x H gate block of W_hh (one for the RNN, three for the
 * GRU, four for the LSTM, in order) by rho times a random orthogonal
 * matrix drawn from rng (N(0, 1) entries, orthonormalised by rows: Haar
 * distributed), as torch.nn.init.orthogonal_(w, gain=rho) does per block. */
void sentiment_model_orthogonal_hh(struct sentiment_model *model,
    struct rng *rng, double rho);

/* ---- kernel.c: batched single-precision kernels -----------------
 *
 * A packed batch holds B sentences sorted longest first, step by step: the
 * rows of step t (t = 0..T-1) are the batch[t] sentences longer than t, as
 * rows offset[t] .. offset[t] + batch[t] - 1, and row r of a step is always
 * sentence r (torch.nn.utils.rnn.PackedSequence's layout). */
struct sentiment_pack {
	size_t steps;		/* T */
	size_t rows;		/* B */
	size_t tokens;		/* N */
	size_t *batch;		/* T, non-increasing */
	size_t *offset;		/* T */
};

/* What the forward pass keeps for the backward pass. */
struct sentiment_cache {
	float *x;		/* N x E: the inputs, filled by the caller */
	float *z;		/* N x G: LSTM gates i, f, g, o after their
				 * activations; GRU r, z, n after theirs;
				 * RNN h_t */
	float *zh;		/* N x G: GRU b_hh + W_hh h_{t-1} */
	float *c;		/* N x H: LSTM c_t */
	float *tc;		/* N x H: LSTM tanh(c_t) */
	float *hprev;		/* N x H: h_{t-1} (zeros at t = 0) */
	float *hlast;		/* B x H: each sentence's last h */
};

/* The matrix products, transpose and Adam are nn/sgemm.h's. */

/* e^x in single precision, with our own polynomial (the same bits on every
 * machine, vectorised or not); within 2 ulp for x in [-87, 88]. */
float sentiment_expf(float x);

/* Which kernels run: generic ones on 16-byte vectors (any processor), or
 * on x86 processors with AVX2 32-byte ones, chosen at the first call (this
 * is nn/sgemm.h's choice, nn_isa(), under the pipeline's names). Both
 * give the same bits. sentiment_kernel_isa_set() lets the tests force the
 * generic kernels (SENTIMENT_ISA_AVX2 asks for the best again) and returns
 * the previous choice. */
enum sentiment_isa {
	SENTIMENT_ISA_GENERIC,
	SENTIMENT_ISA_AVX2
};
enum sentiment_isa sentiment_kernel_isa(void);
enum sentiment_isa sentiment_kernel_isa_set(enum sentiment_isa want);

/* Forward over a packed batch:
 *   z_t = b_ih + b_hh + W_ih x_t + W_hh h_{t-1}      (G, rows of step t)
 *   LSTM: i, f, o = sigmoid, g = tanh; c_t = f c_{t-1} + i g;
 *         h_t = o tanh(c_t)                          (lstm.h)
 *   GRU:  z_t = b_ih + W_ih x_t, zh_t = b_hh + W_hh h_{t-1}; r, z =
 *         sigmoid of the sums of their blocks, n = tanh(z_n + r zh_n),
 *         h_t = n + z (h_{t-1} - n)                  (gru.h)
 *   RNN:  h_t = tanh(z_t)                            (rnn.h)
 * cache->x must hold the N inputs; wt_ih (E x G) and wt_hh (H x G) are
 * W_ih^T and W_hh^T. Fills the rest of cache. */
void sentiment_kernel_forward(struct sentiment_cache *cache,
    const struct sentiment_net *net, const float *wt_ih, const float *wt_hh,
    const struct sentiment_pack *pk, const struct sentiment_dims *d);

/* Backward through time over a packed batch (the equations of lstm.h,
 * gru.h and rnn.h, all sentences at once):
 *   dx     N x E, = dL/dx_t (overwritten)
 *   grad   += dL/dW_ih, dW_hh, db_ih, db_hh (only those four are touched)
 *   dz     N x G work: dL/dz_t
 *   dzh    N x G work: the GRU's dL/dzh_t (unused by the others)
 *   gh, gc B x H work: running dL/dh_t and dL/dc_t (GRU: z_t dL/dh_t)
 *   dhlast B x H: dL/dh of each sentence's last step */
void sentiment_kernel_backward(float *dx, struct sentiment_net *grad,
    float *dz, float *dzh, float *gh, float *gc, const float *dhlast,
    const struct sentiment_cache *cache, const struct sentiment_net *net,
    const struct sentiment_pack *pk, const struct sentiment_dims *d);

/* ---- model.c: one mini-batch through the model ----------------- */

/* A sentence as word ids. */
struct sentiment_seq {
	const int32_t *id;
	size_t len;
	int label;
};

/* Scratch space for mini-batches of at most max_rows sentences and
 * max_tokens words. Caller-owned storage: _init/_free. */
struct sentiment_batch {
	struct sentiment_dims dims;
	size_t max_rows, max_tokens, max_steps;
	struct sentiment_pack pack;
	struct sentiment_cache cache;
	size_t *order;		/* B: row r is sentence order[r] */
	int32_t *row_id;	/* N: the word id of each packed row */
	double *logit;		/* B, in the caller's order */
	float *dhlast;		/* B x H */
	float *dz;		/* N x G */
	float *dzh;		/* N x G (GRU) */
	float *dx;		/* N x E */
	float *gh, *gc;		/* B x H each */
	float *wt_ih, *wt_hh;	/* E x G, H x G */
};

void sentiment_batch_init(struct sentiment_batch *batch,
    const struct sentiment_dims *d, size_t max_rows, size_t max_tokens);
void sentiment_batch_free(struct sentiment_batch *batch);
/* Logits of seqs[0..count) (count <= max_rows, their words <= max_tokens)
 * into batch->logit. */
void sentiment_batch_forward(struct sentiment_batch *batch,
    const struct sentiment_model *model, const struct sentiment_seq *seqs,
    size_t count);
/* After sentiment_batch_forward: the mean binary cross-entropy of the
 * batch; with grad (the layout of model->param) non-NULL, += its gradient.
 * The embedding gradient goes only to the rows of the words used. *correct
 * (if non-NULL) gets the sentences classified right. */
double sentiment_batch_backward(struct sentiment_batch *batch,
    struct sentiment_net *grad, const struct sentiment_model *model,
    const struct sentiment_seq *seqs, size_t count, size_t *correct);

/* The reference: the same loss and gradient (+=, grad of nparam doubles; NULL
 * for none) in double precision, sentence by sentence through lstm.c,
 * gru.c and rnn.c, with the weights theta (nparam doubles in the layout of
 * model->param; NULL: the model's own). For the tests. */
double sentiment_model_loss_double(const struct sentiment_model *model,
    const double *theta, const struct sentiment_seq *seqs, size_t count,
    double *grad);

/* ---- inside.c: one sentence, word by word, in double -------------------- */

/* The logit z = w . h_T + b of the model over the inputs x (steps x E, row
 * t the embedding of word t + 1), in double through lstm.c, gru.c or
 * rnn.c from h_0 = c_0 = 0. With dx non-NULL (steps x E) it also gets
 * dz/dx_t, one backward pass through time from dz/dh_T = w; keep and
 * write (steps each, either may be NULL) get the mean over the H units of
 * the gates at each step: keep the LSTM's forget gate f_t or the GRU's
 * update gate z_t (the share of the old state kept), write the LSTM's
 * input gate i_t; NaN where the cell has no such gate. */
double sentiment_logit_x(double *dx, double *keep, double *write,
    const struct sentiment_model *model, const double *x, size_t steps);
/* For the words ids[0..steps): keep and write as above, and saliency[t]
 * = ||dz/dx_t||, the Euclidean norm of the logit's gradient with respect
 * to word t's embedding (steps values each). */
void sentiment_inside(double *keep, double *write, double *saliency,
    const struct sentiment_model *model, const int32_t *ids, size_t steps);

/* ---- data.c ---------------------------------------------------- */

/* The split each example of data gets: its own, or the seeded 80/20 one of
 * sentiment_data_split (out: data->n values of enum sentiment_split). */
void sentiment_split_assign(unsigned char *out,
    const struct sentiment_data *data, uint64_t seed, double test_fraction);

/* Carve the validation split out of the training split: split (n values
 * of enum sentiment_split, as sentiment_split_assign fills it) gets
 * SENTIMENT_SPLIT_VAL for the first round(m * fraction) of its m training
 * examples (at most m - 1, so that one is left to train on) in a
 * Fisher-Yates shuffle of them seeded with seed. */
void sentiment_val_assign(unsigned char *split, size_t n, uint64_t seed,
    double fraction);

/* ---- numbers ------------------------------------------------------------- */

/* The binary cross-entropy of logit z for label y, computed stably:
 * max(z, 0) - z y + log(1 + e^-|z|). */
double sentiment_bce(double z, int y);
/* 1 / (1 + e^-z) */
double sentiment_sigmoid(double z);

#endif
