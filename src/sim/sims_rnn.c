/* rnn-unroll and bptt-norms: a tanh RNN run forward over a sequence, and
 * the gradient norms of backpropagation through time. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "nn/linalg.h"
#include "nn/optim.h"
#include "nn/rnn.h"
#include "sim/sims.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF	/* no fused multiply-add: same bits */
#endif

/* ---- rnn-unroll ---------------------------------------------------------- */

enum { RU_INPUT, RU_HIDDEN, RU_STEPS, RU_SCALE, RU_INPUT_SCALE, RU_SEED };

static const struct sim_param_spec rnn_unroll_params[] = {
	[RU_INPUT] = { .name = "input", .type = SIM_CHOICE, .def = 0,
	    .min = 0, .max = 3, .step = 1, .choices = sim_signal_choices,
	    .help = "the input sequence: sine (period 20), pulse (1 at t=1), "
	    "step (on from t=1+steps/4) or random (N(0,1))" },
	[RU_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 4,
	    .min = 1, .max = 64, .step = 1,
	    .help = "hidden units H" },
	[RU_STEPS] = { .name = "steps", .type = SIM_INT, .def = 40, .min = 1,
	    .max = 500, .step = 1,
	    .help = "sequence length T" },
	[RU_SCALE] = { .name = "scale", .type = SIM_REAL, .def = 1.0,
	    .min = 0, .max = 3, .step = 0.1,
	    .help = "W_hh = scale x a random orthogonal matrix" },
	[RU_INPUT_SCALE] = { .name = "input_scale", .type = SIM_REAL,
	    .def = 1.0, .min = 0, .max = 5, .step = 0.1,
	    .help = "amplitude of the input" },
	[RU_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "random seed (weights and random input)" },
};

/* Steps after the pulse at t = 1 until ||h_t|| < 1% of the peak of ||h_t||:
 * the smallest t - 1 with hnorm[t-1] < peak / 100, or -1. */
static double
pulse_memory(const double *hnorm, size_t steps)
{
	double peak = linalg_max_abs(hnorm, steps);

	for (size_t t = 1; t <= steps; t++)
		if (hnorm[t - 1] < 0.01 * peak)
			return (double)(t - 1);
	return -1.0;
}

/* One tanh RNN with input size 1, zero biases (so without input h stays 0),
 * W_ih from PyTorch's default init and W_hh = scale * orthogonal, run over
 * the chosen signal from h_0 = 0. */
static int
rnn_unroll_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	enum sim_signal kind = (enum sim_signal)sim_arg_size(args, RU_INPUT);
	size_t nh = sim_arg_size(args, RU_HIDDEN);
	size_t steps = sim_arg_size(args, RU_STEPS);
	struct rnn_dims d = { .input = 1, .hidden = nh, .act = RNN_TANH };
	double *flat = xmalloc(rnn_param_count(&d) * sizeof *flat);
	double *hs = xmalloc((steps + 1) * nh * sizeof *hs);
	double *x = xmalloc(steps * sizeof *x);
	double *hnorm = xmalloc(steps * sizeof *hnorm);
	double max_abs_h = 0.0;
	struct rnn_params p;
	struct rng rng;

	(void)diags;
	rng_seed(&rng, (uint64_t)args->num[RU_SEED]);
	rnn_params_point(&p, flat, &d);
	rnn_init_default(&p, &rng, &d);
	linalg_zero(p.bias_ih, nh);
	linalg_zero(p.bias_hh, nh);
	sim_make_orthogonal(p.weight_hh, args->num[RU_SCALE], nh, &rng);
	sim_make_signal(x, kind, args->num[RU_INPUT_SCALE], steps, &rng);
	rnn_forward(hs, x, NULL, &p, steps, &d);

	res->step_name = xstrdup("t");
	res->step_first = 1;
	sim_result_add_series(res, "input", "x_t", sim_copy_values(x, steps),
	    steps);
	for (size_t j = 0; j < nh; j++) {
		double *hj = xmalloc(steps * sizeof *hj);
		char name[32], label[48];

		for (size_t t = 1; t <= steps; t++)
			hj[t - 1] = hs[t * nh + j];
		snprintf(name, sizeof name, "h%zu", j);
		snprintf(label, sizeof label, "hidden unit %zu", j);
		sim_result_add_series(res, name, label, hj, steps);
	}
	for (size_t t = 1; t <= steps; t++) {
		double m = linalg_max_abs(hs + t * nh, nh);

		hnorm[t - 1] = linalg_norm2(hs + t * nh, nh);
		if (m > max_abs_h)
			max_abs_h = m;
	}
	sim_result_add_series(res, "hnorm", "||h_t||", hnorm, steps);
	sim_result_add_scalar(res, "final_hnorm", "||h_T||", hnorm[steps - 1]);
	sim_result_add_scalar(res, "max_abs_h", "largest |h_t| of any unit",
	    max_abs_h);
	sim_result_add_scalar(res, "memory",
	    "steps after the pulse until ||h_t|| < 1% of its peak (-1: never, "
	    "or no pulse)",
	    kind == SIM_SIGNAL_PULSE ? pulse_memory(hnorm, steps) : -1.0);
	free(flat);
	free(hs);
	free(x);
	return SIM_OK;
}

