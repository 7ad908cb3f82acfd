/* Tests of src/chart: rows, levels, markers, labels and summaries of
 * sparkline charts, including the edge cases of issue 4. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart/spark.h"
#include "core/utf8.h"
#include "tests.h"


/* The UTF-8 glyphs, spelled as bytes so the test reads the same anywhere. */
#define B1 "\xe2\x96\x81"
#define B2 "\xe2\x96\x82"
#define B3 "\xe2\x96\x83"
#define B4 "\xe2\x96\x84"
#define B5 "\xe2\x96\x85"
#define B6 "\xe2\x96\x86"
#define B7 "\xe2\x96\x87"
#define B8 "\xe2\x96\x88"
#define UP "\xe2\x86\x91"
#define DOWN "\xe2\x86\x93"

#define NV(a) (sizeof(a) / sizeof((a)[0]))

/* Options for a chart of `height` rows in one glyph set, everything else
 * at its default. */
static struct spark_opts
opts(int height, enum spark_glyphs glyphs, enum spark_scale scale,
    enum spark_reduce reduce)
{
	struct spark_opts o;

	spark_opts_init(&o);
	o.height = height;
	o.glyphs = glyphs;
	o.scale = scale;
	o.reduce = reduce;
	return o;
}

/* Render on the series' own range and fail the test if that fails. */
static void
draw(struct spark_chart *c, const double *v, size_t n, int width,
    const struct spark_opts *o)
{
	int rc = spark_render(c, v, n, width, o, NULL);

	CU_ASSERT_EQUAL_FATAL(rc, SPARK_OK);
}

/* One row of ASCII, auto scale, last-point reduction. */
static void
ascii1(struct spark_chart *c, const double *v, size_t n, int width)
{
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	draw(c, v, n, width, &o);
}

/* One row of UTF-8 blocks on the given scale and reduction. */
static void
utf1(struct spark_chart *c, const double *v, size_t n, int width,
    enum spark_scale scale, enum spark_reduce reduce)
{
	struct spark_opts o = opts(1, SPARK_UTF8, scale, reduce);

	draw(c, v, n, width, &o);
}

/* The glyph in column col of a row (a pointer into the row), its length in
 * *len. */
static const char *
cell(const char *row, int col, size_t *len)
{
	size_t rest = strlen(row);
	uint32_t cp;

	for (;;) {
		*len = utf8_decode(row, rest, &cp);
		if (col-- == 0)
			return row;
		row += *len;
		rest -= *len;
	}
}

/* ---- labels ------------------------------------------------------------ */

/* Labels are %.3g, right-aligned in eight columns. */
static void
test_chart_label_format(void)
{
	char buf[16];

	spark_format_label(buf, 2.83);
	CU_ASSERT_STRING_EQUAL(buf, "    2.83");
	spark_format_label(buf, 0.34389);
	CU_ASSERT_STRING_EQUAL(buf, "   0.344");
	spark_format_label(buf, 13780.6);
	CU_ASSERT_STRING_EQUAL(buf, "1.38e+04");
	spark_format_label(buf, -5);
	CU_ASSERT_STRING_EQUAL(buf, "      -5");
}

/* 1e-12 and 1e16 keep their exponent form. */
static void
test_chart_label_exponents(void)
{
	char buf[16];

	spark_format_label(buf, 1e-12);
	CU_ASSERT_STRING_EQUAL(buf, "   1e-12");
	spark_format_label(buf, 1e16);
	CU_ASSERT_STRING_EQUAL(buf, "   1e+16");
	spark_format_label(buf, 1e308);
	CU_ASSERT_STRING_EQUAL(buf, "  1e+308");
}

/* -0.0 is the same number as 0 to a reader. */
static void
test_chart_label_negative_zero(void)
{
	char buf[16], num[32];

	spark_format_label(buf, -0.0);
	CU_ASSERT_STRING_EQUAL(buf, "       0");
	spark_format_number(num, -0.0, 3);
	CU_ASSERT_STRING_EQUAL(num, "0");
}

/* Numbers too long for the field lose digits, never columns. */
static void
test_chart_label_fits_field(void)
{
	char buf[16];

	spark_format_label(buf, -1.23456e16);
	CU_ASSERT_STRING_EQUAL(buf, "-1.2e+16");
	spark_format_label(buf, -1.234e-100);
	CU_ASSERT_STRING_EQUAL(buf, " -1e-100");
	spark_format_label(buf, -0.000123456);
	CU_ASSERT_STRING_EQUAL(buf, "-0.00012");
	spark_format_label(buf, -DBL_MAX);
	CU_ASSERT_STRING_EQUAL(buf, " -2e+308");
	CU_ASSERT_EQUAL(strlen(buf), 8);
}

/* NaN and infinities are spelled, without a sign on NaN. */
static void
test_chart_label_nonfinite(void)
{
	char buf[16];

	spark_format_label(buf, NAN);
	CU_ASSERT_STRING_EQUAL(buf, "     nan");
	spark_format_label(buf, -NAN);
	CU_ASSERT_STRING_EQUAL(buf, "     nan");
	spark_format_label(buf, INFINITY);
	CU_ASSERT_STRING_EQUAL(buf, "     inf");
	spark_format_label(buf, -INFINITY);
	CU_ASSERT_STRING_EQUAL(buf, "    -inf");
}

/* ---- empty and degenerate input --------------------------------------- */

/* An empty series: rows of blanks as wide as asked, "-" labels. */
static void
test_chart_empty_series(void)
{
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_UTF8, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	draw(&c, NULL, 0, 6, &o);
	CU_ASSERT_EQUAL(c.columns, 0);
	CU_ASSERT_EQUAL(c.width, 6);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "      ");
	CU_ASSERT_STRING_EQUAL(c.rows[1], "      ");
	CU_ASSERT_STRING_EQUAL(c.label_min, "       -");
	CU_ASSERT_STRING_EQUAL(c.label_max, "       -");
	CU_ASSERT_STRING_EQUAL(c.label_last, "       -");
	CU_ASSERT_STRING_EQUAL(c.summary, "no values");
	CU_ASSERT_FALSE(c.range.valid);
	spark_chart_free(&c);
}

