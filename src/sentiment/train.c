/* sentiment_train: the incremental trainer (mini-batches, clipping, Adam
 * with lazy embedding rows or plain SGD, a log of every update's gradient
 * norm, evaluation on the validation and the test split after every
 * epoch). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "nn/sgemm.h"
#include "sentiment/sentiment_int.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* Four seeded streams, one per purpose, so that changing one use (say,
 * the number of epochs) never moves the others. */
#define STREAM_SPLIT	0	/* sentiment_data_split's shuffle: the seed itself */
#define STREAM_WEIGHTS	1
#define STREAM_SHUFFLE	2
#define STREAM_VAL	3	/* sentiment_val_assign's shuffle */

#define TEST_FRACTION	0.2

enum phase {
	PHASE_TRAIN,		/* the next unit is a training batch */
	PHASE_VAL,		/* the next unit is a validation batch */
	PHASE_EVAL,		/* the next unit is a test batch */
	PHASE_DONE
};

struct sentiment_trainer {
	struct sentiment_config cfg;
	struct sentiment_model *model;

	/* the sentences as word ids, in one array */
	int32_t *ids;
	struct sentiment_seq *train, *val, *test;
	unsigned char *test_long;	/* ntest: in the long-range subset */
	size_t ntrain, nval, ntest, nlong;
	size_t train_tokens, val_tokens, test_tokens;

	/* optimisation state */
	float *grad;			/* nparam, the layout of model->param */
	struct sentiment_net gnet;	/* points into grad */
	float *adam_m, *adam_v;		/* nparam each */
	unsigned long adam_t;
	uint32_t *stamp;		/* V: the batch that last used a row */
	uint32_t batch_no;
	size_t *touched, ntouched;	/* embedding rows this batch used */
	struct sentiment_batch batch;
	struct sentiment_seq *bseqs;	/* the current batch's sentences */
	size_t *perm;			/* ntrain: this epoch's order */
	struct rng shuffle;

	/* where we are */
	enum phase phase;
	size_t epoch, pos, nbatches, nvalb, neval;
	double ep_loss, ep_seconds;
	size_t ep_correct, ep_n;
	double ev_loss;
	size_t ev_correct, ev_long_correct;
	double val_loss, val_acc;	/* of this epoch, once measured */
	double seconds;

	/* history: one entry per update */
	double *batch_loss, *grad_norm, *clipped_norm;
	size_t nbatch_loss, nclipped, diverged_at;
	struct sentiment_epoch *epochs;
	size_t nepochs;
};

/* The lesson's settings. */
void
sentiment_config_init(struct sentiment_config *cfg)
{
	cfg->cell = SENTIMENT_LSTM;
	cfg->embed = 32;
	cfg->hidden = 32;
	cfg->epochs = 10;
	cfg->batch = 32;
	cfg->min_count = 2;
	cfg->optimizer = SENTIMENT_ADAM;
	cfg->lr = 0.005;
	cfg->clip = 5.0;
	cfg->val_fraction = SENTIMENT_VAL_FRACTION;
	cfg->rho = 0.0;
	cfg->seed = 1;
}

/* Each value against its range. */
int
sentiment_config_check(const struct sentiment_config *cfg,
    struct diag_list *diags)
{
	const char *bad = NULL;

