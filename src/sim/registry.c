#include "config.h"

#include "sim/sim.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "sim/sims.h"

/* The registry, in the order `rnntutor sim --list` shows it. */
static const struct sim_spec *const registry[] = {
	&sim_matrix_power_spec,
	&sim_linear_bptt_spec,
	&sim_rnn_unroll_spec,
	&sim_bptt_norms_spec,
	&sim_lstm_gates_spec,
	&sim_lstm_vs_rnn_spec,
	&sim_adding_spec,
	&sim_sentiment_spec,
	&sim_cell_grads_spec
};
#define NREGISTRY (sizeof registry / sizeof registry[0])

#define SHOWN_MAX 40		/* bytes of an untrusted value echoed */

/* Every simulation, in a fixed order. */
const struct sim_spec *const *
sim_registry(size_t *n)
{
	*n = NREGISTRY;
	return registry;
}

/* Exact lookup by name. */
const struct sim_spec *
sim_find(const char *name)
{
	for (size_t i = 0; i < NREGISTRY; i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

/* Nearest registered simulation name. */
const char *
sim_suggest(const char *name)
{
	const char *names[NREGISTRY];

	for (size_t i = 0; i < NREGISTRY; i++)
		names[i] = registry[i]->name;
	return suggest_nearest(name, names, NREGISTRY);
}

/* Exact lookup of a parameter. */
const struct sim_param_spec *
sim_param_find(const struct sim_spec *spec, const char *name, size_t *index)
{
	for (size_t i = 0; i < spec->nparams; i++)
		if (strcmp(spec->params[i].name, name) == 0) {
			if (index != NULL)
				*index = i;
			return &spec->params[i];
		}
	return NULL;
}

/* Nearest parameter name of spec. */
const char *
sim_param_suggest(const struct sim_spec *spec, const char *name)
{
	const char *names[SIM_MAX_PARAMS];
	size_t n = spec->nparams < SIM_MAX_PARAMS ? spec->nparams :
	    SIM_MAX_PARAMS;

	for (size_t i = 0; i < n; i++)
		names[i] = spec->params[i].name;
	return suggest_nearest(name, names, n);
}

/* Every parameter at its default. */
void
sim_args_init(struct sim_args *args, const struct sim_spec *spec)
{
	memset(args, 0, sizeof *args);
	args->spec = spec;
	for (size_t i = 0; i < spec->nparams && i < SIM_MAX_PARAMS; i++)
		args->num[i] = spec->params[i].def;
}

/* Free the text values; args keeps its spec and numbers. */
void
sim_args_free(struct sim_args *args)
{
	for (size_t i = 0; i < SIM_MAX_PARAMS; i++) {
		free(args->text[i]);
		args->text[i] = NULL;
	}
}

/* A deep copy; dst must not own text values (fresh or freed). */
void
sim_args_copy(struct sim_args *dst, const struct sim_args *src)
{
	*dst = *src;
	for (size_t i = 0; i < SIM_MAX_PARAMS; i++)
		if (src->text[i] != NULL)
			dst->text[i] = xstrdup(src->text[i]);
}

/* An untrusted string as it may appear in a message: at most SHOWN_MAX
 * bytes, control characters and non-ASCII made visible, "..." when cut.
 * The caller frees it. */
static char *
shown(const char *s)
{
	size_t len = strlen(s);
	char *safe = utf8_sanitize(s, len > SHOWN_MAX ? SHOWN_MAX : len, 1);
	char *r;

	if (len <= SHOWN_MAX)
		return safe;
	r = xasprintf("%s...", safe);
	free(safe);
	return r;
}

/* Replace every occurrence of from (non-empty) in s by the one byte to;
 * to is never longer than from, so the string only shrinks. */
static void
replace_point(char *s, const char *from, char to)
{
	size_t flen = strlen(from);
	char *p;

	if (flen == 0 || (flen == 1 && from[0] == to))
		return;
	while ((p = strstr(s, from)) != NULL) {
		*p = to;
		memmove(p + 1, p + flen, strlen(p + flen) + 1);
	}
}

/* The current locale's decimal point ("." in the C locale). */
static const char *
decimal_point(void)
{
	const struct lconv *lc = localeconv();

	return lc != NULL && lc->decimal_point != NULL &&
	    lc->decimal_point[0] != '\0' ? lc->decimal_point : ".";
}

/* Shortest of %.15g, %.16g, %.17g that strtod reads back as v (in the same
 * locale, before the decimal point is made a '.'). */
void
sim_format_double(char buf[SIM_NUMBER_MAX], double v, int digits)
{
	if (isnan(v)) {
		strcpy(buf, "nan");
		return;
	}
	if (isinf(v)) {
		strcpy(buf, v > 0.0 ? "inf" : "-inf");
		return;
	}
	if (v == 0.0) {
		strcpy(buf, "0");	/* and not "-0" */
		return;
	}
	if (digits < 0 || digits > 17)
		digits = 17;
	if (digits == 0) {
		for (digits = 15;; digits++) {
			snprintf(buf, SIM_NUMBER_MAX, "%.*g", digits, v);
			if (digits == 17 || strtod(buf, NULL) == v)
				break;
		}
	} else
		snprintf(buf, SIM_NUMBER_MAX, "%.*g", digits, v);
	replace_point(buf, decimal_point(), '.');
}

/* "lo..hi" for a message; whole numbers without a fraction or exponent. */
static void
format_range(char *buf, size_t size, const struct sim_param_spec *ps)
{
	char lo[SIM_NUMBER_MAX], hi[SIM_NUMBER_MAX];

	if (fabs(ps->min) < 1e15 && ps->min == floor(ps->min))
		snprintf(lo, sizeof lo, "%.0f", ps->min);
	else
		sim_format_double(lo, ps->min, 0);
	if (fabs(ps->max) < 1e15 && ps->max == floor(ps->max))
		snprintf(hi, sizeof hi, "%.0f", ps->max);
	else
		sim_format_double(hi, ps->max, 0);
	snprintf(buf, size, "%s..%s", lo, hi);
}

/* "sine, pulse, step, random" */
static char *
choice_list(const struct sim_param_spec *ps)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; ps->choices != NULL && ps->choices[i] != NULL; i++) {
		if (i > 0)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, ps->choices[i]);
	}
	return strbuf_detach(&sb);
}

