#include "config.h"

#include "doc/simblock.h"
#include "doc/template.h"
#include "doc/wrap.h"
#include "chart/spark.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUTTER 2	/* columns before every line of a sim block */
#define NAME_MAX_WIDTH 20	/* widest series name shown in full */
#define NAME_MIN_WIDTH 8	/* a name is cut no shorter than this */
#define ROW_MIN_WIDTH 40	/* a long name gives way before the rows do */
#define NARROW_CHART 16	/* fewer columns for the rows beside their labels:
			 * the labels go under the rows instead */

_Static_assert(LESSON_MAX_CHART_HEIGHT <= SPARK_MAX_HEIGHT,
    "every chart height the loader accepts can be drawn");

/* A file name a lesson gives (a text parameter like sentiment's data)
 * taken relative to the lesson file's directory, not to wherever the
 * reader stands: a heap string, or NULL to use the value as written (an
 * absolute path, an empty value, a built-in lesson, another parameter). */
static char *
lesson_relative(const struct lesson *lesson, const struct sim_spec *spec,
    const struct lesson_param *p)
{
	size_t index;
	const struct sim_param_spec *ps = sim_param_find(spec, p->name, &index);
	const char *slash;

	if (ps == NULL || ps->type != SIM_TEXT || p->value[0] == '\0' ||
	    p->value[0] == '/' || lesson->file == NULL ||
	    strncmp(lesson->file, "builtin:", 8) == 0)
		return NULL;
	slash = strrchr(lesson->file, '/');
	if (slash == NULL)
		return NULL;	/* the lesson is in the working directory */
	return xasprintf("%.*s/%s", (int)(slash - lesson->file), lesson->file,
	    p->value);
}

/* See simblock.h. */
int
doc_sim_args(struct sim_args *args, const struct lesson *lesson,
    const struct lesson_block *b, struct diag_list *diags)
{
	const struct sim_spec *spec = sim_find(b->sim.name);
	int rc = 0;

	if (spec == NULL) {
		const char *near = sim_suggest(b->sim.name);

		if (near != NULL)
			diag_add(diags, DIAG_ERROR, lesson->file,
			    b->sim.name_pos.line, b->sim.name_pos.col,
			    "unknown simulation '%s' (did you mean '%s'?)",
			    b->sim.name, near);
		else
			diag_add(diags, DIAG_ERROR, lesson->file,
			    b->sim.name_pos.line, b->sim.name_pos.col,
			    "unknown simulation '%s' (rnntutor sim --list shows "
			    "them all)", b->sim.name);
		return -1;
	}
	sim_args_init(args, spec);
	for (size_t i = 0; i < b->sim.nparams; i++) {
		const struct lesson_param *p = &b->sim.params[i];
		char *value = lesson_relative(lesson, spec, p);

		if (sim_args_set(args, p->name, value != NULL ? value :
		    p->value, diags, lesson->file, p->pos.line, p->pos.col) < 0)
			rc = -1;
		free(value);
	}
	return rc;
}

/* Does path (as the run names it) end with the value of a parameter, at
 * a '/' or whole? */
static int
names_file(const char *path, const char *value)
{
	size_t n = strlen(path), m = strlen(value);

	if (m == 0 || m > n || strcmp(path + n - m, value) != 0)
		return 0;
	return m == n || path[n - m - 1] == '/';
}

/* See simblock.h. */
struct lesson_pos
doc_sim_file_pos(const struct lesson_sim *s, const char *file)
{
	struct lesson_pos at = s->name_pos;

	for (size_t j = 0; file != NULL && j < s->nparams; j++)
		if (names_file(file, s->params[j].value))
			at = s->params[j].pos;
	return at;
}

/* An error line inside the block. */
static void
error_line(struct doc_page *page, int block, const char *msg,
    const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + 2, .marker = "! ",
		.marker_style = DOC_ERROR, .marker_indent = GUTTER,
		.style = DOC_ERROR, .block = block, .ascii = o->ascii,
	};

	doc_wrap(page, msg, strlen(msg), &w);
}

/* An error line for a message; one about another file than the lesson
 * (a data file that cannot be read) names that file. */
static void
error_diag(struct doc_page *page, int block, const struct lesson *lesson,
    const struct diag *d, const struct doc_opts *o)
{
	char *text;

	if (d->file == NULL || (lesson->file != NULL &&
	    strcmp(d->file, lesson->file) == 0)) {
		error_line(page, block, d->msg, o);
		return;
	}
	text = xasprintf("%s: %s", d->file, d->msg);
	error_line(page, block, text, o);
	free(text);
}

/* The header: "Simulation: NAME  caption". */
static void
header(struct doc_page *page, const struct lesson_block *b, int block,
    const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER,
		.marker_style = DOC_CAPTION, .style = DOC_CAPTION,
		.block = block, .ascii = o->ascii,
	};
	int output_only = b->sim.nknobs == 0 && b->sim.ncharts == 0 &&
	    b->sim.output != NULL;
	const char *kind = output_only ? "Output, computed by simulation" :
	    "Simulation";
	char *text = b->sim.caption != NULL ?
	    xasprintf("%s %s: %s", kind, b->sim.name, b->sim.caption) :
	    xasprintf("%s %s", kind, b->sim.name);

	doc_wrap(page, text, strlen(text), &w);
	free(text);
}

