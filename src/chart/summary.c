#include "config.h"

#include "chart/spark.h"
#include "core/strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What one pass over a series finds. */
struct facts {
	size_t n, nfinite;
	size_t first_at, last_at;	/* indices of the first, last finite */
	double first, last, min, max;
	int all_positive;
	size_t crossings;		/* sign changes, zeros skipped */
	size_t nonfinite[3];		/* NaN, +inf, -inf */
	size_t nonfinite_at[3];		/* index of the first of each */
	const char *unit;		/* a counted x axis ("epoch"), or NULL:
					 * steps between points */
};

static const char *const nonfinite_name[3] = {"NaN", "+inf", "-inf"};

/* Gather the facts the sentence is built from. */
static void
gather(struct facts *f, const double *v, size_t n)
{
	size_t i;
	int sign = 0;

	memset(f, 0, sizeof *f);
	f->n = n;
	f->all_positive = 1;
	for (i = 0; i < n; i++) {
		double x = v[i];

		if (!isfinite(x)) {
			int k = isnan(x) ? 0 : x > 0 ? 1 : 2;

			if (f->nonfinite[k]++ == 0)
				f->nonfinite_at[k] = i;
			continue;
		}
		if (f->nfinite++ == 0) {
			f->first = f->min = f->max = x;
			f->first_at = i;
		}
		if (x < f->min)
			f->min = x;
		if (x > f->max)
			f->max = x;
		f->last = x;
		f->last_at = i;
		if (!(x > 0))
			f->all_positive = 0;
		if (x != 0) {
			int s = x > 0 ? 1 : -1;

			if (sign != 0 && s != sign)
				f->crossings++;
			sign = s;
		}
	}
}

/* Two values apart by less than rounding noise (1e-13 of their size)
 * count as equal: a sum that should be 1 and came out 1.00000000000001
 * is flat, not a slope. */
static int
same_within_noise(double a, double b)
{
	double big = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	return a == b || fabs(a / 2 - b / 2) <= 0.5e-13 * big;
}

/* A value that is rounding noise next to the series' size reads as 0.
 * Noise of that kind comes from cancellation, where a quantity crosses or
 * touches zero; a series of one sign (a norm, a loss, a probability) has
 * none, and its tiny values are real: 4e-19 of a fading pulse, 1e-32 of a
 * cell path, the first 0.188 of a loss that runs away to 1e42. */
static double
denoise(double x, const struct facts *f)
{
	double big = fabs(f->min) > fabs(f->max) ? fabs(f->min) : fabs(f->max);

	if (f->min > 0.0 || f->max < 0.0)
		return x;
	return fabs(x) <= 1e-13 * big ? 0.0 : x;
}

/* The first or last point v[i] as the summary prints it. Cancellation noise
 * comes in one step, next to values of the series' own size; a point whose
 * finite neighbour is tiny too is the end of a decay (the h of a fading
 * pulse, swinging about zero down to 3.5e-19) and is real. */
static double
denoise_end(const double *v, size_t i, const struct facts *f)
{
	double big = fabs(f->min) > fabs(f->max) ? fabs(f->min) : fabs(f->max);
	size_t j = i == f->first_at ? i + 1 : i - 1;

	if (denoise(v[i], f) != 0.0 || v[i] == 0.0 || f->first_at == f->last_at)
		return v[i];
	/* the nearest finite neighbour towards the other end */
	while (j != f->first_at && j != f->last_at && !isfinite(v[j]))
		j = i == f->first_at ? j + 1 : j - 1;
	if (isfinite(v[j]) && fabs(v[j]) <= 1e-10 * big)
		return v[i];
	return 0.0;
}

/* Format a and b at 3 significant digits, or more when they differ but
 * would print the same (1e12 and 1e12 + 1). */
static void
format_pair(char abuf[32], char bbuf[32], double a, double b)
{
	int digits = 3;

	for (;;) {
		spark_format_number(abuf, a, digits);
		spark_format_number(bbuf, b, digits);
		if (a == b || strcmp(abuf, bbuf) != 0 || digits >= 17)
			return;
		digits++;
	}
}

/* Append "over N step(s)" (the distance from the first point to the last),
 * or on a counted axis "over N epoch(s)" (the points: 10 epochs are 10
 * points, not 9 steps). */
static void
add_steps(struct strbuf *sb, const struct facts *f)
{
	size_t steps = f->last_at - f->first_at;

	if (f->unit != NULL)
		strbuf_addf(sb, "over %zu %s%s", steps + 1, f->unit,
		    steps == 0 ? "" : "s");
	else
		strbuf_addf(sb, "over %zu step%s", steps, steps == 1 ? "" : "s");
}

/* Is the series close to geometric: every log10 value within 10% of the
 * endpoints' log10 span from the straight line between them? Needs every
 * value finite and positive. */
static int
is_geometric(const double *v, const struct facts *f)
{
	double l0 = log10(f->first), l1 = log10(f->last);
	double span = l1 - l0, tol = 0.1 * fabs(span);
	size_t i, steps = f->last_at - f->first_at;

	if (span == 0 || steps == 0)
		return 0;
	for (i = f->first_at; i <= f->last_at; i++) {
		double want = l0 + span * (double)(i - f->first_at) /
		    (double)steps;

		if (fabs(log10(v[i]) - want) > tol)
			return 0;
	}
	return 1;
}

/* ", x0.9 per step" for a geometric series; nothing when the ratio would
 * print as 1 or does not fit a double. */
