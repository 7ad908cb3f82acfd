/* sim: the registry of simulations the lessons run.
 *
 * Each simulation has a name, a one-line summary and typed parameters with a
 * default, a range, a step and help text (the TUI's knobs come from these).
 * Running one gives a struct sim_result: named series, named scalars and
 * small tables. Nothing here prints, exits or touches the terminal.
 *
 * Ownership: specs are static and never freed. struct sim_args and struct
 * sim_result are caller-owned storage: sim_args_init()/sim_args_free(),
 * sim_result_init()/sim_result_free(); a result owns all its strings and
 * arrays. Functions that can fail return 0 or a negative SIM_E* code and add
 * a message to the caller's diag_list. */
#ifndef RNNTUTOR_SIM_H
#define RNNTUTOR_SIM_H

#include <stddef.h>

#include "core/diag.h"

#define SIM_MAX_PARAMS 16

enum {
	SIM_OK = 0,
	SIM_EUNKNOWN = -1,	/* no such simulation or parameter */
	SIM_EVALUE = -2,	/* a value that does not parse or is out of range */
	SIM_ERUN = -3		/* the run itself failed (bad data file, say) */
};

enum sim_param_type {
	SIM_INT,	/* whole number in [min, max] */
	SIM_REAL,	/* finite double in [min, max] */
	SIM_CHOICE,	/* one of the words in choices[] */
	SIM_TEXT	/* free text (a file name), at most 4095 bytes */
};

struct sim_param_spec {
	const char *name;
	enum sim_param_type type;
	double def;		/* SIM_CHOICE: index of the default word */
	double min, max;	/* SIM_CHOICE: 0 and nchoices - 1 */
	double step;		/* what one press of a knob adds */
	const char *const *choices;	/* SIM_CHOICE: NULL-terminated words */
	const char *help;
};

struct sim_args;
struct sim_result;
struct sim_job_ops;

struct sim_spec {
	const char *name;
	const char *summary;
	const struct sim_param_spec *params;
	size_t nparams;
	/* Fill res (already initialised) from args (already validated). */
	int (*run)(struct sim_result *res, const struct sim_args *args,
	    struct diag_list *diags);
	/* The estimated seconds of a run with args on a reference PC of 2020:
	 * a formula of the sizes, the same on every machine, so what a view
	 * runs on sight never depends on today's load. NULL: negligible. */
	double (*cost)(const struct sim_args *args);
	/* Does a run with these arguments train a network? Then an
	 * interactive view runs it when the reader asks, not on sight.
	 * NULL: never. */
	int (*trains)(const struct sim_args *args);
	/* The run in steps (see sim_job_create); NULL: one step runs it whole
	 * through run(). */
	const struct sim_job_ops *job;
};

/* Parameter values of one run, in the order of spec->params. */
struct sim_args {
	const struct sim_spec *spec;
	double num[SIM_MAX_PARAMS];	/* SIM_INT, SIM_REAL, SIM_CHOICE (index) */
	char *text[SIM_MAX_PARAMS];	/* SIM_TEXT values, owned; NULL when unset */
};

/* A series of values v[0..n), v[i] at step res->step_first + i. */
/* How a series of a model's answer is drawn (struct sim_series.row). */
enum sim_row {
	SIM_ROW_NONE,		/* a chart of its own, with a caption */
	SIM_ROW_LINEAR,		/* one row of a strip, on a linear scale */
	SIM_ROW_LOG		/* one row of a strip, on a log10 scale */
};

struct sim_series {
	char *name;	/* what a lesson names it by: "norm", "rnn", "h0" */
	char *label;	/* a short human description */
	double *v;
	size_t n;
	int has_range;	/* the values live in [lo, hi] (a probability):
			 * charts draw that range, not the data's */
	double lo, hi;
	enum sim_row row;	/* a chart of its own (SIM_ROW_NONE), or one
				 * row of a strip: consecutive row series of
				 * a model's answer drawn one row each over
				 * one shared step axis */
};

struct sim_scalar {
	char *name;
	char *label;
	double value;
};

/* A small table of text cells, row-major. */
struct sim_table {
	char *name;
	size_t ncols, nrows;
	char **header;	/* ncols names */
	char **cells;	/* nrows * ncols strings */
	unsigned char *bar;	/* ncols: 1 where the layout also draws each
				 * cell's number as a bar, the column's
				 * largest the longest (sim_table_set_bar) */
};

struct sim_result {
	char *step_name;	/* the name of the x axis: "step", "t", "k", "epoch" */
	long step_first;	/* the step of index 0 of every series: 0, or 1
				 * for series over t = 1..steps */
	struct sim_series *series;
	size_t nseries;
	struct sim_scalar *scalars;
	size_t nscalars;
	struct sim_table *tables;
	size_t ntables;
	char **notes;		/* lines of text, in order (a model's answer) */
	size_t nnotes;
};

