/* Tests of nn/seqtrain, the sequence trainer: every cell's batched float
 * gradient against central differences of a double-precision forward pass
 * written here from PyTorch's equations, and (rnn, lstm) against the double
 * kernels nn/rnn.c and nn/lstm.c one sequence at a time; clipping,
 * truncation, divergence and determinism. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "nn/lstm.h"
#include "nn/rng.h"
#include "nn/rnn.h"
#include "nn/seqtrain.h"
#include "nn/sgemm.h"
#include "sim/sim.h"
#include "tests.h"

/* Random inputs in [-1, 1) and targets in [0, 1): a task with no
 * structure, enough for gradients. */
static void
noise_sample(float *x, float *y, size_t n, size_t steps, struct rng *rng,
    const void *ctx)
{
	size_t input = *(const size_t *)ctx;

	for (size_t i = 0; i < steps * n * input; i++)
		x[i] = (float)rng_uniform_range(rng, -1.0, 1.0);
	for (size_t b = 0; b < n; b++)
		y[b] = (float)rng_uniform(rng);
}

static size_t noise_input = 2;

/* A task of T steps of noise_input features. */
static struct seqtrain_task
noise_task(size_t steps)
{
	return (struct seqtrain_task){
		.input = noise_input,
		.steps = steps,
		.sample = noise_sample,
		.ctx = &noise_input,
	};
}

/* A trainer of cell with the given sizes and otherwise defaults. */
static struct seqtrain *
make_trainer(enum seqtrain_cell cell, enum seqtrain_act act, size_t hidden,
    size_t batch, size_t steps, enum seqtrain_loss loss, uint64_t seed)
{
	struct seqtrain_config cfg;
	struct seqtrain_task task = noise_task(steps);
	struct seqtrain *tr = NULL;
	struct diag_list diags;

	seqtrain_config_init(&cfg);
	cfg.cell = cell;
	cfg.act = act;
	cfg.hidden = hidden;
	cfg.batch = batch;
	cfg.loss = loss;
	cfg.seed = seed;
	cfg.forget_bias = 0.3;
	diag_list_init(&diags);
	CU_ASSERT_EQUAL(seqtrain_create(&tr, &cfg, &task, &diags), SEQTRAIN_OK);
	diag_list_free(&diags);
	return tr;
}

