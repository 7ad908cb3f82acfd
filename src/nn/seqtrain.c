/* seqtrain: the sequence trainer of seqtrain.h: batches from a task, the
 * head and the loss, the gradient's norm, clipping, the optimizers, the
 * held-out evaluations and the logs, all cut into small units of work by
 * a machine of phases (enum phase) that remembers where an update or an
 * evaluation stands between calls. The recurrent layer's float kernels,
 * which work on ranges of rows, are in seqtrain_kernel.c. */
#include "config.h"

#include "nn/seqtrain.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "nn/linalg.h"
#include "nn/seqtrain_int.h"
#include "nn/sgemm.h"

/* Streams of the seed: the weights, the training batches, the test set. */
#define STREAM_DATA 0x9E3779B97F4A7C15ULL
#define STREAM_TEST 0xD1B54A32D192ED03ULL
/* clip_grad_norm_'s guard against a zero norm */
#define CLIP_EPS 1e-6
/* torch.optim.Adam's defaults */
#define ADAM_B1 0.9
#define ADAM_B2 0.999
#define ADAM_EPS 1e-8f

/* The pieces of an update and of an evaluation, in the order they run
 * (seqtrain.h's units of work). */
enum phase {
	PHASE_EVAL,		/* a chunk of the held-out set's forward */
	PHASE_SAMPLE,		/* the batch, the weights transposed */
	PHASE_FORWARD,		/* a chunk of rows, going up */
	PHASE_HEAD,		/* loss, the head's gradient, dL/dh_{T-1} */
	PHASE_BACKWARD,		/* a chunk of rows, going down */
	PHASE_WEIGHTS,		/* a chunk of the weight gradients, going up */
	PHASE_FINISH		/* norm, logs, clipping, the optimizer */
};

struct seqtrain {
	struct seqtrain_config cfg;
	struct seqtrain_task task;
	struct seqtrain_dims dims;
	size_t nparam;
	float *param, *grad, *adam_m, *adam_v;
	struct seqtrain_net p, g;
	struct seqtrain_cache cache;
	float *y;			/* batch targets */
	double *dy;			/* batch: dL/d(head output) */
	struct rng data;		/* the training batches */
	size_t test_chunks;		/* the held-out set, in chunks of at most
					 * batch examples, chunk k at k T B I */
	float *test_x, *test_y;
	unsigned long adam_t;
	/* the logs */
	size_t done;			/* updates applied */
	size_t logged;			/* updates logged (done + a diverged one) */
	double *loss, *grad_norm, *clipped_norm;
	size_t clipped;
	size_t evals;
	double *test_loss;
	size_t *test_at;
	double *reach_first, *reach_last;
	size_t diverged_at;
	int finished;
	double seconds;
	/* the units of work (seqtrain.h): where the run is */
	enum phase phase;
	size_t pos;			/* the next row of a chunked phase */
	size_t rows_fwd, rows_bwd, rows_wt;	/* rows per unit */
	size_t eval_chunk;		/* the held-out chunk under way */
	double eval_sum;		/* its loss sum so far */
	double batch_loss;		/* the update's, from the head */
	double *reach;			/* T: the update's ||dL/dh_t|| */
	char stop[64];			/* why the run diverged */
	uint64_t units_done, units_update, units_eval, units;
	uint64_t unit_work_max;
};

/* See seqtrain.h. */
void
seqtrain_config_init(struct seqtrain_config *cfg)
{
	*cfg = (struct seqtrain_config){
		.cell = SEQTRAIN_LSTM,
		.act = SEQTRAIN_TANH,
		.hidden = 32,
		.batch = 32,
		.updates = 1000,
		.loss = SEQTRAIN_MSE,
		.optim = SEQTRAIN_ADAM,
		.lr = 0.001,
		.clip = 0.0,
		.init = SEQTRAIN_INIT_DEFAULT,
		.rho = 1.0,
		.forget_bias = 1.0,
		.truncate = 0,
		.eval_every = 100,
		.test_size = 256,
		.seed = 1,
	};
}

