/* spark: sparkline charts, a series of doubles as rows of one-column glyphs.
 *
 * A chart is `height` rows (1 to 8) of exactly `width` display columns, plus
 * fixed-width labels (the series' min, max and last value, the range's bottom
 * and top) and a one-line summary for readers who cannot see the chart or
 * hear it through a screen reader. Pure functions: nothing here prints,
 * reads the locale or touches the terminal, so the same series gives the
 * same bytes everywhere.
 *
 * Ownership: struct spark_chart is caller-owned storage. spark_render() fills
 * it with heap rows, arrays and summary; spark_chart_free() releases them (it
 * is harmless on a chart that spark_render() rejected, and twice in a row).
 * spark_summary() returns a heap string the caller frees. Nothing here keeps a
 * pointer to the caller's series.
 *
 * Glyphs. Each column is a bar filled from the bottom; a cell holds K
 * sub-levels and a column of a chart `height` rows tall shows one of
 * K * height levels (level L fills L + 1 sub-levels, so even the lowest level
 * is visible and the top level fills every cell):
 *
 *   SPARK_UTF8   K = 8: U+2581..U+2588 "▁▂▃▄▅▆▇█"; full cells below the top
 *                are U+2588.
 *   SPARK_ASCII  K = 4: "_.:|" (a quarter, half, three quarters, full). In one
 *                row it reads as heights ("__..::||"); stacked, the columns are
 *                combs of '|' topped with '_', '.' or ':'. Every byte < 0x80.
 *
 * Markers (one column wide in both sets; the mark[] array tells them apart):
 *
 *   NaN                       '?' in the bottom row, blank above.
 *   +inf, or above the range  top row U+2191 '↑' (ASCII '^'), full cells below:
 *                             the bar goes off the top of the chart.
 *   -inf, or below the range  bottom row U+2193 '↓' (ASCII 'v'), blank above:
 *                             the bar goes off the bottom. On a log scale zero
 *                             and negative values are below every positive
 *                             value and are drawn this way too.
 *
 * Only finite values set a range; NaN and infinities never do. A value is
 * "above" or "below" only when a fixed or shared range does not hold it.
 *
 * Columns. With more points than columns, column c covers the points
 * [c*n/w, (c+1)*n/w) (integer bounds; the last bucket ends at the newest point)
 * reduced by opts.reduce; a bucket holding any NaN or infinity shows its
 * marker (NaN first, then +inf, then -inf), so a missing value is never
 * hidden. With fewer points than columns the chart is as wide as the data
 * (`columns` < `width`, the rest of each row is trailing ASCII spaces) or,
 * with opts.stretch, column c repeats point c*n/w, inventing no values.
 *
 * Levels. On the chosen scale (value, or log10 of value), with t the position
 * of a value in [lo, hi], level = floor(t * nlevels), with t = 1 clamped to the
 * top: the range's lo is level 0, its hi exactly nlevels - 1, and sorted input
 * gives non-decreasing levels. A flat range (lo == hi) puts every value at
 * half height, level nlevels / 2 - 1. max - min may overflow a double
 * (-1e308 to 1e308); the position is then computed from halved values.
 *
 * Labels are %.3g in a field of SPARK_LABEL_WIDTH columns, right-aligned, with
 * fewer digits where a value needs more room ("-1.2e+16"); -0 prints as "0",
 * NaN as "nan", infinities as "inf" and "-inf", and a missing value (empty
 * series, no finite values) as "-". 1e-12 gives "1e-12", 1e16 "1e+16".
 *
 * The summary is plain ASCII, one sentence, numbers at %.3g (more digits only
 * where two different numbers would print the same):
 *
 *   "no values"
 *   "no finite values: 3 NaN, 1 +inf"
 *   "one value, 2.83"          "one finite value, 2.83 at step 4; ..."
 *   "flat at -5 over 9 steps"
 *   "falls from 2.83 to 0.344 over 20 steps, x0.9 per step"
 *   "goes from 0 to 0.814 over 99 steps, between -1 and 1, crosses zero 6
 *    times"
 *   "starts and ends at 1 over 10 steps, between 0 and 2"
 *
 * "rises" and "falls" need the net change to be at least half of max - min;
 * a series that moves less from first to last than that "goes from" one to
 * the other. A step count is the distance between the first and the last
 * finite point (21 points are 20 steps). The per-step ratio,
 * (last / first)^(1 / steps), appears when every value is finite and positive
 * and the series is close to geometric (each log10 value within 10% of the
 * endpoints' log10 span of the straight line between them), with as many
 * digits as it needs not to read "1" (up to 6; otherwise it is left out).
 * After a "; " come, when they apply: values above or below a fixed range,
 * values a log scale cannot show, and where the NaN and infinities are
 * ("NaN at step 7", "4 NaN, first at step 3"). */
#ifndef RNNTUTOR_SPARK_H
#define RNNTUTOR_SPARK_H

#include <stddef.h>

#define SPARK_MAX_HEIGHT 8
#define SPARK_LABEL_WIDTH 8	/* columns of every label (buffers of 16) */

enum {
	SPARK_OK = 0,
	SPARK_EINVAL = -1	/* bad arguments: see spark_render() */
};

enum spark_glyphs {
	SPARK_ASCII,
	SPARK_UTF8
};