/* One point sits at half height and is as wide as the data. */
static void
test_chart_one_point(void)
{
	static const double v[] = {2.83};
	struct spark_chart c;

	utf1(&c, v, NV(v), 5, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_EQUAL(c.columns, 1);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B4 "    ");
	CU_ASSERT_EQUAL(c.level[0], c.nlevels / 2 - 1);
	CU_ASSERT_STRING_EQUAL(c.label_last, "    2.83");
	CU_ASSERT_STRING_EQUAL(c.summary, "one value, 2.83");
	spark_chart_free(&c);
}

/* All NaN: a '?' per column, no range, no min or max. */
static void
test_chart_all_nan(void)
{
	const double v[] = {NAN, NAN, NAN};
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_UTF8, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 10, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "          ");
	CU_ASSERT_STRING_EQUAL(c.rows[1], "???       ");
	CU_ASSERT_FALSE(c.range.valid);
	CU_ASSERT_EQUAL(c.mark[1], SPARK_MARK_NAN);
	CU_ASSERT_STRING_EQUAL(c.label_min, "       -");
	CU_ASSERT_STRING_EQUAL(c.label_max, "       -");
	CU_ASSERT_STRING_EQUAL(c.label_last, "     nan");
	CU_ASSERT_STRING_EQUAL(c.summary, "no finite values: 3 NaN");
	spark_chart_free(&c);
}

/* All infinite: +inf goes off the top over a full bar, -inf off the
 * bottom. */
static void
test_chart_all_inf(void)
{
	const double v[] = {INFINITY, -INFINITY, INFINITY};
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_ASCII, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 3, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "^ ^");
	CU_ASSERT_STRING_EQUAL(c.rows[1], "|v|");
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_POSINF);
	CU_ASSERT_EQUAL(c.mark[1], SPARK_MARK_NEGINF);
	CU_ASSERT_EQUAL(c.level[0], c.nlevels);
	CU_ASSERT_EQUAL(c.level[1], -1);
	CU_ASSERT_STRING_EQUAL(c.summary, "no finite values: 2 +inf, 1 -inf");
	spark_chart_free(&c);

	o.glyphs = SPARK_UTF8;
	draw(&c, v, NV(v), 3, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], UP " " UP);
	CU_ASSERT_STRING_EQUAL(c.rows[1], B8 DOWN B8);
	spark_chart_free(&c);
}

/* NaN or inf first, in the middle or last: left out of min and max and
 * shown by a marker where it is. */
static void
test_chart_nonfinite_positions(void)
{
	const double first[] = {NAN, 1, 2, 3};
	const double middle[] = {1, -INFINITY, 2, 3};
	const double last[] = {1, 2, 3, INFINITY};
	struct spark_chart c;

	ascii1(&c, first, NV(first), 4);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "?_:|");
	CU_ASSERT_STRING_EQUAL(c.label_min, "       1");
	CU_ASSERT_STRING_EQUAL(c.label_max, "       3");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from 1 to 3 over 2 steps; NaN at step 0");
	spark_chart_free(&c);

	ascii1(&c, middle, NV(middle), 4);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "_v:|");
	CU_ASSERT_STRING_EQUAL(c.label_min, "       1");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from 1 to 3 over 3 steps; -inf at step 1");
	spark_chart_free(&c);

	ascii1(&c, last, NV(last), 4);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "_:|^");
	CU_ASSERT_STRING_EQUAL(c.label_max, "       3");
	CU_ASSERT_STRING_EQUAL(c.label_last, "     inf");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from 1 to 3 over 2 steps; +inf at step 3");
	spark_chart_free(&c);
}

/* Flat series sit at half height whatever their value. */
static void
test_chart_flat_series(void)
{
	static const double values[] = {0, -5, 1e12};
	static const char *const summaries[] = {
		"flat at 0 over 2 steps", "flat at -5 over 2 steps",
		"flat at 1e+12 over 2 steps"
	};
	struct spark_chart c;
	size_t k;

	for (k = 0; k < NV(values); k++) {
		double v[3];
		struct spark_opts o = opts(2, SPARK_ASCII, SPARK_AUTO,
		    SPARK_REDUCE_LAST);

		v[0] = v[1] = v[2] = values[k];
		utf1(&c, v, 3, 3, SPARK_AUTO, SPARK_REDUCE_LAST);
		CU_ASSERT_STRING_EQUAL(c.rows[0], B4 B4 B4);
		CU_ASSERT_STRING_EQUAL(c.summary, summaries[k]);
		spark_chart_free(&c);

		draw(&c, v, 3, 3, &o);
		CU_ASSERT_STRING_EQUAL(c.rows[0], "   ");
		CU_ASSERT_STRING_EQUAL(c.rows[1], "|||");
		CU_ASSERT_EQUAL(c.level[2], 3);
		spark_chart_free(&c);
	}
}

/* 1e12 and 1e12 + 1 are different numbers: bottom and top, and the summary
 * shows enough digits to tell them apart. */
static void
test_chart_nearly_flat(void)
{
	const double v[] = {1e12, 1e12 + 1, 1e12};
	struct spark_chart c;

	utf1(&c, v, NV(v), 3, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8 B1);
	CU_ASSERT_STRING_EQUAL(c.label_min, "   1e+12");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "starts and ends at 1e+12 over 2 steps, between 1000000000000 "
	    "and 1000000000001");
	spark_chart_free(&c);
}

/* Differences of rounding noise (1e-14 relative) are not stretched into a
 * slope, and a value that is noise next to the series reads as 0. */
static void
test_chart_rounding_noise_is_flat(void)
{
	const double v[] = {1.00000000000001, 1, 1};
	const double w[] = {0.309, 1, -1, -7.35e-16};
	struct spark_chart c;
	char *s;

	utf1(&c, v, NV(v), 3, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B4 B4 B4);
	CU_ASSERT_STRING_EQUAL(c.summary, "flat at 1 over 2 steps");
	spark_chart_free(&c);
	s = spark_summary(w, NV(w), NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "from 0.309 to 0 "));
	free(s);
}

