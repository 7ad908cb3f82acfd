/* Tests of the simulation registry (sim/sim.h) and `rnntutor sim`
 * (cli/simcmd.h): the contract of names, parameters, series and scalars in
 * contract/LESSON-SCHEMA.md, parsing of hostile parameter values, the
 * lesson's figures, the exact facts of the mathematics, determinism, and
 * the command's output formats and exit codes. */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/simcmd.h"
#include "core/diag.h"
#include "sim/sim.h"
#include "tests.h"

/* ---- helpers ------------------------------------------------------------- */

/* Run name with "k=v" words (NULL-terminated); the result is for the
 * caller to free. Fails the test when anything goes wrong. */
static int
run_sim(struct sim_result *res, const char *name, const char *const *kv)
{
	const struct sim_spec *spec = sim_find(name);
	struct sim_args args;
	struct diag_list diags;
	int rc = SIM_OK;

	sim_result_init(res);
	CU_ASSERT_PTR_NOT_NULL_FATAL(spec);
	diag_list_init(&diags);
	sim_args_init(&args, spec);
	for (size_t i = 0; kv != NULL && kv[i] != NULL && rc == SIM_OK; i++)
		rc = sim_args_set_kv(&args, kv[i], &diags);
	if (rc == SIM_OK)
		rc = sim_run(res, &args, &diags);
	CU_ASSERT_EQUAL(rc, SIM_OK);
	CU_ASSERT_EQUAL(diags.nerrors, 0);
	sim_args_free(&args);
	diag_list_free(&diags);
	return rc;
}

/* A scalar's value; NaN (and a failed assertion) when it is missing. */
static double
scalar(const struct sim_result *res, const char *name)
{
	const struct sim_scalar *s = sim_result_scalar(res, name);

	CU_ASSERT_PTR_NOT_NULL(s);
	return s != NULL ? s->value : NAN;
}

/* A series; NULL (and a failed assertion) when it is missing. */
static const struct sim_series *
series(const struct sim_result *res, const char *name)
{
	const struct sim_series *s = sim_result_series(res, name);

	CU_ASSERT_PTR_NOT_NULL(s);
	return s;
}

/* |got - want| <= tol * |want| */
static int
close_rel(double got, double want, double tol)
{
	return fabs(got - want) <= tol * fabs(want);
}

/* ---- the contract ---------------------------------------------------------- */

struct param_contract {
	const char *name;
	enum sim_param_type type;
	double def, min, max;
};

struct sim_contract {
	const char *name;
	struct param_contract params[SIM_MAX_PARAMS];
	const char *series[8];
	const char *scalars[8];
};

/* contract/LESSON-SCHEMA.md, "The simulation registry", verbatim. */
static const struct sim_contract contracts[] = {
	{ "matrix-power", {
	    { "n", SIM_INT, 4, 1, 64 },
	    { "scale", SIM_REAL, 0.9, 0, 3 },
	    { "power", SIM_INT, 10, 0, 200 } },
	    { "max_abs" }, { "scale", "power", "max_abs" } },
	{ "linear-bptt", {
	    { "n", SIM_INT, 8, 1, 256 },
	    { "scale", SIM_REAL, 0.9, 0, 3 },
	    { "steps", SIM_INT, 20, 1, 1000 } },
	    { "norm" }, { "first", "last", "ratio" } },
	{ "rnn-unroll", {
	    { "input", SIM_CHOICE, 0, 0, 3 },
	    { "hidden", SIM_INT, 4, 1, 64 },
	    { "steps", SIM_INT, 40, 1, 500 },
	    { "scale", SIM_REAL, 1.0, 0, 3 },
	    { "input_scale", SIM_REAL, 1.0, 0, 5 },
	    { "seed", SIM_INT, 1, 0, 2147483647.0 } },
	    { "input", "h0", "h1", "h2", "h3", "hnorm" },
	    { "final_hnorm", "max_abs_h", "memory" } },
	{ "bptt-norms", {
	    { "hidden", SIM_INT, 32, 1, 256 },
	    { "steps", SIM_INT, 100, 1, 2000 },
	    { "rho", SIM_REAL, 0.9, 0, 3 },
	    { "activation", SIM_CHOICE, 0, 0, 2 },
	    { "input_scale", SIM_REAL, 1.0, 0, 5 },
	    { "clip", SIM_REAL, 0, 0, 1e6 },
	    { "sweep", SIM_CHOICE, 0, 0, 1 },
	    { "seed", SIM_INT, 1, 0, 2147483647.0 } },
	    { "norm", "bound" },
	    { "sigma_max", "ratio", "grad_norm", "clipped_norm" } },
	{ "lstm-gates", {
	    { "hidden", SIM_INT, 8, 1, 64 },
	    { "steps", SIM_INT, 50, 1, 500 },
	    { "input", SIM_CHOICE, 0, 0, 3 },
	    { "forget_bias", SIM_REAL, 1.0, -5, 5 },
	    { "seed", SIM_INT, 1, 0, 2147483647.0 } },
	    { "input", "i", "f", "o", "c", "h" }, { "mean_f", "final_c" } },
	{ "lstm-vs-rnn", {
	    { "hidden", SIM_INT, 32, 1, 256 },
	    { "steps", SIM_INT, 100, 1, 1000 },
	    { "forget_bias", SIM_REAL, 1.0, -5, 5 },
	    { "rho", SIM_REAL, 1.0, 0, 3 },
	    { "hold", SIM_CHOICE, 0, 0, 1 },
	    { "seed", SIM_INT, 1, 0, 2147483647.0 } },
	    { "rnn", "lstm", "cell_path" },
	    { "rnn_ratio", "lstm_ratio", "cell_path_0" } },
};
#define NCONTRACTS (sizeof contracts / sizeof contracts[0])

/* Every simulation of the contract is registered, first and in its order,
 * with its parameters (name, type, default, range) and nothing else; any
 * later simulation (sentiment) has a name, a summary and sane ranges. */
