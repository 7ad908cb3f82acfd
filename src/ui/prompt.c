#include "config.h"

#include "ui/ui.h"
#include "ui/theme.h"

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

/* Line editing: printable bytes (UTF-8 included), Backspace, Ctrl-U,
 * Enter to accept, Esc or Ctrl-C to cancel. */
int
ui_prompt_key(struct ui *ui, int key)
{
	const struct view_state state = { .where = VIEW_IN_PROMPT };
	struct view_action a = ui_key_action(&state, key);

	switch (a.act) {
	case VIEW_ACT_ACCEPT:
		finish(ui, 1);
		break;
	case VIEW_ACT_CANCEL:
		finish(ui, 0);
		break;
	case VIEW_ACT_ERASE:
		if (view_edit_erase(&ui->prompt.text) < 0)
			finish(ui, 0);	/* Backspace on nothing closes it */
		break;
	case VIEW_ACT_KILL_LINE:
		view_edit_clear(&ui->prompt.text);
		break;
	case VIEW_ACT_INSERT:
		view_edit_insert(&ui->prompt.text, a.arg);	/* full: ignored */
		break;
	default:
		break;
	}
	return 1;
}

/* The prompt over the status line, with the cursor at its end. */
void
ui_prompt_draw(struct ui *ui)
{
	const struct ui_prompt *p = &ui->prompt;
	int lw = (int)strlen(p->label);
	size_t start = view_edit_visible(&p->text, COLS - lw - 2);

	move(LINES - 1, 0);
	clrtoeol();
	attron(A_BOLD);
	mvaddnstr(LINES - 1, 0, p->label, COLS - 1);
	attroff(A_BOLD);
	addnstr(p->text.buf + start, (int)(p->text.len - start));
	curs_set(1);
}
