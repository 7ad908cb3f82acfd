/* sims_adding: the registry simulation "adding" (lessons 2 and 3): train a
 * recurrent network on the adding problem with nn/seqtrain.h and log its
 * loss, gradient norms, held-out error and how far back its gradient
 * reaches.
 *
 * The adding problem (Hochreiter and Schmidhuber 1997, experiment 4, in the
 * form of Le, Jaitly and Hinton 2015): T steps of two inputs, a value from
 * U(0, 1) and a marker that is 1 at exactly two steps, one in each half
 * (uniform within it), 0 elsewhere; the target is the sum of the two marked
 * values, the loss the squared error at the last step. Predicting the mean,
 * 1, scores 1/6 (the variance of a sum of two U(0, 1)).
 *
 * A run leaves its network as a model (sims_adding_inside.c) that the
 * reader looks inside on a sequence with the markers where they say. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "nn/seqinside.h"
#include "nn/seqtrain.h"
#include "sim/sim.h"
#include "sim/sims.h"

/* The parameters: indices of adding_params[] and args->num[]. */
enum {
	P_MODEL, P_STEPS, P_HIDDEN, P_BATCH, P_UPDATES, P_LR, P_OPTIMIZER,
	P_CLIP, P_INIT, P_RHO, P_ACTIVATION, P_FORGET_BIAS, P_TRUNCATE,
	P_SEED, P_EVAL_EVERY
};

static const char *const model_choices[] = { "rnn", "lstm", "gru", NULL };
static const char *const optim_choices[] = { "sgd", "adam", NULL };
static const char *const init_choices[] = { "default", "orthogonal",
	"identity", NULL };
static const char *const act_choices[] = { "tanh", "relu", NULL };

/* Held-out sequences, the same for every evaluation of a run. */
#define TEST_SIZE 1024
/* Inputs per step: the value and the marker. */
#define ADDING_INPUT 2

/* The largest sizes keep the cache near 200 MB; a unit of the run is a
 * slice of an update or an evaluation of at most 2^22 multiply-adds
 * (nn/seqtrain.h), a millisecond or so, whatever the sizes. */
static const struct sim_param_spec adding_params[] = {
	[P_MODEL] = { .name = "model", .type = SIM_CHOICE, .def = 2, .min = 0,
	    .max = 2, .step = 1, .choices = model_choices,
	    .help = "the recurrent cell: rnn, lstm or gru" },
	[P_STEPS] = { .name = "steps", .type = SIM_INT, .def = 100, .min = 2,
	    .max = 1000, .step = 10,
	    .help = "sequence length T: the first marker is up to T steps "
	    "before the answer" },
	[P_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 32, .min = 1,
	    .max = 128, .step = 8,
	    .help = "hidden size H" },
	[P_BATCH] = { .name = "batch", .type = SIM_INT, .def = 32, .min = 1,
	    .max = 64, .step = 8,
	    .help = "sequences per update" },
	[P_UPDATES] = { .name = "updates", .type = SIM_INT, .def = 1000,
	    .min = 0, .max = 100000, .step = 100,
	    .help = "optimizer steps (0: evaluate the untrained net)" },
	[P_LR] = { .name = "lr", .type = SIM_REAL, .def = 0.01,
	    .min = 0.000001, .max = 10, .step = 0.001,
	    .help = "learning rate" },
	[P_OPTIMIZER] = { .name = "optimizer", .type = SIM_CHOICE, .def = 1,
	    .min = 0, .max = 1, .step = 1, .choices = optim_choices,
	    .help = "the optimizer: sgd (p -= lr g) or adam (PyTorch's "
	    "defaults)" },
	[P_CLIP] = { .name = "clip", .type = SIM_REAL, .def = 1, .min = 0,
	    .max = 1000, .step = 0.5,
	    .help = "clip the gradient's global norm to this (0: off)" },
	[P_INIT] = { .name = "init", .type = SIM_CHOICE, .def = 0, .min = 0,
	    .max = 2, .step = 1, .choices = init_choices,
	    .help = "W_hh: PyTorch's default, or rho x a random orthogonal "
	    "matrix, or rho x I (the IRNN, with activation=relu)" },
	[P_RHO] = { .name = "rho", .type = SIM_REAL, .def = 1, .min = 0,
	    .max = 10, .step = 0.1,
	    .help = "the scale of W_hh for init=orthogonal or identity" },
	[P_ACTIVATION] = { .name = "activation", .type = SIM_CHOICE, .def = 0,
	    .min = 0, .max = 1, .step = 1, .choices = act_choices,
	    .help = "the rnn's activation (lstm and gru ignore it)" },
	[P_FORGET_BIAS] = { .name = "forget_bias", .type = SIM_REAL, .def = 1,
	    .min = -10, .max = 10, .step = 0.5,
	    .help = "the lstm's forget-gate bias" },
	[P_TRUNCATE] = { .name = "truncate", .type = SIM_INT, .def = 0,
	    .min = 0, .max = 1000, .step = 5,
	    .help = "truncated BPTT: the gradient flows back at most this "
	    "many steps (0: full)" },
	[P_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "seed of the weights, the batches and the test set" },
	[P_EVAL_EVERY] = { .name = "eval_every", .type = SIM_INT, .def = 100,
	    .min = 1, .max = 100000, .step = 10,
	    .help = "updates between evaluations on the held-out set" },
};