static void
test_sim_registry_matches_contract(void)
{
	size_t n;
	const struct sim_spec *const *reg = sim_registry(&n);

	CU_ASSERT_FATAL(n >= NCONTRACTS);
	for (size_t i = NCONTRACTS; i < n; i++) {
		CU_ASSERT_PTR_EQUAL(sim_find(reg[i]->name), reg[i]);
		CU_ASSERT(reg[i]->nparams <= SIM_MAX_PARAMS);
		for (size_t k = 0; k < reg[i]->nparams; k++)
			CU_ASSERT(reg[i]->params[k].min <= reg[i]->params[k].def &&
			    reg[i]->params[k].def <= reg[i]->params[k].max);
	}
	for (size_t i = 0; i < NCONTRACTS; i++) {
		const struct sim_contract *c = &contracts[i];
		size_t np = 0;

		CU_ASSERT_STRING_EQUAL(reg[i]->name, c->name);
		CU_ASSERT_PTR_EQUAL(sim_find(c->name), reg[i]);
		CU_ASSERT(reg[i]->summary != NULL && reg[i]->summary[0] != '\0');
		while (np < SIM_MAX_PARAMS && c->params[np].name != NULL)
			np++;
		CU_ASSERT_EQUAL_FATAL(reg[i]->nparams, np);
		for (size_t k = 0; k < np; k++) {
			const struct sim_param_spec *ps = &reg[i]->params[k];

			CU_ASSERT_STRING_EQUAL(ps->name, c->params[k].name);
			CU_ASSERT_EQUAL(ps->type, c->params[k].type);
			CU_ASSERT_EQUAL(ps->def, c->params[k].def);
			CU_ASSERT_EQUAL(ps->min, c->params[k].min);
			CU_ASSERT_EQUAL(ps->max, c->params[k].max);
			CU_ASSERT(ps->step > 0.0);
			CU_ASSERT(ps->help != NULL && ps->help[0] != '\0');
			CU_ASSERT((ps->type == SIM_CHOICE) == (ps->choices != NULL));
		}
	}
	CU_ASSERT_PTR_NULL(sim_find("no-such-sim"));
	CU_ASSERT_PTR_NULL(sim_find(""));
}

/* With defaults, every simulation gives the contract's series and scalars
 * (all finite here), with one length per result. */
static void
test_sim_results_match_contract(void)
{
	for (size_t i = 0; i < NCONTRACTS; i++) {
		const struct sim_contract *c = &contracts[i];
		struct sim_result res;
		size_t ns = 0, nsc = 0;

		if (run_sim(&res, c->name, NULL) != SIM_OK)
			continue;
		while (ns < 8 && c->series[ns] != NULL)
			ns++;
		while (nsc < 8 && c->scalars[nsc] != NULL)
			nsc++;
		CU_ASSERT_EQUAL(res.nseries, ns);
		CU_ASSERT_EQUAL(res.nscalars, nsc);
		for (size_t k = 0; k < ns && k < res.nseries; k++) {
			CU_ASSERT_STRING_EQUAL(res.series[k].name, c->series[k]);
			CU_ASSERT_EQUAL(res.series[k].n, res.series[0].n);
			for (size_t t = 0; t < res.series[k].n; t++)
				CU_ASSERT(isfinite(res.series[k].v[t]));
		}
		for (size_t k = 0; k < nsc && k < res.nscalars; k++) {
			CU_ASSERT_STRING_EQUAL(res.scalars[k].name, c->scalars[k]);
			CU_ASSERT(isfinite(res.scalars[k].value));
		}
		CU_ASSERT_PTR_NOT_NULL(res.step_name);
		sim_result_free(&res);
	}
}

/* Series lengths and first steps: k = 0..power, step = 0..steps,
 * t = 1..steps for the unrolled sequences, t = 0..steps for gradients. */
static void
test_sim_series_lengths_follow_steps(void)
{
	static const struct {
		const char *name, *kv, *step_name;
		size_t n;
		long first;
	} cases[] = {
		{ "matrix-power", "power=7", "k", 8, 0 },
		{ "linear-bptt", "steps=13", "step", 14, 0 },
		{ "rnn-unroll", "steps=13", "t", 13, 1 },
		{ "bptt-norms", "steps=13", "t", 14, 0 },
		{ "lstm-gates", "steps=13", "t", 13, 1 },
		{ "lstm-vs-rnn", "steps=13", "t", 14, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *kv[2] = { cases[i].kv, NULL };
		struct sim_result res;

		if (run_sim(&res, cases[i].name, kv) != SIM_OK)
			continue;
		CU_ASSERT_STRING_EQUAL(res.step_name, cases[i].step_name);
		CU_ASSERT_EQUAL(res.step_first, cases[i].first);
		for (size_t k = 0; k < res.nseries; k++)
			CU_ASSERT_EQUAL(res.series[k].n, cases[i].n);
		sim_result_free(&res);
	}
}

/* ---- parameters ---------------------------------------------------------- */

/* Set name=value on linear-bptt; the return code, and the first
 * diagnostic's message in msg (empty when none). */
static int
try_set(const char *name, const char *value, double *out, char *msg,
    size_t msgsize)
{
	struct sim_args args;
	struct diag_list diags;
	size_t i = 0;
	int rc;

	diag_list_init(&diags);
	sim_args_init(&args, sim_find("linear-bptt"));
	rc = sim_args_set(&args, name, value, &diags, "lesson.yaml", 7, 9);
	msg[0] = '\0';
	if (diags.n > 0) {
		char *line = diag_format(&diags.v[0]);

		snprintf(msg, msgsize, "%s", line);
		free(line);
	}
	if (sim_param_find(args.spec, name, &i) != NULL)
		*out = args.num[i];
	sim_args_free(&args);
	diag_list_free(&diags);
	return rc;
}

/* Values that must be refused: each with SIM_EVALUE and a one-line
 * message naming the valid range; the parameter keeps its default. */
static void
test_sim_args_refuse_bad_values(void)
{
	static const struct {
		const char *name, *value, *range;
	} bad[] = {
		{ "n", "1e308", "1..256" }, { "n", "nan", "1..256" },
		{ "n", "inf", "1..256" }, { "n", "0x10", "1..256" },
		{ "n", "", "1..256" }, { "n", "10^18", "1..256" },
		{ "n", "-3", "1..256" }, { "n", "0", "1..256" },
		{ "n", "257", "1..256" }, { "n", "2.5", "1..256" },
		{ "n", "99999999999999999999999999", "1..256" },
		{ "n", "-99999999999999999999999999", "1..256" },
		{ "n", "4 2", "1..256" }, { "n", "- 4", "1..256" },
		{ "n", "+", "1..256" }, { "n", "-", "1..256" },
		{ "n", " \t\n", "1..256" }, { "n", "\x1b[31m4", "1..256" },
		{ "scale", "0. 9", "0..3" }, { "scale", "1e 3", "0..3" },
		{ "scale", "1e308", "0..3" }, { "scale", "1e999", "0..3" },
		{ "scale", "-1e999", "0..3" }, { "scale", "nan", "0..3" },
		{ "scale", "NaN", "0..3" }, { "scale", "inf", "0..3" },
		{ "scale", "-inf", "0..3" }, { "scale", "infinity", "0..3" },
		{ "scale", "0x10", "0..3" }, { "scale", "0x1p-2", "0..3" },
		{ "scale", "", "0..3" }, { "scale", ".", "0..3" },
		{ "scale", "1e", "0..3" }, { "scale", "1e+", "0..3" },
		{ "scale", "1.5.2", "0..3" }, { "scale", "-0.5", "0..3" },
		{ "scale", "3.0000001", "0..3" }, { "scale", "1,5", "0..3" },
		{ "scale", "10^18", "0..3" }, { "steps", "1001", "1..1000" },
	};
	const struct sim_spec *spec = sim_find("linear-bptt");
	char msg[512];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		double v = -1.0;
		int rc = try_set(bad[i].name, bad[i].value, &v, msg, sizeof msg);
		size_t k = 0;

		CU_ASSERT_EQUAL(rc, SIM_EVALUE);
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, bad[i].range));
		CU_ASSERT_PTR_NOT_NULL(strstr(msg, "lesson.yaml:7:9: error: "));
		CU_ASSERT_PTR_NULL(strchr(msg, '\n'));
		CU_ASSERT_PTR_NULL(strchr(msg, '\x1b'));
		CU_ASSERT_PTR_NOT_NULL_FATAL(sim_param_find(spec, bad[i].name, &k));
		CU_ASSERT_EQUAL(v, spec->params[k].def);	/* unchanged */
	}
}

