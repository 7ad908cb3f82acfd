#include "config.h"

#include "doc/template.h"
#include "core/num.h"
#include "core/suggest.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 16	/* nested parentheses in one placeholder */

struct format {
	int prec;
	char conv;	/* 'f', 'e' or 'g' */
};

/* Reading one placeholder's expression. */
struct expr {
	const char *tmpl;	/* the whole template, for offsets */
	const char *p;		/* the next character */
	const char *end;	/* the ':' or '}' that ends the expression */
	const struct sim_result *res;
	const struct sim_args *args;
	char *cause;
	size_t where;
	int depth;
};

/* Read ".Nf", ".Ne" or ".Ng"; -1 when it is not one we accept. */
static int
make_format(const char *spec, size_t len, struct format *fmt)
{
	long long prec;
	char digits[8];

	fmt->prec = 4;
	fmt->conv = 'g';
	if (len == 0)
		return 0;
	if (len < 3 || len > 4 || spec[0] != '.' ||
	    strchr("feg", spec[len - 1]) == NULL)
		return -1;
	memcpy(digits, spec + 1, len - 2);
	digits[len - 2] = '\0';
	if (num_parse_long(digits, 0, 17, &prec) < 0)
		return -1;
	fmt->prec = (int)prec;
	fmt->conv = spec[len - 1];
	return 0;
}

/* See template.h. */
int
doc_template_value(const struct sim_result *res, const char *name,
    double *out, char **cause)
{
	const char *bracket = strchr(name, '[');
	const struct sim_series *s;
	long long index;
	char *series_name, *idx;
	size_t len;

	*cause = NULL;
	if (bracket == NULL) {
		const struct sim_scalar *sc = sim_result_scalar(res, name);

		if (sc == NULL) {
			*cause = xasprintf("no result called '%s'", name);
			return -1;
		}
		*out = sc->value;
		return 0;
	}
	len = strlen(name);
	if (name[len - 1] != ']') {
		*cause = xasprintf("'%s': expected series[index]", name);
		return -1;
	}
	series_name = xstrndup(name, (size_t)(bracket - name));
	idx = xstrndup(bracket + 1, len - (size_t)(bracket - name) - 2);
	s = sim_result_series(res, series_name);
	if (s == NULL) {
		*cause = xasprintf("no series called '%s'", series_name);
	} else if (num_parse_long(idx, -(long long)s->n, (long long)s->n - 1,
	    &index) < 0) {
		*cause = xasprintf("'%s': index '%s' is outside 0..%zu", name, idx,
		    s->n > 0 ? s->n - 1 : 0);
	} else {
		*out = s->v[index < 0 ? (long long)s->n + index : index];
	}
	free(series_name);
	free(idx);
	return *cause == NULL ? 0 : -1;
}

/* Record the first problem, at p. */
__attribute__((format(printf, 3, 4)))
static int
fail(struct expr *e, const char *p, const char *fmt, ...)
{
	va_list ap;

	if (e->cause == NULL) {
		va_start(ap, fmt);
		e->cause = xvasprintf(fmt, ap);
		va_end(ap);
		e->where = (size_t)(p - e->tmpl);
	}
	return -1;
}

/* Skip spaces inside the placeholder. */
static void
skip_space(struct expr *e)
{
	while (e->p < e->end && *e->p == ' ')
		e->p++;
}

/* The names a placeholder could have meant: scalars, series, parameters. */
static const char *
nearest_name(const struct expr *e, const char *name)
{
	const char *names[64];
	size_t n = 0;

	for (size_t i = 0; i < e->res->nscalars && n < 64; i++)
		names[n++] = e->res->scalars[i].name;
	for (size_t i = 0; i < e->res->nseries && n < 64; i++)
		names[n++] = e->res->series[i].name;
	for (size_t i = 0; e->args != NULL && i < e->args->spec->nparams &&
	    n < 64; i++)
		names[n++] = e->args->spec->params[i].name;
	return suggest_nearest(name, names, n);
}