static double cost(const struct sim_args *args);
static int trains(const struct sim_args *args);
static const struct sim_job_ops adding_job;

const struct sim_spec sim_adding_spec = {
	.name = "adding",
	.summary = "train an RNN, LSTM or GRU on the adding problem, logging "
	    "gradient norms",
	.params = adding_params,
	.nparams = sizeof adding_params / sizeof adding_params[0],
	.cost = cost,
	.trains = trains,
	.job = &adding_job,
};

/* Training runs on request; updates=0 only evaluates. */
static int
trains(const struct sim_args *args)
{
	return args->num[P_UPDATES] > 0;
}

/* Floating-point operations a second of the float kernels on the
 * reference PC (the sentiment simulation's rate). */
#define REF_FLOPS 2e10

/* Estimated seconds: per update a forward and backward pass (three
 * products of 2 G H (H + I) per sequence step), per evaluation a forward
 * pass over the held-out set, plus the cells' arithmetic (some 30
 * operations per gate and step). */
static double
cost(const struct sim_args *args)
{
	double g = args->num[P_MODEL] == 0 ? 1 : args->num[P_MODEL] == 1 ?
	    4 : 3;
	double h = args->num[P_HIDDEN], t = args->num[P_STEPS];
	double per_seq = t * g * h * (2.0 * (h + ADDING_INPUT) + 30.0);
	double updates = args->num[P_UPDATES];
	double evals = floor(updates / args->num[P_EVAL_EVERY]) + 2.0;

	return (updates * args->num[P_BATCH] * 3.0 * per_seq +
	    evals * TEST_SIZE * per_seq) / REF_FLOPS;
}

/* n adding-problem examples (seqtrain.h's layout: step-major). */
static void
adding_sample(float *x, float *y, size_t n, size_t steps, struct rng *rng,
    const void *ctx)
{
	size_t half = steps / 2;

	(void)ctx;
	for (size_t b = 0; b < n; b++) {
		size_t first = (size_t)rng_below(rng, half);
		size_t second = half + (size_t)rng_below(rng, steps - half);
		double sum = 0.0;

		for (size_t t = 0; t < steps; t++) {
			float *xt = x + (t * n + b) * ADDING_INPUT;

			xt[0] = (float)rng_uniform(rng);
			xt[1] = t == first || t == second ? 1.0f : 0.0f;
			if (t == first || t == second)
				sum += xt[0];
		}
		y[b] = (float)sum;
	}
}

/* A run: the trainer, and how it ended. */
struct run {
	struct seqtrain *tr;
	struct seqinside_dims dims;	/* the network, for its model */
	size_t steps;			/* T it trains on */
	size_t updates;
	char *stop;		/* the divergence message, or NULL */
	int done;
};

/* Free a run (NULL is fine). */
static void
run_destroy(void *state)
{
	struct run *run = state;

	if (run == NULL)
		return;
	seqtrain_destroy(run->tr);
	free(run->stop);
	free(run);
}

