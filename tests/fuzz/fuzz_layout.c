/* fuzz_layout: a lesson from the input, laid out at a width from the input.
 *
 * The whole input is the lesson file (so lessons/ and tests/data/ seed it
 * as they are); its last byte picks the width (20 + b % 200), the byte
 * before it the options: ASCII or UTF-8, revealed answers, a focused block,
 * answered quizzes, and where sim blocks get their results. Simulations
 * either run for real, with their whole-number parameters capped so one
 * input stays cheap (a lesson may ask for 2000 steps of a 256-unit RNN),
 * or get a made-up result: every series a chart names and every value the
 * output template names, with doubles from the input (NaN, inf, huge and
 * tiny ones). The sentiment simulation always gets a made-up result (it
 * trains for seconds and reads files). A second layout at a width outside
 * 20..1000 checks the clamp. The page must keep its promises: no line
 * wider than the page, no control byte in any span. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "doc/layout.h"
#include "lesson/lesson.h"
#include "sim/sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define INT_CAP 48	/* the largest whole-number parameter run for real */
#define POINTS_MAX 64	/* points of a made-up series */

enum {
	OPT_ASCII = 1,
	OPT_REVEAL = 2,
	OPT_FOCUS = 4,
	OPT_FAKE = 8,		/* made-up results for every sim block */
	OPT_ANSWERED = 16,	/* every quiz answered */
	OPT_RIGHT = 32,		/* ... correctly */
	OPT_CLAMP = 64		/* a second layout at an out-of-range width */
};

/* Doubles from the input, read from a rotating offset. */
struct source {
	const uint8_t *data;
	size_t size, at;
};

static double
next_double(struct source *src)
{
	uint8_t b[8];
	double v;

	for (int i = 0; i < 8; i++) {
		b[i] = src->size > 0 ? src->data[src->at % src->size] : 0;
		src->at++;
	}
	memcpy(&v, b, sizeof v);
	return v;
}

/* A made-up series called name, unless the result has one. */
static void
fake_series(struct sim_result *res, const char *name, size_t len,
    struct source *src)
{
	char *copy = strndup(name, len);
	size_t n = (size_t)(next_double(src) != 0) + src->at % POINTS_MAX;
	double *v;

	if (copy == NULL || sim_result_series(res, copy) != NULL) {
		free(copy);
		return;
	}
	v = malloc((n + 1) * sizeof *v);
	if (v == NULL) {
		free(copy);
		return;
	}
	for (size_t i = 0; i < n; i++)
		v[i] = next_double(src);
	sim_result_add_series(res, copy, "made up", v, n);
	free(copy);
}

/* Series and scalars for every {name} and {name[i]} of an output template. */
static void
fake_template_values(struct sim_result *res, const char *tmpl,
    struct source *src)
{
	for (const char *p = strchr(tmpl, '{'); p != NULL;
	    p = strchr(p + 1, '{')) {
		size_t len = strcspn(p + 1, ":[}\n");
		char *name;

		if (p[1 + len] == '[') {
			fake_series(res, p + 1, len, src);
			continue;
		}
		name = strndup(p + 1, len);
		if (name != NULL && sim_result_scalar(res, name) == NULL)
			sim_result_add_scalar(res, name, "made up",
			    next_double(src));
		free(name);
	}
}

/* A made-up result for a sim block. */
static void
fake_result(struct sim_result *res, const struct lesson_sim *s,
    struct source *src)
{
	sim_result_init(res);
	for (size_t c = 0; c < s->ncharts; c++)
		for (size_t i = 0; i < s->charts[c].nseries; i++)
			if (s->charts[c].series[i] != NULL)
				fake_series(res, s->charts[c].series[i],
				    strlen(s->charts[c].series[i]), src);
	if (s->output != NULL)
		fake_template_values(res, s->output, src);
}

/* The lesson's parameters with whole numbers capped; -1 when they do not
 * validate (the layout then shows the errors and runs nothing) or when the
 * simulation reads files. */
static int
capped_args(struct sim_args *args, const struct lesson_sim *s)
{
	const struct sim_spec *spec = s->name != NULL ? sim_find(s->name) : NULL;
	struct diag_list diags;
	int rc = 0;

	if (spec == NULL)
		return -1;
	for (size_t i = 0; i < spec->nparams; i++)
		if (spec->params[i].type == SIM_TEXT)
			return -1;
	diag_list_init(&diags);
	sim_args_init(args, spec);
	for (size_t i = 0; i < s->nparams && rc == 0; i++)
		rc = sim_args_set(args, s->params[i].name, s->params[i].value,
		    &diags, NULL, 0, 0);
	diag_list_free(&diags);
	if (rc < 0) {
		sim_args_free(args);
		return -1;
	}
	for (size_t i = 0; i < spec->nparams; i++)
		if (spec->params[i].type == SIM_INT &&
		    strcmp(spec->params[i].name, "seed") != 0 &&
		    args->num[i] > INT_CAP)
			args->num[i] = INT_CAP > spec->params[i].min ? INT_CAP :
			    spec->params[i].min;
	return 0;
}