	if (cfg->cell != SENTIMENT_LSTM && cfg->cell != SENTIMENT_RNN &&
	    cfg->cell != SENTIMENT_GRU)
		bad = "model must be lstm, rnn or gru";
	else if (cfg->embed < 1 || cfg->embed > 256)
		bad = "embed must be 1..256";
	else if (cfg->hidden < 1 || cfg->hidden > 256)
		bad = "hidden must be 1..256";
	else if (cfg->epochs > 200)
		bad = "epochs must be 0..200";
	else if (cfg->batch < 1 || cfg->batch > 1024)
		bad = "batch must be 1..1024";
	else if (cfg->min_count < 1 || cfg->min_count > 1000)
		bad = "min_count must be 1..1000";
	else if (cfg->optimizer != SENTIMENT_ADAM &&
	    cfg->optimizer != SENTIMENT_SGD)
		bad = "optimizer must be adam or sgd";
	else if (!(cfg->lr > 0.0 && cfg->lr <= 10.0))
		bad = "lr must be in (0, 10]";
	else if (!(cfg->clip >= 0.0 && cfg->clip <= 1e6))
		bad = "clip must be 0..1e6";
	else if (!(cfg->val_fraction >= 0.0 && cfg->val_fraction <= 0.5))
		bad = "val_fraction must be 0..0.5";
	else if (!(cfg->rho >= 0.0 && cfg->rho <= 10.0))
		bad = "rho must be 0..10";
	if (bad == NULL)
		return SENTIMENT_OK;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, "sentiment: %s", bad);
	return SENTIMENT_EVALUE;
}

/* The words of the count longest sentences of seqs: the most one batch of
 * them can hold. */
static size_t
max_batch_tokens(const struct sentiment_seq *seqs, size_t n, size_t count)
{
	size_t *len = xmalloc((n + 1) * sizeof *len), sum = 0;

	for (size_t i = 0; i < n; i++)
		len[i] = seqs[i].len;
	/* Shell sort, longest first */
	for (size_t gap = n / 2; gap > 0; gap /= 2)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && len[j - gap] < len[j];
			    j -= gap) {
				size_t t = len[j];

				len[j] = len[j - gap];
				len[j - gap] = t;
			}
	for (size_t i = 0; i < n && i < count; i++)
		sum += len[i];
	free(len);
	return sum;
}

/* Tokenize every example, build (or take) the vocabulary from the
 * sentences trained on, store ids. */
static void
load_sentences(struct sentiment_trainer *tr, const struct sentiment_data *data,
    const unsigned char *split, const struct sentiment_model *start,
    struct sentiment_vocab *vocab)
{
	struct sentiment_tokens *toks = data->toks, *train_toks;
	size_t nwords = 0, ntrain = 0, at = 0;

	if (toks == NULL) {	/* not tokenised yet: words of our own */
		toks = xcalloc(data->n + 1, sizeof *toks);
		for (size_t i = 0; i < data->n; i++) {
			sentiment_tokens_init(&toks[i]);
			sentiment_tokenize(&toks[i], data->v[i].text,
			    strlen(data->v[i].text));
		}
	}
	for (size_t i = 0; i < data->n; i++) {
		nwords += toks[i].n;
		ntrain += split[i] == SENTIMENT_SPLIT_TRAIN;
	}
	if (start != NULL) {
		sentiment_vocab_copy(vocab, &start->vocab);
	} else {
		train_toks = xcalloc(ntrain + 1, sizeof *train_toks);
		for (size_t i = 0, k = 0; i < data->n; i++)
			if (split[i] == SENTIMENT_SPLIT_TRAIN)
				train_toks[k++] = toks[i];	/* shallow */
		sentiment_vocab_build(vocab, train_toks, ntrain,
		    tr->cfg.min_count);
		free(train_toks);
	}
	tr->ids = xmalloc((nwords + 1) * sizeof *tr->ids);
	tr->train = xcalloc(ntrain + 1, sizeof *tr->train);
	tr->val = xcalloc(data->n - ntrain + 1, sizeof *tr->val);
	tr->test = xcalloc(data->n - ntrain + 1, sizeof *tr->test);
	tr->test_long = xcalloc(data->n - ntrain + 1, 1);
	for (size_t i = 0; i < data->n; i++) {
		struct sentiment_seq *s;

		for (size_t w = 0; w < toks[i].n; w++)
			tr->ids[at + w] = (int32_t)sentiment_vocab_id(vocab,
			    toks[i].word[w]);
		if (split[i] == SENTIMENT_SPLIT_TRAIN) {
			s = &tr->train[tr->ntrain++];
			tr->train_tokens += toks[i].n;
		} else if (split[i] == SENTIMENT_SPLIT_VAL) {
			s = &tr->val[tr->nval++];
			tr->val_tokens += toks[i].n;
		} else {
			tr->test_tokens += toks[i].n;
			tr->test_long[tr->ntest] = data->v[i].longrange != 0;
			tr->nlong += data->v[i].longrange != 0;
			s = &tr->test[tr->ntest++];
		}
		s->id = tr->ids + at;
		s->len = toks[i].n;
		s->label = data->v[i].label;
		at += toks[i].n;
	}
	if (toks != data->toks) {
		for (size_t i = 0; i < data->n; i++)
			sentiment_tokens_free(&toks[i]);
		free(toks);
	}
}

