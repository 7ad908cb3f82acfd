/* review: choosing and judging the questions of a review. */
#include "config.h"

#include "view/review.h"
#include "view/quiz.h"
#include "doc/wrap.h"
#include "core/xalloc.h"
#include "nn/act.h"
#include "nn/gru.h"
#include "nn/lstm.h"
#include "nn/optim.h"
#include "nn/rng.h"
#include "nn/rnn.h"
#include "sim/sim.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The concepts of generated questions, in the order a tie is broken. */
enum gen {
	GEN_POWERS,
	GEN_PARAMS,
	GEN_GATES,
	GEN_CLIP,
	GEN_COUNT
};

static const char *const gen_concept[GEN_COUNT] = {
	[GEN_POWERS] = "powers",
	[GEN_PARAMS] = "params",
	[GEN_GATES] = "gates",
	[GEN_CLIP] = "clip",
};

/* A concept that may be asked, with when it is due. */
struct candidate {
	int64_t due;
	int gen;			/* enum gen, or -1 for a quiz */
	const struct lesson *lesson;
	size_t block;
	int quiz_number;		/* its number in the lesson, from 1 */
};

/* When a concept is due: at once if never asked or missed last time, else
 * 1, 2, 4 ... 32 days after it was last asked. */
static int64_t
due_at(const struct progress_review *r)
{
	int shift;

	if (r == NULL || r->at == 0 || r->streak == 0)
		return r == NULL ? 0 : r->at;
	shift = r->streak - 1 < 5 ? r->streak - 1 : 5;
	return r->at + (VIEW_REVIEW_DAY << shift);
}

/* Order: due earliest first; quizzes before generated ones. */
static int
by_due(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->gen != y->gen)
		return x->gen < y->gen ? -1 : 1;
	if (x->lesson != y->lesson)
		return x->lesson->number < y->lesson->number ? -1 : 1;
	return x->block < y->block ? -1 : x->block > y->block;
}

/* The progress record of a lesson id, or NULL (p is only read). */
static const struct progress_lesson *
lesson_record(const struct progress *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->lessons[i].id, id) == 0)
			return &p->lessons[i];
	return NULL;
}

/* The quizzes of the course the reader missed, needed several tries for
 * or had revealed, not yet retired by two right answers in review. */
static size_t
missed_quizzes(struct candidate **out, const struct course *course,
    const struct progress *p)
{
	size_t n = 0, cap = 0;

	*out = NULL;
	for (size_t i = 0; i < course_count(course); i++) {
		const struct lesson *l = course_lesson(course, i);
		const struct progress_lesson *rec;
		int number = 0;

		rec = lesson_record(p, l->id);
		for (size_t b = 0; b < l->nblocks; b++) {
			const struct progress_quiz *q;
			const struct progress_review *r;
			char concept[PROGRESS_MAX_CONCEPT + 1];

			if (l->blocks[b].kind != LESSON_QUIZ)
				continue;
			number++;
			q = rec != NULL ? progress_quiz_find(rec, b) : NULL;
			if (q == NULL || (q->right && q->attempts <= 1 &&
			    !q->revealed))
				continue;
			snprintf(concept, sizeof concept, "quiz:%s:%zu", l->id, b);
			r = progress_review_find(p, concept);
			if (r != NULL && r->streak >= 2)
				continue;	/* learnt in review */
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				*out = xreallocarray(*out, cap, sizeof **out);
			}
			(*out)[n++] = (struct candidate){
				.due = due_at(r), .gen = -1, .lesson = l,
				.block = b, .quiz_number = number,
			};
		}
	}
	return n;
}

/* One value from a list. */
static double
pick(struct rng *rng, const double *v, size_t n)
{
	return v[rng_below(rng, n)];
}