/* Report a name that is not a parameter of spec. */
static int
unknown_param(const struct sim_spec *spec, const char *name,
    struct diag_list *diags, const char *file, int line, int col)
{
	const char *near = sim_param_suggest(spec, name);
	char *what = shown(name);
	struct strbuf all;

	if (near != NULL) {
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s has no parameter '%s'; did you mean '%s'?", spec->name,
		    what, near);
	} else {
		strbuf_init(&all);
		for (size_t i = 0; i < spec->nparams; i++) {
			if (i > 0)
				strbuf_adds(&all, ", ");
			strbuf_adds(&all, spec->params[i].name);
		}
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s has no parameter '%s' (its parameters: %s)", spec->name,
		    what, all.len > 0 ? all.s : "none");
		strbuf_free(&all);
	}
	free(what);
	return SIM_EUNKNOWN;
}

/* Check a choice word; on success *index is its position. */
static int
set_choice(const struct sim_param_spec *ps, const char *value, double *index,
    struct diag_list *diags, const char *file, int line, int col)
{
	size_t n = 0;
	const char *near;
	char *what, *list;

	for (; ps->choices != NULL && ps->choices[n] != NULL; n++)
		if (strcmp(ps->choices[n], value) == 0) {
			*index = (double)n;
			return SIM_OK;
		}
	near = suggest_nearest(value, ps->choices, n);
	what = shown(value);
	list = choice_list(ps);
	if (near != NULL)
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: '%s' is not one of %s; did you mean '%s'?", ps->name,
		    what, list, near);
	else
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: '%s' is not one of %s", ps->name, what, list);
	free(what);
	free(list);
	return SIM_EVALUE;
}

/* Parse and range-check a number for an int or real parameter, by the
 * rules of core/num.h (surrounding whitespace trimmed, as in lessons). */
static int
set_number(const struct sim_param_spec *ps, const char *value, double *out,
    struct diag_list *diags, const char *file, int line, int col)
{
	char range[2 * SIM_NUMBER_MAX + 4], *what;
	long long whole = 0;
	double v = 0.0;
	int st;