/* A name: a result scalar, series[i], or a numeric parameter. */
static int
name_value(struct expr *e, double *out)
{
	const char *start = e->p;
	const struct sim_param_spec *ps = NULL;
	size_t index;
	char *name, *cause;
	int rc;

	/* a name may hold dots (the series rho0.5) but no dash: a-b
	 * subtracts */
	while (e->p < e->end && (isalnum((unsigned char)*e->p) ||
	    *e->p == '_' || *e->p == '.' || (unsigned char)*e->p >= 0x80))
		e->p++;
	name = xstrndup(start, (size_t)(e->p - start));
	if (e->p < e->end && *e->p == '[') {
		const char *close = memchr(e->p, ']', (size_t)(e->end - e->p));

		if (close == NULL) {
			free(name);
			return fail(e, e->p, "a '[' without its ']'");
		}
		free(name);
		name = xstrndup(start, (size_t)(close + 1 - start));
		e->p = close + 1;
		rc = doc_template_value(e->res, name, out, &cause);
		if (rc < 0) {
			fail(e, start, "%s", cause);
			free(cause);
		}
		free(name);
		return rc;
	}
	if (doc_template_value(e->res, name, out, &cause) == 0) {
		free(name);
		return 0;
	}
	free(cause);
	if (e->args != NULL)
		ps = sim_param_find(e->args->spec, name, &index);
	if (ps != NULL && (ps->type == SIM_INT || ps->type == SIM_REAL)) {
		*out = e->args->num[index];
		free(name);
		return 0;
	}
	if (ps != NULL) {
		rc = fail(e, start, "parameter '%s' is a word, not a number: "
		    "write it alone, as {%s}", name, name);
	} else if (sim_result_series(e->res, name) != NULL) {
		rc = fail(e, start, "'%s' is a series: name one of its values, "
		    "as %s[0] or %s[-1]", name, name, name);
	} else {
		const char *near = nearest_name(e, name);

		if (near != NULL)
			rc = fail(e, start, "no result or parameter called '%s' "
			    "(did you mean '%s'?)", name, near);
		else
			rc = fail(e, start, "no result or parameter called '%s'",
			    name);
	}
	free(name);
	return rc;
}

static int sum(struct expr *e, double *out);

/* A character that has no place in a placeholder, shown with the whole
 * expression it stands in. */
static int
unexpected(struct expr *e)
{
	const char *start = e->p;

	while (start > e->tmpl && start[-1] != '{')
		start--;
	return fail(e, e->p, "unexpected '%c' in '%.*s': a placeholder holds "
	    "names, numbers, + - * / and parentheses", *e->p,
	    (int)(e->end - start), start);
}

/* A number, a name, a parenthesised sum, or a negated factor. */
static int
factor(struct expr *e, double *out)
{
	skip_space(e);
	if (e->p >= e->end)
		return fail(e, e->p, "expected a number or a name");
	if (*e->p == '-') {
		e->p++;
		if (factor(e, out) < 0)
			return -1;
		*out = -*out;
		return 0;
	}
	if (*e->p == '(') {
		const char *open = e->p++;

		if (++e->depth > MAX_DEPTH)
			return fail(e, open, "parentheses nested too deep");
		if (sum(e, out) < 0)
			return -1;
		skip_space(e);
		if (e->p >= e->end || *e->p != ')')
			return fail(e, open, "a '(' without its ')'");
		e->p++;
		e->depth--;
		return 0;
	}
	if (isdigit((unsigned char)*e->p) || *e->p == '.') {
		const char *start = e->p;
		char *text;
		int rc;

		while (e->p < e->end && (isalnum((unsigned char)*e->p) ||
		    *e->p == '.' || ((*e->p == '-' || *e->p == '+') &&
		    (e->p[-1] == 'e' || e->p[-1] == 'E'))))
			e->p++;
		text = xstrndup(start, (size_t)(e->p - start));
		rc = num_parse_double(text, out) == NUM_OK ? 0 :
		    fail(e, start, "'%s' is not a number", text);
		free(text);
		return rc;
	}
	if (isalpha((unsigned char)*e->p) || *e->p == '_' ||
	    (unsigned char)*e->p >= 0x80)
		return name_value(e, out);
	return unexpected(e);
}