/* The trainer's configuration from validated arguments. */
static void
config_from_args(struct seqtrain_config *cfg, const struct sim_args *args)
{
	static const enum seqtrain_cell cells[] = { SEQTRAIN_RNN,
	    SEQTRAIN_LSTM, SEQTRAIN_GRU };
	static const enum seqtrain_init inits[] = { SEQTRAIN_INIT_DEFAULT,
	    SEQTRAIN_INIT_ORTHOGONAL, SEQTRAIN_INIT_IDENTITY };

	seqtrain_config_init(cfg);
	cfg->cell = cells[sim_arg_size(args, P_MODEL)];
	cfg->act = args->num[P_ACTIVATION] == 1 ? SEQTRAIN_RELU :
	    SEQTRAIN_TANH;
	cfg->hidden = sim_arg_size(args, P_HIDDEN);
	cfg->batch = sim_arg_size(args, P_BATCH);
	cfg->updates = sim_arg_size(args, P_UPDATES);
	cfg->loss = SEQTRAIN_MSE;
	cfg->optim = args->num[P_OPTIMIZER] == 0 ? SEQTRAIN_SGD :
	    SEQTRAIN_ADAM;
	cfg->lr = args->num[P_LR];
	cfg->clip = args->num[P_CLIP];
	cfg->init = inits[sim_arg_size(args, P_INIT)];
	cfg->rho = args->num[P_RHO];
	cfg->forget_bias = args->num[P_FORGET_BIAS];
	cfg->truncate = sim_arg_size(args, P_TRUNCATE);
	cfg->eval_every = sim_arg_size(args, P_EVAL_EVERY);
	cfg->test_size = TEST_SIZE;
	cfg->seed = (uint64_t)sim_arg_size(args, P_SEED);
}

/* A trainer for args. */
static int
run_create(void **state, const struct sim_args *args, const char *load_path,
    struct diag_list *diags)
{
	struct seqtrain_config cfg;
	struct seqtrain_task task = {
		.input = ADDING_INPUT,
		.steps = sim_arg_size(args, P_STEPS),
		.sample = adding_sample,
		.ctx = NULL,
	};
	struct run *run = xcalloc(1, sizeof *run);

	*state = NULL;
	if (load_path != NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the adding "
		    "simulation's models are not saved to files: train it "
		    "here (--ask looks inside after the run)");
		free(run);
		return SIM_ERUN;
	}
	config_from_args(&cfg, args);
	run->updates = cfg.updates;
	run->steps = task.steps;
	run->dims = (struct seqinside_dims){
		.cell = cfg.cell,
		.act = cfg.act,
		.input = ADDING_INPUT,
		.hidden = cfg.hidden,
	};
	if (seqtrain_create(&run->tr, &cfg, &task, diags) != SEQTRAIN_OK) {
		run_destroy(run);
		return SIM_ERUN;
	}
	*state = run;
	return SIM_OK;
}

/* A few units of work (slices of updates and evaluations). A divergence
 * ends the run as a result (diverged_at and a note), not as a failure: it
 * is what the lesson shows. */
static int
run_step(void *state, size_t units, struct diag_list *diags)
{
	struct run *run = state;
	struct diag_list mine;
	int rc;

	(void)diags;
	if (run->done)
		return 0;
	diag_list_init(&mine);
	rc = seqtrain_step(run->tr, units, &mine);
	if (rc == SEQTRAIN_EDIVERGED && mine.n > 0)
		run->stop = xstrdup(mine.v[0].msg);
	diag_list_free(&mine);
	if (rc == 1)
		return 1;
	run->done = 1;
	return 0;
}

/* Where training is: the stage in updates, the fraction in units of work
 * (the evaluations included), so that the bar moves within an update. */
static void
run_progress(const void *state, struct sim_progress *pg)
{
	const struct run *run = state;
	struct seqtrain_log log;
	struct seqtrain_progress units;
	size_t done = seqtrain_updates_done(run->tr);

	seqtrain_log(run->tr, &log);
	seqtrain_progress(run->tr, &units);
	*pg = (struct sim_progress){
		.fraction = run->done ? 1.0 : units.fraction,
		.stage = done,
		.stages = run->updates,
		.stage_name = "update",
		.seconds = log.seconds,
		.done = run->done,
		.ended = run->stop,
	};
}

/* v[0..n) as a new series, NaN shown as inf (an overflow on the way). */
static void
add_values(struct sim_result *res, const char *name, const char *label,
    const double *v, size_t n)
{
	double *copy = xmalloc((n + 1) * sizeof *copy);

	for (size_t i = 0; i < n; i++)
		copy[i] = sim_nan_as_inf(v[i]);
	sim_result_add_series(res, name, label, copy, n);
}