/* The k-th (mod their count) block that can take focus: the TUI focuses
 * only quizzes and sim blocks; -1 when there is none. */
static long
focusable(const struct lesson *lesson, size_t k)
{
	size_t n = 0;

	for (size_t i = 0; i < lesson->nblocks; i++)
		n += lesson->blocks[i].kind == LESSON_QUIZ ||
		    lesson->blocks[i].kind == LESSON_SIM;
	if (n == 0)
		return -1;
	k %= n;
	for (size_t i = 0; i < lesson->nblocks; i++)
		if ((lesson->blocks[i].kind == LESSON_QUIZ ||
		    lesson->blocks[i].kind == LESSON_SIM) && k-- == 0)
			return (long)i;
	return -1;
}

/* Every line at most the page's width, every span free of control bytes. */
static void
check_page(const struct doc_page *page, int width)
{
	if (page->width != width)
		abort();
	for (size_t i = 0; i < page->nlines; i++) {
		const struct doc_line *line = &page->lines[i];
		int w = 0;

		for (size_t j = 0; j < line->nspans; j++) {
			const struct doc_span *sp = &line->spans[j];

			for (size_t k = 0; k < sp->len; k++)
				if ((unsigned char)sp->text[k] < 0x20 ||
				    sp->text[k] == 0x7f)
					abort();
			w += sp->width;
		}
		if (w != line->width || line->width > width) {
			struct strbuf sb;

			strbuf_init(&sb);
			doc_line_text(line, &sb);
			fprintf(stderr, "line %zu: %d columns (spans %d), page %d: "
			    "'%.*s'\n", i, line->width, w, width, (int)sb.len,
			    sb.s != NULL ? sb.s : "");
			strbuf_free(&sb);
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list diags;
	struct lesson *lesson = NULL;
	struct doc_block_state *state;
	struct sim_args *args;
	struct sim_result *results;
	struct doc_opts o;
	struct doc_page *page;
	struct source src = {data, size, 0};
	unsigned flags;
	int width;

	if (size < 2)
		return 0;
	width = 20 + data[size - 1] % 200;
	flags = data[size - 2];
	diag_list_init(&diags);
	if (lesson_load_buffer(&lesson, "fuzz.yaml", (const char *)data, size,
	    &diags) < 0) {
		diag_list_free(&diags);
		return 0;
	}
	state = calloc(lesson->nblocks + 1, sizeof *state);
	args = calloc(lesson->nblocks + 1, sizeof *args);
	results = calloc(lesson->nblocks + 1, sizeof *results);
	if (state == NULL || args == NULL || results == NULL)
		abort();
	for (size_t i = 0; i < lesson->nblocks; i++) {
		const struct lesson_block *b = &lesson->blocks[i];

		sim_result_init(&results[i]);
		if (b->kind == LESSON_QUIZ && (flags & OPT_ANSWERED)) {
			state[i].quiz.answered = 1;
			state[i].quiz.correct = (flags & OPT_RIGHT) != 0;
			state[i].quiz.choice = b->quiz.nchoices > 0 ?
			    i % b->quiz.nchoices : 0;
			state[i].quiz.value = next_double(&src);
			state[i].quiz.attempts = (int)i;
		}
		if (b->kind != LESSON_SIM)
			continue;
		state[i].knob = (int)(i % (b->sim.nknobs + 1)) - 1;
		if (!(flags & OPT_FAKE) && capped_args(&args[i], &b->sim) == 0) {
			state[i].args = &args[i];
		} else if ((flags & OPT_FAKE) || (b->sim.name != NULL &&
		    strcmp(b->sim.name, "sentiment") == 0)) {
			fake_result(&results[i], &b->sim, &src);
			state[i].result = &results[i];
		}
	}
	memset(&o, 0, sizeof o);
	o.width = width;
	o.ascii = (flags & OPT_ASCII) != 0;
	o.reveal = (flags & OPT_REVEAL) != 0;
	o.focus = (flags & OPT_FOCUS) ? focusable(lesson, size) : -1;
	o.state = state;
	page = doc_layout(lesson, &o);
	check_page(page, width);
	doc_page_destroy(page);
	if (flags & OPT_CLAMP) {
		o.width = (flags & OPT_ASCII) ? -5 : 100000;
		page = doc_layout(lesson, &o);
		check_page(page, (flags & OPT_ASCII) ? DOC_MIN_WIDTH :
		    DOC_MAX_WIDTH);
		doc_page_destroy(page);
	}
	for (size_t i = 0; i < lesson->nblocks; i++) {
		if (state[i].args != NULL)
			sim_args_free(&args[i]);
		sim_result_free(&results[i]);
	}
	free(state);
	free(args);
	free(results);
	lesson_destroy(lesson);
	diag_list_free(&diags);
	return 0;
}
