#include "config.h"

#include "ui/ui.h"
#include "core/num.h"

#include <curses.h>
#include <math.h>
#include <stdint.h>

/* Record an answer in the view and the progress file's records. */
static void
answer(struct ui *ui, size_t block, int correct)
{
	struct ui_view *v = &ui->view;
	struct doc_quiz_state *st = &v->states[block].quiz;

	st->answered = 1;
	st->correct = correct;
	st->attempts++;
	progress_quiz_answer(progress_lesson(&ui->progress, v->lesson->id, true),
	    block, correct != 0);
	ui_pager_relayout(ui);
	ui_message(ui, correct ? "Right!" : v->lesson->blocks[block].quiz.retry ?
	    "Not quite. Try again." : "Not quite.");
}

/* May the focused quiz still be answered? Says why not. */
static int
may_answer(struct ui *ui, const struct lesson_quiz *q,
    const struct doc_quiz_state *st)
{
	if (st->answered && st->correct) {
		ui_message(ui, "Already answered. Tab goes to the next one.");
		return 0;
	}
	if (st->answered && !q->retry) {
		ui_message(ui, "This quiz takes one answer.");
		return 0;
	}
	return 1;
}

/* Keys of a focused quiz: a letter answers a multiple-choice quiz, Enter
 * asks for a number. Returns 1 when the key was taken. */
int
ui_quiz_key(struct ui *ui, int key)
{
	struct ui_view *v = &ui->view;
	const struct lesson_quiz *q = &v->lesson->blocks[v->focus].quiz;
	struct doc_quiz_state *st = &v->states[v->focus].quiz;

	if (v->lesson->blocks[v->focus].kind != LESSON_QUIZ)
		return 0;
	if (q->choices != NULL && key >= 'a' && key < 'a' + (int)q->nchoices) {
		if (may_answer(ui, q, st)) {
			st->choice = (size_t)(key - 'a');
			answer(ui, (size_t)v->focus, st->choice == q->answer);
		}
		return 1;
	}
	if (q->choices == NULL && (key == '\n' || key == '\r' ||
	    key == KEY_ENTER || key == '=')) {
		if (may_answer(ui, q, st))
			ui_prompt_start(ui, UI_PROMPT_NUMBER, "Your answer: ");
		return 1;
	}
	return 0;
}

/* The number typed for a numeric quiz. */
void
ui_quiz_number(struct ui *ui, const char *text)
{
	struct ui_view *v = &ui->view;
	const struct lesson_quiz *q;
	double value;

	if (v->focus < 0)
		return;
	q = &v->lesson->blocks[v->focus].quiz;
	if (num_parse_double(text, &value) < 0) {
		ui_message(ui, "Type a number such as 0.35 or 2.5e-3.");
		return;
	}
	v->states[v->focus].quiz.value = value;
	answer(ui, (size_t)v->focus, fabs(value - q->value) <= q->tolerance);
}

/* Show earlier answers from the progress records. */
void
ui_quiz_restore(struct ui *ui)
{
	struct ui_view *v = &ui->view;
	const struct progress_lesson *rec = progress_lesson(&ui->progress,
	    v->lesson->id, false);

	if (rec == NULL)
		return;
	for (size_t i = 0; i < v->lesson->nblocks; i++) {
		const struct progress_quiz *pq = progress_quiz_find(rec, i);
		struct doc_quiz_state *st = &v->states[i].quiz;

		if (pq == NULL || v->lesson->blocks[i].kind != LESSON_QUIZ)
			continue;
		st->answered = 1;
		st->correct = pq->right;
		st->attempts = pq->attempts;
		st->choice = pq->right ? v->lesson->blocks[i].quiz.answer :
		    SIZE_MAX;	/* which wrong choice was not kept */
		st->value = pq->right ? v->lesson->blocks[i].quiz.value : NAN;
	}
}
