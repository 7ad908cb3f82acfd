#include "config.h"

#include "cli/simcmd.h"

#include <stdlib.h>
#include <string.h>

#include "cli/mansims.h"
#include "cli/print.h"
#include "core/clock.h"
#include "core/diag.h"
#include "core/num.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "doc/simblock.h"
#include "sim/sim.h"

enum format {
	FORMAT_TEXT,
	FORMAT_TSV,
	FORMAT_CSV
};

static const char *const format_names[] = { "text", "tsv", "csv" };

#define TEXT_DIGITS 6		/* significant digits in the text format */
#define TEXT_WIDTH 12		/* a %.6g number takes at most 12 */

/* What the command line asked for. */
struct request {
	int list, help, time, man;
	int scalars;		/* tsv, csv: the scalars (--scalars) */
	enum format format;
	const char *name;
	char **kv;		/* the PARAM=VALUE words, in order */
	size_t nkv;
	const char *save, *load;	/* --save, --load FILE: simulations
					 * that train a model */
	const char *beside;	/* --beside FILE: a model to compare */
	char **ask;		/* --ask TEXT, in order */
	size_t nask;
	int width;		/* text: chart width (--width) */
	int ascii;		/* text: ASCII charts (--ascii), -1: by locale */
};

/* The usage lines. */
static void
usage(FILE *f)
{
	fputs("usage: rnntutor sim --list\n"
	    "       rnntutor sim NAME [PARAM=VALUE ...] "
	    "[--format=text|tsv|csv] [--width N] [--ascii|--utf8] [--time]\n"
	    "       rnntutor sim NAME [PARAM=VALUE ...] --format=tsv|csv "
	    "--scalars\n"
	    "       rnntutor sim NAME [PARAM=VALUE ...] [--save FILE] "
	    "[--load FILE]\n"
	    "           [--ask TEXT ...] [--beside FILE]\n"
	    "       rnntutor sim [NAME] --help\n", f);
}

/* The names of the simulations that leave a model, comma-separated. */
static void
model_sims(FILE *f)
{
	size_t n, shown = 0;
	const struct sim_spec *const *reg = sim_registry(&n);

	for (size_t i = 0; i < n; i++)
		if (sim_has_model(reg[i]))
			fprintf(f, "%s%s", shown++ > 0 ? ", " : "", reg[i]->name);
}

/* The full help text. */
static void
help(FILE *f)
{
	usage(f);
	fputs("\nRun one of the course's simulations and print its result.\n"
	    "  --list           every simulation with its parameters, "
	    "defaults and ranges,\n"
	    "                   and the series and scalars a run returns\n"
	    "  --format=FORMAT  text (for people, the default), or tsv or "
	    "csv: a header row\n"
	    "                   naming the columns, then one row per step "
	    "of the series;\n"
	    "                   a result with a table prints its first "
	    "table instead\n"
	    "                   (matrix-power: scale, power, max_abs; "
	    "cell-grads:\n"
	    "                   tensor, index, value), one without series "
	    "its scalars\n"
	    "                   as one row\n"
	    "  --scalars        tsv, csv: print the scalars instead, one "
	    "row each under\n"
	    "                   the header scalar, value\n"
	    "  --width N        text: charts N columns wide (default 80)\n"
	    "  --ascii, --utf8  text: ASCII or UTF-8 charts (default: by "
	    "the locale)\n"
	    "  --man            the SIMULATIONS section of rnntutor-lesson(5), "
	    "in mdoc\n"
	    "  --time           print the run time (without output) on "
	    "stderr\n"
	    "  PARAM=VALUE      set a parameter; the others keep their "
	    "defaults\n"
	    "  --save FILE      save the trained model to FILE\n"
	    "  --load FILE      start from the model in FILE "
	    "(epochs=0: only\n"
	    "                   score it on the test sentences)\n"
	    "  --ask TEXT       after the run, what the trained model says "
	    "about TEXT:\n"
	    "                   P(positive) after each word, the gates, the "
	    "saliency\n"
	    "                   ||dz/dx_t|| per word (may be repeated); "
	    "adding: TEXT is\n"
	    "                   two marker steps (\"3 25\"), the answer is "
	    "per step the\n"
	    "                   markers, the mean gates and ||dy/dx_t||\n"
	    "  --beside FILE    with --ask: the saliency of the model in FILE "
	    "beside it\n", f);
	fputs("                   (these four: simulations that train a "
	    "model:\n                   ", f);
	model_sims(f);
	fputs("; adding takes only --ask)\n"
	    "The same parameters (seed included) always give the same "
	    "output.\n"
	    "Exit status: 0 done, 1 the run failed, 2 bad usage or input.\n",
	    f);
}

