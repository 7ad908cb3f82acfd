/* Tests of results computed once and runs in steps: src/sim/cache.c,
 * src/sim/job.c and what the layout does with them (run modes, budgets,
 * blocks that wait). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "doc/layout.h"
#include "doc/simblock.h"
#include "lesson/course.h"
#include "lesson/lesson.h"
#include "sim/cache.h"
#include "sim/sim.h"
#include "tests.h"

/* Arguments of the simulation called name with NAME=VALUE words. */
static void
args_of(struct sim_args *args, const char *name, const char *const *kv)
{
	struct diag_list d;

	diag_list_init(&d);
	sim_args_init(args, sim_find(name));
	for (; kv != NULL && *kv != NULL; kv++)
		CU_ASSERT_EQUAL(sim_args_set_kv(args, *kv, &d), SIM_OK);
	diag_list_free(&d);
}

/* Two results hold the same series, scalars and tables, bit for bit. */
static int
same_result(const struct sim_result *a, const struct sim_result *b)
{
	if (a->nseries != b->nseries || a->nscalars != b->nscalars ||
	    a->ntables != b->ntables || strcmp(a->step_name, b->step_name) != 0)
		return 0;
	for (size_t i = 0; i < a->nseries; i++)
		if (strcmp(a->series[i].name, b->series[i].name) != 0 ||
		    a->series[i].n != b->series[i].n ||
		    memcmp(a->series[i].v, b->series[i].v,
		    a->series[i].n * sizeof(double)) != 0)
			return 0;
	for (size_t i = 0; i < a->nscalars; i++)
		if (strcmp(a->scalars[i].name, b->scalars[i].name) != 0 ||
		    memcmp(&a->scalars[i].value, &b->scalars[i].value,
		    sizeof(double)) != 0)
			return 0;
	return 1;
}

/* The same arguments run once: the second lookup is a hit and gives the
 * very result the first run kept; other arguments run again. */
static void
test_job_cache_runs_once(void)
{
	const char *const a[] = { "scale=0.8", "steps=30", NULL };
	const char *const b[] = { "scale=0.8", "steps=31", NULL };
	struct sim_cache *cache = sim_cache_create();
	struct sim_cache_stats st;
	struct sim_args x, y;
	const struct sim_result *r1, *r2, *r3;
	struct diag_list d;

	diag_list_init(&d);
	args_of(&x, "linear-bptt", a);
	args_of(&y, "linear-bptt", b);
	CU_ASSERT_EQUAL(sim_cache_run(cache, &x, &r1, &d), SIM_OK);
	CU_ASSERT_EQUAL(sim_cache_run(cache, &x, &r2, &d), SIM_OK);
	CU_ASSERT_PTR_EQUAL(r1, r2);
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, 1);
	CU_ASSERT_EQUAL(st.hits, 1);
	CU_ASSERT_EQUAL(sim_cache_run(cache, &y, &r3, &d), SIM_OK);
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, 2);
	CU_ASSERT_EQUAL(st.entries, 2);
	CU_ASSERT_EQUAL(sim_result_series(r3, "norm")->n, 32);
	sim_cache_clear(cache);
	CU_ASSERT_EQUAL(sim_cache_get(cache, &x, &r1, &d), 0);
	sim_args_free(&x);
	sim_args_free(&y);
	sim_cache_destroy(cache);
	diag_list_free(&d);
}

/* A failed run is kept with its message: asking again gives the message
 * without running again. */
static void
test_job_cache_keeps_failures(void)
{
	const char *const kv[] = { "data=/nonexistent/reviews.tsv", "epochs=0",
	    NULL };
	struct sim_cache *cache = sim_cache_create();
	struct sim_cache_stats st;
	struct sim_args args;
	const struct sim_result *r;
	struct diag_list d1, d2;

	diag_list_init(&d1);
	diag_list_init(&d2);
	args_of(&args, "sentiment", kv);
	CU_ASSERT_EQUAL(sim_cache_run(cache, &args, &r, &d1), SIM_ERUN);
	CU_ASSERT_PTR_NULL(r);
	CU_ASSERT_EQUAL(sim_cache_run(cache, &args, &r, &d2), SIM_ERUN);
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, 1);
	CU_ASSERT_TRUE_FATAL(d1.n > 0 && d2.n == d1.n);
	CU_ASSERT_STRING_EQUAL(d2.v[0].msg, d1.v[0].msg);
	sim_args_free(&args);
	sim_cache_destroy(cache);
	diag_list_free(&d1);
	diag_list_free(&d2);
}