/* Estimated seconds: the forward pass, 2 H^2 a step. */
static double
rnn_unroll_cost(const struct sim_args *args)
{
	double h = args->num[RU_HIDDEN];

	return 2.0 * h * h * args->num[RU_STEPS] / SIM_REF_FLOPS;
}

const struct sim_spec sim_rnn_unroll_spec = {
	.name = "rnn-unroll",
	.summary = "a tanh RNN unrolled over an input sequence: every hidden "
	    "unit per step, one W_hh reused at every step",
	.params = rnn_unroll_params,
	.nparams = sizeof rnn_unroll_params / sizeof rnn_unroll_params[0],
	.run = rnn_unroll_run,
	.cost = rnn_unroll_cost,
};

/* ---- bptt-norms ---------------------------------------------------------- */

enum {
	BN_HIDDEN, BN_STEPS, BN_RHO, BN_ACTIVATION, BN_INPUT_SCALE, BN_CLIP,
	BN_SWEEP, BN_SEED
};

static const char *const activation_choices[] = {
	"tanh", "linear", "relu", NULL
};
static const enum rnn_activation activation_of_choice[] = {
	RNN_TANH, RNN_LINEAR, RNN_RELU
};

static const struct sim_param_spec bptt_norms_params[] = {
	[BN_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 32,
	    .min = 1, .max = 256, .step = 1,
	    .help = "hidden units H" },
	[BN_STEPS] = { .name = "steps", .type = SIM_INT, .def = 100,
	    .min = 1, .max = 2000, .step = 1,
	    .help = "sequence length T; the loss is on h_T" },
	[BN_RHO] = { .name = "rho", .type = SIM_REAL, .def = 0.9, .min = 0,
	    .max = 3, .step = 0.05,
	    .help = "W_hh = rho x a random orthogonal matrix, so "
	    "sigma_max(W_hh) = rho" },
	[BN_ACTIVATION] = { .name = "activation", .type = SIM_CHOICE,
	    .def = 0, .min = 0, .max = 2, .step = 1,
	    .choices = activation_choices,
	    .help = "tanh, linear (no squashing: norms follow rho^(T-t)) or "
	    "relu" },
	[BN_INPUT_SCALE] = { .name = "input_scale", .type = SIM_REAL,
	    .def = 1.0, .min = 0, .max = 5, .step = 0.1,
	    .help = "inputs are input_scale x N(0,1); larger inputs saturate "
	    "tanh" },
	[BN_CLIP] = { .name = "clip", .type = SIM_REAL, .def = 0, .min = 0,
	    .max = 1e6, .step = 0.5,
	    .help = "clip the total gradient norm to this (0: off)" },
	[BN_SWEEP] = { .name = "sweep", .type = SIM_CHOICE, .def = 0,
	    .min = 0, .max = 1, .step = 1, .choices = sim_off_on_choices,
	    .help = "on: also run rho = 0.5, 0.9, 1.0, 1.1, 1.5 (series "
	    "rho0.5 ... rho1.5)" },
	[BN_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "random seed (weights, W_hh's directions and inputs)" },
};

static const double sweep_rhos[] = { 0.5, 0.9, 1.0, 1.1, 1.5 };
static const char *const sweep_names[] = {
	"rho0.5", "rho0.9", "rho1.0", "rho1.1", "rho1.5"
};
#define NSWEEP (sizeof sweep_rhos / sizeof sweep_rhos[0])

