/* lesson: the model of one lesson, as loaded from a YAML file.
 *
 * A lesson is a title, a goal and an ordered list of blocks (heading, text,
 * code, quiz, sim). Every value keeps the line and column it came from, so
 * later checks (a simulation parameter out of range, say) can point at it.
 *
 * Ownership: lesson_load_*() return a heap lesson that owns every string and
 * array below it; lesson_destroy() frees it all. */
#ifndef RNNTUTOR_LESSON_H
#define RNNTUTOR_LESSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/lessonid.h"

/* Limits that keep hostile files cheap to reject. */
#define LESSON_MAX_FILE_SIZE (1024 * 1024)	/* bytes */
#define LESSON_MAX_DEPTH 16			/* nested collections */
#define LESSON_MAX_SCALAR (64 * 1024)		/* bytes in one scalar */
#define LESSON_MAX_BLOCKS 2000
#define LESSON_MAX_ID LESSONID_MAX		/* bytes; see core/lessonid.h */

/* Limits of the format, checked by the loader and relied on by the pages. */
#define LESSON_MAX_NUMBER 99		/* a lesson's position in the course */
#define LESSON_MAX_TITLE_WIDTH 72	/* display columns of the title */
#define LESSON_LINE_WIDTH 76	/* columns of a heading, a caption or a code
				 * line: an 80-column page less its indent */
#define LESSON_MAX_LANG_WIDTH 20	/* columns of a code block's language */
#define LESSON_MAX_CHOICES 26		/* a quiz's choices are letters a to z */
#define LESSON_MAX_SERIES 8		/* series in one chart */
#define LESSON_MAX_CHART_HEIGHT 8	/* rows of a chart (1 to this) */

struct lesson_pos {
	int line;	/* 1-based */
	int col;	/* 1-based */
};

enum lesson_block_kind {
	LESSON_HEADING,
	LESSON_TEXT,
	LESSON_CODE,
	LESSON_QUIZ,
	LESSON_SIM
};

#define LESSON_MAX_HINTS 8		/* hints of one quiz */
#define LESSON_REVEAL_AFTER 3		/* wrong tries before the answer shows */

struct lesson_quiz {
	char *question;
	char **choices;		/* NULL for a numeric quiz */
	char **why;		/* per choice: why it is (not) right; entries
				 * may be NULL; NULL when choices is */
	size_t nchoices;
	size_t answer;		/* multiple choice: index into choices */
	double value;		/* numeric: the right answer */
	double tolerance;	/* numeric: accepted |given - value| */
	bool fraction;		/* numeric: the answer is a fraction, so a
				 * typed "51.75%" means 0.5175 */
	char *explain;		/* may be NULL */
	char **hints;		/* shown one more after each wrong answer */
	size_t nhints;
	int reveal_after;	/* wrong tries after which the answer shows;
				 * 0: never, and no '!' (graded use) */
	bool retry;
};

/* A parameter as the lesson wrote it; converted by the sim registry. */
struct lesson_param {
	char *name;
	char *value;
	struct lesson_pos pos;		/* of the value */
};

/* A parameter the reader may turn, optionally with a narrower range. */
struct lesson_knob {
	char *name;
	bool has_min, has_max, has_step;
	double min, max, step;
	struct lesson_pos pos;		/* of the name (the knob itself when it
					 * is a mapping without one) */
	struct lesson_pos min_pos, max_pos; /* of min and max, when given */
};

enum lesson_scale {
	LESSON_SCALE_AUTO,
	LESSON_SCALE_LINEAR,
	LESSON_SCALE_LOG
};

struct lesson_chart {
	char **series;		/* names of result series drawn on one y-range */
	struct lesson_pos *series_pos;	/* of each name; NULL in a chart
					 * made outside a lesson */
	size_t nseries;
	int height;		/* rows, 1..LESSON_MAX_CHART_HEIGHT */
	enum lesson_scale scale;
	bool has_range;
	double lo, hi;		/* a fixed y-range, when has_range */
	char *caption;		/* may be NULL */
	struct lesson_pos pos;
};