/* Values that are fine, and what they become. */
static void
test_sim_args_accept_good_values(void)
{
	static const struct {
		const char *name, *value;
		double want;
	} good[] = {
		{ "n", "1", 1 }, { "n", "256", 256 }, { "n", "+7", 7 },
		{ "n", "007", 7 }, { "n", "0000000000000000000000000012", 12 },
		{ "scale", "-0", 0 }, { "scale", "-0.0", 0 }, { "scale", "0", 0 },
		{ "scale", "3", 3 }, { "scale", ".5", 0.5 }, { "scale", "2.", 2 },
		{ "scale", "1.1", 1.1 }, { "scale", "2.5e-1", 0.25 },
		{ "scale", "25E-2", 0.25 }, { "scale", "1e-400", 0 },
		{ "scale", "+0.9", 0.9 },
		/* whitespace around a number is trimmed, as in lessons */
		{ "n", " 4", 4 }, { "n", "4 ", 4 }, { "n", "4\n", 4 },
		{ "scale", " 0.9", 0.9 }, { "scale", "\t0.9\r\n", 0.9 },
	};
	char msg[512];

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		double v = -1.0, want = good[i].want;
		int rc = try_set(good[i].name, good[i].value, &v, msg, sizeof msg);

		CU_ASSERT_EQUAL(rc, SIM_OK);
		CU_ASSERT_STRING_EQUAL(msg, "");
		CU_ASSERT_EQUAL(v, want);
		CU_ASSERT(!signbit(v));		/* "-0" is plain 0 */
	}
}

/* An unknown parameter is SIM_EUNKNOWN with the nearest name suggested,
 * or the list of parameters when nothing is near. */
static void
test_sim_args_unknown_parameter_suggests(void)
{
	char msg[512];
	double v;

	CU_ASSERT_EQUAL(try_set("scal", "1", &v, msg, sizeof msg), SIM_EUNKNOWN);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "did you mean 'scale'?"));
	CU_ASSERT_EQUAL(try_set("stpes", "1", &v, msg, sizeof msg), SIM_EUNKNOWN);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "did you mean 'steps'?"));
	CU_ASSERT_EQUAL(try_set("xyzzy", "1", &v, msg, sizeof msg), SIM_EUNKNOWN);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "n, scale, steps"));
	CU_ASSERT_STRING_EQUAL(sim_param_suggest(sim_find("bptt-norms"),
	    "activaton"), "activation");
	CU_ASSERT_PTR_NULL(sim_param_suggest(sim_find("bptt-norms"), "q"));
}

/* Choices: the word, not its index; a near miss is suggested. */
static void
test_sim_args_choice_words(void)
{
	struct sim_args args;
	struct diag_list diags;
	char *text;

	diag_list_init(&diags);
	sim_args_init(&args, sim_find("rnn-unroll"));
	CU_ASSERT_EQUAL(sim_args_set(&args, "input", "pulse", &diags, NULL, 0,
	    0), SIM_OK);
	CU_ASSERT_EQUAL(args.num[0], 1.0);
	text = sim_args_format(&args, 0);
	CU_ASSERT_STRING_EQUAL(text, "pulse");
	free(text);
	CU_ASSERT_EQUAL(sim_args_set(&args, "input", "1", &diags, NULL, 0, 0),
	    SIM_EVALUE);
	CU_ASSERT_EQUAL(sim_args_set(&args, "input", "Pulse", &diags, NULL, 0,
	    0), SIM_EVALUE);
	CU_ASSERT_EQUAL(sim_args_set(&args, "input", "sin", &diags, NULL, 0,
	    0), SIM_EVALUE);
	CU_ASSERT_EQUAL_FATAL(diags.n, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(diags.v[1].msg, "did you mean 'pulse'?"));
	CU_ASSERT_PTR_NOT_NULL(strstr(diags.v[2].msg,
	    "not one of sine, pulse, step, random; did you mean 'sine'?"));
	CU_ASSERT_EQUAL(args.num[0], 1.0);
	sim_args_free(&args);
	diag_list_free(&diags);
}

/* NAME=VALUE splitting, formatting back, and deep copies. */
static void
test_sim_args_kv_format_and_copy(void)
{
	struct sim_args args, copy;
	struct diag_list diags;
	char *text;

	diag_list_init(&diags);
	sim_args_init(&args, sim_find("bptt-norms"));
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "rho=1.05", &diags), SIM_OK);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "clip=1e6", &diags), SIM_OK);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "sweep=on", &diags), SIM_OK);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "rho", &diags), SIM_EVALUE);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "=3", &diags), SIM_EUNKNOWN);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "rho==1", &diags), SIM_EVALUE);
	CU_ASSERT_EQUAL(diags.nerrors, 3);
	text = sim_args_format(&args, 2);
	CU_ASSERT_STRING_EQUAL(text, "1.05");
	free(text);
	text = sim_args_format(&args, 5);
	CU_ASSERT_STRING_EQUAL(text, "1000000");
	free(text);
	text = sim_args_format(&args, 0);
	CU_ASSERT_STRING_EQUAL(text, "32");
	free(text);
	sim_args_copy(&copy, &args);
	CU_ASSERT_EQUAL(memcmp(copy.num, args.num, sizeof args.num), 0);
	CU_ASSERT_PTR_EQUAL(copy.spec, args.spec);
	sim_args_free(&copy);
	sim_args_free(&args);
	diag_list_free(&diags);
}

/* The nearest simulation name, ignoring case; prefixes; nothing for
 * strangers or absurdly long names. */