/* 0.9^k and friends, computed by the linear-bptt simulation (n = 1). */
static int
gen_powers(struct review_item *it, struct rng *rng, struct diag_list *diags)
{
	static const double scales[] = {0.5, 0.8, 0.9, 0.95, 0.99};
	double scale = pick(rng, scales, sizeof scales / sizeof scales[0]);
	int steps = 5 + (int)rng_below(rng, 56);
	const struct sim_spec *spec = sim_find("linear-bptt");
	struct sim_args args;
	struct sim_result res;
	const struct sim_scalar *ratio;
	char buf[32];
	int rc = -1;

	if (spec == NULL) {
		diag_add(diags, DIAG_ERROR, NULL, 0, 0, "review: no simulation "
		    "linear-bptt");
		return -1;
	}
	sim_args_init(&args, spec);
	sim_result_init(&res);
	snprintf(buf, sizeof buf, "%g", scale);
	if (sim_args_set(&args, "n", "1", diags, NULL, 0, 0) == 0 &&
	    sim_args_set(&args, "scale", buf, diags, NULL, 0, 0) == 0 &&
	    (snprintf(buf, sizeof buf, "%d", steps),
	    sim_args_set(&args, "steps", buf, diags, NULL, 0, 0) == 0) &&
	    sim_run(&res, &args, diags) == 0 &&
	    (ratio = sim_result_scalar(&res, "ratio")) != NULL) {
		it->value = ratio->value;
		it->tolerance = 0.01 * fabs(ratio->value);
		it->question = xasprintf("Without tanh, a state is multiplied "
		    "by W_hh = %g I at every step. What fraction of its norm "
		    "is left after %d steps? (Within 1%%.)", scale, steps);
		it->explain = xasprintf("Each step keeps %g of it: %g^%d = "
		    "%.4g.", scale, scale, steps, ratio->value);
		rc = 0;
	}
	sim_result_free(&res);
	sim_args_free(&args);
	return rc;
}

/* The trainable numbers of nn.RNN, nn.LSTM or nn.GRU of random sizes. */
static void
gen_params(struct review_item *it, struct rng *rng)
{
	static const char *const names[] = {"RNN", "LSTM", "GRU"};
	static const int sets[] = {1, 4, 3};
	size_t kind = (size_t)rng_below(rng, 3);
	size_t in = 1 + (size_t)rng_below(rng, 64);
	size_t hid = 1 + (size_t)rng_below(rng, 128);
	size_t count;

	if (kind == 0)
		count = rnn_param_count(&(struct rnn_dims){ .input = in,
		    .hidden = hid, .act = RNN_TANH });
	else if (kind == 1)
		count = lstm_param_count(&(struct lstm_dims){ .input = in,
		    .hidden = hid });
	else
		count = gru_param_count(&(struct gru_dims){ .input = in,
		    .hidden = hid });
	it->value = (double)count;
	it->tolerance = 0.5;
	it->question = xasprintf("How many trainable numbers does nn.%s("
	    "input_size=%zu, hidden_size=%zu) hold?", names[kind], in, hid);
	it->explain = xasprintf("%d set%s of weights, each H x I + H x H and "
	    "two biases of H: %d x (%zu + %zu + %zu) = %zu.", sets[kind],
	    sets[kind] > 1 ? "s" : "", sets[kind], hid * in, hid * hid,
	    2 * hid, count);
}

/* What a forget gate held at sigma(b) keeps over T steps. */
static void
gen_gates(struct review_item *it, struct rng *rng)
{
	static const double biases[] = {-1, -0.5, 0, 0.5, 1, 1.5, 2, 3};
	double b = pick(rng, biases, sizeof biases / sizeof biases[0]);
	int steps = 10 * (1 + (int)rng_below(rng, 10));
	double f = act_sigmoid(b);

	it->value = pow(f, steps);
	it->tolerance = 0.03 * it->value;
	it->question = xasprintf("A forget gate is held at sigma(%g) = %.6f "
	    "for %d steps. What share of the cell's content survives along "
	    "the direct path? (Within 3%%.)", b, f, steps);
	it->explain = xasprintf("The path multiplies by the gate once per "
	    "step: %.6f^%d = %.4g.", f, steps, it->value);
}

/* The factor by which clipping by norm scales a gradient. */
static void
gen_clip(struct review_item *it, struct rng *rng)
{
	static const double limits[] = {0.5, 1, 2, 5, 10};
	double norm = 1 + (double)rng_below(rng, 200) / 10;
	double limit = pick(rng, limits, sizeof limits / sizeof limits[0]);
	double g[2] = { 0.6 * norm, 0.8 * norm };	/* ||g|| = norm */

	optim_clip_grad_norm(g, 2, limit);
	it->value = g[1] / (0.8 * norm);
	it->tolerance = 0.005 * it->value;
	it->question = xasprintf("A gradient of norm %g is clipped by norm "
	    "with threshold %g. By what factor is it multiplied? (Within "
	    "0.5%%.)", norm, limit);
	it->explain = norm > limit ? xasprintf("Its norm is above the "
	    "threshold, so it is scaled to the threshold: %g / %g = %.4g.",
	    limit, norm, it->value) : xasprintf("Its norm is not above the "
	    "threshold, so it passes unchanged: 1.");
}