/* One assertion of a sim block's expect: (see lesson/expect.h). */
enum lesson_expect_op {
	LESSON_EXPECT_ROUNDS,	/* "44": equal when rounded to the digits written */
	LESSON_EXPECT_LT,
	LESSON_EXPECT_LE,
	LESSON_EXPECT_GT,
	LESSON_EXPECT_GE,
	LESSON_EXPECT_NEAR	/* "0.51 ± 0.01" */
};

struct lesson_expect {
	char *name;		/* a result scalar, or series[i] */
	char *text;		/* the assertion as written */
	enum lesson_expect_op op;
	double value;
	double tolerance;	/* ROUNDS: half the last digit's unit */
	struct lesson_pos pos;	/* of the assertion */
};

/* A prediction the reader commits to before a sim block shows its result:
 * a choice, or a number compared with a scalar the simulation computes. */
struct lesson_predict {
	char *ask;		/* the question; NULL: the block asks none */
	char **choices;		/* NULL for a numeric prediction */
	size_t nchoices;
	size_t answer;		/* with choices: index of the right one */
	char *scalar;		/* numeric: the result scalar it is checked
				 * against (the engine computes the answer) */
	struct lesson_pos scalar_pos;
	double tolerance;	/* numeric: accepted |guess - value|; < 0:
				 * 10% of |value| */
	double decades;		/* > 0: compare orders of magnitude instead,
				 * |log10 guess - log10 value| <= decades */
	bool fraction;		/* numeric: "51.75%" means 0.5175 */
};

struct lesson_sim {
	char *name;
	struct lesson_pos name_pos;
	struct lesson_param *params;
	size_t nparams;
	struct lesson_knob *knobs;
	size_t nknobs;
	struct lesson_chart *charts;
	size_t ncharts;
	char *output;		/* template with {placeholders}; may be NULL */
	struct lesson_pos output_pos;
	struct lesson_pos output_body;	/* of the template's first character */
	int output_indent;	/* column of its later lines; 0 when only its
				 * first line is the file's (a quoted or plain
				 * scalar), -1 when none is (folded, >) */
	char *try_text;		/* the "try this" prompt; may be NULL */
	char *caption;		/* may be NULL */
	struct lesson_expect *expects;	/* checked by --check */
	size_t nexpects;
	struct lesson_predict predict;	/* predict.ask NULL: none */
};

struct lesson_block {
	enum lesson_block_kind kind;
	struct lesson_pos pos;
	char *text;	/* heading text, text body, or code source */
	struct lesson_pos text_pos;	/* of text's value in the file */
	int level;	/* heading: 1 or 2 */
	char *lang;	/* code: language (never NULL for code) */
	char *caption;	/* code: may be NULL */
	struct lesson_quiz quiz;
	struct lesson_sim sim;
};

struct lesson {
	char *file;		/* where it was loaded from ("builtin:NAME" for built-ins) */
	char *id;
	struct lesson_pos id_pos;
	int number;
	struct lesson_pos number_pos;
	char *title;
	char *goal;
	struct lesson_block *blocks;
	size_t nblocks;
};

/* Parse a lesson from memory; name is used in messages. Returns 0 and sets
 * *out, or a negative value with at least one error in diags (*out NULL). */
int lesson_load_buffer(struct lesson **out, const char *name,
    const char *buf, size_t len, struct diag_list *diags);
/* Read and parse a lesson file (regular files only, at most
 * LESSON_MAX_FILE_SIZE bytes). */
int lesson_load_file(struct lesson **out, const char *path,
    struct diag_list *diags);
/* As lesson_load_file(), for --check: when the file is YAML and only what
 * it says is wrong (a bad key or value), the return is still negative but
 * *out is the lesson as far as it loaded, so the checks that follow
 * loading (simulations, series, knobs, templates) report their mistakes in
 * the same run. A value that failed to load is NULL (a sim block's name, a
 * knob's name, a series name, the output, a block's text); the caller
 * destroys the lesson and never shows it. After a YAML syntax error *out is
 * NULL: nothing more can be known. */
int lesson_load_file_partial(struct lesson **out, const char *path,
    struct diag_list *diags);
void lesson_destroy(struct lesson *lesson);

/* Counts used by tests and the course lint. */
size_t lesson_count(const struct lesson *lesson, enum lesson_block_kind kind);

#endif