static void
add_ratio(struct strbuf *sb, const double *v, const struct facts *f)
{
	double ratio;
	char buf[32];
	int digits;

	if (!f->all_positive || f->nfinite != f->n || !is_geometric(v, f))
		return;
	ratio = pow(10, (log10(f->last) - log10(f->first)) /
	    (double)(f->last_at - f->first_at));
	if (!isfinite(ratio) || ratio == 0)
		return;
	for (digits = 3; digits <= 6; digits++) {
		spark_format_number(buf, ratio, digits);
		if (strcmp(buf, "1") != 0) {
			strbuf_addf(sb, ", x%s per %s", buf, f->unit != NULL ?
			    f->unit : "step");
			return;
		}
	}
}

/* Does the series move from first to last by at least half its spread?
 * Halved values keep -1e308 .. 1e308 from overflowing. */
static int
is_trend(const struct facts *f)
{
	double net = fabs(f->last / 2 - f->first / 2);

	return net >= (f->max / 2 - f->min / 2) / 2;
}

/* The main clause: the trend over the finite values. */
static void
add_trend(struct strbuf *sb, const double *v, const struct facts *f,
    const struct spark_range *range)
{
	char a[32], b[32];
	if (f->nfinite == 1) {
		spark_format_number(a, f->first, 3);
		if (f->n == 1)
			strbuf_addf(sb, "one value, %s", a);
		else
			strbuf_addf(sb, "one finite value, %s at step %zu", a,
			    f->first_at);
		return;
	}
	if (same_within_noise(f->min, f->max)) {
		spark_format_number(a, f->first, 3);
		strbuf_addf(sb, "flat at %s ", a);
		add_steps(sb, f);
		return;
	}
	format_pair(a, b, denoise_end(v, f->first_at, f),
	    denoise_end(v, f->last_at, f));
	if (same_within_noise(f->last, f->first))
		strbuf_addf(sb, "starts and ends at %s ", a);
	else if (!is_trend(f))
		strbuf_addf(sb, "goes from %s to %s ", a, b);
	else if (f->last > f->first)
		strbuf_addf(sb, "rises from %s to %s ", a, b);
	else
		strbuf_addf(sb, "falls from %s to %s ", a, b);
	add_steps(sb, f);
	if (f->min < fmin(f->first, f->last) ||
	    f->max > fmax(f->first, f->last)) {
		format_pair(a, b, denoise(f->min, f), denoise(f->max, f));
		strbuf_addf(sb, ", between %s and %s", a, b);
	}
	/* a growth rate means nothing on a bounded linear axis (accuracy
	 * from 0.4 to 1 does not grow by a factor per epoch) */
	if (range == NULL || !range->fixed || range->log)
		add_ratio(sb, v, f);
	if (f->crossings == 1)
		strbuf_adds(sb, ", crosses zero once");
	else if (f->crossings == 2)
		strbuf_adds(sb, ", crosses zero twice");
	else if (f->crossings > 2)
		strbuf_addf(sb, ", crosses zero %zu times", f->crossings);
}

/* "; 2 values above and 1 below the range 0 to 1", and the values a log
 * scale cannot show. */
static void
add_off_range(struct strbuf *sb, const double *v, size_t n,
    const struct spark_range *r)
{
	size_t i, above = 0, below = 0, nonpositive = 0;
	char a[32], b[32];

	if (r == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		if (r->log && !(v[i] > 0))
			nonpositive++;
		else if (r->fixed && r->valid && v[i] > r->hi)
			above++;
		else if (r->fixed && r->valid && v[i] < r->lo)
			below++;
	}
	if (above > 0 || below > 0) {
		format_pair(a, b, r->lo, r->hi);
		strbuf_adds(sb, "; ");
		if (above > 0)
			strbuf_addf(sb, "%zu value%s above", above,
			    above == 1 ? "" : "s");
		if (above > 0 && below > 0)
			strbuf_addf(sb, " and %zu below", below);
		else if (below > 0)
			strbuf_addf(sb, "%zu value%s below", below,
			    below == 1 ? "" : "s");
		strbuf_addf(sb, " the range %s to %s", a, b);
	}
	if (nonpositive > 0)
		strbuf_addf(sb, "; %zu value%s at or below zero, off the log "
		    "scale", nonpositive, nonpositive == 1 ? "" : "s");
}

/* "; NaN at step 7; 3 +inf, first at step 9". */
static void
add_nonfinite(struct strbuf *sb, const struct facts *f)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (f->nonfinite[k] == 0)
			continue;
		if (f->nonfinite[k] == 1)
			strbuf_addf(sb, "; %s at step %zu", nonfinite_name[k],
			    f->nonfinite_at[k]);
		else
			strbuf_addf(sb, "; %zu %s, first at step %zu",
			    f->nonfinite[k], nonfinite_name[k],
			    f->nonfinite_at[k]);
	}
}

/* The one-line description of a series. */
char *
spark_summary(const double *v, size_t n, const struct spark_range *range)
{
	return spark_summary_unit(v, n, range, NULL);
}

/* See spark.h. */
char *
spark_summary_unit(const double *v, size_t n, const struct spark_range *range,
    const char *unit)
{
	struct strbuf sb;
	struct facts f;
	int k, listed = 0;

	strbuf_init(&sb);
	if (n == 0 || v == NULL) {
		strbuf_adds(&sb, "no values");
		return strbuf_detach(&sb);
	}
	gather(&f, v, n);
	f.unit = unit;
	if (f.nfinite == 0) {
		strbuf_adds(&sb, "no finite values:");
		for (k = 0; k < 3; k++)
			if (f.nonfinite[k] > 0)
				strbuf_addf(&sb, "%s %zu %s",
				    listed++ ? "," : "", f.nonfinite[k],
				    nonfinite_name[k]);
		return strbuf_detach(&sb);
	}
	add_trend(&sb, v, &f, range);
	add_off_range(&sb, v, n, range);
	add_nonfinite(&sb, &f);
	return strbuf_detach(&sb);
}
