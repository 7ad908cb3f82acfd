#include "config.h"

#include "ui/help.h"
#include "ui/theme.h"

#include <curses.h>
#include <string.h>

/* Two columns, so that every key fits an 80x24 screen. */
static const char *const left_lines[] = {
	"Reading a lesson",
	"j Down Enter  down one line",
	"k Up          up one line",
	"Space f PgDn  down one screen",
	"b PgUp        up one screen",
	"d u           half a screen",
	"g Home <      top of the lesson",
	"G End >       end of the lesson",
	"] [           next, previous lesson",
	"o             outline of sections",
	"/ n N         search, next, previous",
	"Tab S-Tab     focus a quiz or",
	"              simulation",
	"s             save progress now",
	"r             reload lessons",
	"q h Left Esc  back to the lessons",
	"Q             quit",
};

static const char *const right_lines[] = {
	"A focused simulation",
	"Left Right h l  turn the knob",
	"Up Down         choose a knob",
	"0               lesson's values",
	"Esc             leave it",
	"",
	"A focused quiz",
	"a b c ...       answer",
	"Enter  !        a number, the answer",
	"",
	"The lesson list",
	"j k Enter 1-9   move, open",
	"/  v            search all, review",
	"r  q            reload, quit",
	"",
	"?  this help; any key closes it",
};

#define NLEFT (sizeof left_lines / sizeof left_lines[0])
#define NRIGHT (sizeof right_lines / sizeof right_lines[0])

/* One column of help text at (y, x), headings in bold. */
static void
column(const char *const *lines, size_t n, int y, int x, int w)
{
	for (size_t i = 0; i < n && y + (int)i < LINES - 1; i++) {
		int heading = lines[i][0] != '\0' && strchr(lines[i], ' ') !=
		    NULL && (i == 0 || lines[i - 1][0] == '\0');

		if (heading)
			attron(A_BOLD);
		mvaddnstr(y + (int)i, x, lines[i], w);
		if (heading)
			attroff(A_BOLD);
	}
}

/* A framed box with every key, centred over the screen. */
void
ui_help_draw(struct ui *ui)
{
	int rows = (int)(NLEFT > NRIGHT ? NLEFT : NRIGHT);
	int w = COLS < 76 ? COLS : 76, h = rows + 2;
	int y = (LINES - 1 - h) / 2, x = (COLS - w) / 2;

	(void)ui;
	if (y < 0)
		y = 0;
	for (int r = 0; r < h && y + r < LINES - 1; r++) {
		move(y + r, x);
		for (int c = 0; c < w; c++)
			addch(r == 0 || r == h - 1 ? '-' :
			    (c == 0 || c == w - 1 ? '|' : ' '));
	}
	column(left_lines, NLEFT, y + 1, x + 2, w / 2 - 2);
	column(right_lines, NRIGHT, y + 1, x + w / 2 + 1, w - w / 2 - 3);
}