/* One "rnntutor: error: ..." line per record. */
static void
print_diags(FILE *err, const struct diag_list *diags)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);

		fprintf(err, "rnntutor: %s\n", line);
		free(line);
	}
}

/* A one-line error of our own. */
static int
fail(FILE *err, const char *msg, const char *what)
{
	char *safe = utf8_sanitize(what, strnlen(what, 40), 1);

	fprintf(err, "rnntutor: error: %s '%s%s'\n", msg, safe,
	    strlen(what) > 40 ? "..." : "");
	free(safe);
	return 2;
}

/* Take FORMAT from "--format=FORMAT" or the next word. */
static int
set_format(struct request *rq, const char *value, FILE *err)
{
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0];
	    i++)
		if (strcmp(value, format_names[i]) == 0) {
			rq->format = (enum format)i;
			return 0;
		}
	fail(err, "unknown format (valid: text, tsv, csv):", value);
	return 2;
}

/* A model's --save FILE and --load FILE (or =FILE): is a
 * one of them? *status gets 2 when its FILE is missing or empty. */
static int
model_file_option(struct request *rq, const char *a, int argc, char **argv,
    int *i, FILE *err, int *status)
{
	const char **slot = strncmp(a, "--save", 6) == 0 ? &rq->save :
	    strncmp(a, "--load", 6) == 0 ? &rq->load : NULL;

	*status = 0;
	if (slot == NULL || (a[6] != '\0' && a[6] != '='))
		return 0;
	if (a[6] == '=')
		*slot = a + 7;
	else if (*i + 1 < argc)
		*slot = argv[++*i];
	else
		*status = fail(err, "missing file name after", a);
	if (*status == 0 && **slot == '\0')
		*status = fail(err, "empty file name in", a);
	return 1;
}

/* Sort argv into options, the name and PARAM=VALUE words. */
static int
parse_args(struct request *rq, int argc, char **argv, FILE *err)
{
	int options = 1, status;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (options && a[0] == '-' && a[1] != '\0') {
			if (strcmp(a, "--") == 0)
				options = 0;
			else if (strcmp(a, "--list") == 0)
				rq->list = 1;
			else if (strcmp(a, "--help") == 0 ||
			    strcmp(a, "-h") == 0)
				rq->help = 1;
			else if (strcmp(a, "--time") == 0)
				rq->time = 1;
			else if (strcmp(a, "--man") == 0)
				rq->man = 1;
			else if (strcmp(a, "--scalars") == 0)
				rq->scalars = 1;
			else if (strcmp(a, "--ascii") == 0)
				rq->ascii = 1;
			else if (strcmp(a, "--utf8") == 0)
				rq->ascii = 0;
			else if (strncmp(a, "--width=", 8) == 0 ||
			    strcmp(a, "--width") == 0) {
				const char *w = a[7] == '=' ? a + 8 :
				    i + 1 < argc ? argv[++i] : "";
				long long v;

				if (num_parse_long(w, DOC_MIN_WIDTH,
				    DOC_MAX_WIDTH, &v) < 0)
					return fail(err, "--width takes a number "
					    "of columns from " NUM_STR(DOC_MIN_WIDTH)
					    " to " NUM_STR(DOC_MAX_WIDTH) ", not", w);
				rq->width = (int)v;
			}
			else if (strcmp(a, "--ask") == 0 ||
			    strncmp(a, "--ask=", 6) == 0) {
				if (a[5] == '=')
					rq->ask[rq->nask++] = (char *)(a + 6);
				else if (i + 1 < argc)
					rq->ask[rq->nask++] = argv[++i];
				else
					return fail(err, "missing text after",
					    a);
			} else if (strcmp(a, "--beside") == 0 ||
			    strncmp(a, "--beside=", 9) == 0) {
				rq->beside = a[8] == '=' ? a + 9 :
				    i + 1 < argc ? argv[++i] : "";
				if (*rq->beside == '\0')
					return fail(err, "missing file name "
					    "after", a);
			} else if (model_file_option(rq, a, argc, argv, &i, err,
			    &status)) {
				if (status != 0)
					return status;
			} else if (strncmp(a, "--format=", 9) == 0) {
				if (set_format(rq, a + 9, err) != 0)
					return 2;
			} else if (strcmp(a, "--format") == 0) {
				if (i + 1 >= argc)
					return fail(err, "missing value after",
					    a);
				if (set_format(rq, argv[++i], err) != 0)
					return 2;
			} else
				return fail(err, "unknown option", a);
		} else if (rq->name == NULL && strchr(a, '=') == NULL)
			rq->name = a;
		else if (rq->name == NULL)
			return fail(err, "give the simulation's name "
			    "before its parameters, not", a);
		else if (strchr(a, '=') == NULL)
			return fail(err, "expected PARAMETER=VALUE, got", a);
		else
			rq->kv[rq->nkv++] = argv[i];
	}
	return 0;
}

