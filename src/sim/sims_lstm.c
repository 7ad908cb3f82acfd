/* lstm-gates and lstm-vs-rnn: what the gates of an LSTM do over time, and
 * how far a gradient gets along its cell path compared with a plain RNN. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/linalg.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "sim/sims.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* ---- lstm-gates ---------------------------------------------------------- */

enum { LG_HIDDEN, LG_STEPS, LG_INPUT, LG_FORGET_BIAS, LG_SEED };

static const struct sim_param_spec lstm_gates_params[] = {
	[LG_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 8,
	    .min = 1, .max = 64, .step = 1,
	    .help = "hidden units H" },
	[LG_STEPS] = { .name = "steps", .type = SIM_INT, .def = 50, .min = 1,
	    .max = 500, .step = 1,
	    .help = "sequence length T" },
	[LG_INPUT] = { .name = "input", .type = SIM_CHOICE, .def = 0,
	    .min = 0, .max = 3, .step = 1, .choices = sim_signal_choices,
	    .help = "the input sequence: sine (period 20), pulse (1 at t=1), "
	    "step (on from t=1+steps/4) or random (N(0,1))" },
	[LG_FORGET_BIAS] = { .name = "forget_bias", .type = SIM_REAL,
	    .def = 1.0, .min = -5, .max = 5, .step = 0.5,
	    .help = "bias of the forget gate: f starts near "
	    "sigmoid(forget_bias)" },
	[LG_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "random seed (weights and random input)" },
};

/* mean of v[0..n) */
static double
mean(const double *v, size_t n)
{
	double s = 0.0;

	for (size_t j = 0; j < n; j++)
		s += v[j];
	return n > 0 ? s / (double)n : 0.0;
}

/* An LSTM with input size 1 and PyTorch's default init, the forget bias
 * set, run from h_0 = c_0 = 0; per step the mean over units of each gate,
 * of c_t and of h_t. */
static int
lstm_gates_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	size_t nh = sim_arg_size(args, LG_HIDDEN);
	size_t steps = sim_arg_size(args, LG_STEPS);
	enum sim_signal kind = (enum sim_signal)sim_arg_size(args, LG_INPUT);
	struct lstm_dims d = { .input = 1, .hidden = nh };
	double *flat = xmalloc(lstm_param_count(&d) * sizeof *flat);
	double *cflat = xmalloc(lstm_cache_size(steps, &d) * sizeof *cflat);
	double *x = xmalloc(steps * sizeof *x);
	double *gi = xmalloc(steps * sizeof *gi);
	double *gf = xmalloc(steps * sizeof *gf);
	double *go = xmalloc(steps * sizeof *go);
	double *mc = xmalloc(steps * sizeof *mc);
	double *mh = xmalloc(steps * sizeof *mh);
	double sum_f = 0.0;
	struct lstm_params p;
	struct lstm_cache cache;
	struct rng rng;

	(void)diags;
	rng_seed(&rng, (uint64_t)args->num[LG_SEED]);
	lstm_params_point(&p, flat, &d);
	lstm_init_default(&p, &rng, &d);
	lstm_set_forget_bias(&p, args->num[LG_FORGET_BIAS], &d);
	sim_make_signal(x, kind, 1.0, steps, &rng);
	lstm_cache_point(&cache, cflat, steps, &d);
	lstm_forward(&cache, x, NULL, NULL, &p, steps, &d);
	for (size_t t = 1; t <= steps; t++) {
		const double *z = cache.gates + (t - 1) * 4 * nh;

		gi[t - 1] = mean(z + LSTM_GATE_I * nh, nh);
		gf[t - 1] = mean(z + LSTM_GATE_F * nh, nh);
		go[t - 1] = mean(z + LSTM_GATE_O * nh, nh);
		mc[t - 1] = mean(cache.c + t * nh, nh);
		mh[t - 1] = mean(cache.h + t * nh, nh);
		sum_f += gf[t - 1];
	}
	res->step_name = xstrdup("t");
	res->step_first = 1;
	sim_result_add_series(res, "input", "x_t", x, steps);
	sim_result_add_series(res, "i", "input gate, mean over units", gi,
	    steps);
	sim_result_add_series(res, "f", "forget gate, mean over units", gf,
	    steps);
	sim_result_add_series(res, "o", "output gate, mean over units", go,
	    steps);
	sim_result_add_series(res, "c", "cell state, mean over units", mc,
	    steps);
	sim_result_add_series(res, "h", "hidden state, mean over units", mh,
	    steps);
	sim_result_add_scalar(res, "mean_f",
	    "forget gate, mean over units and steps", sum_f / (double)steps);
	sim_result_add_scalar(res, "final_c", "mean cell state at t = T",
	    mc[steps - 1]);
	free(flat);
	free(cflat);
	return SIM_OK;
}

