/* sims_sentiment: the registry simulation "sentiment" (lesson 4): train the
 * classifier of sentiment.h and report its learning curve. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "sentiment/sentiment_int.h"
#include "sim/sim.h"
#include "sim/sims.h"

/* The parameters: indices of sentiment_params[] and args->num[]. */
enum {
	P_DATA, P_MODEL, P_EMBED, P_HIDDEN, P_EPOCHS, P_BATCH, P_LR, P_SEED,
	P_MIN_COUNT, P_CLIP, P_OPTIMIZER, P_VAL, P_RHO
};

/* Indices are the values of enum sentiment_cell and sentiment_optimizer. */
static const char *const cell_choices[] = { "lstm", "rnn", "gru", NULL };
static const char *const optim_choices[] = { "adam", "sgd", NULL };

/* Ranges stay interactive on the course corpus: the largest model for the
 * most epochs trains in well under a minute, and the TUI can cancel. */
static const struct sim_param_spec sentiment_params[] = {
	[P_DATA] = { .name = "data", .type = SIM_TEXT, .def = 0, .min = 0,
	    .max = 0, .step = 0,
	    .help = "a sentence<TAB>label file; empty: the course's "
	    "own corpus" },
	[P_MODEL] = { .name = "model", .type = SIM_CHOICE, .def = 0, .min = 0,
	    .max = 2, .step = 1, .choices = cell_choices,
	    .help = "the recurrent cell: lstm, the plain tanh rnn, or gru" },
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
	    .min = 0.00001, .max = 10, .step = 0.001,
	    .help = "the learning rate (Adam's, or SGD's step size)" },
	[P_SEED] = { .name = "seed", .type = SIM_INT, .def = 1, .min = 0,
	    .max = SIM_SEED_MAX, .step = 1,
	    .help = "seed of the splits, the weights and the batch order" },
	[P_MIN_COUNT] = { .name = "min_count", .type = SIM_INT, .def = 2,
	    .min = 1, .max = 1000, .step = 1,
	    .help = "training words seen fewer times become <unk>" },
	[P_CLIP] = { .name = "clip", .type = SIM_REAL, .def = 5, .min = 0,
	    .max = 1000, .step = 0.5,
	    .help = "clip the gradient's norm to this (0: off)" },
	[P_OPTIMIZER] = { .name = "optimizer", .type = SIM_CHOICE, .def = 0,
	    .min = 0, .max = 1, .step = 1, .choices = optim_choices,
	    .help = "adam (PyTorch's defaults) or sgd (p -= lr g)" },
	[P_VAL] = { .name = "val", .type = SIM_REAL, .def = 0.1, .min = 0,
	    .max = 0.5, .step = 0.05,
	    .help = "share of the training split held out for validation "
	    "(0: none)" },
	[P_RHO] = { .name = "rho", .type = SIM_REAL, .def = 0, .min = 0,
	    .max = 10, .step = 0.25,
	    .help = "0: W_hh as PyTorch draws it; above 0: each gate block "
	    "rho x a random orthogonal matrix" },
};

static double cost(const struct sim_args *args);
static int trains(const struct sim_args *args);
static const struct sim_job_ops sentiment_job;

const struct sim_spec sim_sentiment_spec = {
	.name = "sentiment",
	.summary = "train an LSTM, GRU or RNN sentiment classifier on real "
	    "sentences",
	.params = sentiment_params,
	.nparams = sizeof sentiment_params / sizeof sentiment_params[0],
	.cost = cost,
	.trains = trains,
	.job = &sentiment_job,
};

/* Training takes about a second; with epochs=0 it only builds the
 * vocabulary and scores. */
static int
trains(const struct sim_args *args)
{
	return args->num[P_EPOCHS] > 0;
}

/* Words of the course corpus (training and test split): a data file's
 * size is not known before it is read, so it is costed as this. */
#define CORPUS_WORDS 48000.0
#define TEST_SHARE 0.2
/* Reference rates: floating-point operations a second in the float
 * kernels, and words a second for the vocabulary and the ids. */
#define REF_FLOPS 2e10
#define REF_WORDS 1e7

/* Estimated seconds: every epoch's forward and backward pass over the
 * training words and forward pass over the validation and test words, one
 * more scoring pass when there are no epochs, and the vocabulary. */
