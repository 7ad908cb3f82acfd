#include "config.h"

#include "ui/ui.h"
#include "ui/theme.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "view/list.h"
#include "view/place.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_HITS 500

/* Free the search hits and error lines. */
void
ui_lists_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->nhits; i++)
		free(ui->hits[i].text);
	free(ui->hits);
	ui->hits = NULL;
	ui->nhits = 0;
	for (size_t i = 0; i < ui->nerrors; i++)
		free(ui->errors[i]);
	free(ui->errors);
	ui->errors = NULL;
	ui->nerrors = 0;
}

/* The outline of the lesson on screen: its headings. */
void
ui_outline_open(struct ui *ui)
{
	ui->list_sel = view_place_section(ui->view.page, ui->view.top);
	ui->back = UI_PAGER;
	ui->screen = UI_OUTLINE;
}

/* Search every lesson (laid out at the screen's width) for query. */
void
ui_results_open(struct ui *ui, const char *query)
{
	/* fast simulations only, from the session's cache: a search never
	 * trains and never waits for a heavy block */
	struct doc_opts o = {
		.width = COLS - 1 < DOC_MIN_WIDTH ? DOC_MIN_WIDTH : COLS - 1,
		.ascii = ui->opts->ascii,
		.focus = -1,
		.run = DOC_RUN_FAST,
		.cache = ui->cache,
	};
	struct strbuf sb;

	ui_lists_free(ui);
	/* say so at once: laying out every lesson takes a moment */
	ui_status_line(ui, " Searching all lessons...", "");
	refresh();
	strbuf_init(&sb);
	if (o.width > DOC_READABLE_WIDTH)
		o.width = DOC_READABLE_WIDTH;
	for (size_t l = 0; l < course_count(*ui->course) && ui->nhits < MAX_HITS;
	    l++) {
		struct doc_page *page = doc_layout(course_lesson(*ui->course, l),
		    &o);
		struct doc_match m;

		for (size_t i = 0; i < page->nlines && ui->nhits < MAX_HITS; i++) {
			if (!doc_search_line(page, i, query, 0, &m))
				continue;
			doc_line_text(&page->lines[i], &sb);
			ui->hits = xreallocarray(ui->hits, ui->nhits + 1,
			    sizeof *ui->hits);
			ui->hits[ui->nhits].lesson = l;
			ui->hits[ui->nhits].line = i;
			view_place_capture(&ui->hits[ui->nhits].place, page, i);
			ui->hits[ui->nhits].text = xstrdup(sb.s + strspn(sb.s, " "));
			ui->nhits++;
		}
		doc_page_destroy(page);
	}
	strbuf_free(&sb);
	/* keys typed while it searched were typed at a screen without the
	 * results: a second Enter must not open one never seen */
	flushinp();
	if (ui->nhits == 0) {
		ui_message(ui, "Not found in any lesson: %s", query);
		return;
	}
	ui->list_sel = 0;
	ui->back = UI_MENU;
	ui->screen = UI_RESULTS;
}

/* s with a directory prefix taken off its start: a -L directory's, the
 * working directory's, or the home directory's (as ~). Heap. */
static char *
short_path(const struct ui *ui, const char *s)
{
	const struct course_opts *o = ui->opts->course_opts;
	const char *home = getenv("HOME");
	char cwd[4096];
	size_t n;

	for (size_t i = 0; o != NULL && i < o->ndirs; i++) {
		n = strlen(o->dirs[i]);
		while (n > 1 && o->dirs[i][n - 1] == '/')
			n--;
		if (n > 0 && strncmp(s, o->dirs[i], n) == 0 && s[n] == '/')
			return xstrdup(s + n + 1);
	}
	if (getcwd(cwd, sizeof cwd) != NULL && (n = strlen(cwd)) > 1 &&
	    strncmp(s, cwd, n) == 0 && s[n] == '/')
		return xstrdup(s + n + 1);
	if (home != NULL && (n = strlen(home)) > 1 &&
	    strncmp(s, home, n) == 0 && s[n] == '/')
		return xasprintf("~%s", s + n);
	return xstrdup(s);
}