/* The registry, in a fixed order; n gets the count. */
const struct sim_spec *const *sim_registry(size_t *n);
/* The simulation called name, or NULL. */
const struct sim_spec *sim_find(const char *name);
/* The registered name nearest to name (edit distance), or NULL if none is close. */
const char *sim_suggest(const char *name);
/* The parameter called name, or NULL; *index gets its position. */
const struct sim_param_spec *sim_param_find(const struct sim_spec *spec,
    const char *name, size_t *index);
/* The parameter of spec nearest to name (edit distance), or NULL. */
const char *sim_param_suggest(const struct sim_spec *spec, const char *name);

/* Set every parameter to its default. */
void sim_args_init(struct sim_args *args, const struct sim_spec *spec);
void sim_args_free(struct sim_args *args);
/* A deep copy into dst, which must own no text values (fresh or freed). */
void sim_args_copy(struct sim_args *dst, const struct sim_args *src);
/* Parse value for the parameter called name, check its type and range
 * (numbers by core/num.h, the lesson loader's rule: spaces around trimmed).
 * Errors (SIM_EUNKNOWN with the nearest name, SIM_EVALUE naming the valid
 * range) go to diags at file:line:col (file may be NULL). */
int sim_args_set(struct sim_args *args, const char *name, const char *value,
    struct diag_list *diags, const char *file, int line, int col);
/* "NAME=VALUE" form of sim_args_set, as given on the command line. */
int sim_args_set_kv(struct sim_args *args, const char *kv,
    struct diag_list *diags);
/* The current value of parameter i as text, in a new heap string. */
char *sim_args_format(const struct sim_args *args, size_t i);

/* Run the simulation of args->spec. res is initialised by the caller. */
int sim_run(struct sim_result *res, const struct sim_args *args,
    struct diag_list *diags);

void sim_result_init(struct sim_result *res);
void sim_result_free(struct sim_result *res);
/* Lookups by name; NULL when absent. */
const struct sim_series *sim_result_series(const struct sim_result *res,
    const char *name);
const struct sim_scalar *sim_result_scalar(const struct sim_result *res,
    const char *name);

/* Builders for simulation code: copy name/label, take ownership of v. */
struct sim_series *sim_result_add_series(struct sim_result *res,
    const char *name, const char *label, double *v, size_t n);
void sim_result_add_scalar(struct sim_result *res, const char *name,
    const char *label, double value);
/* A new table with ncols columns named header[0..ncols) (copied), no rows. */
struct sim_table *sim_result_add_table(struct sim_result *res,
    const char *name, size_t ncols, const char *const *header);
