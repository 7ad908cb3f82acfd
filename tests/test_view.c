/* Tests of src/view: focus, knobs, the reading place, lists, keys, the line
 * editor, quizzes and the review screen, all without a terminal. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "doc/layout.h"
#include "lesson/lesson.h"
#include "sim/sim.h"
#include "progress/progress.h"
#include "view/edit.h"
#include "view/focus.h"
#include "view/keep.h"
#include "view/keys.h"
#include "view/knob.h"
#include "view/list.h"
#include "view/place.h"
#include "view/quiz.h"
#include "view/review.h"
#include "cli/review.h"
#include "lesson/course.h"
#include "tests.h"

/* Blocks: 0 text, 1 choice quiz, 2 text, 3 sim with knobs, 4 sim without,
 * 5 text, 6 numeric quiz, 7 a long text, 8 text. */
static const char blocks[] =
    "  - text: The hidden state carries what the network has seen so far.\n"
    "  - quiz: Which weights are shared across steps?\n"
    "    choices: [W_ih only, all of them, none]\n"
    "    answer: b\n"
    "    explain: |\n"
    "      The same W_ih, W_hh and biases are used at every step, which is\n"
    "      why the parameter count does not depend on the sequence length.\n"
    "  - text: Turn the knob and watch the hidden units.\n"
    "  - sim: rnn-unroll\n"
    "    params:\n"
    "      input: random\n"
    "      hidden: 2\n"
    "      steps: 10\n"
    "      scale: 0.9\n"
    "    knobs:\n"
    "      - name: scale\n"
    "        min: 0\n"
    "        max: 1.0\n"
    "        step: 0.1\n"
    "      - input\n"
    "      - hidden\n"
    "      - nonsense_knob\n"
    "  - sim: rnn-unroll\n"
    "    params:\n"
    "      steps: 10\n"
    "  - text: A short paragraph between the two.\n"
    "  - quiz: What is 5 / 2?\n"
    "    answer: 2.5\n"
    "    tolerance: 0.1\n"
    "  - text: |\n"
    "      One long paragraph that wraps over many lines at a narrow width,\n"
    "      so that a place inside it has an offset: the reader was two\n"
    "      lines into it when the page changed, and must still be two lines\n"
    "      into it afterwards, whatever happened to the blocks above it on\n"
    "      the page in the meantime.\n"
    "  - text: The end.\n";

/* The test lesson, loaded once per test. */
static struct lesson *
test_lesson(void)
{
	struct strbuf sb;
	struct diag_list d;
	struct lesson *l = NULL;

	strbuf_init(&sb);
	strbuf_addf(&sb, "id: t\nnumber: 1\ntitle: T\ngoal: G\nblocks:\n%s",
	    blocks);
	diag_list_init(&d);
	if (lesson_load_buffer(&l, "t.yaml", sb.s, sb.len, &d) < 0)
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "\n%d:%d: %s\n", d.v[i].line, d.v[i].col,
			    d.v[i].msg);
	diag_list_free(&d);
	strbuf_free(&sb);
	return l;
}

/* Lay l out at width with the reader's states (or none). */
static struct doc_page *
page_at(const struct lesson *l, int width, const struct doc_block_state *st)
{
	struct doc_opts o = { .width = width, .ascii = 1, .reveal = 0,
	    .focus = -1, .state = st };

	return doc_layout(l, &o);
}

/* A page of n lines in blocks of ten lines each (block -1 for none). */
static struct doc_page *
page_of_lines(size_t n)
{
	size_t nblocks = (n + 9) / 10;
	struct doc_page *p = doc_page_create(40, nblocks);

	for (size_t i = 0; i < n; i++)
		doc_page_line(p, (int)(i / 10));
	for (size_t b = 0; b < nblocks; b++) {
		p->blocks[b].first = b * 10;
		p->blocks[b].last = (b + 1) * 10 < n ? (b + 1) * 10 : n;
	}
	return p;
}

/* ---- place ---------------------------------------------------------------- */

/* Answering the quiz above the reader's place adds its explanation to the
 * page; the top line is still the line two into block 7. */
static void
test_view_place_survives_lines_added_above(void)
{
	struct lesson *l = test_lesson();
	struct doc_block_state *st;
	struct doc_page *before, *after;
	struct view_place place;
	size_t top;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	st = calloc(l->nblocks, sizeof *st);
	before = page_at(l, 40, st);
	CU_ASSERT_TRUE_FATAL(before->blocks[7].last - before->blocks[7].first > 3);
	view_place_capture(&place, before, before->blocks[7].first + 2);
	st[1].quiz = (struct doc_quiz_state){ .answered = 1, .correct = 1,
	    .choice = 1, .attempts = 1 };
	after = page_at(l, 40, st);
	/* the test means something only if block 7 moved down */
	CU_ASSERT_TRUE(after->blocks[7].first > before->blocks[7].first);
	top = view_place_restore(&place, after, 5);
	CU_ASSERT_EQUAL(top, after->blocks[7].first + 2);
	CU_ASSERT_EQUAL(after->lines[top].block, 7);
	doc_page_destroy(before);
	doc_page_destroy(after);
	free(st);
	lesson_destroy(l);
}

/* A wider page has fewer lines; the place is still in the same block, at
 * its last line when the block got shorter than the offset. */
static void
test_view_place_survives_a_new_width(void)
{
	struct lesson *l = test_lesson();
	struct doc_page *narrow, *wide;
	struct view_place place;
	size_t top, off;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	narrow = page_at(l, 30, NULL);
	wide = page_at(l, 100, NULL);
	off = narrow->blocks[7].last - narrow->blocks[7].first - 1;
	CU_ASSERT_TRUE_FATAL(off >= wide->blocks[7].last - wide->blocks[7].first);
	view_place_capture(&place, narrow, narrow->blocks[7].first + off);
	top = view_place_restore(&place, wide, 3);
	CU_ASSERT_EQUAL(top, wide->blocks[7].last - 1);
	CU_ASSERT_EQUAL(wide->lines[top].block, 7);
	doc_page_destroy(narrow);
	doc_page_destroy(wide);
	lesson_destroy(l);
}

/* The title belongs to no block: its place is a fraction of the page, and
 * no place goes past the last screenful. */
static void
test_view_place_title_and_end(void)
{
	struct doc_page *p = page_of_lines(100), *q = page_of_lines(50);
	struct view_place place;

	p->lines[0].block = -1;
	view_place_capture(&place, p, 0);
	CU_ASSERT_EQUAL(place.block, -1);
	CU_ASSERT_EQUAL(view_place_restore(&place, q, 10), 0);
	view_place_capture(&place, p, 95);	/* block 9, offset 5 */
	CU_ASSERT_EQUAL(place.block, 9);
	CU_ASSERT_EQUAL(place.offset, 5);
	/* q has no block 9: half way down, within the last screenful */
	p->lines[95].block = -1;
	view_place_capture(&place, p, 95);
	CU_ASSERT_EQUAL(view_place_restore(&place, q, 10), 40);
	doc_page_destroy(p);
	doc_page_destroy(q);
}

/* Scrolling: a line, a screenful less one, half a screen, the ends, and
 * never past the last screenful or above the top. */