/* Past SIM_CACHE_ENTRIES the least recently used result goes, and one
 * that was just read stays. */
static void
test_job_cache_evicts_least_recent(void)
{
	struct sim_cache *cache = sim_cache_create();
	struct sim_cache_stats st;
	struct sim_args args;
	const struct sim_result *r;
	struct diag_list d;
	char kv[32], first[32];

	diag_list_init(&d);
	args_of(&args, "matrix-power", NULL);
	for (int i = 0; i <= SIM_CACHE_ENTRIES; i++) {
		struct sim_result res;

		snprintf(kv, sizeof kv, "scale=%g", i / 100.0);
		CU_ASSERT_EQUAL(sim_args_set_kv(&args, kv, &d), SIM_OK);
		if (i == SIM_CACHE_ENTRIES) {	/* read scale=0 again first */
			CU_ASSERT_EQUAL(sim_args_set_kv(&args, "scale=0", &d),
			    SIM_OK);
			CU_ASSERT_EQUAL(sim_cache_get(cache, &args, &r, &d), 1);
			CU_ASSERT_EQUAL(sim_args_set_kv(&args, kv, &d), SIM_OK);
		}
		sim_result_init(&res);
		CU_ASSERT_EQUAL(sim_run(&res, &args, &d), SIM_OK);
		sim_cache_put(cache, &args, &res);
		CU_ASSERT_EQUAL(res.nseries, 0);	/* taken */
	}
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.entries, SIM_CACHE_ENTRIES);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, "scale=0", &d), SIM_OK);
	CU_ASSERT_EQUAL(sim_cache_get(cache, &args, &r, &d), 1);
	snprintf(first, sizeof first, "scale=%g", 1 / 100.0);
	CU_ASSERT_EQUAL(sim_args_set_kv(&args, first, &d), SIM_OK);
	CU_ASSERT_EQUAL(sim_cache_get(cache, &args, &r, &d), 0);
	sim_args_free(&args);
	sim_cache_destroy(cache);
	diag_list_free(&d);
}

/* Run args to the end one unit a step; *steps gets how many it took. */
static int
run_in_units(struct sim_result *res, const struct sim_args *args,
    size_t *steps)
{
	struct sim_job *job;
	struct sim_progress pg;
	struct diag_list d;
	double last = -1.0;
	int rc;

	diag_list_init(&d);
	*steps = 0;
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, args, NULL, &d), SIM_OK);
	do {
		rc = sim_job_step(job, 1, &d);
		(*steps)++;
		sim_job_progress(job, &pg);
		CU_ASSERT_TRUE(pg.fraction >= last && pg.fraction <= 1.0);
		last = pg.fraction;
	} while (rc == 1);
	CU_ASSERT_TRUE(pg.done);
	CU_ASSERT_EQUAL(pg.fraction, 1.0);
	sim_job_result(job, res);
	sim_job_destroy(job);
	diag_list_free(&d);
	return rc;
}

/* bptt-norms in many small steps gives the very numbers of one whole run,
 * with nothing to show before its networks are done; the largest network
 * takes many steps, so a view can stop it between them. */
static void
test_job_steps_give_the_same_bits(void)
{
	const char *const kv[] = { "hidden=256", "steps=300", "sweep=on",
	    "rho=1.1", "clip=2", NULL };
	struct sim_args args;
	struct sim_result whole, stepped, early;
	struct sim_job *job;
	struct diag_list d;
	size_t steps;

	diag_list_init(&d);
	args_of(&args, "bptt-norms", kv);
	sim_result_init(&whole);
	sim_result_init(&stepped);
	sim_result_init(&early);
	CU_ASSERT_EQUAL(sim_run(&whole, &args, &d), SIM_OK);
	CU_ASSERT_EQUAL(run_in_units(&stepped, &args, &steps), 0);
	CU_ASSERT_TRUE(same_result(&whole, &stepped));
	CU_ASSERT_EQUAL(whole.nseries, 7);
	CU_ASSERT_TRUE(steps > 6 * 2 * 10);	/* 16 time steps a unit */
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &d), SIM_OK);
	CU_ASSERT_EQUAL(sim_job_step(job, 5, &d), 1);
	sim_job_result(job, &early);
	CU_ASSERT_EQUAL(early.nseries, 0);
	sim_job_destroy(job);	/* cancelled half way: nothing leaks */
	sim_result_free(&whole);
	sim_result_free(&stepped);
	sim_result_free(&early);
	sim_args_free(&args);
	diag_list_free(&d);
}