/* "knobs: scale = 0.9   steps = 20", the selected one in brackets. */
static void
knob_line(struct doc_page *page, const struct lesson_block *b, int block,
    const struct sim_args *args, const struct doc_opts *o)
{
	struct strbuf sb;
	struct doc_line *line;
	int focused = o->focus == block;
	int selected = focused && o->state != NULL ? o->state[block].knob : -1;

	if (b->sim.nknobs == 0)
		return;
	strbuf_init(&sb);
	line = doc_page_line(page, block);
	doc_line_pad(line, GUTTER);
	doc_line_add(line, DOC_KNOB, "knobs:", 6, 6);
	for (size_t i = 0; i < b->sim.nknobs; i++) {
		size_t index;
		const char *name = b->sim.knobs[i].name;
		char *value, *shown;
		int sel = (int)i == selected, itemw;

		if (name == NULL || sim_param_find(args->spec, name, &index) == NULL)
			continue;
		value = sim_args_format(args, index);
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s=%s%s", sel ? "[" : " ", name, value,
		    sel ? "]" : " ");
		free(value);
		/* Measure the text as it will be shown
		 * (a control character takes two columns as ^X), and wrap an
		 * item wider than a whole continuation line (a long value at
		 * width 20) instead of letting it run past the page's edge */
		shown = utf8_sanitize(sb.s, sb.len, o->ascii);
		itemw = (int)utf8_width(shown, strlen(shown));
		free(shown);
		if (GUTTER + 7 + itemw > o->width) {
			struct doc_wrap w = {
				.width = o->width, .indent = GUTTER + 7,
				.marker_style = DOC_KNOB,
				.style = sel ? DOC_KNOB_SELECTED : DOC_KNOB,
				.block = block, .ascii = o->ascii,
			};

			doc_wrap(page, sb.s, sb.len, &w);
			line = NULL;
			continue;
		}
		if (line == NULL || line->width + 1 + itemw > o->width) {
			line = doc_page_line(page, block);
			doc_line_pad(line, GUTTER + 6);
		}
		doc_line_pad(line, 1);
		doc_line_add_text(line, sel ? DOC_KNOB_SELECTED : DOC_KNOB, sb.s,
		    sb.len, o->ascii);
	}
	strbuf_free(&sb);
}

/* The display width of the widest series name of a chart (at most
 * NAME_MAX_WIDTH). */
static int
name_width(const struct lesson_chart *c)
{
	int w = 0;

	for (size_t i = 0; i < c->nseries; i++) {
		int n = (int)utf8_width(c->series[i], strlen(c->series[i]));

		if (n > w)
			w = n;
	}
	return w < NAME_MAX_WIDTH ? w : NAME_MAX_WIDTH;
}

/* The reduce rule that suits a series: a spike in a gradient norm must
 * survive, a gate activation is an average, a loss curve its newest point. */
static enum spark_reduce
reduce_for(const struct lesson_chart *c, const struct spark_range *range)
{
	if (range->log || c->scale == LESSON_SCALE_LOG)
		return SPARK_REDUCE_MAXABS;
	return SPARK_REDUCE_MEAN;
}

/* A series name, cut or padded to w columns. */
static void
add_name(struct doc_line *line, const char *name, int w, int ascii)
{
	char *shown = utf8_sanitize(name, strlen(name), ascii);
	size_t len = strlen(shown);
	int cut = utf8_width(shown, len) > (size_t)w && w > 1;
	int room = cut ? w - 1 : w;	/* a cut name ends in a mark */

	while (utf8_width(shown, len) > (size_t)room)
		len--;
	while (len > 0 && ((unsigned char)shown[len] & 0xC0) == 0x80)
		len--;		/* do not cut a character in two */
	doc_line_add(line, DOC_LABEL, shown, len, (int)utf8_width(shown, len));
	if (cut)
		doc_line_add(line, DOC_LABEL, ascii ? "~" : "\xe2\x80\xa6",
		    ascii ? 1 : 3, 1);
	doc_line_pad(line, w - (int)utf8_width(shown, len) - cut);
	free(shown);
}

/* A label field, trimmed of the padding the chart module gives it. */
static void
add_label(struct doc_line *line, const char *label)
{
	doc_line_add(line, DOC_LABEL, label, strlen(label), (int)strlen(label));
}

/* The counted x axis of a series for its summary: "epoch" for a per-epoch
 * curve (10 epochs are 10 points, not "9 steps"); NULL for steps between
 * points. A result on epochs also holds per-update series (gradient
 * norms), longer than its first, per-epoch one. */
static const char *
unit_of(const struct sim_result *res, const struct sim_series *s)
{
	if (res->step_name == NULL || strcmp(res->step_name, "epoch") != 0 ||
	    res->nseries == 0 || s->n != res->series[0].n)
		return NULL;
	return "epoch";
}

/* The previous run's row under a series: "was" where the range's bottom
 * label stands, then one row drawn on the same range and width, so a
 * change of level shows as a shift between the two rows (in ASCII and
 * without colour too). */
static void
was_row(struct doc_page *page, int block, const struct sim_series *prev,
    const struct spark_opts *so, const struct spark_range *range, int namew,
    int chartw, int narrow)
{
	struct spark_opts one = *so;
	struct spark_chart chart;
	struct doc_line *line;
	size_t len;

	one.height = 1;
	if (spark_render(&chart, prev->v, prev->n, chartw, &one, range) < 0)
		return;
	line = doc_page_line(page, block);
	/* narrow: in the name's column, there being no label column */
	doc_line_pad(line, GUTTER + namew - 3 + (narrow ? 0 : 1 +
	    SPARK_LABEL_WIDTH));
	add_label(line, "was");
	doc_line_pad(line, 1);
	len = strlen(chart.rows[0]);
	while (len > 0 && chart.rows[0][len - 1] == ' ')
		len--;
	doc_line_add(line, DOC_CHART_PREV, chart.rows[0], len,
	    (int)utf8_width(chart.rows[0], len));
	spark_chart_free(&chart);
}

/* One series of a chart: the range's top and bottom on the left, the rows,
 * the newest value on the right, the previous run's row (prev, or NULL)
 * and the one-line summary below. With one row the bottom is on the left
 * and the top on the right, like an axis. */