/* A series of one sign has no cancellation noise: its tiny values are
 * real and printed, however large the rest (a loss that runs away, a norm
 * over many decades, a fading pulse). */
static void
test_chart_tiny_values_of_one_sign_are_real(void)
{
	const double loss[] = {0.188, 3.1, 4.7e20, 2.32e42};
	const double fade[] = {0.24, 1.5e-5, 4.15e-19};
	const double grow[] = {1.08e-32, 1e-10, 1};
	char *s;

	s = spark_summary(loss, NV(loss), NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "rises from 0.188 to 2.32e+42 "));
	free(s);
	s = spark_summary(fade, NV(fade), NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "falls from 0.24 to 4.15e-19 "));
	free(s);
	s = spark_summary(grow, NV(grow), NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "rises from 1.08e-32 to 1 "));
	free(s);
}

/* A series that swings about zero while it fades (one unit of a pulse
 * through W_hh = 0.5 Q) ends at a real 3.47e-19, not at 0: its neighbours
 * are as tiny, so it is no cancellation noise. */
static void
test_chart_fading_swing_ends_real(void)
{
	double h[60];
	char *s;

	for (size_t i = 0; i < NV(h); i++)
		h[i] = 0.2 * pow(-0.5, (double)i);
	s = spark_summary(h, NV(h), NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "from 0.2 to -3.47e-19 "));
	CU_ASSERT_PTR_NULL(strstr(s, " to 0 "));
	free(s);
}

/* Bug 12's wording: a per-epoch curve of 10 points is "over 10 epochs",
 * not "over 9 steps"; an accuracy on a fixed linear range gets no growth
 * factor ("x1.15 per step" meant nothing); a loss on its own range keeps
 * its ratio, per epoch; one point apart is "1 step", not "1 steps". */
static void
test_chart_summary_wording(void)
{
	const double acc[] = {0.5, 0.55, 0.6, 0.66, 0.72, 0.78, 0.83, 0.88, 0.92,
	    0.96};
	const double loss[] = {1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625,
	    0.0078125, 0.00390625, 0.001953125};
	const double two[] = {1, 3};
	struct spark_range fixed = {
		.valid = 1, .fixed = 1, .lo = 0.4, .hi = 1,
	};
	char *s;

	s = spark_summary_unit(acc, NV(acc), &fixed, "epoch");
	CU_ASSERT_STRING_EQUAL(s, "rises from 0.5 to 0.96 over 10 epochs");
	free(s);
	s = spark_summary_unit(acc, NV(acc), NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, "over 9 steps"));
	free(s);
	s = spark_summary_unit(loss, NV(loss), NULL, "epoch");
	CU_ASSERT_STRING_EQUAL(s, "falls from 1 to 0.00195 over 10 epochs, "
	    "x0.5 per epoch");
	free(s);
	s = spark_summary_unit(two, 1, NULL, "epoch");
	CU_ASSERT_STRING_EQUAL(s, "one value, 1");
	free(s);
	s = spark_summary(two, NV(two), NULL);
	CU_ASSERT_STRING_EQUAL(s, "rises from 1 to 3 over 1 step, x3 per step");
	free(s);
}

/* Negative values alone: a linear scale from the most negative up. */
static void
test_chart_all_negative(void)
{
	const double v[] = {-3, -2, -1};
	struct spark_chart c;

	ascii1(&c, v, NV(v), 3);
	CU_ASSERT_FALSE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "_:|");
	CU_ASSERT_STRING_EQUAL(c.label_min, "      -3");
	CU_ASSERT_STRING_EQUAL(c.summary, "rises from -3 to -1 over 2 steps");
	spark_chart_free(&c);
}

/* A series crossing zero: linear, and the crossings are counted. */
static void
test_chart_crossing_zero(void)
{
	const double v[] = {-1, 1, 0, -1, 1};
	struct spark_chart c;

	utf1(&c, v, NV(v), 5, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_FALSE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8 B5 B1 B8);
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from -1 to 1 over 4 steps, crosses zero 3 times");
	spark_chart_free(&c);
	utf1(&c, v, 4, 4, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.summary, "starts and ends at -1 over 3 steps, "
	    "between -1 and 1, crosses zero twice");
	spark_chart_free(&c);
}

/* ---- scales ------------------------------------------------------------ */

/* 1e-12 .. 1e12: a log scale spreads the decades evenly, a linear one
 * flattens everything below the largest value. */
static void
test_chart_linear_vs_log(void)
{
	const double v[] = {1e-12, 1e-6, 1, 1e6, 1e12};
	struct spark_chart c;

	utf1(&c, v, NV(v), 5, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3 B5 B7 B8);
	CU_ASSERT_STRING_EQUAL(c.label_lo, "   1e-12");
	spark_chart_free(&c);

	utf1(&c, v, NV(v), 5, SPARK_LOG, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3 B5 B7 B8);
	spark_chart_free(&c);

	utf1(&c, v, NV(v), 5, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_FALSE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B1 B1 B1 B8);
	spark_chart_free(&c);
}

/* Gradient norms from 1e-30 to 1e+30 on a log scale. */
static void
test_chart_log_wide_span(void)
{
	double v[61];
	struct spark_chart c;
	size_t k;

	for (k = 0; k < NV(v); k++)
		v[k] = pow(10, (double)k - 30);
	utf1(&c, v, NV(v), 61, SPARK_AUTO, SPARK_REDUCE_MAXABS);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_EQUAL(c.level[0], 0);
	CU_ASSERT_EQUAL(c.level[30], 4);
	CU_ASSERT_EQUAL(c.level[60], 7);
	spark_chart_free(&c);
}

/* Automatic scale: log from three decades of positive values on, never
 * with a negative value. */
static void
test_chart_auto_scale_threshold(void)
{
	const double under[] = {1, 999};
	const double at[] = {1, 1000};
	const double negative[] = {-1, 1, 1e6};
	const double zero[] = {0, 1, 1e6};
	struct spark_chart c;

	ascii1(&c, under, NV(under), 2);
	CU_ASSERT_FALSE(c.range.log);
	spark_chart_free(&c);
	ascii1(&c, at, NV(at), 2);
	CU_ASSERT_TRUE(c.range.log);
	spark_chart_free(&c);
	ascii1(&c, negative, NV(negative), 3);
	CU_ASSERT_FALSE(c.range.log);
	spark_chart_free(&c);
	ascii1(&c, zero, NV(zero), 3);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "v_|");
	spark_chart_free(&c);
}