static double
cost(const struct sim_args *args)
{
	double e = args->num[P_EMBED], h = args->num[P_HIDDEN];
	double gates = args->num[P_MODEL] == 1.0 ? h :
	    args->num[P_MODEL] == 2.0 ? 3.0 * h : 4.0 * h;
	double fwd = 2.0 * gates * (e + h);
	double epochs = args->num[P_EPOCHS];
	double train = (1.0 - TEST_SHARE) * (1.0 - args->num[P_VAL]);
	double per_epoch = train * 3.0 * fwd + (1.0 - train) * fwd;

	return CORPUS_WORDS * (epochs * per_epoch +
	    (epochs == 0 ? TEST_SHARE * fwd : 0.0)) / REF_FLOPS +
	    CORPUS_WORDS / REF_WORDS;
}

/* The trainer's configuration from validated arguments. */
static void
config_from_args(struct sentiment_config *cfg, const struct sim_args *args)
{
	sentiment_config_init(cfg);
	cfg->cell = (enum sentiment_cell)sim_arg_size(args, P_MODEL);
	cfg->embed = sim_arg_size(args, P_EMBED);
	cfg->hidden = sim_arg_size(args, P_HIDDEN);
	cfg->epochs = sim_arg_size(args, P_EPOCHS);
	cfg->batch = sim_arg_size(args, P_BATCH);
	cfg->lr = args->num[P_LR];
	cfg->seed = (uint64_t)sim_arg_size(args, P_SEED);
	cfg->min_count = sim_arg_size(args, P_MIN_COUNT);
	cfg->clip = args->num[P_CLIP];
	cfg->optimizer = (enum sentiment_optimizer)sim_arg_size(args,
	    P_OPTIMIZER);
	cfg->val_fraction = args->num[P_VAL];
	cfg->rho = args->num[P_RHO];
}

/* The values of struct sentiment_epoch, by series. */
enum epoch_field {
	F_LOSS, F_TRAIN_ACC, F_VAL_ACC, F_TEST_ACC, F_LONG_ACC, F_SECONDS
};

