/* arith: a recursive-descent reader for typed numeric answers. */
#include "config.h"

#include "core/arith.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper nesting than this is refused (a hostile "((((...": no stack
 * overflow). */
#define ARITH_MAX_DEPTH 64
/* The most characters of a number's digits, point and exponent: more
 * than a prompt line holds, so 300 nines are read, not cut. */
#define ARITH_MAX_NUMBER 2048

struct reader {
	const char *s;
	size_t at;
	int percent;
	int depth;
	int status;	/* the first error, or ARITH_OK */
};

static double expr(struct reader *r);

/* Skip spaces. */
static void
skip(struct reader *r)
{
	while (r->s[r->at] == ' ' || r->s[r->at] == '\t' ||
	    r->s[r->at] == '\r' || r->s[r->at] == '\n')
		r->at++;
}

/* Note the first error. */
static double
fail(struct reader *r, int status)
{
	if (r->status == ARITH_OK)
		r->status = status;
	return 0;
}

/* Digits with thousands commas: "1,408" and "12,345,678"; a comma must be
 * followed by exactly three digits. Copies the digits to buf. */
static int
integer_part(struct reader *r, char *buf, size_t *len)
{
	size_t group = 0, start = *len;

	while (1) {
		char c = r->s[r->at];

		if (isdigit((unsigned char)c)) {
			if (*len + 1 >= ARITH_MAX_NUMBER)
				return -1;
			buf[(*len)++] = c;
			group++;
			r->at++;
		} else if (c == ',' && group > 0 &&
		    isdigit((unsigned char)r->s[r->at + 1]) &&
		    isdigit((unsigned char)r->s[r->at + 2]) &&
		    isdigit((unsigned char)r->s[r->at + 3]) &&
		    !isdigit((unsigned char)r->s[r->at + 4])) {
			/* the first group has 1 to 3 digits, later ones 3 */
			if (group > 3 || (*len - start > group && group != 3))
				return -1;
			group = 0;
			r->at++;
		} else {
			break;
		}
	}
	if (*len - start > group && group != 3)
		return -1;
	return 0;
}

/* A number: 1,408  0.35  .5  2e-3  and, when allowed, a % after it. */
static double
number(struct reader *r)
{
	char buf[ARITH_MAX_NUMBER];
	size_t len = 0;
	double v;
	char *end;

	if (integer_part(r, buf, &len) < 0)
		return fail(r, ARITH_ESYNTAX);
	if (r->s[r->at] == '.') {
		buf[len++] = '.';
		r->at++;
		while (isdigit((unsigned char)r->s[r->at])) {
			if (len + 1 >= ARITH_MAX_NUMBER)
				return fail(r, ARITH_ESYNTAX);
			buf[len++] = r->s[r->at++];
		}
	}
	if (len == 0 || (len == 1 && buf[0] == '.'))
		return fail(r, ARITH_ESYNTAX);
	if ((r->s[r->at] == 'e' || r->s[r->at] == 'E') &&
	    (isdigit((unsigned char)r->s[r->at + 1]) ||
	    ((r->s[r->at + 1] == '-' || r->s[r->at + 1] == '+') &&
	    isdigit((unsigned char)r->s[r->at + 2])))) {
		buf[len++] = 'e';
		r->at++;
		if (r->s[r->at] == '-' || r->s[r->at] == '+')
			buf[len++] = r->s[r->at++];
		while (isdigit((unsigned char)r->s[r->at])) {
			if (len + 1 >= ARITH_MAX_NUMBER)
				return fail(r, ARITH_ESYNTAX);
			buf[len++] = r->s[r->at++];
		}
	}
	buf[len] = '\0';
	/* only digits, '.', 'e' and a sign reach strtod: no locale comma,
	 * no hex, no inf */
	errno = 0;
	v = strtod(buf, &end);
	if (*end != '\0')
		return fail(r, ARITH_ESYNTAX);
	if (errno == ERANGE && fabs(v) > 1)
		return fail(r, ARITH_ERANGE);
	skip(r);
	if (r->s[r->at] == '%') {
		if (!r->percent)
			return fail(r, ARITH_EPERCENT);
		r->at++;
		v /= 100;
	}
	return v;
}