/* G: rows of weight_ih per hidden unit. */
static size_t
gate_count(enum seqtrain_cell cell)
{
	return cell == SEQTRAIN_LSTM ? 4 : cell == SEQTRAIN_GRU ? 3 : 1;
}

/* Point net into flat in the layout of seqtrain.h. */
static void
net_point(struct seqtrain_net *net, float *flat, const struct seqtrain_dims *d)
{
	net->w_ih = flat;
	net->w_hh = net->w_ih + d->gates * d->input;
	net->b_ih = net->w_hh + d->gates * d->hidden;
	net->b_hh = net->b_ih + d->gates;
	net->head_w = net->b_hh + d->gates;
	net->head_b = net->head_w + d->hidden;
}

/* Is the configuration trainable? A message for the first thing not. */
static int
check_config(const struct seqtrain_config *cfg,
    const struct seqtrain_task *task, struct diag_list *diags)
{
	const char *bad = NULL;

	if (task->steps == 0 || task->steps > SEQTRAIN_MAX_STEPS)
		bad = "steps";
	else if (task->input == 0 || task->sample == NULL)
		bad = "task";
	else if (cfg->hidden == 0 || cfg->hidden > SEQTRAIN_MAX_HIDDEN)
		bad = "hidden size";
	else if (cfg->batch == 0 || cfg->batch > SEQTRAIN_MAX_BATCH)
		bad = "batch size";
	else if (!(cfg->lr > 0.0) || !isfinite(cfg->lr))
		bad = "learning rate";
	else if (!(cfg->clip >= 0.0) || !isfinite(cfg->clip))
		bad = "clipping threshold";
	else if (!isfinite(cfg->rho) || !isfinite(cfg->forget_bias))
		bad = "initialisation";
	else if (cfg->eval_every == 0 || cfg->test_size == 0)
		bad = "evaluation";
	if (bad == NULL)
		return SEQTRAIN_OK;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, "seqtrain: the %s is out of "
	    "range", bad);
	return SEQTRAIN_EVALUE;
}

/* The cache for n <= batch sequences. */
static void
cache_alloc(struct seqtrain_cache *c, const struct seqtrain_dims *d,
    size_t rows)
{
	size_t tn = d->steps * rows, nh = d->hidden, ng = d->gates;
	int lstm = d->cell == SEQTRAIN_LSTM, gru = d->cell == SEQTRAIN_GRU;

	*c = (struct seqtrain_cache){
		.x = xcalloc(tn * d->input, sizeof(float)),
		.z = xcalloc(tn * ng, sizeof(float)),
		.zh = gru ? xcalloc(tn * ng, sizeof(float)) : NULL,
		.hs = xcalloc((tn + rows) * nh, sizeof(float)),
		.c = lstm ? xcalloc(tn * nh, sizeof(float)) : NULL,
		.tc = lstm ? xcalloc(tn * nh, sizeof(float)) : NULL,
		.dz = xcalloc(tn * ng, sizeof(float)),
		.dzh = gru ? xcalloc(tn * ng, sizeof(float)) : NULL,
		.gh = xcalloc(rows * nh, sizeof(float)),
		.gc = xcalloc(rows * nh, sizeof(float)),
		.gskip = xcalloc(rows * nh, sizeof(float)),
		.wt_ih = xcalloc(d->input * ng, sizeof(float)),
		.wt_hh = xcalloc(nh * ng, sizeof(float)),
		.dwt_ih = xcalloc(d->input * ng, sizeof(float)),
	};
}

/* Free what cache_alloc allocated. */
static void
cache_free(struct seqtrain_cache *c)
{
	free(c->x);
	free(c->z);
	free(c->zh);
	free(c->hs);
	free(c->c);
	free(c->tc);
	free(c->dz);
	free(c->dzh);
	free(c->gh);
	free(c->gc);
	free(c->gskip);
	free(c->wt_ih);
	free(c->wt_hh);
	free(c->dwt_ih);
}

