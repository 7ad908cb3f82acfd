/* cell-grads: one random RNN, LSTM or GRU cell, a random input sequence
 * and initial state, the loss 0.5 * sum_t ||h_t||^2 and every gradient,
 * printed under PyTorch's names so a reader can load the same numbers into
 * torch.nn.RNN / LSTM / GRU and watch autograd agree. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/gru.h"
#include "nn/linalg.h"
#include "nn/lstm.h"
#include "nn/rnn.h"
#include "sim/sims.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

enum { CG_CELL, CG_INPUT, CG_HIDDEN, CG_STEPS, CG_SEED };

/* The cells, in choice order. */
enum cg_cell { CG_RNN, CG_LSTM, CG_GRU };

static const char *const cell_choices[] = { "rnn", "lstm", "gru", NULL };

/* Gate blocks per cell: rows of weight_ih are gates x H. */
static const size_t cell_gates[] = { 1, 4, 3 };

static const struct sim_param_spec cell_grads_params[] = {
	[CG_CELL] = { .name = "cell", .type = SIM_CHOICE, .def = 0, .min = 0,
	    .max = 2, .step = 1, .choices = cell_choices,
	    .help = "the cell: rnn (tanh, torch.nn.RNN), lstm (gates i f g o) "
	    "or gru (gates r z n)" },
	[CG_INPUT] = { .name = "input", .type = SIM_INT, .def = 3, .min = 1,
	    .max = 16, .step = 1,
	    .help = "input features I per step" },
	[CG_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 4, .min = 1,
	    .max = 32, .step = 1,
	    .help = "hidden units H" },
	[CG_STEPS] = { .name = "steps", .type = SIM_INT, .def = 6, .min = 1,
	    .max = 50, .step = 1,
	    .help = "sequence length T" },
	[CG_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "random seed (weights, x, h0 and c0)" },
};

/* One run's numbers: parameters and gradients in PyTorch's flat layout
 * (weight_ih, weight_hh, bias_ih, bias_hh), the inputs and their
 * gradients. */
struct cell_lab {
	enum cg_cell cell;
	size_t ni, nh, steps, nparams;
	double *params, *grads;		/* nparams each */
	double *x, *dx;			/* T x I */
	double *h0, *dh0, *c0, *dc0;	/* H each (c0, dc0: lstm only) */
	double *hs;			/* (T+1) x H: h_0 .. h_T */
	double loss;
};

/* The tanh RNN: forward, then BPTT with dL/dh_t = h_t. */
static void
lab_rnn(struct cell_lab *lab, struct rng *rng)
{
	struct rnn_dims d = { .input = lab->ni, .hidden = lab->nh,
	    .act = RNN_TANH };
	double *work = xmalloc(rnn_work_size(lab->steps, &d) * sizeof *work);
	struct rnn_params p, g;

	rnn_params_point(&p, lab->params, &d);
	rnn_params_point(&g, lab->grads, &d);
	rnn_init_default(&p, rng, &d);
	rng_fill_normal(lab->x, rng, lab->steps * lab->ni, 1.0);
	rng_fill_normal(lab->h0, rng, lab->nh, 1.0);
	rnn_forward(lab->hs, lab->x, lab->h0, &p, lab->steps, &d);
	rnn_backward(lab->dx, lab->dh0, &g, NULL, work, lab->hs + lab->nh,
	    lab->hs, lab->x, &p, lab->steps, &d);
	free(work);
}

