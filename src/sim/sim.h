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

struct sim_spec {
	const char *name;
	const char *summary;
	const struct sim_param_spec *params;
	size_t nparams;
	/* Fill res (already initialised) from args (already validated). */
	int (*run)(struct sim_result *res, const struct sim_args *args,
	    struct diag_list *diags);
	/* Does a run with these arguments take seconds (training)? Then an
	 * interactive view runs it on the reader's request, in steps, instead
	 * of on sight. NULL: never. */
	int (*slow)(const struct sim_args *args);
};

/* Parameter values of one run, in the order of spec->params. */
struct sim_args {
	const struct sim_spec *spec;
	double num[SIM_MAX_PARAMS];	/* SIM_INT, SIM_REAL, SIM_CHOICE (index) */
	char *text[SIM_MAX_PARAMS];	/* SIM_TEXT values, owned; NULL when unset */
};

/* A series of values v[0..n), v[i] at step res->step_first + i. */
struct sim_series {
	char *name;	/* what a lesson names it by: "norm", "rnn", "h0" */
	char *label;	/* a short human description */
	double *v;
	size_t n;
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

/* v as text in buf, with '.' as the decimal point whatever the locale:
 * digits 0 gives the shortest form that reads back as exactly v (at most
 * 17 significant digits), digits 1..17 gives printf's "%.<digits>g".
 * Non-finite values give "nan", "inf" or "-inf". */
#define SIM_NUMBER_MAX 32
void sim_format_double(char buf[SIM_NUMBER_MAX], double v, int digits);

#endif