static void
test_sim_suggest_nearest_name(void)
{
	char *longname = malloc(5001);

	CU_ASSERT_STRING_EQUAL(sim_suggest("matrx-power"), "matrix-power");
	CU_ASSERT_STRING_EQUAL(sim_suggest("linear-btpt"), "linear-bptt");
	CU_ASSERT_STRING_EQUAL(sim_suggest("LSTM-GATES"), "lstm-gates");
	CU_ASSERT_STRING_EQUAL(sim_suggest("bptt"), "bptt-norms");
	CU_ASSERT_STRING_EQUAL(sim_suggest("lstm-vs-nn"), "lstm-vs-rnn");
	CU_ASSERT_PTR_NULL(sim_suggest("zzzz"));
	CU_ASSERT_PTR_NULL(sim_suggest(""));
	memset(longname, 'a', 5000);
	longname[5000] = '\0';
	CU_ASSERT_PTR_NULL(sim_suggest(longname));
	free(longname);
}

/* Numbers as text: shortest round trip, no "-0", words for non-finite. */
static void
test_sim_format_double_round_trips(void)
{
	static const double values[] = {
		0.1, 0.9, 1.1, 1.0 / 3.0, 2.8284271247461903, 1e-300, 1e300,
		-123456.789, 4.9e-324, 1.7976931348623157e308
	};
	char buf[SIM_NUMBER_MAX];

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		sim_format_double(buf, values[i], 0);
		CU_ASSERT_EQUAL(strtod(buf, NULL), values[i]);
	}
	sim_format_double(buf, 0.9, 0);
	CU_ASSERT_STRING_EQUAL(buf, "0.9");
	sim_format_double(buf, -0.0, 0);
	CU_ASSERT_STRING_EQUAL(buf, "0");
	sim_format_double(buf, NAN, 0);
	CU_ASSERT_STRING_EQUAL(buf, "nan");
	sim_format_double(buf, -INFINITY, 0);
	CU_ASSERT_STRING_EQUAL(buf, "-inf");
	sim_format_double(buf, 0.348678440100000, 4);
	CU_ASSERT_STRING_EQUAL(buf, "0.3487");
}

/* Under a decimal-comma LC_NUMERIC (the program calls setlocale(LC_ALL,
 * "")), "0.35" still reads as 0.35, "0,35" is refused and numbers print
 * with a '.'. Passes without checking where no such locale is installed. */
static void
test_sim_numbers_ignore_locale(void)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"de_DE", "fr_FR", NULL
	};
	char *saved = strdup(setlocale(LC_NUMERIC, NULL));
	char msg[512], buf[SIM_NUMBER_MAX];
	double v = 0.0;
	int found = 0;

	for (size_t i = 0; names[i] != NULL && !found; i++)
		found = setlocale(LC_NUMERIC, names[i]) != NULL &&
		    strcmp(localeconv()->decimal_point, ",") == 0;
	if (found) {
		CU_ASSERT_EQUAL(try_set("scale", "0.35", &v, msg, sizeof msg),
		    SIM_OK);
		CU_ASSERT_EQUAL(v, 0.35);
		CU_ASSERT_EQUAL(try_set("scale", "0,35", &v, msg, sizeof msg),
		    SIM_EVALUE);
		sim_format_double(buf, 0.35, 0);
		CU_ASSERT_STRING_EQUAL(buf, "0.35");
		sim_format_double(buf, 2.5e-7, 6);
		CU_ASSERT_STRING_EQUAL(buf, "2.5e-07");
	}
	setlocale(LC_NUMERIC, saved);
	free(saved);
}

/* Builders copy names, own arrays, and free cleanly; tables too. */
static void
test_sim_result_builders(void)
{
	struct sim_result res;
	double *v = malloc(3 * sizeof *v);
	static const char *const header[] = { "a", "b" };
	static const char *const row[] = { "1", "x,y" };
	struct sim_table *t;
	char name[8] = "s";

	v[0] = 1;
	v[1] = 2;
	v[2] = 3;
	sim_result_init(&res);
	sim_result_add_series(&res, name, "label", v, 3);
	name[0] = 'z';
	sim_result_add_scalar(&res, "k", NULL, 4.5);
	t = sim_result_add_table(&res, "tab", 2, header);
	sim_table_add_row(t, row);
	sim_table_add_row(t, row);
	CU_ASSERT_PTR_NOT_NULL(sim_result_series(&res, "s"));
	CU_ASSERT_PTR_NULL(sim_result_series(&res, "z"));
	CU_ASSERT_EQUAL(sim_result_scalar(&res, "k")->value, 4.5);
	CU_ASSERT_PTR_NULL(sim_result_scalar(&res, "s"));
	CU_ASSERT_EQUAL(res.tables[0].nrows, 2);
	CU_ASSERT_STRING_EQUAL(res.tables[0].cells[3], "x,y");
	sim_result_free(&res);
	CU_ASSERT_EQUAL(res.nseries + res.nscalars + res.ntables, 0);
	sim_result_free(&res);		/* twice is harmless */
}

/* ---- the lesson's figures and the exact facts ----------------------------- */

/* matrix-power: 0.3487 for scale 0.9, 2.5937 for 1.1 (k = 10), matching
 * PyTorch's float32 figures to float precision; k = 0 gives 1. */
static void
test_sim_matrix_power_figures(void)
{
	static const char *const up[] = { "scale=1.1", NULL };
	struct sim_result res;

	if (run_sim(&res, "matrix-power", NULL) == SIM_OK) {
		CU_ASSERT_DOUBLE_EQUAL(scalar(&res, "max_abs"), 0.3487, 5e-5);
		CU_ASSERT_DOUBLE_EQUAL(scalar(&res, "max_abs"),
		    0.3486783504486084, 1e-7);
		CU_ASSERT(close_rel(scalar(&res, "max_abs"), pow(0.9, 10), 1e-14));
		CU_ASSERT_EQUAL(series(&res, "max_abs")->v[0], 1.0);
		CU_ASSERT_EQUAL(res.ntables, 1);
		sim_result_free(&res);
	}
	if (run_sim(&res, "matrix-power", up) == SIM_OK) {
		CU_ASSERT_DOUBLE_EQUAL(scalar(&res, "max_abs"), 2.5937, 5e-5);
		CU_ASSERT_DOUBLE_EQUAL(scalar(&res, "max_abs"),
		    2.593743085861206, 1e-6);
		sim_result_free(&res);
	}
}

/* linear-bptt: 2.8284 1.6702 0.9862 0.5823 0.3439 at steps 0, 5, ..., 20;
 * with scale 1.1: 2.82843 4.55521 7.33621 11.815 19.0282. */
