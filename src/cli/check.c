#include "config.h"

#include "cli/check.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "doc/template.h"
#include "lesson/course.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

#define CHECK_WIDTH 80
#define CODE_WIDTH 76

/* A knob must name a parameter and stay inside the registry's range. */
static void
check_knobs(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_spec *spec, struct diag_list *diags)
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
	}
}

/* Every chart series and the output template must match the result. */
static void
check_result(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_result *res, struct diag_list *diags)
{
	for (size_t i = 0; i < s->ncharts; i++)
		for (size_t j = 0; j < s->charts[i].nseries; j++)
			if (sim_result_series(res, s->charts[i].series[j]) == NULL)
				diag_add(diags, DIAG_ERROR, l->file,
				    s->charts[i].pos.line, s->charts[i].pos.col,
				    "chart: simulation %s has no series '%s'",
				    s->name, s->charts[i].series[j]);
	if (s->output != NULL) {
		struct strbuf sb;
		char *cause;

		strbuf_init(&sb);
		if (doc_template_fill(&sb, s->output, res, &cause) < 0) {
			diag_add(diags, DIAG_ERROR, l->file, s->output_pos.line,
			    s->output_pos.col, "output: %s", cause);
			free(cause);
		}
		strbuf_free(&sb);
	}
}

/* Run a sim block with the lesson's parameters and check what it names. */
static void
check_sim(const struct lesson *l, const struct lesson_block *b,
    struct diag_list *diags)
{
	struct sim_args args;
	struct sim_result res;
	const struct sim_spec *spec = sim_find(b->sim.name);

	if (doc_sim_args(&args, l, b, diags) < 0) {
		if (spec != NULL)
			sim_args_free(&args);
		return;
	}
	check_knobs(l, &b->sim, spec, diags);
	sim_result_init(&res);
	if (sim_run(&res, &args, diags) == 0)
		check_result(l, &b->sim, &res, diags);
	sim_result_free(&res);
	sim_args_free(&args);
}

/* Code lines must fit the page beside their indent. */
static void
check_code(const struct lesson *l, const struct lesson_block *b,
    struct diag_list *diags)
{
	const char *p = b->text;
	int n = 1;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		size_t w = utf8_width(p, len);

		if (w > CODE_WIDTH)
			diag_add(diags, DIAG_WARNING, l->file, b->pos.line + n,
			    b->pos.col, "code line %d is %zu columns wide; at "
			    "most %d fit an 80-column page", n, w, CODE_WIDTH);
		p += len + (p[len] == '\n');
		n++;
	}
}

/* See check.h. */
void
cli_check_lesson(const struct lesson *l, struct diag_list *diags)
{
	for (size_t i = 0; i < l->nblocks; i++) {
		const struct lesson_block *b = &l->blocks[i];

		if (b->kind == LESSON_SIM)
			check_sim(l, b, diags);
		else if (b->kind == LESSON_CODE)
			check_code(l, b, diags);
	}
}

/* See check.h. */
size_t
cli_check_files(const char *const *files, size_t n, struct diag_list *diags)
{
	struct lesson **lessons;
	size_t before = diags->nerrors;

	course_check_files(files, n, diags, &lessons);
	for (size_t i = 0; i < n; i++) {
		if (lessons[i] != NULL)
			cli_check_lesson(lessons[i], diags);
		lesson_destroy(lessons[i]);
	}
	free(lessons);
	return diags->nerrors - before;
}