/* "whole number 1..64", "number 0..3", "one of sine, pulse, ...". */
static char *
describe_type(const struct sim_param_spec *ps)
{
	struct strbuf sb;
	char lo[SIM_NUMBER_MAX], hi[SIM_NUMBER_MAX], st[SIM_NUMBER_MAX];

	strbuf_init(&sb);
	sim_format_double(lo, ps->min, 0);
	sim_format_double(hi, ps->max, 0);
	sim_format_double(st, ps->step, 0);
	switch (ps->type) {
	case SIM_INT:
		strbuf_addf(&sb, "whole number %s..%s", lo, hi);
		break;
	case SIM_REAL:
		strbuf_addf(&sb, "number %s..%s, step %s", lo, hi, st);
		break;
	case SIM_CHOICE:
		strbuf_adds(&sb, "one of ");
		for (size_t i = 0; ps->choices != NULL &&
		    ps->choices[i] != NULL; i++)
			strbuf_addf(&sb, "%s%s", i > 0 ? ", " : "",
			    ps->choices[i]);
		break;
	case SIM_TEXT:
		strbuf_adds(&sb, "text");
		break;
	}
	return strbuf_detach(&sb);
}

/* The arguments of a quick run that returns the same series and scalars
 * as a run at the defaults: a slow simulation with its whole-number sizes
 * (epochs, updates, hidden...) lowered to 1 where that makes it cheaper.
 * The names of a result do not depend on its size; tests/sim_cli.sh checks
 * that they match a run at the defaults. */
static void
quick_args(struct sim_args *args, const struct sim_spec *spec)
{
	sim_args_init(args, spec);
	for (size_t i = 0; i < spec->nparams && sim_pace(args) !=
	    SIM_PACE_FAST; i++) {
		const struct sim_param_spec *ps = &spec->params[i];
		double was = args->num[i], cost = sim_cost(args);

		if (ps->type != SIM_INT || ps->min > 1 || strcmp(ps->name,
		    "seed") == 0)
			continue;
		args->num[i] = 1;
		if (!(sim_cost(args) < cost))
			args->num[i] = was;
	}
}

/* A result's names with their one-line labels, under a heading. */
static void
result_names(FILE *out, const char *heading, size_t n,
    const char *(*name)(const struct sim_result *, size_t),
    const char *(*label)(const struct sim_result *, size_t),
    const struct sim_result *res)
{
	size_t w = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (strlen(name(res, i)) > w)
			w = strlen(name(res, i));
	fprintf(out, "  %s:\n", heading);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "      %-*s  %s\n", (int)w, name(res, i),
		    label(res, i));
}

static const char *
series_name(const struct sim_result *res, size_t i)
{
	return res->series[i].name;
}

static const char *
series_label(const struct sim_result *res, size_t i)
{
	return res->series[i].label;
}

static const char *
scalar_name(const struct sim_result *res, size_t i)
{
	return res->scalars[i].name;
}

static const char *
scalar_label(const struct sim_result *res, size_t i)
{
	return res->scalars[i].label;
}

