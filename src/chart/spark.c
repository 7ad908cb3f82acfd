#include "config.h"

#include "chart/spark.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The glyphs of one set, as code points. */
struct glyph_set {
	int sublevels;		/* K: levels one cell can show */
	uint32_t part[8];	/* part[f - 1]: a cell f / K full */
	uint32_t nan, above, below;
};

static const struct glyph_set utf8_glyphs = {
	8,
	{0x2581, 0x2582, 0x2583, 0x2584, 0x2585, 0x2586, 0x2587, 0x2588},
	'?', 0x2191, 0x2193
};

static const struct glyph_set ascii_glyphs = {
	4,
	{'_', '.', ':', '|'},
	'?', '^', 'v'
};

/* A column's bucket of points reduced to one value, or a marker. */
struct column {
	enum spark_mark mark;
	double value;		/* when mark is SPARK_MARK_NONE */
};

/* Defaults for a chart one row tall. */
void
spark_opts_init(struct spark_opts *o)
{
	memset(o, 0, sizeof *o);	/* no fixed range, no stretch */
	o->height = 1;
	o->glyphs = SPARK_UTF8;
	o->scale = SPARK_AUTO;
	o->reduce = SPARK_REDUCE_LAST;
}

/* Are the options something a chart can be drawn with? */
static int
opts_ok(const struct spark_opts *o)
{
	if (o == NULL)
		return 0;
	if (o->height < 1 || o->height > SPARK_MAX_HEIGHT)
		return 0;
	if (o->glyphs != SPARK_ASCII && o->glyphs != SPARK_UTF8)
		return 0;
	if (o->scale != SPARK_AUTO && o->scale != SPARK_LINEAR &&
	    o->scale != SPARK_LOG)
		return 0;
	if (o->reduce != SPARK_REDUCE_MAXABS &&
	    o->reduce != SPARK_REDUCE_MEAN && o->reduce != SPARK_REDUCE_LAST)
		return 0;
	if (o->has_range) {
		if (!isfinite(o->lo) || !isfinite(o->hi) || !(o->lo < o->hi))
			return 0;
		if (o->scale == SPARK_LOG && !(o->lo > 0))
			return 0;
	}
	return 1;
}

/* Min and max of the finite values, and of the positive ones, over all
 * series; any_negative says whether a finite value is below zero. */
struct extent {
	size_t nfinite, npositive;
	int any_negative;
	double min, max, pmin, pmax;
};

/* Fold one series into an extent. */
static void
extent_add(struct extent *e, const double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double x = v[i];

		if (!isfinite(x))
			continue;
		if (e->nfinite++ == 0)
			e->min = e->max = x;
		else if (x < e->min)
			e->min = x;
		else if (x > e->max)
			e->max = x;
		if (x < 0)
			e->any_negative = 1;
		if (x > 0) {
			if (e->npositive++ == 0)
				e->pmin = e->pmax = x;
			else if (x < e->pmin)
				e->pmin = x;
			else if (x > e->pmax)
				e->pmax = x;
		}
	}
}

/* Do [lo, hi] (0 < lo <= hi) span three decades or more? When lo * 1e3
 * overflows, hi (finite) is certainly less than it. */
static int
spans_decades(double lo, double hi)
{
	return hi >= lo * 1e3;
}

/* The y-range shared by several series. */
int
spark_range_of(struct spark_range *out, const double *const *series,
    const size_t *n, size_t nseries, const struct spark_opts *o)
{
	struct extent e;
	size_t i;

	memset(out, 0, sizeof *out);
	if (!opts_ok(o) || (nseries > 0 && (series == NULL || n == NULL)))
		return SPARK_EINVAL;
	for (i = 0; i < nseries; i++)
		if (n[i] > 0 && series[i] == NULL)
			return SPARK_EINVAL;

	if (o->has_range) {
		out->valid = 1;
		out->fixed = 1;
		out->lo = o->lo;
		out->hi = o->hi;
		out->log = o->scale == SPARK_LOG || (o->scale == SPARK_AUTO &&
		    o->lo > 0 && spans_decades(o->lo, o->hi));
		return SPARK_OK;
	}

	memset(&e, 0, sizeof e);
	for (i = 0; i < nseries; i++)
		extent_add(&e, series[i], n[i]);
	if (o->scale == SPARK_LOG)
		out->log = 1;
	else if (o->scale == SPARK_AUTO)
		out->log = !e.any_negative && e.npositive > 0 &&
		    spans_decades(e.pmin, e.pmax);
	if (out->log) {
		/* Zero and negative values go below a log axis. */
		out->valid = e.npositive > 0;
		out->lo = e.pmin;
		out->hi = e.pmax;
	} else {
		out->valid = e.nfinite > 0;
		out->lo = e.min;
		out->hi = e.max;
	}
	return SPARK_OK;
}

