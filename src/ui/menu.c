#include "config.h"

#include "ui/menu.h"
#include "ui/theme.h"
#include "core/utf8.h"
#include "view/list.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "not started", "40%", "done", plus the quiz score: "quiz 6/6 (4
 * first try)". */
static void
progress_text(struct ui *ui, const struct lesson *l, char *out, size_t size)
{
	const struct progress_lesson *rec = progress_lesson(&ui->progress, l->id,
	    false);
	size_t quizzes = lesson_count(l, LESSON_QUIZ), right, first;
	int len;

	if (rec == NULL || (rec->seen == 0 && rec->nquizzes == 0)) {
		snprintf(out, size, "not started");
		return;
	}
	if (rec->finished)
		len = snprintf(out, size, "done");
	else
		len = snprintf(out, size, "%d%%", rec->seen);
	progress_quiz_score(rec, &right, &first);
	if (quizzes > 0 && rec->nquizzes > 0 && len > 0 && (size_t)len < size)
		snprintf(out + len, size - (size_t)len, ", quiz %zu/%zu (%zu "
		    "first try)", right, quizzes, first);
}

/* See ui.h. */
void
ui_cut_line(char *line, int cols, int ascii)
{
	const char *ell = ascii ? "..." : "\xE2\x80\xA6";
	int ellw = ascii ? 3 : 1, w = 0;
	size_t len = strlen(line), i = 0, keep = 0;

	if ((int)utf8_width(line, len) <= cols)
		return;
	while (i < len) {
		uint32_t cp;
		size_t used = utf8_decode(line + i, len - i, &cp);
		int cw = utf8_cpwidth(cp);

		if (w + (cw > 0 ? cw : 0) > cols - ellw)
			break;
		w += cw > 0 ? cw : 0;
		i += used;
		keep = i;
	}
	if (cols < ellw) {
		line[0] = '\0';
		return;
	}
	while (keep > 0 && line[keep - 1] == ' ')
		keep--;
	strcpy(line + keep, ell);
}

/* The list of lessons with the reader's progress in each. */
void
ui_menu_draw(struct ui *ui)
{
	const struct course *c = *ui->course;
	size_t n = course_count(c);
	int rows = ui_page_rows();
	size_t first;
	int progw = 30;

	attron(A_BOLD);
	mvaddnstr(0, 1, ui->opts->ascii ? "rnntutor - recurrent neural networks "
	    "in the terminal" : "rnntutor \xE2\x80\x94 recurrent neural networks "
	    "in the terminal", COLS - 2);
	attroff(A_BOLD);
	if (ui->menu_sel >= n && n > 0)
		ui->menu_sel = n - 1;
	first = view_list_first(ui->menu_sel, rows > 3 ? (size_t)(rows - 3) : 0);
	if (COLS < 60)
		progw = 0;	/* no room: titles first */
	for (size_t i = first; i < n && (int)(i - first) + 2 < rows; i++) {
		const struct lesson *l = course_lesson(c, i);
		char *title = utf8_sanitize(l->title, strlen(l->title),
		    ui->opts->ascii);
		char line[512], prog[64];
		int sel = i == ui->menu_sel, row = (int)(i - first) + 2;
		int titlew = COLS - 8 - progw - 2;

		/* room for the ellipsis after the longest cut */
		snprintf(line, sizeof line - 4, "%s %2d  %s", sel ? ">" : " ",
		    l->number, title);
		free(title);
		if (sel)
			attron(A_REVERSE);
		move(row, 1);
		hline(' ', COLS - 2);
		ui_cut_line(line, titlew + 6 > 0 ? titlew + 6 : 0, ui->opts->ascii);
		mvaddstr(row, 1, line);
		if (progw > 0) {
			progress_text(ui, l, prog, sizeof prog);
			mvaddnstr(row, COLS - progw - 1, prog, progw);
		}
		if (sel)
			attroff(A_REVERSE);
	}
	ui_status_line(ui, " Enter: open  /: search all  v: review  r: reload",
	    "?:help  q:quit ");
}

/* The search typed after / in the menu. */
static void
search_all_typed(struct ui *ui, const char *text)
{
	snprintf(ui->query, sizeof ui->query, "%s", text);
	ui_results_open(ui, text);
}

/* Move the highlight, open a lesson, search, reload, or quit. */
void
ui_menu_key(struct ui *ui, int key)
{
	const struct view_state state = { .where = VIEW_IN_MENU };
	struct view_action a = ui_key_action(&state, key);
	size_t n = course_count(*ui->course);
	char name[2];
	long i;

	switch (a.act) {
	case VIEW_ACT_SELECT_NEXT: case VIEW_ACT_SELECT_PREV:
	case VIEW_ACT_SELECT_FIRST: case VIEW_ACT_SELECT_LAST:
		ui->menu_sel = view_list_move(ui->menu_sel, n, a.act);
		break;
	case VIEW_ACT_OPEN:
		if (n > 0)
			ui_pager_open(ui, ui->menu_sel);
		break;
	case VIEW_ACT_OPEN_NUMBER:
		/* lessons are found by their number as by an id */
		name[0] = (char)('0' + a.arg);
		name[1] = '\0';
		i = course_find(*ui->course, name);
		if (i >= 0) {
			ui->menu_sel = (size_t)i;
			ui_pager_open(ui, (size_t)i);
		}
		break;
	case VIEW_ACT_SEARCH_ALL:
		ui_prompt_start(ui, "Search all lessons: ", search_all_typed);
		break;
	case VIEW_ACT_REVIEW:
		ui_review(ui);
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
	case VIEW_ACT_HELP:
		ui->back = UI_MENU;
		ui->screen = UI_HELP;
		break;
	case VIEW_ACT_QUIT:
		ui->quit = 1;
		break;
	default:
		break;
	}
}