static void
test_view_place_scroll(void)
{
	struct doc_page *p = page_of_lines(100);

	CU_ASSERT_EQUAL(view_place_max_top(p, 23), 77);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 0, VIEW_ACT_LINE_DOWN), 1);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 0, VIEW_ACT_LINE_UP), 0);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 10, VIEW_ACT_PAGE_DOWN), 32);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 32, VIEW_ACT_PAGE_UP), 10);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 10, VIEW_ACT_HALF_DOWN), 21);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 5, VIEW_ACT_HALF_UP), 0);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 70, VIEW_ACT_PAGE_DOWN), 77);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 40, VIEW_ACT_BOTTOM), 77);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 40, VIEW_ACT_TOP), 0);
	CU_ASSERT_EQUAL(view_place_scroll(p, 23, 40, VIEW_ACT_SAVE), 40);
	/* a tiny screen still moves a line at a time */
	CU_ASSERT_EQUAL(view_place_scroll(p, 2, 10, VIEW_ACT_PAGE_DOWN), 11);
	/* a page shorter than the screen does not scroll */
	CU_ASSERT_EQUAL(view_place_scroll(p, 200, 0, VIEW_ACT_LINE_DOWN), 0);
	doc_page_destroy(p);
}

/* A line to show lands two lines below the top; a block that does not fit
 * on the screen from top is brought there, one that fits stays put. */
static void
test_view_place_show_line_and_reveal(void)
{
	struct doc_page *p = page_of_lines(100);

	CU_ASSERT_EQUAL(view_place_near_top(p, 20, 50), 48);
	CU_ASSERT_EQUAL(view_place_near_top(p, 20, 1), 0);
	CU_ASSERT_EQUAL(view_place_near_top(p, 20, 99), 80);
	CU_ASSERT_EQUAL(view_place_reveal(p, 20, 0, 1), 0);	/* 10..20 shows */
	CU_ASSERT_EQUAL(view_place_reveal(p, 20, 0, 2), 18);	/* 20..30 not */
	CU_ASSERT_EQUAL(view_place_reveal(p, 20, 35, 3), 28);	/* above */
	doc_page_destroy(p);
}

/* Percent seen counts everything above the screen's bottom. */
static void
test_view_place_percent(void)
{
	CU_ASSERT_EQUAL(view_place_percent(0, 23, 100), 23);
	CU_ASSERT_EQUAL(view_place_percent(50, 23, 100), 73);
	CU_ASSERT_EQUAL(view_place_percent(77, 23, 100), 100);
	CU_ASSERT_EQUAL(view_place_percent(0, 23, 10), 100);
	CU_ASSERT_EQUAL(view_place_percent(0, 23, 0), 100);
}

/* The block of the top line skips the title; the section is the last
 * heading at or above the top. */
static void
test_view_place_block_and_section(void)
{
	struct lesson *l = test_lesson();
	struct doc_page *p, *q = page_of_lines(30);

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_at(l, 40, NULL);
	CU_ASSERT_EQUAL(p->lines[0].block, -1);
	CU_ASSERT_EQUAL(view_place_block(p, 0), 0);
	CU_ASSERT_EQUAL(view_place_block(p, p->blocks[3].first), 3);
	q->anchors = calloc(2, sizeof *q->anchors);
	q->anchors[0] = (struct doc_anchor){ .line = 3, .level = 1 };
	q->anchors[1] = (struct doc_anchor){ .line = 12, .level = 1 };
	q->nanchors = 2;
	CU_ASSERT_EQUAL(view_place_section(q, 0), 0);
	CU_ASSERT_EQUAL(view_place_section(q, 11), 0);
	CU_ASSERT_EQUAL(view_place_section(q, 12), 1);
	CU_ASSERT_EQUAL(view_place_section(q, 29), 1);
	doc_page_destroy(p);
	doc_page_destroy(q);
	lesson_destroy(l);
}

/* ---- focus ---------------------------------------------------------------- */

/* A simulation that trains at its parameters takes the focus without
 * knobs (its page says "Tab to it, then press Enter"); one that does not
 * train, without knobs, does not. */
static void
test_view_focus_training_block_without_knobs(void)
{
	static const char text[] = "id: t\nnumber: 1\ntitle: T\ngoal: G\n"
	    "blocks:\n  - sim: sentiment\n    params: {model: rnn}\n"
	    "  - sim: adding\n  - sim: linear-bptt\n"
	    "  - sim: sentiment\n    params: {epochs: 0}\n";
	struct lesson *l = NULL;
	struct diag_list d;

	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(lesson_load_buffer(&l, "t.yaml", text,
	    sizeof text - 1, &d), 0);
	CU_ASSERT_TRUE(view_focus_takes(&l->blocks[0]));
	CU_ASSERT_TRUE(view_focus_takes(&l->blocks[1]));
	CU_ASSERT_FALSE(view_focus_takes(&l->blocks[2]));
	/* no training at 0 epochs: the block only prints what it counts */
	CU_ASSERT_FALSE(view_focus_takes(&l->blocks[3]));
	lesson_destroy(l);
	diag_list_free(&d);
}

/* Quizzes and simulations with knobs take the focus; text and a
 * simulation without knobs do not. */
static void
test_view_focus_which_blocks(void)
{
	struct lesson *l = test_lesson();

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_FALSE(view_focus_takes(&l->blocks[0]));
	CU_ASSERT_TRUE(view_focus_takes(&l->blocks[1]));
	CU_ASSERT_TRUE(view_focus_takes(&l->blocks[3]));
	CU_ASSERT_FALSE(view_focus_takes(&l->blocks[4]));
	CU_ASSERT_TRUE(view_focus_takes(&l->blocks[6]));
	CU_ASSERT_EQUAL(view_focus_kind(&l->blocks[1], 0), VIEW_FOCUS_CHOICE_QUIZ);
	CU_ASSERT_EQUAL(view_focus_kind(&l->blocks[6], 0), VIEW_FOCUS_NUMBER_QUIZ);
	CU_ASSERT_EQUAL(view_focus_kind(&l->blocks[3], 0), VIEW_FOCUS_SIM);
	CU_ASSERT_EQUAL(view_focus_kind(&l->blocks[3], 1), VIEW_FOCUS_SLOW_SIM);
	CU_ASSERT_EQUAL(view_focus_kind(&l->blocks[0], 0), VIEW_FOCUS_NONE);
	lesson_destroy(l);
}

/* Tab goes from block to interactive block, skipping the rest, and stops
 * at the last one (no wrap); Shift-Tab goes back and stops at the first. */