static void
chart_series(struct doc_page *page, int block, const struct sim_result *res,
    const struct sim_series *s, const struct sim_series *prev,
    const struct spark_opts *so,
    const struct spark_range *range, int namew, int chartw, int narrow,
    const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + namew + 1,
		.style = DOC_LABEL, .block = block, .ascii = o->ascii,
	};
	struct spark_chart chart;
	struct spark_opts own = *so;

	own.unit = unit_of(res, s);
	if (spark_render(&chart, s->v, s->n, chartw, &own, range) < 0) {
		error_line(page, block, "cannot draw this chart", o);
		return;
	}
	for (int r = 0; r < chart.height; r++) {
		struct doc_line *line = doc_page_line(page, block);
		size_t len = strlen(chart.rows[r]);
		int last = r == chart.height - 1;

		doc_line_pad(line, GUTTER);
		if (last)
			add_name(line, s->name, namew, o->ascii);
		else
			doc_line_pad(line, namew);
		doc_line_pad(line, 1);
		if (narrow)
			;	/* the range goes on a line of its own */
		else if (chart.height == 1 || last)
			add_label(line, chart.label_lo);
		else if (r == 0)
			add_label(line, chart.label_hi);
		else
			doc_line_pad(line, SPARK_LABEL_WIDTH);
		if (!narrow)
			doc_line_pad(line, 1);
		while (len > 0 && chart.rows[r][len - 1] == ' ')
			len--;
		doc_line_add(line, DOC_CHART, chart.rows[r], len,
		    (int)utf8_width(chart.rows[r], len));
		if (chart.height == 1 && !narrow) {
			/* the range reads "LO ▁▂▃▅▇ to HI" */
			const char *hi = chart.label_hi + strspn(chart.label_hi, " ");

			doc_line_pad(line, 1 + chartw - (int)utf8_width(chart.rows[r],
			    len));
			add_label(line, "to ");
			add_label(line, hi);
		}
	}
	if (prev != NULL)
		was_row(page, block, prev, so, range, namew, chartw, narrow);
	if (narrow) {
		/* "range 0.00046 to 0.24": numbers whole, wrapped between them */
		char *text = xasprintf("range %s to %s", chart.label_lo +
		    strspn(chart.label_lo, " "), chart.label_hi +
		    strspn(chart.label_hi, " "));

		doc_wrap(page, text, strlen(text), &w);
		free(text);
	}
	doc_wrap(page, chart.summary, strlen(chart.summary), &w);
	spark_chart_free(&chart);
}

/* A chart: every named series on one shared y-range, which also holds the
 * previous run's series (prev, or NULL) so that both are drawn on it. */
static void
chart(struct doc_page *page, int block, const struct lesson_chart *c,
    const struct sim_result *res, const struct sim_result *prev,
    const struct doc_opts *o)
{
	const struct sim_series *series[LESSON_MAX_SERIES];
	const struct sim_series *before[LESSON_MAX_SERIES];
	const double *values[2 * LESSON_MAX_SERIES];
	size_t n[2 * LESSON_MAX_SERIES], maxn = 0, nvalues = 0;
	struct spark_opts so;
	struct spark_range range;
	int namew = name_width(c), chartw, narrow;

	for (size_t i = 0; i < c->nseries && i < LESSON_MAX_SERIES; i++) {
		series[i] = sim_result_series(res, c->series[i]);
		if (series[i] == NULL) {
			char *msg = xasprintf("no series called '%s' in this "
			    "simulation's result", c->series[i]);

			error_line(page, block, msg, o);
			free(msg);
			return;
		}
		values[nvalues] = series[i]->v;
		n[nvalues++] = series[i]->n;
		if (series[i]->n > maxn)
			maxn = series[i]->n;
		before[i] = prev != NULL ? sim_result_series(prev,
		    c->series[i]) : NULL;
		if (before[i] != NULL) {
			values[nvalues] = before[i]->v;
			n[nvalues++] = before[i]->n;
			if (before[i]->n > maxn)
				maxn = before[i]->n;
		}
	}
	spark_opts_init(&so);
	so.height = c->height;
	so.glyphs = o->ascii ? SPARK_ASCII : SPARK_UTF8;
	so.scale = c->scale == LESSON_SCALE_LOG ? SPARK_LOG :
	    c->scale == LESSON_SCALE_LINEAR ? SPARK_LINEAR : SPARK_AUTO;
	so.has_range = c->has_range;
	so.lo = c->lo;
	so.hi = c->hi;
	if (spark_range_of(&range, values, n, nvalues, &so) < 0) {
		error_line(page, block, "this chart's range cannot be used", o);
		return;
	}
	so.reduce = reduce_for(c, &range);
	chartw = o->width - GUTTER - namew - 2 * (SPARK_LABEL_WIDTH + 1) - 4;
	if (chartw < ROW_MIN_WIDTH && namew > NAME_MIN_WIDTH) {
		int give = ROW_MIN_WIDTH - chartw;	/* a long name gives way */

		if (give > namew - NAME_MIN_WIDTH)
			give = namew - NAME_MIN_WIDTH;
		namew -= give;
		chartw += give;
	}
	/* too narrow for labels beside the rows (30 columns): they go under
	 * them, and the rows take the width */
	narrow = chartw < NARROW_CHART;
	if (narrow) {
		int most = o->width - GUTTER - NAME_MIN_WIDTH - 1 >=
		    NARROW_CHART ? NAME_MIN_WIDTH : 6;

		namew = namew < 3 ? 3 : namew > most ? most : namew;
		chartw = o->width - GUTTER - namew - 1;
		if (chartw < 1)
			chartw = 1;
	}
	/* few points: repeat each one a whole number of times, inventing none */
	if (maxn > 0 && maxn < (size_t)chartw) {
		chartw = (int)(maxn * ((size_t)chartw / maxn));
		so.stretch = 1;
	}
	if (c->caption != NULL) {
		struct doc_wrap w = {
			.width = o->width, .indent = GUTTER,
			.style = DOC_CAPTION, .block = block,
			.ascii = o->ascii,
		};

		doc_wrap(page, c->caption, strlen(c->caption), &w);
	}
	for (size_t i = 0; i < c->nseries; i++)
		chart_series(page, block, res, series[i], before[i], &so,
		    &range, namew, chartw, narrow, o);
}

/* The filled output template, shown as program output. */
static void
output(struct doc_page *page, int block, const char *tmpl,
    const struct sim_result *res, const struct sim_args *args,
    const struct doc_opts *o)
{
	struct strbuf sb;
	char *cause;
	size_t where;

	strbuf_init(&sb);
	if (doc_template_fill(&sb, tmpl, res, args, &cause, &where) < 0) {
		char *msg = xasprintf("output template: %s", cause);

		error_line(page, block, msg, o);
		free(msg);
		free(cause);
	} else {
		doc_layout_verbatim(page, sb.s, block, DOC_OUTPUT, o);
	}
	strbuf_free(&sb);
}

