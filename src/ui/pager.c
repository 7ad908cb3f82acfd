#include "config.h"

#include "ui/pager.h"
#include "ui/theme.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "view/focus.h"
#include "view/place.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page width for the current terminal. */
static int
page_width(void)
{
	int w = COLS - 1;	/* leave the last column alone: no auto-wrap */

	if (w > DOC_READABLE_WIDTH)
		w = DOC_READABLE_WIDTH;
	return w < DOC_MIN_WIDTH ? DOC_MIN_WIDTH : w;
}

/* Lay out the view's lesson with the reader's state at the current width. */
static void
layout(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	struct doc_opts o = {
		.width = page_width(),
		.ascii = ui->opts->ascii,
		.focus = v->focus,
		.state = v->states,
		.run = DOC_RUN_FAST,	/* the rest runs in slices (train.c) */
		.cache = ui->cache,
		.next = v->index + 1 < course_count(*ui->course) ?
		    (int)v->index + 2 : -1,
	};

	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		v->states[i].args = v->knobs[i].spec != NULL ? &v->knobs[i] : NULL;
		v->states[i].prev_args = v->prev[i].spec != NULL ? &v->prev[i] :
		    NULL;
	}
	ui_train_states(ui);
	doc_page_destroy(v->page);
	v->page = doc_layout(v->lesson, &o);
}

/* Free the view (after noting the reader's place). */
void
ui_pager_close(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	if (v->lesson == NULL)
		return;
	ui_progress_note(ui);
	ui_train_free_view(ui);
	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		if (v->lesson->blocks[i].kind == LESSON_SIM)
			view_keep_put_knobs(ui->keep, v->lesson->id, i,
			    &v->knobs[i], v->states[i].knob);
		if (v->knobs[i].spec != NULL)
			sim_args_free(&v->knobs[i]);
		if (v->prev[i].spec != NULL)
			sim_args_free(&v->prev[i]);
	}
	free(v->knobs);
	free(v->prev);
	free(v->states);
	doc_page_destroy(v->page);
	memset(v, 0, sizeof *v);
	v->focus = -1;
	v->reveal = -1;
	v->show_end = -1;
}

/* The knobs the reader left in this lesson earlier in the session, where
 * the block is still the same simulation with as many knobs. */
static void
restore_knobs(struct ui *ui)
{
	struct ui_view *v = &ui->view;

	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		const struct lesson_block *b = &v->lesson->blocks[i];
		const struct sim_args *args;
		int knob;

		if (b->kind != LESSON_SIM)
			continue;
		args = view_keep_knobs(ui->keep, v->lesson->id, i, &knob);
		if (knob >= 0 && (size_t)knob < b->sim.nknobs)
			v->states[i].knob = knob;
		if (args != NULL && strcmp(args->spec->name, b->sim.name) == 0)
			sim_args_copy(&v->knobs[i], args);
	}
}

/* Open lesson i where the reader left it (the line at the top of the
 * screen, by block and offset), or at its top with the title. */
void
ui_pager_open(struct ui *ui, size_t i)
{
	struct ui_view *v = &ui->view;
	const struct progress_lesson *rec;

	ui_pager_close(ui);
	v->lesson = course_lesson(*ui->course, i);
	v->index = i;
	v->states = xcalloc(v->lesson->nblocks + 1, sizeof *v->states);
	v->knobs = xcalloc(v->lesson->nblocks + 1, sizeof *v->knobs);
	v->prev = xcalloc(v->lesson->nblocks + 1, sizeof *v->prev);
	v->slow = xcalloc(v->lesson->nblocks + 1, sizeof *v->slow);
	restore_knobs(ui);
	v->focus = -1;
	v->reveal = -1;
	v->show_end = -1;
	v->top = 0;
	ui->match_line = -1;
	ui->menu_sel = i;
	ui->screen = UI_PAGER;
	ui_quiz_restore(ui);
	layout(ui);
	v->dirty = 0;
	rec = progress_lesson(&ui->progress, v->lesson->id, false);
	/* a place kept (stamped) may be block 0's first line; without one
	 * the lesson opens at its title */
	if (rec != NULL && (rec->block > 0 || rec->offset != 0 ||
	    rec->block_at != 0)) {
		const struct view_place saved = {
			.block = (long)rec->block,
			.offset = rec->offset,
		};

		v->top = view_place_restore(&saved, v->page,
		    (size_t)ui_page_rows());
	}
	/* what the record holds: opening moves nothing (a page shorter now
	 * than when the place was kept must not overwrite it) */
	v->noted = view_place_kept(v->page, v->top);
	ui_progress_note(ui);
}

