/* Tests of the charts after a knob turn (src/doc/simblock.c): the previous
 * run stays on the chart as a "was" row on a range shared with the new run,
 * and a "was -> now" line gives the numbers that changed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "lesson/course.h"
#include "sim/cache.h"
#include "tests.h"

/* A lesson of the built-in course and the index of its first sim block
 * that has a knob called knob and a chart of series; -1 when none has. */
static long
find_block(const struct course *c, size_t lesson, const char *knob,
    const char *series)
{
	const struct lesson *l = course_lesson(c, lesson);

	for (size_t i = 0; i < l->nblocks; i++) {
		const struct lesson_block *b = &l->blocks[i];
		int has_knob = 0, has_series = 0;

		if (b->kind != LESSON_SIM)
			continue;
		for (size_t k = 0; k < b->sim.nknobs; k++)
			has_knob |= strcmp(b->sim.knobs[k].name, knob) == 0;
		for (size_t k = 0; k < b->sim.ncharts; k++)
			for (size_t j = 0; j < b->sim.charts[k].nseries; j++)
				has_series |= strcmp(b->sim.charts[k].series[j],
				    series) == 0;
		if (has_knob && has_series)
			return (long)i;
	}
	return -1;
}

/* The lines of block `block` of a page, joined by newlines (heap). */
static char *
block_text(const struct doc_page *p, long block)
{
	struct strbuf sb, line;

	strbuf_init(&sb);
	strbuf_init(&line);
	for (size_t i = 0; i < p->nlines; i++) {
		if (p->lines[i].block != block)
			continue;
		doc_line_text(&p->lines[i], &line);
		strbuf_addf(&sb, "%s\n", line.s != NULL ? line.s : "");
	}
	strbuf_free(&line);
	return strbuf_detach(&sb);
}

/* The rows of the chart under the caption that contains caption, down to
 * the summary line (which starts with words, not a label), as one string
 * (heap), or NULL. */
static char *
chart_rows(const char *text, const char *caption, const char *summary)
{
	const char *from = strstr(text, caption), *to;

	if (from == NULL || (from = strchr(from, '\n')) == NULL)
		return NULL;
	from++;
	to = strstr(from, summary);
	if (to == NULL)
		return NULL;
	return xstrndup(from, (size_t)(to - from));
}

/* Lay out one block of lesson (course index) with the knob at `was`, then
 * at `now` with the previous settings kept; *before and *after get the
 * block's text. */
static void
turn_knob(const struct course *c, size_t lesson, long block,
    const char *knob, const char *was, const char *now, int ascii,
    char **before, char **after)
{
	const struct lesson *l = course_lesson(c, lesson);
	struct doc_block_state *st = calloc(l->nblocks + 1, sizeof *st);
	struct sim_cache *cache = sim_cache_create();
	struct sim_args a_was, a_now;
	struct diag_list d;
	struct doc_opts o = {
		.width = 80, .ascii = ascii, .focus = -1, .state = st,
		.run = DOC_RUN_FAST, .cache = cache,
	};
	struct doc_page *p;

	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(doc_sim_args(&a_was, l, &l->blocks[block], &d), 0);
	CU_ASSERT_EQUAL_FATAL(sim_args_set(&a_was, knob, was, &d, "t", 1, 1), 0);
	CU_ASSERT_EQUAL_FATAL(doc_sim_args(&a_now, l, &l->blocks[block], &d), 0);
	CU_ASSERT_EQUAL_FATAL(sim_args_set(&a_now, knob, now, &d, "t", 1, 1), 0);
	st[block].args = &a_was;
	p = doc_layout(l, &o);
	*before = block_text(p, block);
	doc_page_destroy(p);
	st[block].args = &a_now;
	st[block].prev_args = &a_was;
	p = doc_layout(l, &o);
	*after = block_text(p, block);
	doc_page_destroy(p);
	sim_args_free(&a_was);
	sim_args_free(&a_now);
	sim_cache_destroy(cache);
	diag_list_free(&d);
	free(st);
}

/* The built-in course. */
static struct course *
builtin(void)
{
	struct course_opts o = { .use_builtin = true };
	struct diag_list d;
	struct course *c;

	diag_list_init(&d);
	c = course_load(&o, &d);
	diag_list_free(&d);
	return c;
}

/* What a knob turn showed: the block's text before and after, and the
 * rows of its log-scale chart (down to summary) before and after. */
struct turn {
	char *before, *after, *rows_before, *rows_after;
};

/* Turn knob of the first block of lesson (course index) with a chart of
 * series from was to now, with the rows of its chart "on a log scale"
 * down to the summary line; asserts the rows were found and differ. */
