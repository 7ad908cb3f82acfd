#include "config.h"

#include "cli/check.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "doc/template.h"
#include "lesson/course.h"
#include "lesson/expect.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/suggest.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <grp.h>
#include <libgen.h>
#include <math.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

/* The text of the lesson file being checked, to turn a place inside a
 * value (line 4 of a code block, a template's placeholder) into the file's
 * line and column. buf is NULL when the file cannot be read again (a
 * built-in lesson): then positions stay at the value. */
struct source {
	char *buf;
	size_t len;
};

static struct source src;	/* the file cli_check_lesson is checking */

/* The start of line `line` (1-based) of the source, or NULL. */
static const char *
source_line(int line, size_t *linelen)
{
	return diag_source_line(src.buf, src.len, line, linelen);
}

/* The byte at character column col (1-based) of a line, or 0. */
static char
char_at(const char *line, size_t len, int col)
{
	size_t i = 0;

	for (int c = 1; i < len; c++) {
		uint32_t cp;

		if (c == col)
			return line[i];
		i += utf8_decode(line + i, len - i, &cp);
	}
	return 0;
}

/* Where character c (1-based) of line n (1-based) of a value that starts
 * at `at` stands in the file: a block scalar ('|' or '>') has its lines
 * below the indicator, indented alike; a quoted or plain value starts on
 * the key's line (continuation lines are taken as starting at their
 * indentation). Without the source, the value's own position. */
static struct lesson_pos
value_pos(struct lesson_pos at, int n, int c)
{
	size_t len, next;
	const char *line = source_line(at.line, &len);
	char first;
	int indent = 0;

	if (line == NULL)
		return at;
	first = char_at(line, len, at.col);
	if (first == '|' || first == '>') {
		/* the block's indentation: that of its first non-blank line */
		for (int k = 1; ; k++) {
			const char *l = source_line(at.line + k, &next);

			if (l == NULL)
				break;
			indent = (int)strspn(l, " ");
			if ((size_t)indent < next)
				break;
		}
		return (struct lesson_pos){ .line = at.line + n,
		    .col = indent + c };
	}
	if (n == 1)
		return (struct lesson_pos){ .line = at.line, .col = at.col + c -
		    1 + (first == '"' || first == '\'') };
	line = source_line(at.line + n - 1, &next);
	indent = line != NULL ? (int)strspn(line, " ") : 0;
	return (struct lesson_pos){ .line = at.line + n - 1, .col = indent + c };
}

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
			const char *near = sim_param_suggest(spec, k->name);
			struct strbuf all;

			if (near != NULL)
				diag_add(diags, DIAG_ERROR, l->file, k->pos.line,
				    k->pos.col, "knob '%s': simulation %s has no "
				    "such parameter (did you mean '%s'?)", k->name,
				    spec->name, near);
			else
				diag_add(diags, DIAG_ERROR, l->file, k->pos.line,
				    k->pos.col, "knob '%s': simulation %s has no "
				    "such parameter", k->name, spec->name);
			strbuf_init(&all);
			for (size_t j = 0; j < spec->nparams; j++)
				strbuf_addf(&all, "%s%s", j > 0 ? ", " : "",
				    spec->params[j].name);
			diag_help(diags, "a knob turns one of the parameters of "
			    "%s: %s", spec->name, all.len > 0 ? all.s : "none");
			strbuf_free(&all);
			continue;
		}
		if (p->type == SIM_TEXT)
			diag_add(diags, DIAG_ERROR, l->file, k->pos.line, k->pos.col,
			    "knob '%s': a text parameter cannot be a knob", k->name);
		if ((k->has_min && k->min < p->min) ||
		    (k->has_max && k->max > p->max)) {
			/* at the end that is outside */
			struct lesson_pos at = k->has_min && k->min < p->min ?
			    k->min_pos : k->max_pos;

			diag_add(diags, DIAG_WARNING, l->file, at.line,
			    at.col, "knob '%s': range is outside what %s allows "
			    "(%g to %g); the wider part is unreachable", k->name,
			    spec->name, p->min, p->max);
		}
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