/* What a run returns, for charts, output templates and expect: the names
 * of its series and scalars, each with its label. */
static void
describe_results(FILE *out, const struct sim_spec *spec)
{
	struct sim_args args;
	struct sim_result res;
	struct diag_list diags;

	quick_args(&args, spec);
	sim_result_init(&res);
	diag_list_init(&diags);
	if (sim_run(&res, &args, &diags) == 0) {
		result_names(out, "series (charts, templates: name[i])",
		    res.nseries, series_name, series_label, &res);
		result_names(out, "scalars (templates, expect:)", res.nscalars,
		    scalar_name, scalar_label, &res);
	}
	sim_result_free(&res);
	sim_args_free(&args);
	diag_list_free(&diags);
}

/* One simulation: its name and summary, then a line per parameter with its
 * default, type and range, and help; then the names of its results. */
static void
describe(FILE *out, const struct sim_spec *spec)
{
	struct sim_args args;
	size_t wname = 0, wdef = 0;
	char *defs[SIM_MAX_PARAMS];

	sim_args_init(&args, spec);
	for (size_t i = 0; i < spec->nparams && i < SIM_MAX_PARAMS; i++) {
		defs[i] = sim_args_format(&args, i);
		if (strlen(spec->params[i].name) > wname)
			wname = strlen(spec->params[i].name);
		if (strlen(defs[i]) > wdef)
			wdef = strlen(defs[i]);
	}
	fprintf(out, "%s: %s\n", spec->name, spec->summary);
	for (size_t i = 0; i < spec->nparams && i < SIM_MAX_PARAMS; i++) {
		const struct sim_param_spec *ps = &spec->params[i];
		char *type = describe_type(ps);

		fprintf(out, "    %-*s = %-*s  %s: %s\n", (int)wname, ps->name,
		    (int)wdef, defs[i], type, ps->help);
		free(type);
		free(defs[i]);
	}
	sim_args_free(&args);
	describe_results(out, spec);
}

/* `rnntutor sim --list` */
static void
list(FILE *out)
{
	size_t n;
	const struct sim_spec *const *reg = sim_registry(&n);

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			fputc('\n', out);
		describe(out, reg[i]);
	}
}

/* "parameters: n=4 scale=0.9 power=10" */
static void
print_params(FILE *out, const struct sim_args *args)
{
	fputs("parameters:", out);
	for (size_t i = 0; i < args->spec->nparams && i < SIM_MAX_PARAMS;
	    i++) {
		char *v = sim_args_format(args, i);
		char *safe = utf8_sanitize(v, strlen(v), 1);

		fprintf(out, " %s=%s", args->spec->params[i].name, safe);
		free(safe);
		free(v);
	}
	fputc('\n', out);
}

/* The number of rows of the series table: the longest series. */
static size_t
series_rows(const struct sim_result *res)
{
	size_t rows = 0;

	for (size_t i = 0; i < res->nseries; i++)
		if (res->series[i].n > rows)
			rows = res->series[i].n;
	return rows;
}

/* One table for people: its name, then right-aligned columns, each at
 * least TEXT_WIDTH wide and as wide as its widest cell. */
static void
print_table(FILE *out, const struct sim_table *tb)
{
	int *width = xreallocarray(NULL, tb->ncols > 0 ? tb->ncols : 1,
	    sizeof *width);

	for (size_t c = 0; c < tb->ncols; c++) {
		size_t w = strlen(tb->header[c]);

		for (size_t r = 0; r < tb->nrows; r++)
			if (strlen(tb->cells[r * tb->ncols + c]) > w)
				w = strlen(tb->cells[r * tb->ncols + c]);
		width[c] = w > TEXT_WIDTH ? (int)w : TEXT_WIDTH;
	}
	fprintf(out, "\n%s:\n", tb->name);
	for (size_t c = 0; c < tb->ncols; c++)
		fprintf(out, "  %*s", width[c], tb->header[c]);
	fputc('\n', out);
	for (size_t r = 0; r < tb->nrows; r++) {
		for (size_t c = 0; c < tb->ncols; c++)
			fprintf(out, "  %*s", width[c],
			    tb->cells[r * tb->ncols + c]);
		fputc('\n', out);
	}
	free(width);
}