/* Estimated seconds: the LSTM's four gates, forward only (input 1). */
static double
lstm_gates_cost(const struct sim_args *args)
{
	double h = args->num[LG_HIDDEN];

	return 8.0 * h * (h + 1.0) * args->num[LG_STEPS] / SIM_REF_FLOPS;
}

const struct sim_spec sim_lstm_gates_spec = {
	.name = "lstm-gates",
	.summary = "input, forget and output gates, cell and hidden state of "
	    "an LSTM over time",
	.params = lstm_gates_params,
	.nparams = sizeof lstm_gates_params / sizeof lstm_gates_params[0],
	.run = lstm_gates_run,
	.cost = lstm_gates_cost,
};

/* ---- lstm-vs-rnn --------------------------------------------------------- */

enum { LR_HIDDEN, LR_STEPS, LR_FORGET_BIAS, LR_RHO, LR_HOLD, LR_SEED };


static const struct sim_param_spec lstm_vs_rnn_params[] = {
	[LR_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 32,
	    .min = 1, .max = 256, .step = 1,
	    .help = "hidden units H of both networks" },
	[LR_STEPS] = { .name = "steps", .type = SIM_INT, .def = 100,
	    .min = 1, .max = 1000, .step = 1,
	    .help = "sequence length T; the loss is on h_T" },
	[LR_FORGET_BIAS] = { .name = "forget_bias", .type = SIM_REAL,
	    .def = 1.0, .min = -5, .max = 5, .step = 0.5,
	    .help = "bias of the LSTM's forget gate" },
	[LR_RHO] = { .name = "rho", .type = SIM_REAL, .def = 1.0, .min = 0,
	    .max = 3, .step = 0.05,
	    .help = "the RNN's W_hh = rho x a random orthogonal matrix" },
	[LR_HOLD] = { .name = "hold", .type = SIM_CHOICE, .def = 0, .min = 0,
	    .max = 1, .step = 1, .choices = sim_off_on_choices,
	    .help = "on: hold the forget gate at sigmoid(forget_bias) by "
	    "zeroing its weights" },
	[LR_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "random seed (weights and inputs)" },
};

/* ||dL/dh_t|| of a tanh RNN (W_hh = rho Q) for L = sum_j h_T[j] / sqrt(H). */
static void
rnn_norms(double *norm, const double *x, const double *dout, double rho,
    size_t nh, size_t steps, struct rng *rng)
{
	struct rnn_dims d = { .input = 1, .hidden = nh, .act = RNN_TANH };
	double *flat = xmalloc(rnn_param_count(&d) * sizeof *flat);
	double *hs = xmalloc((steps + 1) * nh * sizeof *hs);
	double *work = xmalloc(rnn_work_size(steps, &d) * sizeof *work);
	struct rnn_params p;

	rnn_params_point(&p, flat, &d);
	rnn_init_default(&p, rng, &d);
	sim_make_orthogonal(p.weight_hh, rho, nh, rng);
	rnn_forward(hs, x, NULL, &p, steps, &d);
	rnn_backward(NULL, NULL, NULL, norm, work, dout, hs, x, &p, steps, &d);
	sim_norms_overflow(norm, steps + 1);
	free(flat);
	free(hs);
	free(work);
}

/* ||dL/dc_t|| of an LSTM for the same loss, and cell_path[t], the mean over
 * units of prod_{s=t+1..T} f_s. */
static void
lstm_norms(double *norm, double *cell_path, const double *x,
    const double *dout, double b_f, int hold, size_t nh, size_t steps,
    struct rng *rng)
{
	struct lstm_dims d = { .input = 1, .hidden = nh };
	double *flat = xmalloc(lstm_param_count(&d) * sizeof *flat);
	double *cflat = xmalloc(lstm_cache_size(steps, &d) * sizeof *cflat);
	double *work = xmalloc(lstm_work_size(steps, &d) * sizeof *work);
	double *prod = xmalloc(nh * sizeof *prod);
	struct lstm_params p;
	struct lstm_cache cache;