enum spark_scale {
	SPARK_AUTO,	/* log when no finite value is negative and the positive
			 * ones (or a fixed range) span 3 decades or more */
	SPARK_LINEAR,
	SPARK_LOG	/* log10 */
};

/* How the points of one column's bucket become one value. */
enum spark_reduce {
	SPARK_REDUCE_MAXABS,	/* the point of largest |x|, sign kept (gradient
				 * norms: a spike survives) */
	SPARK_REDUCE_MEAN,	/* mean of the points (gate activations) */
	SPARK_REDUCE_LAST	/* the newest point (a loss curve) */
};

/* What a column shows instead of a level. */
enum spark_mark {
	SPARK_MARK_NONE,
	SPARK_MARK_NAN,
	SPARK_MARK_POSINF,
	SPARK_MARK_NEGINF,
	SPARK_MARK_ABOVE,	/* finite, above the range (clipped) */
	SPARK_MARK_BELOW	/* finite, below the range (clipped), or
				 * <= 0 on a log scale */
};

struct spark_opts {
	int height;		/* rows, 1 to SPARK_MAX_HEIGHT */
	enum spark_glyphs glyphs;
	enum spark_scale scale;
	enum spark_reduce reduce;
	int has_range;		/* use [lo, hi]: finite, lo < hi, lo > 0 for
				 * SPARK_LOG */
	double lo, hi;
	int stretch;		/* fewer points than columns: fill the width */
	const char *unit;	/* the summary's counted x axis ("epoch"), or
				 * NULL: steps (see spark_summary_unit) */
};

/* A resolved y-range, in data units. */
struct spark_range {
	int valid;	/* lo and hi hold a range; 0 when there is no finite
			 * value to scale by (every column is then a marker) */
	int log;	/* the chart is on a log10 scale */
	int fixed;	/* the range came from opts.has_range */
	double lo, hi;	/* lo <= hi; lo > 0 on a log scale */
};

struct spark_chart {
	int height;	/* rows */
	int width;	/* display columns of every row: the requested width */
	int columns;	/* columns that show data (<= width); the rest of each
			 * row, width - columns bytes, is trailing spaces */
	int nlevels;	/* levels of a column: 8 * height (UTF-8), 4 * height
			 * (ASCII) */
	char **rows;	/* height NUL-terminated strings, top row first */
	int *level;	/* per data column: 0 .. nlevels - 1 when mark is
			 * SPARK_MARK_NONE; nlevels for POSINF and ABOVE, -1 for
			 * NAN, NEGINF and BELOW. Never NULL after success. */
	unsigned char *mark;	/* per data column: an enum spark_mark */
	struct spark_range range;	/* the range the chart was drawn on */
	char label_min[16];	/* smallest finite value of the series,
				 * SPARK_LABEL_WIDTH columns, right-aligned */
	char label_max[16];	/* largest finite value of the series */
	char label_last[16];	/* the newest point, whatever it is */
	char label_lo[16];	/* the bottom of the range: what the lowest
				 * level means (differs from label_min on a
				 * shared or fixed range) */
	char label_hi[16];	/* the top of the range */
	char *summary;		/* one line, plain ASCII */
};

/* Defaults: height 1, UTF-8, automatic scale, REDUCE_LAST, own range, no
 * stretch. */
void spark_opts_init(struct spark_opts *o);

/* One y-range for nseries series (series[i] has n[i] points; it may be NULL
 * when n[i] is 0), so that charts drawn on it compare honestly. Returns 0, or
 * SPARK_EINVAL for bad options (out is then zeroed). */
int spark_range_of(struct spark_range *out, const double *const *series,
    const size_t *n, size_t nseries, const struct spark_opts *o);

/* Draw n points (v may be NULL when n is 0) into width columns (0 or more) on
 * the shared range (its scale and bounds win over o's), or on the series' own
 * range when shared is NULL. Returns 0, or SPARK_EINVAL when o is NULL,
 * o->height is not 1..8, an enum is out of range, width is negative, v is
 * NULL with n > 0 or o's fixed range is unusable; out is then zeroed. A width
 * of 0 gives `height` empty rows; an empty series gives rows of `width`
 * spaces; on success the labels and summary are always filled. */
int spark_render(struct spark_chart *out, const double *v, size_t n,
    int width, const struct spark_opts *o, const struct spark_range *shared);

/* Release what spark_render() put in c and zero it. */
void spark_chart_free(struct spark_chart *c);

/* The summary sentence of n points (see the top of this file); range may be
 * NULL, otherwise its log scale and fixed bounds are mentioned where values
 * fall outside them. Returns a heap string the caller frees. */
char *spark_summary(const double *v, size_t n, const struct spark_range *range);

/* The same with a counted x axis: unit "epoch" says "over 10 epochs" for 10
 * points and "x1.2 per epoch"; NULL is spark_summary(). On a fixed linear
 * range (an accuracy from 0.4 to 1) no per-step ratio is given. */
char *spark_summary_unit(const double *v, size_t n,
    const struct spark_range *range, const char *unit);

/* v as a label: %.3g (fewer digits when needed) right-aligned in
 * SPARK_LABEL_WIDTH columns, NUL-terminated. */
void spark_format_label(char out[16], double v);

/* v at `digits` significant digits (1 to 17), the way labels and the summary
 * write numbers: "-0" as "0", "nan", "inf", "-inf". At most 31 bytes. */
void spark_format_number(char out[32], double v, int digits);

#endif