/* Everything one bptt-norms run needs, allocated once for every rho. */
struct bptt_lab {
	struct rnn_dims d;
	size_t steps;
	double *params, *grads;	/* rnn_param_count each */
	struct rnn_params p, g;
	double *q;		/* H x H: the orthogonal directions of W_hh */
	double *x;		/* T x 1 */
	double *dout;		/* T x H: 0 but dL/dh_T = ones / sqrt(H) */
	double *hs;		/* (T+1) x H */
	double *work;		/* rnn_work_size */
};

/* Draw the weights, W_hh's directions and the inputs from seed: the
 * same network for every rho, so a sweep changes rho and nothing else. */
static void
lab_init(struct bptt_lab *lab, const struct sim_args *args)
{
	size_t nh = sim_arg_size(args, BN_HIDDEN);
	size_t steps = sim_arg_size(args, BN_STEPS);
	size_t np;
	struct rng rng;

	lab->d.input = 1;
	lab->d.hidden = nh;
	lab->d.act = activation_of_choice[sim_arg_size(args, BN_ACTIVATION)];
	lab->steps = steps;
	np = rnn_param_count(&lab->d);
	lab->params = xmalloc(2 * np * sizeof *lab->params);
	lab->grads = lab->params + np;
	rnn_params_point(&lab->p, lab->params, &lab->d);
	rnn_params_point(&lab->g, lab->grads, &lab->d);
	lab->q = xmalloc(nh * nh * sizeof *lab->q);
	lab->x = xmalloc(steps * sizeof *lab->x);
	lab->dout = xcalloc(steps * nh, sizeof *lab->dout);
	lab->hs = xmalloc((steps + 1) * nh * sizeof *lab->hs);
	lab->work = xmalloc(rnn_work_size(steps, &lab->d) * sizeof *lab->work);

	rng_seed(&rng, (uint64_t)args->num[BN_SEED]);
	rnn_init_default(&lab->p, &rng, &lab->d);
	sim_make_orthogonal(lab->q, 1.0, nh, &rng);
	rng_fill_normal(lab->x, &rng, steps, args->num[BN_INPUT_SCALE]);
	/* L = sum_j h_T[j] / sqrt(H), so ||dL/dh_T|| = 1 */
	for (size_t j = 0; j < nh; j++)
		lab->dout[(steps - 1) * nh + j] = 1.0 / sqrt((double)nh);
}

/* Free what lab_init allocated. */
static void
lab_free(struct bptt_lab *lab)
{
	free(lab->params);
	free(lab->q);
	free(lab->x);
	free(lab->dout);
	free(lab->hs);
	free(lab->work);
}

/* A bptt-norms run in steps of about CHUNK_MACS multiply-adds: each
 * network (one rho) forward and backward a chunk of time steps at a time,
 * the main network's weight gradients, then the bound. The main rho comes
 * with the five sweep values when sweep=on (a sweep value equal to rho is
 * run once, as the main run); only the main run needs the weight
 * gradients (grad_norm), and clipping acts on them. The pieces do the
 * arithmetic of rnn_forward and rnn_backward in the same order, so the
 * numbers do not depend on the chunk size. */
#define CHUNK_MACS ((size_t)1 << 20)

enum bptt_phase { PH_FORWARD, PH_BACKWARD, PH_WEIGHTS, PH_BOUND, PH_DONE };

struct bptt_job {
	struct bptt_lab lab;
	size_t n;		/* steps + 1 values per series */
	double rho, clip;
	int sweep;
	size_t nruns, run;	/* networks, and the one running */
	double run_rho[NSWEEP + 1];
	double *run_out[NSWEEP + 1];
	int run_main[NSWEEP + 1];
	enum bptt_phase phase;
	size_t t;		/* forward: steps done; backward: steps left */
	size_t chunk;		/* time steps a unit */
	size_t units, units_total;
	double *norm, *bound, *swept[NSWEEP];
	double grad_norm, clipped_norm, sigma;
};

/* Free a run (NULL is fine). */
static void
bptt_job_destroy(void *state)
{
	struct bptt_job *job = state;

	if (job == NULL)
		return;
	lab_free(&job->lab);
	free(job->norm);
	free(job->bound);
	for (size_t r = 0; r < NSWEEP; r++)
		free(job->swept[r]);
	free(job);
}