/* One field of an epoch's line, by name. */
static double
epoch_value(const struct sentiment_epoch *e, enum epoch_field f)
{
	switch (f) {
	case F_LOSS:
		return e->train_loss;
	case F_TRAIN_ACC:
		return e->train_acc;
	case F_VAL_ACC:
		return e->val_acc;
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

/* A training run of the simulation: its data (the shared course corpus
 * or a file of its own), trainer and settings. */
struct run {
	struct sentiment_data own;
	const struct sentiment_data *data;
	struct sentiment_config cfg;
	struct sentiment_model *start;
	struct sentiment_trainer *tr;
	char *stop;		/* why a diverged run stopped; NULL */
	int done;
};

/* Free a run (NULL is fine). */
static void
run_destroy(void *state)
{
	struct run *run = state;

	if (run == NULL)
		return;
	sentiment_trainer_destroy(run->tr);
	sentiment_model_destroy(run->start);
	sentiment_data_free(&run->own);
	free(run->stop);
	free(run);
}

/* The data, the model to start from, and a trainer. */
static int
run_create(void **state, const struct sim_args *args, const char *load_path,
    struct diag_list *diags)
{
	struct run *run = xcalloc(1, sizeof *run);
	const char *path = args->text[P_DATA];
	int rc = SENTIMENT_OK;

	*state = NULL;
	sentiment_data_init(&run->own);
	if (path != NULL && path[0] != '\0') {
		rc = sentiment_data_read(&run->own, path, diags);
		run->data = &run->own;
	} else if ((run->data = sentiment_corpus(diags)) == NULL) {
		rc = SENTIMENT_EIO;
	}
	if (rc == SENTIMENT_OK && load_path != NULL)
		rc = sentiment_model_load(&run->start, load_path, diags);
	config_from_args(&run->cfg, args);
	if (rc == SENTIMENT_OK)
		rc = sentiment_trainer_create(&run->tr, &run->cfg, run->data,
		    run->start, diags);
	if (rc != SENTIMENT_OK) {
		run_destroy(run);
		return SIM_ERUN;
	}
	*state = run;
	return SIM_OK;
}

/* A few mini-batches. A divergence ends the run as a result (diverged_at,
 * the curves so far and a note), not as a failure: with sgd and a large
 * lr it is what there is to see. */
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
	rc = sentiment_trainer_step(run->tr, units, &mine);
	if (rc == SENTIMENT_EDIVERGED && mine.n > 0)
		run->stop = xstrdup(mine.v[0].msg);
	diag_list_free(&mine);
	if (rc == 1)
		return 1;
	run->done = 1;
	return 0;
}

/* Where training is, in epochs. */
static void
run_progress(const void *state, struct sim_progress *pg)
{
	const struct run *run = state;
	struct sentiment_progress sp;

	sentiment_trainer_progress(run->tr, &sp);
	*pg = (struct sim_progress){
		.fraction = sp.fraction,
		.stage = sp.epoch,
		.stages = sp.epochs,
		.stage_name = "epoch",
		.seconds = sp.seconds,
		.done = sp.done || run->done,
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

/* The curves of the epochs finished so far (one point per epoch) and of
 * the updates so far (one point per update: the x axis of grad_norm and
 * clipped_norm is the update, not the epoch, as their labels say), and
 * the scalars of the run (the final ones once it is done). */
static void
run_result(const void *state, struct sim_result *res)
{
	const struct run *run = state;
	const struct sentiment_model *model = sentiment_trainer_model(run->tr);
	const struct sentiment_epoch *ep;
	struct sentiment_progress pg;
	struct sentiment_updates up;
	size_t nep;
	double top = 0.0;

	sentiment_trainer_progress(run->tr, &pg);
	sentiment_trainer_updates(run->tr, &up);
	ep = sentiment_trainer_epochs(run->tr, &nep);
	res->step_name = xstrdup("epoch");
	res->step_first = 1;
	if (nep > 0) {
		add_epoch_series(res, ep, nep, F_LOSS, "loss",
		    "mean training loss (binary cross-entropy)");
		add_epoch_series(res, ep, nep, F_TRAIN_ACC, "train_acc",
		    "accuracy on the training batches");
		if (pg.val_n > 0)
			add_epoch_series(res, ep, nep, F_VAL_ACC, "val_acc",
			    "accuracy on the validation sentences");
		add_epoch_series(res, ep, nep, F_TEST_ACC, "test_acc",
		    "accuracy on the test sentences");
		add_epoch_series(res, ep, nep, F_LONG_ACC, "long_acc",
		    "accuracy on the long-range test sentences");
		add_epoch_series(res, ep, nep, F_SECONDS, "seconds",
		    "time the epoch took");
	}
	if (up.n > 0) {
		add_values(res, "grad_norm", "gradient norm before clipping, "
		    "per update (x: update, not epoch)", up.grad_norm, up.n);
		add_values(res, "clipped_norm", "gradient norm the update "
		    "used, after clipping, per update (x: update)",
		    up.clipped_norm, up.n);
	}
	if (nep > 0) {
		sim_result_add_scalar(res, "train_acc", "final training accuracy",
		    ep[nep - 1].train_acc);
		if (pg.val_n > 0)
			sim_result_add_scalar(res, "val_acc", "final validation "
			    "accuracy (tune settings on this)",
			    ep[nep - 1].val_acc);
		sim_result_add_scalar(res, "test_acc", "final test accuracy",
		    ep[nep - 1].test_acc);
		sim_result_add_scalar(res, "long_acc",
		    "final long-range test accuracy", ep[nep - 1].long_acc);
		sim_result_add_scalar(res, "loss", "final training loss",
		    ep[nep - 1].train_loss);
	} else if (pg.done && pg.diverged_at == 0) {
		struct sentiment_eval ev;

		sentiment_evaluate(&ev, model, run->data, SENTIMENT_SPLIT_TEST,
		    run->cfg.seed);
		sim_result_add_scalar(res, "test_acc", "test accuracy",
		    ev.accuracy);
		sim_result_add_scalar(res, "long_acc", "long-range test accuracy",
		    ev.long_accuracy);
	}
	for (size_t i = 0; i < up.n; i++)
		top = fmax(top, sim_nan_as_inf(up.grad_norm[i]));
	sim_result_add_scalar(res, "clipped_fraction", "share of updates "
	    "whose gradient clipping scaled down", up.n > 0 ?
	    (double)up.clipped / (double)up.n : 0.0);
	sim_result_add_scalar(res, "grad_norm_max", "largest gradient norm "
	    "before clipping", up.n > 0 ? top : NAN);
	sim_result_add_scalar(res, "diverged_at", "the update whose loss or "
	    "gradient was not finite (0: none)", (double)pg.diverged_at);
	sim_result_add_scalar(res, "seconds", "training time (s)", pg.seconds);
	sim_result_add_scalar(res, "tokens", "words of the sentences trained "
	    "on (one epoch)", (double)pg.train_tokens);
	sim_result_add_scalar(res, "train_n", "sentences trained on (the "
	    "training split less validation)", (double)pg.train_n);
	sim_result_add_scalar(res, "val_n", "validation sentences (held out "
	    "of the training split)", (double)pg.val_n);
	sim_result_add_scalar(res, "test_n", "test sentences",
	    (double)pg.test_n);
	sim_result_add_scalar(res, "long_n", "long-range test sentences",
	    (double)pg.long_n);
	sim_result_add_scalar(res, "vocab", "vocabulary size (from the "
	    "sentences trained on), <unk> included", (double)pg.vocab);
	sim_result_add_scalar(res, "params", "trainable numbers",
	    (double)sentiment_model_param_count(model));
	sim_result_add_scalar(res, "gflops", "GFLOP/s in the matrix products",
	    pg.seconds > 0.0 ? ((double)pg.train_tokens * (double)nep *
	    flops_per_word(model, 1) + (double)(pg.test_tokens +
	    pg.val_tokens) * (double)nep * flops_per_word(model, 0)) /
	    pg.seconds * 1e-9 : NAN);
	if (run->stop != NULL)
		sim_result_add_note(res, "Stopped: %s.", run->stop);
}

/* ---- the trained model ------------------------------------------------ */

/* A snapshot of the model as trained so far. */
static void *
model_take(const void *state)
{
	const struct run *run = state;

	return sentiment_model_copy(sentiment_trainer_model(run->tr));
}

/* Free a snapshot. */
static void
model_destroy(void *model)
{
	sentiment_model_destroy(model);
}

/* Save a snapshot to a model file. */
static int
model_save(const void *model, const char *path, struct diag_list *diags)
{
	return sentiment_model_save(model, path, diags) == SENTIMENT_OK ?
	    SIM_OK : SIM_ERUN;
}

/* A copy of a model. */
static void *
model_copy(const void *model)
{
	return sentiment_model_copy(model);
}

/* A model file read back. */
static void *
model_load(const char *path, struct diag_list *diags)
{
	struct sentiment_model *model;

	return sentiment_model_load(&model, path, diags) == SENTIMENT_OK ?
	    model : NULL;
}

/* The cell's name, as the lesson writes it. */
static const char *
model_kind(const void *model)
{
	switch (sentiment_model_cell(model)) {
	case SENTIMENT_RNN:
		return "RNN";
	case SENTIMENT_GRU:
		return "GRU";
	default:
		return "LSTM";
	}
}

/* A number for a table cell: two decimals (fixed) or two significant
 * digits, "-" for none. */
static void
cell_number(char *buf, size_t size, int fixed, double v)
{
	if (isnan(v))
		snprintf(buf, size, "-");
	else if (fixed)
		snprintf(buf, size, "%.2f", v);
	else
		snprintf(buf, size, "%.2g", v);
}

/* The table "inside": per word, P(positive) after it, the mean gates of
 * the cell (LSTM forget and input, GRU update), and the saliency
 * ||dz/dx_t|| of model and, when there is one, of other beside it. */
static void
inside_table(struct sim_result *answer, const void *model,
    const struct sentiment_prediction *pred, const void *other,
    const struct sentiment_prediction *opred)
{
	enum sentiment_cell cell = sentiment_model_cell(model);
	const char *header[6];
	char head_sal[32], head_other[32], cells[6][SENTIMENT_WORD_MAX + 8];
	const char *row[6];
	struct sim_table *tb;
	size_t nc = 0, sal_col;

	header[nc++] = "word";
	header[nc++] = "P(pos)";
	if (cell == SENTIMENT_LSTM) {
		header[nc++] = "forget";
		header[nc++] = "input";
	} else if (cell == SENTIMENT_GRU) {
		header[nc++] = "update";
	}
	snprintf(head_sal, sizeof head_sal, "%s dz/dx", model_kind(model));
	sal_col = nc;
	header[nc++] = head_sal;
	if (other != NULL) {
		snprintf(head_other, sizeof head_other, "%s dz/dx",
		    model_kind(other));
		header[nc++] = head_other;
	}
	tb = sim_result_add_table(answer, "inside", nc, header);
	sim_table_set_bar(tb, sal_col);
	if (other != NULL)
		sim_table_set_bar(tb, sal_col + 1);
	for (size_t i = 0; i < pred->words.n; i++) {
		size_t c = 0;

		snprintf(cells[c], sizeof cells[c], "%s%s", pred->words.word[i],
		    pred->unknown[i] ? "(?)" : "");
		c++;
		cell_number(cells[c++], sizeof cells[0], 1, pred->prefix[i]);
		if (cell == SENTIMENT_LSTM) {
			cell_number(cells[c++], sizeof cells[0], 1,
			    pred->keep[i]);
			cell_number(cells[c++], sizeof cells[0], 1,
			    pred->write[i]);
		} else if (cell == SENTIMENT_GRU) {
			cell_number(cells[c++], sizeof cells[0], 1,
			    pred->keep[i]);
		}
		cell_number(cells[c++], sizeof cells[0], 0,
		    pred->saliency[i]);
		if (other != NULL)
			cell_number(cells[c++], sizeof cells[0], 0,
			    i < opred->words.n ? opred->saliency[i] : NAN);
		for (size_t k = 0; k < nc; k++)
			row[k] = cells[k];
		sim_table_add_row(tb, row);
	}
}

/* What the model says about a sentence: P(positive) overall, after each
 * word (a series in [0, 1]), and a table of what happens inside, word by
 * word, with other's saliency beside it when other is not NULL. A text
 * without words gets no verdict: the model would only say its bias. */
static void
model_ask(struct sim_result *answer, const void *model, const void *other,
    const char *text, size_t len)
{
	struct sentiment_prediction pred, opred;
	struct sim_series *s;
	int unknown = 0;

	sentiment_prediction_init(&pred);
	sentiment_prediction_init(&opred);
	sentiment_predict(&pred, model, text, len);
	answer->step_name = xstrdup("word");
	answer->step_first = 1;
	if (pred.words.n == 0) {
		sim_result_add_note(answer, "Your sentence has no words (a word "
		    "is a run of letters, digits and apostrophes): nothing "
		    "to read, no verdict.");
		sentiment_prediction_free(&pred);
		return;
	}
	if (other != NULL)
		sentiment_predict(&opred, other, text, len);
	sim_result_add_note(answer, "Your sentence: P(positive) = %.3f, %s.",
	    pred.p, pred.p >= 0.5 ? "positive" : "negative");
	sim_result_add_scalar(answer, "p", "P(positive)", pred.p);
	s = sim_result_add_series(answer, "P(pos)",
	    "P(positive) after each word, first word left",
	    sim_copy_values(pred.prefix, pred.words.n), pred.words.n);
	s->has_range = 1;
	s->lo = 0.0;
	s->hi = 1.0;
	inside_table(answer, model, &pred, other, &opred);
	for (size_t i = 0; i < pred.words.n; i++)
		unknown |= pred.unknown[i];
	sim_result_add_note(answer, "dz/dx is ||dz/dx_t||, how fast the "
	    "output z = w.h_T + b can move as word t's embedding x_t moves "
	    "(the length of the gradient); its bars are on a log scale: "
	    "full is the largest, each fifth of a bar less is ten times "
	    "smaller.");
	if (sentiment_model_cell(model) == SENTIMENT_LSTM)
		sim_result_add_note(answer, "forget and input are the mean of "
		    "the LSTM's gates f_t and i_t over its units after each "
		    "word: near 1 the cell keeps its memory or writes the "
		    "word in.");
	else if (sentiment_model_cell(model) == SENTIMENT_GRU)
		sim_result_add_note(answer, "update is the mean of the GRU's "
		    "update gate z_t over its units after each word: near 1 "
		    "h_t keeps h_{t-1}.");
	if (other == NULL)
		sim_result_add_note(answer, "Train a %s too and its dz/dx "
		    "shows beside this one.", sentiment_model_cell(model) ==
		    SENTIMENT_RNN ? "gated model (LSTM or GRU)" : "plain RNN");
	if (unknown)
		sim_result_add_note(answer, "(?) marks words the model "
		    "never saw in training: it reads them all as <unk>.");
	sentiment_prediction_free(&pred);
	sentiment_prediction_free(&opred);
}

static const struct sim_model_ops sentiment_model_ops = {
	.noun = "sentence",
	.take = model_take,
	.destroy = model_destroy,
	.save = model_save,
	.ask = model_ask,
	.copy = model_copy,
	.kind = model_kind,
	.load = model_load,
};

static const struct sim_job_ops sentiment_job = {
	.create = run_create,
	.step = run_step,
	.progress = run_progress,
	.result = run_result,
	.destroy = run_destroy,
	.model = &sentiment_model_ops,
};
