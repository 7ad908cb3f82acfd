#include "config.h"

#include "core/num.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Skip ASCII spaces and tabs. */
static const char *
skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* True when s is [+-]digits[.digits][(e|E)[+-]digits] followed by spaces. */
static int
is_decimal(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	while (isdigit((unsigned char)*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			s++;
			digits++;
		}
	}
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *skip_space(s) == '\0';
}

/* Strict decimal real; see num.h. */
int
num_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	s = skip_space(s);
	if (!is_decimal(s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
		return -1;
	*out = v;	/* an underflow to 0 or a denormal is fine */
	return 0;
}

/* Strict decimal integer in [min, max]; see num.h. */
int
num_parse_long(const char *s, long long min, long long max, long long *out)
{
	const char *p;
	char *end;
	long long v;

	s = skip_space(s);
	p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (*skip_space(p) != '\0')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno == ERANGE || v < min || v > max)
		return -2;
	*out = v;
	return 0;
}

/* Levenshtein distance with one row of memory. */
int
num_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	int row[65];

	if (la > 64 || lb > 64)
		return INT_MAX / 2;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}