/* On a log scale zero and negative values go below the chart and stay out of
 * the range. */
static void
test_chart_log_zero_and_negative(void)
{
	const double v[] = {0, 1, 10, 100, -5};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_LOG,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_EQUAL(c.range.lo, 1);
	CU_ASSERT_EQUAL(c.range.hi, 100);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "v_:|v");
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_BELOW);
	CU_ASSERT_EQUAL(c.mark[4], SPARK_MARK_BELOW);
	CU_ASSERT_STRING_EQUAL(c.label_min, "      -5");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "goes from 0 to -5 over 4 steps, between -5 and 100, crosses zero "
	    "once; 2 values at or below zero, off the log scale");
	spark_chart_free(&c);

	/* Nothing positive: no range, every column below. */
	draw(&c, v + 4, 1, 1, &o);
	CU_ASSERT_FALSE(c.range.valid);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "v");
	spark_chart_free(&c);
	draw(&c, v, 1, 1, &o);
	CU_ASSERT_FALSE(c.range.valid);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "v");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "one value, 0; 1 value at or below zero, off the log scale");
	spark_chart_free(&c);
}

/* A fixed range must be finite with lo < hi (and lo > 0 on a log scale). */
static void
test_chart_user_range_invalid(void)
{
	const double v[] = {0.5};
	struct spark_chart c;
	struct spark_range r;
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_LINEAR,
	    SPARK_REDUCE_LAST);
	const double *series[1] = {v};
	size_t n[1] = {1};

	o.has_range = 1;
	o.lo = 1;
	o.hi = 0;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_EINVAL);
	CU_ASSERT_PTR_NULL(c.rows);
	CU_ASSERT_PTR_NULL(c.summary);
	spark_chart_free(&c);
	CU_ASSERT_EQUAL(spark_range_of(&r, series, n, 1, &o), SPARK_EINVAL);
	CU_ASSERT_FALSE(r.valid);

	o.lo = o.hi = 1;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_EINVAL);
	o.lo = NAN;
	o.hi = 1;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_EINVAL);
	o.lo = 0;
	o.hi = INFINITY;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_EINVAL);
	o.hi = 1;
	o.scale = SPARK_LOG;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_EINVAL);
	o.scale = SPARK_LINEAR;
	CU_ASSERT_EQUAL(spark_render(&c, v, 1, 4, &o, NULL), SPARK_OK);
	spark_chart_free(&c);
}

/* A log range whose ends log10 cannot tell apart is flat: every value at
 * half height (fuzz_spark found 0 / 0 reaching an int
 * conversion; tests/data/hostile/fuzz/fuzz_spark/log-range-one-ulp). */
static void
test_chart_log_range_one_ulp(void)
{
	const double v[] = {1.6e70, nextafter(1.6e70, INFINITY)};
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_UTF8, SPARK_LOG,
	    SPARK_REDUCE_LAST);

	o.has_range = 1;
	o.lo = v[0];
	o.hi = v[1];
	draw(&c, v, NV(v), 2, &o);
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_NONE);
	CU_ASSERT_EQUAL(c.mark[1], SPARK_MARK_NONE);
	CU_ASSERT_EQUAL(c.level[0], c.nlevels / 2 - 1);
	CU_ASSERT_EQUAL(c.level[1], c.nlevels / 2 - 1);
	spark_chart_free(&c);
}

/* Values outside a fixed range are clipped to its edge and marked. */
static void
test_chart_user_range_clips(void)
{
	const double v[] = {-0.5, 0, 0.5, 1, 2};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	o.has_range = 1;
	o.lo = 0;
	o.hi = 1;
	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_TRUE(c.range.fixed);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "v_:|^");
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_BELOW);
	CU_ASSERT_EQUAL(c.mark[3], SPARK_MARK_NONE);
	CU_ASSERT_EQUAL(c.mark[4], SPARK_MARK_ABOVE);
	CU_ASSERT_STRING_EQUAL(c.label_min, "    -0.5");
	CU_ASSERT_STRING_EQUAL(c.label_max, "       2");
	CU_ASSERT_STRING_EQUAL(c.label_lo, "       0");
	CU_ASSERT_STRING_EQUAL(c.label_hi, "       1");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from -0.5 to 2 over 4 steps, crosses zero once; 1 value "
	    "above and 1 below the range 0 to 1");
	spark_chart_free(&c);

	o.height = 2;
	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "  _|^");
	CU_ASSERT_STRING_EQUAL(c.rows[1], "v_|||");
	spark_chart_free(&c);

	o.glyphs = SPARK_UTF8;
	o.height = 1;
	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], DOWN B1 B5 B8 UP);
	spark_chart_free(&c);
}

/* A fixed range spanning three decades is drawn on a log scale. */
static void
test_chart_user_range_auto_log(void)
{
	const double v[] = {1e-3, 0.1, 10};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_UTF8, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	o.has_range = 1;
	o.lo = 1e-3;
	o.hi = 10;
	draw(&c, v, NV(v), 3, &o);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B5 B8);
	spark_chart_free(&c);
}

/* Several series share one range, so a comparison is honest. */
static void
test_chart_shared_range(void)
{
	const double a[] = {1, 2};
	const double b[] = {1, 4};
	const double *series[2] = {a, b};
	size_t n[2] = {NV(a), NV(b)};
	struct spark_range r;
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_UTF8, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	CU_ASSERT_EQUAL_FATAL(spark_range_of(&r, series, n, 2, &o), SPARK_OK);
	CU_ASSERT_TRUE(r.valid);
	CU_ASSERT_FALSE(r.log);
	CU_ASSERT_EQUAL(r.lo, 1);
	CU_ASSERT_EQUAL(r.hi, 4);
	CU_ASSERT_EQUAL_FATAL(spark_render(&c, a, 2, 2, &o, &r), SPARK_OK);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3);
	CU_ASSERT_STRING_EQUAL(c.label_max, "       2");
	CU_ASSERT_STRING_EQUAL(c.label_hi, "       4");
	spark_chart_free(&c);
	/* On its own range the same series fills the height. */
	draw(&c, a, 2, 2, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8);
	spark_chart_free(&c);
}