static void
test_view_focus_tab_order(void)
{
	struct lesson *l = test_lesson();
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_at(l, 60, NULL);
	CU_ASSERT_EQUAL(view_focus_next(l, p, -1, 0, 10, 1), 1);
	CU_ASSERT_EQUAL(view_focus_next(l, p, 1, 0, 10, 1), 3);
	CU_ASSERT_EQUAL(view_focus_next(l, p, 3, 0, 10, 1), 6);
	CU_ASSERT_EQUAL(view_focus_next(l, p, 6, 0, 10, 1), -1);
	CU_ASSERT_EQUAL(view_focus_next(l, p, 6, 0, 10, -1), 3);
	CU_ASSERT_EQUAL(view_focus_next(l, p, 1, 0, 10, -1), -1);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* With nothing focused, Tab starts at the first interactive block that
 * shows on the screen, Shift-Tab at the last one that shows. */
static void
test_view_focus_starts_on_screen(void)
{
	struct lesson *l = test_lesson();
	struct doc_page *p;
	size_t top;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = page_at(l, 60, NULL);
	/* the screen starts below the quiz: Tab skips it */
	top = p->blocks[1].last;
	CU_ASSERT_EQUAL(view_focus_next(l, p, -1, top, 5, 1), 3);
	/* a screen ending inside the sim: Shift-Tab takes it, not the quiz
	 * further down */
	top = p->blocks[3].first;
	CU_ASSERT_EQUAL(view_focus_next(l, p, -1, top, 2, -1), 3);
	/* below every interactive block: nothing to focus going down */
	top = p->blocks[8].first;
	CU_ASSERT_EQUAL(view_focus_next(l, p, -1, top, 5, 1), -1);
	CU_ASSERT_EQUAL(view_focus_next(l, p, -1, top, 5, -1), 6);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* ---- knobs ---------------------------------------------------------------- */

/* The sim block's args from the lesson, and its knob called name. */
static const struct lesson_knob *
knob_named(const struct lesson_block *b, const char *name)
{
	for (size_t i = 0; i < b->sim.nknobs; i++)
		if (strcmp(b->sim.knobs[i].name, name) == 0)
			return &b->sim.knobs[i];
	CU_FAIL("no such knob");
	return NULL;
}

/* Right on scale = 0.9 (step 0.1, max 1.0) gives 1.0 and stops there;
 * Left goes back down the grid. */
static void
test_view_knob_turns_within_range(void)
{
	struct lesson *l = test_lesson();
	const struct lesson_knob *k;
	struct sim_args args;
	struct diag_list d;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(&args, 0, sizeof args);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(view_knob_args(&args, l, &l->blocks[3], &d), 0);
	k = knob_named(&l->blocks[3], "scale");
	CU_ASSERT_EQUAL(view_knob_turn(&args, k, 1, &i), VIEW_KNOB_TURNED);
	CU_ASSERT_STRING_EQUAL(args.spec->params[i].name, "scale");
	CU_ASSERT_DOUBLE_EQUAL(args.num[i], 1.0, 1e-12);
	CU_ASSERT_EQUAL(view_knob_turn(&args, k, 1, &i), VIEW_KNOB_AT_END);
	CU_ASSERT_DOUBLE_EQUAL(args.num[i], 1.0, 1e-12);
	for (int n = 0; n < 10; n++)
		CU_ASSERT_EQUAL(view_knob_turn(&args, k, -1, &i),
		    VIEW_KNOB_TURNED);
	/* exactly 0 at the bottom, not a rounding error */
	CU_ASSERT_EQUAL(args.num[i], 0.0);
	CU_ASSERT_EQUAL(view_knob_turn(&args, k, -1, &i), VIEW_KNOB_AT_END);
	sim_args_free(&args);
	diag_list_free(&d);
	lesson_destroy(l);
}

/* A choice knob steps one word at a time and stops at the last word: it
 * does not wrap round to the first. */
static void
test_view_knob_choice_does_not_wrap(void)
{
	struct lesson *l = test_lesson();
	const struct lesson_knob *k;
	struct sim_args args;
	struct diag_list d;
	size_t i;
	char *shown;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(&args, 0, sizeof args);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(view_knob_args(&args, l, &l->blocks[3], &d), 0);
	k = knob_named(&l->blocks[3], "input");
	/* the lesson says random, the last of sine, pulse, step, random */
	CU_ASSERT_EQUAL(view_knob_turn(&args, k, 1, &i), VIEW_KNOB_AT_END);
	shown = sim_args_format(&args, i);
	CU_ASSERT_STRING_EQUAL(shown, "random");
	free(shown);
	CU_ASSERT_EQUAL(view_knob_turn(&args, k, -1, &i), VIEW_KNOB_TURNED);
	shown = sim_args_format(&args, i);
	CU_ASSERT_STRING_EQUAL(shown, "step");
	free(shown);
	sim_args_free(&args);
	diag_list_free(&d);
	lesson_destroy(l);
}

/* An integer knob keeps to whole numbers; a knob naming no parameter
 * says so; reset goes back to the lesson's values. */
static void
test_view_knob_int_unknown_and_reset(void)
{
	struct lesson *l = test_lesson();
	struct sim_args args;
	struct diag_list d;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(&args, 0, sizeof args);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(view_knob_args(&args, l, &l->blocks[3], &d), 0);
	CU_ASSERT_EQUAL(view_knob_turn(&args,
	    knob_named(&l->blocks[3], "hidden"), 1, &i), VIEW_KNOB_TURNED);
	CU_ASSERT_EQUAL(args.num[i], 3.0);
	CU_ASSERT_EQUAL(view_knob_turn(&args,
	    knob_named(&l->blocks[3], "nonsense_knob"), 1, &i),
	    VIEW_KNOB_NOT_PARAM);
	/* a second view_knob_args keeps the reader's values */
	CU_ASSERT_EQUAL(view_knob_args(&args, l, &l->blocks[3], &d), 0);
	CU_ASSERT_EQUAL(args.num[i], 3.0);
	view_knob_reset(&args);
	CU_ASSERT_PTR_NULL(args.spec);
	CU_ASSERT_EQUAL(view_knob_args(&args, l, &l->blocks[3], &d), 0);
	CU_ASSERT_EQUAL(args.num[i], 2.0);
	sim_args_free(&args);
	diag_list_free(&d);
	lesson_destroy(l);
}

/* Up and Down choose among the knobs and wrap round. */
static void
test_view_knob_choose_wraps(void)
{
	CU_ASSERT_EQUAL(view_knob_choose(0, 3, 1), 1);
	CU_ASSERT_EQUAL(view_knob_choose(2, 3, 1), 0);
	CU_ASSERT_EQUAL(view_knob_choose(0, 3, -1), 2);
	CU_ASSERT_EQUAL(view_knob_choose(0, 1, 1), 0);
}

/* ---- lists ---------------------------------------------------------------- */

/* The selection stops at both ends; the rows shown follow it. */
static void
test_view_list_move_and_first(void)
{
	CU_ASSERT_EQUAL(view_list_move(0, 4, VIEW_ACT_SELECT_NEXT), 1);
	CU_ASSERT_EQUAL(view_list_move(3, 4, VIEW_ACT_SELECT_NEXT), 3);
	CU_ASSERT_EQUAL(view_list_move(0, 4, VIEW_ACT_SELECT_PREV), 0);
	CU_ASSERT_EQUAL(view_list_move(2, 4, VIEW_ACT_SELECT_LAST), 3);
	CU_ASSERT_EQUAL(view_list_move(2, 4, VIEW_ACT_SELECT_FIRST), 0);
	CU_ASSERT_EQUAL(view_list_move(0, 0, VIEW_ACT_SELECT_LAST), 0);
	CU_ASSERT_EQUAL(view_list_first(4, 5), 0);
	CU_ASSERT_EQUAL(view_list_first(5, 5), 1);
	CU_ASSERT_EQUAL(view_list_first(12, 5), 8);
	CU_ASSERT_EQUAL(view_list_first(12, 0), 0);
}

/* ---- keys ----------------------------------------------------------------- */

/* The action of key in state. */
static enum view_act
act(enum view_where where, enum view_focus focus, int training, int key)
{
	const struct view_state s = { .where = where, .focus = focus,
	    .nchoices = 3, .training = training };

	return view_key_action(&s, key).act;
}

/* Reading a lesson: less and vi keys move, Esc goes back to the menu. */
static void
test_view_keys_pager(void)
{
	enum view_where p = VIEW_IN_PAGER;
	enum view_focus n = VIEW_FOCUS_NONE;

	CU_ASSERT_EQUAL(act(p, n, 0, 'j'), VIEW_ACT_LINE_DOWN);
	CU_ASSERT_EQUAL(act(p, n, 0, '\r'), VIEW_ACT_LINE_DOWN);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_UP), VIEW_ACT_LINE_UP);
	CU_ASSERT_EQUAL(act(p, n, 0, ' '), VIEW_ACT_PAGE_DOWN);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_CTRL('B')), VIEW_ACT_PAGE_UP);
	CU_ASSERT_EQUAL(act(p, n, 0, 'G'), VIEW_ACT_BOTTOM);
	CU_ASSERT_EQUAL(act(p, n, 0, '\t'), VIEW_ACT_FOCUS_NEXT);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_BACKTAB), VIEW_ACT_FOCUS_PREV);
	CU_ASSERT_EQUAL(act(p, n, 0, 'N'), VIEW_ACT_SEARCH_PREV);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_LEFT), VIEW_ACT_BACK);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_ESC), VIEW_ACT_BACK);
	CU_ASSERT_EQUAL(act(p, n, 0, 'Q'), VIEW_ACT_QUIT);
	CU_ASSERT_EQUAL(act(p, n, 0, 'x'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_NONE), VIEW_ACT_NONE);
	/* Esc stops training before anything else */
	CU_ASSERT_EQUAL(act(p, n, 1, VIEW_KEY_ESC), VIEW_ACT_STOP_TRAINING);
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_SIM, 1, VIEW_KEY_ESC),
	    VIEW_ACT_STOP_TRAINING);
}