/* The character (1-based) of a line at which it passes max columns. */
static int
first_past(const char *line, size_t len, size_t max)
{
	size_t i = 0, w = 0;
	int c = 1;

	while (i < len) {
		uint32_t cp;
		size_t used = utf8_decode(line + i, len - i, &cp);

		w += utf8_width(line + i, used);
		if (w > max)
			return c;
		i += used;
		c++;
	}
	return c;
}

/* Verbatim lines (code, filled output) must fit an 80-column page; each
 * warning points at its own line of the file. at: the value's position;
 * filled: text is a filled template, so point at the template's line. */
static void
check_width(const struct lesson *l, struct lesson_pos at, const char *what,
    const char *text, int filled, struct diag_list *diags)
{
	const char *p = text;
	int n = 1;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		size_t w = utf8_width(p, len);

		if (w > LESSON_LINE_WIDTH) {
			struct lesson_pos pos = value_pos(at, n, filled ? 1 :
			    first_past(p, len, LESSON_LINE_WIDTH));

			diag_add(diags, DIAG_WARNING, l->file, pos.line, pos.col,
			    "this %s line is %zu columns wide%s; at most %d fit "
			    "an 80-column page beside the indent", what, w,
			    filled ? " once filled" : "", LESSON_LINE_WIDTH);
			diag_help(diags, "break the line%s", filled ?
			    ", or show fewer digits ({name:.3g})" : "");
		}
		p += len + (p[len] == '\n');
		n++;
	}
}

/* The series names of a result, "a, b, c", in sb. */
static void
series_list(struct strbuf *sb, const struct sim_result *res)
{
	for (size_t i = 0; i < res->nseries; i++)
		strbuf_addf(sb, "%s%s", i > 0 ? ", " : "", res->series[i].name);
}

/* A chart names a series the result does not have: say what it has. */
static void
unknown_series(const struct lesson *l, const struct lesson_sim *s,
    const struct lesson_chart *c, size_t j, const struct sim_result *res,
    struct diag_list *diags)
{
	const char *name = c->series[j];
	struct lesson_pos at = c->series_pos != NULL ? c->series_pos[j] :
	    c->pos;
	const char *names[64];
	size_t n = res->nseries < 64 ? res->nseries : 64;
	const char *near;
	struct strbuf all;

	for (size_t i = 0; i < n; i++)
		names[i] = res->series[i].name;
	strbuf_init(&all);
	series_list(&all, res);
	if (sim_result_scalar(res, name) != NULL) {
		diag_add(diags, DIAG_ERROR, l->file, at.line, at.col,
		    "chart: '%s' is a scalar of simulation %s, one number, not "
		    "a series to draw", name, s->name);
		diag_help(diags, "show it in the output template as {%s}; the "
		    "series of %s are: %s", name, s->name, all.s != NULL ?
		    all.s : "none");
	} else if ((near = suggest_nearest(name, names, n)) != NULL) {
		diag_add(diags, DIAG_ERROR, l->file, at.line, at.col,
		    "chart: simulation %s has no series '%s' (did you mean "
		    "'%s'?)", s->name, name, near);
		diag_help(diags, "the series of %s are: %s", s->name,
		    all.s != NULL ? all.s : "none");
	} else {
		diag_add(diags, DIAG_ERROR, l->file, at.line, at.col,
		    "chart: simulation %s has no series '%s'", s->name, name);
		diag_help(diags, "the series of %s are: %s", s->name,
		    all.s != NULL ? all.s : "none");
	}
	strbuf_free(&all);
}

/* The help for a placeholder that names no scalar: the list of them. */
static void
scalars_help(const struct lesson_sim *s, const struct sim_result *res,
    struct diag_list *diags)
{
	struct strbuf all;