/* The network and the list of rhos to run. */
static int
bptt_job_create(void **state, const struct sim_args *args,
    const char *load_path, struct diag_list *diags)
{
	struct bptt_job *job = xcalloc(1, sizeof *job);
	size_t nh, chunks;
	int main_done = 0;

	(void)load_path;
	(void)diags;
	lab_init(&job->lab, args);
	nh = job->lab.d.hidden;
	job->n = job->lab.steps + 1;
	job->rho = args->num[BN_RHO];
	job->clip = args->num[BN_CLIP];
	job->sweep = sim_arg_size(args, BN_SWEEP) == 1;
	job->norm = xmalloc(job->n * sizeof *job->norm);
	job->bound = xmalloc(job->n * sizeof *job->bound);
	for (size_t r = 0; job->sweep && r < NSWEEP; r++) {
		job->swept[r] = xmalloc(job->n * sizeof *job->swept[r]);
		job->run_rho[job->nruns] = sweep_rhos[r];
		job->run_out[job->nruns] = job->swept[r];
		job->run_main[job->nruns] = sweep_rhos[r] == job->rho &&
		    !main_done;
		main_done |= job->run_main[job->nruns++];
	}
	if (!main_done) {
		job->run_rho[job->nruns] = job->rho;
		job->run_out[job->nruns] = job->norm;
		job->run_main[job->nruns++] = 1;
	}
	job->chunk = CHUNK_MACS / (nh * nh) > 0 ? CHUNK_MACS / (nh * nh) : 1;
	chunks = (job->lab.steps + job->chunk - 1) / job->chunk;
	job->units_total = job->nruns * 2 * chunks + 1 + 1;	/* + weights, bound */
	*state = job;
	return SIM_OK;
}

/* The bound sigma_max^(T-t) ||dL/dh_T||, once every network has run. */
static void
bptt_job_bound(struct bptt_job *job)
{
	struct bptt_lab *lab = &job->lab;
	size_t nh = lab->d.hidden, steps = lab->steps;

	/* lab->p.weight_hh is rho Q again only if the main run came last */
	for (size_t k = 0; k < nh * nh; k++)
		lab->p.weight_hh[k] = job->rho * lab->q[k];
	job->sigma = linalg_sigma_max(lab->p.weight_hh, lab->work, nh, nh,
	    1000);
	for (size_t t = 0; t <= steps; t++)
		job->bound[t] = pow(job->sigma, (double)(steps - t)) *
		    job->norm[steps];
}

/* A network is done: its norms as the arithmetic allows, the main run's
 * gradient norm before and after clipping; on to the next. */
static void
bptt_job_next_network(struct bptt_job *job)
{
	struct bptt_lab *lab = &job->lab;
	size_t r = job->run, np = rnn_param_count(&lab->d);

	sim_norms_overflow(job->run_out[r], job->n);
	if (job->run_main[r]) {
		if (job->run_out[r] != job->norm)
			linalg_copy(job->norm, job->run_out[r], job->n);
		job->grad_norm = optim_clip_grad_norm(lab->grads, np, job->clip);
		job->clipped_norm = linalg_norm2(lab->grads, np);
	}
	job->run++;
	job->t = 0;
	job->phase = job->run < job->nruns ? PH_FORWARD : PH_BOUND;
}

/* One unit of work: a chunk of steps forward or backward, the weight
 * gradients, or the bound. */
static void
bptt_job_unit(struct bptt_job *job)
{
	struct bptt_lab *lab = &job->lab;
	size_t nh = lab->d.hidden, steps = lab->steps, r = job->run, to;
	double *g = lab->work + steps * nh;	/* the running dL/dh_t */

	switch (job->phase) {
	case PH_FORWARD:
		if (job->t == 0) {
			for (size_t k = 0; k < nh * nh; k++)
				lab->p.weight_hh[k] = job->run_rho[r] * lab->q[k];
			linalg_zero(lab->hs, nh);
			if (job->run_main[r])
				rnn_zero_grad(&lab->g, &lab->d);
		}
		to = job->t + job->chunk < steps ? job->t + job->chunk : steps;
		rnn_forward_range(lab->hs, lab->x, &lab->p, job->t, to, &lab->d);
		job->t = to;
		if (job->t == steps) {
			job->phase = PH_BACKWARD;
			if (steps > 0)
				linalg_copy(g, lab->dout + (steps - 1) * nh, nh);
			else
				linalg_zero(g, nh);
		}
		break;
	case PH_BACKWARD:
		to = job->t > job->chunk ? job->t - job->chunk : 0;
		rnn_backward_range(NULL, g, job->run_out[r], lab->work, lab->dout,
		    lab->hs, &lab->p, job->t, to, &lab->d);
		job->t = to;
		if (job->t == 0) {
			job->run_out[r][0] = linalg_norm2(g, nh);
			if (job->run_main[r])
				job->phase = PH_WEIGHTS;
			else
				bptt_job_next_network(job);
		}
		break;
	case PH_WEIGHTS:
		rnn_backward_weights(&lab->g, lab->work, lab->hs, lab->x, steps,
		    &lab->d);
		bptt_job_next_network(job);
		break;
	case PH_BOUND:
		bptt_job_bound(job);
		job->phase = PH_DONE;
		break;
	case PH_DONE:
		break;
	}
}