/* Three decades across the series, not within one, choose a log scale
 * for all of them. */
static void
test_chart_shared_range_auto_log(void)
{
	const double a[] = {1, 2};
	const double b[] = {1, 2000};
	const double *series[3] = {a, b, NULL};
	size_t n[3] = {NV(a), NV(b), 0};
	struct spark_range r;

	CU_ASSERT_EQUAL(spark_range_of(&r, series, n, 3, NULL), SPARK_EINVAL);
	{
		struct spark_opts o = opts(1, SPARK_UTF8, SPARK_AUTO,
		    SPARK_REDUCE_LAST);

		CU_ASSERT_EQUAL_FATAL(spark_range_of(&r, series, n, 3, &o),
		    SPARK_OK);
	}
	CU_ASSERT_TRUE(r.log);
	CU_ASSERT_EQUAL(r.hi, 2000);
}

/* ---- levels ------------------------------------------------------------ */

/* The minimum is level 0, the maximum exactly the top, for every height and
 * both glyph sets; the top column is full in every row. */
static void
test_chart_min_bottom_max_top(void)
{
	double v[40];
	struct spark_chart c;
	size_t k, imin = 0, imax = 0;
	int h, g, row;

	for (k = 0; k < NV(v); k++) {
		v[k] = sin(0.7 * (double)k) * 3 + 0.1 * (double)k;
		if (v[k] < v[imin])
			imin = k;
		if (v[k] > v[imax])
			imax = k;
	}
	for (g = 0; g < 2; g++) {
		for (h = 1; h <= SPARK_MAX_HEIGHT; h++) {
			struct spark_opts o = opts(h, g ? SPARK_UTF8 :
			    SPARK_ASCII, SPARK_LINEAR, SPARK_REDUCE_LAST);
			const char *full = g ? B8 : "|";
			const char *low = g ? B1 : "_";
			const char *p;
			size_t len;

			draw(&c, v, NV(v), (int)NV(v), &o);
			CU_ASSERT_EQUAL(c.nlevels, (g ? 8 : 4) * h);
			CU_ASSERT_EQUAL(c.level[imin], 0);
			CU_ASSERT_EQUAL(c.level[imax], c.nlevels - 1);
			for (row = 0; row < h; row++) {
				p = cell(c.rows[row], (int)imax, &len);
				CU_ASSERT_TRUE(len == strlen(full) &&
				    memcmp(p, full, len) == 0);
			}
			p = cell(c.rows[h - 1], (int)imin, &len);
			CU_ASSERT_TRUE(len == strlen(low) &&
			    memcmp(p, low, len) == 0);
			for (row = 0; row < h - 1; row++)
				CU_ASSERT_EQUAL(*cell(c.rows[row], (int)imin,
				    &len), ' ');
			spark_chart_free(&c);
		}
	}
}

/* Sorted input gives non-decreasing levels, on both scales and with every
 * reduction. The range is the data's, so a bucket reduced to less than the
 * maximum (or more than the minimum) does not reach the top (bottom). */
static void
test_chart_sorted_nondecreasing(void)
{
	static const int widths[] = {1000, 37, 3};
	static const enum spark_reduce rules[] = {
		SPARK_REDUCE_MAXABS, SPARK_REDUCE_MEAN, SPARK_REDUCE_LAST
	};
	static const enum spark_scale scales[] = {SPARK_LINEAR, SPARK_LOG};
	double v[1000];
	struct spark_chart c;
	size_t k, w, r, s;
	int col, h;

	for (k = 0; k < NV(v); k++)
		v[k] = 1e-7 * pow(1.03, (double)k) + 0.1 * (double)k;
	for (s = 0; s < NV(scales); s++)
		for (r = 0; r < NV(rules); r++)
			for (w = 0; w < NV(widths); w++)
				for (h = 1; h <= 8; h += 7) {
					struct spark_opts o = opts(h,
					    SPARK_UTF8, scales[s], rules[r]);

					draw(&c, v, NV(v), widths[w], &o);
					if (widths[w] == 1000)
						CU_ASSERT_EQUAL(c.level[0], 0);
					if (rules[r] != SPARK_REDUCE_MEAN)
						CU_ASSERT_EQUAL(
						    c.level[c.columns - 1],
						    c.nlevels - 1);
					for (col = 1; col < c.columns; col++)
						CU_ASSERT_TRUE(c.level[col] >=
						    c.level[col - 1]);
					spark_chart_free(&c);
				}
}

/* Stacked UTF-8: full blocks below, the remainder on top. */
static void
test_chart_stacked_utf8(void)
{
	const double v[] = {0, 0.5, 1, 0.25};
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_UTF8, SPARK_LINEAR,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 4, &o);
	CU_ASSERT_EQUAL(c.nlevels, 16);
	CU_ASSERT_EQUAL(c.level[1], 8);
	CU_ASSERT_STRING_EQUAL(c.rows[0], " " B1 B8 " ");
	CU_ASSERT_STRING_EQUAL(c.rows[1], B1 B8 B8 B5);
	spark_chart_free(&c);
}

/* Is row exactly `width` columns wide (and pure ASCII when ascii is set)? */
static void
check_row(const char *row, int width, int ascii)
{
	const char *p;

	CU_ASSERT_EQUAL(utf8_width(row, strlen(row)), (size_t)width);
	if (ascii)
		for (p = row; *p != '\0'; p++)
			CU_ASSERT_TRUE((unsigned char)*p < 0x80);
}

/* Every row is exactly the width asked for, one column per glyph, and the
 * ASCII set is pure ASCII. */
