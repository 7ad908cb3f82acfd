#include "config.h"

#include "cli/check.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "doc/template.h"
#include "lesson/course.h"
#include "lesson/expect.h"
#include "core/suggest.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The lesson's own value of a parameter, when it sets one. */
static const struct lesson_param *
lesson_param(const struct lesson_sim *s, const char *name)
{
	for (size_t i = 0; i < s->nparams; i++)
		if (strcmp(s->params[i].name, name) == 0)
			return &s->params[i];
	return NULL;
}

/* A knob must name a parameter and stay inside the registry's range, and
 * the lesson's starting value must be one the knob can reach. */
static void
check_knobs(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_spec *spec, const struct sim_args *args,
    struct diag_list *diags)
{
	for (size_t i = 0; i < s->nknobs; i++) {
		const struct lesson_knob *k = &s->knobs[i];
		const struct sim_param_spec *p;
		size_t index;

		if (k->name == NULL)
			continue;
		p = sim_param_find(spec, k->name, &index);
		if (p == NULL) {
			diag_add(diags, DIAG_ERROR, l->file, k->pos.line, k->pos.col,
			    "knob '%s': simulation %s has no such parameter",
			    k->name, spec->name);
			continue;
		}
		if (p->type == SIM_TEXT)
			diag_add(diags, DIAG_ERROR, l->file, k->pos.line, k->pos.col,
			    "knob '%s': a text parameter cannot be a knob", k->name);
		if ((k->has_min && k->min < p->min) ||
		    (k->has_max && k->max > p->max))
			diag_add(diags, DIAG_WARNING, l->file, k->pos.line,
			    k->pos.col, "knob '%s': range is outside what %s allows "
			    "(%g to %g); the wider part is unreachable", k->name,
			    spec->name, p->min, p->max);
		if ((k->has_min && args->num[index] < k->min) ||
		    (k->has_max && args->num[index] > k->max)) {
			const struct lesson_param *lp = lesson_param(s, k->name);
			struct lesson_pos at = lp != NULL ? lp->pos : k->pos;

			diag_add(diags, DIAG_WARNING, l->file, at.line, at.col,
			    "parameter '%s' = %g is outside its knob's range "
			    "(%g to %g): the first turn of the knob jumps", k->name,
			    args->num[index], k->has_min ? k->min : p->min,
			    k->has_max ? k->max : p->max);
		}
	}
}

/* Verbatim lines (code, filled output) must fit an 80-column page. */
static void
check_width(const struct lesson *l, struct lesson_pos at, const char *what,
    const char *text, struct diag_list *diags)
{
	const char *p = text;
	int n = 1;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		size_t w = utf8_width(p, len);

		if (w > LESSON_LINE_WIDTH)
			diag_add(diags, DIAG_WARNING, l->file, at.line, at.col,
			    "%s line %d is %zu columns wide; at most %d fit an "
			    "80-column page beside the indent", what, n, w,
			    LESSON_LINE_WIDTH);
		p += len + (p[len] == '\n');
		n++;
	}
}

/* Where byte offset of a block's output template is in the file: its own
 * line and column where the template's lines are the file's, else the
 * output key's value. */
static struct lesson_pos
template_pos(const struct lesson_sim *s, size_t offset)
{
	struct lesson_pos at = s->output_body;
	const char *line = s->output;

	if (s->output_indent < 0)
		return s->output_pos;

	for (const char *p = s->output; p < s->output + offset; p++)
		if (*p == '\n') {
			if (s->output_indent == 0)
				return s->output_pos;
			at.line++;
			at.col = s->output_indent;
			line = p + 1;
		}
	for (const char *p = line; p < s->output + offset; p++)
		at.col += ((unsigned char)*p & 0xC0) != 0x80;
	return at;
}

/* The names an expectation could have meant: the result's scalars. */
static const char *
nearest_scalar(const struct sim_result *res, const char *name)
{
	const char *names[64];
	size_t n = 0;

	for (size_t i = 0; i < res->nscalars && n < 64; i++)
		names[n++] = res->scalars[i].name;
	return suggest_nearest(name, names, n);
}

