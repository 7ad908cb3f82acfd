#include "config.h"

#include "ui/ui.h"
#include "ui/theme.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

/* Open the prompt line. */
void
ui_prompt_start(struct ui *ui, enum ui_prompt_kind kind, const char *label)
{
	ui->prompt.kind = kind;
	snprintf(ui->prompt.label, sizeof ui->prompt.label, "%s", label);
	ui->prompt.buf[0] = '\0';
	ui->prompt.len = 0;
	curs_set(1);
	leaveok(stdscr, FALSE);
}

/* Close the prompt and act on what was typed. */
static void
finish(struct ui *ui, int accepted)
{
	enum ui_prompt_kind kind = ui->prompt.kind;
	const char *text = ui->prompt.buf;

	ui->prompt.kind = UI_PROMPT_NONE;
	curs_set(0);
	leaveok(stdscr, TRUE);
	if (!accepted || ui->prompt.len == 0)
		return;
	switch (kind) {
	case UI_PROMPT_SEARCH:
		snprintf(ui->query, sizeof ui->query, "%s", text);
		ui_pager_search(ui, 1, 1);
		break;
	case UI_PROMPT_SEARCH_ALL:
		snprintf(ui->query, sizeof ui->query, "%s", text);
		ui_results_open(ui, text);
		break;
	case UI_PROMPT_NUMBER:
		ui_quiz_number(ui, text);
		break;
	case UI_PROMPT_SENTENCE:
		ui_train_ask(ui, text);
		break;
	case UI_PROMPT_NONE:
		break;
	}
}

/* Line editing: printable bytes (UTF-8 included), Backspace, Ctrl-U,
 * Enter to accept, Esc or Ctrl-C to cancel. */
int
ui_prompt_key(struct ui *ui, int key)
{
	struct ui_prompt *p = &ui->prompt;

	if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		finish(ui, 1);
	} else if (key == 27 || key == ('C' & 0x1f) || key == ('G' & 0x1f)) {
		finish(ui, 0);
	} else if (key == KEY_BACKSPACE || key == 127 || key == ('H' & 0x1f)) {
		if (p->len == 0) {
			finish(ui, 0);
			return 1;
		}
		do	/* drop a whole UTF-8 character */
			p->len--;
		while (p->len > 0 && ((unsigned char)p->buf[p->len] & 0xC0) == 0x80);
		p->buf[p->len] = '\0';
	} else if (key == ('U' & 0x1f)) {
		p->len = 0;
		p->buf[0] = '\0';
	} else if (key >= 0x20 && key < 0x100 && key != 0x7F &&
	    p->len + 1 < sizeof p->buf) {
		p->buf[p->len++] = (char)key;
		p->buf[p->len] = '\0';
	}
	return 1;
}

/* The prompt over the status line, with the cursor at its end. */
void
ui_prompt_draw(struct ui *ui)
{
	const struct ui_prompt *p = &ui->prompt;
	int lw = (int)strlen(p->label);
	size_t start = 0;

	/* show the end of a text longer than the line */
	while ((int)(p->len - start) > COLS - lw - 2 && start < p->len)
		start++;
	move(LINES - 1, 0);
	clrtoeol();
	attron(A_BOLD);
	mvaddnstr(LINES - 1, 0, p->label, COLS - 1);
	attroff(A_BOLD);
	addnstr(p->buf + start, (int)(p->len - start));
	curs_set(1);
}