/* Fill item from a candidate. */
static int
make_item(struct review_item *it, const struct candidate *c, struct rng *rng,
    struct diag_list *diags)
{
	memset(it, 0, sizeof *it);
	if (c->gen < 0) {
		const struct lesson_quiz *q = &c->lesson->blocks[c->block].quiz;

		snprintf(it->concept, sizeof it->concept, "quiz:%s:%zu",
		    c->lesson->id, c->block);
		it->where = xasprintf("Lesson %d, quiz %d", c->lesson->number,
		    c->quiz_number);
		it->question = xstrdup(q->question);
		it->quiz = q;
		return 0;
	}
	snprintf(it->concept, sizeof it->concept, "%s", gen_concept[c->gen]);
	it->where = xstrdup(gen_concept[c->gen]);
	switch (c->gen) {
	case GEN_POWERS:
		return gen_powers(it, rng, diags);
	case GEN_PARAMS:
		gen_params(it, rng);
		return 0;
	case GEN_GATES:
		gen_gates(it, rng);
		return 0;
	default:
		gen_clip(it, rng);
		return 0;
	}
}

/* See review.h. */
int
view_review_plan(struct review_plan *plan, const struct course *course,
    const struct progress *p, uint64_t seed, size_t count, int64_t now,
    struct diag_list *diags)
{
	struct candidate *quizzes, gens[GEN_COUNT];
	size_t nquizzes = missed_quizzes(&quizzes, course, p), taken = 0;
	struct rng rng;

	memset(plan, 0, sizeof *plan);
	if (count < 1)
		count = 1;
	if (count > VIEW_REVIEW_MAX)
		count = VIEW_REVIEW_MAX;
	rng_seed(&rng, seed);
	for (int g = 0; g < GEN_COUNT; g++)
		gens[g] = (struct candidate){ .gen = g,
		    .due = due_at(progress_review_find(p, gen_concept[g])) };
	qsort(quizzes, nquizzes, sizeof *quizzes, by_due);
	qsort(gens, GEN_COUNT, sizeof *gens, by_due);
	plan->items = xcalloc(count, sizeof *plan->items);
	/* the quizzes due, then the generated concepts by due time, round
	 * and round: a review always has its count of questions */
	for (size_t i = 0; i < nquizzes && plan->n < count; i++)
		if (quizzes[i].due <= now) {
			if (make_item(&plan->items[plan->n++], &quizzes[i], &rng,
			    diags) < 0)
				goto fail;
			plan->nquizzes++;
		}
	while (plan->n < count) {
		if (make_item(&plan->items[plan->n++], &gens[taken % GEN_COUNT],
		    &rng, diags) < 0)
			goto fail;
		taken++;
	}
	free(quizzes);
	return 0;
fail:
	free(quizzes);
	view_review_plan_free(plan);
	return -1;
}

/* See review.h. */
void
view_review_plan_free(struct review_plan *plan)
{
	for (size_t i = 0; i < plan->n; i++) {
		free(plan->items[i].where);
		free(plan->items[i].question);
		free(plan->items[i].explain);
	}
	free(plan->items);
	memset(plan, 0, sizeof *plan);
}

/* See review.h. */
int
view_review_check(const struct review_item *it, const char *text, char *msg,
    size_t size)
{
	const struct lesson_quiz *q = it->quiz;
	struct lesson_quiz plain;
	double v;

	if (q != NULL && q->choices != NULL) {
		size_t skip = strspn(text, " \t");
		char c = (char)tolower((unsigned char)text[skip]);

		if (c >= 'a' && c < 'a' + (int)q->nchoices &&
		    text[skip + 1 + strspn(text + skip + 1, " \t\r\n")] == '\0')
			return (size_t)(c - 'a') == q->answer;
		snprintf(msg, size, "Type the letter of a choice, a to %c.",
		    (char)('a' + q->nchoices - 1));
		return -1;
	}
	if (q == NULL) {
		memset(&plain, 0, sizeof plain);
		plain.value = it->value;
		plain.tolerance = it->tolerance;
		q = &plain;
	}
	if (view_quiz_read_number(q, text, &v, msg, size) < 0)
		return -1;
	return view_quiz_number_right(q, v);
}