static void
test_sim_linear_bptt_figures(void)
{
	static const double down[] = { 2.8284, 1.6702, 0.9862, 0.5823, 0.3439 };
	static const double up[] = { 2.82843, 4.55521, 7.33621, 11.815, 19.0282 };
	static const char *const kv_up[] = { "scale=1.1", NULL };
	struct sim_result res;
	const struct sim_series *s;

	if (run_sim(&res, "linear-bptt", NULL) == SIM_OK) {
		s = series(&res, "norm");
		CU_ASSERT_EQUAL_FATAL(s->n, 21);
		for (int k = 0; k < 5; k++)
			CU_ASSERT_DOUBLE_EQUAL(s->v[5 * k], down[k], 5e-5);
		CU_ASSERT_EQUAL(scalar(&res, "first"), s->v[0]);
		CU_ASSERT_EQUAL(scalar(&res, "last"), s->v[20]);
		CU_ASSERT(close_rel(scalar(&res, "ratio"), pow(0.9, 20), 1e-13));
		sim_result_free(&res);
	}
	if (run_sim(&res, "linear-bptt", kv_up) == SIM_OK) {
		s = series(&res, "norm");
		for (int k = 0; k < 5; k++)
			CU_ASSERT(close_rel(s->v[5 * k], up[k], 5e-6));
		sim_result_free(&res);
	}
}

/* A linear RNN with W = rho x orthogonal: ||dL/dh_t|| = rho^(T-t) exactly
 * (0.9: 5.15e-3 at T=50, 2.66e-5 at T=100; 1.1: 117 at T=50). */