/* The LSTM, with c0 drawn after h0. */
static void
lab_lstm(struct cell_lab *lab, struct rng *rng)
{
	struct lstm_dims d = { .input = lab->ni, .hidden = lab->nh };
	double *cflat = xmalloc(lstm_cache_size(lab->steps, &d) *
	    sizeof *cflat);
	double *work = xmalloc(lstm_work_size(lab->steps, &d) * sizeof *work);
	struct lstm_params p, g;
	struct lstm_cache cache;

	lstm_params_point(&p, lab->params, &d);
	lstm_params_point(&g, lab->grads, &d);
	lstm_init_default(&p, rng, &d);
	rng_fill_normal(lab->x, rng, lab->steps * lab->ni, 1.0);
	rng_fill_normal(lab->h0, rng, lab->nh, 1.0);
	rng_fill_normal(lab->c0, rng, lab->nh, 1.0);
	lstm_cache_point(&cache, cflat, lab->steps, &d);
	lstm_forward(&cache, lab->x, lab->h0, lab->c0, &p, lab->steps, &d);
	linalg_copy(lab->hs, cache.h, (lab->steps + 1) * lab->nh);
	lstm_backward(lab->dx, lab->dh0, lab->dc0, &g, NULL, NULL, work,
	    lab->hs + lab->nh, &cache, lab->x, &p, lab->steps, &d);
	free(cflat);
	free(work);
}

/* The GRU. */
static void
lab_gru(struct cell_lab *lab, struct rng *rng)
{
	struct gru_dims d = { .input = lab->ni, .hidden = lab->nh };
	double *cflat = xmalloc(gru_cache_size(lab->steps, &d) *
	    sizeof *cflat);
	double *work = xmalloc(gru_work_size(lab->steps, &d) * sizeof *work);
	struct gru_params p, g;
	struct gru_cache cache;

	gru_params_point(&p, lab->params, &d);
	gru_params_point(&g, lab->grads, &d);
	gru_init_default(&p, rng, &d);
	rng_fill_normal(lab->x, rng, lab->steps * lab->ni, 1.0);
	rng_fill_normal(lab->h0, rng, lab->nh, 1.0);
	gru_cache_point(&cache, cflat, lab->steps, &d);
	gru_forward(&cache, lab->x, lab->h0, &p, lab->steps, &d);
	linalg_copy(lab->hs, cache.h, (lab->steps + 1) * lab->nh);
	gru_backward(lab->dx, lab->dh0, &g, NULL, work, lab->hs + lab->nh,
	    &cache, lab->x, &p, lab->steps, &d);
	free(cflat);
	free(work);
}

/* Rows "name  k  value" for k = 0..n-1: v flattened as torch.flatten does,
 * each value in the shortest form that reads back exactly. */
static void
add_tensor(struct sim_table *table, const char *name, const double *v,
    size_t n)
{
	char index[32], value[SIM_NUMBER_MAX];
	const char *cells[3] = { name, index, value };

	for (size_t k = 0; k < n; k++) {
		snprintf(index, sizeof index, "%zu", k);
		sim_format_double(value, v[k], 0);
		sim_table_add_row(table, cells);
	}
}

/* The table "tensors": the inputs under PyTorch's names, then their
 * gradients as grad.NAME; c0 for the LSTM only. */
static void
add_tensors(struct sim_result *res, const struct cell_lab *lab)
{
	static const char *const header[3] = { "tensor", "index", "value" };
	static const char *const names[] = {
		"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
		"x", "h0", "c0"
	};
	struct sim_table *table = sim_result_add_table(res, "tensors", 3,
	    header);
	size_t g = cell_gates[lab->cell], nh = lab->nh;
	size_t wih = g * nh * lab->ni, whh = g * nh * nh, b = g * nh;
	size_t sizes[] = { wih, whh, b, b, lab->steps * lab->ni, nh, nh };
	size_t offsets[] = { 0, wih, wih + whh, wih + whh + b };
	size_t ntensors = lab->cell == CG_LSTM ? 7 : 6;
	char name[32];

	for (int pass = 0; pass < 2; pass++) {
		const double *flat = pass == 0 ? lab->params : lab->grads;
		const double *rest[] = {
			pass == 0 ? lab->x : lab->dx,
			pass == 0 ? lab->h0 : lab->dh0,
			pass == 0 ? lab->c0 : lab->dc0
		};

		for (size_t i = 0; i < ntensors; i++) {
			snprintf(name, sizeof name, "%s%s",
			    pass == 0 ? "" : "grad.", names[i]);
			add_tensor(table, name, i < 4 ? flat + offsets[i] :
			    rest[i - 4], sizes[i]);
		}
	}
}