/* A simulation without steps of its own runs whole in its first step,
 * and has no model to give or to start from. */
static void
test_job_whole_run_in_one_step(void)
{
	struct sim_args args;
	struct sim_result whole, stepped;
	struct sim_job *job;
	struct diag_list d;
	size_t steps;

	diag_list_init(&d);
	args_of(&args, "lstm-vs-rnn", NULL);
	sim_result_init(&whole);
	sim_result_init(&stepped);
	CU_ASSERT_EQUAL(sim_run(&whole, &args, &d), SIM_OK);
	CU_ASSERT_EQUAL(run_in_units(&stepped, &args, &steps), 0);
	CU_ASSERT_EQUAL(steps, 1);
	CU_ASSERT_TRUE(same_result(&whole, &stepped));
	CU_ASSERT_FALSE(sim_has_model(args.spec));
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &d), SIM_OK);
	CU_ASSERT_PTR_NULL(sim_job_model(job));
	sim_job_destroy(job);
	CU_ASSERT_EQUAL(sim_job_create(&job, &args, "/tmp/model.bin", &d),
	    SIM_EUNKNOWN);
	CU_ASSERT_PTR_NULL(job);
	sim_result_free(&whole);
	sim_result_free(&stepped);
	sim_args_free(&args);
	diag_list_free(&d);
}

/* A training run leaves a model that answers about a sentence: a heading
 * note with P(positive), a per-word series on [0, 1] and the words. */
static void
test_job_model_answers(void)
{
	const char *const kv[] = { "epochs=1", "hidden=8", "embed=8", NULL };
	struct sim_args args;
	struct sim_job *job;
	struct sim_model *model;
	struct sim_result ans;
	const struct sim_series *s;
	struct diag_list d;
	const char *text = "The soup was not bad at all";

	diag_list_init(&d);
	args_of(&args, "sentiment", kv);
	CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_TRAINS);
	CU_ASSERT_TRUE(sim_has_model(args.spec));
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &d), SIM_OK);
	while (sim_job_step(job, 8, &d) == 1)
		;
	model = sim_job_model(job);
	sim_job_destroy(job);	/* the model is a copy: it outlives the run */
	CU_ASSERT_PTR_NOT_NULL_FATAL(model);
	CU_ASSERT_STRING_EQUAL(sim_model_noun(model), "sentence");
	sim_result_init(&ans);
	sim_model_ask(&ans, model, text, strlen(text));
	CU_ASSERT_TRUE_FATAL(ans.nnotes >= 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(ans.notes[0], "P(positive) = "));
	s = sim_result_series(&ans, "P(pos)");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_EQUAL(s->n, 7);
	CU_ASSERT_TRUE(s->has_range && s->lo == 0.0 && s->hi == 1.0);
	/* the table of what happens inside: a row per word, the LSTM's
	 * gates and the saliency drawn as bars */
	CU_ASSERT_EQUAL_FATAL(ans.ntables, 1);
	CU_ASSERT_STRING_EQUAL(ans.tables[0].name, "inside");
	CU_ASSERT_EQUAL_FATAL(ans.tables[0].ncols, 5);
	CU_ASSERT_EQUAL_FATAL(ans.tables[0].nrows, 7);
	CU_ASSERT_STRING_EQUAL(ans.tables[0].header[2], "forget");
	CU_ASSERT_STRING_EQUAL(ans.tables[0].header[4], "LSTM dz/dx");
	CU_ASSERT_TRUE(ans.tables[0].bar[4] && !ans.tables[0].bar[1]);
	CU_ASSERT_PTR_NOT_NULL(strstr(ans.tables[0].cells[1 * 5], "soup"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ans.notes[1], "||dz/dx_t||"));
	CU_ASSERT_DOUBLE_EQUAL(sim_result_scalar(&ans, "p")->value,
	    s->v[6], 1e-12);
	sim_result_free(&ans);
	/* no words: no verdict, no table, a note that says so */
	sim_result_init(&ans);
	sim_model_ask(&ans, model, "!!! ???", 7);
	CU_ASSERT_EQUAL(ans.nnotes, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(ans.notes[0], "has no words"));
	CU_ASSERT_PTR_NULL(sim_result_scalar(&ans, "p"));
	CU_ASSERT_EQUAL(ans.ntables, 0);
	CU_ASSERT_EQUAL(ans.nseries, 0);
	sim_result_free(&ans);
	/* a model beside it: its saliency in one more bar column */
	{
		struct sim_model *copy = sim_model_copy(model);

		CU_ASSERT_STRING_EQUAL(sim_model_kind(copy), "LSTM");
		CU_ASSERT_TRUE(sim_model_same_sim(copy, model));
		sim_result_init(&ans);
		sim_model_ask_beside(&ans, model, copy, text, strlen(text));
		CU_ASSERT_EQUAL_FATAL(ans.ntables, 1);
		CU_ASSERT_EQUAL_FATAL(ans.tables[0].ncols, 6);
		CU_ASSERT_TRUE(ans.tables[0].bar[5]);
		/* the same model beside itself: the same numbers */
		CU_ASSERT_STRING_EQUAL(ans.tables[0].cells[2 * 6 + 4],
		    ans.tables[0].cells[2 * 6 + 5]);
		sim_result_free(&ans);
		sim_model_destroy(copy);
	}
	sim_model_destroy(model);
	sim_args_free(&args);
	diag_list_free(&d);
}