	lstm_params_point(&p, flat, &d);
	lstm_init_default(&p, rng, &d);
	if (hold)
		lstm_hold_forget_gate(&p, b_f, &d);
	else
		lstm_set_forget_bias(&p, b_f, &d);
	lstm_cache_point(&cache, cflat, steps, &d);
	lstm_forward(&cache, x, NULL, NULL, &p, steps, &d);
	lstm_backward(NULL, NULL, NULL, NULL, NULL, norm, work, dout, &cache, x,
	    &p, steps, &d);
	sim_norms_overflow(norm, steps + 1);
	for (size_t j = 0; j < nh; j++)
		prod[j] = 1.0;
	cell_path[steps] = 1.0;
	for (size_t s = steps; s >= 1; s--) {
		const double *f = cache.gates + (s - 1) * 4 * nh +
		    LSTM_GATE_F * nh;

		for (size_t j = 0; j < nh; j++)
			prod[j] *= f[j];
		cell_path[s - 1] = mean(prod, nh);
	}
	free(flat);
	free(cflat);
	free(work);
	free(prod);
}

/* The same inputs and loss for both networks. */
static int
lstm_vs_rnn_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	size_t nh = sim_arg_size(args, LR_HIDDEN);
	size_t steps = sim_arg_size(args, LR_STEPS), n = steps + 1;
	double *x = xmalloc(steps * sizeof *x);
	double *dout = xcalloc(steps * nh, sizeof *dout);
	double *rnn = xmalloc(n * sizeof *rnn);
	double *lstm = xmalloc(n * sizeof *lstm);
	double *cell_path = xmalloc(n * sizeof *cell_path);
	struct rng rng;

	(void)diags;
	rng_seed(&rng, (uint64_t)args->num[LR_SEED]);
	rng_fill_normal(x, &rng, steps, 1.0);
	for (size_t j = 0; j < nh; j++)
		dout[(steps - 1) * nh + j] = 1.0 / sqrt((double)nh);
	rnn_norms(rnn, x, dout, args->num[LR_RHO], nh, steps, &rng);
	lstm_norms(lstm, cell_path, x, dout, args->num[LR_FORGET_BIAS],
	    sim_arg_size(args, LR_HOLD) == 1, nh, steps, &rng);

	res->step_name = xstrdup("t");
	sim_result_add_series(res, "rnn", "||dL/dh_t|| of the tanh RNN", rnn,
	    n);
	sim_result_add_series(res, "lstm", "||dL/dc_t|| of the LSTM", lstm, n);
	sim_result_add_series(res, "cell_path",
	    "prod of forget gates from t+1 to T, mean over units", cell_path,
	    n);
	sim_result_add_scalar(res, "rnn_ratio", "RNN: norm at t=0 / norm at T",
	    rnn[0] / rnn[steps]);
	sim_result_add_scalar(res, "lstm_ratio",
	    "LSTM: norm at t=0 / norm at T", lstm[0] / lstm[steps]);
	sim_result_add_scalar(res, "cell_path_0",
	    "prod of all T forget gates, mean over units", cell_path[0]);
	free(x);
	free(dout);
	return SIM_OK;
}

/* Estimated seconds: forward and backward through the RNN (about 6 H^2
 * a step) and through the LSTM (four times that). */
static double
lstm_vs_rnn_cost(const struct sim_args *args)
{
	double h = args->num[LR_HIDDEN];

	return 30.0 * h * h * args->num[LR_STEPS] / SIM_REF_FLOPS;
}

const struct sim_spec sim_lstm_vs_rnn_spec = {
	.name = "lstm-vs-rnn",
	.summary = "gradient norm reaching step t from the loss at T: plain "
	    "tanh RNN against the LSTM's cell path",
	.params = lstm_vs_rnn_params,
	.nparams = sizeof lstm_vs_rnn_params / sizeof lstm_vs_rnn_params[0],
	.run = lstm_vs_rnn_run,
	.cost = lstm_vs_rnn_cost,
};
