/* focus: which blocks of a lesson take the reader's focus, and where Tab
 * and Shift-Tab move it.
 *
 * Pure functions of a lesson and its page (doc/layout.h) at the width on
 * screen; the caller owns both and keeps the focused block's index (-1 for
 * none). Nothing is allocated. */
#ifndef RNNTUTOR_VIEW_FOCUS_H
#define RNNTUTOR_VIEW_FOCUS_H

#include <stddef.h>

#include "doc/page.h"
#include "lesson/lesson.h"

/* What kind of block has the focus: it decides what keys mean. */
enum view_focus {
	VIEW_FOCUS_NONE,
	VIEW_FOCUS_SIM,		/* a simulation with knobs */
	VIEW_FOCUS_SLOW_SIM,	/* one that trains on request (Enter) */
	VIEW_FOCUS_CHOICE_QUIZ,	/* answered with a letter */
	VIEW_FOCUS_NUMBER_QUIZ,	/* answered with a typed number */
	VIEW_FOCUS_PREDICT_CHOICE,	/* a sim waiting for a guessed letter */
	VIEW_FOCUS_PREDICT_NUMBER	/* a sim waiting for a guessed number */
};

/* Can block b take the focus: a quiz, or a simulation with knobs, a
 * prediction to make, or a network to train? */
int view_focus_takes(const struct lesson_block *b);

/* The kind of block b as a focused block; slow says whether it is a
 * simulation that trains on request (src/ui knows the running jobs). */
enum view_focus view_focus_kind(const struct lesson_block *b, int slow);
/* The same, for a sim block that still waits for the reader's prediction
 * (committed: the guess was made) before it shows its result. */
enum view_focus view_focus_kind_predict(const struct lesson_block *b,
    int slow, int committed);

/* The block Tab (dir 1) or Shift-Tab (dir -1) focuses next: the next
 * interactive block after focus, or, when focus is -1, the first one that
 * shows on a screen of rows lines from top (the last one, going up).
 * Returns -1 when there is none that way: the focus does not wrap. */
long view_focus_next(const struct lesson *lesson, const struct doc_page *page,
    long focus, size_t top, size_t rows, int dir);

#endif