/* What runs on sight is decided by a formula: every block of the built-in
 * course that does not train is fast, the largest settings are heavy, and
 * training is training whatever its size (lesson 4's sentiment blocks and
 * the adding blocks of lessons 2 and 3). */
static void
test_job_pace_of_the_course(void)
{
	const char *const big_bptt[] = { "hidden=256", "steps=2000", NULL };
	const char *const big_pair[] = { "hidden=256", "steps=1000", NULL };
	const char *const tiny_train[] = { "epochs=1", "hidden=1", "embed=1",
	    NULL };
	struct course_opts o = { .use_builtin = true };
	struct course *course;
	struct sim_args args;
	struct diag_list d;
	size_t fast = 0, trains = 0, adding = 0;

	diag_list_init(&d);
	course = course_load(&o, &d);
	for (size_t i = 0; i < course_count(course); i++) {
		const struct lesson *l = course_lesson(course, i);

		for (size_t k = 0; k < l->nblocks; k++) {
			if (l->blocks[k].kind != LESSON_SIM)
				continue;
			CU_ASSERT_EQUAL_FATAL(doc_sim_args(&args, l, &l->blocks[k],
			    &d), 0);
			switch (sim_pace(&args)) {
			case SIM_PACE_FAST:
				fast++;
				break;
			case SIM_PACE_TRAINS:
				if (strcmp(args.spec->name, "adding") == 0) {
					adding++;
					break;
				}
				trains++;
				CU_ASSERT_STRING_EQUAL(args.spec->name, "sentiment");
				break;
			case SIM_PACE_HEAVY:
				CU_FAIL("a block of the course is heavy");
				break;
			}
			sim_args_free(&args);
		}
	}
	CU_ASSERT_TRUE(fast >= 15);
	CU_ASSERT_EQUAL(trains, 4);	/* lesson 4: training, LSTM, GRU, RNN */
	CU_ASSERT_EQUAL(adding, 6);	/* lessons 2 and 3 */
	args_of(&args, "bptt-norms", big_bptt);
	CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_HEAVY);
	sim_args_free(&args);
	args_of(&args, "lstm-vs-rnn", big_pair);
	CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_HEAVY);
	sim_args_free(&args);
	args_of(&args, "sentiment", tiny_train);
	CU_ASSERT_EQUAL(sim_pace(&args), SIM_PACE_TRAINS);
	sim_args_free(&args);
	course_destroy(course);
	diag_list_free(&d);
}

