/* page: a laid-out lesson, lines of styled spans at a fixed width.
 *
 * This is what both the TUI and --print show: the TUI maps styles to
 * attributes, --print writes the text. Every span holds only printable text
 * (control characters were turned into visible DOC_CONTROL spans), and every
 * line is at most page->width display columns wide.
 *
 * Ownership: a page is created by doc_layout() (layout.h) and freed with
 * doc_page_destroy(); it owns every line and span. */
#ifndef RNNTUTOR_PAGE_H
#define RNNTUTOR_PAGE_H

#include <stddef.h>

#include "core/strbuf.h"

enum doc_style {
	DOC_PLAIN,
	DOC_TITLE,
	DOC_GOAL,
	DOC_HEADING,
	DOC_SUBHEADING,
	DOC_BULLET,	/* the bullet or number marker */
	DOC_CODE,
	DOC_MARK,	/* a code line continued on the next line */
	DOC_CAPTION,
	DOC_QUIZ,
	DOC_CHOICE,
	DOC_ANSWER,	/* right answer and explanation */
	DOC_WRONG,	/* feedback on a wrong answer */
	DOC_CONTROL,	/* a control character shown visibly (^[) */
	DOC_OUTPUT,	/* what a code block prints, computed by a simulation */
	DOC_CHART,
	DOC_LABEL,	/* chart labels and summaries */
	DOC_TRY,	/* the "try this" prompt */
	DOC_KNOB,
	DOC_KNOB_SELECTED,
	DOC_ERROR,
	DOC_RULE,
	DOC_CHART_PREV,	/* the previous run's row, under the current chart */
	DOC_NSTYLES
};

struct doc_span {
	enum doc_style style;
	char *text;
	size_t len;	/* bytes */
	int width;	/* display columns */
};

struct doc_line {
	struct doc_span *spans;
	size_t nspans;
	size_t cap;
	int width;	/* display columns of all spans */
	int block;	/* index of the block it belongs to; -1 for the title */
};

/* A heading, for the outline and for jumps. */
struct doc_anchor {
	size_t line;
	int level;
	char *text;
};

/* The lines a block occupies: [first, last), for focus and redraw. */
/* Why a simulation block shows no result yet. */
enum doc_wait {
	DOC_WAIT_NONE = 0,	/* not a waiting simulation */
	DOC_WAIT_HEAVY,		/* takes more than a frame: a view runs it in
				 * steps (sim_job) and lays out again */
	DOC_WAIT_TRAINS,	/* trains a network: runs when the reader asks */
	DOC_WAIT_BUDGET		/* over the layout's budget (--print) */
};

struct doc_extent {
	size_t first;
	size_t last;
	enum doc_wait wait;	/* a sim block without its result, and why */
};

struct doc_page {
	struct doc_line *lines;
	size_t nlines;
	size_t cap;
	int width;
	struct doc_anchor *anchors;
	size_t nanchors;
	struct doc_extent *blocks;	/* one per lesson block */
	size_t nblocks;
};

struct doc_page *doc_page_create(int width, size_t nblocks);
void doc_page_destroy(struct doc_page *page);
/* Start a new empty line belonging to block; returns it (valid until the
 * next doc_page_line call). */
struct doc_line *doc_page_line(struct doc_page *page, int block);
/* Append printable text (already sanitised) of known width to a line;
 * adjacent spans of the same style merge. */
void doc_line_add(struct doc_line *line, enum doc_style style,
    const char *text, size_t len, int width);
/* Append untrusted UTF-8: control characters become DOC_CONTROL spans, bad
 * bytes U+FFFD, and with ascii every non-ASCII character a stand-in. Tabs
 * must have been expanded by the caller. */
void doc_line_add_text(struct doc_line *line, enum doc_style style,
    const char *text, size_t len, int ascii);
/* Append n spaces. */
void doc_line_pad(struct doc_line *line, int n);
/* Put a focus mark in the first column of lines [first, last): every line
 * there must start with a space (blocks that can take focus are indented),
 * and empty lines get the mark alone. */
void doc_page_mark_gutter(struct doc_page *page, size_t first, size_t last,
    int ascii);
/* The plain text of a line (all spans) into sb, replacing its content. */
void doc_line_text(const struct doc_line *line, struct strbuf *sb);

#endif