	format_range(range, sizeof range, ps);
	if (num_is_blank(value)) {
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: no value given (valid: %s)", ps->name, range);
		return SIM_EVALUE;
	}
	if (ps->type == SIM_INT) {
		st = num_parse_long(value, LLONG_MIN, LLONG_MAX, &whole);
		v = (double)whole;
	} else {
		st = num_parse_double(value, &v);
	}
	what = shown(value);
	if (st == NUM_ESYNTAX) {
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: '%s' is not %s (valid: %s)", ps->name, what,
		    ps->type == SIM_INT ? "a whole number" : "a number", range);
		free(what);
		return SIM_EVALUE;
	}
	if (st == NUM_ERANGE || v < ps->min || v > ps->max) {
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: %s is out of range (valid: %s)", ps->name, what,
		    range);
		free(what);
		return SIM_EVALUE;
	}
	free(what);
	*out = v;
	return SIM_OK;
}

/* Convert value by the parameter's type; see sim.h. */
int
sim_args_set(struct sim_args *args, const char *name, const char *value,
    struct diag_list *diags, const char *file, int line, int col)
{
	const struct sim_param_spec *ps;
	size_t i = 0;
	double v = 0.0;
	int rc;

	if (args->spec == NULL) {
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "no simulation chosen");
		return SIM_EUNKNOWN;
	}
	ps = sim_param_find(args->spec, name, &i);
	if (ps == NULL || i >= SIM_MAX_PARAMS)
		return unknown_param(args->spec, name, diags, file, line, col);
	switch (ps->type) {
	case SIM_INT:
	case SIM_REAL:
		rc = set_number(ps, value, &v, diags, file, line, col);
		break;
	case SIM_CHOICE:
		rc = set_choice(ps, value, &v, diags, file, line, col);
		break;
	case SIM_TEXT:
		if (strlen(value) > 4095) {
			diag_add(diags, DIAG_ERROR, file, line, col,
			    "%s: the value is longer than 4095 bytes",
			    ps->name);
			return SIM_EVALUE;
		}
		free(args->text[i]);
		args->text[i] = xstrdup(value);
		return SIM_OK;
	default:
		diag_add(diags, DIAG_ERROR, file, line, col,
		    "%s: parameter of unknown type", ps->name);
		return SIM_EVALUE;
	}
	if (rc == SIM_OK)
		args->num[i] = v;
	return rc;
}

/* Split "NAME=VALUE" at the first '='. */
int
sim_args_set_kv(struct sim_args *args, const char *kv,
    struct diag_list *diags)
{
	const char *eq = strchr(kv, '=');
	char *name, *what;
	int rc;

	if (eq == NULL || eq == kv) {
		what = shown(kv);
		diag_add(diags, DIAG_ERROR, NULL, 0, 0,
		    "expected PARAMETER=VALUE, got '%s'", what);
		free(what);
		return eq == NULL ? SIM_EVALUE : SIM_EUNKNOWN;
	}
	name = xstrndup(kv, (size_t)(eq - kv));
	rc = sim_args_set(args, name, eq + 1, diags, NULL, 0, 0);
	free(name);
	return rc;
}

/* The value of parameter i as a new heap string. */
char *
sim_args_format(const struct sim_args *args, size_t i)
{
	const struct sim_param_spec *ps;
	char buf[SIM_NUMBER_MAX];

	if (args->spec == NULL || i >= args->spec->nparams ||
	    i >= SIM_MAX_PARAMS)
		return xstrdup("");
	ps = &args->spec->params[i];
	switch (ps->type) {
	case SIM_INT:
		return xasprintf("%.0f", args->num[i]);
	case SIM_CHOICE:
		if (ps->choices != NULL && args->num[i] >= 0.0 &&
		    args->num[i] <= ps->max)
			return xstrdup(ps->choices[(size_t)args->num[i]]);
		return xstrdup("");
	case SIM_TEXT:
		return xstrdup(args->text[i] != NULL ? args->text[i] : "");
	case SIM_REAL:
	default:
		/* 15 digits: what a person typed comes back as typed, and a
		 * knob's 0.9 + 0.05 shows as 0.95, not 0.9500000000000001 */
		sim_format_double(buf, args->num[i], 15);
		return xstrdup(buf);
	}
}