/* Split, tokenize, build or copy the model, size every buffer once. */
int
sentiment_trainer_create(struct sentiment_trainer **out,
    const struct sentiment_config *cfg, const struct sentiment_data *data,
    const struct sentiment_model *start, struct diag_list *diags)
{
	struct sentiment_trainer *tr;
	struct sentiment_vocab vocab;
	unsigned char *split;
	size_t maxtok, test_maxtok, val_maxtok, nparam;
	struct rng wrng;

	*out = NULL;
	if (sentiment_config_check(cfg, diags) != SENTIMENT_OK)
		return SENTIMENT_EVALUE;
	tr = xcalloc(1, sizeof *tr);
	tr->cfg = *cfg;
	split = xmalloc(data->n + 1);
	sentiment_split_assign(split, data, cfg->seed + STREAM_SPLIT,
	    TEST_FRACTION);
	sentiment_val_assign(split, data->n, cfg->seed + STREAM_VAL,
	    cfg->val_fraction);
	load_sentences(tr, data, split, start, &vocab);
	free(split);
	if (tr->ntrain == 0 || tr->ntest == 0) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "sentiment: no %s "
		    "sentences in the data", tr->ntrain == 0 ? "training" :
		    "test");
		sentiment_vocab_free(&vocab);
		sentiment_trainer_destroy(tr);
		return SENTIMENT_EFORMAT;
	}
	if (start != NULL) {
		sentiment_vocab_free(&vocab);
		tr->model = sentiment_model_copy(start);
		tr->cfg.cell = start->dims.cell;
		tr->cfg.embed = start->dims.embed;
		tr->cfg.hidden = start->dims.hidden;
	} else {
		tr->model = sentiment_model_new(cfg->cell, cfg->embed,
		    cfg->hidden, &vocab);
		rng_seed(&wrng, cfg->seed + STREAM_WEIGHTS);
		sentiment_model_init_weights(tr->model, &wrng);
		if (cfg->rho > 0.0)
			sentiment_model_orthogonal_hh(tr->model, &wrng,
			    cfg->rho);
	}
	rng_seed(&tr->shuffle, cfg->seed + STREAM_SHUFFLE);

	nparam = tr->model->nparam;
	tr->grad = xcalloc(nparam, sizeof *tr->grad);
	sentiment_net_point(&tr->gnet, tr->grad, &tr->model->dims);
	tr->adam_m = xcalloc(nparam, sizeof *tr->adam_m);
	tr->adam_v = xcalloc(nparam, sizeof *tr->adam_v);
	tr->stamp = xcalloc(tr->model->vocab.n, sizeof *tr->stamp);
	tr->touched = xcalloc(tr->model->vocab.n, sizeof *tr->touched);
	maxtok = max_batch_tokens(tr->train, tr->ntrain, tr->cfg.batch);
	test_maxtok = max_batch_tokens(tr->test, tr->ntest, tr->cfg.batch);
	val_maxtok = max_batch_tokens(tr->val, tr->nval, tr->cfg.batch);
	if (test_maxtok > maxtok)
		maxtok = test_maxtok;
	if (val_maxtok > maxtok)
		maxtok = val_maxtok;
	sentiment_batch_init(&tr->batch, &tr->model->dims, tr->cfg.batch,
	    maxtok);
	tr->bseqs = xcalloc(tr->cfg.batch, sizeof *tr->bseqs);
	tr->perm = xcalloc(tr->ntrain, sizeof *tr->perm);
	tr->nbatches = (tr->ntrain + tr->cfg.batch - 1) / tr->cfg.batch;
	tr->nvalb = (tr->nval + tr->cfg.batch - 1) / tr->cfg.batch;
	tr->neval = (tr->ntest + tr->cfg.batch - 1) / tr->cfg.batch;
	tr->batch_loss = xcalloc(tr->cfg.epochs * tr->nbatches + 1,
	    sizeof *tr->batch_loss);
	tr->grad_norm = xcalloc(tr->cfg.epochs * tr->nbatches + 1,
	    sizeof *tr->grad_norm);
	tr->clipped_norm = xcalloc(tr->cfg.epochs * tr->nbatches + 1,
	    sizeof *tr->clipped_norm);
	tr->epochs = xcalloc(tr->cfg.epochs + 1, sizeof *tr->epochs);
	tr->phase = tr->cfg.epochs > 0 ? PHASE_TRAIN : PHASE_DONE;
	*out = tr;
	return SENTIMENT_OK;
}