/* Do all the series a chart names exist in res (a result still growing)? */
static int
chart_ready(const struct lesson_chart *c, const struct sim_result *res)
{
	for (size_t i = 0; i < c->nseries; i++)
		if (sim_result_series(res, c->series[i]) == NULL)
			return 0;
	return c->nseries > 0;
}

#define BAR_DECADES 5	/* a table's bars: 1e-5 of the largest or less is empty */
#define BAR_MAX 12	/* columns of a bar at most */

/* A number as a bar of w columns on the log scale that runs from hi *
 * 10^-BAR_DECADES (empty) to hi (full): eighths of a column in UTF-8,
 * whole columns of '#' in ASCII, '.' for the rest in both. */
static void
add_bar(struct doc_line *line, double v, double hi, int w, int ascii)
{
	static const char *const eighth[8] = { "", "\xE2\x96\x8F",
	    "\xE2\x96\x8E", "\xE2\x96\x8D", "\xE2\x96\x8C",
	    "\xE2\x96\x8B", "\xE2\x96\x8A", "\xE2\x96\x89" };
	double f = v > 0.0 && hi > 0.0 ?
	    1.0 + log10(v / hi) / BAR_DECADES : 0.0;
	int units, full, used;

	f = f < 0.0 || isnan(f) ? 0.0 : f > 1.0 ? 1.0 : f;
	units = (int)lround(f * w * (ascii ? 1 : 8));
	full = ascii ? units : units / 8;
	for (int i = 0; i < full; i++)
		doc_line_add(line, DOC_OUTPUT, ascii ? "#" : "\xE2\x96\x88",
		    ascii ? 1 : 3, 1);
	used = full;
	if (!ascii && units % 8 != 0) {
		doc_line_add(line, DOC_OUTPUT, eighth[units % 8], 3, 1);
		used++;
	}
	for (; used < w; used++)
		doc_line_add(line, DOC_LABEL, ".", 1, 1);
}

/* A table of a model's answer, one line per row: the first column left
 * and cut to fit, the others right-aligned, and the bar columns drawn as
 * bars (sharing one log scale) before their numbers. A table too wide for
 * the page drops its bars. */
static void
answer_table(struct doc_page *page, int block, const struct sim_table *tb,
    const struct doc_opts *o)
{
	int *w = xcalloc(tb->ncols + 1, sizeof *w);
	int total = GUTTER + 2, nbars = 0, barw = 0;
	double hi = 0.0;
	struct doc_line *line;

	for (size_t c = 0; c < tb->ncols; c++) {
		w[c] = (int)utf8_width(tb->header[c], strlen(tb->header[c]));
		for (size_t r = 0; r < tb->nrows; r++) {
			const char *cell = tb->cells[r * tb->ncols + c];
			int cw = (int)utf8_width(cell, strlen(cell));

			w[c] = cw > w[c] ? cw : w[c];
			if (tb->bar[c] && strtod(cell, NULL) > hi)
				hi = strtod(cell, NULL);
		}
		if (c == 0 && w[c] > 12)
			w[c] = 12;
		nbars += tb->bar[c] != 0;
		total += w[c] + (c > 0 ? 2 : 0);
	}
	/* too wide without bars: leave out the plain columns after the
	 * second, then the second, then bar columns from the right */
	for (size_t pass = 0; pass < 3 && total > o->width; pass++)
		for (size_t c = tb->ncols; c-- > 1 && total > o->width;) {
			if (w[c] < 0 || (pass == 0 && (c == 1 || tb->bar[c])) ||
			    (pass == 1 && tb->bar[c]))
				continue;
			total -= w[c] + 2;
			nbars -= tb->bar[c] != 0;
			w[c] = -1;
		}
	if (nbars > 0) {
		barw = (o->width - total - 2 * nbars) / nbars;
		barw = barw > BAR_MAX ? BAR_MAX : barw < 4 ? 0 : barw;
	}
	for (long r = -1; r < (long)tb->nrows; r++) {
		line = doc_page_line(page, block);
		doc_line_pad(line, GUTTER + 2);
		for (size_t c = 0; c < tb->ncols; c++) {
			const char *cell = r < 0 ? tb->header[c] :
			    tb->cells[(size_t)r * tb->ncols + c];
			int cw = (int)utf8_width(cell, strlen(cell));

			if (c == 0) {
				add_name(line, cell, w[0], o->ascii);
				continue;
			}
			if (w[c] < 0)
				continue;	/* left out: too narrow */
			doc_line_pad(line, 2);
			if (tb->bar[c] && barw > 0) {
				if (r < 0)
					doc_line_pad(line, barw + 1);
				else {
					add_bar(line, strtod(cell, NULL), hi,
					    barw, o->ascii);
					doc_line_pad(line, 1);
				}
			}
			doc_line_pad(line, w[c] - cw);
			doc_line_add_text(line, r < 0 ? DOC_LABEL : DOC_OUTPUT,
			    cell, strlen(cell), o->ascii);
		}
	}
	free(w);
}

/* One row of a strip: the name, the bottom of its range, the glyphs,
 * "to" and the top ("marker  0 ____|____|__ to 1"); in a narrow page
 * the name and the glyphs only. */