/* Scroll so a line is on the screen, a little below the top. */
void
ui_pager_show_line(struct ui *ui, size_t line)
{
	ui->view.top = view_place_near_top(ui->view.page,
	    (size_t)ui_page_rows(), line);
}

/* See ui.h. */
void
ui_pager_invalidate(struct ui *ui)
{
	ui->view.dirty = 1;
}

/* Relayout; the block at the top of the screen stays at the top, and a
 * newly focused block comes on the screen. */
void
ui_pager_layout_now(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	size_t rows = (size_t)ui_page_rows();
	struct view_place place;

	view_place_capture(&place, v->page, v->top);
	layout(ui);
	ui->match_line = -1;
	v->top = view_place_restore(&place, v->page, rows);
	if (v->reveal >= 0 && v->reveal == v->focus)	/* newly focused */
		v->top = view_place_reveal(v->page, rows, v->top,
		    (size_t)v->reveal);
	else if (v->reveal >= 0)	/* was focused: stays where it was */
		v->top = view_place_keep(v->page, rows, v->top,
		    (size_t)v->reveal);
	/* the focused block stays on the screen, whatever changed: a knob,
	 * an answer and its verdict, the terminal's size, a training tick */
	if (v->focus >= 0)
		v->top = view_place_keep(v->page, rows, v->top,
		    (size_t)v->focus);
	/* a verdict under a question taller than the screen: scroll to it */
	if (v->show_end >= 0 && v->show_end == v->focus)
		v->top = view_place_show_end(v->page, rows, v->top,
		    (size_t)v->show_end);
	v->show_end = -1;
	v->reveal = -1;
	v->dirty = 0;
}

/* Draw one page line at a screen row. */
static void
draw_line(const struct doc_line *line, int row)
{
	move(row, 0);
	for (size_t i = 0; i < line->nspans; i++) {
		attr_t a = (attr_t)ui_theme_attr(line->spans[i].style);

		attron(a);
		addnstr(line->spans[i].text, (int)line->spans[i].len);
		attroff(a);
	}
}

/* Mark every match of the last search on a screen row. */
static void
highlight(const struct ui *ui, size_t line, int row)
{
	struct doc_match m;
	int col = 0;

	if (ui->query[0] == '\0')
		return;
	while (doc_search_line(ui->view.page, line, ui->query, col, &m)) {
		mvchgat(row, m.col, m.width, A_STANDOUT, 0, NULL);
		col = m.col + (m.width > 0 ? m.width : 1);
	}
}

/* What the focused block is, for the keys and the status line. */
static enum view_focus
focus_kind(const struct ui *ui)
{
	const struct ui_view *v = &ui->view;

	if (v->focus < 0)
		return VIEW_FOCUS_NONE;
	return view_focus_kind_predict(&v->lesson->blocks[v->focus],
	    ui_train_is_slow(ui, (size_t)v->focus),
	    v->states[v->focus].predict.committed);
}