/* Each expectation must hold at the block's own parameters. */
static void
check_expects(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_result *res, struct diag_list *diags)
{
	for (size_t i = 0; i < s->nexpects; i++) {
		const struct lesson_expect *e = &s->expects[i];
		char *cause, got[SIM_NUMBER_MAX];
		double v;

		if (doc_template_value(res, e->name, &v, &cause) < 0) {
			const char *near = nearest_scalar(res, e->name);

			diag_add(diags, DIAG_ERROR, l->file, e->pos.line,
			    e->pos.col, "expect: %s%s%s%s", cause,
			    near != NULL ? " (did you mean '" : "",
			    near != NULL ? near : "", near != NULL ? "'?)" : "");
			free(cause);
			continue;
		}
		if (lesson_expect_holds(e, v))
			continue;
		sim_format_double(got, v, 6);
		diag_add(diags, DIAG_ERROR, l->file, e->pos.line, e->pos.col,
		    "expect: %s is %s at the lesson's parameters, expected %s",
		    e->name, got, e->text);
	}
}

/* Every chart series and the output template must match the result, and
 * every expectation hold. */
static void
check_result(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_args *args, const struct sim_result *res,
    struct diag_list *diags)
{
	for (size_t i = 0; i < s->ncharts; i++)
		for (size_t j = 0; j < s->charts[i].nseries; j++)
			if (sim_result_series(res, s->charts[i].series[j]) == NULL)
				diag_add(diags, DIAG_ERROR, l->file,
				    s->charts[i].pos.line, s->charts[i].pos.col,
				    "chart: simulation %s has no series '%s'",
				    s->name, s->charts[i].series[j]);
	if (s->predict.scalar != NULL &&
	    sim_result_scalar(res, s->predict.scalar) == NULL) {
		struct strbuf names;

		strbuf_init(&names);
		for (size_t i = 0; i < res->nscalars; i++)
			strbuf_addf(&names, "%s%s", i == 0 ? "" : ", ",
			    res->scalars[i].name);
		diag_add(diags, DIAG_ERROR, l->file, s->predict.scalar_pos.line,
		    s->predict.scalar_pos.col, "predict: simulation %s has no "
		    "scalar '%s' (it has: %s)", s->name, s->predict.scalar,
		    res->nscalars > 0 ? names.s : "none");
		strbuf_free(&names);
	}
	if (s->output != NULL) {
		struct strbuf sb;
		char *cause;
		size_t where;

		strbuf_init(&sb);
		if (doc_template_fill(&sb, s->output, res, args, &cause,
		    &where) < 0) {
			struct lesson_pos at = template_pos(s, where);

			diag_add(diags, DIAG_ERROR, l->file, at.line, at.col,
			    "output: %s", cause);
			free(cause);
		} else {
			check_width(l, s->output_pos, "output", sb.s, diags);
		}
		strbuf_free(&sb);
	}
	check_expects(l, s, res, diags);
}

/* Run a sim block with the lesson's parameters and check what it names. */
static void
check_sim(const struct lesson *l, const struct lesson_block *b,
    double *budget, struct diag_list *diags)
{
	struct sim_args args;
	struct sim_result res;
	const struct sim_spec *spec = sim_find(b->sim.name);

	if (doc_sim_args(&args, l, b, diags) < 0) {
		if (spec != NULL)
			sim_args_free(&args);
		return;
	}
	check_knobs(l, &b->sim, spec, &args, diags);
	if (sim_pace(&args) != SIM_PACE_FAST && budget != NULL) {
		double cost = sim_cost(&args);

		if (cost > *budget) {
			diag_add(diags, DIAG_WARNING, l->file, b->pos.line,
			    b->pos.col, "simulation %s not run: it takes about "
			    "%.0f s, over the budget of %.0f s left (--budget "
			    "SECONDS); its charts, output and expect were not "
			    "checked",
			    spec->name, ceil(cost), *budget);
			sim_args_free(&args);
			return;
		}
		*budget -= cost;
	}
	sim_result_init(&res);
	if (sim_run(&res, &args, diags) == 0)
		check_result(l, &b->sim, &args, &res, diags);
	sim_result_free(&res);
	sim_args_free(&args);
}

/* See check.h. */
void
cli_check_lesson(const struct lesson *l, double *budget,
    struct diag_list *diags)
{
	for (size_t i = 0; i < l->nblocks; i++) {
		const struct lesson_block *b = &l->blocks[i];

		if (b->kind == LESSON_SIM)
			check_sim(l, b, budget, diags);
		else if (b->kind == LESSON_CODE)
			check_width(l, b->pos, "code", b->text, diags);
	}
}

/* See check.h. */
size_t
cli_check_files(const char *const *files, size_t n, double *budget,
    struct diag_list *diags)
{
	struct lesson **lessons;
	size_t before = diags->nerrors;

	course_check_files(files, n, diags, &lessons);
	for (size_t i = 0; i < n; i++) {
		if (lessons[i] != NULL)
			cli_check_lesson(lessons[i], budget, diags);
		lesson_destroy(lessons[i]);
	}
	free(lessons);
	return diags->nerrors - before;
}