static void
strip_row(struct doc_page *page, int block, const struct sim_series *s,
    int namew, int chartw, int narrow, const struct doc_opts *o)
{
	struct spark_opts so;
	struct spark_chart chart;
	struct doc_line *line;
	size_t len;

	spark_opts_init(&so);
	so.glyphs = o->ascii ? SPARK_ASCII : SPARK_UTF8;
	so.scale = s->row == SIM_ROW_LOG ? SPARK_LOG : SPARK_LINEAR;
	so.has_range = s->has_range != 0;
	so.lo = s->lo;
	so.hi = s->hi;
	/* a marker, an opening gate, a peak of the gradient: a spike must
	 * survive when several steps share a column */
	so.reduce = SPARK_REDUCE_MAXABS;
	so.stretch = 1;
	if (spark_render(&chart, s->v, s->n, chartw, &so, NULL) < 0) {
		error_line(page, block, "cannot draw this row", o);
		return;
	}
	line = doc_page_line(page, block);
	doc_line_pad(line, GUTTER + 2);
	add_name(line, s->name, namew, o->ascii);
	doc_line_pad(line, 1);
	if (!narrow) {
		add_label(line, chart.label_lo);
		doc_line_pad(line, 1);
	}
	len = strlen(chart.rows[0]);
	while (len > 0 && chart.rows[0][len - 1] == ' ')
		len--;
	doc_line_add(line, DOC_CHART, chart.rows[0], len,
	    (int)utf8_width(chart.rows[0], len));
	if (!narrow) {
		doc_line_pad(line, 1 + chartw - (int)utf8_width(chart.rows[0],
		    len));
		add_label(line, "to ");
		add_label(line, chart.label_hi + strspn(chart.label_hi, " "));
	}
	spark_chart_free(&chart);
}

/* Series first..last-1 of ans, a strip: one row each over the same
 * steps, the columns of every row at the same places, each row on its
 * own range (a log one for SIM_ROW_LOG), and under them the step axis,
 * its first and last step at the ends. */
static void
strip(struct doc_page *page, int block, const struct sim_result *ans,
    size_t first, size_t last, const struct doc_opts *o)
{
	int namew = 0, chartw, narrow, cols;
	size_t maxn = 0;
	struct doc_line *line;
	char lo[32], hi[32];

	for (size_t i = first; i < last; i++) {
		const struct sim_series *s = &ans->series[i];
		int w = (int)utf8_width(s->name, strlen(s->name));

		namew = w > namew ? w : namew;
		maxn = s->n > maxn ? s->n : maxn;
	}
	namew = namew < NAME_MAX_WIDTH ? namew : NAME_MAX_WIDTH;
	chartw = o->width - GUTTER - 2 - namew - 1 - 2 * (SPARK_LABEL_WIDTH +
	    1) - 3;
	narrow = chartw < NARROW_CHART;
	if (narrow)
		chartw = o->width - GUTTER - 2 - namew - 1;
	if (chartw < 1)
		chartw = 1;
	/* fewer steps than columns: each step a whole number of columns */
	if (maxn > 0 && maxn < (size_t)chartw)
		chartw = (int)(maxn * ((size_t)chartw / maxn));
	for (size_t i = first; i < last; i++)
		strip_row(page, block, &ans->series[i], namew, chartw, narrow,
		    o);
	if (maxn == 0)
		return;
	snprintf(lo, sizeof lo, "%s=%ld", ans->step_name != NULL ?
	    ans->step_name : "step", ans->step_first);
	snprintf(hi, sizeof hi, "%ld", ans->step_first + (long)maxn - 1);
	cols = chartw - (int)strlen(lo) - (int)strlen(hi);
	line = doc_page_line(page, block);
	doc_line_pad(line, GUTTER + 2 + namew + 1 + (narrow ? 0 :
	    SPARK_LABEL_WIDTH + 1));
	add_label(line, lo);
	if (cols >= 1) {
		doc_line_pad(line, cols);
		add_label(line, hi);
	}
}

/* What a trained model said about the reader's text: the first note heads
 * it, then a chart of every series (on the series' own range when it has
 * one: a probability is drawn from 0 to 1) or, for row series, a strip of
 * rows, its tables, then the other notes. */
static void
answer(struct doc_page *page, int block, const struct sim_result *ans,
    const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + 2,
		.marker_indent = GUTTER, .style = DOC_OUTPUT, .block = block,
		.ascii = o->ascii,
	};

	for (size_t i = 0; i < ans->nnotes && i < 1; i++)
		doc_wrap(page, ans->notes[i], strlen(ans->notes[i]), &w);
	for (size_t i = 0; i < ans->nseries; i++) {
		const struct sim_series *s = &ans->series[i];
		char *name = s->name;
		struct lesson_chart c;

		if (s->row != SIM_ROW_NONE) {
			size_t end = i + 1;

			while (end < ans->nseries &&
			    ans->series[end].row != SIM_ROW_NONE)
				end++;
			strip(page, block, ans, i, end, o);
			i = end - 1;
			continue;
		}
		memset(&c, 0, sizeof c);
		c.series = &name;
		c.nseries = 1;
		c.height = 2;
		c.scale = s->has_range ? LESSON_SCALE_LINEAR : LESSON_SCALE_AUTO;
		c.has_range = s->has_range != 0;
		c.lo = s->lo;
		c.hi = s->hi;
		c.caption = s->label;
		chart(page, block, &c, ans, NULL, o);
	}
	for (size_t i = 0; i < ans->ntables; i++)
		answer_table(page, block, &ans->tables[i], o);
	for (size_t i = 1; i < ans->nnotes; i++)
		doc_wrap(page, ans->notes[i], strlen(ans->notes[i]), &w);
}

/* How a line about the run itself is set: "> " in the gutter, then the
 * words (a note waiting for Enter, progress, how a run ended). */
static struct doc_wrap
note_wrap(int block, const struct doc_opts *o)
{
	return (struct doc_wrap){
		.width = o->width, .indent = GUTTER + 2, .marker = "> ",
		.marker_style = DOC_KNOB_SELECTED, .marker_indent = GUTTER,
		.style = DOC_CAPTION, .block = block, .ascii = o->ascii,
	};
}

/* A slow simulation not yet run, or still running: its note (a request to
 * start it, or its progress) and the charts of what it has so far. */
static void
pending(struct doc_page *page, const struct lesson_block *b, int block,
    const struct doc_block_state *st, const struct doc_opts *o)
{
	struct doc_wrap w = note_wrap(block, o);

	doc_wrap(page, st->note, strlen(st->note), &w);
	if (st->result != NULL)
		for (size_t i = 0; i < b->sim.ncharts; i++)
			if (chart_ready(&b->sim.charts[i], st->result))
				chart(page, block, &b->sim.charts[i], st->result,
				    NULL, o);
}