/* A lesson of blocks given as YAML lines under "blocks:". */
static struct lesson *
lesson_with(const char *blocks)
{
	struct strbuf sb;
	struct diag_list d;
	struct lesson *l = NULL;

	strbuf_init(&sb);
	strbuf_addf(&sb, "id: t\nnumber: 1\ntitle: T\ngoal: G\nblocks:\n%s",
	    blocks);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(lesson_load_buffer(&l, "t.yaml", sb.s, sb.len, &d), 0);
	diag_list_free(&d);
	strbuf_free(&sb);
	return l;
}

/* Does some line of the page contain text? */
static int
page_has(const struct doc_page *p, const char *text)
{
	struct strbuf sb;
	int found = 0;

	strbuf_init(&sb);
	for (size_t i = 0; i < p->nlines && !found; i++) {
		doc_line_text(&p->lines[i], &sb);
		found = sb.s != NULL && strstr(sb.s, text) != NULL;
	}
	strbuf_free(&sb);
	return found;
}

#define THREE_BLOCKS \
	"  - sim: linear-bptt\n" \
	"    params: {scale: 0.5, steps: 40}\n" \
	"    output: 'last {last:.3g}'\n" \
	"  - sim: bptt-norms\n" \
	"    params: {hidden: 256, steps: 2000}\n" \
	"    output: 'ratio {ratio:.3g}'\n" \
	"  - sim: sentiment\n" \
	"    params: {epochs: 2, hidden: 8, embed: 8}\n" \
	"    output: 'acc {test_acc:.3f}'\n"

/* A view lays out fast blocks at once; the heavy one says it is being
 * computed and the one that trains asks for Enter, both marked as waiting
 * on the page; with run=none nothing runs at all. */
static void
test_job_layout_waits_by_pace(void)
{
	struct lesson *l = lesson_with(THREE_BLOCKS);
	struct sim_cache *cache = sim_cache_create();
	struct sim_cache_stats st;
	struct doc_opts o = {
		.width = 80, .focus = -1, .run = DOC_RUN_FAST, .cache = cache,
	};
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = doc_layout(l, &o);
	CU_ASSERT_TRUE(page_has(p, "last 2.57e-12"));	/* 0.5^40 * sqrt(8) */
	CU_ASSERT_TRUE(page_has(p, "Computing..."));
	CU_ASSERT_TRUE(page_has(p, "trains a network: Tab to it"));
	CU_ASSERT_FALSE(page_has(p, "ratio "));
	CU_ASSERT_FALSE(page_has(p, "acc "));
	CU_ASSERT_EQUAL(p->blocks[0].wait, DOC_WAIT_NONE);
	CU_ASSERT_EQUAL(p->blocks[1].wait, DOC_WAIT_HEAVY);
	CU_ASSERT_EQUAL(p->blocks[2].wait, DOC_WAIT_TRAINS);
	doc_page_destroy(p);
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, 1);
	sim_cache_clear(cache);
	o.run = DOC_RUN_NONE;
	p = doc_layout(l, &o);
	CU_ASSERT_FALSE(page_has(p, "last "));
	CU_ASSERT_EQUAL(p->blocks[0].wait, DOC_WAIT_HEAVY);
	doc_page_destroy(p);
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, 1);
	sim_cache_destroy(cache);
	lesson_destroy(l);
}

/* --print's budget: slow blocks run while their estimated seconds fit,
 * the rest say how to run them, and the budget goes down by what ran. */
static void
test_job_layout_budget(void)
{
	struct lesson *l = lesson_with(THREE_BLOCKS);
	double budget = 0.1;
	struct doc_opts o = {
		.width = 200, .focus = -1, .run = DOC_RUN_ALL, .budget = &budget,
	};
	struct doc_page *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = doc_layout(l, &o);
	CU_ASSERT_TRUE(page_has(p, "last 2.57e-12"));
	CU_ASSERT_TRUE(page_has(p, "Not run here: it takes about 1 s"));
	CU_ASSERT_TRUE(page_has(p,
	    "rnntutor sim bptt-norms hidden=256 steps=2000"));
	CU_ASSERT_EQUAL(p->blocks[1].wait, DOC_WAIT_BUDGET);
	CU_ASSERT_TRUE(page_has(p, "acc "));	/* a tiny training fits */
	CU_ASSERT_EQUAL(p->blocks[2].wait, DOC_WAIT_NONE);
	CU_ASSERT_TRUE(budget < 0.1 && budget > 0.0);
	doc_page_destroy(p);
	lesson_destroy(l);
}

