/* layout: a lesson at a width becomes a page of styled lines.
 *
 * The only place that knows how a lesson looks: headings, wrapped paragraphs,
 * bullets with hanging indent, code kept verbatim (lines wider than the page
 * continue on the next line, marked), quizzes, and simulation blocks with
 * their charts and output. Pure: no curses, no printing; the TUI and --print
 * show the same page.
 *
 * Ownership: doc_layout() returns a heap page (doc_page_destroy() frees it).
 * The options and states are borrowed for the call only. */
#ifndef RNNTUTOR_LAYOUT_H
#define RNNTUTOR_LAYOUT_H

#include <stddef.h>

#include "doc/page.h"
#include "lesson/lesson.h"
#include "sentiment/sentiment.h"
#include "sim/sim.h"

#define DOC_MIN_WIDTH 20	/* columns; the page is clamped to these */
#define DOC_MAX_WIDTH 1000
#define DOC_READABLE_WIDTH 100	/* the widest page the TUI lays out: wider
				 * lines are hard to read */

/* How the reader has answered a quiz (the TUI keeps these). */
struct doc_quiz_state {
	int answered;		/* 0: not yet */
	int correct;
	size_t choice;		/* multiple choice: index given */
	double value;		/* numeric: value given */
	int attempts;
};

/* Live state of one block, owned by the caller. */
struct doc_block_state {
	const struct sim_args *args;	/* knob values; NULL: the lesson's */
	const struct sim_result *result; /* a result computed elsewhere
					 * (training, perhaps unfinished) */
	const char *note;		/* set: do not run the simulation; show
					 * this line (progress, "press Enter")
					 * and the charts result already has */
	const struct sentiment_prediction *prediction;	/* "try it" */
	struct doc_quiz_state quiz;
	int knob;			/* selected knob when focused */
};

struct doc_opts {
	int width;		/* clamped to DOC_MIN_WIDTH..DOC_MAX_WIDTH */
	int ascii;		/* only ASCII output */
	int reveal;		/* show quiz answers (print mode) */
	long focus;		/* focused block, or -1 */
	const struct doc_block_state *state;	/* one per block, or NULL */
};

/* Lay out a lesson. Simulation errors show in the page as DOC_ERROR lines;
 * the call itself cannot fail. */
struct doc_page *doc_layout(const struct lesson *lesson,
    const struct doc_opts *opts);

/* The number of the first section heading ("1", "2", ...) is its order
 * among the level-1 headings; used by the outline. */

#endif