static void
test_sim_linear_rnn_norms_are_rho_power(void)
{
	static const struct {
		const char *rho, *steps;
		double r, want;
	} cases[] = {
		{ "rho=0.9", "steps=50", 0.9, 5.15e-3 },
		{ "rho=0.9", "steps=100", 0.9, 2.66e-5 },
		{ "rho=1.1", "steps=50", 1.1, 117 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *kv[] = { "activation=linear", cases[i].rho,
		    cases[i].steps, NULL };
		struct sim_result res;
		const struct sim_series *s;
		double worst = 0.0;

		if (run_sim(&res, "bptt-norms", kv) != SIM_OK)
			continue;
		s = series(&res, "norm");
		for (size_t t = 0; t < s->n; t++)
			worst = fmax(worst, fabs(s->v[t] / pow(cases[i].r,
			    (double)(s->n - 1 - t)) - 1.0));
		CU_ASSERT(worst < 1e-12);
		CU_ASSERT(close_rel(scalar(&res, "ratio"), cases[i].want, 5e-3));
		CU_ASSERT(close_rel(scalar(&res, "sigma_max"), cases[i].r, 1e-13));
		sim_result_free(&res);
	}
}

/* A tanh (and a relu) RNN stays under sigma_max(W_hh)^(T-t) ||dL/dh_T||,
 * and large inputs (saturation) push it far below. */
static void
test_sim_tanh_rnn_obeys_bound(void)
{
	static const char *const rhos[] = { "rho=0.5", "rho=1", "rho=1.5", "rho=3" };
	static const char *const acts[] = { "activation=tanh", "activation=relu" };
	static const char *const inputs[] = { "input_scale=0.1", "input_scale=5" };

	for (size_t r = 0; r < 4; r++)
		for (size_t a = 0; a < 2; a++)
			for (size_t x = 0; x < 2; x++) {
				const char *kv[] = { rhos[r], acts[a], inputs[x],
				    "steps=60", "hidden=16", NULL };
				struct sim_result res;
				const struct sim_series *n, *b;

				if (run_sim(&res, "bptt-norms", kv) != SIM_OK)
					continue;
				n = series(&res, "norm");
				b = series(&res, "bound");
				for (size_t t = 0; t < n->n; t++)
					CU_ASSERT(n->v[t] <= b->v[t] * (1 + 1e-12));
				CU_ASSERT_EQUAL(n->v[60], 1.0);
				if (r == 1 && a == 0 && x == 1)	/* rho 1, saturated */
					CU_ASSERT(n->v[0] < 1e-6 * b->v[0]);
				sim_result_free(&res);
			}
}

/* Clipping by norm: the clipped total gradient norm is the threshold when
 * the gradient was larger, and the norm itself otherwise. */
static void
test_sim_bptt_clip_sets_norm(void)
{
	static const char *const off[] = { "rho=1.5", "steps=40", NULL };
	static const char *const tight[] = { "rho=1.5", "steps=40", "clip=0.5", NULL };
	static const char *const loose[] = { "rho=1.5", "steps=40", "clip=1e6", NULL };
	struct sim_result res;
	double g;

	if (run_sim(&res, "bptt-norms", off) != SIM_OK)
		return;
	g = scalar(&res, "grad_norm");
	CU_ASSERT(g > 0.5);
	CU_ASSERT_EQUAL(scalar(&res, "clipped_norm"), g);
	sim_result_free(&res);
	if (run_sim(&res, "bptt-norms", tight) == SIM_OK) {
		CU_ASSERT_EQUAL(scalar(&res, "grad_norm"), g);
		CU_ASSERT_DOUBLE_EQUAL(scalar(&res, "clipped_norm"), 0.5, 1e-15);
		sim_result_free(&res);
	}
	if (run_sim(&res, "bptt-norms", loose) == SIM_OK) {
		CU_ASSERT_EQUAL(scalar(&res, "clipped_norm"), g);
		sim_result_free(&res);
	}
}

/* What lessons 2 and 4 quote of bptt-norms at rho 1.0 (defaults otherwise,
 * T = 100): the share of ||dL/dh_T|| left 10, 20 and 30 steps back, to the
 * two decimals the text prints (0.30, 0.11, 0.04), and 1.5^100 (about
 * 4e17) as lesson 2's linear rho 1.5 row. */
static void
test_sim_bptt_figures_lessons_quote(void)
{
	const char *const rho1[] = { "rho=1.0", NULL };
	const char *const lin[] = { "rho=1.5", "activation=linear", NULL };
	struct sim_result res;
	const struct sim_series *n;
	char buf[16];

	if (run_sim(&res, "bptt-norms", rho1) != SIM_OK)
		return;
	n = series(&res, "norm");
	CU_ASSERT_EQUAL_FATAL(n->n, 101);
	CU_ASSERT_DOUBLE_EQUAL(n->v[100], 1.0, 1e-12);
	snprintf(buf, sizeof buf, "%.2f", n->v[90] / n->v[100]);
	CU_ASSERT_STRING_EQUAL(buf, "0.30");
	snprintf(buf, sizeof buf, "%.2f", n->v[80] / n->v[100]);
	CU_ASSERT_STRING_EQUAL(buf, "0.11");
	snprintf(buf, sizeof buf, "%.2f", n->v[70] / n->v[100]);
	CU_ASSERT_STRING_EQUAL(buf, "0.04");
	sim_result_free(&res);
	if (run_sim(&res, "bptt-norms", lin) != SIM_OK)
		return;
	n = series(&res, "norm");
	snprintf(buf, sizeof buf, "%.0e", n->v[0]);
	CU_ASSERT_STRING_EQUAL(buf, "4e+17");
	sim_result_free(&res);
}

/* sweep=on adds rho0.5 ... rho1.5, each the norm series of a run with that
 * rho alone (bit for bit), and leaves norm as the main rho's. */
static void
test_sim_bptt_sweep_matches_single_runs(void)
{
	static const char *const names[] = {
		"rho0.5", "rho0.9", "rho1.0", "rho1.1", "rho1.5"
	};
	static const char *const rhos[] = {
		"rho=0.5", "rho=0.9", "rho=1.0", "rho=1.1", "rho=1.5"
	};
	const char *kv_sweep[] = { "sweep=on", "rho=1.25", "steps=30", NULL };
	struct sim_result sw, one;

	if (run_sim(&sw, "bptt-norms", kv_sweep) != SIM_OK)
		return;
	CU_ASSERT_EQUAL(sw.nseries, 7);
	for (size_t r = 0; r < 5; r++) {
		const char *kv[] = { rhos[r], "steps=30", NULL };
		const struct sim_series *a = series(&sw, names[r]), *b;

		if (a == NULL || run_sim(&one, "bptt-norms", kv) != SIM_OK)
			continue;
		b = series(&one, "norm");
		CU_ASSERT_EQUAL(a->n, b->n);
		CU_ASSERT_EQUAL(memcmp(a->v, b->v, a->n * sizeof *a->v), 0);
		sim_result_free(&one);
	}
	{
		const char *kv[] = { "rho=1.25", "steps=30", NULL };

		if (run_sim(&one, "bptt-norms", kv) == SIM_OK) {
			CU_ASSERT_EQUAL(memcmp(series(&sw, "norm")->v,
			    series(&one, "norm")->v, 31 * sizeof(double)), 0);
			CU_ASSERT_EQUAL(scalar(&sw, "grad_norm"),
			    scalar(&one, "grad_norm"));
			sim_result_free(&one);
		}
	}
	sim_result_free(&sw);
}

/* The LSTM cell path with the forget gate held at sigmoid(b_f):
 * dc_T/dc_0 = sigmoid(b_f)^T; T = 100: 7.9e-31, 2.5e-14, 3.1e-6 for
 * b_f = 0, 1, 2; and cell_path[t] = sigmoid(b_f)^(T-t). */
static void
test_sim_lstm_cell_path_is_sigmoid_power(void)
{
	static const char *const biases[] = {
		"forget_bias=0", "forget_bias=1", "forget_bias=2"
	};
	static const double want[] = { 7.9e-31, 2.5e-14, 3.1e-6 };

	for (int b = 0; b < 3; b++) {
		const char *kv[] = { "hold=on", biases[b], NULL };
		double sig = 1.0 / (1.0 + exp(-(double)b)), worst = 0.0;
		struct sim_result res;
		const struct sim_series *cp;

		if (run_sim(&res, "lstm-vs-rnn", kv) != SIM_OK)
			continue;
		CU_ASSERT(close_rel(scalar(&res, "cell_path_0"), pow(sig, 100),
		    1e-12));
		CU_ASSERT(close_rel(scalar(&res, "cell_path_0"), want[b], 0.02));
		cp = series(&res, "cell_path");
		for (size_t t = 0; t <= 100; t++)
			worst = fmax(worst, fabs(cp->v[t] / pow(sig,
			    (double)(100 - t)) - 1.0));
		CU_ASSERT(worst < 1e-12);
		/* the LSTM's cell gradient outlives the RNN's hidden one */
		if (b == 2)
			CU_ASSERT(scalar(&res, "lstm_ratio") >
			    scalar(&res, "rnn_ratio"));
		sim_result_free(&res);
	}
}

/* rnn-unroll: the pulse is remembered longer with a larger W_hh scale,
 * hnorm is the norm of the h series, and the input series is the signal. */
static void
test_sim_rnn_unroll_memory_and_series(void)
{
	static const char *const short_kv[] = { "input=pulse", "scale=0.5", NULL };
	static const char *const long_kv[] = { "input=pulse", "scale=0.7", NULL };
	struct sim_result a, b;

	if (run_sim(&a, "rnn-unroll", short_kv) != SIM_OK)
		return;
	if (run_sim(&b, "rnn-unroll", long_kv) != SIM_OK) {
		sim_result_free(&a);
		return;
	}
	CU_ASSERT(scalar(&a, "memory") > 0);
	CU_ASSERT(scalar(&b, "memory") > scalar(&a, "memory"));
	CU_ASSERT_EQUAL(scalar(&a, "memory"), 7);	/* 0.5^7 < 1% */
	CU_ASSERT_EQUAL(series(&a, "input")->v[0], 1.0);
	CU_ASSERT_EQUAL(series(&a, "input")->v[1], 0.0);
	for (size_t t = 0; t < 40; t++) {
		double s = 0.0;

		for (int j = 0; j < 4; j++) {
			char name[4] = { 'h', (char)('0' + j), '\0', '\0' };
			double h = series(&a, name)->v[t];

			s += h * h;
		}
		CU_ASSERT_DOUBLE_EQUAL(series(&a, "hnorm")->v[t], sqrt(s), 1e-15);
	}
	sim_result_free(&a);
	sim_result_free(&b);
}

/* lstm-gates: gates are in (0, 1), and a larger forget bias opens the
 * forget gate wider. */
static void
test_sim_lstm_gates_follow_forget_bias(void)
{
	static const char *const low[] = { "forget_bias=-2", NULL };
	static const char *const high[] = { "forget_bias=3", NULL };
	struct sim_result a, b;

	if (run_sim(&a, "lstm-gates", low) != SIM_OK)
		return;
	if (run_sim(&b, "lstm-gates", high) == SIM_OK) {
		CU_ASSERT(scalar(&a, "mean_f") < 0.2);
		CU_ASSERT(scalar(&b, "mean_f") > 0.9);
		for (size_t t = 0; t < 50; t++) {
			CU_ASSERT(series(&b, "i")->v[t] > 0.0 &&
			    series(&b, "i")->v[t] < 1.0);
			CU_ASSERT(series(&b, "o")->v[t] > 0.0 &&
			    series(&b, "o")->v[t] < 1.0);
		}
		CU_ASSERT_EQUAL(scalar(&b, "final_c"), series(&b, "c")->v[49]);
		sim_result_free(&b);
	}
	sim_result_free(&a);
}

/* The same parameters give the same bits; another seed gives other numbers. */
static void
test_sim_runs_are_deterministic(void)
{
	for (size_t i = 0; i < NCONTRACTS; i++) {
		static const char *const seed2[] = { "seed=2", "input=random", NULL };
		struct sim_result a, b;
		int has_seed = sim_param_find(sim_find(contracts[i].name), "seed",
		    NULL) != NULL;
		int has_input = sim_param_find(sim_find(contracts[i].name),
		    "input", NULL) != NULL;

		if (run_sim(&a, contracts[i].name, NULL) != SIM_OK)
			continue;
		if (run_sim(&b, contracts[i].name, NULL) == SIM_OK) {
			for (size_t k = 0; k < a.nseries; k++)
				CU_ASSERT_EQUAL(memcmp(a.series[k].v, b.series[k].v,
				    a.series[k].n * sizeof(double)), 0);
			for (size_t k = 0; k < a.nscalars; k++)
				CU_ASSERT_EQUAL(memcmp(&a.scalars[k].value,
				    &b.scalars[k].value, sizeof(double)), 0);
			sim_result_free(&b);
		}
		if (has_seed) {
			const char *kv[] = { "seed=2", NULL };

			if (run_sim(&b, contracts[i].name, has_input ? seed2 :
			    kv) == SIM_OK) {
				CU_ASSERT(memcmp(a.series[0].v, b.series[0].v,
				    a.series[0].n * sizeof(double)) != 0 ||
				    memcmp(a.series[1].v, b.series[1].v,
				    a.series[1].n * sizeof(double)) != 0);
				sim_result_free(&b);
			}
		}
		sim_result_free(&a);
	}
}

/* The largest runs the ranges allow finish, and values that overflow
 * (3^2000) come out as inf, not as undefined behaviour. */
static void
test_sim_extreme_parameters_are_handled(void)
{
	static const char *const big[] = {
		"activation=linear", "rho=3", "steps=2000", "hidden=8", NULL
	};
	static const char *const zero[] = { "rho=0", "steps=5", NULL };
	static const char *const mp[] = { "n=64", "scale=3", "power=200", NULL };
	static const char *const lb[] = { "scale=3", "steps=1000", NULL };
	struct sim_result res;

	if (run_sim(&res, "bptt-norms", big) == SIM_OK) {
		const struct sim_series *n = series(&res, "norm");

		CU_ASSERT(isinf(n->v[0]) && n->v[0] > 0);
		CU_ASSERT(isinf(n->v[1000]));	/* 3^1000 > 1e308 */
		CU_ASSERT(isfinite(n->v[1500]));	/* 3^500 < 1e308 */
		CU_ASSERT_DOUBLE_EQUAL(n->v[2000], 1.0, 1e-15);
		CU_ASSERT(isinf(scalar(&res, "grad_norm")));
		sim_result_free(&res);
	}
	if (run_sim(&res, "bptt-norms", zero) == SIM_OK) {
		CU_ASSERT_EQUAL(series(&res, "norm")->v[0], 0.0);
		CU_ASSERT_DOUBLE_EQUAL(series(&res, "bound")->v[5], 1.0, 1e-15);
		CU_ASSERT_EQUAL(series(&res, "bound")->v[4], 0.0);
		CU_ASSERT_EQUAL(scalar(&res, "ratio"), 0.0);
		sim_result_free(&res);
	}
	if (run_sim(&res, "matrix-power", mp) == SIM_OK) {
		CU_ASSERT(close_rel(scalar(&res, "max_abs"), pow(3, 200), 1e-12));
		sim_result_free(&res);
	}
	if (run_sim(&res, "linear-bptt", lb) == SIM_OK) {
		CU_ASSERT(isinf(scalar(&res, "last")));
		CU_ASSERT(isfinite(series(&res, "norm")->v[600]));
		CU_ASSERT(isinf(series(&res, "norm")->v[700]));	/* 3^700 */
		sim_result_free(&res);
	}
}

/* ---- rnntutor sim ----------------------------------------------------------- */

/* Run cli_sim_main on argv (NULL-terminated) into two memory streams; the
 * caller frees *out and *err. */
static int
cli(char **out, char **err, const char *const *argv)
{
	char *args[32];
	int argc = 0, status;
	size_t olen, elen;
	FILE *fo = open_memstream(out, &olen), *fe = open_memstream(err, &elen);

	CU_ASSERT_PTR_NOT_NULL_FATAL(fo);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fe);
	args[argc++] = (char *)"sim";
	for (; argv[argc - 1] != NULL && argc < 31; argc++)
		args[argc] = (char *)argv[argc - 1];
	args[argc] = NULL;
	status = cli_sim_main(argc, args, fo, fe);
	fclose(fo);
	fclose(fe);
	return status;
}