/* A number or a parenthesised expression. */
static double
primary(struct reader *r)
{
	double v;

	skip(r);
	if (r->s[r->at] != '(')
		return number(r);
	if (++r->depth > ARITH_MAX_DEPTH)
		return fail(r, ARITH_ESYNTAX);
	r->at++;
	v = expr(r);
	skip(r);
	if (r->status != ARITH_OK)
		return 0;
	if (r->s[r->at] != ')')
		return fail(r, ARITH_ESYNTAX);
	r->at++;
	r->depth--;
	skip(r);
	return v;
}

static double unary(struct reader *r);

/* Is the reader at a power operator (^ or **)? Skips it if so. */
static int
power_op(struct reader *r)
{
	skip(r);
	if (r->s[r->at] == '^') {
		r->at++;
		return 1;
	}
	if (r->s[r->at] == '*' && r->s[r->at + 1] == '*') {
		r->at += 2;
		return 1;
	}
	return 0;
}

/* primary [^ unary]: right-grouping, tighter than a leading minus. */
static double
power(struct reader *r)
{
	double base = primary(r);

	if (r->status == ARITH_OK && power_op(r)) {
		double e = unary(r);

		if (r->status != ARITH_OK)
			return 0;
		base = pow(base, e);
	}
	return base;
}

/* A leading sign, then a power. */
static double
unary(struct reader *r)
{
	double v;

	skip(r);
	if (r->s[r->at] == '-' || r->s[r->at] == '+') {
		int neg = r->s[r->at] == '-';

		if (++r->depth > ARITH_MAX_DEPTH)
			return fail(r, ARITH_ESYNTAX);
		r->at++;
		v = unary(r);
		r->depth--;
		return neg ? -v : v;
	}
	return power(r);
}

/* unary ((* or /) unary)* */
static double
term(struct reader *r)
{
	double v = unary(r), w;

	while (r->status == ARITH_OK) {
		char op;

		skip(r);
		op = r->s[r->at];
		if ((op != '*' && op != '/') || r->s[r->at + 1] == '*')
			break;
		r->at++;
		w = unary(r);
		v = op == '*' ? v * w : v / w;
	}
	return v;
}

/* term ((+ or -) term)* */
static double
expr(struct reader *r)
{
	double v = term(r), w;

	while (r->status == ARITH_OK) {
		char op;

		skip(r);
		op = r->s[r->at];
		if (op != '+' && op != '-')
			break;
		r->at++;
		w = term(r);
		v = op == '+' ? v + w : v - w;
	}
	return v;
}

/* See arith.h. */
int
arith_eval(const char *s, int percent, double *out, size_t *col)
{
	struct reader r = { .s = s, .at = 0, .percent = percent, .depth = 0,
		.status = ARITH_OK };
	double v = expr(&r);

	skip(&r);
	if (r.status == ARITH_OK && r.s[r.at] != '\0')
		r.status = r.s[r.at] == '%' && !percent ? ARITH_EPERCENT :
		    ARITH_ESYNTAX;
	if (r.status == ARITH_OK && !isfinite(v))
		r.status = ARITH_ERANGE;
	if (col != NULL)
		*col = r.at + 1;
	if (r.status != ARITH_OK)
		return r.status;
	*out = v == 0 ? 0 : v;	/* no -0 */
	return ARITH_OK;
}

/* See arith.h. */
void
arith_message(char *buf, size_t size, const char *s, int status, size_t col,
    int percent)
{
	const char *forms = percent ?
	    "type a number (0.35, 1,408, 2e-3, 51.75%) or a sum of them with "
	    "+ - * / ^ and parentheses (1/8, 0.8^10)" :
	    "type a number (0.35, 1,408, 2e-3) or a sum of them with "
	    "+ - * / ^ and parentheses (1/8, 0.8^10)";

	(void)s;
	switch (status) {
	case ARITH_EPERCENT:
		snprintf(buf, size, "This answer is not a fraction: type it "
		    "without %% (%s).", forms);
		break;
	case ARITH_ERANGE:
		snprintf(buf, size, "That has no finite value (a division by "
		    "0, or too large); %s.", forms);
		break;
	default:
		if (s[strspn(s, " \t\r\n")] == '\0')
			snprintf(buf, size, "Nothing typed: %s.", forms);
		else
			snprintf(buf, size, "Cannot read that at column %zu: "
			    "%s.", col, forms);
		break;
	}
}