/* Draw the cell and its inputs from the seed (PyTorch's default init
 * through our generator, then x, h0 and c0 from N(0, 1)); L = 0.5 * sum
 * over t = 1..T of ||h_t||^2, so dL/dh_t = h_t; every gradient. */
static int
cell_grads_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	struct cell_lab lab = {
		.cell = (enum cg_cell)sim_arg_size(args, CG_CELL),
		.ni = sim_arg_size(args, CG_INPUT),
		.nh = sim_arg_size(args, CG_HIDDEN),
		.steps = sim_arg_size(args, CG_STEPS),
	};
	size_t g = cell_gates[lab.cell], nh = lab.nh;
	struct rng rng;

	(void)diags;
	lab.nparams = g * nh * lab.ni + g * nh * nh + 2 * g * nh;
	lab.params = xcalloc(lab.nparams, sizeof *lab.params);
	lab.grads = xcalloc(lab.nparams, sizeof *lab.grads);
	lab.x = xcalloc(lab.steps * lab.ni, sizeof *lab.x);
	lab.dx = xcalloc(lab.steps * lab.ni, sizeof *lab.dx);
	lab.h0 = xcalloc(nh, sizeof *lab.h0);
	lab.dh0 = xcalloc(nh, sizeof *lab.dh0);
	lab.c0 = xcalloc(nh, sizeof *lab.c0);
	lab.dc0 = xcalloc(nh, sizeof *lab.dc0);
	lab.hs = xcalloc((lab.steps + 1) * nh, sizeof *lab.hs);
	rng_seed(&rng, (uint64_t)args->num[CG_SEED]);
	switch (lab.cell) {
	case CG_RNN:
		lab_rnn(&lab, &rng);
		break;
	case CG_LSTM:
		lab_lstm(&lab, &rng);
		break;
	case CG_GRU:
		lab_gru(&lab, &rng);
		break;
	}
	lab.loss = 0.5 * linalg_sumsq(lab.hs + nh, lab.steps * nh);
	add_tensors(res, &lab);
	sim_result_add_scalar(res, "loss",
	    "0.5 * sum over t = 1..T of ||h_t||^2", lab.loss);
	sim_result_add_scalar(res, "grad_norm",
	    "global norm of the parameter gradients",
	    linalg_norm2(lab.grads, lab.nparams));
	free(lab.params);
	free(lab.grads);
	free(lab.x);
	free(lab.dx);
	free(lab.h0);
	free(lab.dh0);
	free(lab.c0);
	free(lab.dc0);
	free(lab.hs);
	return SIM_OK;
}

/* Estimated seconds: forward and backward through G gate blocks (about
 * 6 G H (I + H) flops a step), and writing every number of the table
 * (about a microsecond each, two numbers per parameter and input). */
static double
cell_grads_cost(const struct sim_args *args)
{
	double g = (double)cell_gates[sim_arg_size(args, CG_CELL)];
	double ni = args->num[CG_INPUT], nh = args->num[CG_HIDDEN];
	double steps = args->num[CG_STEPS];
	double numbers = 2.0 * (g * nh * (ni + nh + 2.0) + steps * ni +
	    2.0 * nh);

	return 6.0 * g * nh * (ni + nh) * steps / SIM_REF_FLOPS +
	    numbers * 1e-6;
}

const struct sim_spec sim_cell_grads_spec = {
	.name = "cell-grads",
	.summary = "every gradient of a random RNN, LSTM or GRU cell for the "
	    "loss 0.5 * sum_t ||h_t||^2; table tensors: weight_ih_l0, "
	    "weight_hh_l0, bias_ih_l0, bias_hh_l0 (PyTorch's names), x, h0 "
	    "(and c0), then grad.NAME of each",
	.params = cell_grads_params,
	.nparams = sizeof cell_grads_params / sizeof cell_grads_params[0],
	.run = cell_grads_run,
	.cost = cell_grads_cost,
};
