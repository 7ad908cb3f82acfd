#include "config.h"

#include "ui/theme.h"

#include <curses.h>
#include <stdlib.h>

static attr_t attrs[DOC_NSTYLES];
static attr_t status_attr;

/* A colour pair's attribute, or plain when colours are off. */
static attr_t
pair(short n, short fg, int colour)
{
	if (!colour)
		return A_NORMAL;
	init_pair(n, fg, -1);
	return COLOR_PAIR(n);
}

/* Choose attributes for every style. */
void
ui_theme_init(void)
{
	const char *no_color = getenv("NO_COLOR");
	int colour = has_colors() && (no_color == NULL || no_color[0] == '\0');

	if (colour) {
		start_color();
		use_default_colors();
	}
	attrs[DOC_PLAIN] = A_NORMAL;
	attrs[DOC_TITLE] = A_BOLD | pair(1, COLOR_CYAN, colour);
	attrs[DOC_GOAL] = pair(2, COLOR_CYAN, colour);
	attrs[DOC_HEADING] = A_BOLD | pair(3, COLOR_YELLOW, colour);
	attrs[DOC_SUBHEADING] = A_BOLD;
	attrs[DOC_RULE] = pair(3, COLOR_YELLOW, colour);
	attrs[DOC_CHART_PREV] = colour ? A_DIM : A_NORMAL;
	attrs[DOC_BULLET] = A_BOLD;
	attrs[DOC_CODE] = pair(4, COLOR_GREEN, colour);
	attrs[DOC_MARK] = A_BOLD;
	attrs[DOC_CAPTION] = A_BOLD;
	attrs[DOC_QUIZ] = A_BOLD | pair(5, COLOR_MAGENTA, colour);
	attrs[DOC_CHOICE] = A_NORMAL;
	/* without colour the right answer still stands out: bold and
	 * underlined, where the other choices' letters are only bold */
	attrs[DOC_ANSWER] = colour ? pair(4, COLOR_GREEN, colour) :
	    A_BOLD | A_UNDERLINE;
	attrs[DOC_WRONG] = A_BOLD | pair(6, COLOR_RED, colour);
	attrs[DOC_CONTROL] = A_REVERSE;
	attrs[DOC_OUTPUT] = pair(2, COLOR_CYAN, colour);
	attrs[DOC_CHART] = pair(7, COLOR_BLUE, colour) | (colour ? A_BOLD : 0);
	attrs[DOC_LABEL] = colour ? A_DIM : A_NORMAL;
	attrs[DOC_TRY] = A_UNDERLINE;
	attrs[DOC_KNOB] = A_NORMAL;
	attrs[DOC_KNOB_SELECTED] = A_REVERSE;
	attrs[DOC_ERROR] = A_BOLD | pair(6, COLOR_RED, colour);
	status_attr = A_REVERSE;
}

/* Look up a style's attribute. */
unsigned long
ui_theme_attr(enum doc_style style)
{
	return (unsigned long)attrs[style < DOC_NSTYLES ? style : DOC_PLAIN];
}

/* The status line's attribute. */
unsigned long
ui_theme_status(void)
{
	return (unsigned long)status_attr;
}