	strbuf_init(&all);
	for (size_t i = 0; i < res->nscalars; i++)
		strbuf_addf(&all, "%s%s", i > 0 ? ", " : "",
		    res->scalars[i].name);
	diag_help(diags, "the scalars of %s are: %s; one value of a series "
	    "is {series[i]}, a parameter is {name}", s->name, all.s);
	strbuf_free(&all);
}

/* An output template that does not fill: the error at the placeholder's
 * own line and column (pos; off: its byte offset in the template), and
 * the fix when it is a brace meant literally, or the names there are. */
static void
template_error(const struct lesson *l, const struct lesson_sim *s,
    const struct sim_result *res, const char *cause, struct lesson_pos pos,
    long off, struct diag_list *diags)
{
	long open = off;

	diag_add(diags, DIAG_ERROR, l->file, pos.line, pos.col, "output: %s",
	    cause);
	/* the placeholder the offset falls in: back to its '{' */
	while (open > 0 && s->output[open] != '{' && s->output[open] != '}' &&
	    s->output[open - 1] != '\n')
		open--;
	if (open >= 0 && s->output[open] == '{') {
		const char *name = s->output + open + 1;
		size_t len = strcspn(name, "}\n");

		/* quotes are in no name or expression: a literal meant */
		if (len == 0 || memchr(name, '\'', len) != NULL ||
		    memchr(name, '"', len) != NULL || name[0] == '{')
			diag_help(diags, "to show a brace, write it twice: "
			    "{{%.*s}}", (int)len, name);
		else if (strstr(cause, "no result") != NULL &&
		    res->nscalars > 0)
			scalars_help(s, res, diags);
	} else if (off >= 0 && s->output[off] == '}') {
		diag_help(diags, "to show a brace, write it twice: }}");
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
			if (s->charts[i].series[j] != NULL &&
			    sim_result_series(res, s->charts[i].series[j]) == NULL)
				unknown_series(l, s, &s->charts[i], j, res,
				    diags);
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
			template_error(l, s, res, cause, template_pos(s, where),
			    (long)where, diags);
			free(cause);
		} else {
			check_width(l, s->output_pos, "output", sb.s, 1, diags);
		}
		strbuf_free(&sb);
	}
	check_expects(l, s, res, diags);
}

/* Hand a run's messages over; one about another file (a data file that
 * cannot be read) is said at the lesson's parameter that names it, with
 * the file's name, so the author sees both. */
static void
move_run_diags(const struct lesson *l, const struct lesson_sim *s,
    struct diag_list *run, struct diag_list *diags)
{
	for (size_t i = 0; i < run->n; i++) {
		const struct diag *d = &run->v[i];
		struct lesson_pos at;

		if (d->file == NULL || strcmp(d->file, l->file) == 0) {
			diag_add(diags, d->level, d->file, d->line, d->col, "%s",
			    d->msg);
			continue;
		}
		at = doc_sim_file_pos(s, d->file);
		if (d->line > 0)
			diag_add(diags, d->level, l->file, at.line, at.col,
			    "%s:%d:%d: %s", d->file, d->line, d->col, d->msg);
		else
			diag_add(diags, d->level, l->file, at.line, at.col,
			    "%s: %s", d->file, d->msg);
	}
	diag_list_clear(run);
}

/* Run a sim block with the lesson's parameters and check what it names.
 * A parameter that is wrong is reported and left at its default, so the
 * knobs, charts and output are still checked in the same run. */
static void
check_sim(const struct lesson *l, const struct lesson_block *b,
    double *budget, struct diag_list *diags)
{
	struct sim_args args;
	struct sim_result res;
	struct diag_list run;
	const struct sim_spec *spec = sim_find(b->sim.name);
	int params_ok;

	params_ok = doc_sim_args(&args, l, b, diags) == 0;
	if (spec == NULL)
		return;
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
	diag_list_init(&run);
	if (sim_run(&res, &args, &run) == 0)
		check_result(l, &b->sim, &args, &res, diags);
	if (params_ok)	/* else the run's complaint is the one reported */
		move_run_diags(l, &b->sim, &run, diags);
	diag_list_free(&run);
	sim_result_free(&res);
	sim_args_free(&args);
}