/* sigmoid in double */
static double
sig(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

/* The mean loss in double precision from PyTorch's equations, with the
 * parameters theta (the layout of seqtrain.h) and x, y as the task gives
 * them. */
static double
ref_loss(const double *theta, enum seqtrain_cell cell, int relu, size_t ni,
    size_t nh, size_t n, size_t steps, enum seqtrain_loss kind,
    const float *x, const float *y)
{
	size_t g = cell == SEQTRAIN_LSTM ? 4 : cell == SEQTRAIN_GRU ? 3 : 1;
	size_t ng = g * nh;
	const double *wih = theta, *whh = wih + ng * ni, *bih = whh + ng * nh,
	    *bhh = bih + ng, *hw = bhh + ng, *hb = hw + nh;
	double h[64], c[64], a[256], ah[256], sum = 0.0;

	for (size_t b = 0; b < n; b++) {
		double out = *hb;

		memset(h, 0, sizeof h);
		memset(c, 0, sizeof c);
		for (size_t t = 0; t < steps; t++) {
			const float *xt = x + (t * n + b) * ni;

			for (size_t r = 0; r < ng; r++) {
				a[r] = bih[r];
				ah[r] = bhh[r];
				for (size_t i = 0; i < ni; i++)
					a[r] += wih[r * ni + i] * xt[i];
				for (size_t j = 0; j < nh; j++)
					ah[r] += whh[r * nh + j] * h[j];
			}
			for (size_t j = 0; j < nh; j++) {
				if (cell == SEQTRAIN_RNN) {
					double v = a[j] + ah[j];

					h[j] = relu ? (v > 0 ? v : 0) : tanh(v);
				} else if (cell == SEQTRAIN_LSTM) {
					double ig = sig(a[j] + ah[j]),
					    fg = sig(a[nh + j] + ah[nh + j]),
					    gg = tanh(a[2 * nh + j] +
					    ah[2 * nh + j]),
					    og = sig(a[3 * nh + j] +
					    ah[3 * nh + j]);

					c[j] = fg * c[j] + ig * gg;
					h[j] = og * tanh(c[j]);
				} else {
					double rg = sig(a[j] + ah[j]),
					    zg = sig(a[nh + j] + ah[nh + j]),
					    ng_ = tanh(a[2 * nh + j] + rg *
					    ah[2 * nh + j]);

					c[j] = (1 - zg) * ng_ + zg * h[j];
				}
			}
			if (cell == SEQTRAIN_GRU)
				memcpy(h, c, nh * sizeof *h);
		}
		for (size_t j = 0; j < nh; j++)
			out += hw[j] * h[j];
		if (kind == SEQTRAIN_MSE)
			sum += (out - y[b]) * (out - y[b]);
		else
			sum += log1p(exp(-fabs(out))) + (out > 0 ? out : 0) -
			    out * y[b];
	}
	return sum / (double)n;
}

/* The float gradient of one batch against central differences of the
 * double loss, every parameter. */
static void
check_cell_numeric(enum seqtrain_cell cell, int relu, enum seqtrain_loss kind)
{
	size_t nh = 5, n = 3, steps = 6, ni = noise_input;
	struct seqtrain *tr = make_trainer(cell, relu ? SEQTRAIN_RELU :
	    SEQTRAIN_TANH, nh, n, steps, kind, 7);
	size_t np = seqtrain_param_count(tr);
	float *x = malloc(steps * n * ni * sizeof *x), y[3];
	float *grad = malloc(np * sizeof *grad);
	double *theta = calloc(np, sizeof *theta);
	const float *p = seqtrain_params(tr);
	struct rng rng;
	double loss, worst = 0.0;

	rng_seed(&rng, 99);
	noise_sample(x, y, n, steps, &rng, &noise_input);
	loss = seqtrain_gradient(tr, grad, NULL, x, y, n);
	for (size_t i = 0; i < np; i++)
		theta[i] = p[i];
	CU_ASSERT_DOUBLE_EQUAL(loss, ref_loss(theta, cell, relu, ni, nh, n,
	    steps, kind, x, y), 1e-5);
	for (size_t i = 0; i < np; i++) {
		double h = 1e-5, save = theta[i], lp, lm, num;

		theta[i] = save + h;
		lp = ref_loss(theta, cell, relu, ni, nh, n, steps, kind, x, y);
		theta[i] = save - h;
		lm = ref_loss(theta, cell, relu, ni, nh, n, steps, kind, x, y);
		theta[i] = save;
		num = (lp - lm) / (2 * h);
		if (fabs(num - grad[i]) > worst)
			worst = fabs(num - grad[i]);
	}
	CU_ASSERT(worst < 2e-5);
	CU_ASSERT(np == (cell == SEQTRAIN_LSTM ? 4u : cell == SEQTRAIN_GRU ?
	    3u : 1u) * nh * (ni + nh + 2) + nh + 1);
	free(x);
	free(grad);
	free(theta);
	seqtrain_destroy(tr);
}

static void
test_seqtrain_rnn_tanh_gradient_matches_differences(void)
{
	check_cell_numeric(SEQTRAIN_RNN, 0, SEQTRAIN_MSE);
}

static void
test_seqtrain_rnn_relu_gradient_matches_differences(void)
{
	check_cell_numeric(SEQTRAIN_RNN, 1, SEQTRAIN_MSE);
}

static void
test_seqtrain_lstm_gradient_matches_differences(void)
{
	check_cell_numeric(SEQTRAIN_LSTM, 0, SEQTRAIN_MSE);
}

static void
test_seqtrain_gru_gradient_matches_differences(void)
{
	check_cell_numeric(SEQTRAIN_GRU, 0, SEQTRAIN_MSE);
}

static void
test_seqtrain_bce_gradient_matches_differences(void)
{
	check_cell_numeric(SEQTRAIN_LSTM, 0, SEQTRAIN_BCE);
	check_cell_numeric(SEQTRAIN_GRU, 0, SEQTRAIN_BCE);
}

/* One sequence through nn/rnn.c or nn/lstm.c in double precision: the same
 * cell gradients and the same ||dL/dh_t|| to float precision. */
static void
check_against_double_kernel(enum seqtrain_cell cell)
{
	size_t nh = 7, steps = 9, ni = noise_input, g = cell ==
	    SEQTRAIN_LSTM ? 4 : 1, ng = g * nh;
	struct seqtrain *tr = make_trainer(cell, SEQTRAIN_TANH, nh, 1, steps,
	    SEQTRAIN_MSE, 3);
	size_t np = seqtrain_param_count(tr), ncell = np - nh - 1;
	const float *p = seqtrain_params(tr);
	float x[9 * 2], y[1], *grad = malloc(np * sizeof *grad);
	double *theta = calloc(ncell, sizeof *theta);
	double *dgrad = calloc(ncell, sizeof *dgrad);
	double xd[9 * 2], dout[9 * 7] = { 0 }, norm[10], reach[9];
	double out = p[np - 1], worst = 0.0, *hlast;
	struct rng rng;

	rng_seed(&rng, 5);
	noise_sample(x, y, 1, steps, &rng, &noise_input);
	seqtrain_gradient(tr, grad, reach, x, y, 1);
	for (size_t i = 0; i < ncell; i++)
		theta[i] = p[i];
	for (size_t i = 0; i < steps * ni; i++)
		xd[i] = x[i];
	if (cell == SEQTRAIN_RNN) {
		struct rnn_dims d = { .input = ni, .hidden = nh,
		    .act = RNN_TANH };
		struct rnn_params pp, gg;
		double hs[10 * 7], work[10 * 7];

		rnn_params_point(&pp, theta, &d);
		rnn_params_point(&gg, dgrad, &d);
		rnn_forward(hs, xd, NULL, &pp, steps, &d);
		hlast = hs + steps * nh;
		for (size_t j = 0; j < nh; j++)
			out += p[ncell + j] * hlast[j];
		for (size_t j = 0; j < nh; j++)
			dout[(steps - 1) * nh + j] = 2 * (out - y[0]) *
			    p[ncell + j];
		rnn_backward(NULL, NULL, &gg, norm, work, dout, hs, xd, &pp,
		    steps, &d);
	} else {
		struct lstm_dims d = { .input = ni, .hidden = nh };
		struct lstm_params pp, gg;
		struct lstm_cache cache;
		double *flat = calloc(lstm_cache_size(steps, &d), sizeof *flat);
		double *work = calloc(lstm_work_size(steps, &d), sizeof *work);

		lstm_params_point(&pp, theta, &d);
		lstm_params_point(&gg, dgrad, &d);
		lstm_cache_point(&cache, flat, steps, &d);
		lstm_forward(&cache, xd, NULL, NULL, &pp, steps, &d);
		hlast = cache.h + steps * nh;
		for (size_t j = 0; j < nh; j++)
			out += p[ncell + j] * hlast[j];
		for (size_t j = 0; j < nh; j++)
			dout[(steps - 1) * nh + j] = 2 * (out - y[0]) *
			    p[ncell + j];
		lstm_backward(NULL, NULL, NULL, &gg, norm, NULL, work, dout,
		    &cache, xd, &pp, steps, &d);
		free(flat);
		free(work);
	}
	for (size_t i = 0; i < ncell; i++) {
		double e = fabs(dgrad[i] - grad[i]) / fmax(1.0, fabs(dgrad[i]));

		worst = fmax(worst, e);
	}
	CU_ASSERT(worst < 1e-5);
	for (size_t t = 0; t < steps; t++)
		CU_ASSERT(fabs(reach[t] - norm[t + 1]) <=
		    1e-5 * fmax(1.0, norm[t + 1]));
	CU_ASSERT(ng * (ni + nh + 2) == ncell);
	free(grad);
	free(theta);
	free(dgrad);
	seqtrain_destroy(tr);
}

static void
test_seqtrain_rnn_matches_double_kernel(void)
{
	check_against_double_kernel(SEQTRAIN_RNN);
}

static void
test_seqtrain_lstm_matches_double_kernel(void)
{
	check_against_double_kernel(SEQTRAIN_LSTM);
}

/* A run of cfg on the noise task; the trainer (caller destroys) after
 * stepping in chunks of chunk updates; *rc gets the last step's code. */
static struct seqtrain *
run(const struct seqtrain_config *cfg, size_t steps, size_t chunk, int *rc,
    struct diag_list *diags)
{
	struct seqtrain_task task = noise_task(steps);
	struct seqtrain *tr = NULL;

	CU_ASSERT_EQUAL_FATAL(seqtrain_create(&tr, cfg, &task, diags),
	    SEQTRAIN_OK);
	while ((*rc = seqtrain_step(tr, chunk, diags)) == 1)
		;
	return tr;
}

/* Every clipped norm at most the threshold, the rest untouched, and the
 * count of clipped updates right. */
static void
test_seqtrain_clipping_bounds_the_norm(void)
{
	struct seqtrain_config cfg;
	struct seqtrain_log log;
	struct diag_list diags;
	struct seqtrain *tr;
	size_t over = 0, under = 0;
	int rc;

	seqtrain_config_init(&cfg);
	cfg.cell = SEQTRAIN_RNN;
	cfg.hidden = 16;
	cfg.batch = 4;
	cfg.updates = 40;
	cfg.init = SEQTRAIN_INIT_ORTHOGONAL;
	cfg.rho = 1.5;
	cfg.clip = 0.05;
	cfg.optim = SEQTRAIN_SGD;
	cfg.lr = 0.01;
	diag_list_init(&diags);
	tr = run(&cfg, 30, 7, &rc, &diags);
	CU_ASSERT_EQUAL(rc, 0);
	seqtrain_log(tr, &log);
	CU_ASSERT_EQUAL(log.updates, 40);
	for (size_t i = 0; i < log.updates; i++) {
		CU_ASSERT(log.clipped_norm[i] <= cfg.clip);
		if (log.grad_norm[i] > cfg.clip) {
			over++;
			CU_ASSERT(log.clipped_norm[i] > 0.999 * cfg.clip);
		} else {
			under++;
			CU_ASSERT_EQUAL(log.clipped_norm[i], log.grad_norm[i]);
		}
	}
	CU_ASSERT(over > 0);
	CU_ASSERT_EQUAL(log.clipped, over);
	CU_ASSERT_EQUAL(log.diverged_at, 0);
	diag_list_free(&diags);
	seqtrain_destroy(tr);
}

/* k = T is full BPTT to the bit; a small k leaves no gradient before the
 * last window and changes the weights' gradient. */
static void
test_seqtrain_truncation_limits_reach(void)
{
	size_t steps = 20, nh = 6;
	enum seqtrain_cell cells[] = { SEQTRAIN_RNN, SEQTRAIN_LSTM,
	    SEQTRAIN_GRU };

	for (size_t c = 0; c < 3; c++) {
		struct seqtrain_config cfg;
		struct seqtrain_task task = noise_task(steps);
		struct seqtrain *full, *same, *cut;
		struct diag_list diags;
		float x[20 * 4 * 2], y[4], *g1, *g2, *g3;
		double r1[20], r2[20], r3[20];
		struct rng rng;
		size_t np;

		seqtrain_config_init(&cfg);
		cfg.cell = cells[c];
		cfg.hidden = nh;
		cfg.batch = 4;
		diag_list_init(&diags);
		seqtrain_create(&full, &cfg, &task, &diags);
		cfg.truncate = steps;
		seqtrain_create(&same, &cfg, &task, &diags);
		cfg.truncate = 6;	/* windows 0-5, 6-11, 12-17, 18-19 */
		seqtrain_create(&cut, &cfg, &task, &diags);
		np = seqtrain_param_count(full);
		g1 = malloc(np * sizeof *g1);
		g2 = malloc(np * sizeof *g2);
		g3 = malloc(np * sizeof *g3);
		rng_seed(&rng, 11);
		noise_sample(x, y, 4, steps, &rng, &noise_input);
		seqtrain_gradient(full, g1, r1, x, y, 4);
		seqtrain_gradient(same, g2, r2, x, y, 4);
		seqtrain_gradient(cut, g3, r3, x, y, 4);
		CU_ASSERT(memcmp(g1, g2, np * sizeof *g1) == 0);
		CU_ASSERT(memcmp(r1, r2, sizeof r1) == 0);
		for (size_t t = 0; t < steps; t++) {
			if (t < 18) {
				CU_ASSERT_EQUAL(r3[t], 0.0);
			} else {
				CU_ASSERT_EQUAL(r3[t], r1[t]);
			}
			CU_ASSERT(r1[t] > 0.0);
		}
		CU_ASSERT(memcmp(g1, g3, np * sizeof *g1) != 0);
		/* the head sees only h_T: its gradient is the same */
		CU_ASSERT(memcmp(g1 + np - nh - 1, g3 + np - nh - 1,
		    (nh + 1) * sizeof *g1) == 0);
		free(g1);
		free(g2);
		free(g3);
		seqtrain_destroy(full);
		seqtrain_destroy(same);
		seqtrain_destroy(cut);
		diag_list_free(&diags);
	}
}

/* An IRNN at rho 3 with lr 1 and no clipping blows up: the run stops at
 * that update with the message, stays done, keeps its logs. */
static void
test_seqtrain_divergence_stops_cleanly(void)
{
	struct seqtrain_config cfg;
	struct seqtrain_log log;
	struct diag_list diags;
	struct seqtrain *tr;
	char want[64];
	int rc;

	seqtrain_config_init(&cfg);
	cfg.cell = SEQTRAIN_RNN;
	cfg.act = SEQTRAIN_RELU;
	cfg.init = SEQTRAIN_INIT_IDENTITY;
	cfg.rho = 3.0;
	cfg.lr = 1.0;
	cfg.optim = SEQTRAIN_SGD;
	cfg.hidden = 16;
	cfg.batch = 8;
	cfg.updates = 500;
	diag_list_init(&diags);
	tr = run(&cfg, 100, 3, &rc, &diags);
	CU_ASSERT_EQUAL(rc, SEQTRAIN_EDIVERGED);
	seqtrain_log(tr, &log);
	CU_ASSERT(log.diverged_at >= 1 && log.diverged_at < 500);
	CU_ASSERT_EQUAL(log.updates, log.diverged_at);
	CU_ASSERT_EQUAL(seqtrain_updates_done(tr), log.diverged_at - 1);
	CU_ASSERT(!isfinite(log.grad_norm[log.updates - 1]) ||
	    !isfinite(log.loss[log.updates - 1]));
	for (size_t i = 0; i + 1 < log.updates; i++)
		CU_ASSERT(isfinite(log.grad_norm[i]) && isfinite(log.loss[i]));
	CU_ASSERT_EQUAL_FATAL(diags.n, 1);
	snprintf(want, sizeof want, "diverged at update %zu: ",
	    log.diverged_at);
	CU_ASSERT(strncmp(diags.v[0].msg, want, strlen(want)) == 0);
	CU_ASSERT_EQUAL(seqtrain_step(tr, 10, &diags), 0);
	CU_ASSERT_EQUAL(diags.n, 1);
	seqtrain_log(tr, &log);
	CU_ASSERT_EQUAL(log.updates, log.diverged_at);
	diag_list_free(&diags);
	seqtrain_destroy(tr);
}

/* The same bits however the updates are split into steps and whichever
 * vector width runs. */
static void
test_seqtrain_deterministic_across_steps_and_widths(void)
{
	enum seqtrain_cell cells[] = { SEQTRAIN_RNN, SEQTRAIN_LSTM,
	    SEQTRAIN_GRU };

	for (size_t c = 0; c < 3; c++) {
		struct seqtrain_config cfg;
		struct seqtrain_log la, lb;
		struct diag_list diags;
		struct seqtrain *a, *b;
		enum nn_isa old;
		int rc;

		seqtrain_config_init(&cfg);
		cfg.cell = cells[c];
		cfg.hidden = 20;	/* vectors and a scalar tail */
		cfg.batch = 5;
		cfg.updates = 12;
		cfg.eval_every = 5;
		cfg.test_size = 7;
		cfg.clip = 0.5;
		diag_list_init(&diags);
		a = run(&cfg, 15, 100, &rc, &diags);
		CU_ASSERT_EQUAL(rc, 0);
		old = nn_isa_set(NN_ISA_AVX2);	/* where there is AVX2 */
		b = run(&cfg, 15, 4, &rc, &diags);
		CU_ASSERT(memcmp(seqtrain_params(a), seqtrain_params(b),
		    seqtrain_param_count(a) * sizeof(float)) == 0);
		seqtrain_destroy(b);
		nn_isa_set(NN_ISA_GENERIC);
		b = run(&cfg, 15, 1, &rc, &diags);
		nn_isa_set(old);
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT(memcmp(seqtrain_params(a), seqtrain_params(b),
		    seqtrain_param_count(a) * sizeof(float)) == 0);
		seqtrain_log(a, &la);
		seqtrain_log(b, &lb);
		CU_ASSERT_EQUAL(la.updates, 12);
		CU_ASSERT_EQUAL(la.evals, 4);	/* 0, 5, 10, 12 */
		CU_ASSERT_EQUAL(lb.evals, 4);
		CU_ASSERT_EQUAL(la.test_at[3], 12);
		CU_ASSERT(memcmp(la.loss, lb.loss, 12 * sizeof(double)) == 0);
		CU_ASSERT(memcmp(la.grad_norm, lb.grad_norm,
		    12 * sizeof(double)) == 0);
		CU_ASSERT(memcmp(la.test_loss, lb.test_loss,
		    4 * sizeof(double)) == 0);
		CU_ASSERT(memcmp(la.reach_last, lb.reach_last,
		    15 * sizeof(double)) == 0);
		diag_list_free(&diags);
		seqtrain_destroy(a);
		seqtrain_destroy(b);
	}
}

/* A configuration out of range is refused with a message. */
/* Everything two runs logged, their parameters and their messages are
 * the same bits. */
static void
assert_same_runs(struct seqtrain *a, struct seqtrain *b,
    const struct diag_list *da, const struct diag_list *db)
{
	struct seqtrain_log la, lb;

	seqtrain_log(a, &la);
	seqtrain_log(b, &lb);
	CU_ASSERT_EQUAL_FATAL(la.updates, lb.updates);
	CU_ASSERT_EQUAL_FATAL(la.evals, lb.evals);
	CU_ASSERT(memcmp(la.loss, lb.loss, la.updates * sizeof(double)) == 0);
	CU_ASSERT(memcmp(la.grad_norm, lb.grad_norm,
	    la.updates * sizeof(double)) == 0);
	CU_ASSERT(memcmp(la.clipped_norm, lb.clipped_norm,
	    la.updates * sizeof(double)) == 0);
	CU_ASSERT(memcmp(la.test_loss, lb.test_loss,
	    la.evals * sizeof(double)) == 0);
	CU_ASSERT(memcmp(la.test_at, lb.test_at,
	    la.evals * sizeof(size_t)) == 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(la.reach_last);
	CU_ASSERT_PTR_NOT_NULL_FATAL(lb.reach_last);
	CU_ASSERT(memcmp(la.reach_first, lb.reach_first,
	    la.steps * sizeof(double)) == 0);
	CU_ASSERT(memcmp(la.reach_last, lb.reach_last,
	    la.steps * sizeof(double)) == 0);
	CU_ASSERT_EQUAL(la.clipped, lb.clipped);
	CU_ASSERT_EQUAL(la.diverged_at, lb.diverged_at);
	CU_ASSERT(memcmp(seqtrain_params(a), seqtrain_params(b),
	    seqtrain_param_count(a) * sizeof(float)) == 0);
	CU_ASSERT_EQUAL_FATAL(da->n, db->n);
	for (size_t i = 0; i < da->n; i++)
		CU_ASSERT_STRING_EQUAL(da->v[i].msg, db->v[i].msg);
}

/* Run cfg over steps in calls of chunk units; the progress must only
 * grow, stay below 1 while the run goes on and reach 1 at its end. */
static struct seqtrain *
run_watching_progress(const struct seqtrain_config *cfg, size_t steps,
    size_t chunk, int *rc, struct diag_list *diags)
{
	struct seqtrain_task task = noise_task(steps);
	struct seqtrain_progress pg;
	struct seqtrain *tr = NULL;
	uint64_t last = 0;

	CU_ASSERT_EQUAL_FATAL(seqtrain_create(&tr, cfg, &task, diags),
	    SEQTRAIN_OK);
	seqtrain_progress(tr, &pg);
	CU_ASSERT_EQUAL(pg.units_done, 0);
	CU_ASSERT(pg.units > 0);
	while ((*rc = seqtrain_step(tr, chunk, diags)) == 1) {
		seqtrain_progress(tr, &pg);
		CU_ASSERT(pg.units_done > last);
		CU_ASSERT(pg.units_done < pg.units);
		CU_ASSERT(pg.fraction > 0.0 && pg.fraction < 1.0);
		if (chunk < 1000) {
			CU_ASSERT_EQUAL(pg.units_done, last + chunk);
		}
		last = pg.units_done;
	}
	seqtrain_progress(tr, &pg);
	CU_ASSERT_EQUAL(pg.fraction, 1.0);
	if (*rc == 0) {
		CU_ASSERT_EQUAL(pg.units_done, pg.units);
	}
	return tr;
}

/* The same bits whether a run goes one unit per call, a thousand, or all
 * at once, and with units so small that they cut through the rows of one
 * step (cfg.unit_work): every cell with truncation, and a run that
 * diverges. */
static void
test_seqtrain_units_split_gives_same_bits(void)
{
	enum seqtrain_cell cells[] = { SEQTRAIN_RNN, SEQTRAIN_LSTM,
	    SEQTRAIN_GRU, SEQTRAIN_RNN };
	size_t chunks[] = { 1, 1000, 1, 3 };

	for (size_t c = 0; c < 4; c++) {
		int diverges = c == 3;
		size_t steps = diverges ? 100 : 14;
		struct seqtrain_config cfg;
		struct diag_list dwhole;
		struct seqtrain *whole;
		struct seqtrain_progress pw;
		int rc;

		seqtrain_config_init(&cfg);
		cfg.cell = cells[c];
		cfg.hidden = 9;		/* vectors and a scalar tail */
		cfg.batch = 5;
		cfg.updates = 12;
		cfg.eval_every = 5;
		cfg.test_size = 7;
		cfg.clip = 0.5;
		cfg.truncate = 4;	/* windows 0-3, ..., 12-13 */
		if (diverges) {
			/* test_seqtrain_divergence_stops_cleanly's run */
			cfg.act = SEQTRAIN_RELU;
			cfg.init = SEQTRAIN_INIT_IDENTITY;
			cfg.rho = 3.0;
			cfg.lr = 1.0;
			cfg.optim = SEQTRAIN_SGD;
			cfg.clip = 0.0;
			cfg.truncate = 0;
			cfg.hidden = 16;
			cfg.batch = 8;
			cfg.updates = 500;
		}
		diag_list_init(&dwhole);
		whole = run_watching_progress(&cfg, steps, SIZE_MAX, &rc,
		    &dwhole);
		CU_ASSERT_EQUAL(rc, diverges ? SEQTRAIN_EDIVERGED : 0);
		seqtrain_progress(whole, &pw);
		for (size_t k = 0; k < 4; k++) {
			struct seqtrain_config small = cfg;
			struct seqtrain_progress pg;
			struct diag_list diags;
			struct seqtrain *tr;

			/* k >= 2: 1 to 8 rows a unit (a step has 5 or 8) */
			if (k >= 2)
				small.unit_work = 2000;
			diag_list_init(&diags);
			tr = run_watching_progress(&small, steps, chunks[k],
			    &rc, &diags);
			CU_ASSERT_EQUAL(rc, diverges ? SEQTRAIN_EDIVERGED : 0);
			assert_same_runs(whole, tr, &dwhole, &diags);
			seqtrain_progress(tr, &pg);
			if (k >= 2) {
				CU_ASSERT(pg.units > 2 * pw.units);
			} else {
				CU_ASSERT_EQUAL(pg.units, pw.units);
			}
			CU_ASSERT_EQUAL(seqtrain_step(tr, 1, &diags), 0);
			diag_list_free(&diags);
			seqtrain_destroy(tr);
		}
		seqtrain_destroy(whole);
		diag_list_free(&dwhole);
	}
}

/* At the adding lesson's largest sizes (LSTM, T 1000, H 128, B 64, two
 * inputs) no unit of an update or an evaluation does more than
 * SEQTRAIN_UNIT_WORK multiply-adds, and the units are not needlessly
 * small: a test of work, not of time. */
static void
test_seqtrain_unit_work_is_bounded(void)
{
	struct seqtrain_config cfg;
	struct seqtrain_task task = noise_task(1000);
	struct seqtrain_progress pg;
	struct diag_list diags;
	struct seqtrain *tr = NULL;
	uint64_t units = 0;
	int rc;

	seqtrain_config_init(&cfg);
	cfg.cell = SEQTRAIN_LSTM;
	cfg.hidden = 128;
	cfg.batch = 64;
	cfg.updates = 1;
	cfg.eval_every = 1;
	cfg.test_size = 3;	/* the evaluations' chunks are cut the same */
	diag_list_init(&diags);
	CU_ASSERT_EQUAL_FATAL(seqtrain_create(&tr, &cfg, &task, &diags),
	    SEQTRAIN_OK);
	while ((rc = seqtrain_step(tr, 1, &diags)) == 1) {
		CU_ASSERT_FATAL(seqtrain_unit_work_max(tr) <=
		    SEQTRAIN_UNIT_WORK);
		units++;
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(seqtrain_updates_done(tr), 1);
	CU_ASSERT(seqtrain_unit_work_max(tr) <= SEQTRAIN_UNIT_WORK);
	CU_ASSERT(seqtrain_unit_work_max(tr) >= SEQTRAIN_UNIT_WORK / 2);
	/* the update's three products of 4 H x H per row cannot fit in
	 * fewer units than that */
	CU_ASSERT(units + 1 >= (uint64_t)3 * 1000 * 64 * 4 * 128 * 128 /
	    SEQTRAIN_UNIT_WORK);
	seqtrain_progress(tr, &pg);
	CU_ASSERT_EQUAL(pg.units_done, units + 1);
	CU_ASSERT_EQUAL(pg.units_done, pg.units);
	diag_list_free(&diags);
	seqtrain_destroy(tr);
}

static void
test_seqtrain_refuses_bad_config(void)
{
	struct seqtrain_config cfg;
	struct seqtrain_task task = noise_task(10);
	struct seqtrain *tr = NULL;
	struct diag_list diags;

	seqtrain_config_init(&cfg);
	cfg.hidden = 0;
	diag_list_init(&diags);
	CU_ASSERT_EQUAL(seqtrain_create(&tr, &cfg, &task, &diags),
	    SEQTRAIN_EVALUE);
	CU_ASSERT_PTR_NULL(tr);
	CU_ASSERT_EQUAL(diags.nerrors, 1);
	diag_list_free(&diags);
}

/* ---- the adding simulation -------------------------------------------- */

/* Run "adding" with the NAME=VALUE settings kv[0..n) into res. */
static int
run_adding(struct sim_result *res, const char *const *kv, size_t n)
{
	const struct sim_spec *spec = sim_find("adding");
	struct sim_args args;
	struct diag_list diags;
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	sim_args_init(&args, spec);
	diag_list_init(&diags);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL(sim_args_set_kv(&args, kv[i], &diags), SIM_OK);
	sim_result_init(res);
	rc = sim_run(res, &args, &diags);
	CU_ASSERT_EQUAL(diags.n, 0);
	diag_list_free(&diags);
	sim_args_free(&args);
	return rc;
}

/* A scalar of res by name (NaN when missing, and a failed assertion). */
static double
scalar(const struct sim_result *res, const char *name)
{
	const struct sim_scalar *s = sim_result_scalar(res, name);

	CU_ASSERT_PTR_NOT_NULL(s);
	return s != NULL ? s->value : NAN;
}

/* The GRU learns the sum of two values 50 steps apart, far below the
 * baseline of predicting the mean; the plain RNN does not. */
static void
test_seqtrain_adding_gru_solves_rnn_does_not(void)
{
	static const char *const gru[] = { "model=gru", "steps=50",
	    "updates=400" };
	static const char *const rnn[] = { "model=rnn", "steps=50",
	    "updates=400" };
	struct sim_result res;
	double base;

	CU_ASSERT_EQUAL_FATAL(run_adding(&res, gru, 3), SIM_OK);
	base = scalar(&res, "baseline_mse");
	CU_ASSERT(base > 0.12 && base < 0.21);
	CU_ASSERT(scalar(&res, "final_mse") < 0.02);
	CU_ASSERT_EQUAL(scalar(&res, "diverged_at"), 0.0);
	CU_ASSERT_EQUAL(sim_result_series(&res, "loss")->n, 400);
	CU_ASSERT_EQUAL(sim_result_series(&res, "test_mse")->n, 5);
	CU_ASSERT_EQUAL(sim_result_series(&res, "reach_last")->n, 50);
	sim_result_free(&res);
	CU_ASSERT_EQUAL_FATAL(run_adding(&res, rnn, 3), SIM_OK);
	CU_ASSERT(scalar(&res, "final_mse") > 0.8 * base);
	sim_result_free(&res);
}

/* At rho 3 without clipping the gradient explodes until the run diverges
 * (cleanly: a result with diverged_at and a note); with clipping at 1 the
 * same run finishes and no update uses a norm above 1. */
static void
test_seqtrain_adding_clipping_rescues_large_rho(void)
{
	static const char *const wild[] = { "model=rnn", "steps=50",
	    "updates=300", "init=orthogonal", "rho=3", "optimizer=sgd",
	    "lr=0.1", "clip=0" };
	static const char *const tame[] = { "model=rnn", "steps=50",
	    "updates=300", "init=orthogonal", "rho=3", "optimizer=sgd",
	    "lr=0.1", "clip=1" };
	const struct sim_series *s, *g;
	struct sim_result res;
	double at, med, top;

	CU_ASSERT_EQUAL_FATAL(run_adding(&res, wild, 8), SIM_OK);
	at = scalar(&res, "diverged_at");
	med = scalar(&res, "grad_norm_median");
	top = scalar(&res, "grad_norm_max");
	CU_ASSERT(at > 0 || top > 100 * med);
	if (at > 0) {
		CU_ASSERT_EQUAL(sim_result_series(&res, "loss")->n,
		    (size_t)at);
		CU_ASSERT_EQUAL_FATAL(res.nnotes, 1);
		CU_ASSERT(strncmp(res.notes[0], "Stopped: diverged at update ",
		    28) == 0);
	}
	sim_result_free(&res);
	CU_ASSERT_EQUAL_FATAL(run_adding(&res, tame, 8), SIM_OK);
	CU_ASSERT_EQUAL(scalar(&res, "diverged_at"), 0.0);
	CU_ASSERT_EQUAL(scalar(&res, "updates_done"), 300.0);
	CU_ASSERT(scalar(&res, "clipped_fraction") > 0.5);
	s = sim_result_series(&res, "clipped_norm");
	g = sim_result_series(&res, "grad_norm");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 300);
	for (size_t i = 0; i < s->n; i++)
		CU_ASSERT(s->v[i] <= 1.0 && s->v[i] <= g->v[i]);
	CU_ASSERT(scalar(&res, "grad_norm_max") > 100.0);
	sim_result_free(&res);
}

/* The job in steps of one update gives the run's result; it trains, and
 * its cost grows with the work. */
static void
test_seqtrain_adding_job_steps_match_run(void)
{
	const struct sim_spec *spec = sim_find("adding");
	static const char *const kv[] = { "model=lstm", "steps=20",
	    "updates=30", "eval_every=7", "hidden=9", "batch=5" };
	struct sim_args args;
	struct sim_result whole, stepped;
	struct sim_progress pg;
	struct diag_list diags;
	struct sim_job *job;
	double c1;
	int rc;

	CU_ASSERT_EQUAL_FATAL(run_adding(&whole, kv, 6), SIM_OK);
	sim_args_init(&args, spec);
	diag_list_init(&diags);
	for (size_t i = 0; i < 6; i++)
		sim_args_set_kv(&args, kv[i], &diags);
	CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_TRAINS);
	c1 = sim_cost(&args);
	CU_ASSERT(c1 > 0.0);
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &diags), 0);
	while ((rc = sim_job_step(job, 1, &diags)) == 1) {
		sim_job_progress(job, &pg);
		CU_ASSERT_STRING_EQUAL(pg.stage_name, "update");
		CU_ASSERT(pg.fraction < 1.0 || pg.stage == 30);
	}
	CU_ASSERT_EQUAL(rc, 0);
	sim_result_init(&stepped);
	sim_job_result(job, &stepped);
	sim_job_destroy(job);
	CU_ASSERT_EQUAL_FATAL(stepped.nseries, whole.nseries);
	for (size_t i = 0; i < whole.nseries; i++) {
		CU_ASSERT_EQUAL_FATAL(stepped.series[i].n, whole.series[i].n);
		CU_ASSERT(memcmp(stepped.series[i].v, whole.series[i].v,
		    whole.series[i].n * sizeof(double)) == 0);
	}
	CU_ASSERT_EQUAL(sim_result_series(&whole, "test_mse")->n, 6);
	sim_args_set_kv(&args, "updates=60", &diags);
	CU_ASSERT(sim_cost(&args) > 1.5 * c1);
	sim_args_set_kv(&args, "updates=0", &diags);
	CU_ASSERT(sim_pace(&args) != SIM_PACE_TRAINS);
	sim_result_free(&whole);
	sim_result_free(&stepped);
	sim_args_free(&args);
	diag_list_free(&diags);
}