/* The first point of column c's bucket when n points share w columns:
 * floor(c * n / w), computed without overflowing. */
static size_t
bucket_start(size_t c, size_t n, size_t w)
{
	size_t q = n / w, r = n % w;

	return c * q + (size_t)((uintmax_t)c * r / w);
}

/* Reduce the points v[from, to) (to > from) to one column. */
static struct column
reduce_bucket(const double *v, size_t from, size_t to, enum spark_reduce rule)
{
	struct column col = { .mark = SPARK_MARK_NONE, .value = 0 };
	int nan = 0, posinf = 0, neginf = 0;
	size_t i, count = 0;
	double sum = 0, lo = 0, hi = 0, big = 0, last = 0;

	for (i = from; i < to; i++) {
		double x = v[i];

		if (isnan(x)) {
			nan = 1;
			continue;
		}
		if (isinf(x)) {
			if (x > 0)
				posinf = 1;
			else
				neginf = 1;
			continue;
		}
		if (count == 0 || x < lo)
			lo = x;
		if (count == 0 || x > hi)
			hi = x;
		if (count == 0 || fabs(x) >= fabs(big))
			big = x;	/* ties: the newer point */
		last = x;
		count++;
	}
	/* A missing or infinite value is never hidden by its neighbours. */
	if (nan || posinf || neginf) {
		col.mark = nan ? SPARK_MARK_NAN :
		    posinf ? SPARK_MARK_POSINF : SPARK_MARK_NEGINF;
		return col;
	}
	switch (rule) {
	case SPARK_REDUCE_MAXABS:
		col.value = big;
		break;
	case SPARK_REDUCE_MEAN:
		/* Summing x / count cannot overflow; clamping keeps rounding
		 * from moving the mean outside the bucket (or the range). */
		for (i = from; i < to; i++)
			sum += v[i] / (double)count;
		col.value = sum < lo ? lo : sum > hi ? hi : sum;
		break;
	case SPARK_REDUCE_LAST:
		col.value = last;
		break;
	}
	return col;
}

/* Where x lies in [lo, hi] (lo < hi, all finite), from 0 to 1. */
static double
position(double x, double lo, double hi)
{
	double span = hi - lo;

	if (isfinite(span))
		return (x - lo) / span;
	/* -1e308 .. 1e308: halving loses nothing for numbers this large. */
	return (x / 2 - lo / 2) / (hi / 2 - lo / 2);
}

/* The level of a finite value on range r, or a mark for one off the chart. */
static void
place(const struct spark_range *r, int nlevels, double x, int *level,
    enum spark_mark *mark)
{
	double t;
	int l;

	*mark = SPARK_MARK_NONE;
	if (r->log && !(x > 0)) {
		*mark = SPARK_MARK_BELOW;
		*level = -1;
		return;
	}
	/* a range no wider than rounding noise (1e-13 of its size) is flat */
	if (!r->valid || r->lo == r->hi || (r->hi / 2 - r->lo / 2 <=
	    0.5e-13 * fmax(fabs(r->lo), fabs(r->hi)) && !r->log)) {
		if (r->valid && x > r->hi)
			*mark = SPARK_MARK_ABOVE;
		else if (r->valid && x < r->lo)
			*mark = SPARK_MARK_BELOW;
		*level = *mark == SPARK_MARK_ABOVE ? nlevels :
		    *mark == SPARK_MARK_BELOW ? -1 : nlevels / 2 - 1;
		return;
	}
	if (x > r->hi) {
		*mark = SPARK_MARK_ABOVE;
		*level = nlevels;
		return;
	}
	if (x < r->lo) {
		*mark = SPARK_MARK_BELOW;
		*level = -1;
		return;
	}
	if (r->log)
		t = position(log10(x), log10(r->lo), log10(r->hi));
	else
		t = position(x, r->lo, r->hi);
	/* A log range whose ends differ by less than
	 * log10 can tell apart (1.6e70 .. 1.6e70 + 1 ulp) gives 0 / 0; it is
	 * flat, and NaN must not reach the int conversion below */
	if (isnan(t)) {
		*level = nlevels / 2 - 1;
		return;
	}
	l = (int)floor(t * nlevels);
	*level = l < 0 ? 0 : l >= nlevels ? nlevels - 1 : l;
}

/* Append one glyph. */
static void
put_glyph(struct strbuf *sb, uint32_t cp)
{
	char buf[4];

	strbuf_add(sb, buf, utf8_encode(cp, buf));
}

/* The glyph of the cell `row` cells above the bottom in one column. */
static uint32_t
cell_glyph(const struct glyph_set *g, int height, int row,
    enum spark_mark mark, int level)
{
	int fill;

