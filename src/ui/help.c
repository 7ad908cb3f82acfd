#include "config.h"

#include "ui/help.h"
#include "ui/theme.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* One line of help: keys and what they do; a NULL what is a heading, a
 * NULL keys a column break. */
struct help_entry {
	const char *keys;
	const char *what;
};

#define KEYS_WIDTH 15	/* the keys field of a line and its space */
#define COLUMN_WIDTH 37	/* a column of the two-column box */

/* Every key, as two columns that fit an 80x24 screen; on a smaller one
 * they follow each other in one column, wrapped, which scrolls. */
static const struct help_entry entries[] = {
	{"Reading a lesson", NULL},
	{"j Down Enter", "down one line"},
	{"k Up", "up one line"},
	{"Space f PgDn", "down one screen"},
	{"b PgUp", "up one screen"},
	{"d u", "half a screen"},
	{"g Home <", "top of the lesson"},
	{"G End >", "end of the lesson"},
	{"] [", "next, previous lesson"},
	{"o", "outline of the lesson"},
	{"/ n N", "search, next, previous"},
	{"Tab S-Tab", "focus quiz, simulation"},
	{"w", "watch mode on, off"},
	{"s", "save progress now"},
	{"r W", "reload, warnings"},
	{"q h Left Esc", "back to the lessons"},
	{"Q", "quit"},
	{"", ""},
	{"Anywhere", NULL},
	{"Ctrl-C", "quit, keeping progress"},
	{"Ctrl-Z", "suspend (fg resumes)"},
	{"?", "this help"},
	{NULL, NULL},
	{"A focused simulation", NULL},
	{"Left Right h l", "turn the knob"},
	{"Up Down", "choose a knob"},
	{"0", "lesson's values"},
	{"c", "its rnntutor sim line"},
	{"t", "look inside the model"},
	{"Enter Esc", "train; stop or leave"},
	{"", ""},
	{"A focused quiz", NULL},
	{"a b c ...", "answer, or predict"},
	{"Enter", "type a number"},
	{"!", "reveal the answer"},
	{"", ""},
	{"Typing a line", NULL},
	{"Left Right", "move the cursor"},
	{"C-a C-e", "start, end of line"},
	{"C-d C-w C-u", "erase char, word, line"},
	{"", ""},
	{"The lesson list", NULL},
	{"j k Enter 1-9", "move, open"},
	{"v", "review missed quizzes"},
	{"/", "search all lessons"},
	{"r w q", "reload, watch, quit"},
};

#define NENTRIES (sizeof entries / sizeof entries[0])

/* The help as lines of one column w columns wide: a description too long
 * for its line goes on under itself, broken between words. The caller
 * frees the lines and the array; *bold[i] marks a heading. */
static size_t
one_column(char ***out, int **bold, int w)
{
	size_t n = 0, cap = 2 * NENTRIES + 8;
	char **lines = calloc(cap, sizeof *lines);
	int *heads = calloc(cap, sizeof *heads);
	int kw = w >= 2 * KEYS_WIDTH ? KEYS_WIDTH - 1 : w / 2, dw = w - kw - 1;

	if (lines == NULL || heads == NULL)
		abort();
	for (size_t i = 0; i < NENTRIES; i++) {
		const struct help_entry *e = &entries[i];
		const char *d;
		int first = 1;

		if (e->keys == NULL)
			continue;
		if (e->what == NULL) {
			heads[n] = 1;
			lines[n++] = strdup(e->keys);
			continue;
		}
		d = e->what;
		do {
			int len = (int)strlen(d), cut = len;
			char *line;

			if (len > dw) {
				for (cut = dw; cut > 0 && d[cut] != ' '; cut--)
					;
				if (cut == 0)
					cut = dw;
			}
			if (n + 1 >= cap) {
				cap *= 2;
				lines = realloc(lines, cap * sizeof *lines);
				heads = realloc(heads, cap * sizeof *heads);
				if (lines == NULL || heads == NULL)
					abort();
			}
			line = malloc((size_t)w + 2);
			if (line == NULL)
				abort();
			snprintf(line, (size_t)w + 1, "%-*.*s %.*s", kw, kw,
			    first ? e->keys : "", cut, d);
			heads[n] = 0;
			lines[n++] = line;
			d += cut;
			while (*d == ' ')
				d++;
			first = 0;
		} while (*d != '\0');
	}
	*out = lines;
	*bold = heads;
	return n;
}