void
test_seqtrain_register(void)
{
	CU_pSuite s = CU_add_suite("seqtrain", NULL, NULL);
	CU_pSuite a = CU_add_suite("sim adding", NULL, NULL);

	CU_add_test(s, "rnn tanh gradient matches differences",
	    test_seqtrain_rnn_tanh_gradient_matches_differences);
	CU_add_test(s, "rnn relu gradient matches differences",
	    test_seqtrain_rnn_relu_gradient_matches_differences);
	CU_add_test(s, "lstm gradient matches differences",
	    test_seqtrain_lstm_gradient_matches_differences);
	CU_add_test(s, "gru gradient matches differences",
	    test_seqtrain_gru_gradient_matches_differences);
	CU_add_test(s, "bce gradient matches differences",
	    test_seqtrain_bce_gradient_matches_differences);
	CU_add_test(s, "rnn matches double kernel",
	    test_seqtrain_rnn_matches_double_kernel);
	CU_add_test(s, "lstm matches double kernel",
	    test_seqtrain_lstm_matches_double_kernel);
	CU_add_test(s, "clipping bounds the norm",
	    test_seqtrain_clipping_bounds_the_norm);
	CU_add_test(s, "truncation limits reach",
	    test_seqtrain_truncation_limits_reach);
	CU_add_test(s, "divergence stops cleanly",
	    test_seqtrain_divergence_stops_cleanly);
	CU_add_test(s, "deterministic across steps and widths",
	    test_seqtrain_deterministic_across_steps_and_widths);
	CU_add_test(s, "units split gives same bits",
	    test_seqtrain_units_split_gives_same_bits);
	CU_add_test(s, "unit work is bounded",
	    test_seqtrain_unit_work_is_bounded);
	CU_add_test(s, "refuses bad config",
	    test_seqtrain_refuses_bad_config);
	CU_add_test(a, "gru solves, rnn does not",
	    test_seqtrain_adding_gru_solves_rnn_does_not);
	CU_add_test(a, "clipping rescues large rho",
	    test_seqtrain_adding_clipping_rescues_large_rho);
	CU_add_test(a, "job steps match run",
	    test_seqtrain_adding_job_steps_match_run);
}