/* The number of a "12. " at the start of a text line (after spaces), or
 * 0: such a line is a numbered list item on the page (doc/layout.c). */
static int
numbered_item(const char *line, size_t len)
{
	size_t i = strspn(line, " "), j = i;
	int n = 0;

	while (j < len && j - i < 3 && line[j] >= '0' && line[j] <= '9')
		n = n * 10 + (line[j++] - '0');
	return j > i && j + 1 < len && line[j] == '.' && line[j + 1] == ' ' ?
	    n : 0;
}

/* Does an indented text line read like prose rather than a formula or a
 * diagram: five words or more, letters, and no sign of mathematics? */
static int
looks_like_prose(const char *line, size_t len)
{
	int words = 0, letters = 0;
	size_t start = strspn(line, " ");

	for (size_t i = start; i + 1 < len; i++)
		if (line[i] == ' ' && line[i + 1] == ' ')
			return 0;	/* columns lined up: a table */
	for (size_t i = 0; i < len; i++) {
		if (strchr("=+*/^|()[]{}<>_\\#\"", line[i]) != NULL)
			return 0;
		letters += (line[i] >= 'a' && line[i] <= 'z');
		words += line[i] != ' ' && (i == 0 || line[i - 1] == ' ');
	}
	return words >= 5 && (size_t)letters > len / 2;
}

/* Text that will not look as the author meant: a paragraph indented by
 * accident becomes a verbatim block, and a line that starts with "2. "
 * inside a paragraph becomes a numbered list item. */
static void
check_text(const struct lesson *l, const struct lesson_block *b,
    struct diag_list *diags)
{
	const char *p = b->text;
	int n = 1, prev = 0;	/* prev: 0 blank, 1 paragraph, 2 item, 3 verbatim */

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");
		int item = numbered_item(p, len), kind;

		if (strspn(p, " \t\r") >= len) {
			kind = 0;
		} else if (prev != 2 && len > 4 && strncmp(p, "    ", 4) == 0) {
			kind = 3;
			if (prev != 3 && (prev == 1 || looks_like_prose(p, len))) {
				struct lesson_pos pos = value_pos(b->text_pos, n,
				    (int)strspn(p, " ") + 1);

				diag_add(diags, DIAG_WARNING, l->file, pos.line,
				    pos.col, "this indented line starts a verbatim "
				    "block (shown as typed, like a formula), not %s",
				    prev == 1 ? "the rest of the paragraph above" :
				    "a paragraph");
				diag_help(diags, "if it is prose, remove the "
				    "indentation; indent 4 spaces only for formulas "
				    "and diagrams");
			}
		} else if (item > 0 || numbered_item(p, len) ||
		    (len > 1 && strchr("-*", p[strspn(p, " ")]) != NULL &&
		    p[strspn(p, " ") + 1] == ' ')) {
			kind = 2;
			if (item > 0 && prev == 1) {
				struct lesson_pos pos = value_pos(b->text_pos, n,
				    (int)strspn(p, " ") + 1);

				diag_add(diags, DIAG_WARNING, l->file, pos.line,
				    pos.col, "this line starts with '%d. ' and will "
				    "show as item %d of a numbered list, not as part "
				    "of the paragraph above", item, item);
				diag_help(diags, "to keep it in the paragraph, move "
				    "the number off the start of the line; to make a "
				    "list, put a blank line before it");
			}
		} else {
			kind = prev == 2 ? 2 : 1;	/* an item's own lines */
		}
		prev = kind;
		p += len + (p[len] == '\n');
		n++;
	}
}