/* Scalars, the series as a table, and any other tables, for people. */
static void
print_text(FILE *out, const struct request *rq, const struct sim_args *args,
    const struct sim_result *res)
{
	struct doc_opts o = {
		.width = rq->width,
		.ascii = rq->ascii >= 0 ? rq->ascii : !utf8_locale_is_utf8(),
		.focus = -1,
	};
	struct doc_page *page;
	char buf[SIM_NUMBER_MAX];
	size_t wname = 0, rows = series_rows(res);
	int wstep;

	fprintf(out, "%s: %s\n", args->spec->name, args->spec->summary);
	print_params(out, args);
	for (size_t i = 0; i < res->nscalars; i++)
		if (strlen(res->scalars[i].name) > wname)
			wname = strlen(res->scalars[i].name);
	if (res->nscalars > 0)
		fputc('\n', out);
	for (size_t i = 0; i < res->nscalars; i++) {
		sim_format_double(buf, res->scalars[i].value, TEXT_DIGITS);
		fprintf(out, "  %-*s  %-*s  %s\n", (int)wname,
		    res->scalars[i].name, TEXT_WIDTH, buf,
		    res->scalars[i].label);
	}
	if (res->nseries > 0) {
		fputc('\n', out);
		page = doc_layout_result(res, &o);
		cli_print_page(out, page);
		doc_page_destroy(page);
	}
	if (rows > 0) {
		snprintf(buf, sizeof buf, "%ld",
		    res->step_first + (long)rows - 1);
		wstep = (int)strlen(buf);
		if ((int)strlen(res->step_name) > wstep)
			wstep = (int)strlen(res->step_name);
		fprintf(out, "\n  %*s", wstep, res->step_name);
		for (size_t i = 0; i < res->nseries; i++) {
			int w = (int)strlen(res->series[i].name);

			fprintf(out, "  %*s", w > TEXT_WIDTH ? w : TEXT_WIDTH,
			    res->series[i].name);
		}
		fputc('\n', out);
		for (size_t r = 0; r < rows; r++) {
			fprintf(out, "  %*ld", wstep,
			    res->step_first + (long)r);
			for (size_t i = 0; i < res->nseries; i++) {
				int w = (int)strlen(res->series[i].name);

				if (r < res->series[i].n)
					sim_format_double(buf,
					    res->series[i].v[r], TEXT_DIGITS);
				else
					buf[0] = '\0';
				fprintf(out, "  %*s",
				    w > TEXT_WIDTH ? w : TEXT_WIDTH, buf);
			}
			fputc('\n', out);
		}
	}
	for (size_t t = 0; t < res->ntables; t++)
		print_table(out, &res->tables[t]);
}

/* One cell; csv quotes a field holding a comma, quote or line break. */
static void
put_cell(FILE *out, enum format format, size_t col, const char *s)
{
	if (col > 0)
		fputc(format == FORMAT_CSV ? ',' : '\t', out);
	if (format == FORMAT_CSV && strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', out);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				fputc('"', out);
			fputc(*s, out);
		}
		fputc('"', out);
	} else
		fputs(s, out);
}

/* tsv or csv: the first table if there is one, else the series by step,
 * else the scalars as one row. */
static void
print_rows(FILE *out, enum format format, const struct sim_result *res)
{
	char buf[SIM_NUMBER_MAX];
	size_t rows = series_rows(res);

	if (res->ntables > 0) {
		const struct sim_table *tb = &res->tables[0];

		for (size_t c = 0; c < tb->ncols; c++)
			put_cell(out, format, c, tb->header[c]);
		fputc('\n', out);
		for (size_t r = 0; r < tb->nrows; r++) {
			for (size_t c = 0; c < tb->ncols; c++)
				put_cell(out, format, c,
				    tb->cells[r * tb->ncols + c]);
			fputc('\n', out);
		}
		return;
	}
	if (res->nseries == 0) {
		for (size_t i = 0; i < res->nscalars; i++)
			put_cell(out, format, i, res->scalars[i].name);
		fputc('\n', out);
		for (size_t i = 0; i < res->nscalars; i++) {
			sim_format_double(buf, res->scalars[i].value, 0);
			put_cell(out, format, i, buf);
		}
		fputc('\n', out);
		return;
	}
	put_cell(out, format, 0, res->step_name);
	for (size_t i = 0; i < res->nseries; i++)
		put_cell(out, format, i + 1, res->series[i].name);
	fputc('\n', out);
	for (size_t r = 0; r < rows; r++) {
		snprintf(buf, sizeof buf, "%ld", res->step_first + (long)r);
		put_cell(out, format, 0, buf);
		for (size_t i = 0; i < res->nseries; i++) {
			if (r < res->series[i].n)
				sim_format_double(buf, res->series[i].v[r], 0);
			else
				buf[0] = '\0';
			put_cell(out, format, i + 1, buf);
		}
		fputc('\n', out);
	}
}

