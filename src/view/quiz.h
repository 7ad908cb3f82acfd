/* quiz: answering a lesson's quizzes, and answers kept from earlier visits.
 *
 * The reader's answers live in the caller's struct doc_quiz_state, one per
 * block (doc/layout.h); the progress file's records (progress/progress.h)
 * keep whether each quiz was answered right. Nothing is allocated. */
#ifndef RNNTUTOR_VIEW_QUIZ_H
#define RNNTUTOR_VIEW_QUIZ_H

#include <stddef.h>

#include "doc/layout.h"
#include "lesson/lesson.h"
#include "progress/progress.h"

/* Whether a quiz takes an answer now. */
enum view_quiz_open {
	VIEW_QUIZ_OPEN,		/* not answered yet, or wrong and may retry */
	VIEW_QUIZ_DONE,		/* answered right */
	VIEW_QUIZ_ONE_TRY,	/* answered wrong, and no retry allowed */
	VIEW_QUIZ_SHOWN		/* its answer shows ('!' or enough tries) */
};

enum view_quiz_open view_quiz_may_answer(const struct lesson_quiz *q,
    const struct doc_quiz_state *st);
/* Is value right for a numeric quiz (within its tolerance)? */
int view_quiz_number_right(const struct lesson_quiz *q, double value);
/* Read a typed numeric answer with core/arith (1,408  1/8  0.8^10, and
 * 51.75% where the quiz is a fraction). Returns 0 and sets *value, or -1
 * with a message naming the accepted forms in msg. */
int view_quiz_read_number(const struct lesson_quiz *q, const char *text,
    double *value, char *msg, size_t size);
/* The reader asked for the answer ('!'). Returns 0 when it now shows, or
 * -1 when the lesson does not reveal this quiz's answer (reveal: false). */
int view_quiz_reveal(const struct lesson_quiz *q, struct doc_quiz_state *st);
/* Note an answer in st: answered, right or not, one attempt more. */
void view_quiz_record(struct doc_quiz_state *st, int correct);
/* Fill the states of lesson's quizzes (one per block) from the progress
 * record rec (NULL: nothing is kept; the states are left alone): answers,
 * answers revealed, and the predictions committed on sim blocks (one that
 * no longer fits its block, the lesson changed, is left out). */
void view_quiz_restore(struct doc_block_state *states,
    const struct lesson *lesson, const struct progress_lesson *rec);

#endif