/* Check every block; the simulations run only when run_sims is set. */
static void
check_blocks(const struct lesson *l, double *budget, int run_sims,
    struct diag_list *diags)
{
	if (file_read_regular(l->file, LESSON_MAX_FILE_SIZE, &src.buf,
	    &src.len) != 0)
		src.buf = NULL;
	for (size_t i = 0; i < l->nblocks; i++) {
		const struct lesson_block *b = &l->blocks[i];

		/* a value that did not load (a partial lesson) is NULL */
		if (b->kind == LESSON_SIM && b->sim.name != NULL) {
			if (run_sims)
				check_sim(l, b, budget, diags);
		} else if (b->kind == LESSON_CODE && b->text != NULL)
			check_width(l, b->text_pos, "code", b->text, 0, diags);
		else if (b->kind == LESSON_TEXT && b->text != NULL)
			check_text(l, b, diags);
	}
	free(src.buf);
	src.buf = NULL;
}

/* See check.h. */
void
cli_check_lesson(const struct lesson *l, double *budget,
    struct diag_list *diags)
{
	check_blocks(l, budget, 1, diags);
}

/* Do two paths end in the same file name ("builtin:lessons/02-x.yaml"
 * and "../lessons/02-x.yaml")? */
static int
same_name(const char *a, const char *b)
{
	const char *x = strrchr(a, '/'), *y = strrchr(b, '/');

	return strcmp(x != NULL ? x + 1 : a, y != NULL ? y + 1 : b) == 0;
}

/* A lesson that will hide another when both are on the course: one that
 * replaces a built-in lesson by its id, and one that shares its number
 * with another built-in lesson or with a file checked before it. */
static void
check_shadowing(const struct lesson *l, const struct course *builtin,
    const struct lesson *const *before, size_t nbefore,
    struct diag_list *diags)
{
	const struct lesson *other = NULL;

	if (l->id == NULL || l->number == 0)
		return;
	for (size_t i = 0; i < course_count(builtin); i++) {
		const struct lesson *b = course_lesson(builtin, i);

		if (strcmp(b->id, l->id) == 0) {
			if (same_name(b->file, l->file))
				return;	/* the built-in lesson's own source */
			diag_add(diags, DIAG_WARNING, l->file, l->id_pos.line,
			    l->id_pos.col, "this lesson replaces the built-in "
			    "lesson %d, '%s' (%s), wherever it is on the lesson "
			    "path", b->number, b->id, b->title);
			diag_help(diags, "that is right only if you mean to "
			    "replace it; otherwise give this lesson an id of its "
			    "own");
			continue;	/* its number may still clash */
		}
		if (b->number == l->number && other == NULL)
			other = b;
	}
	for (size_t i = 0; i < nbefore && other == NULL; i++)
		if (before[i] != NULL && before[i]->number == l->number &&
		    before[i]->id != NULL && strcmp(before[i]->id, l->id) != 0)
			other = before[i];
	if (other == NULL)
		return;
	/* course order is by number, then id: the smaller id comes first
	 * and is the one a number opens */
	diag_add(diags, DIAG_WARNING, l->file, l->number_pos.line,
	    l->number_pos.col, "lesson number %d is also %s lesson '%s': "
	    "'rnntutor %d' opens '%s', and '%s' is reached only by its id",
	    l->number, strncmp(other->file, "builtin:", 8) == 0 ? "the "
	    "built-in" : "the", other->id, l->number,
	    strcmp(l->id, other->id) < 0 ? l->id : other->id,
	    strcmp(l->id, other->id) < 0 ? other->id : l->id);
	diag_help(diags, "give this lesson a number the course does not use "
	    "(rnntutor --list shows them)");
}

/* Is gid the private group of the file's owner (a group named after the
 * user, Debian's default), so that its write permission lets no one in? */