static void
turn_chart(struct course *c, size_t lesson, const char *knob,
    const char *series, const char *was, const char *now, int ascii,
    const char *summary, struct turn *t)
{
	long block = find_block(c, lesson, knob, series);

	CU_ASSERT_TRUE_FATAL(block >= 0);
	turn_knob(c, lesson, block, knob, was, now, ascii, &t->before,
	    &t->after);
	t->rows_before = chart_rows(t->before, "on a log scale", summary);
	t->rows_after = chart_rows(t->after, "on a log scale", summary);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->rows_before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->rows_after);
	CU_ASSERT_STRING_NOT_EQUAL(t->rows_before, t->rows_after);
}

/* Free what turn_chart() kept. */
static void
turn_free(struct turn *t)
{
	free(t->rows_before);
	free(t->rows_after);
	free(t->before);
	free(t->after);
}

/* Lesson 1's pulse: scale 0.9 -> 0.5 changes the chart's rows (they used
 * to be the same auto-scaled line), keeps a "was" row, and says how the
 * memory and the final norm moved. */
static void
test_chart_change_lesson1_scale(void)
{
	struct course *c = builtin();
	struct turn t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	turn_chart(c, 0, "scale", "hnorm", "0.9", "0.5", 1, "      falls", &t);
	/* under the new curve, which falls to the bottom, the old run's row
	 * stays high (full cells) on the shared range: 0.9 kept 0.00046 of
	 * the pulse where 0.5 keeps 4.15e-19 */
	CU_ASSERT_PTR_NULL(strstr(t.rows_before, " was "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.rows_after, "\n             was "
	    "||||||||||||||||||||||||||||||||||||||||||||||||||"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.rows_after, "hnorm 4.15e-19 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.after, "was -> now: memory 44 -> 7"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.after, "final"));
	/* every line fits 80 columns, in ASCII */
	for (const char *s = t.after; *s != '\0'; s++)
		CU_ASSERT_TRUE((unsigned char)*s < 0x80);
	for (char *line = strtok(t.after, "\n"); line != NULL;
	    line = strtok(NULL, "\n"))
		CU_ASSERT_TRUE(strlen(line) <= 80);
	turn_free(&t);
	course_destroy(c);
}

/* Lesson 3's cell path on a log scale (7.9e-31 to 1): forget_bias 0 -> 5
 * draws a different curve (it was the same straight line from corner to
 * corner), and the headline number reads was -> now. */
static void
test_chart_change_lesson3_forget_bias(void)
{
	struct course *c = builtin();
	struct turn t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	turn_chart(c, 2, "forget_bias", "cell_path", "0", "5", 0,
	    "            rises", &t);
	/* the new run sits high on the range it shares with the old one,
	 * whose bottom (7.89e-31) is still the chart's: its top row is full
	 * from the first column, where the old one's starts blank */
	CU_ASSERT_PTR_NOT_NULL(strstr(t.rows_after, "cell_path 7.89e-31 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.rows_after, "                   1 "
	    "\xE2\x96"));
	CU_ASSERT_PTR_NULL(strstr(t.rows_before, "                   1 "
	    "\xE2\x96"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.after, "was \xE2\x86\x92 now:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.after, "7.9e-31 \xE2\x86\x92 0.51"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t.after, "     was \xE2\x96"));
	turn_free(&t);
	course_destroy(c);
}

/* Bug 12's wording in lesson 1's pulse block: at scale 1 memory reads -1,
 * which must not print as "-1 steps" (nor 1 as "1 steps"). */
static void
test_chart_change_memory_wording(void)
{
	struct course *c = builtin();
	long block;
	char *before, *after;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	block = find_block(c, 0, "scale", "hnorm");
	CU_ASSERT_TRUE_FATAL(block >= 0);
	turn_knob(c, 0, block, "scale", "0.9", "1", 1, &before, &after);
	CU_ASSERT_PTR_NOT_NULL(strstr(after, "memory: -1 (steps until"));
	CU_ASSERT_PTR_NULL(strstr(after, "-1 steps"));
	CU_ASSERT_PTR_NOT_NULL(strstr(after, "was -> now: memory 44 -> -1"));
	free(before);
	free(after);
	course_destroy(c);
}

/* Bug 8: at 30 columns (a page of 29) every chart of the course is drawn,
 * its labels under the rows, no line is wider than the page, and program
 * output breaks between numbers, not inside one. */
static void
test_chart_change_narrow_pages(void)
{
	struct course *c = builtin();
	struct strbuf sb, all;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	strbuf_init(&sb);
	for (int width = 20; width <= 30; width += 9) {
		for (size_t k = 0; k < course_count(c); k++) {
			struct doc_opts o = {
				.width = width, .ascii = 1, .focus = -1,
				.run = DOC_RUN_FAST,
			};
			struct doc_page *p = doc_layout(course_lesson(c, k), &o);

			strbuf_init(&all);
			for (size_t i = 0; i < p->nlines; i++) {
				doc_line_text(&p->lines[i], &sb);
				CU_ASSERT_TRUE(p->lines[i].width <= width);
				CU_ASSERT_PTR_NULL(strstr(sb.s != NULL ? sb.s : "",
				    "cannot draw"));
				strbuf_addf(&all, "%s\n", sb.s != NULL ? sb.s : "");
			}
			if (k == 0 && width == 29) {
				CU_ASSERT_PTR_NOT_NULL(strstr(all.s,
				    "\n  hnorm ||||||||||||||||::.._\n"));
				CU_ASSERT_PTR_NOT_NULL(strstr(all.s,
				    "range 0.00046 to 0.24"));
				CU_ASSERT_PTR_NOT_NULL(strstr(all.s,
				    "\n    final ||h||: 0.00046\n"));
			}
			strbuf_free(&all);
			doc_page_destroy(p);
		}
	}
	strbuf_free(&sb);
	course_destroy(c);
}

/* Key c: the block shows "rnntutor sim NAME k=v ..." for its current
 * knobs, and that line, run as the command line would (its words after
 * "rnntutor sim NAME" as PARAM=VALUE), gives the numbers the block shows. */
static void
test_chart_change_command_runs_the_same(void)
{
	struct course *c = builtin();
	const struct lesson *l;
	struct doc_block_state *st;
	struct sim_args now, typed;
	struct sim_result shown, ran;
	struct diag_list d;
	struct doc_page *p;
	struct strbuf sb;
	char *cmd = NULL, *word, *save = NULL;
	long block;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	l = course_lesson(c, 0);
	block = find_block(c, 0, "scale", "hnorm");
	CU_ASSERT_TRUE_FATAL(block >= 0);
	st = calloc(l->nblocks + 1, sizeof *st);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(doc_sim_args(&now, l, &l->blocks[block], &d), 0);
	CU_ASSERT_EQUAL_FATAL(sim_args_set(&now, "scale", "0.5", &d, "t", 1, 1),
	    0);
	st[block].args = &now;
	st[block].command = 1;
	{
		struct doc_opts o = {
			.width = 80, .ascii = 1, .focus = block, .state = st,
			.run = DOC_RUN_FAST,
		};

		p = doc_layout(l, &o);
	}
	strbuf_init(&sb);
	for (size_t i = 0; i < p->nlines && cmd == NULL; i++) {
		char *at;

		doc_line_text(&p->lines[i], &sb);
		if (sb.s != NULL && (at = strstr(sb.s, "rnntutor sim ")) != NULL)
			cmd = xstrdup(at);
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(cmd);
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, "rnntutor sim rnn-unroll "));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " input=pulse"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cmd, " scale=0.5"));
	/* what the shell would hand to "rnntutor sim" */
	word = strtok_r(cmd, " ", &save);
	CU_ASSERT_STRING_EQUAL(word, "rnntutor");
	CU_ASSERT_STRING_EQUAL(strtok_r(NULL, " ", &save), "sim");
	word = strtok_r(NULL, " ", &save);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sim_find(word));
	sim_args_init(&typed, sim_find(word));
	while ((word = strtok_r(NULL, " ", &save)) != NULL)
		CU_ASSERT_EQUAL(sim_args_set_kv(&typed, word, &d), 0);
	sim_result_init(&shown);
	sim_result_init(&ran);
	CU_ASSERT_EQUAL_FATAL(sim_run(&shown, &now, &d), 0);
	CU_ASSERT_EQUAL_FATAL(sim_run(&ran, &typed, &d), 0);
	CU_ASSERT_EQUAL_FATAL(shown.nscalars, ran.nscalars);
	for (size_t i = 0; i < shown.nscalars; i++)
		CU_ASSERT_EQUAL(shown.scalars[i].value, ran.scalars[i].value);
	CU_ASSERT_EQUAL_FATAL(shown.nseries, ran.nseries);
	for (size_t i = 0; i < shown.nseries; i++)
		CU_ASSERT_EQUAL(memcmp(shown.series[i].v, ran.series[i].v,
		    shown.series[i].n * sizeof *shown.series[i].v), 0);
	sim_result_free(&shown);
	sim_result_free(&ran);
	sim_args_free(&typed);
	sim_args_free(&now);
	strbuf_free(&sb);
	free(cmd);
	doc_page_destroy(p);
	diag_list_free(&d);
	free(st);
	course_destroy(c);
}

