#include "config.h"

#include "lesson/expect.h"
#include "core/num.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The comparison signs, longest first so "<=" is not read as "<". */
static const struct {
	const char *sign;
	enum lesson_expect_op op;
} signs[] = {
	{ "<=", LESSON_EXPECT_LE },
	{ ">=", LESSON_EXPECT_GE },
	{ "\xE2\x89\xA4", LESSON_EXPECT_LE },	/* ≤ */
	{ "\xE2\x89\xA5", LESSON_EXPECT_GE },	/* ≥ */
	{ "<", LESSON_EXPECT_LT },
	{ ">", LESSON_EXPECT_GT },
	{ "\xE2\x89\x88", LESSON_EXPECT_ROUNDS },	/* ≈ */
	{ "~", LESSON_EXPECT_ROUNDS },
	{ "=", LESSON_EXPECT_ROUNDS },
};

/* Half the unit of the last digit written: 0.5 for "44", 0.005 for
 * "0.51", 0.5e-5 for "2.7e-5". */
static double
half_unit(const char *num)
{
	const char *dot = strchr(num, '.');
	const char *e = strpbrk(num, "eE");
	int decimals = 0;
	long exponent = e != NULL ? strtol(e + 1, NULL, 10) : 0;

	if (dot != NULL && (e == NULL || dot < e))
		decimals = (int)((e != NULL ? e : num + strlen(num)) - dot - 1);
	return 0.5 * pow(10.0, (double)(exponent - decimals));
}

/* See expect.h. */
int
lesson_expect_parse(struct lesson_expect *e, const char *text, char **cause)
{
	char *s = xstrdup(text), *num, *tol = NULL, *pm;
	int rc = -1;

	*cause = NULL;
	e->op = LESSON_EXPECT_ROUNDS;
	e->tolerance = 0;
	num = s + strspn(s, NUM_SPACE);
	for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++) {
		size_t n = strlen(signs[i].sign);

		if (strncmp(num, signs[i].sign, n) == 0) {
			e->op = signs[i].op;
			num += n;
			break;
		}
	}
	if ((pm = strstr(num, " to ")) != NULL && e->op ==
	    LESSON_EXPECT_ROUNDS && num == s + strspn(s, NUM_SPACE)) {
		double lo, hi;

		*pm = '\0';
		if (num_parse_double(num, &lo) != NUM_OK ||
		    num_parse_double(pm + 4, &hi) != NUM_OK || !(lo <= hi)) {
			*cause = xasprintf("'%.40s': expected a range LOW to HIGH "
			    "with LOW <= HIGH", text);
			free(s);
			return -1;
		}
		e->op = LESSON_EXPECT_NEAR;
		e->value = lo + (hi - lo) / 2;
		/* the written ends are inside, whatever the rounding */
		e->tolerance = (hi - lo) / 2 * (1 + 1e-12);
		free(s);
		return 0;
	}
	if ((pm = strstr(num, "\xC2\xB1")) != NULL) {	/* ± */
		*pm = '\0';
		tol = pm + 2;
	} else if ((pm = strstr(num, "+-")) != NULL) {
		*pm = '\0';
		tol = pm + 2;
	}
	if (num_parse_double(num, &e->value) != NUM_OK) {
		*cause = xasprintf("expected a number, a comparison (< 0.6, >= 10) "
		    "or a number with a tolerance (0.51 +- 0.01), found '%.40s'",
		    text);
	} else if (tol != NULL && e->op != LESSON_EXPECT_ROUNDS) {
		*cause = xasprintf("'%.40s': a comparison takes no tolerance",
		    text);
	} else if (tol != NULL && (num_parse_double(tol, &e->tolerance) !=
	    NUM_OK || e->tolerance < 0)) {
		*cause = xasprintf("'%.40s': the tolerance after +- must be a "
		    "number, 0 or more", text);
	} else {
		if (tol != NULL)
			e->op = LESSON_EXPECT_NEAR;
		else if (e->op == LESSON_EXPECT_ROUNDS)
			e->tolerance = half_unit(num + strspn(num, NUM_SPACE));
		rc = 0;
	}
	free(s);
	return rc;
}

/* See expect.h. */
bool
lesson_expect_holds(const struct lesson_expect *e, double v)
{
	switch (e->op) {
	case LESSON_EXPECT_LT:
		return v < e->value;
	case LESSON_EXPECT_LE:
		return v <= e->value;
	case LESSON_EXPECT_GT:
		return v > e->value;
	case LESSON_EXPECT_GE:
		return v >= e->value;
	case LESSON_EXPECT_ROUNDS:
	case LESSON_EXPECT_NEAR:
		/* a hair of slack at the edges: 0.51 - 0.5 is not exactly
		 * 0.01 in doubles */
		return fabs(v - e->value) <= e->tolerance * (1 + 1e-9) +
		    1e-12 * fabs(e->value);
	}
	return false;
}

/* See expect.h. */
void
lesson_expect_free(struct lesson_expect *e)
{
	free(e->name);
	free(e->text);
}