/* A focused simulation takes the arrows and h, l for its knobs; what it
 * does not take (j, Enter) still moves the page. */
static void
test_view_keys_focused_sim(void)
{
	enum view_where p = VIEW_IN_PAGER;
	enum view_focus f = VIEW_FOCUS_SIM, s = VIEW_FOCUS_SLOW_SIM;

	CU_ASSERT_EQUAL(act(p, f, 0, VIEW_KEY_RIGHT), VIEW_ACT_KNOB_UP);
	CU_ASSERT_EQUAL(act(p, f, 0, 'h'), VIEW_ACT_KNOB_DOWN);
	CU_ASSERT_EQUAL(act(p, f, 0, '='), VIEW_ACT_KNOB_UP);
	CU_ASSERT_EQUAL(act(p, f, 0, VIEW_KEY_UP), VIEW_ACT_KNOB_PREV);
	CU_ASSERT_EQUAL(act(p, f, 0, VIEW_KEY_DOWN), VIEW_ACT_KNOB_NEXT);
	CU_ASSERT_EQUAL(act(p, f, 0, '0'), VIEW_ACT_KNOB_RESET);
	CU_ASSERT_EQUAL(act(p, f, 0, VIEW_KEY_ESC), VIEW_ACT_UNFOCUS);
	CU_ASSERT_EQUAL(act(p, f, 0, 'j'), VIEW_ACT_LINE_DOWN);
	CU_ASSERT_EQUAL(act(p, f, 0, '\r'), VIEW_ACT_LINE_DOWN);
	CU_ASSERT_EQUAL(act(p, f, 0, 't'), VIEW_ACT_NONE);
	/* one that trains: Enter trains (or says it is busy), t asks */
	CU_ASSERT_EQUAL(act(p, s, 0, '\r'), VIEW_ACT_TRAIN);
	CU_ASSERT_EQUAL(act(p, s, 0, VIEW_KEY_ENTER), VIEW_ACT_TRAIN);
	CU_ASSERT_EQUAL(act(p, s, 1, '\n'), VIEW_ACT_TRAIN_BUSY);
	CU_ASSERT_EQUAL(act(p, s, 0, 't'), VIEW_ACT_SENTENCE);
	CU_ASSERT_EQUAL(act(p, s, 0, VIEW_KEY_LEFT), VIEW_ACT_KNOB_DOWN);
	CU_ASSERT_EQUAL(act(p, s, 0, VIEW_KEY_ESC), VIEW_ACT_UNFOCUS);
}

/* A focused quiz: letters of its choices answer, other letters keep their
 * pager meaning; a numeric quiz asks on Enter or =. */
static void
test_view_keys_focused_quiz(void)
{
	const struct view_state s = { .where = VIEW_IN_PAGER,
	    .focus = VIEW_FOCUS_CHOICE_QUIZ, .nchoices = 3 };
	struct view_action a = view_key_action(&s, 'c');
	enum view_where p = VIEW_IN_PAGER;
	enum view_focus c = VIEW_FOCUS_CHOICE_QUIZ, n = VIEW_FOCUS_NUMBER_QUIZ;

	CU_ASSERT_EQUAL(a.act, VIEW_ACT_ANSWER);
	CU_ASSERT_EQUAL(a.arg, 2);
	CU_ASSERT_EQUAL(act(p, c, 0, 'd'), VIEW_ACT_HALF_DOWN);	/* 3 choices */
	CU_ASSERT_EQUAL(act(p, c, 0, '\r'), VIEW_ACT_LINE_DOWN);
	CU_ASSERT_EQUAL(act(p, c, 0, VIEW_KEY_ESC), VIEW_ACT_UNFOCUS);
	CU_ASSERT_EQUAL(act(p, n, 0, '\r'), VIEW_ACT_ASK_NUMBER);
	CU_ASSERT_EQUAL(act(p, n, 0, '='), VIEW_ACT_ASK_NUMBER);
	CU_ASSERT_EQUAL(act(p, n, 0, 'a'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(p, n, 0, VIEW_KEY_LEFT), VIEW_ACT_BACK);
	/* ! shows the answer of either kind of quiz, and nothing else */
	CU_ASSERT_EQUAL(act(p, c, 0, '!'), VIEW_ACT_REVEAL);
	CU_ASSERT_EQUAL(act(p, n, 0, '!'), VIEW_ACT_REVEAL);
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_NONE, 0, '!'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_SIM, 0, '!'), VIEW_ACT_NONE);
	/* a sim waiting for a prediction takes a letter or Enter */
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_PREDICT_CHOICE, 0, 'b'),
	    VIEW_ACT_PREDICT);
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_PREDICT_NUMBER, 0, '\r'),
	    VIEW_ACT_ASK_PREDICT);
	CU_ASSERT_EQUAL(act(p, VIEW_FOCUS_PREDICT_NUMBER, 0, 'b'),
	    VIEW_ACT_PAGE_UP);
}

/* The menu, the lists, help, the prompt and a too small terminal. */
static void
test_view_keys_other_screens(void)
{
	const struct view_state menu = { .where = VIEW_IN_MENU };
	const struct view_state prompt = { .where = VIEW_IN_PROMPT };
	enum view_focus n = VIEW_FOCUS_NONE;
	struct view_action a = view_key_action(&menu, '3');

	CU_ASSERT_EQUAL(a.act, VIEW_ACT_OPEN_NUMBER);
	CU_ASSERT_EQUAL(a.arg, 3);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, 'l'), VIEW_ACT_OPEN);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, '/'), VIEW_ACT_SEARCH_ALL);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, 'v'), VIEW_ACT_REVIEW);
	CU_ASSERT_EQUAL(act(VIEW_IN_PAGER, n, 0, 'v'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, 'q'), VIEW_ACT_QUIT);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, '0'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(VIEW_IN_MENU, n, 0, VIEW_KEY_ESC), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(VIEW_IN_LIST, n, 0, VIEW_KEY_ESC), VIEW_ACT_BACK);
	CU_ASSERT_EQUAL(act(VIEW_IN_LIST, n, 0, 'G'), VIEW_ACT_SELECT_LAST);
	CU_ASSERT_EQUAL(act(VIEW_IN_LIST, n, 0, 'l'), VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(act(VIEW_IN_HELP, n, 0, 'j'), VIEW_ACT_BACK);
	CU_ASSERT_EQUAL(act(VIEW_IN_TOO_SMALL, n, 0, 'Q'), VIEW_ACT_QUIT);
	CU_ASSERT_EQUAL(act(VIEW_IN_TOO_SMALL, n, 0, 'j'), VIEW_ACT_NONE);
	a = view_key_action(&prompt, 'q');
	CU_ASSERT_EQUAL(a.act, VIEW_ACT_INSERT);
	CU_ASSERT_EQUAL(a.arg, 'q');
	CU_ASSERT_EQUAL(view_key_action(&prompt, 0xC3).act, VIEW_ACT_INSERT);
	CU_ASSERT_EQUAL(view_key_action(&prompt, '\r').act, VIEW_ACT_ACCEPT);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_ESC).act,
	    VIEW_ACT_CANCEL);
	CU_ASSERT_EQUAL(view_key_action(&prompt, 127).act, VIEW_ACT_ERASE);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_BACKSPACE).act,
	    VIEW_ACT_ERASE);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_CTRL('U')).act,
	    VIEW_ACT_KILL_LINE);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_UP).act,
	    VIEW_ACT_NONE);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_LEFT).act,
	    VIEW_ACT_CURSOR_LEFT);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_RIGHT).act,
	    VIEW_ACT_CURSOR_RIGHT);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_HOME).act,
	    VIEW_ACT_CURSOR_HOME);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_CTRL('A')).act,
	    VIEW_ACT_CURSOR_HOME);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_END).act,
	    VIEW_ACT_CURSOR_END);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_CTRL('E')).act,
	    VIEW_ACT_CURSOR_END);
	CU_ASSERT_EQUAL(view_key_action(&prompt, VIEW_KEY_CTRL('W')).act,
	    VIEW_ACT_ERASE_WORD);
}

