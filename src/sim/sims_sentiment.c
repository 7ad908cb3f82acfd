/* sims_sentiment: the registry simulation "sentiment" (lesson 4): train the
 * classifier of sentiment.h and report its learning curve. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"
#include "sim/sim.h"
#include "sim/sims.h"

/* The parameters: indices of sentiment_params[] and args->num[]. */
enum {
	P_DATA, P_MODEL, P_EMBED, P_HIDDEN, P_EPOCHS, P_BATCH, P_LR, P_SEED,
	P_MIN_COUNT, P_CLIP
};

static const char *const cell_choices[] = { "lstm", "rnn", NULL };

/* Ranges stay interactive on the course corpus: the largest model for the
 * most epochs trains in well under a minute, and the TUI can cancel. */
static const struct sim_param_spec sentiment_params[] = {
	[P_DATA] = { .name = "data", .type = SIM_TEXT, .def = 0, .min = 0,
	    .max = 0, .step = 0,
	    .help = "a sentence<TAB>label file; empty: the course's "
	    "own corpus" },
	[P_MODEL] = { .name = "model", .type = SIM_CHOICE, .def = 0, .min = 0,
	    .max = 1, .step = 1, .choices = cell_choices,
	    .help = "the recurrent cell: lstm or the plain tanh rnn" },
	[P_EMBED] = { .name = "embed", .type = SIM_INT, .def = 32, .min = 1,
	    .max = 128, .step = 8,
	    .help = "embedding size E" },
	[P_HIDDEN] = { .name = "hidden", .type = SIM_INT, .def = 32, .min = 1,
	    .max = 128, .step = 8,
	    .help = "hidden size H" },
	[P_EPOCHS] = { .name = "epochs", .type = SIM_INT, .def = 10, .min = 0,
	    .max = 50, .step = 1,
	    .help = "passes over the training sentences (0: evaluate only)" },
	[P_BATCH] = { .name = "batch", .type = SIM_INT, .def = 32, .min = 1,
	    .max = 256, .step = 8,
	    .help = "sentences per mini-batch" },
	[P_LR] = { .name = "lr", .type = SIM_REAL, .def = 0.005,
	    .min = 0.00001, .max = 0.1, .step = 0.001,
	    .help = "Adam's learning rate" },
	[P_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "seed of the split, the weights and the batch order" },
	[P_MIN_COUNT] = { .name = "min_count", .type = SIM_INT, .def = 2,
	    .min = 1, .max = 1000, .step = 1,
	    .help = "training words seen fewer times become <unk>" },
	[P_CLIP] = { .name = "clip", .type = SIM_REAL, .def = 5, .min = 0,
	    .max = 1000, .step = 0.5,
	    .help = "clip the gradient's norm to this (0: off)" },
};

static int run_sentiment(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags);
static int is_slow(const struct sim_args *args);

const struct sim_spec sim_sentiment_spec = {
	"sentiment",
	"train an LSTM (or RNN) sentiment classifier on real sentences",
	sentiment_params,
	sizeof sentiment_params / sizeof sentiment_params[0],
	run_sentiment,
	is_slow
};

/* Training takes about a second; with epochs=0 it only builds the
 * vocabulary and scores (tens of milliseconds). */
static int
is_slow(const struct sim_args *args)
{
	return args->num[P_EPOCHS] > 0;
}

/* The registry's entry point: no model file in or out. */
static int
run_sentiment(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags)
{
	return sentiment_sim_run(res, args, NULL, NULL, diags);
}

/* The trainer's configuration from validated arguments. */
static void
config_from_args(struct sentiment_config *cfg, const struct sim_args *args)
{
	sentiment_config_init(cfg);
	cfg->cell = args->num[P_MODEL] == 1.0 ? SENTIMENT_RNN : SENTIMENT_LSTM;
	cfg->embed = sim_arg_size(args, P_EMBED);
	cfg->hidden = sim_arg_size(args, P_HIDDEN);
	cfg->epochs = sim_arg_size(args, P_EPOCHS);
	cfg->batch = sim_arg_size(args, P_BATCH);
	cfg->lr = args->num[P_LR];
	cfg->seed = (uint64_t)sim_arg_size(args, P_SEED);
	cfg->min_count = sim_arg_size(args, P_MIN_COUNT);
	cfg->clip = args->num[P_CLIP];
}