/* Show lesson errors (after a reload): every message whole, wrapped and
 * scrolled (list_sel is the first row on the screen). */
void
ui_errors_open(struct ui *ui, const struct diag_list *diags)
{
	ui_lists_free(ui);
	ui->errors = xcalloc(diags->n + 1, sizeof *ui->errors);
	for (size_t i = 0; i < diags->n; i++) {
		char *line = diag_format(&diags->v[i]);
		char *shortened = short_path(ui, line);

		ui->errors[i] = utf8_sanitize(shortened, strlen(shortened),
		    ui->opts->ascii);
		free(shortened);
		free(line);
	}
	ui->nerrors = diags->n;
	ui->errors_warn = diags->nerrors == 0;
	ui->list_sel = 0;
	ui->screen = UI_ERRORS;
}

/* Wrap s into rows of at most width columns, breaking at a space where
 * there is one; row r (counted from *row) is drawn at screen row
 * r - first + 2 when it falls in [first, first + rows). Returns the rows
 * s takes. */
static size_t
wrap_error(const char *s, int width, size_t row, size_t first, size_t rows)
{
	size_t used = 0, len = strlen(s);

	if (width < 10)
		width = 10;
	for (size_t at = 0; at < len || used == 0; used++) {
		int indent = used > 0 ? 2 : 0, cols = 0;
		size_t end = at, brk = 0;

		while (end < len && cols < width - indent) {
			size_t k = end + 1;

			while (k < len && ((unsigned char)s[k] & 0xC0) == 0x80)
				k++;
			cols += (int)utf8_width(s + end, k - end);
			if (cols > width - indent)
				break;
			if (s[end] == ' ')
				brk = end;
			end = k;
		}
		if (end < len && brk > at)
			end = brk + 1;	/* the space stays on this row */
		if (end == at) {	/* one character wider than the row */
			end++;
			while (end < len &&
			    ((unsigned char)s[end] & 0xC0) == 0x80)
				end++;
		}
		if (row + used >= first && row + used < first + rows)
			mvaddnstr((int)(row + used - first) + 2, 1 + indent,
			    s + at, (int)(end - at));
		at = end;
		if (at >= len)
			used++;
		if (at >= len)
			break;
	}
	return used;
}

/* Draw the error messages from row first; returns all the rows they take. */
static size_t
draw_errors(const struct ui *ui, size_t first, size_t rows, int draw)
{
	size_t row = 0;

	for (size_t i = 0; i < ui->nerrors; i++)
		row += wrap_error(ui->errors[i], COLS - 2, row, first,
		    draw ? rows : 0);
	return row;
}

/* The number of rows of the list on screen. */
static size_t
list_count(const struct ui *ui)
{
	switch (ui->screen) {
	case UI_OUTLINE:
		return ui->view.page->nanchors;
	case UI_RESULTS:
		return ui->nhits;
	case UI_ERRORS:
		return ui->nerrors;
	default:
		return 0;
	}
}

/* The text of list row i (heap). */
static char *
list_text(const struct ui *ui, size_t i)
{
	switch (ui->screen) {
	case UI_OUTLINE: {
		const struct doc_anchor *a = &ui->view.page->anchors[i];

		/* quizzes and simulations (level 3) under their section */
		return xasprintf("%s%s", a->level == 3 ? "      - " :
		    a->level == 2 ? "      " : a->level == 1 ? "   " : "",
		    a->text);
	}
	case UI_RESULTS:
		return xasprintf("%2d  %s", course_lesson(*ui->course,
		    ui->hits[i].lesson)->number, ui->hits[i].text);
	case UI_ERRORS:
		return xstrdup(ui->errors[i]);
	default:
		return xstrdup("");
	}
}