static int
private_group(uid_t uid, gid_t gid)
{
	const struct passwd *pw = getpwuid(uid);
	char user[256];
	const struct group *gr;

	if (pw == NULL || pw->pw_name == NULL)
		return 0;
	snprintf(user, sizeof user, "%s", pw->pw_name);
	gr = getgrgid(gid);
	return gr != NULL && gr->gr_name != NULL &&
	    strcmp(gr->gr_name, user) == 0;
}

/* A lesson file, or its directory, that others can write: on a shared
 * path, anyone who can write it changes what the students read (or adds
 * lessons beside it). A sticky directory (like /tmp) lets no one replace
 * another's file. */
static void
check_writable(const char *path, struct diag_list *diags)
{
	struct stat st;
	char *copy = xstrdup(path), *dir = dirname(copy);
	const char *whom;

	if (stat(path, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    ((st.st_mode & S_IWOTH) != 0 || !private_group(st.st_uid,
	    st.st_gid))) {
		whom = (st.st_mode & S_IWOTH) != 0 ? "everyone" : "its group";
		diag_add(diags, DIAG_WARNING, path, 0, 0, "this lesson file is "
		    "writable by %s (mode %04o): on a shared path they can "
		    "change what students read", whom,
		    (unsigned)(st.st_mode & 07777));
		diag_help(diags, "chmod go-w '%s'", path);
	}
	if (stat(dir, &st) == 0 && (st.st_mode & S_ISVTX) == 0 &&
	    (st.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    ((st.st_mode & S_IWOTH) != 0 || !private_group(st.st_uid,
	    st.st_gid))) {
		whom = (st.st_mode & S_IWOTH) != 0 ? "everyone" : "its group";
		diag_add(diags, DIAG_WARNING, path, 0, 0, "the directory %s is "
		    "writable by %s (mode %04o): on a shared path they can "
		    "replace this lesson or add others", dir, whom,
		    (unsigned)(st.st_mode & 07777));
		diag_help(diags, "chmod go-w '%s'", dir);
	}
	free(copy);
}

/* See check.h. */
size_t
cli_check_files(const char *const *files, size_t n, double *budget,
    struct diag_list *diags)
{
	struct lesson **lessons;
	size_t before = diags->nerrors;

	struct course_opts bopts = { .use_builtin = true };
	struct diag_list quiet;
	struct course *builtin;

	diag_list_init(&quiet);
	builtin = course_load(&bopts, &quiet);
	diag_list_free(&quiet);
	course_check_files(files, n, diags, &lessons);
	for (size_t i = 0; i < n; i++) {
		check_writable(files[i], diags);
		if (lessons[i] == NULL)
			continue;
		check_shadowing(lessons[i], builtin,
		    (const struct lesson *const *)lessons, i, diags);
		cli_check_lesson(lessons[i], budget, diags);
	}
	for (size_t i = 0; i < n; i++) {
		lesson_destroy(lessons[i]);
		diag_attach_file(diags, 0, files[i]);
	}
	course_destroy(builtin);
	free(lessons);
	return diags->nerrors - before;
}

/* See check.h. */
size_t
cli_check_course(const struct course *course, struct diag_list *diags)
{
	struct course_opts bopts = { .use_builtin = true };
	size_t n = course_count(course), nfiles = 0, before = diags->n;
	const struct lesson **files = xcalloc(n + 1, sizeof *files);
	struct diag_list quiet;
	struct course *builtin;

	diag_list_init(&quiet);
	builtin = course_load(&bopts, &quiet);
	diag_list_free(&quiet);
	for (size_t i = 0; i < n; i++) {
		const struct lesson *l = course_lesson(course, i);

		if (l->file == NULL || strncmp(l->file, "builtin:", 8) == 0)
			continue;	/* the course's own: nothing to say */
		check_writable(l->file, diags);
		check_shadowing(l, builtin, files, nfiles, diags);
		check_blocks(l, NULL, 0, diags);
		files[nfiles++] = l;
	}
	course_destroy(builtin);
	free(files);
	return diags->n - before;
}
