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
#define NAME_MAX_WIDTH 10

_Static_assert(LESSON_MAX_CHART_HEIGHT <= SPARK_MAX_HEIGHT,
    "every chart height the loader accepts can be drawn");

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

		if (sim_args_set(args, p->name, p->value, diags, lesson->file,
		    p->pos.line, p->pos.col) < 0)
			rc = -1;
	}
	return rc;
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

/* The display width of the widest series name of a chart. */
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

	while (utf8_width(shown, len) > (size_t)w)
		len--;
	while (len > 0 && ((unsigned char)shown[len] & 0xC0) == 0x80)
		len--;		/* do not cut a character in two */
	doc_line_add(line, DOC_LABEL, shown, len, (int)utf8_width(shown, len));
	doc_line_pad(line, w - (int)utf8_width(shown, len));
	free(shown);
}

/* A label field, trimmed of the padding the chart module gives it. */
static void
add_label(struct doc_line *line, const char *label)
{
	doc_line_add(line, DOC_LABEL, label, strlen(label), (int)strlen(label));
}

/* One series of a chart: the range's top and bottom on the left, the rows,
 * the newest value on the right, and the one-line summary below. With one
 * row the bottom is on the left and the top on the right, like an axis. */
static void
chart_series(struct doc_page *page, int block, const struct sim_series *s,
    const struct spark_opts *so, const struct spark_range *range, int namew,
    int chartw, const struct doc_opts *o)
{
	struct doc_wrap w = {
		.width = o->width, .indent = GUTTER + namew + 1,
		.style = DOC_LABEL, .block = block, .ascii = o->ascii,
	};
	struct spark_chart chart;

	if (spark_render(&chart, s->v, s->n, chartw, so, range) < 0) {
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
		if (chart.height == 1 || last)
			add_label(line, chart.label_lo);
		else if (r == 0)
			add_label(line, chart.label_hi);
		else
			doc_line_pad(line, SPARK_LABEL_WIDTH);
		doc_line_pad(line, 1);
		while (len > 0 && chart.rows[r][len - 1] == ' ')
			len--;
		doc_line_add(line, DOC_CHART, chart.rows[r], len,
		    (int)utf8_width(chart.rows[r], len));
		if (chart.height == 1) {
			/* the range reads "LO ▁▂▃▅▇ to HI" */
			const char *hi = chart.label_hi + strspn(chart.label_hi, " ");

			doc_line_pad(line, 1 + chartw - (int)utf8_width(chart.rows[r],
			    len));
			add_label(line, "to ");
			add_label(line, hi);
		}
	}
	doc_wrap(page, chart.summary, strlen(chart.summary), &w);
	spark_chart_free(&chart);
}

/* A chart: every named series on one shared y-range. */
static void
chart(struct doc_page *page, int block, const struct lesson_chart *c,
    const struct sim_result *res, const struct doc_opts *o)
{
	const struct sim_series *series[LESSON_MAX_SERIES];
	const double *values[LESSON_MAX_SERIES];
	size_t n[LESSON_MAX_SERIES], maxn = 0;
	struct spark_opts so;
	struct spark_range range;
	int namew = name_width(c), chartw;

	for (size_t i = 0; i < c->nseries && i < LESSON_MAX_SERIES; i++) {
		series[i] = sim_result_series(res, c->series[i]);
		if (series[i] == NULL) {
			char *msg = xasprintf("no series called '%s' in this "
			    "simulation's result", c->series[i]);

			error_line(page, block, msg, o);
			free(msg);
			return;
		}
		values[i] = series[i]->v;
		n[i] = series[i]->n;
		if (n[i] > maxn)
			maxn = n[i];
	}
	spark_opts_init(&so);
	so.height = c->height;
	so.glyphs = o->ascii ? SPARK_ASCII : SPARK_UTF8;
	so.scale = c->scale == LESSON_SCALE_LOG ? SPARK_LOG :
	    c->scale == LESSON_SCALE_LINEAR ? SPARK_LINEAR : SPARK_AUTO;
	so.has_range = c->has_range;
	so.lo = c->lo;
	so.hi = c->hi;
	if (spark_range_of(&range, values, n, c->nseries, &so) < 0) {
		error_line(page, block, "this chart's range cannot be used", o);
		return;
	}
	so.reduce = reduce_for(c, &range);
	chartw = o->width - GUTTER - namew - 2 * (SPARK_LABEL_WIDTH + 1) - 4;
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
		chart_series(page, block, series[i], &so, &range, namew, chartw, o);
}

/* The filled output template, shown as program output. */
static void
output(struct doc_page *page, int block, const char *tmpl,
    const struct sim_result *res, const struct doc_opts *o)
{
	struct strbuf sb;
	char *cause;

	strbuf_init(&sb);
	if (doc_template_fill(&sb, tmpl, res, &cause) < 0) {
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

/* What a trained model said about the reader's text: the first note heads
 * it, then a chart of every series (on the series' own range when it has
 * one: a probability is drawn from 0 to 1), then the other notes. */
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

		memset(&c, 0, sizeof c);
		c.series = &name;
		c.nseries = 1;
		c.height = 2;
		c.scale = s->has_range ? LESSON_SCALE_LINEAR : LESSON_SCALE_AUTO;
		c.has_range = s->has_range != 0;
		c.lo = s->lo;
		c.hi = s->hi;
		c.caption = s->label;
		chart(page, block, &c, ans, o);
	}
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
				    o);
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

/* "rnntutor sim NAME k=v ...": the command that runs a block headless. */
static char *
command_line(const struct sim_args *args)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "rnntutor sim %s", args->spec->name);
	for (size_t i = 0; i < args->spec->nparams; i++) {
		const struct sim_param_spec *ps = &args->spec->params[i];
		char *value = sim_args_format(args, i);
		int is_default = ps->type == SIM_TEXT ? value[0] == '\0' :
		    args->num[i] == ps->def;

		if (!is_default)
			strbuf_addf(&sb, " %s=%s", ps->name, value);
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
		cmd = command_line(args);
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
				error_line(page, block, diags.v[i].msg, o);
			goto free_args;
		}
		if (rc > 0) {
			waiting(page, block, why, args, o);
		} else {
			for (size_t i = 0; i < b->sim.ncharts; i++)
				chart(page, block, &b->sim.charts[i], res, o);
			if (b->sim.output != NULL)
				output(page, block, b->sim.output, res, o);
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

/* See simblock.h. */
struct doc_page *
doc_layout_result(const struct sim_result *res, const struct doc_opts *opts)
{
	struct doc_opts o = *opts;
	struct doc_page *page;

	if (o.width < DOC_MIN_WIDTH)
		o.width = DOC_MIN_WIDTH;
	if (o.width > DOC_MAX_WIDTH)
		o.width = DOC_MAX_WIDTH;
	page = doc_page_create(o.width, 0);
	for (size_t i = 0; i < res->nseries; i++) {
		char *name = res->series[i].name;
		struct lesson_chart c;

		memset(&c, 0, sizeof c);
		c.series = &name;
		c.nseries = 1;
		c.height = 2;
		c.scale = LESSON_SCALE_AUTO;
		c.caption = res->series[i].label;
		chart(page, -1, &c, res, &o);
		doc_page_line(page, -1);
	}
	return page;
}