/* The values of struct sentiment_epoch, by series. */
enum epoch_field { F_LOSS, F_TRAIN_ACC, F_TEST_ACC, F_LONG_ACC, F_SECONDS };

/* One field of an epoch's line, by name. */
static double
epoch_value(const struct sentiment_epoch *e, enum epoch_field f)
{
	switch (f) {
	case F_LOSS:
		return e->train_loss;
	case F_TRAIN_ACC:
		return e->train_acc;
	case F_TEST_ACC:
		return e->test_acc;
	case F_LONG_ACC:
		return e->long_acc;
	case F_SECONDS:
		return e->seconds;
	}
	return NAN;
}

/* One value of every epoch as a series. */
static void
add_epoch_series(struct sim_result *res, const struct sentiment_epoch *ep,
    size_t n, enum epoch_field f, const char *name, const char *label)
{
	double *v = xmalloc((n + 1) * sizeof *v);

	for (size_t i = 0; i < n; i++)
		v[i] = epoch_value(&ep[i], f);
	sim_result_add_series(res, name, label, v, n);
}

/* Floating-point operations of the matrix products per word: 2 G (E + H)
 * forward; training adds the backward pass's two products of the same size
 * (weight gradients, and dx / dh). */
static double
flops_per_word(const struct sentiment_model *m, int training)
{
	const struct sentiment_dims *d = &m->dims;
	double fwd = 2.0 * (double)d->gates * (double)(d->embed + d->hidden);

	return training ? 3.0 * fwd : fwd;
}

/* A training run of the simulation: its data, trainer and settings. */
struct sentiment_run {
	struct sentiment_data data;
	struct sentiment_config cfg;
	struct sentiment_model *start;
	struct sentiment_trainer *tr;
};

/* See sentiment.h. */
int
sentiment_run_create_from(struct sentiment_run **out,
    const struct sim_args *args, const char *load_path,
    struct diag_list *diags)
{
	struct sentiment_run *run = xcalloc(1, sizeof *run);
	const char *path = args->text[P_DATA];
	int rc;

	*out = NULL;
	sentiment_data_init(&run->data);
	if (path != NULL && path[0] != '\0')
		rc = sentiment_data_read(&run->data, path, diags);
	else
		rc = sentiment_data_builtin(&run->data, diags);
	if (rc == SENTIMENT_OK && load_path != NULL)
		rc = sentiment_model_load(&run->start, load_path, diags);
	config_from_args(&run->cfg, args);
	if (rc == SENTIMENT_OK)
		rc = sentiment_trainer_create(&run->tr, &run->cfg, &run->data,
		    run->start, diags);
	if (rc != SENTIMENT_OK) {
		sentiment_run_destroy(run);
		return SIM_ERUN;
	}
	*out = run;
	return SIM_OK;
}

/* See sentiment.h. */
int
sentiment_run_create(struct sentiment_run **out, const struct sim_args *args,
    struct diag_list *diags)
{
	return sentiment_run_create_from(out, args, NULL, diags);
}

/* See sentiment.h. */
int
sentiment_run_step(struct sentiment_run *run, size_t units,
    struct diag_list *diags)
{
	int rc = sentiment_trainer_step(run->tr, units, diags);

	return rc == 1 ? 1 : rc == 0 ? 0 : SIM_ERUN;
}

/* See sentiment.h. */
void
sentiment_run_progress(const struct sentiment_run *run,
    struct sentiment_progress *progress)
{
	sentiment_trainer_progress(run->tr, progress);
}

/* See sentiment.h. */
const struct sentiment_model *
sentiment_run_model(const struct sentiment_run *run)
{
	return sentiment_trainer_model(run->tr);
}

/* See sentiment.h. */
void
sentiment_run_destroy(struct sentiment_run *run)
{
	if (run == NULL)
		return;
	sentiment_trainer_destroy(run->tr);
	sentiment_model_destroy(run->start);
	sentiment_data_free(&run->data);
	free(run);
}