/* PyTorch's default everywhere, then W_hh's gate blocks by cfg->init and
 * an LSTM's forget bias (seqtrain.h). */
static void
init_params(struct seqtrain *tr, struct rng *rng)
{
	const struct seqtrain_dims *d = &tr->dims;
	size_t nh = d->hidden, blocks = d->gates / nh;
	double k = 1.0 / sqrt((double)nh);
	double *q = xmalloc((nh * nh * 2 + 2 * nh) * sizeof *q);

	for (size_t i = 0; i < tr->nparam; i++)
		tr->param[i] = (float)rng_uniform_range(rng, -k, k);
	for (size_t b = 0; b < blocks && tr->cfg.init !=
	    SEQTRAIN_INIT_DEFAULT; b++) {
		float *w = tr->p.w_hh + b * nh * nh;

		if (tr->cfg.init == SEQTRAIN_INIT_ORTHOGONAL) {
			rng_fill_normal(q + nh * nh, rng, nh * nh, 1.0);
			linalg_orthonormalize_rows(q, q + nh * nh,
			    q + 2 * nh * nh, nh);
		} else {
			linalg_identity(q, 1.0, nh);
		}
		for (size_t i = 0; i < nh * nh; i++)
			w[i] = (float)(tr->cfg.rho * q[i]);
	}
	if (d->cell == SEQTRAIN_LSTM)
		for (size_t j = 0; j < nh; j++) {
			tr->p.b_ih[nh + j] = (float)tr->cfg.forget_bias;
			tr->p.b_hh[nh + j] = 0.0f;
		}
	free(q);
}

/* The first step whose chunk the loss reaches (seqtrain.h's truncation). */
static size_t
window_start(const struct seqtrain *tr)
{
	size_t k = tr->cfg.truncate, nt = tr->dims.steps;

	return k == 0 || k >= nt ? 0 : k * ((nt - 1) / k);
}

/* Rows that fit in budget multiply-adds beside fixed ones, at least 1. */
static size_t
rows_per_unit(size_t budget, uint64_t fixed, uint64_t per_row)
{
	uint64_t rows = budget > fixed ? (budget - fixed) / per_row : 0;

	return rows > 0 ? (size_t)rows : 1;
}

/* Chunks of at most per rows in rows. */
static uint64_t
chunks_of(size_t rows, size_t per)
{
	return (rows + per - 1) / per;
}

/* Rows per unit of each chunked phase, as the kernels count their work
 * (seqtrain_int.h), and the units of an update, an evaluation, the run. */
static void
plan_units(struct seqtrain *tr)
{
	const struct seqtrain_dims *d = &tr->dims;
	uint64_t ng = d->gates, nh = d->hidden, ni = d->input;
	size_t nt = d->steps, bs = tr->cfg.batch;
	size_t window = (nt - window_start(tr)) * bs;
	size_t budget = tr->cfg.unit_work > 0 ? tr->cfg.unit_work :
	    SEQTRAIN_UNIT_WORK;
	size_t updates = tr->cfg.updates, every = tr->cfg.eval_every;
	uint64_t evals = 1 + updates / every + (updates % every != 0);

	/* forward: an evaluation's first chunk also transposes, its last
	 * takes the loss; backward: a norm of B H per step begun */
	tr->rows_fwd = rows_per_unit(budget, ng * (ni + nh) + bs * nh,
	    ng * (ni + nh + SEQTRAIN_CELL_WORK));
	tr->rows_bwd = rows_per_unit(budget, bs * nh,
	    ng * (nh + SEQTRAIN_CELL_WORK) + nh);
	tr->rows_wt = rows_per_unit(budget, 2 * ni * ng, ng * (ni + nh + 2));
	tr->units_update = 3 + chunks_of(nt * bs, tr->rows_fwd) +
	    chunks_of(window, tr->rows_bwd) + chunks_of(window, tr->rows_wt);
	tr->units_eval = 0;
	for (size_t k = 0; k < tr->test_chunks; k++) {
		size_t n = k + 1 < tr->test_chunks ? bs :
		    tr->cfg.test_size - k * bs;

		tr->units_eval += chunks_of(nt * n, tr->rows_fwd);
	}
	tr->units = updates * tr->units_update + evals * tr->units_eval;
}