/* Count the lines of s. */
static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* tsv and csv: the header and rows the issue names; defaults reproduce
 * the lesson's figures. */
static void
test_simcmd_tsv_and_csv_rows(void)
{
	static const char *const mp[] = { "matrix-power", "--format=tsv", NULL };
	static const char *const lb[] = { "linear-bptt", "--format=tsv", NULL };
	static const char *const lbc[] = { "linear-bptt", "--format", "csv",
	    "steps=2", NULL };
	static const char *const bn[] = { "bptt-norms", "steps=3", "sweep=on",
	    "--format=csv", NULL };
	char *out, *err;

	CU_ASSERT_EQUAL(cli(&out, &err, mp), 0);
	CU_ASSERT_STRING_EQUAL(out,
	    "scale\tpower\tmax_abs\n0.9\t10\t0.34867844010000015\n");
	CU_ASSERT_STRING_EQUAL(err, "");
	free(out);
	free(err);
	CU_ASSERT_EQUAL(cli(&out, &err, lb), 0);
	CU_ASSERT_EQUAL(strncmp(out, "step\tnorm\n0\t2.8284271247461903\n", 29), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n20\t0.34387"));
	CU_ASSERT_EQUAL(count_lines(out), 22);
	free(out);
	free(err);
	CU_ASSERT_EQUAL(cli(&out, &err, lbc), 0);
	CU_ASSERT_STRING_EQUAL(out, "step,norm\n0,2.8284271247461903\n"
	    "1,2.545584412271571\n2,2.291025971044414\n");
	free(out);
	free(err);
	CU_ASSERT_EQUAL(cli(&out, &err, bn), 0);
	CU_ASSERT_EQUAL(strncmp(out,
	    "t,norm,bound,rho0.5,rho0.9,rho1.0,rho1.1,rho1.5\n", 48), 0);
	CU_ASSERT_EQUAL(count_lines(out), 5);
	free(out);
	free(err);
}

/* text: for people, the scalars and a table with the step column. */
static void
test_simcmd_text_for_people(void)
{
	static const char *const lb[] = { "linear-bptt", "steps=3", NULL };
	char *out, *err;

	CU_ASSERT_EQUAL(cli(&out, &err, lb), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "linear-bptt: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "parameters: n=8 scale=0.9 steps=3\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "ratio"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "step"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "2.82843"));
	free(out);
	free(err);
}