/* What the run says about itself (how it ended, say), under its charts. */
static void
notes(struct doc_page *page, int block, const struct sim_result *res,
    const struct doc_opts *o)
{
	struct doc_wrap w = note_wrap(block, o);

	for (size_t i = 0; i < res->nnotes; i++)
		doc_wrap(page, res->notes[i], strlen(res->notes[i]), &w);
}

/* One template field "{name:FMT}" filled from res and args (a parameter)
 * into out (reset first);
 * 0 when res cannot fill it. */
static int
fill_field(struct strbuf *out, const char *field, size_t len,
    const struct sim_result *res, const struct sim_args *args)
{
	char *tmpl = xstrndup(field, len), *cause = NULL;
	size_t where;
	int rc;

	strbuf_reset(out);
	rc = doc_template_fill(out, tmpl, res, args, &cause, &where);
	free(cause);
	free(tmpl);
	return rc == 0;
}

/* What stands before a template field on its line, as its name: "memory"
 * for "memory: {memory} steps", the field's own name when nothing does. */
static char *
field_label(const char *from, const char *field, size_t len)
{
	const char *end = field;
	size_t n;

	while (end > from && strchr(" \t:=", end[-1]) != NULL)
		end--;
	while (from < end && strchr(" \t", *from) != NULL)
		from++;
	if (end > from)
		return xstrndup(from, (size_t)(end - from));
	n = strcspn(field + 1, ":}[");
	return xstrndup(field + 1, n < len - 1 ? n : len - 1);
}

/* Add "LABEL WAS -> NOW" to the list in sb when the two differ. */
static void
add_change(struct strbuf *sb, const char *label, const char *was,
    const char *now, const struct doc_opts *o)
{
	if (strcmp(was, now) == 0)
		return;
	strbuf_addf(sb, "%s%s %s %s %s", sb->len > 0 ? "; " : "", label, was,
	    o->ascii ? "->" : "\xE2\x86\x92", now);
}

/* The numbers the output template prints, those that changed since the
 * previous run. */
static void
template_changes(struct strbuf *sb, const char *tmpl,
    const struct sim_result *res, const struct sim_args *args,
    const struct sim_result *prev, const struct sim_args *prev_args,
    const struct doc_opts *o)
{
	struct strbuf was, now;
	const char *p = tmpl, *from = tmpl;

	strbuf_init(&was);
	strbuf_init(&now);
	while ((p = strchr(p, '{')) != NULL) {
		const char *close;
		size_t len;

		if (p[1] == '{') {
			p += 2;
			continue;
		}
		close = strchr(p, '}');
		if (close == NULL)
			break;
		len = (size_t)(close - p) + 1;
		/* the label starts after the last line break before p */
		for (const char *q = from; q < p; q++)
			if (*q == '\n')
				from = q + 1;
		if (fill_field(&was, p, len, prev, prev_args) &&
		    fill_field(&now, p, len, res, args)) {
			char *label = field_label(from, p, len);

			add_change(sb, label, was.s, now.s, o);
			free(label);
		}
		p = from = close + 1;
	}
	strbuf_free(&was);
	strbuf_free(&now);
}

/* The newest value of every charted series, those that changed since the
 * previous run. */
static void
series_changes(struct strbuf *sb, const struct lesson_block *b,
    const struct sim_result *res, const struct sim_result *prev,
    const struct doc_opts *o)
{
	for (size_t i = 0; i < b->sim.ncharts; i++)
		for (size_t j = 0; j < b->sim.charts[i].nseries; j++) {
			const char *name = b->sim.charts[i].series[j];
			const struct sim_series *s = sim_result_series(res, name);
			const struct sim_series *t = sim_result_series(prev, name);
			char was[32], now[32];

			if (s == NULL || t == NULL || s->n == 0 || t->n == 0)
				continue;
			spark_format_number(was, t->v[t->n - 1], 3);
			spark_format_number(now, s->v[s->n - 1], 3);
			add_change(sb, name, was, now, o);
		}
}

/* "was -> now: memory 44 -> 7; final 0.0122 -> 4.15e-19": the headline
 * numbers of the previous run beside the current ones (the template's
 * fields, or the charted series' newest values). */
static void
changes(struct doc_page *page, const struct lesson_block *b, int block,
    const struct sim_result *res, const struct sim_args *args,
    const struct sim_result *prev, const struct sim_args *prev_args,
    const struct doc_opts *o)
{
	const char *arrow = o->ascii ? "->" : "\xE2\x86\x92";
	char *marker = xasprintf("was %s now: ", arrow);
	struct doc_wrap w = note_wrap(block, o);
	struct strbuf sb;

	strbuf_init(&sb);
	if (b->sim.output != NULL)
		template_changes(&sb, b->sim.output, res, args, prev,
		    prev_args, o);
	else
		series_changes(&sb, b, res, prev, o);
	if (sb.len == 0)
		strbuf_addf(&sb, "no number changed");
	w.marker = marker;
	w.marker_style = DOC_LABEL;
	w.indent = GUTTER + (int)utf8_width(marker, strlen(marker));
	w.style = DOC_LABEL;
	doc_wrap(page, sb.s, sb.len, &w);
	strbuf_free(&sb);
	free(marker);
}