/* Append a row of ncols cells (copied) to table. */
void sim_table_add_row(struct sim_table *table, const char *const *cells);
/* Have the layout draw column col of table as bars as well as numbers. */
void sim_table_set_bar(struct sim_table *table, size_t col);
/* Append a line of text (printf format) to res->notes. */
void sim_result_add_note(struct sim_result *res, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A deep copy of src into dst (initialised, empty). */
void sim_result_copy(struct sim_result *dst, const struct sim_result *src);

/* v as text in buf, with '.' as the decimal point whatever the locale:
 * digits 0 gives the shortest form that reads back as exactly v (at most
 * 17 significant digits), digits 1..17 gives printf's "%.<digits>g".
 * Non-finite values give "nan", "inf" or "-inf". */
#define SIM_NUMBER_MAX 32
void sim_format_double(char buf[SIM_NUMBER_MAX], double v, int digits);

/* ---- how long a run takes ---------------------------------------------
 * A view runs FAST simulations on sight, HEAVY ones in steps between key
 * reads (or within a budget, headless), and TRAINS ones when the reader
 * asks. The split is by sim_cost(), a formula, so it is the same on every
 * machine and under any load. */
enum sim_pace {
	SIM_PACE_FAST,		/* well under a frame: run it during layout */
	SIM_PACE_HEAVY,		/* more than a frame: run it in steps */
	SIM_PACE_TRAINS		/* trains a network: run it on request */
};
#define SIM_FAST_SECONDS 0.02	/* estimated seconds still run on sight */

/* The estimated seconds of a run with args (0 for specs without cost). */
double sim_cost(const struct sim_args *args);
enum sim_pace sim_pace(const struct sim_args *args);

/* ---- a run in steps ----------------------------------------------------
 * Every simulation can run in steps, so a view reads the keyboard between
 * them and can stop the run at any point:
 *
 *     sim_job_create(&job, &args, NULL, &diags);
 *     while (!cancelled && (rc = sim_job_step(job, 1, &diags)) == 1)
 *             sim_job_progress(job, &pg), ... draw, read a key ...;
 *     sim_job_result(job, &res);      (partial while it runs)
 *     sim_job_destroy(job);           (finishes or cancels)
 *
 * A simulation with job ops does a small unit of work per step (a
 * mini-batch, one network of a sweep); one without runs whole in its first
 * step. Results do not depend on how the work is split into steps.
 *
 * A run that trains may leave a model (sim_job_model): a heap object the
 * caller owns (sim_model_destroy), that can be saved to a file and asked
 * about a text (sim_model_ask). */
struct sim_progress {
	double fraction;	/* of the whole run, 0..1 */
	size_t stage, stages;	/* stages finished, of stages (epochs...) */
	const char *stage_name;	/* "epoch", "network", "run" */
	double seconds;		/* compute time so far */
	int done;
	const char *ended;	/* NULL, or why the run ended before its last
				 * stage ("diverged at update 26: ..."), owned
				 * by the job until its next step or destroy */
};

struct sim_model_ops {
	const char *noun;	/* what the model reads: "sentence" */
	/* A copy of the model the run state has trained so far. */
	void *(*take)(const void *state);
	void (*destroy)(void *model);
	int (*save)(const void *model, const char *path,
	    struct diag_list *diags);
	/* What the model says about text[0..len): notes (the first heads the
	 * answer), series and tables in answer (initialised, empty); with
	 * other (a model of the same ops, or NULL) beside it where the two
	 * can be compared. */
	void (*ask)(struct sim_result *answer, const void *model,
	    const void *other, const char *text, size_t len);
	/* A copy of a model. */
	void *(*copy)(const void *model);
	/* What kind of model it is, in a word ("LSTM"), owned by the ops. */
	const char *(*kind)(const void *model);
	/* A model read from the file at path (as save writes it); NULL with
	 * messages when it cannot be read. */
	void *(*load)(const char *path, struct diag_list *diags);
};

struct sim_job_ops {
	/* A run of args (validated), continuing from the model saved in
	 * load_path when it is not NULL. 0, or SIM_ERUN with messages. */
	int (*create)(void **state, const struct sim_args *args,
	    const char *load_path, struct diag_list *diags);
	/* At most units units of work: 1 while work remains, 0 when done,
	 * SIM_ERUN (with a message) when the run failed and stays done. */
	int (*step)(void *state, size_t units, struct diag_list *diags);
	void (*progress)(const void *state, struct sim_progress *pg);
	/* The result so far, the whole result once done. */
	void (*result)(const void *state, struct sim_result *res);
	void (*destroy)(void *state);
	const struct sim_model_ops *model;	/* NULL: leaves no model */
};

struct sim_job;
struct sim_model;

/* A run of args (copied), from the model in load_path if not NULL (only
 * for simulations with a model: SIM_EUNKNOWN otherwise). 0, or a negative
 * SIM_E* code with messages in diags and *out NULL. */
int sim_job_create(struct sim_job **out, const struct sim_args *args,
    const char *load_path, struct diag_list *diags);
/* Run at most units units: 1 more to do, 0 done, SIM_ERUN failed. */
int sim_job_step(struct sim_job *job, size_t units, struct diag_list *diags);
void sim_job_progress(const struct sim_job *job, struct sim_progress *pg);
/* The result so far into res (initialised, empty). */
void sim_job_result(const struct sim_job *job, struct sim_result *res);
/* The arguments the job runs with (owned by the job). */
const struct sim_args *sim_job_args(const struct sim_job *job);
/* A new copy of the model trained so far; NULL for simulations without. */
struct sim_model *sim_job_model(const struct sim_job *job);
/* Finish or cancel; NULL is fine. */
void sim_job_destroy(struct sim_job *job);

/* Does spec's run leave a model (to save, load, ask)? */
int sim_has_model(const struct sim_spec *spec);
const char *sim_model_noun(const struct sim_model *model);
int sim_model_save(const struct sim_model *model, const char *path,
    struct diag_list *diags);
void sim_model_ask(struct sim_result *answer, const struct sim_model *model,
    const char *text, size_t len);
/* sim_model_ask with other (NULL: none, or a model of the same
 * simulation) beside model, where the answer can show the two. */
void sim_model_ask_beside(struct sim_result *answer,
    const struct sim_model *model, const struct sim_model *other,
    const char *text, size_t len);
/* The model's kind in a word ("LSTM", "RNN"), owned by the registry. */
const char *sim_model_kind(const struct sim_model *model);
/* Do a and b come from the same simulation (can one sit beside the other)? */
int sim_model_same_sim(const struct sim_model *a, const struct sim_model *b);
/* A copy of model (for the caller to destroy). */
struct sim_model *sim_model_copy(const struct sim_model *model);
/* A model of spec's kind read from path; NULL, with messages, when it
 * cannot be, or when spec leaves no model. */
struct sim_model *sim_model_load(const struct sim_spec *spec,
    const char *path, struct diag_list *diags);
void sim_model_destroy(struct sim_model *model);

#endif