/* Free everything (NULL is fine): this is how a run is cancelled. */
void
sentiment_trainer_destroy(struct sentiment_trainer *tr)
{
	if (tr == NULL)
		return;
	sentiment_model_destroy(tr->model);
	free(tr->ids);
	free(tr->train);
	free(tr->val);
	free(tr->test);
	free(tr->test_long);
	free(tr->grad);
	free(tr->adam_m);
	free(tr->adam_v);
	free(tr->stamp);
	free(tr->touched);
	if (tr->batch.order != NULL)
		sentiment_batch_free(&tr->batch);
	free(tr->bseqs);
	free(tr->perm);
	free(tr->batch_loss);
	free(tr->grad_norm);
	free(tr->clipped_norm);
	free(tr->epochs);
	free(tr);
}

/* A new order of the training sentences (Fisher-Yates). */
static void
shuffle_epoch(struct sentiment_trainer *tr)
{
	for (size_t i = 0; i < tr->ntrain; i++)
		tr->perm[i] = i;
	for (size_t i = tr->ntrain; i > 1; i--) {
		size_t j = (size_t)rng_below(&tr->shuffle, i), t = tr->perm[i - 1];

		tr->perm[i - 1] = tr->perm[j];
		tr->perm[j] = t;
	}
}

/* The embedding rows the batch used, each once, in order of first use. */
static void
collect_rows(struct sentiment_trainer *tr)
{
	const struct sentiment_batch *b = &tr->batch;

	tr->batch_no++;
	tr->ntouched = 0;
	for (size_t row = 0; row < b->pack.tokens; row++) {
		size_t id = (size_t)b->row_id[row];

		if (tr->stamp[id] != tr->batch_no) {
			tr->stamp[id] = tr->batch_no;
			tr->touched[tr->ntouched++] = id;
		}
	}
}

/* ||g|| over the dense gradient and the rows used, then scale it to clip
 * as torch.nn.utils.clip_grad_norm_ does: g *= clip / (||g|| + 1e-6).
 * Returns ||g|| before; *after gets the norm the update will use. */
