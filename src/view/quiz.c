/* quiz: whether a quiz takes an answer, and answers kept from before. */
#include "config.h"

#include "view/quiz.h"
#include "core/arith.h"

#include <math.h>
#include <stdint.h>

/* See quiz.h. */
enum view_quiz_open
view_quiz_may_answer(const struct lesson_quiz *q,
    const struct doc_quiz_state *st)
{
	if (st->answered && st->correct)
		return VIEW_QUIZ_DONE;
	if (st->answered && !q->retry && !st->revealed)
		return VIEW_QUIZ_ONE_TRY;
	if (doc_quiz_shown(q, st))
		return VIEW_QUIZ_SHOWN;
	return VIEW_QUIZ_OPEN;
}

/* See quiz.h. */
int
view_quiz_number_right(const struct lesson_quiz *q, double value)
{
	return fabs(value - q->value) <= q->tolerance;
}

/* See quiz.h. */
int
view_quiz_read_number(const struct lesson_quiz *q, const char *text,
    double *value, char *msg, size_t size)
{
	size_t col;
	int rc = arith_eval(text, q->fraction, value, &col);

	if (rc == ARITH_OK)
		return 0;
	arith_message(msg, size, text, rc, col, q->fraction);
	return -1;
}

/* See quiz.h. */
int
view_quiz_reveal(const struct lesson_quiz *q, struct doc_quiz_state *st)
{
	if (q->reveal_after == 0)
		return -1;
	st->revealed = 1;
	return 0;
}

/* See quiz.h. */
void
view_quiz_record(struct doc_quiz_state *st, int correct)
{
	st->answered = 1;
	st->correct = correct;
	st->attempts++;
}

/* The prediction kept in pr, if it still fits block b, into st. */
static void
restore_predict(struct doc_predict_state *st, const struct lesson_block *b,
    const struct progress_predict *pr)
{
	const struct lesson_predict *p = &b->sim.predict;

	if (pr == NULL || b->kind != LESSON_SIM || p->ask == NULL)
		return;
	if (p->choices != NULL ? !pr->is_choice || pr->choice >= p->nchoices :
	    pr->is_choice)
		return;
	st->committed = 1;
	st->choice = pr->choice;
	st->value = pr->value;
}

/* See quiz.h. */
void
view_quiz_restore(struct doc_block_state *states, const struct lesson *lesson,
    const struct progress_lesson *rec)
{
	if (rec == NULL)
		return;
	for (size_t i = 0; i < lesson->nblocks; i++) {
		const struct progress_quiz *pq = progress_quiz_find(rec, i);
		const struct lesson_quiz *q = &lesson->blocks[i].quiz;
		struct doc_quiz_state *st = &states[i].quiz;

		restore_predict(&states[i].predict, &lesson->blocks[i],
		    progress_predict_find(rec, i));
		if (pq == NULL || lesson->blocks[i].kind != LESSON_QUIZ)
			continue;
		st->revealed = pq->revealed && q->reveal_after != 0;
		if (pq->attempts == 0)
			continue;	/* revealed before any answer */
		st->answered = 1;
		st->correct = pq->right;
		st->attempts = pq->attempts;
		/* which wrong choice or number was given is not kept */
		st->choice = pq->right ? q->answer : SIZE_MAX;
		st->value = pq->right ? q->value : NAN;
	}
}