/* What the status line offers for the focused block. */
static const char *
focus_hint(const struct ui *ui)
{
	switch (focus_kind(ui)) {
	case VIEW_FOCUS_SLOW_SIM:
		return ui->view.slow[ui->view.focus].model != NULL ?
		    " Enter: train again  t: try a sentence  Left/Right: knob" :
		    " Enter: train  Esc: stop  Left/Right/Up/Down: knobs";
	case VIEW_FOCUS_SIM:
		return ui->opts->ascii ? " Left/Right: change  Up/Down: knob  "
		    "0: reset  Esc: done" : " \xE2\x86\x90/\xE2\x86\x92 change  "
		    "\xE2\x86\x91/\xE2\x86\x93 knob  0 reset  Esc done";
	case VIEW_FOCUS_CHOICE_QUIZ:
		return " Press the letter of your answer  Tab: next  Esc: done";
	case VIEW_FOCUS_NUMBER_QUIZ:
		return " Enter: type your answer  Tab: next  Esc: done";
	case VIEW_FOCUS_PREDICT_CHOICE:
		return " Predict: press the letter of your guess  Esc: done";
	case VIEW_FOCUS_PREDICT_NUMBER:
		return " Predict: Enter to type your guess  Esc: done";
	case VIEW_FOCUS_NONE:
		break;
	}
	return NULL;
}

/* Paint the visible part of the page and the status line. */
void
ui_pager_draw(struct ui *ui)
{
	const struct ui_view *v = &ui->view;
	int rows = ui_page_rows();
	size_t n = v->page->nlines;
	const char *hint = focus_hint(ui);
	char left[256], right[64], *title;

	for (int r = 0; r < rows && v->top + (size_t)r < n; r++) {
		draw_line(&v->page->lines[v->top + (size_t)r], r);
		highlight(ui, v->top + (size_t)r, r);
	}
	title = utf8_sanitize(v->lesson->title, strlen(v->lesson->title),
	    ui->opts->ascii);
	snprintf(left, sizeof left, " Lesson %zu/%zu  %s", v->index + 1,
	    course_count(*ui->course), title);
	free(title);
	/* in steps of 5%: a status line that changes with every scrolled line
	 * costs more bytes over SSH than the line itself */
	snprintf(right, sizeof right, " %3d%%  ?:help ",
	    view_place_percent(v->top, (size_t)rows, n) / 5 * 5);
	ui_status_line(ui, hint != NULL ? hint : left, right);
}

/* Open the next (step 1) or previous (step -1) lesson. */
static void
other_lesson(struct ui *ui, int step)
{
	size_t n = course_count(*ui->course), i = ui->view.index;

	if (step > 0 && i + 1 < n)
		ui_pager_open(ui, i + 1);
	else if (step < 0 && i > 0)
		ui_pager_open(ui, i - 1);
	else
		ui_message(ui, step > 0 ? "This is the last lesson." :
		    "This is the first lesson.");
}

/* See ui.h. */
void
ui_pager_search(struct ui *ui, int dir, int include_top)
{
	struct doc_match m;
	size_t from = include_top || ui->match_line < 0 ? ui->view.top :
	    (size_t)ui->match_line;

	if (ui->query[0] == '\0') {
		ui_message(ui, "No search yet: press / to search.");
		return;
	}
	if (!doc_search(ui->view.page, ui->query, from, dir, include_top, &m)) {
		ui_message(ui, "Not found: %s", ui->query);
		ui->match_line = -1;
		return;
	}
	if ((dir > 0 && m.line < from) || (dir < 0 && m.line > from))
		ui_message(ui, "Search wrapped around.");
	ui->match_line = (long)m.line;
	ui_pager_show_line(ui, m.line);
}

/* The search typed after / in a lesson. */
static void
search_typed(struct ui *ui, const char *text)
{
	snprintf(ui->query, sizeof ui->query, "%s", text);
	ui_pager_search(ui, 1, 1);
}