static void
test_chart_rows_exact_width(void)
{
	double v[50];
	struct spark_chart c;
	size_t k;
	int h, g, w, row;

	for (k = 0; k < NV(v); k++)
		v[k] = cos(0.3 * (double)k);
	v[3] = NAN;
	v[17] = INFINITY;
	v[30] = -INFINITY;
	for (g = 0; g < 2; g++)
		for (h = 1; h <= SPARK_MAX_HEIGHT; h++)
			for (w = 0; w <= 80; w += 7) {
				struct spark_opts o = opts(h, g ? SPARK_UTF8 :
				    SPARK_ASCII, SPARK_AUTO, SPARK_REDUCE_MEAN);

				o.has_range = 1;
				o.lo = -0.5;
				o.hi = 0.5;
				draw(&c, v, NV(v), w, &o);
				for (row = 0; row < h; row++)
					check_row(c.rows[row], w, !g);
				spark_chart_free(&c);
			}
}

/* ---- columns ----------------------------------------------------------- */

/* n == w: one point per column. */
static void
test_chart_points_equal_columns(void)
{
	const double v[] = {0, 1, 2, 3, 4, 5, 6, 7};
	struct spark_chart c;
	struct spark_opts o = opts(2, SPARK_ASCII, SPARK_LINEAR,
	    SPARK_REDUCE_MAXABS);
	int k;

	draw(&c, v, NV(v), 8, &o);
	CU_ASSERT_EQUAL(c.columns, 8);
	for (k = 0; k < 8; k++)
		CU_ASSERT_EQUAL(c.level[k], k);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "    _.:|");
	CU_ASSERT_STRING_EQUAL(c.rows[1], "_.:|||||");
	spark_chart_free(&c);
}

/* n == w + 1: the last column holds the two newest points. */
static void
test_chart_one_more_point_than_columns(void)
{
	const double v[] = {0, 1, 2, 3, 4};
	struct spark_chart c;

	utf1(&c, v, NV(v), 4, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_EQUAL(c.columns, 4);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3 B5 B8);
	spark_chart_free(&c);
}

/* n == 2w - 1: buckets of 1, 2, 2, 2 points, each rule on its own. */
static void
test_chart_almost_two_points_per_column(void)
{
	const double v[] = {0, 1, 2, 3, 4, 5, 6};
	struct spark_chart c;

	utf1(&c, v, NV(v), 4, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3 B6 B8);
	spark_chart_free(&c);
	utf1(&c, v, NV(v), 4, SPARK_LINEAR, SPARK_REDUCE_MEAN);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B3 B5 B8);
	spark_chart_free(&c);
}

/* 1000 points into 20 columns: buckets of 50, bounds exactly at 50c. */
static void
test_chart_thousand_into_twenty(void)
{
	double v[1000];
	struct spark_chart c;
	int col;

	memset(v, 0, sizeof v);
	v[49] = 1;	/* the last point of column 0 */
	v[50] = 2;	/* the first point of column 1 */
	utf1(&c, v, NV(v), 20, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_EQUAL(c.columns, 20);
	CU_ASSERT_EQUAL(c.level[0], 4);
	for (col = 1; col < 20; col++)
		CU_ASSERT_EQUAL(c.level[col], 0);
	spark_chart_free(&c);

	utf1(&c, v, NV(v), 20, SPARK_LINEAR, SPARK_REDUCE_MAXABS);
	CU_ASSERT_EQUAL(c.level[0], 4);
	CU_ASSERT_EQUAL(c.level[1], 7);
	CU_ASSERT_EQUAL(c.level[2], 0);
	spark_chart_free(&c);

	/* The newest point is never dropped. */
	memset(v, 0, sizeof v);
	v[999] = 1;
	utf1(&c, v, NV(v), 20, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B1 B1 B1 B1 B1 B1 B1 B1 B1
	    B1 B1 B1 B1 B1 B1 B1 B1 B1 B8);
	spark_chart_free(&c);
}

/* One spike in 1000 points survives max |x| but not the last-point rule. */
static void
test_chart_spike_survives(void)
{
	double v[1000];
	struct spark_chart c;
	size_t k;

	for (k = 0; k < NV(v); k++)
		v[k] = 1;
	v[537] = 1000;
	utf1(&c, v, NV(v), 20, SPARK_AUTO, SPARK_REDUCE_MAXABS);
	CU_ASSERT_TRUE(c.range.log);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B1 B1 B1 B1 B1 B1 B1 B1 B1
	    B8 B1 B1 B1 B1 B1 B1 B1 B1 B1);
	spark_chart_free(&c);
	utf1(&c, v, NV(v), 20, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_EQUAL(c.level[10], 0);
	spark_chart_free(&c);

	/* A negative spike keeps its sign. */
	v[537] = -1000;
	utf1(&c, v, NV(v), 20, SPARK_LINEAR, SPARK_REDUCE_MAXABS);
	CU_ASSERT_EQUAL(c.level[10], 0);
	CU_ASSERT_EQUAL(c.level[9], 7);
	spark_chart_free(&c);
}

/* Gate activations are averaged. */
static void
test_chart_mean_of_bucket(void)
{
	const double v[] = {0, 1, 0, 1, 1, 1};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_LINEAR,
	    SPARK_REDUCE_MEAN);

	o.has_range = 1;
	o.lo = 0;
	o.hi = 1;
	draw(&c, v, NV(v), 3, &o);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "::|");
	spark_chart_free(&c);
}

/* Rounding never carries a mean outside its bucket: seven copies of 0.1
 * sum to 0.10000000000000002 as x / 7, yet the column is neither clipped
 * nor off a flat range. */
static void
test_chart_mean_stays_in_bucket(void)
{
	const double v[] = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_ASCII, SPARK_LINEAR,
	    SPARK_REDUCE_MEAN);

	draw(&c, v, NV(v), 1, &o);
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_NONE);
	CU_ASSERT_STRING_EQUAL(c.rows[0], ".");
	spark_chart_free(&c);
	o.has_range = 1;
	o.lo = 0;
	o.hi = 0.1;
	draw(&c, v, NV(v), 1, &o);
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_NONE);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "|");
	spark_chart_free(&c);
}

/* Max |x| keeps the sign, and between equal magnitudes the newer point. */
static void
test_chart_maxabs_ties_newer(void)
{
	const double v[] = {3, -3, -1, 1, 3, 0};
	struct spark_chart c;

	utf1(&c, v, NV(v), 2, SPARK_LINEAR, SPARK_REDUCE_MAXABS);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8);
	spark_chart_free(&c);
}