/* See seqtrain.h. */
int
seqtrain_create(struct seqtrain **out, const struct seqtrain_config *cfg,
    const struct seqtrain_task *task, struct diag_list *diags)
{
	struct seqtrain *tr;
	struct rng rng;
	size_t nt = task->steps, evals;

	*out = NULL;
	if (check_config(cfg, task, diags) != SEQTRAIN_OK)
		return SEQTRAIN_EVALUE;
	tr = xcalloc(1, sizeof *tr);
	tr->cfg = *cfg;
	tr->task = *task;
	tr->dims = (struct seqtrain_dims){
		.cell = cfg->cell,
		.act = cfg->cell == SEQTRAIN_RNN ? cfg->act : SEQTRAIN_TANH,
		.input = task->input,
		.hidden = cfg->hidden,
		.gates = gate_count(cfg->cell) * cfg->hidden,
		.steps = nt,
	};
	tr->nparam = tr->dims.gates * (task->input + cfg->hidden + 2) +
	    cfg->hidden + 1;
	tr->param = xcalloc(tr->nparam, sizeof *tr->param);
	tr->grad = xcalloc(tr->nparam, sizeof *tr->grad);
	tr->adam_m = xcalloc(tr->nparam, sizeof *tr->adam_m);
	tr->adam_v = xcalloc(tr->nparam, sizeof *tr->adam_v);
	net_point(&tr->p, tr->param, &tr->dims);
	net_point(&tr->g, tr->grad, &tr->dims);
	cache_alloc(&tr->cache, &tr->dims, cfg->batch);
	tr->y = xcalloc(cfg->batch, sizeof *tr->y);
	tr->dy = xcalloc(cfg->batch, sizeof *tr->dy);
	rng_seed(&rng, cfg->seed);
	init_params(tr, &rng);
	rng_seed(&tr->data, cfg->seed ^ STREAM_DATA);
	/* the held-out set, drawn once, chunk by chunk */
	tr->test_chunks = (cfg->test_size + cfg->batch - 1) / cfg->batch;
	tr->test_x = xcalloc(tr->test_chunks * nt * cfg->batch * task->input,
	    sizeof *tr->test_x);
	tr->test_y = xcalloc(tr->test_chunks * cfg->batch, sizeof *tr->test_y);
	rng_seed(&rng, cfg->seed ^ STREAM_TEST);
	for (size_t k = 0; k < tr->test_chunks; k++) {
		size_t n = k + 1 < tr->test_chunks ? cfg->batch :
		    cfg->test_size - k * cfg->batch;

		task->sample(tr->test_x + k * nt * cfg->batch * task->input,
		    tr->test_y + k * cfg->batch, n, nt, &rng, task->ctx);
	}
	tr->loss = xcalloc(cfg->updates + 1, sizeof *tr->loss);
	tr->grad_norm = xcalloc(cfg->updates + 1, sizeof *tr->grad_norm);
	tr->clipped_norm = xcalloc(cfg->updates + 1, sizeof *tr->clipped_norm);
	evals = cfg->updates / cfg->eval_every + 3;
	tr->test_loss = xcalloc(evals, sizeof *tr->test_loss);
	tr->test_at = xcalloc(evals, sizeof *tr->test_at);
	tr->reach_first = xcalloc(nt, sizeof *tr->reach_first);
	tr->reach_last = xcalloc(nt, sizeof *tr->reach_last);
	tr->reach = xcalloc(nt, sizeof *tr->reach);
	tr->phase = PHASE_EVAL;
	plan_units(tr);
	*out = tr;
	return SEQTRAIN_OK;
}