/* ---- the line editor ------------------------------------------------------ */

/* Backspace removes a whole UTF-8 character; a full text takes no more;
 * the visible tail starts at a character. */
static void
test_view_edit_utf8(void)
{
	struct view_edit e;

	view_edit_clear(&e);
	view_edit_insert(&e, 'a');
	view_edit_insert(&e, 0xC3);
	view_edit_insert(&e, 0xA9);	/* é */
	CU_ASSERT_STRING_EQUAL(e.buf, "a\xC3\xA9");
	CU_ASSERT_EQUAL(view_edit_visible(&e, 10), 0);
	CU_ASSERT_EQUAL(view_edit_visible(&e, 1), 3);	/* not inside é */
	CU_ASSERT_EQUAL(view_edit_visible(&e, 2), 1);
	CU_ASSERT_EQUAL(view_edit_visible(&e, 0), 3);
	CU_ASSERT_EQUAL(view_edit_erase(&e), 0);
	CU_ASSERT_STRING_EQUAL(e.buf, "a");
	CU_ASSERT_EQUAL(view_edit_erase(&e), 0);
	CU_ASSERT_EQUAL(view_edit_erase(&e), -1);
	for (size_t i = 0; i + 1 < sizeof e.buf; i++)
		CU_ASSERT_EQUAL(view_edit_insert(&e, 'x'), 0);
	CU_ASSERT_EQUAL(view_edit_insert(&e, 'y'), -1);
	CU_ASSERT_EQUAL(e.len, sizeof e.buf - 1);
	CU_ASSERT_EQUAL(e.buf[e.len], '\0');
}

/* The cursor: typing in the middle, Left/Right over whole characters,
 * Home/End, Backspace before the cursor, Ctrl-W a word, Ctrl-U the line;
 * 300 nines fit whole (no silent cut at 255) and a full text refuses the
 * byte instead of cutting; the shown part keeps the cursor in view. */
static void
test_view_edit_cursor(void)
{
	struct view_edit e;
	const char *s = "the soup";
	const struct view_state typing = { .where = VIEW_IN_PROMPT };

	view_edit_clear(&e);
	for (const char *p = s; *p != '\0'; p++)
		view_edit_insert(&e, *p);
	CU_ASSERT_EQUAL(e.cursor, 8);
	view_edit_move(&e, -1);
	view_edit_move(&e, -1);
	view_edit_move(&e, -1);
	view_edit_move(&e, -1);		/* before "soup" */
	view_edit_insert(&e, 'b');
	view_edit_insert(&e, 'a');
	view_edit_insert(&e, 'd');
	view_edit_insert(&e, ' ');
	CU_ASSERT_STRING_EQUAL(e.buf, "the bad soup");
	CU_ASSERT_EQUAL(e.cursor, 8);
	view_edit_home(&e);
	CU_ASSERT_EQUAL(e.cursor, 0);
	CU_ASSERT_EQUAL(view_edit_erase(&e), 0);	/* nothing before */
	CU_ASSERT_STRING_EQUAL(e.buf, "the bad soup");
	view_edit_move(&e, -1);
	CU_ASSERT_EQUAL(e.cursor, 0);
	view_edit_insert(&e, 0xC3);
	view_edit_insert(&e, 0x89);	/* É */
	CU_ASSERT_STRING_EQUAL(e.buf, "\xC3\x89the bad soup");
	view_edit_move(&e, -1);
	CU_ASSERT_EQUAL(e.cursor, 0);	/* over both bytes */
	view_edit_move(&e, 1);
	CU_ASSERT_EQUAL(e.cursor, 2);
	CU_ASSERT_EQUAL(view_edit_erase(&e), 0);
	CU_ASSERT_STRING_EQUAL(e.buf, "the bad soup");
	view_edit_end(&e);
	CU_ASSERT_EQUAL(e.cursor, e.len);
	view_edit_erase_word(&e);
	CU_ASSERT_STRING_EQUAL(e.buf, "the bad ");
	view_edit_erase_word(&e);	/* the space, then "bad" */
	CU_ASSERT_STRING_EQUAL(e.buf, "the ");
	view_edit_move(&e, -1);
	view_edit_move(&e, -1);		/* the|e_ -> th|e */
	view_edit_erase_word(&e);
	CU_ASSERT_STRING_EQUAL(e.buf, "e ");
	CU_ASSERT_EQUAL(e.cursor, 0);
	/* Delete: the character under the cursor, all its bytes */
	view_edit_insert(&e, 0xC3);
	view_edit_insert(&e, 0x89);	/* É|e_ */
	view_edit_move(&e, -1);
	view_edit_delete(&e);
	CU_ASSERT_STRING_EQUAL(e.buf, "e ");
	CU_ASSERT_EQUAL(e.cursor, 0);
	view_edit_end(&e);
	view_edit_delete(&e);		/* nothing under the cursor */
	CU_ASSERT_STRING_EQUAL(e.buf, "e ");
	CU_ASSERT_EQUAL(view_key_action(&typing, VIEW_KEY_DELETE).act,
	    VIEW_ACT_DELETE);
	CU_ASSERT_EQUAL(view_key_action(&typing, VIEW_KEY_CTRL('D')).act,
	    VIEW_ACT_DELETE);
	view_edit_clear(&e);
	CU_ASSERT_EQUAL(e.len, 0);
	CU_ASSERT_EQUAL(e.cursor, 0);
	for (int i = 0; i < 300; i++)
		CU_ASSERT_EQUAL(view_edit_insert(&e, '9'), 0);
	CU_ASSERT_EQUAL(e.len, 300);
	CU_ASSERT_EQUAL(strspn(e.buf, "9"), 300);
	/* the cursor stays on the shown columns */
	CU_ASSERT_EQUAL(view_edit_visible(&e, 40), 300 - 39);
	view_edit_home(&e);
	CU_ASSERT_EQUAL(view_edit_visible(&e, 40), 0);
	view_edit_end(&e);
	while (e.len + 1 < VIEW_EDIT_MAX)
		CU_ASSERT_EQUAL_FATAL(view_edit_insert(&e, '9'), 0);
	CU_ASSERT_EQUAL(view_edit_insert(&e, '1'), -1);
	CU_ASSERT_EQUAL(e.len, VIEW_EDIT_MAX - 1);
	CU_ASSERT_EQUAL(strchr(e.buf, '1'), NULL);
}

