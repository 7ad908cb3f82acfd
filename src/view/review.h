/* review: the questions of `rnntutor review`, chosen by concept.
 *
 * A review asks again the quizzes a reader missed or needed several tries
 * for (from the progress file), and fresh numeric questions whose answers
 * the engine computes: a power 0.9^k (the linear-bptt simulation), the
 * trainable numbers of an RNN, LSTM or GRU of random sizes (nn's
 * *_param_count), what a forget gate held at sigma(b) keeps over T steps
 * (act_sigmoid), and the factor of a clipped gradient
 * (optim_clip_grad_norm). Every concept has a review record in the
 * progress file (progress_review_answer): one answered right comes back
 * after 1, 2, 4 ... days; one missed is due at once. A missed quiz
 * answered right twice in a row in review is no longer asked.
 *
 * A session (view_review_start ...) asks a plan's questions one at a
 * time for any front end, the CLI's dialogue and the TUI's screen alike:
 * it judges each answer and records it, so both keep the same records;
 * view_review_page() lays out the screen's page.
 *
 * The same seed, course and progress give the same questions.
 * Ownership: view_review_plan() fills caller-owned storage that
 * view_review_plan_free() frees; items borrow the course's quizzes, so
 * the course must outlive the plan. Nothing prints. */
#ifndef RNNTUTOR_VIEW_REVIEW_H
#define RNNTUTOR_VIEW_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "doc/page.h"
#include "lesson/course.h"
#include "progress/progress.h"

#define VIEW_REVIEW_DEFAULT 6	/* questions in one review */
#define VIEW_REVIEW_MAX 100
#define VIEW_REVIEW_DAY ((int64_t)86400 * 1000000)	/* microseconds */

struct review_item {
	char concept[PROGRESS_MAX_CONCEPT + 1];	/* its review record */
	char *where;		/* "Lesson 2, quiz 3" or "powers" (heap) */
	char *question;		/* heap */
	const struct lesson_quiz *quiz;	/* a lesson's quiz (borrowed), or
					 * NULL for a generated question */
	double value;		/* generated: the engine's answer */
	double tolerance;	/* generated: the accepted |given - value| */
	char *explain;		/* generated: how the answer comes about */
};

struct review_plan {
	struct review_item *items;
	size_t n;
	size_t nquizzes;	/* of them, quizzes asked again */
};

/* Choose up to count questions (1 to VIEW_REVIEW_MAX) at time now: the
 * quizzes due first, then generated ones, the concepts due earliest
 * first. Returns 0, or -1 with a message in diags when the engine could
 * not compute an answer (plan then empty). */
int view_review_plan(struct review_plan *plan, const struct course *course,
    const struct progress *p, uint64_t seed, size_t count, int64_t now,
    struct diag_list *diags);
void view_review_plan_free(struct review_plan *plan);

/* Judge a typed answer: a choice letter, or a number read as a quiz's (1,408
 * 1/8 0.8^10 ...). Returns 1 right, 0 wrong, or -1 with what is accepted in
 * msg. */
int view_review_check(const struct review_item *item, const char *text,
    char *msg, size_t size);
/* The right answer as a reader should see it, in buf. */
void view_review_answer(const struct review_item *item, char *buf,
    size_t size);

/* Where a review being asked stands. */
enum view_review_phase {
	VIEW_REVIEW_ASKING,	/* the question waits for an answer */
	VIEW_REVIEW_VERDICT,	/* answered: the verdict is shown */
	VIEW_REVIEW_DONE	/* every question answered, or stopped */
};

/* A review being asked, one question at a time, by any front end (the
 * CLI's dialogue, the TUI's screen). The plan is borrowed. */
struct view_review_session {
	const struct review_plan *plan;
	size_t i;		/* the question asked or judged */
	size_t right, asked;
	enum view_review_phase phase;
	int verdict;		/* VERDICT: 1 right, 0 wrong */
	long chosen;		/* VERDICT: the choice given, or -1 */
	char msg[256];		/* ASKING: why the last answer was not read,
				 * or "" */
};

/* Start asking plan's questions (DONE at once when it has none). */
void view_review_start(struct view_review_session *s,
    const struct review_plan *plan);
/* Answer the question asked with text (a choice letter or a number):
 * judged, recorded in p's review records at now, and the phase becomes
 * VERDICT. Returns 1 right, 0 wrong, or -1 when text was not an answer
 * (s->msg says what is accepted; nothing is recorded). */
int view_review_submit(struct view_review_session *s, struct progress *p,
    const char *text, int64_t now);
/* After a verdict: the next question, or DONE after the last. */
void view_review_next(struct view_review_session *s);
/* The reader stops: DONE, with what was answered so far. */
void view_review_stop(struct view_review_session *s);
/* The lesson's word on the wrong choice given, or NULL. */
const char *view_review_why(const struct view_review_session *s);
/* How the right answer comes about, or NULL. */
const char *view_review_explain(const struct review_item *item);

/* The review's screen at width columns: "Review 2 of 6" and where the
 * question comes from, the question and its choices, then the verdict,
 * the right answer and its explanation; after the last, the summary. Text
 * is wrapped and sanitised (ascii: ASCII only). *verdict_line gets the
 * first line of the verdict (of the summary when DONE), 0 when there is
 * none yet. The caller destroys the page (doc_page_destroy). */
struct doc_page *view_review_page(const struct view_review_session *s,
    int width, int ascii, size_t *verdict_line);

#endif