/* See seqtrain.h. */
void
seqtrain_destroy(struct seqtrain *tr)
{
	if (tr == NULL)
		return;
	free(tr->param);
	free(tr->grad);
	free(tr->adam_m);
	free(tr->adam_v);
	cache_free(&tr->cache);
	free(tr->y);
	free(tr->dy);
	free(tr->test_x);
	free(tr->test_y);
	free(tr->loss);
	free(tr->grad_norm);
	free(tr->clipped_norm);
	free(tr->test_loss);
	free(tr->test_at);
	free(tr->reach_first);
	free(tr->reach_last);
	free(tr->reach);
	free(tr);
}

/* The loss of logit (or prediction) z for target y. */
static double
loss_of(enum seqtrain_loss kind, double z, double y)
{
	if (kind == SEQTRAIN_MSE)
		return (z - y) * (z - y);
	/* max(z, 0) - z y + log(1 + e^-|z|), stable for any z */
	return (z > 0.0 ? z : 0.0) - z * y + log1p(exp(-fabs(z)));
}

/* dLoss/dz of one example. */
static double
loss_grad(enum seqtrain_loss kind, double z, double y)
{
	if (kind == SEQTRAIN_MSE)
		return 2.0 * (z - y);
	return 1.0 / (1.0 + exp(-z)) - y;
}

/* The head's output for sequence b of n, from the last hidden state. */
static double
head_out(const struct seqtrain *tr, size_t b, size_t n)
{
	const float *h = tr->cache.hs + (tr->dims.steps * n + b) *
	    tr->dims.hidden;
	double s = tr->p.head_b[0];

	for (size_t j = 0; j < tr->dims.hidden; j++)
		s += (double)tr->p.head_w[j] * (double)h[j];
	return s;
}

/* The mean loss of the n sequences whose forward pass is in the cache,
 * against y: the sum over the sequences in order, then / n. */
static double
batch_loss(const struct seqtrain *tr, const float *y, size_t n)
{
	double sum = 0.0;

	for (size_t b = 0; b < n; b++)
		sum += loss_of(tr->cfg.loss, head_out(tr, b, n), y[b]);
	return sum / (double)n;
}

/* W_ih^T and W_hh^T for the kernels, from the current parameters. */
static void
transpose_weights(struct seqtrain *tr)
{
	const struct seqtrain_dims *d = &tr->dims;

	nn_stranspose(tr->cache.wt_ih, tr->p.w_ih, d->gates, d->input);
	nn_stranspose(tr->cache.wt_hh, tr->p.w_hh, d->gates, d->hidden);
	tr->cache.work += (uint64_t)d->gates * (d->input + d->hidden);
}

/* After a forward pass of n sequences: tr->grad = 0 but for the head's
 * gradient, and c->gh = dL/dh_{T-1}, ready for the backward pass. */
static void
head_backward(struct seqtrain *tr, const float *y, size_t n)
{
	size_t nh = tr->dims.hidden;
	const float *hlast = tr->cache.hs + tr->dims.steps * n * nh;
	double db = 0.0;

	memset(tr->grad, 0, tr->nparam * sizeof *tr->grad);
	for (size_t b = 0; b < n; b++) {
		double dy = loss_grad(tr->cfg.loss, head_out(tr, b, n), y[b]) /
		    (double)n;

		tr->dy[b] = dy;
		for (size_t j = 0; j < nh; j++)
			tr->cache.gh[b * nh + j] = (float)(dy * tr->p.head_w[j]);
		db += dy;
	}
	for (size_t j = 0; j < nh; j++) {
		double s = 0.0;

		for (size_t b = 0; b < n; b++)
			s += tr->dy[b] * (double)hlast[b * nh + j];
		tr->g.head_w[j] = (float)s;
	}
	tr->g.head_b[0] = (float)db;
	tr->cache.work += tr->nparam + (uint64_t)3 * n * nh;
}

