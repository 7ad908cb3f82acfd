#include "config.h"

#include "doc/template.h"
#include "core/num.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct format {
	int prec;
	char conv;	/* 'f', 'e' or 'g' */
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

/* The value a placeholder names; -1 with *cause when it names nothing. */
static int
lookup(const struct sim_result *res, const char *name, double *out,
    char **cause)
{
	const char *bracket = strchr(name, '[');
	const struct sim_series *s;
	long long index;
	char *series_name, *idx;
	size_t len;

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

/* See template.h. */
int
doc_template_fill(struct strbuf *out, const char *tmpl,
    const struct sim_result *res, char **cause)
{
	const char *p = tmpl;

	*cause = NULL;
	while (*p != '\0') {
		const char *end, *colon;
		struct format fmt;
		char *name;
		double v = 0;

		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			strbuf_addc(out, p[0]);
			p += 2;
			continue;
		}
		if (*p != '{') {
			if (*p == '}') {
				*cause = xstrdup("a lone '}' (write '}}' for a brace)");
				return -1;
			}
			strbuf_addc(out, *p++);
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL || memchr(p, '\n', (size_t)(end - p)) != NULL) {
			*cause = xstrdup("a '{' without its '}' (write '{{' for a brace)");
			return -1;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		if (colon == NULL)
			colon = end;
		if (make_format(colon + (colon < end), (size_t)(end - colon) -
		    (colon < end), &fmt) < 0) {
			*cause = xasprintf("bad format '%.*s' (use .Nf, .Ne or .Ng)",
			    (int)(end - colon) - (colon < end),
			    colon + (colon < end));
			return -1;
		}
		name = xstrndup(p + 1, (size_t)(colon - p - 1));
		if (lookup(res, name, &v, cause) < 0) {
			free(name);
			return -1;
		}
		free(name);
		if (fmt.conv == 'f')
			strbuf_addf(out, "%.*f", fmt.prec, v);
		else if (fmt.conv == 'e')
			strbuf_addf(out, "%.*e", fmt.prec, v);
		else
			strbuf_addf(out, "%.*g", fmt.prec, v);
		p = end + 1;
	}
	return 0;
}