static double
clip_gradient(struct sentiment_trainer *tr, double *after)
{
	size_t ne = tr->model->dims.embed, nd = tr->model->ndense;
	double sumsq = 0.0, norm;
	float coef;

	for (size_t k = 0; k < nd; k++)
		sumsq += (double)tr->grad[k] * tr->grad[k];
	for (size_t r = 0; r < tr->ntouched; r++) {
		const float *g = tr->gnet.emb + tr->touched[r] * ne;

		for (size_t e = 0; e < ne; e++)
			sumsq += (double)g[e] * g[e];
	}
	norm = sqrt(sumsq);
	*after = norm;
	if (tr->cfg.clip <= 0.0 || !(norm > tr->cfg.clip) || !isfinite(norm))
		return norm;
	coef = (float)(tr->cfg.clip / (norm + 1e-6));
	*after = norm * (double)coef;
	tr->nclipped++;
	for (size_t k = 0; k < nd; k++)
		tr->grad[k] *= coef;
	for (size_t r = 0; r < tr->ntouched; r++) {
		float *g = tr->gnet.emb + tr->touched[r] * ne;

		for (size_t e = 0; e < ne; e++)
			g[e] *= coef;
	}
	return norm;
}

/* p -= lr g (torch.optim.SGD without momentum: p + (-lr) g, the same bits)
 * on n floats. */
static void
sgd(float *p, const float *g, size_t n, float lr)
{
	for (size_t k = 0; k < n; k++)
		p[k] = p[k] - lr * g[k];
}

/* Adam on the dense part and on the embedding rows used (the others keep
 * their moments until a batch uses them: "lazy" Adam, as
 * torch.optim.SparseAdam), or SGD on the same numbers, then zero the
 * gradient for the next batch. */
static void
update(struct sentiment_trainer *tr)
{
	const struct sentiment_model *m = tr->model;
	size_t ne = m->dims.embed, nd = m->ndense;
	double t;
	float step_size, c2_sqrt;

	if (tr->cfg.optimizer == SENTIMENT_SGD) {
		float lr = (float)tr->cfg.lr;

		sgd(m->param, tr->grad, nd, lr);
		for (size_t r = 0; r < tr->ntouched; r++) {
			size_t at = nd + tr->touched[r] * ne;

			sgd(m->param + at, tr->grad + at, ne, lr);
			memset(tr->grad + at, 0, ne * sizeof *tr->grad);
		}
		memset(tr->grad, 0, nd * sizeof *tr->grad);
		return;
	}
	tr->adam_t++;
	t = (double)tr->adam_t;
	step_size = (float)(tr->cfg.lr / (1.0 - pow(0.9, t)));
	c2_sqrt = (float)sqrt(1.0 - pow(0.999, t));
	nn_sadam(m->param, tr->adam_m, tr->adam_v, tr->grad, nd, 0.9f,
	    0.999f, 1e-8f, step_size, c2_sqrt);
	for (size_t r = 0; r < tr->ntouched; r++) {
		size_t at = nd + tr->touched[r] * ne;

		nn_sadam(m->param + at, tr->adam_m + at, tr->adam_v + at,
		    tr->grad + at, ne, 0.9f, 0.999f, 1e-8f, step_size, c2_sqrt);
		memset(tr->grad + at, 0, ne * sizeof *tr->grad);
	}
	memset(tr->grad, 0, nd * sizeof *tr->grad);
}

/* The next phase, an evaluation, from its first batch. */
static void
start_eval(struct sentiment_trainer *tr, enum phase phase)
{
	tr->phase = phase;
	tr->pos = 0;
	tr->ev_loss = 0.0;
	tr->ev_correct = tr->ev_long_correct = 0;
	if (phase == PHASE_VAL || tr->nval == 0)
		tr->val_loss = tr->val_acc = NAN;
}

/* One validation batch; after the last, on to the test set. */
static void
val_batch(struct sentiment_trainer *tr)
{
	size_t first = tr->pos * tr->cfg.batch, count = tr->cfg.batch;
	const double *logit = tr->batch.logit;

	if (first + count > tr->nval)
		count = tr->nval - first;
	sentiment_batch_forward(&tr->batch, tr->model, tr->val + first,
	    count);
	for (size_t i = 0; i < count; i++) {
		int label = tr->val[first + i].label;

		tr->ev_loss += sentiment_bce(logit[i], label);
		tr->ev_correct += (logit[i] > 0.0) == (label == 1);
	}
	if (++tr->pos < tr->nvalb)
		return;
	tr->val_loss = tr->ev_loss / (double)tr->nval;
	tr->val_acc = (double)tr->ev_correct / (double)tr->nval;
	start_eval(tr, PHASE_EVAL);
}