/* See simblock.h. */
char *
doc_sim_command(const struct sim_args *args)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "rnntutor sim %s", args->spec->name);
	for (size_t i = 0; i < args->spec->nparams; i++) {
		const struct sim_param_spec *ps = &args->spec->params[i];
		char *value = sim_args_format(args, i);
		int is_default = ps->type == SIM_TEXT ? value[0] == '\0' :
		    args->num[i] == ps->def;

		if (!is_default && value[strspn(value, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-/:,")] == '\0') {
			strbuf_addf(&sb, " %s=%s", ps->name, value);
		} else if (!is_default) {
			/* a sentence: quoted for a POSIX shell, ' as '\'' */
			strbuf_addf(&sb, " '%s=", ps->name);
			for (const char *c = value; *c != '\0'; c++)
				if (*c == '\'')
					strbuf_adds(&sb, "'\\''");
				else
					strbuf_addn(&sb, *c, 1);
			strbuf_adds(&sb, "'");
		}
		free(value);
	}
	return strbuf_detach(&sb);
}

/* What a block that waits for its result says instead. */
static void
waiting(struct doc_page *page, int block, enum doc_wait why,
    const struct sim_args *args, const struct doc_opts *o)
{
	struct doc_wrap w = note_wrap(block, o);
	char *text, *cmd;

	switch (why) {
	case DOC_WAIT_TRAINS:
		text = xstrdup(o->focus == block ? "This simulation trains a "
		    "network: press Enter to train it (Esc stops)." : "This "
		    "simulation trains a network: Tab to it, then press Enter.");
		break;
	case DOC_WAIT_BUDGET:
		cmd = doc_sim_command(args);
		text = xasprintf("Not run here: it takes about %.0f s. Open the "
		    "lesson in rnntutor, or run: %s", ceil(sim_cost(args)), cmd);
		free(cmd);
		break;
	default:
		text = xstrdup("Computing...");
		break;
	}
	doc_wrap(page, text, strlen(text), &w);
	free(text);
	page->blocks[block].wait = why;
}

/* See layout.h. */
int
doc_predict_close(const struct lesson_predict *p, double guess, double value)
{
	if (p->decades > 0) {
		if (guess <= 0 || value <= 0)
			return guess == value;
		return fabs(log10(guess) - log10(value)) <= p->decades;
	}
	if (p->tolerance >= 0)
		return fabs(guess - value) <= p->tolerance;
	return fabs(guess - value) <= 0.1 * fabs(value);
}

/* The prediction's question, with its choices or how to answer. */
static void
predict_ask(struct doc_page *page, const struct lesson_predict *p, int block,
    const struct doc_predict_state *ps, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + 9, .marker = "Predict: ",
		.marker_style = DOC_QUIZ, .marker_indent = GUTTER,
		.style = DOC_QUIZ, .block = block, .ascii = o->ascii,
	};
	char *msg;

	doc_wrap(page, p->ask, strlen(p->ask), &w);
	for (size_t i = 0; i < p->nchoices; i++) {
		char marker[8];

		snprintf(marker, sizeof marker, "%c)", (char)('a' + i));
		w.marker = marker;
		w.marker_style = ps != NULL && ps->committed && ps->choice == i ?
		    DOC_ANSWER : DOC_BULLET;
		w.marker_indent = GUTTER + 2;
		w.indent = GUTTER + 5;
		w.style = DOC_CHOICE;
		doc_wrap(page, p->choices[i], strlen(p->choices[i]), &w);
	}
	if (ps == NULL || ps->committed)
		return;
	msg = xstrdup(p->choices != NULL ? "Guess first: press a letter. The "
	    "chart and output show once you have." : "Guess first: press "
	    "Enter and type a number. The chart and output show once you "
	    "have.");
	w = note_wrap(block, o);
	doc_wrap(page, msg, strlen(msg), &w);
	free(msg);
}

/* The guess beside what the simulation computed (committed, or print). */
static void
predict_result(struct doc_page *page, const struct lesson_predict *p,
    int block, const struct doc_predict_state *ps,
    const struct sim_result *res, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + 2,
		.marker_indent = GUTTER, .style = DOC_ANSWER,
		.marker_style = DOC_ANSWER, .block = block, .ascii = o->ascii,
	};
	const struct sim_scalar *sc = p->scalar != NULL ?
	    sim_result_scalar(res, p->scalar) : NULL;
	char *msg;
	int close;

	if (p->choices != NULL) {
		close = ps != NULL && ps->choice == p->answer;
		msg = ps == NULL ? xasprintf("The result says %c) %s.",
		    (char)('a' + p->answer), p->choices[p->answer]) :
		    close ? xasprintf("You predicted %c): right.",
		    (char)('a' + ps->choice)) :
		    xasprintf("You predicted %c); the result says %c) %s.",
		    (char)('a' + ps->choice), (char)('a' + p->answer),
		    p->choices[p->answer]);
	} else if (sc == NULL) {
		msg = xasprintf("Prediction: the result has no scalar '%s'.",
		    p->scalar);
		close = 0;
	} else if (ps == NULL) {
		msg = xasprintf("The simulation gives %s = %.4g.", p->scalar,
		    sc->value);
		close = 1;
	} else {
		close = doc_predict_close(p, ps->value, sc->value);
		if (p->decades > 0 && ps->value > 0 && sc->value > 0)
			msg = xasprintf("You predicted %.4g; the simulation "
			    "gives %s = %.4g: %s (%.1f orders of magnitude "
			    "apart).", ps->value, p->scalar, sc->value,
			    close ? "close" : "not close",
			    fabs(log10(ps->value) - log10(sc->value)));
		else
			msg = xasprintf("You predicted %.4g; the simulation "
			    "gives %s = %.4g: %s.", ps->value, p->scalar,
			    sc->value, close ? "close" : "not close");
	}
	w.marker = ps == NULL ? "> " : close ? "\xE2\x9C\x93 " :
	    "\xE2\x9C\x97 ";
	if (ps != NULL && !close)
		w.style = w.marker_style = DOC_WRONG;
	doc_wrap(page, msg, strlen(msg), &w);
	free(msg);
}

/* The result of a block, if this layout may have it: from the cache, or
 * run now when its pace and the layout's run mode and budget allow.
 * Returns 0 with *res, 1 with *why (it waits), or -1 with messages. */
static int
obtain(const struct sim_result **res, struct sim_result *own,
    const struct sim_args *args, const struct doc_opts *o,
    struct diag_list *diags, enum doc_wait *why)
{
	enum sim_pace pace;

	*res = NULL;
	if (o->cache != NULL && sim_cache_get(o->cache, args, res, diags))
		return *res != NULL ? 0 : -1;
	pace = sim_pace(args);
	*why = pace == SIM_PACE_TRAINS ? DOC_WAIT_TRAINS : DOC_WAIT_HEAVY;
	if (o->run == DOC_RUN_NONE ||
	    (o->run == DOC_RUN_FAST && pace != SIM_PACE_FAST))
		return 1;
	if (pace != SIM_PACE_FAST && o->budget != NULL) {
		double cost = sim_cost(args);

		if (cost > *o->budget) {
			*why = DOC_WAIT_BUDGET;
			return 1;
		}
		*o->budget -= cost;
	}
	if (o->cache != NULL)
		return sim_cache_run(o->cache, args, res, diags) == SIM_OK ? 0 :
		    -1;
	if (sim_run(own, args, diags) < 0)
		return -1;
	*res = own;
	return 0;
}

