/* place: the reader's place in a page: the top line on the screen, kept
 * across relayouts, scrolling, and how much of the lesson has been seen.
 *
 * A page (doc/page.h) changes under the reader whenever it is laid out
 * again (a new width, a knob turned, a quiz answered, a training tick); the
 * place is the block at the top of the screen and how many lines into it
 * the screen starts, so the same text stays at the top. Pure functions of a
 * page the caller owns and a screen of rows lines; nothing is allocated. */
#ifndef RNNTUTOR_VIEW_PLACE_H
#define RNNTUTOR_VIEW_PLACE_H

#include <stddef.h>

#include "doc/page.h"
#include "view/keys.h"

/* Where the top line is, independent of the page's line numbers. */
struct view_place {
	long block;		/* the block of the top line, or -1 */
	long offset;		/* lines of that block above the top line;
				 * negative: the top is one of the blank lines
				 * before the block's first line */
	double fraction;	/* top / lines, when the top has no block */
};

/* Capture the place of line top in page (before the page is replaced). */
void view_place_capture(struct view_place *place, const struct doc_page *page,
    size_t top);
/* The top line in a new page that shows place again: the same line of the
 * same block (its last line if the block got shorter), within the page. */
size_t view_place_restore(const struct view_place *place,
    const struct doc_page *page, size_t rows);

/* The place the progress file keeps for line top: as view_place_capture,
 * but a line above block 0's first line that belongs to no block (the
 * title, the goal) is block 0 at a negative offset, so that block 0 at
 * offset 0 is block 0's own first line and not the title.
 * view_place_restore brings either back. */
struct view_place view_place_kept(const struct doc_page *page, size_t top);

/* The largest useful top line: the last screenful. */
size_t view_place_max_top(const struct doc_page *page, size_t rows);
/* The top that shows line a little below the top of the screen. */
size_t view_place_near_top(const struct doc_page *page, size_t rows,
    size_t line);
/* The top that keeps block on the screen: top itself when the whole block
 * shows, else one that shows its first line near the top. */
size_t view_place_reveal(const struct doc_page *page, size_t rows, size_t top,
    size_t block);
/* The top nearest to top that shows block's last line (where a quiz's
 * verdict is), for a block taller than the screen; top itself when it
 * shows already. */
size_t view_place_show_end(const struct doc_page *page, size_t rows,
    size_t top, size_t block);
/* The top nearest to top that keeps block on the screen: all of it when it
 * fits (a quiz's question and its verdict), else a screenful of it. */
size_t view_place_keep(const struct doc_page *page, size_t rows, size_t top,
    size_t block);
/* Does any line of block show on a screen of rows lines from top? */
int view_place_shows(const struct doc_page *page, size_t rows, size_t top,
    size_t block);
/* The top after a VIEW_ACT_LINE_DOWN .. VIEW_ACT_BOTTOM action: a line, a
 * screenful less one line, half a screen, or an end, within the page. Any
 * other action leaves top alone. */
size_t view_place_scroll(const struct doc_page *page, size_t rows, size_t top,
    enum view_act act);

/* Percent of a page of nlines seen with top on a screen of rows lines
 * (everything above the screen's bottom counts); 100 for an empty page. */
int view_place_percent(size_t top, size_t rows, size_t nlines);
/* The block of the first line at or below top that belongs to one (the
 * title belongs to none), or -1. */
long view_place_block(const struct doc_page *page, size_t top);
/* The index of the last heading (page->anchors) at or above top; 0 when
 * there is none. */
size_t view_place_section(const struct doc_page *page, size_t top);

#endif