/* ---- what the session keeps ---------------------------------------------- */

/* A sentiment model built with the given NAME=VALUE words (epochs=0: no
 * training, only a model). */
static struct sim_model *
keep_model(const char *model, const char *hidden)
{
	struct sim_args args;
	struct sim_job *job;
	struct sim_model *m;
	struct diag_list d;

	diag_list_init(&d);
	sim_args_init(&args, sim_find("sentiment"));
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "epochs=0", &d), 0);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, model, &d), 0);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, hidden, &d), 0);
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &d), 0);
	while (sim_job_step(job, 64, &d) == 1)
		;
	m = sim_job_model(job);
	sim_job_destroy(job);
	sim_args_free(&args);
	diag_list_free(&d);
	return m;
}

/* Knobs per block survive; a model is kept per setting (a knob turned
 * and turned back finds it again); the last text per block; the model
 * beside is of another kind, the wanted kind first. */
static void
test_view_keep_per_setting(void)
{
	struct view_keep *k = view_keep_create();
	struct sim_args a8, a16;
	struct sim_model *lstm8 = keep_model("model=lstm", "hidden=8");
	struct sim_model *lstm16 = keep_model("model=lstm", "hidden=16");
	struct sim_model *rnn = keep_model("model=rnn", "hidden=8");
	struct sim_model *gru = keep_model("model=gru", "hidden=8");
	struct diag_list d;
	size_t hidden = 0;
	int knob = -1;

	diag_list_init(&d);
	sim_args_init(&a8, sim_find("sentiment"));
	sim_args_set_kv(&a8, "hidden=8", &d);
	sim_args_init(&a16, sim_find("sentiment"));
	sim_args_set_kv(&a16, "hidden=16", &d);
	CU_ASSERT_PTR_NULL(view_keep_knobs(k, "sentiment", 3, &knob));
	CU_ASSERT_EQUAL(knob, 0);
	view_keep_put_knobs(k, "sentiment", 3, &a16, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(view_keep_knobs(k, "sentiment", 3, &knob));
	sim_param_find(a16.spec, "hidden", &hidden);
	CU_ASSERT_EQUAL(view_keep_knobs(k, "sentiment", 3, &knob)->num[hidden],
	    16);
	CU_ASSERT_EQUAL(knob, 2);
	CU_ASSERT_PTR_NULL(view_keep_knobs(k, "sentiment", 4, &knob));
	CU_ASSERT_PTR_NULL(view_keep_knobs(k, "lstm-gates", 3, &knob));
	view_keep_put_knobs(k, "sentiment", 3, NULL, 0);	/* back to the lesson's */
	CU_ASSERT_PTR_NULL(view_keep_knobs(k, "sentiment", 3, &knob));

	view_keep_put_model(k, "sentiment", 5, &a8, lstm8);
	view_keep_put_model(k, "sentiment", 5, &a16, lstm16);
	CU_ASSERT_PTR_EQUAL(view_keep_model(k, "sentiment", 5, &a8), lstm8);
	CU_ASSERT_PTR_EQUAL(view_keep_model(k, "sentiment", 5, &a16), lstm16);
	CU_ASSERT_PTR_NULL(view_keep_model(k, "sentiment", 6, &a8));
	CU_ASSERT_PTR_NULL(view_keep_beside(k, "sentiment", lstm8, "RNN"));
	view_keep_put_model(k, "sentiment", 7, &a8, gru);
	CU_ASSERT_PTR_EQUAL(view_keep_beside(k, "sentiment", lstm8, "RNN"), gru);
	view_keep_put_model(k, "sentiment", 6, &a8, rnn);
	CU_ASSERT_PTR_EQUAL(view_keep_beside(k, "sentiment", lstm8, "RNN"), rnn);
	CU_ASSERT_PTR_EQUAL(view_keep_beside(k, "sentiment", rnn, "LSTM"),
	    lstm16);	/* the latest LSTM */
	CU_ASSERT_PTR_NULL(view_keep_beside(k, "other-lesson", rnn, "LSTM"));

	CU_ASSERT_PTR_NULL(view_keep_text(k, "sentiment", 5));
	view_keep_put_text(k, "sentiment", 5, "The soup was bad.");
	view_keep_put_text(k, "sentiment", 5, "The soup was not bad.");
	CU_ASSERT_STRING_EQUAL(view_keep_text(k, "sentiment", 5),
	    "The soup was not bad.");
	sim_args_free(&a8);
	sim_args_free(&a16);
	diag_list_free(&d);
	view_keep_destroy(k);	/* frees the four models */
}

/* ---- quizzes -------------------------------------------------------------- */

/* A quiz is open until answered right, or after one wrong answer when it
 * allows no retry; numbers count within the tolerance. */
static void
test_view_quiz_answers(void)
{
	struct lesson *l = test_lesson();
	struct lesson_quiz q;
	struct doc_quiz_state st = { 0 };

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	q = l->blocks[6].quiz;
	CU_ASSERT_TRUE(view_quiz_number_right(&q, 2.55));
	CU_ASSERT_FALSE(view_quiz_number_right(&q, 2.7));
	q.retry = false;
	CU_ASSERT_EQUAL(view_quiz_may_answer(&q, &st), VIEW_QUIZ_OPEN);
	view_quiz_record(&st, 0);
	CU_ASSERT_EQUAL(st.attempts, 1);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&q, &st), VIEW_QUIZ_ONE_TRY);
	q.retry = true;
	CU_ASSERT_EQUAL(view_quiz_may_answer(&q, &st), VIEW_QUIZ_OPEN);
	view_quiz_record(&st, 1);
	CU_ASSERT_EQUAL(st.attempts, 2);
	CU_ASSERT_EQUAL(view_quiz_may_answer(&q, &st), VIEW_QUIZ_DONE);
	lesson_destroy(l);
}

/* Answers kept in the progress file show again: a right one with its
 * answer, a wrong one as wrong without a choice. */
static void
test_view_quiz_restore(void)
{
	struct lesson *l = test_lesson();
	struct doc_block_state *st;
	struct progress p;
	struct progress_lesson *rec;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	st = calloc(l->nblocks, sizeof *st);
	progress_init(&p);
	rec = progress_lesson(&p, "t", true);
	progress_quiz_answer(rec, 1, false);
	progress_quiz_answer(rec, 1, true);
	progress_quiz_answer(rec, 6, false);
	view_quiz_restore(st, l, rec);
	CU_ASSERT_TRUE(st[1].quiz.answered);
	CU_ASSERT_TRUE(st[1].quiz.correct);
	CU_ASSERT_EQUAL(st[1].quiz.attempts, 2);
	CU_ASSERT_EQUAL(st[1].quiz.choice, 1);
	CU_ASSERT_TRUE(st[6].quiz.answered);
	CU_ASSERT_FALSE(st[6].quiz.correct);
	CU_ASSERT_TRUE(isnan(st[6].quiz.value));
	CU_ASSERT_FALSE(st[0].quiz.answered);
	view_quiz_restore(st, l, NULL);	/* nothing kept: nothing changes */
	CU_ASSERT_TRUE(st[1].quiz.correct);
	progress_free(&p);
	free(st);
	lesson_destroy(l);
}

/* A reveal and the predictions kept in the progress file show again: the
 * quiz revealed, each sim block's guess committed (its chart shown); a
 * guess that no longer fits its block (a choice where a number is asked,
 * a letter past the choices) is asked again. */
