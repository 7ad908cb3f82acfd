#include "config.h"

#include "ui/pager.h"
#include "ui/theme.h"
#include "core/utf8.h"
#include "core/xalloc.h"

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

/* The largest useful top line. */
static size_t
max_top(const struct ui *ui)
{
	size_t rows = (size_t)ui_page_rows();

	return ui->view.page->nlines > rows ? ui->view.page->nlines - rows : 0;
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
	};

	for (size_t i = 0; i < v->lesson->nblocks; i++)
		v->states[i].args = v->knobs[i].spec != NULL ? &v->knobs[i] : NULL;
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
	for (size_t i = 0; i < v->lesson->nblocks; i++)
		if (v->knobs[i].spec != NULL)
			sim_args_free(&v->knobs[i]);
	free(v->knobs);
	free(v->states);
	doc_page_destroy(v->page);
	memset(v, 0, sizeof *v);
	v->focus = -1;
}

/* Open lesson i at its top. */
void
ui_pager_open(struct ui *ui, size_t i)
{
	struct ui_view *v = &ui->view;

	ui_pager_close(ui);
	v->lesson = course_lesson(*ui->course, i);
	v->index = i;
	v->states = xcalloc(v->lesson->nblocks + 1, sizeof *v->states);
	v->knobs = xcalloc(v->lesson->nblocks + 1, sizeof *v->knobs);
	v->slow = xcalloc(v->lesson->nblocks + 1, sizeof *v->slow);
	v->focus = -1;
	v->top = 0;
	ui->match_line = -1;
	ui->menu_sel = i;
	ui->screen = UI_PAGER;
	ui_quiz_restore(ui);
	layout(ui);
	ui_progress_note(ui);
}

/* Scroll so a line is on the screen, a little below the top. */
void
ui_pager_show_line(struct ui *ui, size_t line)
{
	size_t top = line > 2 ? line - 2 : 0;

	ui->view.top = top < max_top(ui) ? top : max_top(ui);
}

/* Relayout; the block at the top of the screen stays at the top. */
void
ui_pager_relayout(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	const struct doc_page *old = v->page;
	int block = -1;
	size_t offset = 0;
	double fraction = 0;

	if (old->nlines > 0 && v->top < old->nlines) {
		block = old->lines[v->top].block;
		if (block >= 0)
			offset = v->top - old->blocks[block].first;
		fraction = (double)v->top / (double)old->nlines;
	}
	layout(ui);
	ui->match_line = -1;
	if (block >= 0 && (size_t)block < v->page->nblocks) {
		const struct doc_extent *e = &v->page->blocks[block];
		size_t len = e->last > e->first ? e->last - e->first : 1;

		v->top = e->first + (offset < len ? offset : len - 1);
	} else {
		v->top = (size_t)(fraction * (double)v->page->nlines);
	}
	if (v->top > max_top(ui))
		v->top = max_top(ui);
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

/* What the status line offers for the focused block. */
static const char *
focus_hint(const struct ui *ui)
{
	const struct lesson_block *b;

	if (ui->view.focus < 0)
		return NULL;
	b = &ui->view.lesson->blocks[ui->view.focus];
	if (b->kind == LESSON_SIM && ui_train_is_slow(ui, (size_t)ui->view.focus))
		return ui->view.slow[ui->view.focus].model != NULL ?
		    " Enter: train again  t: try a sentence  Left/Right: knob" :
		    " Enter: train  Esc: stop  Left/Right/Up/Down: knobs";
	if (b->kind == LESSON_SIM)
		return ui->opts->ascii ? " Left/Right: change  Up/Down: knob  "
		    "0: reset  Esc: done" : " \xE2\x86\x90/\xE2\x86\x92 change  "
		    "\xE2\x86\x91/\xE2\x86\x93 knob  0 reset  Esc done";
	if (b->quiz.choices != NULL)
		return " Press the letter of your answer  Tab: next  Esc: done";
	return " Enter: type your answer  Tab: next  Esc: done";
}

/* Paint the visible part of the page and the status line. */
void
ui_pager_draw(struct ui *ui)
{
	const struct ui_view *v = &ui->view;
	int rows = ui_page_rows();
	size_t n = v->page->nlines;
	size_t seen = v->top + (size_t)rows < n ? v->top + (size_t)rows : n;
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
	    n > 0 && seen < n ? (int)(100 * seen / n) / 5 * 5 : 100);
	ui_status_line(ui, hint != NULL ? hint : left, right);
}

/* Move the top line by delta, within the page. */
static void
scroll_by(struct ui *ui, long delta)
{
	long top = (long)ui->view.top + delta;

	if (top < 0)
		top = 0;
	if ((size_t)top > max_top(ui))
		top = (long)max_top(ui);
	ui->view.top = (size_t)top;
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

/* The pager's keys, as less and vi readers expect them. */
void
ui_pager_key(struct ui *ui, int key)
{
	long rows = ui_page_rows();

	if (key == 27 && ui->job.run != NULL && ui->job.asked) {
		ui_message(ui, "Training stopped.");
		ui_train_cancel(ui);
		ui_pager_relayout(ui);
		return;
	}
	if (ui->view.focus >= 0 && (ui_train_key(ui, key) ||
	    ui_focus_key(ui, key) || ui_quiz_key(ui, key)))
		return;
	switch (key) {
	case 'j': case 'e': case KEY_DOWN: case '\n': case '\r':
	case KEY_ENTER: case 'N' & 0x1f: case 'E' & 0x1f:
		scroll_by(ui, 1);
		break;
	case 'k': case 'y': case KEY_UP: case 'P' & 0x1f: case 'Y' & 0x1f:
		scroll_by(ui, -1);
		break;
	case ' ': case 'f': case KEY_NPAGE: case 'F' & 0x1f:
		scroll_by(ui, rows > 2 ? rows - 1 : 1);
		break;
	case 'b': case KEY_PPAGE: case 'B' & 0x1f:
		scroll_by(ui, rows > 2 ? -(rows - 1) : -1);
		break;
	case 'd': case 'D' & 0x1f:
		scroll_by(ui, rows / 2);
		break;
	case 'u': case 'U' & 0x1f:
		scroll_by(ui, -rows / 2);
		break;
	case 'g': case '<': case KEY_HOME:
		ui->view.top = 0;
		break;
	case 'G': case '>': case KEY_END:
		ui->view.top = max_top(ui);
		break;
	case '\t':
		ui_focus_next(ui, 1);
		break;
	case KEY_BTAB:
		ui_focus_next(ui, -1);
		break;
	case '/':
		ui_prompt_start(ui, UI_PROMPT_SEARCH, "/");
		break;
	case 'n':
		ui_pager_search(ui, 1, 0);
		break;
	case 'N':
		ui_pager_search(ui, -1, 0);
		break;
	case 'o':
		ui_outline_open(ui);
		break;
	case ']':
		other_lesson(ui, 1);
		break;
	case '[':
		other_lesson(ui, -1);
		break;
	case 'r':
		ui_reload(ui);
		break;
	case 's':
		ui_progress_save(ui, 0);
		break;
	case '?':
		ui->back = UI_PAGER;
		ui->screen = UI_HELP;
		break;
	case 'q': case 'h': case KEY_LEFT: case 27:
		ui_progress_save(ui, 1);
		ui->screen = UI_MENU;
		break;
	case 'Q':
		ui->quit = 1;
		break;
	default:
		break;
	}
}