/* tsv or csv, --scalars: "scalar, value", then one row per scalar with
 * its value in the shortest form that reads back exactly. */
static void
print_scalars(FILE *out, enum format format, const struct sim_result *res)
{
	char buf[SIM_NUMBER_MAX];

	put_cell(out, format, 0, "scalar");
	put_cell(out, format, 1, "value");
	fputc('\n', out);
	for (size_t i = 0; i < res->nscalars; i++) {
		put_cell(out, format, 0, res->scalars[i].name);
		sim_format_double(buf, res->scalars[i].value, 0);
		put_cell(out, format, 1, buf);
		fputc('\n', out);
	}
}

/* Run args in steps, from and to a model file when asked; *asked gets
 * the trained model when there are texts to ask it about, *beside the
 * model of --beside. */
static int
run_job(struct sim_result *res, struct sim_model **asked,
    struct sim_model **beside, const struct sim_args *args,
    const struct request *rq, struct diag_list *diags)
{
	struct sim_job *job;
	struct sim_model *model;
	int rc;

	if (rq->beside != NULL) {
		*beside = sim_model_load(args->spec, rq->beside, diags);
		if (*beside == NULL)
			return SIM_ERUN;
	}
	if (sim_job_create(&job, args, rq->load, diags) != SIM_OK)
		return SIM_ERUN;
	while ((rc = sim_job_step(job, 64, diags)) == 1)
		;
	if (rc == 0) {
		sim_job_result(job, res);
		model = sim_job_model(job);
		if (rq->save != NULL &&
		    sim_model_save(model, rq->save, diags) != SIM_OK)
			rc = SIM_ERUN;
		if (rq->nask > 0)
			*asked = model;
		else
			sim_model_destroy(model);
	}
	sim_job_destroy(job);
	return rc == 0 ? SIM_OK : SIM_ERUN;
}

/* After the run's output, each --ask TEXT: what the model says, laid out
 * as the pager shows it under its block (tsv, csv: the table "inside", or
 * the answer's series by step). */
static void
print_answers(FILE *out, const struct request *rq,
    const struct sim_model *model, const struct sim_model *beside)
{
	struct doc_opts o = {
		.width = rq->width,
		.ascii = rq->ascii >= 0 ? rq->ascii : !utf8_locale_is_utf8(),
		.focus = -1,
	};

	for (size_t i = 0; i < rq->nask; i++) {
		struct sim_result ans;
		struct doc_page *page;

		sim_result_init(&ans);
		sim_model_ask_beside(&ans, model, beside, rq->ask[i],
		    strlen(rq->ask[i]));
		if (rq->format == FORMAT_TEXT) {
			fputc('\n', out);
			page = doc_layout_answer(&ans, &o);
			cli_print_page(out, page);
			doc_page_destroy(page);
		} else {
			if (i > 0)
				fputc('\n', out);
			if (rq->scalars && ans.nscalars > 0)
				print_scalars(out, rq->format, &ans);
			else if (ans.ntables > 0 || ans.nseries > 0)
				print_rows(out, rq->format, &ans);
			else	/* nothing to look at: say why */
				for (size_t k = 0; k < ans.nnotes; k++)
					fprintf(out, "%s\n", ans.notes[k]);
		}
		sim_result_free(&ans);
	}
}

