#include "config.h"

#include "core/num.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"

/* Is c an ASCII digit (isdigit() may accept more in some locales)? */
static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The part of s between the whitespace NUM_SPACE trims: *start and *len. */
static void
trim(const char *s, const char **start, size_t *len)
{
	size_t n;

	s += strspn(s, NUM_SPACE);
	n = strlen(s);
	while (n > 0 && strchr(NUM_SPACE, s[n - 1]) != NULL)
		n--;
	*start = s;
	*len = n;
}

/* True when s[0..len) is [+-](digits[.digits]|.digits)[(e|E)[+-]digits];
 * *point gets the offset of the '.', or len when there is none. */
static int
is_decimal(const char *s, size_t len, size_t *point)
{
	size_t i = 0, digits = 0;

	*point = len;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < len && is_digit(s[i]); i++)
		digits++;
	if (i < len && s[i] == '.') {
		*point = i++;
		for (; i < len && is_digit(s[i]); i++)
			digits++;
	}
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i == len || !is_digit(s[i]))
			return 0;
		while (i < len && is_digit(s[i]))
			i++;
	}
	return i == len;
}

/* The current locale's decimal point ("." in the C locale). */
static const char *
decimal_point(void)
{
	const struct lconv *lc = localeconv();

	return lc != NULL && lc->decimal_point != NULL &&
	    lc->decimal_point[0] != '\0' ? lc->decimal_point : ".";
}

/* Strict decimal real; see num.h. strtod reads the text with the locale's
 * decimal point in place of the '.', so LC_NUMERIC cannot change it. */
int
num_parse_double(const char *s, double *out)
{
	struct strbuf sb;
	size_t len, point;
	char *end;
	double v;
	int whole;

	trim(s, &s, &len);
	if (!is_decimal(s, len, &point))
		return NUM_ESYNTAX;
	strbuf_init(&sb);
	strbuf_add(&sb, s, point);
	if (point < len) {
		strbuf_adds(&sb, decimal_point());
		strbuf_add(&sb, s + point + 1, len - point - 1);
	}
	errno = 0;
	v = strtod(sb.s, &end);
	whole = *end == '\0';
	strbuf_free(&sb);
	if (!whole)
		return NUM_ESYNTAX;
	if (!isfinite(v))
		return NUM_ERANGE;
	*out = v == 0.0 ? 0.0 : v;	/* "-0" and an underflow give +0 */
	return NUM_OK;
}

/* Strict decimal integer in [min, max]; see num.h. */
int
num_parse_long(const char *s, long long min, long long max, long long *out)
{
	size_t len, i = 0;
	char buf[64];
	long long v;

	trim(s, &s, &len);
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i == len)
		return NUM_ESYNTAX;
	for (; i < len; i++)
		if (!is_digit(s[i]))
			return NUM_ESYNTAX;
	/* leading zeros do not change the value; drop them to fit buf */
	i = s[0] == '+' || s[0] == '-';
	buf[0] = s[0] == '-' ? '-' : '+';
	while (i + 1 < len && s[i] == '0')
		i++;
	if (len - i > sizeof buf - 2)
		return NUM_ERANGE;	/* more digits than any long long */
	memcpy(buf + 1, s + i, len - i);
	buf[1 + len - i] = '\0';
	errno = 0;
	v = strtoll(buf, NULL, 10);
	if (errno == ERANGE || v < min || v > max)
		return NUM_ERANGE;
	*out = v;
	return NUM_OK;
}

/* See num.h. */
int
num_is_blank(const char *s)
{
	return s[strspn(s, NUM_SPACE)] == '\0';
}