/* One of the two columns at (y, x): the entries from `from` to a column
 * break or the end; returns the rows it took. */
static int
box_column(size_t from, int y, int x)
{
	int r = 0;

	for (size_t i = from; i < NENTRIES && entries[i].keys != NULL; i++, r++) {
		if (entries[i].what == NULL) {
			attron(A_BOLD);
			mvaddnstr(y + r, x, entries[i].keys, COLUMN_WIDTH);
			attroff(A_BOLD);
		} else {
			mvprintw(y + r, x, "%-*s %.*s", KEYS_WIDTH - 1,
			    entries[i].keys, COLUMN_WIDTH - KEYS_WIDTH,
			    entries[i].what);
		}
	}
	return r;
}

/* Rows of each of the two columns. */
static void
box_rows(int *left, int *right, size_t *second)
{
	size_t i = 0;

	while (i < NENTRIES && entries[i].keys != NULL)
		i++;
	*left = (int)i;
	*second = i + 1;
	*right = (int)(NENTRIES - *second);
}

/* Do the two columns fit the screen above the status line? */
static int
box_fits(void)
{
	int left, right;
	size_t second;

	box_rows(&left, &right, &second);
	return COLS >= 2 * COLUMN_WIDTH + 3 &&
	    LINES - 1 >= (left > right ? left : right);
}

/* The two columns over the whole screen, centred across it. */
static void
draw_box(struct ui *ui)
{
	int left, right, x = (COLS - 2 * COLUMN_WIDTH - 2) / 2;
	size_t second;

	box_rows(&left, &right, &second);
	erase();
	box_column(0, 0, x);
	box_column(second, 0, x + COLUMN_WIDTH + 2);
	ui_status_line(ui, " Every key; any key closes it", "");
}

/* The lines of the one-column help that fit under the top line. */
static int
page_rows(void)
{
	return LINES - 1 > 1 ? LINES - 1 : 1;
}

/* The whole screen, one column from ui->help_top, and a status line that
 * says how to scroll and close it. */
static void
draw_list(struct ui *ui)
{
	char **lines;
	int *bold, rows = page_rows();
	size_t n = one_column(&lines, &bold, COLS - 1 > 10 ? COLS - 1 : 10);
	size_t max_top = n > (size_t)rows ? n - (size_t)rows : 0;

	if (ui->help_top > max_top)
		ui->help_top = max_top;
	erase();
	for (int r = 0; r < rows && ui->help_top + (size_t)r < n; r++) {
		size_t i = ui->help_top + (size_t)r;

		if (bold[i])
			attron(A_BOLD);
		mvaddnstr(r, 0, lines[i], COLS - 1);
		if (bold[i])
			attroff(A_BOLD);
	}
	ui_status_line(ui, max_top > 0 ? " j k: scroll, other: close" :
	    " any key closes help", "");
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(bold);
}

/* See ui.h. */
void
ui_help_draw(struct ui *ui)
{
	if (box_fits())
		draw_box(ui);
	else
		draw_list(ui);
}

/* See ui.h. */
void
ui_help_key(struct ui *ui, int key)
{
	size_t step = 0;
	int down = 0;

	if (!box_fits()) {
		switch (key) {
		case 'j': case KEY_DOWN: case '\n': case '\r': case KEY_ENTER:
			step = 1, down = 1;
			break;
		case 'k': case KEY_UP:
			step = 1;
			break;
		case ' ': case 'f': case KEY_NPAGE:
			step = (size_t)page_rows(), down = 1;
			break;
		case 'b': case KEY_PPAGE:
			step = (size_t)page_rows();
			break;
		default:
			break;
		}
	}
	if (step == 0) {
		ui->help_top = 0;
		ui->screen = ui->back;	/* any other key closes help */
		return;
	}
	if (down)
		ui->help_top += step;	/* draw_list() clamps it */
	else
		ui->help_top = ui->help_top > step ? ui->help_top - step : 0;
}