/* See review.h. */
void
view_review_answer(const struct review_item *it, char *buf, size_t size)
{
	const struct lesson_quiz *q = it->quiz;

	if (q != NULL && q->choices != NULL)
		snprintf(buf, size, "%c) %s", (char)('a' + q->answer),
		    q->choices[q->answer]);
	else
		snprintf(buf, size, "%.6g", q != NULL ? q->value : it->value);
}

/* See review.h. */
void
view_review_start(struct view_review_session *s,
    const struct review_plan *plan)
{
	*s = (struct view_review_session){
		.plan = plan, .chosen = -1,
		.phase = plan->n > 0 ? VIEW_REVIEW_ASKING : VIEW_REVIEW_DONE,
	};
}

/* See review.h. */
int
view_review_submit(struct view_review_session *s, struct progress *p,
    const char *text, int64_t now)
{
	const struct review_item *it;
	int verdict;

	if (s->phase != VIEW_REVIEW_ASKING)
		return -1;
	it = &s->plan->items[s->i];
	verdict = view_review_check(it, text, s->msg, sizeof s->msg);
	if (verdict < 0)
		return -1;
	s->msg[0] = '\0';
	s->chosen = -1;
	if (it->quiz != NULL && it->quiz->choices != NULL)
		s->chosen = tolower((unsigned char)text[strspn(text, " \t")]) -
		    'a';
	progress_review_answer(p, it->concept, verdict == 1, now);
	s->verdict = verdict;
	s->right += (size_t)verdict;
	s->asked++;
	s->phase = VIEW_REVIEW_VERDICT;
	return verdict;
}

/* See review.h. */
void
view_review_next(struct view_review_session *s)
{
	if (s->phase != VIEW_REVIEW_VERDICT)
		return;
	s->i++;
	s->chosen = -1;
	s->phase = s->i < s->plan->n ? VIEW_REVIEW_ASKING : VIEW_REVIEW_DONE;
}

/* See review.h. */
void
view_review_stop(struct view_review_session *s)
{
	s->phase = VIEW_REVIEW_DONE;
}

/* See review.h. */
const char *
view_review_why(const struct view_review_session *s)
{
	const struct lesson_quiz *q;

	if (s->phase != VIEW_REVIEW_VERDICT || s->verdict || s->chosen < 0)
		return NULL;
	q = s->plan->items[s->i].quiz;
	if (q == NULL || q->why == NULL || (size_t)s->chosen >= q->nchoices)
		return NULL;
	return q->why[s->chosen];
}

/* See review.h. */
const char *
view_review_explain(const struct review_item *it)
{
	if (it->quiz != NULL)
		return it->quiz->explain;
	return it->explain;
}

/* Wrap text with w: a line break is a space, an empty line starts a new
 * paragraph; every line after the first lines up under the first line's
 * text. */
static void
wrap_lines(struct doc_page *page, const char *text, struct doc_wrap *w)
{
	const char *marker = w->marker;
	int marker_indent = w->marker_indent;
	const char *para = text;

	for (;;) {
		const char *end = strstr(para, "\n\n");
		size_t len = end != NULL ? (size_t)(end - para) : strlen(para);

		doc_wrap(page, para, len, w);
		w->marker = "";		/* later lines line up under the first */
		w->marker_indent = w->indent;
		if (end == NULL)
			break;
		para = end + strspn(end, "\n");
		if (*para == '\0')
			break;
		doc_page_line(page, 0);	/* between paragraphs */
	}
	w->marker = marker;
	w->marker_indent = marker_indent;
}

/* An empty line. */
static void
blank(struct doc_page *page)
{
	doc_page_line(page, 0);
}