/* --list names every simulation and parameter with default and range;
 * --help says how to use it; NAME --help describes one simulation. */
static void
test_simcmd_list_and_help(void)
{
	static const char *const list[] = { "--list", NULL };
	static const char *const help[] = { "--help", NULL };
	static const char *const one[] = { "lstm-gates", "--help", NULL };
	char *out, *err;

	CU_ASSERT_EQUAL(cli(&out, &err, list), 0);
	for (size_t i = 0; i < NCONTRACTS; i++)
		CU_ASSERT_PTR_NOT_NULL(strstr(out, contracts[i].name));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "forget_bias = 1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "number -5..5, step 0.5"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "whole number 0..2147483647"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "one of tanh, linear, relu"));
	free(out);
	free(err);
	CU_ASSERT_EQUAL(cli(&out, &err, help), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: rnntutor sim"));
	free(out);
	free(err);
	CU_ASSERT_EQUAL(cli(&out, &err, one), 0);
	CU_ASSERT_EQUAL(strncmp(out, "lstm-gates: ", 12), 0);
	CU_ASSERT_PTR_NULL(strstr(out, "bptt-norms"));
	free(out);
	free(err);
}

/* Bad input: one line on err, nothing on out, exit 2. */
static void
test_simcmd_bad_input_exits_2(void)
{
	static const struct {
		const char *argv[4];
		const char *says;
	} cases[] = {
		{ { "matrx-power", NULL }, "did you mean 'matrix-power'?" },
		{ { "nope", NULL }, "unknown simulation 'nope'" },
		{ { "linear-bptt", "scal=2", NULL }, "did you mean 'scale'?" },
		{ { "linear-bptt", "n=300", NULL }, "(valid: 1..256)" },
		{ { "linear-bptt", "scale=nan", NULL }, "(valid: 0..3)" },
		{ { "linear-bptt", "n=", NULL }, "(valid: 1..256)" },
		{ { "linear-bptt", "steps", NULL }, "PARAMETER=VALUE" },
		{ { "linear-bptt", "--format=xml", NULL }, "unknown format" },
		{ { "linear-bptt", "--frobnicate", NULL }, "unknown option" },
		{ { "n=3", NULL }, "name before its parameters" },
		{ { NULL }, "usage: rnntutor sim" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out, *err;

		CU_ASSERT_EQUAL(cli(&out, &err, cases[i].argv), 2);
		CU_ASSERT_STRING_EQUAL(out, "");
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].says));
		if (cases[i].argv[0] != NULL)
			CU_ASSERT_EQUAL(count_lines(err), 1);
		free(out);
		free(err);
	}
}

/* Same command, same bytes. */
static void
test_simcmd_output_is_deterministic(void)
{
	static const char *const argv[] = { "rnn-unroll", "input=random",
	    "seed=77", "--format=tsv", NULL };
	char *a, *b, *e1, *e2;

	CU_ASSERT_EQUAL(cli(&a, &e1, argv), 0);
	CU_ASSERT_EQUAL(cli(&b, &e2, argv), 0);
	CU_ASSERT_STRING_EQUAL(a, b);
	CU_ASSERT_EQUAL(strncmp(a, "t\tinput\th0\th1\th2\th3\thnorm\n1\t",
	    strlen("t\tinput\th0\th1\th2\th3\thnorm\n1\t")), 0);
	free(a);
	free(b);
	free(e1);
	free(e2);
}


/* Register the "sim" (registry and simulations) and "simcmd" suites. */
void
test_sim_register(void)
{
	CU_pSuite s = CU_add_suite("sim", NULL, NULL);
	CU_pSuite c = CU_add_suite("simcmd", NULL, NULL);

	CU_add_test(s, "registry matches contract", test_sim_registry_matches_contract);
	CU_add_test(s, "results match contract", test_sim_results_match_contract);
	CU_add_test(s, "series lengths follow steps", test_sim_series_lengths_follow_steps);
	CU_add_test(s, "args refuse bad values", test_sim_args_refuse_bad_values);
	CU_add_test(s, "args accept good values", test_sim_args_accept_good_values);
	CU_add_test(s, "args unknown parameter suggests", test_sim_args_unknown_parameter_suggests);
	CU_add_test(s, "args choice words", test_sim_args_choice_words);
	CU_add_test(s, "args kv, format and copy", test_sim_args_kv_format_and_copy);
	CU_add_test(s, "suggest nearest name", test_sim_suggest_nearest_name);
	CU_add_test(s, "format double round trips", test_sim_format_double_round_trips);
	CU_add_test(s, "numbers ignore locale", test_sim_numbers_ignore_locale);
	CU_add_test(s, "result builders", test_sim_result_builders);
	CU_add_test(s, "matrix-power figures", test_sim_matrix_power_figures);
	CU_add_test(s, "linear-bptt figures", test_sim_linear_bptt_figures);
	CU_add_test(s, "linear rnn norms are rho power", test_sim_linear_rnn_norms_are_rho_power);
	CU_add_test(s, "tanh rnn obeys bound", test_sim_tanh_rnn_obeys_bound);
	CU_add_test(s, "bptt clip sets norm", test_sim_bptt_clip_sets_norm);
	CU_add_test(s, "bptt sweep matches single runs", test_sim_bptt_sweep_matches_single_runs);
	CU_add_test(s, "bptt figures the lessons quote", test_sim_bptt_figures_lessons_quote);
	CU_add_test(s, "lstm cell path is sigmoid power", test_sim_lstm_cell_path_is_sigmoid_power);
	CU_add_test(s, "rnn-unroll memory and series", test_sim_rnn_unroll_memory_and_series);
	CU_add_test(s, "lstm-gates follow forget bias", test_sim_lstm_gates_follow_forget_bias);
	CU_add_test(s, "runs are deterministic", test_sim_runs_are_deterministic);
	CU_add_test(s, "extreme parameters are handled", test_sim_extreme_parameters_are_handled);
	CU_add_test(c, "tsv and csv rows", test_simcmd_tsv_and_csv_rows);
	CU_add_test(c, "text for people", test_simcmd_text_for_people);
	CU_add_test(c, "list and help", test_simcmd_list_and_help);
	CU_add_test(c, "bad input exits 2", test_simcmd_bad_input_exits_2);
	CU_add_test(c, "output is deterministic", test_simcmd_output_is_deterministic);
}