/* Set the parameters, run, print. */
static int
run(const struct request *rq, const struct sim_spec *spec, FILE *out,
    FILE *err)
{
	struct sim_args args;
	struct sim_result res;
	struct sim_model *asked = NULL, *beside = NULL;
	struct diag_list diags;
	double start = 0.0;
	int status = 0;

	diag_list_init(&diags);
	sim_args_init(&args, spec);
	for (size_t i = 0; i < rq->nkv; i++)
		if (sim_args_set_kv(&args, rq->kv[i], &diags) != SIM_OK)
			status = 2;
	if (status != 0) {
		print_diags(err, &diags);
		goto done;
	}
	sim_result_init(&res);
	if (rq->time)
		start = clock_now();
	if ((rq->save != NULL || rq->load != NULL) && !sim_has_model(spec)) {
		fprintf(err, "rnntutor: error: --save and --load are for "
		    "simulations that train a model (");
		model_sims(err);
		fprintf(err, ")\n");
		status = 2;
	} else if ((rq->nask > 0 || rq->beside != NULL) &&
	    !sim_has_model(spec)) {
		fprintf(err, "rnntutor: error: --ask and --beside are for "
		    "simulations that train a model (");
		model_sims(err);
		fprintf(err, ")\n");
		status = 2;
	} else if (rq->beside != NULL && rq->nask == 0) {
		fputs("rnntutor: error: --beside goes with --ask\n", err);
		status = 2;
	} else if (run_job(&res, &asked, &beside, &args, rq, &diags) !=
	    SIM_OK) {
		status = 1;
	}
	print_diags(err, &diags);	/* errors, or warnings: lines skipped... */
	if (status == 0) {
		if (rq->time)
			fprintf(err, "sim-time: %.6f s\n", clock_now() - start);
		if (rq->format == FORMAT_TEXT)
			print_text(out, rq, &args, &res);
		else if (rq->scalars)
			print_scalars(out, rq->format, &res);
		else
			print_rows(out, rq->format, &res);
		if (asked != NULL)
			print_answers(out, rq, asked, beside);
	}
	sim_model_destroy(asked);
	sim_model_destroy(beside);
	sim_result_free(&res);
done:
	sim_args_free(&args);
	diag_list_free(&diags);
	return status;
}

/* Dispatch: --help, --list, or run NAME. */
int
cli_sim_main(int argc, char **argv, FILE *out, FILE *err)
{
	struct request rq;
	const struct sim_spec *spec = NULL;
	int status;

	memset(&rq, 0, sizeof rq);
	rq.name = NULL;
	rq.format = FORMAT_TEXT;
	rq.width = 80;
	rq.ascii = -1;
	rq.kv = xreallocarray(NULL, argc > 0 ? (size_t)argc : 1,
	    sizeof *rq.kv);
	rq.ask = xreallocarray(NULL, argc > 0 ? (size_t)argc : 1,
	    sizeof *rq.ask);
	status = parse_args(&rq, argc, argv, err);
	if (status != 0)
		goto done;
	if (rq.scalars && rq.format == FORMAT_TEXT) {
		fputs("rnntutor: error: --scalars goes with --format=tsv or "
		    "--format=csv (the text format shows the scalars anyway)\n",
		    err);
		status = 2;
		goto done;
	}
	if (rq.name != NULL && (spec = sim_find(rq.name)) == NULL) {
		const char *near = sim_suggest(rq.name);
		char *safe = utf8_sanitize(rq.name, strnlen(rq.name, 40), 1);

		if (near != NULL)
			fprintf(err, "rnntutor: error: unknown simulation "
			    "'%s'; did you mean '%s'?\n", safe, near);
		else
			fprintf(err, "rnntutor: error: unknown simulation "
			    "'%s' (rnntutor sim --list shows them all)\n",
			    safe);
		free(safe);
		status = 2;
		goto done;
	}
	if (rq.man) {
		cli_sim_man(out);
	} else if (rq.help) {
		if (spec != NULL)
			describe(out, spec);
		else
			help(out);
	} else if (rq.list) {
		if (spec != NULL)
			describe(out, spec);
		else
			list(out);
	} else if (spec == NULL) {
		usage(err);
		status = 2;
	} else
		status = run(&rq, spec, out, err);
	if (fflush(out) != 0 || ferror(out)) {
		fputs("rnntutor: error: could not write the output\n", err);
		if (status == 0)
			status = 1;
	}
done:
	free(rq.kv);
	free(rq.ask);
	return status;
}