	switch (mark) {
	case SPARK_MARK_NAN:
		return row == 0 ? g->nan : ' ';
	case SPARK_MARK_POSINF:
	case SPARK_MARK_ABOVE:
		return row == height - 1 ? g->above : g->part[g->sublevels - 1];
	case SPARK_MARK_NEGINF:
	case SPARK_MARK_BELOW:
		return row == 0 ? g->below : ' ';
	case SPARK_MARK_NONE:
		break;
	}
	fill = level + 1 - row * g->sublevels;
	if (fill <= 0)
		return ' ';
	if (fill > g->sublevels)
		fill = g->sublevels;
	return g->part[fill - 1];
}

/* The label of a value that is not there: "-" right-aligned. */
static void
missing_label(char out[16])
{
	memset(out, ' ', SPARK_LABEL_WIDTH - 1);
	out[SPARK_LABEL_WIDTH - 1] = '-';
	out[SPARK_LABEL_WIDTH] = '\0';
}

/* Labels for the smallest and largest finite values, the newest point and
 * the bounds of the range. */
static void
set_labels(struct spark_chart *out, const double *v, size_t n)
{
	struct extent e;

	memset(&e, 0, sizeof e);
	extent_add(&e, v, n);
	if (e.nfinite > 0) {
		spark_format_label(out->label_min, e.min);
		spark_format_label(out->label_max, e.max);
	} else {
		missing_label(out->label_min);
		missing_label(out->label_max);
	}
	if (n > 0)
		spark_format_label(out->label_last, v[n - 1]);
	else
		missing_label(out->label_last);
	if (out->range.valid) {
		spark_format_label(out->label_lo, out->range.lo);
		spark_format_label(out->label_hi, out->range.hi);
	} else {
		missing_label(out->label_lo);
		missing_label(out->label_hi);
	}
}

/* The columns that show data: as many as fit, or all of them stretched. */
static int
data_columns(size_t n, int width, int stretch)
{
	if (width == 0 || n == 0)
		return 0;
	if (n >= (size_t)width || stretch)
		return width;
	return (int)n;
}

/* Draw the chart. */
int
spark_render(struct spark_chart *out, const double *v, size_t n, int width,
    const struct spark_opts *o, const struct spark_range *shared)
{
	const struct glyph_set *g;
	struct spark_range own;
	struct strbuf sb;
	int c, row;

	memset(out, 0, sizeof *out);
	if (!opts_ok(o) || width < 0 || (v == NULL && n > 0))
		return SPARK_EINVAL;
	if (shared == NULL) {
		if (spark_range_of(&own, &v, &n, 1, o) != SPARK_OK)
			return SPARK_EINVAL;
		shared = &own;
	}
	g = o->glyphs == SPARK_UTF8 ? &utf8_glyphs : &ascii_glyphs;

	out->height = o->height;
	out->width = width;
	out->columns = data_columns(n, width, o->stretch);
	out->nlevels = g->sublevels * o->height;
	out->range = *shared;
	out->level = xcalloc(out->columns > 0 ? (size_t)out->columns : 1,
	    sizeof *out->level);
	out->mark = xcalloc(out->columns > 0 ? (size_t)out->columns : 1,
	    sizeof *out->mark);

	for (c = 0; c < out->columns; c++) {
		size_t from, to;
		struct column col;
		enum spark_mark mark;

		if (n > (size_t)width) {
			from = bucket_start((size_t)c, n, (size_t)width);
			to = bucket_start((size_t)c + 1, n, (size_t)width);
		} else {
			/* One point per column, repeated when stretched. */
			from = bucket_start((size_t)c, n, (size_t)out->columns);
			to = from + 1;
		}
		col = reduce_bucket(v, from, to, o->reduce);
		if (col.mark != SPARK_MARK_NONE) {
			mark = col.mark;
			out->level[c] = mark == SPARK_MARK_POSINF ?
			    out->nlevels : -1;
		} else
			place(shared, out->nlevels, col.value, &out->level[c],
			    &mark);
		out->mark[c] = (unsigned char)mark;
	}

	out->rows = xcalloc((size_t)o->height, sizeof *out->rows);
	for (row = o->height - 1; row >= 0; row--) {
		strbuf_init(&sb);
		for (c = 0; c < out->columns; c++)
			put_glyph(&sb, cell_glyph(g, o->height, row,
			    (enum spark_mark)out->mark[c], out->level[c]));
		strbuf_addn(&sb, ' ', (size_t)(width - out->columns));
		out->rows[o->height - 1 - row] = strbuf_detach(&sb);
	}

	set_labels(out, v, n);
	out->summary = spark_summary_unit(v, n, shared, o->unit);
	return SPARK_OK;
}

/* Free the rows, arrays and summary. */
void
spark_chart_free(struct spark_chart *c)
{
	int i;

	if (c->rows != NULL)
		for (i = 0; i < c->height; i++)
			free(c->rows[i]);
	free(c->rows);
	free(c->level);
	free(c->mark);
	free(c->summary);
	memset(c, 0, sizeof *c);
}