/* See sentiment.h: the curves of the epochs finished so far and the
 * scalars of the run (the final ones once it is done). */
void
sentiment_run_result(const struct sentiment_run *run, struct sim_result *res)
{
	const struct sentiment_model *model = sentiment_trainer_model(run->tr);
	const struct sentiment_epoch *ep;
	struct sentiment_progress pg;
	size_t nep;

	sentiment_trainer_progress(run->tr, &pg);
	ep = sentiment_trainer_epochs(run->tr, &nep);
	res->step_name = xstrdup("epoch");
	res->step_first = 1;
	if (nep > 0) {
		add_epoch_series(res, ep, nep, F_LOSS, "loss",
		    "mean training loss (binary cross-entropy)");
		add_epoch_series(res, ep, nep, F_TRAIN_ACC, "train_acc",
		    "accuracy on the training batches");
		add_epoch_series(res, ep, nep, F_TEST_ACC, "test_acc",
		    "accuracy on the test sentences");
		add_epoch_series(res, ep, nep, F_LONG_ACC, "long_acc",
		    "accuracy on the long-range test sentences");
		add_epoch_series(res, ep, nep, F_SECONDS, "seconds",
		    "time the epoch took");
		sim_result_add_scalar(res, "train_acc", "final training accuracy",
		    ep[nep - 1].train_acc);
		sim_result_add_scalar(res, "test_acc", "final test accuracy",
		    ep[nep - 1].test_acc);
		sim_result_add_scalar(res, "long_acc",
		    "final long-range test accuracy", ep[nep - 1].long_acc);
		sim_result_add_scalar(res, "loss", "final training loss",
		    ep[nep - 1].train_loss);
	} else if (pg.done) {
		struct sentiment_eval ev;

		sentiment_evaluate(&ev, model, &run->data, SENTIMENT_SPLIT_TEST,
		    run->cfg.seed);
		sim_result_add_scalar(res, "test_acc", "test accuracy",
		    ev.accuracy);
		sim_result_add_scalar(res, "long_acc", "long-range test accuracy",
		    ev.long_accuracy);
	}
	sim_result_add_scalar(res, "seconds", "training time (s)", pg.seconds);
	sim_result_add_scalar(res, "tokens", "training words per epoch",
	    (double)pg.train_tokens);
	sim_result_add_scalar(res, "train_n", "training sentences",
	    (double)pg.train_n);
	sim_result_add_scalar(res, "test_n", "test sentences",
	    (double)pg.test_n);
	sim_result_add_scalar(res, "long_n", "long-range test sentences",
	    (double)pg.long_n);
	sim_result_add_scalar(res, "vocab", "vocabulary size, <unk> included",
	    (double)pg.vocab);
	sim_result_add_scalar(res, "params", "trainable numbers",
	    (double)sentiment_model_param_count(model));
	sim_result_add_scalar(res, "gflops", "GFLOP/s in the matrix products",
	    pg.seconds > 0.0 ? ((double)pg.train_tokens * (double)nep *
	    flops_per_word(model, 1) + (double)pg.test_tokens * (double)nep *
	    flops_per_word(model, 0)) / pg.seconds * 1e-9 : NAN);
}

/* Read the data, train (from load_path's model if given), report, save. */
int
sentiment_sim_run(struct sim_result *res, const struct sim_args *args,
    const char *load_path, const char *save_path, struct diag_list *diags)
{
	struct sentiment_run *run;
	int rc;

	if (sentiment_run_create_from(&run, args, load_path, diags) != SIM_OK)
		return SIM_ERUN;
	while ((rc = sentiment_run_step(run, 64, diags)) == 1)
		;
	if (rc == 0) {
		sentiment_run_result(run, res);
		if (save_path != NULL && sentiment_model_save(
		    sentiment_run_model(run), save_path, diags) != SENTIMENT_OK)
			rc = SIM_ERUN;
	}
	sentiment_run_destroy(run);
	return rc == 0 ? SIM_OK : SIM_ERUN;
}