/* Forward over the n sequences in the cache; the mean loss against y. */
static double
forward_loss(struct seqtrain *tr, const float *y, size_t n)
{
	transpose_weights(tr);
	seqtrain_kernel_forward(&tr->cache, &tr->p, &tr->dims, tr->cache.x, n,
	    0, tr->dims.steps * n);
	return batch_loss(tr, y, n);
}

/* After forward_loss: tr->grad = the gradient of the mean loss, reach
 * (T) = ||dL/dh_t||; all rows at once. */
static void
backward_all(struct seqtrain *tr, double *reach, const float *y, size_t n)
{
	size_t start = window_start(tr), rows = tr->dims.steps * n;

	head_backward(tr, y, n);
	seqtrain_kernel_backward(reach, &tr->cache, &tr->p, &tr->dims, n,
	    start, start * n, rows);
	seqtrain_kernel_weights(&tr->g, &tr->cache, &tr->dims, n, start,
	    start * n, rows);
}

/* The gradient's global norm, in double. */
static double
grad_norm(const struct seqtrain *tr)
{
	double s = 0.0;

	for (size_t i = 0; i < tr->nparam; i++)
		s += (double)tr->grad[i] * (double)tr->grad[i];
	return sqrt(s);
}

/* Scale the gradient as clip_grad_norm_ does; the norm the update uses. */
static double
clip(struct seqtrain *tr, double norm)
{
	double coef;

	if (tr->cfg.clip <= 0.0)
		return norm;
	coef = tr->cfg.clip / (norm + CLIP_EPS);
	if (coef >= 1.0)
		return norm;
	for (size_t i = 0; i < tr->nparam; i++)
		tr->grad[i] = (float)((double)tr->grad[i] * coef);
	tr->clipped++;
	return norm * coef;
}

/* p -= lr g, or Adam's step. */
static void
apply_update(struct seqtrain *tr)
{
	if (tr->cfg.optim == SEQTRAIN_SGD) {
		float lr = (float)tr->cfg.lr;

		for (size_t i = 0; i < tr->nparam; i++)
			tr->param[i] -= lr * tr->grad[i];
		return;
	}
	tr->adam_t++;
	nn_sadam(tr->param, tr->adam_m, tr->adam_v, tr->grad, tr->nparam,
	    (float)ADAM_B1, (float)ADAM_B2, ADAM_EPS,
	    (float)(tr->cfg.lr / (1.0 - pow(ADAM_B1, (double)tr->adam_t))),
	    (float)sqrt(1.0 - pow(ADAM_B2, (double)tr->adam_t)));
}

/* One chunk of an evaluation: the next rows of the held-out chunk under
 * way; the loss when it is through, the log entry after the last chunk.
 * Then the run ends (done, or the divergence reported) or an update
 * begins. */
static int
eval_unit(struct seqtrain *tr, struct diag_list *diags)
{
	size_t nt = tr->dims.steps, bs = tr->cfg.batch, k = tr->eval_chunk;
	size_t n = k + 1 < tr->test_chunks ? bs : tr->cfg.test_size - k * bs;
	size_t q1 = tr->pos + tr->rows_fwd < nt * n ? tr->pos + tr->rows_fwd :
	    nt * n;

	if (k == 0 && tr->pos == 0)
		transpose_weights(tr);
	seqtrain_kernel_forward(&tr->cache, &tr->p, &tr->dims,
	    tr->test_x + k * nt * bs * tr->dims.input, n, tr->pos, q1);
	tr->pos = q1;
	if (q1 < nt * n)
		return 1;
	tr->eval_sum += batch_loss(tr, tr->test_y + k * bs, n) * (double)n;
	tr->cache.work += (uint64_t)n * tr->dims.hidden;
	tr->pos = 0;
	if (++tr->eval_chunk < tr->test_chunks)
		return 1;
	tr->test_loss[tr->evals] = tr->eval_sum / (double)tr->cfg.test_size;
	tr->test_at[tr->evals] = tr->done;
	tr->evals++;
	tr->eval_chunk = 0;
	tr->eval_sum = 0.0;
	if (tr->diverged_at > 0) {
		tr->finished = 1;
		diag_add(diags, DIAG_ERROR, NULL, 0, 0,
		    "diverged at update %zu: %s", tr->diverged_at, tr->stop);
		return SEQTRAIN_EDIVERGED;
	}
	if (tr->done == tr->cfg.updates) {
		tr->finished = 1;
		return 0;
	}
	tr->phase = PHASE_SAMPLE;
	return 1;
}

