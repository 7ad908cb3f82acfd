#include "config.h"

#include "ui/ui.h"
#include "ui/theme.h"
#include "core/utf8.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* See ui.h. */
void
ui_prompt_start(struct ui *ui, const char *label, ui_prompt_fn *submit)
{
	ui->prompt.submit = submit;
	snprintf(ui->prompt.label, sizeof ui->prompt.label, "%s", label);
	view_edit_clear(&ui->prompt.text);
	ui->prompt.full = 0;
	curs_set(1);
	leaveok(stdscr, FALSE);
}

/* Close the prompt and hand what was typed to its opener. */
static void
finish(struct ui *ui, int accepted)
{
	ui_prompt_fn *submit = ui->prompt.submit;
	char text[sizeof ui->prompt.text.buf];

	/* a copy: the opener may open the prompt again */
	memcpy(text, ui->prompt.text.buf, sizeof text);
	ui->prompt.submit = NULL;
	curs_set(0);
	leaveok(stdscr, TRUE);
	if (accepted && ui->prompt.text.len > 0)
		submit(ui, text);
}

/* Line editing: printable bytes (UTF-8 included) at the cursor,
 * Left/Right (Ctrl-B/F), Home/End (Ctrl-A/E), Backspace, Ctrl-W (word),
 * Ctrl-U (line), Enter to accept, Esc or Ctrl-C to cancel. A byte that
 * does not fit is refused, and the prompt says so. */
int
ui_prompt_key(struct ui *ui, int key)
{
	const struct view_state state = { .where = VIEW_IN_PROMPT };
	struct view_action a = ui_key_action(&state, key);
	struct view_edit *e = &ui->prompt.text;

	ui->prompt.full = 0;
	switch (a.act) {
	case VIEW_ACT_ACCEPT:
		finish(ui, 1);
		break;
	case VIEW_ACT_CANCEL:
		finish(ui, 0);
		break;
	case VIEW_ACT_ERASE:
		if (view_edit_erase(e) < 0)
			finish(ui, 0);	/* Backspace on nothing closes it */
		break;
	case VIEW_ACT_KILL_LINE:
		view_edit_clear(e);
		break;
	case VIEW_ACT_ERASE_WORD:
		view_edit_erase_word(e);
		break;
	case VIEW_ACT_DELETE:
		view_edit_delete(e);
		break;
	case VIEW_ACT_CURSOR_LEFT:
	case VIEW_ACT_CURSOR_RIGHT:
		view_edit_move(e, a.act == VIEW_ACT_CURSOR_LEFT ? -1 : 1);
		break;
	case VIEW_ACT_CURSOR_HOME:
		view_edit_home(e);
		break;
	case VIEW_ACT_CURSOR_END:
		view_edit_end(e);
		break;
	case VIEW_ACT_INSERT:
		if (view_edit_insert(e, a.arg) < 0) {
			ui->prompt.full = 1;
			beep();
		}
		break;
	default:
		break;
	}
	return 1;
}

/* The prompt over the status line: the part of the text around the
 * cursor, the cursor on it, and a note when the text is full. */
void
ui_prompt_draw(struct ui *ui)
{
	const struct ui_prompt *p = &ui->prompt;
	static const char full[] = " [full: 1023 bytes]";
	int lw = (int)strlen(p->label), room = COLS - lw - 1;
	size_t start, end;
	int x;

	if (p->full)
		room -= (int)sizeof full - 1;
	start = view_edit_visible(&p->text, room);
	end = start;
	while (end < p->text.len &&
	    (int)utf8_width(p->text.buf + start, end + 1 - start) <= room)
		end++;
	while (end > start && end < p->text.len &&
	    ((unsigned char)p->text.buf[end] & 0xC0) == 0x80)
		end--;		/* not inside a character */
	move(LINES - 1, 0);
	clrtoeol();
	attron(A_BOLD);
	mvaddnstr(LINES - 1, 0, p->label, COLS - 1);
	attroff(A_BOLD);
	addnstr(p->text.buf + start, (int)(end - start));
	if (p->full) {
		attron(A_BOLD);
		mvaddstr(LINES - 1, COLS - (int)sizeof full, full);
		attroff(A_BOLD);
	}
	x = lw + (int)utf8_width(p->text.buf + start, p->text.cursor - start);
	move(LINES - 1, x < COLS - 1 ? x : COLS - 1);
	curs_set(1);
}