/* Perform what a key means in the pager (view/keys.c decides). */
void
ui_pager_key(struct ui *ui, int key)
{
	const struct view_state state = {
		.where = VIEW_IN_PAGER,
		.focus = focus_kind(ui),
		.nchoices = ui->view.focus >= 0 ?
		    ui->view.lesson->blocks[ui->view.focus].quiz.nchoices : 0,
		.training = ui->job.run != NULL && ui->job.asked,
	};
	struct view_action a = ui_key_action(&state, key);

	switch (a.act) {
	case VIEW_ACT_STOP_TRAINING:
		ui_train_stop(ui);
		break;
	case VIEW_ACT_TRAIN: case VIEW_ACT_TRAIN_BUSY: case VIEW_ACT_SENTENCE:
		ui_train_key(ui, key);	/* train.c performs its own keys */
		break;
	case VIEW_ACT_UNFOCUS:
		ui->view.reveal = ui->view.focus;	/* it stays in sight */
		ui->view.focus = -1;
		ui_pager_invalidate(ui);
		break;
	case VIEW_ACT_KNOB_DOWN: case VIEW_ACT_KNOB_UP: case VIEW_ACT_KNOB_PREV:
	case VIEW_ACT_KNOB_NEXT: case VIEW_ACT_KNOB_RESET:
	case VIEW_ACT_SIM_COMMAND:
		ui_knob_act(ui, a.act);
		break;
	case VIEW_ACT_ANSWER:
		ui_quiz_choose(ui, (size_t)a.arg);
		break;
	case VIEW_ACT_ASK_NUMBER:
		ui_quiz_ask(ui);
		break;
	case VIEW_ACT_REVEAL:
		ui_quiz_reveal(ui);
		break;
	case VIEW_ACT_PREDICT:
		ui_predict_choose(ui, (size_t)a.arg);
		break;
	case VIEW_ACT_ASK_PREDICT:
		ui_prompt_start(ui, "Your prediction: ", ui_predict_number);
		break;
	case VIEW_ACT_LINE_DOWN: case VIEW_ACT_LINE_UP: case VIEW_ACT_PAGE_DOWN:
	case VIEW_ACT_PAGE_UP: case VIEW_ACT_HALF_DOWN: case VIEW_ACT_HALF_UP:
	case VIEW_ACT_TOP: case VIEW_ACT_BOTTOM:
		ui->view.top = view_place_scroll(ui->view.page,
		    (size_t)ui_page_rows(), ui->view.top, a.act);
		/* scrolled away from the focused block: the reader moved on
		 * (its keys must not turn a block out of sight) */
		if (ui->view.focus >= 0 && !view_place_shows(ui->view.page,
		    (size_t)ui_page_rows(), ui->view.top,
		    (size_t)ui->view.focus)) {
			ui->view.focus = -1;
			ui_pager_invalidate(ui);
		}
		break;
	case VIEW_ACT_FOCUS_NEXT:
		ui_focus_next(ui, 1);
		break;
	case VIEW_ACT_FOCUS_PREV:
		ui_focus_next(ui, -1);
		break;
	case VIEW_ACT_SEARCH:
		ui_prompt_start(ui, "/", search_typed);
		break;
	case VIEW_ACT_SEARCH_NEXT:
		ui_pager_search(ui, 1, 0);
		break;
	case VIEW_ACT_SEARCH_PREV:
		ui_pager_search(ui, -1, 0);
		break;
	case VIEW_ACT_OUTLINE:
		ui_outline_open(ui);
		break;
	case VIEW_ACT_NEXT_LESSON:
		other_lesson(ui, 1);
		break;
	case VIEW_ACT_PREV_LESSON:
		other_lesson(ui, -1);
		break;
	case VIEW_ACT_RELOAD:
		ui_reload(ui);
		break;
	case VIEW_ACT_WATCH:
		ui_watch_set(ui, !ui->watch.on);
		break;
	case VIEW_ACT_WARNINGS:
		ui_warnings_open(ui);
		break;
	case VIEW_ACT_SAVE:
		ui_progress_save(ui, 0);
		break;
	case VIEW_ACT_HELP:
		ui->back = UI_PAGER;
		ui->screen = UI_HELP;
		break;
	case VIEW_ACT_BACK:
		ui_progress_save(ui, 1);
		ui->screen = UI_MENU;
		break;
	case VIEW_ACT_QUIT:
		ui->quit = 1;
		break;
	default:
		break;
	}
}