/* One training batch: forward, backward, clip, update. */
static int
train_batch(struct sentiment_trainer *tr, struct diag_list *diags)
{
	size_t first = tr->pos * tr->cfg.batch, count = tr->cfg.batch, correct;
	double loss, norm, after = 0.0;

	if (tr->pos == 0) {
		shuffle_epoch(tr);
		tr->ep_loss = 0.0;
		tr->ep_correct = tr->ep_n = 0;
	}
	if (first + count > tr->ntrain)
		count = tr->ntrain - first;
	for (size_t i = 0; i < count; i++)
		tr->bseqs[i] = tr->train[tr->perm[first + i]];
	sentiment_batch_forward(&tr->batch, tr->model, tr->bseqs, count);
	loss = sentiment_batch_backward(&tr->batch, &tr->gnet, tr->model,
	    tr->bseqs, count, &correct);
	collect_rows(tr);
	norm = isfinite(loss) ? clip_gradient(tr, &after) : NAN;
	if (!isfinite(loss) || !isfinite(norm)) {
		tr->diverged_at = tr->nbatch_loss + 1;
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "sentiment: diverged at "
		    "update %zu (epoch %zu, batch %zu): %s %g; try a smaller "
		    "lr or clipping", tr->diverged_at, tr->epoch + 1,
		    tr->pos + 1, isfinite(loss) ? "gradient norm" : "loss",
		    isfinite(loss) ? norm : loss);
		tr->phase = PHASE_DONE;
		return SENTIMENT_EDIVERGED;
	}
	update(tr);
	tr->grad_norm[tr->nbatch_loss] = norm;
	tr->clipped_norm[tr->nbatch_loss] = after;
	tr->batch_loss[tr->nbatch_loss++] = loss;
	tr->ep_loss += loss * (double)count;
	tr->ep_correct += correct;
	tr->ep_n += count;
	if (++tr->pos == tr->nbatches)
		start_eval(tr, tr->nval > 0 ? PHASE_VAL : PHASE_EVAL);
	return SENTIMENT_OK;
}

/* One test batch; after the last, the epoch's line of history. */
static void
eval_batch(struct sentiment_trainer *tr)
{
	size_t first = tr->pos * tr->cfg.batch, count = tr->cfg.batch;
	const double *logit = tr->batch.logit;
	struct sentiment_epoch *ep;

	if (first + count > tr->ntest)
		count = tr->ntest - first;
	sentiment_batch_forward(&tr->batch, tr->model, tr->test + first,
	    count);
	for (size_t i = 0; i < count; i++) {
		int label = tr->test[first + i].label;
		int right = (logit[i] > 0.0) == (label == 1);

		tr->ev_loss += sentiment_bce(logit[i], label);
		tr->ev_correct += (size_t)right;
		if (tr->test_long[first + i])
			tr->ev_long_correct += (size_t)right;
	}
	if (++tr->pos < tr->neval)
		return;
	ep = &tr->epochs[tr->nepochs++];
	ep->train_loss = tr->ep_loss / (double)tr->ep_n;
	ep->train_acc = (double)tr->ep_correct / (double)tr->ep_n;
	ep->val_loss = tr->val_loss;
	ep->val_acc = tr->val_acc;
	ep->test_loss = tr->ev_loss / (double)tr->ntest;
	ep->test_acc = (double)tr->ev_correct / (double)tr->ntest;
	ep->long_acc = tr->nlong > 0 ?
	    (double)tr->ev_long_correct / (double)tr->nlong : NAN;
	ep->seconds = tr->ep_seconds;
	tr->ep_seconds = 0.0;
	tr->epoch++;
	tr->pos = 0;
	tr->phase = tr->epoch < tr->cfg.epochs ? PHASE_TRAIN : PHASE_DONE;
}