/* The end of a lesson in the TUI says which key opens the next one (the
 * last lesson says so instead); --print (next 0) says nothing. The
 * outline's anchors hold the quizzes and simulations, at their first
 * lines, in page order, besides the sections. */
static void
test_chart_change_next_and_outline(void)
{
	struct course *c = builtin();
	const struct lesson *l;
	struct doc_opts o = { .width = 80, .ascii = 1, .focus = -1, .next = 2 };
	struct doc_page *p;
	struct strbuf sb, all;
	size_t quizzes = 0, sims = 0, sections = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	l = course_lesson(c, 0);
	strbuf_init(&sb);
	strbuf_init(&all);
	p = doc_layout(l, &o);
	for (size_t i = 0; i < p->nlines; i++) {
		doc_line_text(&p->lines[i], &sb);
		strbuf_addf(&all, "%s\n", sb.s != NULL ? sb.s : "");
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(all.s, "\nNext: press ] for lesson 2.\n"));
	for (size_t i = 0; i < p->nanchors; i++) {
		const struct doc_anchor *a = &p->anchors[i];

		if (i > 0)
			CU_ASSERT_TRUE(a->line >= p->anchors[i - 1].line);
		sections += a->level == 1;
		if (a->level != 3)
			continue;
		if (strncmp(a->text, "Quiz ", 5) == 0)
			quizzes++;
		else if (strncmp(a->text, "Simulation ", 11) == 0)
			sims++;
		doc_line_text(&p->lines[a->line], &sb);
		/* the anchor is the block's first line */
		CU_ASSERT_PTR_NOT_NULL(strstr(sb.s, a->text[0] == 'Q' ? "Quiz " :
		    "imulation "));
	}
	CU_ASSERT_TRUE(sections >= 5);
	CU_ASSERT_TRUE(quizzes >= 5);
	CU_ASSERT_TRUE(sims >= 3);
	doc_page_destroy(p);
	o.next = -1;
	p = doc_layout(l, &o);
	doc_line_text(&p->lines[p->nlines - 2], &sb);
	CU_ASSERT_STRING_EQUAL(sb.s, "This was the last lesson: q goes back to "
	    "the list.");
	doc_page_destroy(p);
	o.next = 0;
	p = doc_layout(l, &o);
	for (size_t i = 0; i < p->nlines; i++) {
		doc_line_text(&p->lines[i], &sb);
		CU_ASSERT_PTR_NULL(strstr(sb.s != NULL ? sb.s : "", "Next: press"));
	}
	doc_page_destroy(p);
	strbuf_free(&sb);
	strbuf_free(&all);
	course_destroy(c);
}