/* Lesson 4 laid out again and again as a reader moves (focus, knob
 * selection, a quiz answer) runs nothing after the first layout. */
static void
test_job_relayout_runs_nothing(void)
{
	struct course_opts co = { .use_builtin = true };
	struct diag_list d;
	struct course *course;
	const struct lesson *l;
	struct sim_cache *cache = sim_cache_create();
	struct sim_cache_stats st;
	struct doc_block_state *states;
	struct doc_opts o = {
		.width = 80, .focus = -1, .run = DOC_RUN_FAST, .cache = cache,
	};
	size_t runs;

	diag_list_init(&d);
	course = course_load(&co, &d);
	l = course_lesson(course, (size_t)course_find(course, "sentiment"));
	states = calloc(l->nblocks + 1, sizeof *states);
	o.state = states;
	doc_page_destroy(doc_layout(l, &o));
	sim_cache_stats(cache, &st);
	runs = st.runs;
	CU_ASSERT_TRUE(runs >= 1);
	for (size_t k = 0; k < l->nblocks; k++) {
		o.focus = (long)k;
		states[k].knob = 1;
		if (l->blocks[k].kind == LESSON_QUIZ)
			states[k].quiz.answered = 1;
		doc_page_destroy(doc_layout(l, &o));
	}
	sim_cache_stats(cache, &st);
	CU_ASSERT_EQUAL(st.runs, runs);
	free(states);
	sim_cache_destroy(cache);
	course_destroy(course);
	diag_list_free(&d);
}

/* A run that diverges ends as a result, not a failure: its progress says
 * why it ended, and the page draws its curves and that line. */
static void
test_job_divergence_is_shown(void)
{
	const char *const kv[] = { "model=rnn", "steps=10", "updates=40",
	    "init=orthogonal", "rho=1.5", "optimizer=sgd", "lr=0.2", "clip=0",
	    NULL };
	struct lesson *l = lesson_with(
	    "  - sim: adding\n"
	    "    params: {model: rnn, steps: 10, updates: 40, init: orthogonal,\n"
	    "      rho: 1.5, optimizer: sgd, lr: 0.2, clip: 0}\n"
	    "    charts:\n"
	    "      - series: grad_norm\n"
	    "        scale: log\n");
	struct doc_opts o = { .width = 80, .focus = -1 };
	struct sim_args args;
	struct sim_job *job;
	struct sim_progress pg;
	struct diag_list d;
	struct doc_page *p;

	diag_list_init(&d);
	args_of(&args, "adding", kv);
	CU_ASSERT_EQUAL_FATAL(sim_job_create(&job, &args, NULL, &d), SIM_OK);
	while (sim_job_step(job, 1000, &d) == 1)
		;
	sim_job_progress(job, &pg);
	CU_ASSERT_TRUE(pg.done);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pg.ended);
	CU_ASSERT_PTR_NOT_NULL(strstr(pg.ended, "diverged at update 26"));
	sim_job_destroy(job);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	p = doc_layout(l, &o);
	CU_ASSERT_TRUE(page_has(p, "> Stopped: diverged at update 26: "));
	CU_ASSERT_TRUE(page_has(p, "grad_norm"));
	doc_page_destroy(p);
	lesson_destroy(l);
	sim_args_free(&args);
	diag_list_free(&d);
}

void
test_job_register(void)
{
	CU_pSuite s = CU_add_suite("results once, runs in steps", NULL, NULL);

	CU_add_test(s, "cache runs once", test_job_cache_runs_once);
	CU_add_test(s, "cache keeps failures", test_job_cache_keeps_failures);
	CU_add_test(s, "cache evicts least recent",
	    test_job_cache_evicts_least_recent);
	CU_add_test(s, "steps give the same bits",
	    test_job_steps_give_the_same_bits);
	CU_add_test(s, "whole run in one step", test_job_whole_run_in_one_step);
	CU_add_test(s, "model answers", test_job_model_answers);
	CU_add_test(s, "pace of the course", test_job_pace_of_the_course);
	CU_add_test(s, "layout waits by pace", test_job_layout_waits_by_pace);
	CU_add_test(s, "layout budget", test_job_layout_budget);
	CU_add_test(s, "relayout runs nothing", test_job_relayout_runs_nothing);
	CU_add_test(s, "divergence is shown", test_job_divergence_is_shown);
}