/* See review.h. */
struct doc_page *
view_review_page(const struct view_review_session *s, int width, int ascii,
    size_t *verdict_line)
{
	struct doc_page *page = doc_page_create(width > 1 ? width : 1, 1);
	const struct review_plan *plan = s->plan;
	const struct review_item *it;
	struct doc_wrap w = { .width = page->width, .ascii = ascii };
	char head[128], answer[512];
	char *text;
	const char *why, *explain;

	*verdict_line = 0;
	if (s->phase == VIEW_REVIEW_DONE) {
		w.style = DOC_HEADING;
		text = xasprintf("Review done: %zu of %zu right.", s->right,
		    s->asked);
		*verdict_line = page->nlines;
		doc_wrap(page, text, strlen(text), &w);
		free(text);
		blank(page);
		w.style = DOC_PLAIN;
		text = s->asked < plan->n ? xasprintf("Stopped after %zu of %zu "
		    "questions. The answers are kept in your progress; the "
		    "ones missed come back first next time.", s->asked, plan->n)
		    : xasprintf("The answers are kept in your progress; the "
		    "ones missed come back first next time.");
		doc_wrap(page, text, strlen(text), &w);
		free(text);
		return page;
	}
	it = &plan->items[s->i];
	snprintf(head, sizeof head, "Review %zu of %zu", s->i + 1, plan->n);
	w.style = DOC_HEADING;
	text = xasprintf("%s: %s", head, it->where);
	doc_wrap(page, text, strlen(text), &w);
	free(text);
	blank(page);
	w.style = DOC_QUIZ;
	wrap_lines(page, it->question, &w);
	if (it->quiz != NULL && it->quiz->choices != NULL)
		for (size_t c = 0; c < it->quiz->nchoices; c++) {
			char marker[8];

			snprintf(marker, sizeof marker, "%c) ", (char)('a' + c));
			w = (struct doc_wrap){
				.width = page->width, .ascii = ascii,
				.marker = marker, .marker_style = DOC_CHOICE,
				.marker_indent = 2, .indent = 5,
				.style = DOC_CHOICE,
			};
			/* the right answer and the reader's told in words
			 * too, to read without colour and in ASCII */
			if (s->phase == VIEW_REVIEW_VERDICT &&
			    (c == it->quiz->answer || (long)c == s->chosen)) {
				w.marker_style = c == it->quiz->answer ?
				    DOC_ANSWER : DOC_WRONG;
				w.style = w.marker_style;
				text = xasprintf("%s%s%s", it->quiz->choices[c],
				    ascii ? " <- " : " \xE2\x86\x90 ",
				    c == it->quiz->answer ? "right" :
				    "your answer");
			} else {
				text = xstrdup(it->quiz->choices[c]);
			}
			wrap_lines(page, text, &w);
			free(text);
		}
	w = (struct doc_wrap){ .width = page->width, .ascii = ascii };
	if (s->phase == VIEW_REVIEW_ASKING) {
		static const char how[] = "Answer with a number, such as 1408, "
		    "1/8, 0.8^10 or 2e-3.";

		blank(page);
		if (s->msg[0] != '\0') {
			w.style = DOC_WRONG;
			doc_wrap(page, s->msg, strlen(s->msg), &w);
		} else if (it->quiz == NULL || it->quiz->choices == NULL) {
			w.style = DOC_TRY;
			doc_wrap(page, how, sizeof how - 1, &w);
		}
		return page;
	}
	blank(page);
	*verdict_line = page->nlines;
	view_review_answer(it, answer, sizeof answer);
	if (s->verdict) {
		w.style = DOC_ANSWER;
		doc_wrap(page, "Right.", 6, &w);
	} else {
		w.marker = "Not quite. The answer is ";
		w.marker_style = DOC_WRONG;
		w.indent = 2;
		w.style = DOC_ANSWER;
		wrap_lines(page, answer, &w);
		w.marker = NULL;
		w.indent = 0;
	}
	why = view_review_why(s);
	if (why != NULL) {
		w.style = DOC_WRONG;
		w.marker = "You chose: ";
		w.marker_style = DOC_WRONG;
		w.indent = 2;
		wrap_lines(page, why, &w);
		w.marker = NULL;
		w.indent = 0;
	}
	explain = view_review_explain(it);
	if (explain != NULL) {
		w.style = DOC_PLAIN;
		wrap_lines(page, explain, &w);
	}
	return page;
}