static void
test_view_predict_restore(void)
{
	static const char text[] =
	    "id: p\nnumber: 1\ntitle: T\ngoal: G\nblocks:\n"
	    "  - quiz: What is 5 / 2?\n"
	    "    answer: 2.5\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict:\n"
	    "      ask: Up or down?\n"
	    "      choices: [up, down]\n"
	    "      answer: b\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict:\n"
	    "      ask: What ratio is left?\n"
	    "      scalar: ratio\n"
	    "      tolerance: 0.03\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict:\n"
	    "      ask: What ratio is left?\n"
	    "      scalar: ratio\n"
	    "      tolerance: 0.03\n"
	    "  - sim: linear-bptt\n"
	    "    params: {n: 4, scale: 0.9, steps: 20}\n"
	    "    predict:\n"
	    "      ask: Up or down?\n"
	    "      choices: [up, down]\n"
	    "      answer: b\n";
	struct lesson *l = NULL;
	struct doc_block_state st[5];
	struct progress p;
	struct progress_lesson *rec;
	struct diag_list d;

	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(lesson_load_buffer(&l, "p.yaml", text,
	    strlen(text), &d), 0);
	memset(st, 0, sizeof st);
	progress_init(&p);
	rec = progress_lesson(&p, "p", true);
	progress_quiz_answer(rec, 0, false);
	progress_quiz_revealed(rec, 0);
	progress_predict_commit(rec, 1, true, 1, 0);
	progress_predict_commit(rec, 2, false, 0, 0.12);
	progress_predict_commit(rec, 3, true, 0, 0);	/* a letter: no */
	progress_predict_commit(rec, 4, true, 2, 0);	/* past b: no */
	CU_ASSERT_FALSE(doc_quiz_shown(&l->blocks[0].quiz, &st[0].quiz));
	view_quiz_restore(st, l, rec);
	CU_ASSERT_TRUE(st[0].quiz.revealed);
	CU_ASSERT_TRUE(doc_quiz_shown(&l->blocks[0].quiz, &st[0].quiz));
	CU_ASSERT_EQUAL(view_quiz_may_answer(&l->blocks[0].quiz, &st[0].quiz),
	    VIEW_QUIZ_SHOWN);
	CU_ASSERT_TRUE(st[1].predict.committed);
	CU_ASSERT_EQUAL(st[1].predict.choice, 1);
	CU_ASSERT_TRUE(st[2].predict.committed);
	CU_ASSERT_EQUAL(st[2].predict.value, 0.12);
	CU_ASSERT_FALSE(st[3].predict.committed);
	CU_ASSERT_FALSE(st[4].predict.committed);
	progress_free(&p);
	diag_list_free(&d);
	lesson_destroy(l);
}

/* Does some line of page contain needle? */
static int
review_page_has(const struct doc_page *page, const char *needle)
{
	struct strbuf sb;
	int found = 0;

	strbuf_init(&sb);
	for (size_t i = 0; i < page->nlines && !found; i++) {
		doc_line_text(&page->lines[i], &sb);
		found = strstr(sb.s, needle) != NULL;
	}
	strbuf_free(&sb);
	return found;
}

/* A progress file with lesson 2's quizzes 1 (missed) and 3 (three tries). */
static const char review_progress[] =
    "version 1\n"
    "lesson vanishing-gradients\n"
    "  quiz 4 wrong 2\n"
    "  quiz 13 right 1\n"
    "  quiz 26 right 3\n";

/* A review session: an unreadable answer records nothing and says what is
 * accepted; a wrong choice records a miss and says why it is wrong; a right
 * number a hit; the page shows "Review 1 of 6", the verdict in words, and
 * after a stop the summary of what was answered. */
static void
test_view_review_session(void)
{
	struct course_opts copts = { .use_builtin = true };
	struct course *course;
	struct progress p;
	struct diag_list d;
	struct review_plan plan;
	struct view_review_session s;
	const struct progress_review *r;
	struct doc_page *page;
	size_t verdict;

	diag_list_init(&d);
	progress_init(&p);
	course = course_load(&copts, &d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "f", review_progress,
	    strlen(review_progress), &d), 0);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&plan, course, &p, 9, 6, 100,
	    &d), 0);
	view_review_start(&s, &plan);
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_ASKING);
	page = view_review_page(&s, 80, 1, &verdict);
	CU_ASSERT_TRUE(review_page_has(page, "Review 1 of 6: Lesson 2, quiz 1"));
	CU_ASSERT_TRUE(review_page_has(page, "Where is tanh'(a)"));
	CU_ASSERT_TRUE(review_page_has(page, "  b) at a = 0, where it equals 1"));
	CU_ASSERT_FALSE(review_page_has(page, "Not quite"));
	CU_ASSERT_EQUAL(verdict, 0);
	doc_page_destroy(page);

	/* not a choice: nothing recorded, the page says what is accepted */
	CU_ASSERT_EQUAL(view_review_submit(&s, &p, "z", 200), -1);
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_ASKING);
	CU_ASSERT_PTR_NULL(progress_review_find(&p,
	    "quiz:vanishing-gradients:4"));
	page = view_review_page(&s, 80, 1, &verdict);
	CU_ASSERT_TRUE(review_page_has(page, "Type the letter of a choice, a "
	    "to d."));
	doc_page_destroy(page);

	/* a wrong choice */
	CU_ASSERT_EQUAL(view_review_submit(&s, &p, " A ", 200), 0);
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_VERDICT);
	r = progress_review_find(&p, "quiz:vanishing-gradients:4");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->at, 200);
	CU_ASSERT_EQUAL(r->streak, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(view_review_why(&s));
	CU_ASSERT_TRUE(strncmp(view_review_why(&s), "tanh(1)", 7) == 0);
	page = view_review_page(&s, 80, 1, &verdict);
	CU_ASSERT_TRUE(verdict > 0);
	CU_ASSERT_TRUE(review_page_has(page, "Not quite. The answer is b) at "
	    "a = 0"));
	CU_ASSERT_TRUE(review_page_has(page, "a) at a = 1, where it equals 1 "
	    "<- your answer"));
	CU_ASSERT_TRUE(review_page_has(page, "b) at a = 0, where it equals 1 "
	    "<- right"));
	CU_ASSERT_TRUE(review_page_has(page, "You chose: tanh(1)"));
	CU_ASSERT_TRUE(review_page_has(page, "tanh(0) = 0, so tanh'(0)"));
	doc_page_destroy(page);
	/* a second answer to the same question is refused */
	CU_ASSERT_EQUAL(view_review_submit(&s, &p, "b", 250), -1);
	CU_ASSERT_EQUAL(progress_review_find(&p,
	    "quiz:vanishing-gradients:4")->at, 200);

	/* the numeric quiz, answered right as the quiz reader reads it */
	view_review_next(&s);
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_ASKING);
	CU_ASSERT_EQUAL(s.i, 1);
	CU_ASSERT_EQUAL(view_review_submit(&s, &p, "0.8^10", 300), 1);
	r = progress_review_find(&p, "quiz:vanishing-gradients:26");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->streak, 1);
	CU_ASSERT_PTR_NULL(view_review_why(&s));
	page = view_review_page(&s, 80, 0, &verdict);
	CU_ASSERT_TRUE(review_page_has(page, "Review 2 of 6"));
	CU_ASSERT_TRUE(review_page_has(page, "Right."));
	doc_page_destroy(page);

	/* stopped: the summary counts what was answered */
	view_review_stop(&s);
	CU_ASSERT_EQUAL(s.right, 1);
	CU_ASSERT_EQUAL(s.asked, 2);
	page = view_review_page(&s, 80, 0, &verdict);
	CU_ASSERT_TRUE(review_page_has(page, "Review done: 1 of 2 right."));
	CU_ASSERT_TRUE(review_page_has(page, "Stopped after 2 of 6"));
	doc_page_destroy(page);
	view_review_plan_free(&plan);
	course_destroy(course);
	progress_free(&p);
	diag_list_free(&d);
}