/* Up to units units of work. */
static int
bptt_job_step(void *state, size_t units, struct diag_list *diags)
{
	struct bptt_job *job = state;

	(void)diags;
	for (; units > 0 && job->phase != PH_DONE; units--) {
		bptt_job_unit(job);
		job->units++;
	}
	return job->phase == PH_DONE ? 0 : 1;
}

/* Networks run so far. */
static void
bptt_job_progress(const void *state, struct sim_progress *pg)
{
	const struct bptt_job *job = state;
	int done = job->phase == PH_DONE;

	*pg = (struct sim_progress){
		.fraction = done ? 1.0 : (double)job->units /
		    (double)job->units_total,
		.stage = job->run,
		.stages = job->nruns,
		.stage_name = "network",
		.done = done,
	};
}

/* The series and scalars, once done (nothing before: a norm profile is
 * only a profile once its network has run). */
static void
bptt_job_result(const void *state, struct sim_result *res)
{
	const struct bptt_job *job = state;
	size_t n = job->n, steps = job->lab.steps;

	res->step_name = xstrdup("t");
	if (job->phase != PH_DONE)
		return;
	sim_result_add_series(res, "norm", "||dL/dh_t||",
	    sim_copy_values(job->norm, n), n);
	sim_result_add_series(res, "bound",
	    "sigma_max(W_hh)^(T-t) ||dL/dh_T||",
	    sim_copy_values(job->bound, n), n);
	for (size_t r = 0; job->sweep && r < NSWEEP; r++) {
		char label[48];

		snprintf(label, sizeof label, "||dL/dh_t|| for rho = %.1f",
		    sweep_rhos[r]);
		sim_result_add_series(res, sweep_names[r], label,
		    sim_copy_values(job->swept[r], n), n);
	}
	sim_result_add_scalar(res, "sigma_max",
	    "largest singular value of W_hh", job->sigma);
	sim_result_add_scalar(res, "ratio", "||dL/dh_0|| / ||dL/dh_T||",
	    job->norm[0] / job->norm[steps]);
	sim_result_add_scalar(res, "grad_norm",
	    "total gradient norm before clipping",
	    sim_nan_as_inf(job->grad_norm));
	sim_result_add_scalar(res, "clipped_norm",
	    "total gradient norm after clipping",
	    sim_nan_as_inf(job->clipped_norm));
}

/* Estimated seconds: forward and backward (with the weight gradients:
 * about 6 H^2 a step) for each network, W_hh's directions (about 4 H^3)
 * and sigma_max's 1000 power iterations (4 H^2 each). */
static double
bptt_norms_cost(const struct sim_args *args)
{
	double h = args->num[BN_HIDDEN];
	double runs = 1.0 + (args->num[BN_SWEEP] == 1.0 ? (double)NSWEEP : 0.0);

	return (runs * 6.0 * h * h * args->num[BN_STEPS] + 4.0 * h * h * h +
	    4000.0 * h * h) / SIM_REF_FLOPS;
}

static const struct sim_job_ops bptt_norms_job = {
	.create = bptt_job_create,
	.step = bptt_job_step,
	.progress = bptt_job_progress,
	.result = bptt_job_result,
	.destroy = bptt_job_destroy,
};

const struct sim_spec sim_bptt_norms_spec = {
	.name = "bptt-norms",
	.summary = "||dL/dh_t|| at every step of BPTT through a tanh RNN with "
	    "W_hh = rho x orthogonal, beside the bound sigma_max^(T-t)",
	.params = bptt_norms_params,
	.nparams = sizeof bptt_norms_params / sizeof bptt_norms_params[0],
	.cost = bptt_norms_cost,
	.job = &bptt_norms_job,
};