/* qsort order of doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/* The median of v[0..n) (NaN for none), inf for NaN. */
static double
median(const double *v, size_t n)
{
	double *s, m;

	if (n == 0)
		return NAN;
	s = xmalloc(n * sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = sim_nan_as_inf(v[i]);
	qsort(s, n, sizeof *s, cmp_double);
	m = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
	free(s);
	return m;
}

/* The curves so far and the run's scalars. */
static void
run_result(const void *state, struct sim_result *res)
{
	const struct run *run = state;
	struct seqtrain_log log;
	double top = 0.0;

	seqtrain_log(run->tr, &log);
	res->step_name = xstrdup("update");
	res->step_first = 1;
	add_values(res, "loss", "batch MSE of every update", log.loss,
	    log.updates);
	add_values(res, "grad_norm", "gradient norm before clipping, every "
	    "update", log.grad_norm, log.updates);
	add_values(res, "clipped_norm", "gradient norm the update used "
	    "(after clipping)", log.clipped_norm, log.updates);
	add_values(res, "test_mse", "held-out MSE at updates 0, eval_every, "
	    "2 eval_every, ... and the last", log.test_loss, log.evals);
	if (log.reach_first != NULL) {
		add_values(res, "reach_first", "||dL/dh_t|| over t = 1..T at "
		    "the first update", log.reach_first, log.steps);
		add_values(res, "reach_last", "||dL/dh_t|| over t = 1..T at "
		    "the last update", log.reach_last, log.steps);
	}
	for (size_t i = 0; i < log.updates; i++)
		top = fmax(top, sim_nan_as_inf(log.grad_norm[i]));
	sim_result_add_scalar(res, "final_mse", "held-out MSE at the end",
	    log.evals > 0 ? log.test_loss[log.evals - 1] : NAN);
	sim_result_add_scalar(res, "baseline_mse", "held-out MSE of always "
	    "answering 1, the mean sum", seqtrain_baseline(run->tr, 1.0));
	sim_result_add_scalar(res, "clipped_fraction", "share of updates "
	    "whose gradient clipping scaled down", log.updates > 0 ?
	    (double)log.clipped / (double)log.updates : 0.0);
	sim_result_add_scalar(res, "diverged_at", "the update whose loss or "
	    "gradient was not finite (0: none)", (double)log.diverged_at);
	sim_result_add_scalar(res, "grad_norm_median", "median gradient norm",
	    median(log.grad_norm, log.updates));
	sim_result_add_scalar(res, "grad_norm_max", "largest gradient norm",
	    log.updates > 0 ? top : NAN);
	sim_result_add_scalar(res, "updates_done", "updates applied",
	    (double)seqtrain_updates_done(run->tr));
	sim_result_add_scalar(res, "seconds", "training time (s)",
	    log.seconds);
	if (run->stop != NULL)
		sim_result_add_note(res, "Stopped: %s.", run->stop);
}

/* A copy of the network trained so far (seqtrain's parameters only
 * change within seqtrain_step, so between steps they are whole). */
static void *
model_take(const void *state)
{
	const struct run *run = state;

	return sim_adding_model_create(&run->dims, run->steps,
	    seqtrain_params(run->tr));
}

/* Saving is for the sentiment model; this one lives in the session. */
static int
model_save(const void *model, const char *path, struct diag_list *diags)
{
	(void)model;
	(void)path;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the adding simulation's "
	    "models are not saved to files (--ask looks inside after the "
	    "run)");
	return SIM_ERUN;
}

/* See model_save. */
static void *
model_load(const char *path, struct diag_list *diags)
{
	(void)path;
	diag_add(diags, DIAG_ERROR, NULL, 0, 0, "the adding simulation's "
	    "models are not read from files: train one with the same run");
	return NULL;
}

static const struct sim_model_ops adding_model_ops = {
	.noun = "marker steps",
	.take = model_take,
	.destroy = sim_adding_model_destroy,
	.save = model_save,
	.ask = sim_adding_model_ask,
	.copy = sim_adding_model_copy,
	.kind = sim_adding_model_kind,
	.load = model_load,
};

static const struct sim_job_ops adding_job = {
	.create = run_create,
	.step = run_step,
	.progress = run_progress,
	.result = run_result,
	.destroy = run_destroy,
	.model = &adding_model_ops,
};