/* Factors joined by * and /. */
static int
product(struct expr *e, double *out)
{
	if (factor(e, out) < 0)
		return -1;
	for (;;) {
		double rhs;
		char op;

		skip_space(e);
		if (e->p >= e->end || (*e->p != '*' && *e->p != '/'))
			return 0;
		op = *e->p++;
		if (factor(e, &rhs) < 0)
			return -1;
		*out = op == '*' ? *out * rhs : *out / rhs;
	}
}

/* Products joined by + and -. */
static int
sum(struct expr *e, double *out)
{
	if (product(e, out) < 0)
		return -1;
	for (;;) {
		double rhs;
		char op;

		skip_space(e);
		if (e->p >= e->end || (*e->p != '+' && *e->p != '-'))
			return 0;
		op = *e->p++;
		if (product(e, &rhs) < 0)
			return -1;
		*out = op == '+' ? *out + rhs : *out - rhs;
	}
}

/* A placeholder that is only the name of a word parameter: its word. */
static char *
word_param(const struct sim_args *args, const char *start, const char *end)
{
	const struct sim_param_spec *ps;
	size_t index;
	char *name;

	if (args == NULL)
		return NULL;
	name = xstrndup(start, (size_t)(end - start));
	ps = sim_param_find(args->spec, name, &index);
	free(name);
	if (ps == NULL || ps->type == SIM_INT || ps->type == SIM_REAL)
		return NULL;
	return sim_args_format(args, index);
}

/* One placeholder, p at its '{' and end at its '}'. */
static int
placeholder(struct strbuf *out, struct expr *e, const char *p,
    const char *end)
{
	const char *colon = memchr(p, ':', (size_t)(end - p));
	struct format fmt;
	double v = 0;
	char *word;

	if (colon == NULL)
		colon = end;
	if (make_format(colon + (colon < end), (size_t)(end - colon) -
	    (colon < end), &fmt) < 0)
		return fail(e, colon + 1, "bad format '%.*s' (use .Nf, .Ne or "
		    ".Ng)", (int)(end - colon) - (colon < end),
		    colon + (colon < end));
	if (colon == end && (word = word_param(e->args, p + 1, end)) != NULL) {
		strbuf_adds(out, word);
		free(word);
		return 0;
	}
	e->p = p + 1;
	e->end = colon;
	e->depth = 0;
	/* a character with no place here is named first, whatever else is
	 * wrong: "{norm^[...}" says so, not that 'norm' has no value */
	for (const char *q = p + 1; q < colon; q++)
		if (!isalnum((unsigned char)*q) && (unsigned char)*q < 0x80 &&
		    strchr("_.[]-+*/() ", *q) == NULL) {
			e->p = q;
			return unexpected(e);
		}
	if (sum(e, &v) < 0)
		return -1;
	skip_space(e);
	if (e->p < e->end)
		return unexpected(e);
	if (fmt.conv == 'f')
		strbuf_addf(out, "%.*f", fmt.prec, v);
	else if (fmt.conv == 'e')
		strbuf_addf(out, "%.*e", fmt.prec, v);
	else
		strbuf_addf(out, "%.*g", fmt.prec, v);
	return 0;
}

/* See template.h. */
int
doc_template_fill(struct strbuf *out, const char *tmpl,
    const struct sim_result *res, const struct sim_args *args, char **cause,
    size_t *where)
{
	struct expr e = { .tmpl = tmpl, .res = res, .args = args };
	const char *p = tmpl;

	*cause = NULL;
	*where = 0;
	while (*p != '\0') {
		const char *end;

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			strbuf_addc(out, p[0]);
			p += 2;
			continue;
		}
		if (*p != '{') {
			if (*p == '}') {
				fail(&e, p, "a lone '}' (write '}}' for a brace)");
				break;
			}
			strbuf_addc(out, *p++);
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL || memchr(p, '\n', (size_t)(end - p)) != NULL) {
			fail(&e, p, "a '{' without its '}' (write '{{' for a brace)");
			break;
		}
		if (placeholder(out, &e, p, end) < 0)
			break;
		p = end + 1;
	}
	*cause = e.cause;
	*where = e.where;
	return e.cause == NULL ? 0 : -1;
}