/* A NaN or infinity inside a bucket shows, whatever the rule. */
static void
test_chart_nonfinite_in_bucket_shows(void)
{
	static const enum spark_reduce rules[] = {
		SPARK_REDUCE_MAXABS, SPARK_REDUCE_MEAN, SPARK_REDUCE_LAST
	};
	double v[1000];
	struct spark_chart c;
	size_t k, r;

	for (k = 0; k < NV(v); k++)
		v[k] = (double)k;
	v[510] = NAN;
	v[120] = INFINITY;
	for (r = 0; r < NV(rules); r++) {
		utf1(&c, v, NV(v), 20, SPARK_LINEAR, rules[r]);
		CU_ASSERT_EQUAL(c.mark[10], SPARK_MARK_NAN);
		CU_ASSERT_EQUAL(c.mark[2], SPARK_MARK_POSINF);
		CU_ASSERT_EQUAL(c.mark[3], SPARK_MARK_NONE);
		spark_chart_free(&c);
	}
}

/* Width 0, 1 and 2. */
static void
test_chart_narrow_widths(void)
{
	const double v[] = {1, 2, 3};
	struct spark_chart c;
	struct spark_opts o = opts(3, SPARK_UTF8, SPARK_LINEAR,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 0, &o);
	CU_ASSERT_EQUAL(c.width, 0);
	CU_ASSERT_EQUAL(c.columns, 0);
	CU_ASSERT_STRING_EQUAL(c.rows[0], "");
	CU_ASSERT_STRING_EQUAL(c.rows[2], "");
	CU_ASSERT_STRING_EQUAL(c.label_last, "       3");
	CU_ASSERT_STRING_EQUAL(c.summary, "rises from 1 to 3 over 2 steps");
	spark_chart_free(&c);

	utf1(&c, v, NV(v), 1, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B8);
	spark_chart_free(&c);
	utf1(&c, v, NV(v), 1, SPARK_LINEAR, SPARK_REDUCE_MEAN);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B5);
	spark_chart_free(&c);
	utf1(&c, v, NV(v), 2, SPARK_LINEAR, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8);
	spark_chart_free(&c);
}

/* Fewer points than columns: as wide as the data, or stretched by repeating
 * points. */
static void
test_chart_fewer_points_than_columns(void)
{
	const double v[] = {1, 2};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_UTF8, SPARK_LINEAR,
	    SPARK_REDUCE_LAST);

	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_EQUAL(c.columns, 2);
	CU_ASSERT_EQUAL(c.width, 5);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B8 "   ");
	spark_chart_free(&c);

	o.stretch = 1;
	draw(&c, v, NV(v), 5, &o);
	CU_ASSERT_EQUAL(c.columns, 5);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B1 B1 B8 B8);
	spark_chart_free(&c);
}

/* max - min overflows a double: -1e308 .. 1e308 still maps correctly, and a
 * mean of huge values does not overflow. */
static void
test_chart_huge_span(void)
{
	const double v[] = {-1e308, 0, 1e308};
	const double big[] = {DBL_MAX, DBL_MAX, -DBL_MAX, -DBL_MAX};
	struct spark_chart c;

	utf1(&c, v, NV(v), 3, SPARK_AUTO, SPARK_REDUCE_LAST);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B1 B5 B8);
	CU_ASSERT_STRING_EQUAL(c.label_min, " -1e+308");
	CU_ASSERT_STRING_EQUAL(c.summary,
	    "rises from -1e+308 to 1e+308 over 2 steps, crosses zero once");
	spark_chart_free(&c);

	utf1(&c, big, NV(big), 2, SPARK_AUTO, SPARK_REDUCE_MEAN);
	CU_ASSERT_EQUAL(c.mark[0], SPARK_MARK_NONE);
	CU_ASSERT_EQUAL(c.mark[1], SPARK_MARK_NONE);
	CU_ASSERT_STRING_EQUAL(c.rows[0], B8 B1);
	spark_chart_free(&c);
}

/* Bad arguments are refused and leave nothing to free. */
static void
test_chart_bad_arguments(void)
{
	const double v[] = {1, 2};
	struct spark_chart c;
	struct spark_opts o = opts(1, SPARK_UTF8, SPARK_AUTO,
	    SPARK_REDUCE_LAST);

	CU_ASSERT_EQUAL(spark_render(&c, v, 2, 4, NULL, NULL), SPARK_EINVAL);
	CU_ASSERT_EQUAL(spark_render(&c, v, 2, -1, &o, NULL), SPARK_EINVAL);
	CU_ASSERT_EQUAL(spark_render(&c, NULL, 2, 4, &o, NULL), SPARK_EINVAL);
	o.height = 0;
	CU_ASSERT_EQUAL(spark_render(&c, v, 2, 4, &o, NULL), SPARK_EINVAL);
	o.height = SPARK_MAX_HEIGHT + 1;
	CU_ASSERT_EQUAL(spark_render(&c, v, 2, 4, &o, NULL), SPARK_EINVAL);
	o.height = 1;
	o.reduce = (enum spark_reduce)7;
	CU_ASSERT_EQUAL(spark_render(&c, v, 2, 4, &o, NULL), SPARK_EINVAL);
	CU_ASSERT_PTR_NULL(c.rows);
	spark_chart_free(&c);
	spark_chart_free(&c);
}

/* ---- summaries --------------------------------------------------------- */

/* A vanishing gradient: geometric decay with its per-step ratio. */
static void
test_chart_summary_geometric_decay(void)
{
	double v[21];
	char *s;
	size_t t;

	for (t = 0; t < NV(v); t++)
		v[t] = 2.8284271 * pow(0.9, (double)t);
	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s,
	    "falls from 2.83 to 0.344 over 20 steps, x0.9 per step");
	free(s);
}

/* An exploding gradient: geometric growth. */
static void
test_chart_summary_geometric_growth(void)
{
	double v[101];
	char *s;
	size_t t;

	for (t = 0; t < NV(v); t++)
		v[t] = pow(1.1, (double)t);
	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s,
	    "rises from 1 to 1.38e+04 over 100 steps, x1.1 per step");
	free(s);
}