/* Unit by unit, timing each: the time of the unit that ends an epoch
 * still counts for that epoch. */
int
sentiment_trainer_step(struct sentiment_trainer *tr, size_t max_units,
    struct diag_list *diags)
{
	for (size_t u = 0; u < max_units && tr->phase != PHASE_DONE; u++) {
		size_t finished = tr->nepochs;
		double t0 = clock_now(), dt;
		int rc = SENTIMENT_OK;

		if (tr->phase == PHASE_TRAIN)
			rc = train_batch(tr, diags);
		else if (tr->phase == PHASE_VAL)
			val_batch(tr);
		else
			eval_batch(tr);
		dt = clock_now() - t0;
		tr->seconds += dt;
		if (tr->nepochs > finished)
			tr->epochs[tr->nepochs - 1].seconds += dt;
		else
			tr->ep_seconds += dt;
		if (rc != SENTIMENT_OK)
			return rc;
	}
	return tr->phase != PHASE_DONE;
}

/* Counts from the phase and position. */
void
sentiment_trainer_progress(const struct sentiment_trainer *tr,
    struct sentiment_progress *p)
{
	memset(p, 0, sizeof *p);
	p->epoch = tr->epoch;
	p->epochs = tr->cfg.epochs;
	p->batch = tr->phase == PHASE_TRAIN ? tr->pos :
	    tr->phase != PHASE_DONE ? tr->nbatches : 0;
	p->batches = tr->nbatches;
	p->units_total = tr->cfg.epochs * (tr->nbatches + tr->nvalb +
	    tr->neval);
	p->units_done = tr->epoch * (tr->nbatches + tr->nvalb + tr->neval) +
	    (tr->phase == PHASE_TRAIN ? tr->pos :
	    tr->phase == PHASE_VAL ? tr->nbatches + tr->pos :
	    tr->phase == PHASE_EVAL ? tr->nbatches + tr->nvalb + tr->pos : 0);
	if (tr->phase == PHASE_DONE)
		p->units_done = p->units_total;
	p->fraction = p->units_total > 0 ?
	    (double)p->units_done / (double)p->units_total : 1.0;
	p->seconds = tr->seconds;
	p->train_n = tr->ntrain;
	p->val_n = tr->nval;
	p->val_tokens = tr->val_tokens;
	p->test_n = tr->ntest;
	p->long_n = tr->nlong;
	p->train_tokens = tr->train_tokens;
	p->test_tokens = tr->test_tokens;
	p->vocab = tr->model->vocab.n;
	p->diverged_at = tr->diverged_at;
	p->done = tr->phase == PHASE_DONE;
}

/* The history so far. */
const struct sentiment_epoch *
sentiment_trainer_epochs(const struct sentiment_trainer *tr, size_t *n)
{
	*n = tr->nepochs;
	return tr->epochs;
}

/* Every training batch's loss so far. */
const double *
sentiment_trainer_batch_losses(const struct sentiment_trainer *tr, size_t *n)
{
	*n = tr->nbatch_loss;
	return tr->batch_loss;
}

/* The live model. */
const struct sentiment_model *
sentiment_trainer_model(const struct sentiment_trainer *tr)
{
	return tr->model;
}

/* Every update's loss and gradient norms so far. */
void
sentiment_trainer_updates(const struct sentiment_trainer *tr,
    struct sentiment_updates *out)
{
	*out = (struct sentiment_updates){
		.loss = tr->batch_loss,
		.grad_norm = tr->grad_norm,
		.clipped_norm = tr->clipped_norm,
		.n = tr->nbatch_loss,
		.clipped = tr->nclipped,
	};
}