/* The end of an update: the norm, the logs, then either the divergence
 * (the update not applied, a last evaluation) or clipping and the
 * optimizer's step, and the evaluation when one is due. */
static void
finish_unit(struct seqtrain *tr)
{
	size_t i = tr->logged, nt = tr->dims.steps;
	double loss = tr->batch_loss, norm = grad_norm(tr);

	tr->cache.work += (uint64_t)4 * tr->nparam + 2 * nt;
	tr->loss[i] = loss;
	tr->grad_norm[i] = norm;
	tr->clipped_norm[i] = norm;
	tr->logged++;
	tr->pos = 0;
	memcpy(tr->reach_last, tr->reach, nt * sizeof *tr->reach_last);
	if (i == 0)
		memcpy(tr->reach_first, tr->reach, nt * sizeof *tr->reach_first);
	if (!isfinite(loss) || !isfinite(norm)) {
		if (!isfinite(norm))
			snprintf(tr->stop, sizeof tr->stop, "gradient norm %s",
			    isnan(norm) ? "nan" : "inf");
		else
			snprintf(tr->stop, sizeof tr->stop, "loss %s",
			    isnan(loss) ? "nan" : "inf");
		tr->diverged_at = i + 1;
		tr->phase = PHASE_EVAL;
		return;
	}
	tr->clipped_norm[i] = clip(tr, norm);
	apply_update(tr);
	tr->done++;
	tr->phase = tr->done % tr->cfg.eval_every == 0 ||
	    tr->done == tr->cfg.updates ? PHASE_EVAL : PHASE_SAMPLE;
}

/* One unit of work (seqtrain.h): 1 while work remains, 0 when the run is
 * done, SEQTRAIN_EDIVERGED when it diverged. */
static int
run_unit(struct seqtrain *tr, struct diag_list *diags)
{
	struct seqtrain_cache *c = &tr->cache;
	size_t nt = tr->dims.steps, bs = tr->cfg.batch;
	size_t start = window_start(tr) * bs, q;
	int rc = 1;

	switch (tr->phase) {
	case PHASE_EVAL:
		rc = eval_unit(tr, diags);
		break;
	case PHASE_SAMPLE:
		tr->task.sample(c->x, tr->y, bs, nt, &tr->data, tr->task.ctx);
		c->work += (uint64_t)nt * bs * tr->dims.input;
		transpose_weights(tr);
		tr->phase = PHASE_FORWARD;
		tr->pos = 0;
		break;
	case PHASE_FORWARD:
		q = nt * bs - tr->pos > tr->rows_fwd ? tr->pos + tr->rows_fwd :
		    nt * bs;
		seqtrain_kernel_forward(c, &tr->p, &tr->dims, c->x, bs,
		    tr->pos, q);
		tr->pos = q;
		if (q == nt * bs)
			tr->phase = PHASE_HEAD;
		break;
	case PHASE_HEAD:
		tr->batch_loss = batch_loss(tr, tr->y, bs);
		head_backward(tr, tr->y, bs);
		tr->phase = PHASE_BACKWARD;
		tr->pos = nt * bs;
		break;
	case PHASE_BACKWARD:
		q = tr->pos - start > tr->rows_bwd ? tr->pos - tr->rows_bwd :
		    start;
		seqtrain_kernel_backward(tr->reach, c, &tr->p, &tr->dims, bs,
		    start / bs, q, tr->pos);
		tr->pos = q;
		if (q == start)
			tr->phase = PHASE_WEIGHTS;
		break;
	case PHASE_WEIGHTS:
		q = nt * bs - tr->pos > tr->rows_wt ? tr->pos + tr->rows_wt :
		    nt * bs;
		seqtrain_kernel_weights(&tr->g, c, &tr->dims, bs, start / bs,
		    tr->pos, q);
		tr->pos = q;
		if (q == nt * bs)
			tr->phase = PHASE_FINISH;
		break;
	case PHASE_FINISH:
		finish_unit(tr);
		break;
	}
	return rc;
}