/* The result of the settings before the last knob turn, when the cache
 * holds it (a layout never runs it again), or NULL. Called after the
 * current result is obtained: a cache lookup adds nothing, so both stay
 * valid. */
static const struct sim_result *
previous(const struct doc_block_state *st, const struct doc_opts *o)
{
	const struct sim_result *res = NULL;
	struct diag_list diags;

	if (st == NULL || st->prev_args == NULL || o->cache == NULL)
		return NULL;
	diag_list_init(&diags);
	sim_cache_get(o->cache, st->prev_args, &res, &diags);
	diag_list_free(&diags);
	return res;
}

/* See simblock.h. */
void
doc_layout_sim(struct doc_page *page, const struct lesson *lesson,
    const struct lesson_block *b, int block, const struct doc_opts *o)
{
	const struct doc_block_state *st = o->state != NULL ? &o->state[block] :
	    NULL;
	struct diag_list diags;
	struct sim_args own;
	struct sim_result own_res;
	const struct sim_args *args = &own;
	const struct sim_result *res = NULL;
	enum doc_wait why = DOC_WAIT_NONE;
	int have_args, rc;

	diag_list_init(&diags);
	sim_result_init(&own_res);
	if (page->nlines > 0 && page->lines[page->nlines - 1].nspans != 0)
		doc_page_line(page, block);
	header(page, b, block, o);
	if (b->sim.predict.ask != NULL) {
		predict_ask(page, &b->sim.predict, block, st != NULL ?
		    &st->predict : NULL, o);
		if (st != NULL && !st->predict.committed && !o->reveal)
			goto done;	/* no knobs, chart or output before a guess */
	}
	have_args = doc_sim_args(&own, lesson, b, &diags) == 0;
	if (sim_find(b->sim.name) == NULL) {
		error_line(page, block, diags.v[0].msg, o);
		goto done;
	}
	if (st != NULL && st->args != NULL) {
		args = st->args;
		have_args = 1;
	}
	if (!have_args) {
		for (size_t i = 0; i < diags.n; i++)
			error_line(page, block, diags.v[i].msg, o);
		goto free_args;
	}
	knob_line(page, b, block, args, o);
	if (st != NULL && st->command) {
		/* verbatim output, broken (with a backslash, as a shell
		 * continues a line) only between words */
		char *cmd = doc_sim_command(args);

		doc_layout_verbatim(page, cmd, block, DOC_OUTPUT, o);
		free(cmd);
	}
	if (st != NULL && st->note != NULL) {
		pending(page, b, block, st, o);
	} else {
		if (st != NULL && st->result != NULL) {
			res = st->result;
			rc = 0;
		} else {
			rc = obtain(&res, &own_res, args, o, &diags, &why);
		}
		if (rc < 0) {
			for (size_t i = 0; i < diags.n; i++)
				error_diag(page, block, lesson, &diags.v[i], o);
			goto free_args;
		}
		if (rc > 0) {
			waiting(page, block, why, args, o);
		} else {
			const struct sim_result *prev = previous(st, o);

			for (size_t i = 0; i < b->sim.ncharts; i++)
				chart(page, block, &b->sim.charts[i], res, prev,
				    o);
			if (b->sim.output != NULL)
				output(page, block, b->sim.output, res, args,
				    o);
			if (prev != NULL)
				changes(page, b, block, res, args, prev,
				    st->prev_args, o);
			notes(page, block, res, o);
			if (b->sim.predict.ask != NULL && (o->reveal ||
			    (st != NULL && st->predict.committed)))
				predict_result(page, &b->sim.predict, block,
				    st != NULL && st->predict.committed ?
				    &st->predict : NULL, res, o);
		}
	}
	if (st != NULL && st->answer != NULL)
		answer(page, block, st->answer, o);
	if (b->sim.try_text != NULL) {
		struct doc_wrap w = {
			.width = o->width, .indent = GUTTER + 10,
			.marker = "Try this: ", .marker_style = DOC_TRY,
			.marker_indent = GUTTER, .style = DOC_TRY,
			.block = block, .ascii = o->ascii,
		};

		doc_wrap(page, b->sim.try_text, strlen(b->sim.try_text), &w);
	}
free_args:
	sim_args_free(&own);
done:
	sim_result_free(&own_res);
	diag_list_free(&diags);
}

/* A page of its own for a result or an answer laid out outside a lesson,
 * its width (in *o) held to what a page allows. */
static struct doc_page *
own_page(struct doc_opts *o)
{
	if (o->width < DOC_MIN_WIDTH)
		o->width = DOC_MIN_WIDTH;
	if (o->width > DOC_MAX_WIDTH)
		o->width = DOC_MAX_WIDTH;
	return doc_page_create(o->width, 0);
}

/* See simblock.h. */
struct doc_page *
doc_layout_result(const struct sim_result *res, const struct doc_opts *opts)
{
	struct doc_opts o = *opts;
	struct doc_page *page;

	page = own_page(&o);
	for (size_t i = 0; i < res->nseries; i++) {
		char *name = res->series[i].name;
		struct lesson_chart c;

		memset(&c, 0, sizeof c);
		c.series = &name;
		c.nseries = 1;
		c.height = 2;
		c.scale = LESSON_SCALE_AUTO;
		c.caption = res->series[i].label;
		chart(page, -1, &c, res, NULL, &o);
		doc_page_line(page, -1);
	}
	return page;
}

/* See simblock.h: the TUI's layout of an answer, on a page of its own. */
struct doc_page *
doc_layout_answer(const struct sim_result *ans, const struct doc_opts *opts)
{
	struct doc_opts o = *opts;
	struct doc_page *page;

	page = own_page(&o);
	answer(page, -1, ans, &o);
	return page;
}