/* A ratio close to 1 gets the digits it needs, and one that would print as
 * 1 is left out. */
static void
test_chart_summary_ratio_near_one(void)
{
	const double pair[] = {1e12, 1e12 + 1};
	double v[11];
	char *s;
	size_t t;

	for (t = 0; t < NV(v); t++)
		v[t] = pow(0.9999, (double)t);
	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s,
	    "falls from 1 to 0.999 over 10 steps, x0.9999 per step");
	free(s);
	s = spark_summary(pair, NV(pair), NULL);
	CU_ASSERT_STRING_EQUAL(s,
	    "rises from 1000000000000 to 1000000000001 over 1 step");
	free(s);
}

/* A straight line is not geometric: no ratio. */
static void
test_chart_summary_linear_has_no_ratio(void)
{
	double v[20];
	char *s;
	size_t t;

	for (t = 0; t < NV(v); t++)
		v[t] = (double)t + 1;
	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s, "rises from 1 to 20 over 19 steps");
	free(s);
}

/* An oscillation "goes from" first to last, with its range and crossings. */
static void
test_chart_summary_oscillation(void)
{
	double v[100];
	char *s;
	size_t t;

	for (t = 0; t < NV(v); t++)
		v[t] = sin(0.2 * (double)t);
	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s, "goes from 0 to 0.814 over 99 steps, "
	    "between -1 and 1, crosses zero 6 times");
	free(s);
}

/* Returning to the start, and non-finite values counted by kind. */
static void
test_chart_summary_round_trip_and_nonfinite(void)
{
	const double v[] = {1, NAN, 2, 0, NAN, 1, INFINITY};
	const double one[] = {NAN, 4, -INFINITY};
	char *s;

	s = spark_summary(v, NV(v), NULL);
	CU_ASSERT_STRING_EQUAL(s, "starts and ends at 1 over 5 steps, "
	    "between 0 and 2; 2 NaN, first at step 1; +inf at step 6");
	free(s);
	s = spark_summary(one, NV(one), NULL);
	CU_ASSERT_STRING_EQUAL(s, "one finite value, 4 at step 1; NaN at "
	    "step 0; -inf at step 2");
	free(s);
	s = spark_summary(NULL, 0, NULL);
	CU_ASSERT_STRING_EQUAL(s, "no values");
	free(s);
}

/* A test case and the name CUnit reports it by. */
struct chart_case {
	const char *name;
	CU_TestFunc fn;
};

#define CASE(fn) {#fn, fn}

/* Register the suites. */
void
test_chart_register(void)
{
	static const struct chart_case labels[] = {
		CASE(test_chart_label_format),
		CASE(test_chart_label_exponents),
		CASE(test_chart_label_negative_zero),
		CASE(test_chart_label_fits_field),
		CASE(test_chart_label_nonfinite),
	}, edges[] = {
		CASE(test_chart_empty_series),
		CASE(test_chart_one_point),
		CASE(test_chart_all_nan),
		CASE(test_chart_all_inf),
		CASE(test_chart_nonfinite_positions),
		CASE(test_chart_flat_series),
		CASE(test_chart_nearly_flat),
		CASE(test_chart_rounding_noise_is_flat),
		CASE(test_chart_fading_swing_ends_real),
		CASE(test_chart_summary_wording),
		CASE(test_chart_tiny_values_of_one_sign_are_real),
		CASE(test_chart_all_negative),
		CASE(test_chart_crossing_zero),
		CASE(test_chart_narrow_widths),
		CASE(test_chart_huge_span),
		CASE(test_chart_bad_arguments),
	}, scales[] = {
		CASE(test_chart_linear_vs_log),
		CASE(test_chart_log_wide_span),
		CASE(test_chart_auto_scale_threshold),
		CASE(test_chart_log_zero_and_negative),
		CASE(test_chart_user_range_invalid),
		CASE(test_chart_user_range_clips),
		CASE(test_chart_log_range_one_ulp),
		CASE(test_chart_user_range_auto_log),
		CASE(test_chart_shared_range),
		CASE(test_chart_shared_range_auto_log),
	}, levels[] = {
		CASE(test_chart_min_bottom_max_top),
		CASE(test_chart_sorted_nondecreasing),
		CASE(test_chart_stacked_utf8),
		CASE(test_chart_rows_exact_width),
	}, columns[] = {
		CASE(test_chart_points_equal_columns),
		CASE(test_chart_one_more_point_than_columns),
		CASE(test_chart_almost_two_points_per_column),
		CASE(test_chart_thousand_into_twenty),
		CASE(test_chart_spike_survives),
		CASE(test_chart_mean_of_bucket),
		CASE(test_chart_mean_stays_in_bucket),
		CASE(test_chart_maxabs_ties_newer),
		CASE(test_chart_nonfinite_in_bucket_shows),
		CASE(test_chart_fewer_points_than_columns),
	}, summaries[] = {
		CASE(test_chart_summary_geometric_decay),
		CASE(test_chart_summary_geometric_growth),
		CASE(test_chart_summary_ratio_near_one),
		CASE(test_chart_summary_linear_has_no_ratio),
		CASE(test_chart_summary_oscillation),
		CASE(test_chart_summary_round_trip_and_nonfinite),
	};
	static const struct {
		const char *name;
		const struct chart_case *tests;
		size_t n;
	} suites[] = {
		{"chart_labels", labels, NV(labels)},
		{"chart_edges", edges, NV(edges)},
		{"chart_scales", scales, NV(scales)},
		{"chart_levels", levels, NV(levels)},
		{"chart_columns", columns, NV(columns)},
		{"chart_summaries", summaries, NV(summaries)},
	};
	size_t s, t;

	for (s = 0; s < NV(suites); s++) {
		CU_pSuite suite = CU_add_suite(suites[s].name, NULL, NULL);
		const struct chart_case *tests = suites[s].tests;

		if (suite == NULL)
			return;
		for (t = 0; t < suites[s].n; t++)
			CU_add_test(suite, tests[t].name, tests[t].fn);
	}
}