/* Without a previous run (--print, a block not yet turned) nothing is
 * added: no "was" row, no "was -> now" line. */
static void
test_chart_change_none_without_previous(void)
{
	struct course *c = builtin();
	const struct lesson *l;
	struct doc_opts o = { .width = 80, .ascii = 1, .focus = -1 };
	struct doc_page *p;
	struct strbuf sb;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	l = course_lesson(c, 0);
	p = doc_layout(l, &o);
	strbuf_init(&sb);
	for (size_t i = 0; i < p->nlines; i++) {
		doc_line_text(&p->lines[i], &sb);
		CU_ASSERT_PTR_NULL(strstr(sb.s != NULL ? sb.s : "", "was -> now"));
		CU_ASSERT_PTR_NULL(strstr(sb.s != NULL ? sb.s : "", "     was "));
	}
	strbuf_free(&sb);
	doc_page_destroy(p);
	course_destroy(c);
}

void
test_chart_change_register(void)
{
	CU_pSuite s = CU_add_suite("chart_change", NULL, NULL);

	CU_add_test(s, "lesson 1 scale", test_chart_change_lesson1_scale);
	CU_add_test(s, "lesson 3 forget_bias", test_chart_change_lesson3_forget_bias);
	CU_add_test(s, "none without previous", test_chart_change_none_without_previous);
	CU_add_test(s, "memory wording", test_chart_change_memory_wording);
	CU_add_test(s, "narrow pages", test_chart_change_narrow_pages);
	CU_add_test(s, "command runs the same", test_chart_change_command_runs_the_same);
	CU_add_test(s, "next lesson and outline", test_chart_change_next_and_outline);
}