/* A titled list with a highlighted row. */
void
ui_list_draw(struct ui *ui)
{
	static const char *const titles[] = {
		[UI_OUTLINE] = "Outline: Enter jumps to a section, quiz or "
		    "simulation",
		[UI_RESULTS] = "Search results: Enter opens the lesson there",
		[UI_ERRORS] = "Lesson errors (the lessons that loaded still work)",
	};
	size_t n = list_count(ui), rows = (size_t)ui_page_rows() - 2;
	size_t first = view_list_first(ui->list_sel, rows);

	attron(A_BOLD);
	mvaddnstr(0, 1, ui->screen == UI_ERRORS && ui->errors_warn ?
	    "Lesson warnings (rnntutor --check FILE... says the same)" :
	    titles[ui->screen], COLS - 2);
	attroff(A_BOLD);
	if (ui->screen == UI_ERRORS) {
		size_t total = draw_errors(ui, 0, 0, 0);

		if (ui->list_sel + rows > total)
			ui->list_sel = total > rows ? total - rows : 0;
		draw_errors(ui, ui->list_sel, rows, 1);
		ui_status_line(ui, total > rows ? " j/k: scroll  q: back" :
		    " q: back", "?:help ");
		return;
	}
	for (size_t i = first; i < n && i - first < rows; i++) {
		char *text = list_text(ui, i);
		int sel = i == ui->list_sel;

		/* a row longer than the screen ends in an ellipsis, cut by
		 * columns (never inside a character) */
		text = xreallocarray(text, strlen(text) + 5, 1);
		ui_cut_line(text, COLS - 3, ui->opts->ascii);
		if (sel)
			attron(A_REVERSE);
		move((int)(i - first) + 2, 0);
		hline(' ', COLS);
		mvaddnstr((int)(i - first) + 2, 1, sel ? ">" : " ", 1);
		addstr(text);
		if (sel)
			attroff(A_REVERSE);
		free(text);
	}
	ui_status_line(ui, ui->screen == UI_ERRORS ? " q: back" :
	    " Enter: go  j/k: move  q: back", "?:help ");
}

/* Move in the list, go to the selected place, or go back. */
void
ui_list_key(struct ui *ui, int key)
{
	const struct view_state state = { .where = VIEW_IN_LIST };
	struct view_action a = ui_key_action(&state, key);
	size_t n = list_count(ui);

	if (ui->screen == UI_ERRORS) {
		/* the errors scroll by rows; drawing keeps list_sel in range */
		if (a.act == VIEW_ACT_SELECT_NEXT)
			ui->list_sel++;
		else if (a.act == VIEW_ACT_SELECT_PREV && ui->list_sel > 0)
			ui->list_sel--;
		else if (a.act == VIEW_ACT_SELECT_FIRST)
			ui->list_sel = 0;
		else if (a.act == VIEW_ACT_SELECT_LAST)
			ui->list_sel = (size_t)-1 / 2;
		if (a.act >= VIEW_ACT_SELECT_NEXT && a.act <= VIEW_ACT_SELECT_LAST)
			return;
	}
	switch (a.act) {
	case VIEW_ACT_SELECT_NEXT: case VIEW_ACT_SELECT_PREV:
	case VIEW_ACT_SELECT_FIRST: case VIEW_ACT_SELECT_LAST:
		ui->list_sel = view_list_move(ui->list_sel, n, a.act);
		break;
	case VIEW_ACT_OPEN:
		if (ui->screen == UI_OUTLINE && n > 0) {
			ui->screen = UI_PAGER;
			ui_pager_show_line(ui,
			    ui->view.page->anchors[ui->list_sel].line + 2);
		} else if (ui->screen == UI_RESULTS && n > 0) {
			const struct ui_hit *h = &ui->hits[ui->list_sel];

			size_t rows = (size_t)ui_page_rows();
			struct view_place at = h->place;

			/* the lesson's own page differs from the one searched
			 * (answers, results, knobs): find the hit by its block
			 * and line in it, then the match from just above */
			ui_pager_open(ui, h->lesson);
			at.offset -= 2;
			ui->view.top = view_place_restore(&at, ui->view.page,
			    rows);
			ui_pager_search(ui, 1, 1);
		} else if (ui->screen == UI_ERRORS) {
			ui->screen = ui->back;
		}
		break;
	case VIEW_ACT_BACK:
		ui->screen = ui->back == UI_PAGER && ui->view.lesson != NULL ?
		    UI_PAGER : UI_MENU;
		break;
	case VIEW_ACT_HELP:
		ui->screen = UI_HELP;
		break;
	default:
		break;
	}
}