/* See seqtrain.h. */
int
seqtrain_step(struct seqtrain *tr, size_t n, struct diag_list *diags)
{
	double t0 = clock_now();
	int rc = 1;

	if (tr->finished)
		return 0;
	for (size_t k = 0; k < n && rc == 1; k++) {
		tr->cache.work = 0;
		rc = run_unit(tr, diags);
		tr->units_done++;
		if (tr->cache.work > tr->unit_work_max)
			tr->unit_work_max = tr->cache.work;
	}
	tr->seconds += clock_now() - t0;
	return rc;
}

/* See seqtrain.h. */
void
seqtrain_progress(const struct seqtrain *tr, struct seqtrain_progress *pg)
{
	*pg = (struct seqtrain_progress){
		.units_done = tr->units_done,
		.units = tr->units,
		.fraction = tr->finished ? 1.0 : tr->units > 0 ?
		    (double)tr->units_done / (double)tr->units : 0.0,
	};
}

/* See seqtrain.h. */
uint64_t
seqtrain_unit_work_max(const struct seqtrain *tr)
{
	return tr->unit_work_max;
}

/* See seqtrain.h. */
size_t
seqtrain_updates_done(const struct seqtrain *tr)
{
	return tr->done;
}

/* See seqtrain.h. */
void
seqtrain_log(const struct seqtrain *tr, struct seqtrain_log *log)
{
	*log = (struct seqtrain_log){
		.updates = tr->logged,
		.loss = tr->loss,
		.grad_norm = tr->grad_norm,
		.clipped_norm = tr->clipped_norm,
		.clipped = tr->clipped,
		.evals = tr->evals,
		.test_loss = tr->test_loss,
		.test_at = tr->test_at,
		.steps = tr->dims.steps,
		.reach_first = tr->logged > 0 ? tr->reach_first : NULL,
		.reach_last = tr->logged > 0 ? tr->reach_last : NULL,
		.diverged_at = tr->diverged_at,
		.seconds = tr->seconds,
	};
}

/* See seqtrain.h. */
double
seqtrain_baseline(const struct seqtrain *tr, double value)
{
	double sum = 0.0;

	for (size_t k = 0; k < tr->test_chunks; k++) {
		size_t n = k + 1 < tr->test_chunks ? tr->cfg.batch :
		    tr->cfg.test_size - k * tr->cfg.batch;

		for (size_t b = 0; b < n; b++)
			sum += loss_of(tr->cfg.loss, value,
			    tr->test_y[k * tr->cfg.batch + b]);
	}
	return sum / (double)tr->cfg.test_size;
}

/* See seqtrain.h. */
size_t
seqtrain_param_count(const struct seqtrain *tr)
{
	return tr->nparam;
}

/* See seqtrain.h. */
float *
seqtrain_params(struct seqtrain *tr)
{
	return tr->param;
}

/* See seqtrain.h. */
double
seqtrain_loss(struct seqtrain *tr, const float *x, const float *y, size_t n)
{
	memcpy(tr->cache.x, x, tr->dims.steps * n * tr->dims.input *
	    sizeof *tr->cache.x);
	return forward_loss(tr, y, n);
}

/* See seqtrain.h. */
double
seqtrain_gradient(struct seqtrain *tr, float *grad, double *reach,
    const float *x, const float *y, size_t n)
{
	double loss = seqtrain_loss(tr, x, y, n);

	backward_all(tr, reach != NULL ? reach : tr->reach, y, n);
	memcpy(grad, tr->grad, tr->nparam * sizeof *grad);
	return loss;
}
