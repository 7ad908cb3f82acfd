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
#include "sim/cache.h"
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
	int revealed;		/* the reader asked for the answer ('!') */
};

/* Wrong answers given to a quiz so far. */
int doc_quiz_wrong(const struct doc_quiz_state *st);
/* Does the quiz show its answer now: asked for, or after as many wrong
 * tries as the lesson allows (lesson_quiz.reveal_after)? */
int doc_quiz_shown(const struct lesson_quiz *q, const struct doc_quiz_state *st);

/* The reader's guess for a sim block that asks a prediction first. */
struct doc_predict_state {
	int committed;		/* 0: chart and output stay hidden */
	size_t choice;		/* with choices: index guessed */
	double value;		/* numeric: the number guessed */
};

/* Is a numeric guess close enough to value, the scalar the simulation
 * computed (predict's tolerance, decades, or 10% of |value|)? */
int doc_predict_close(const struct lesson_predict *p, double guess,
    double value);

/* Live state of one block, owned by the caller. */
struct doc_block_state {
	const struct sim_args *args;	/* knob values; NULL: the lesson's */
	const struct sim_result *result; /* a result computed elsewhere
					 * (training, perhaps unfinished) */
	const char *note;		/* set: do not run the simulation; show
					 * this line (progress, "press Enter")
					 * and the charts result already has */
	const struct sim_result *answer; /* what a trained model said about
					 * the reader's text (sim_model_ask) */
	const struct sim_args *prev_args; /* the settings before the last knob
					 * turn, or NULL: when the cache holds
					 * their result, the charts draw it as a
					 * "was" row on a range shared with the
					 * current run, and a "was -> now" line
					 * lists the numbers that changed */
	struct doc_quiz_state quiz;
	struct doc_predict_state predict;
	int knob;			/* selected knob when focused */
	int command;			/* show the block's "rnntutor sim NAME
					 * k=v ..." line for its current knobs */
};

/* Which simulations a layout may run (sim_pace). Layout for search,
 * outlines and menus runs none, so it never waits; a view runs the fast
 * ones and leaves the rest to steps between key reads. */
enum doc_run {
	DOC_RUN_ALL = 0,	/* every one, within *budget (print, check) */
	DOC_RUN_FAST,		/* fast ones; heavy and training ones wait */
	DOC_RUN_NONE		/* none: only results the cache holds */
};

struct doc_opts {
	int width;		/* clamped to DOC_MIN_WIDTH..DOC_MAX_WIDTH */
	int ascii;		/* only ASCII output */
	int reveal;		/* show quiz answers (print mode) */
	long focus;		/* focused block, or -1 */
	const struct doc_block_state *state;	/* one per block, or NULL */
	enum doc_run run;
	double *budget;		/* DOC_RUN_ALL: the estimated seconds (sim_cost)
				 * of heavy and training runs still allowed;
				 * each such run lowers it, and a block over it
				 * waits (DOC_WAIT_BUDGET). NULL: no limit */
	struct sim_cache *cache;	/* results kept between layouts; NULL:
					 * every layout runs them again */
	int next;		/* the TUI: the number of the next lesson, said
				 * at the end ("Next: press ] for lesson 3."),
				 * -1 on the last lesson; 0 (print): nothing */
};

/* Lay out a lesson. Simulation errors show in the page as DOC_ERROR lines;
 * the call itself cannot fail. */
struct doc_page *doc_layout(const struct lesson *lesson,
    const struct doc_opts *opts);

/* The number of the first section heading ("1", "2", ...) is its order
 * among the level-1 headings; used by the outline. */

#endif