/* The same answers given to the CLI's dialogue and to a session leave the
 * same review records; answering every question ends the session. */
static void
test_view_review_same_records_as_cli(void)
{
	static const char *const answers[] = {"a", "0.8^10", "1", "1", "1",
	    "1"};
	struct course_opts copts = { .use_builtin = true };
	struct course *course;
	struct progress cli, screen;
	struct diag_list d;
	struct review_plan plan;
	struct view_review_session s;
	char input[128] = "", out[16384];
	FILE *in, *o;

	diag_list_init(&d);
	progress_init(&cli);
	progress_init(&screen);
	course = course_load(&copts, &d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&cli, "f", review_progress,
	    strlen(review_progress), &d), 0);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&screen, "f", review_progress,
	    strlen(review_progress), &d), 0);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&plan, course, &cli, 3, 6, 100,
	    &d), 0);
	for (size_t i = 0; i < 6; i++) {
		strcat(input, answers[i]);
		strcat(input, "\n");
	}
	in = fmemopen(input, strlen(input), "r");
	o = fmemopen(out, sizeof out, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	cli_review_run(in, o, &plan, &cli, 500, 1);
	fclose(in);
	fclose(o);
	view_review_start(&s, &plan);
	for (size_t i = 0; i < 6; i++) {
		CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_ASKING);
		CU_ASSERT_TRUE(view_review_submit(&s, &screen, answers[i], 500)
		    >= 0);
		view_review_next(&s);
	}
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_DONE);
	CU_ASSERT_EQUAL(s.asked, 6);
	CU_ASSERT_EQUAL(cli.nreviews, screen.nreviews);
	CU_ASSERT_TRUE(cli.nreviews >= 2);
	for (size_t i = 0; i < plan.n; i++) {
		const struct progress_review *a = progress_review_find(&cli,
		    plan.items[i].concept);
		const struct progress_review *b = progress_review_find(&screen,
		    plan.items[i].concept);

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_EQUAL(a->at, b->at);
		CU_ASSERT_EQUAL(a->streak, b->streak);
		CU_ASSERT_EQUAL(a->asked, b->asked);
	}
	view_review_plan_free(&plan);
	course_destroy(course);
	progress_free(&cli);
	progress_free(&screen);
	diag_list_free(&d);
}

/* The review page fits any width and shows hostile text safely: no control
 * byte reaches the screen, and in ASCII no byte above 0x7F. */
static void
test_view_review_page_wraps_and_sanitises(void)
{
	struct review_item item = {
		.concept = "powers",
		.where = (char *)"powers",
		.question = (char *)"A question with a bell\a, an escape "
		    "\x1b[31m, a tab\tand caf\xC3\xA9 and a "
		    "verylongwordthatcannotfitonanarrowline at all.\n\nA "
		    "second paragraph.",
		.value = 0.25, .tolerance = 0.01,
		.explain = (char *)"One quarter: 0.5^2 = 0.25.",
	};
	struct review_plan plan = { .items = &item, .n = 1 };
	struct view_review_session s;
	struct progress p;
	size_t verdict;

	progress_init(&p);
	view_review_start(&s, &plan);
	CU_ASSERT_EQUAL(view_review_submit(&s, &p, "1/4", 7), 1);
	for (int width = 12; width <= 80; width += 17) {
		struct doc_page *page = view_review_page(&s, width, 1,
		    &verdict);

		CU_ASSERT_TRUE(review_page_has(page, width > 21 ?
		    "Review 1 of 1: powers" : "Review 1 of"));
		CU_ASSERT_TRUE(review_page_has(page, "paragraph."));
		CU_ASSERT_TRUE(review_page_has(page, "Right."));
		CU_ASSERT_TRUE(verdict > 0 && verdict < page->nlines);
		for (size_t i = 0; i < page->nlines; i++) {
			const struct doc_line *l = &page->lines[i];

			CU_ASSERT_TRUE(l->width <= width);
			for (size_t k = 0; k < l->nspans; k++)
				for (size_t b = 0; b < l->spans[k].len; b++) {
					unsigned char c = (unsigned char)
					    l->spans[k].text[b];

					CU_ASSERT_TRUE(c >= 0x20 && c < 0x7F);
				}
		}
		doc_page_destroy(page);
	}
	CU_ASSERT_EQUAL(progress_review_find(&p, "powers")->streak, 1);
	view_review_next(&s);
	CU_ASSERT_EQUAL(s.phase, VIEW_REVIEW_DONE);
	progress_free(&p);
}

void
test_view_register(void)
{
	CU_pSuite s = CU_add_suite("view", NULL, NULL);

	CU_add_test(s, "place survives lines added above",
	    test_view_place_survives_lines_added_above);
	CU_add_test(s, "place survives a new width",
	    test_view_place_survives_a_new_width);
	CU_add_test(s, "place of the title and the end",
	    test_view_place_title_and_end);
	CU_add_test(s, "scrolling", test_view_place_scroll);
	CU_add_test(s, "show a line, reveal a block",
	    test_view_place_show_line_and_reveal);
	CU_add_test(s, "percent seen", test_view_place_percent);
	CU_add_test(s, "block and section of the top",
	    test_view_place_block_and_section);
	CU_add_test(s, "which blocks take focus", test_view_focus_which_blocks);
	CU_add_test(s, "focus training block without knobs",
	    test_view_focus_training_block_without_knobs);
	CU_add_test(s, "tab order", test_view_focus_tab_order);
	CU_add_test(s, "focus starts on the screen",
	    test_view_focus_starts_on_screen);
	CU_add_test(s, "knob turns within its range",
	    test_view_knob_turns_within_range);
	CU_add_test(s, "choice knob does not wrap",
	    test_view_knob_choice_does_not_wrap);
	CU_add_test(s, "int knob, unknown knob, reset",
	    test_view_knob_int_unknown_and_reset);
	CU_add_test(s, "choosing a knob wraps", test_view_knob_choose_wraps);
	CU_add_test(s, "list selection", test_view_list_move_and_first);
	CU_add_test(s, "keys in the pager", test_view_keys_pager);
	CU_add_test(s, "keys of a focused sim", test_view_keys_focused_sim);
	CU_add_test(s, "keys of a focused quiz", test_view_keys_focused_quiz);
	CU_add_test(s, "keys of the other screens",
	    test_view_keys_other_screens);
	CU_add_test(s, "line editor and UTF-8", test_view_edit_utf8);
	CU_add_test(s, "line editor cursor, words, no silent cut",
	    test_view_edit_cursor);
	CU_add_test(s, "keep: knobs, models per setting, texts",
	    test_view_keep_per_setting);
	CU_add_test(s, "quiz answers", test_view_quiz_answers);
	CU_add_test(s, "quiz answers restored", test_view_quiz_restore);
	CU_add_test(s, "reveal and predictions restored",
	    test_view_predict_restore);
	CU_add_test(s, "review session", test_view_review_session);
	CU_add_test(s, "review records as the CLI's",
	    test_view_review_same_records_as_cli);
	CU_add_test(s, "review page wraps and sanitises",
	    test_view_review_page_wraps_and_sanitises);
}
