/* The course itself: every built-in lesson meets the course's rules (a goal,
 * 5 to 9 sections, at least two live simulations with knobs, charts and a
 * "try this" prompt, at least three quizzes with explanations, multiple
 * choice and numeric among them, a summary), fits 80 columns, and passes
 * the lint that runs its simulations. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/check.h"
#include "doc/layout.h"
#include "lesson/course.h"
#include "tests.h"

static struct course *course;

/* Load the built-in course once. */
static int
course_setup(void)
{
	struct course_opts o = {NULL, 0, false, false, true};
	struct diag_list d;

	diag_list_init(&d);
	course = course_load(&o, &d);
	diag_list_free(&d);
	return course == NULL;
}

static int
course_teardown(void)
{
	course_destroy(course);
	return 0;
}

/* The four lessons, in order, with their titles. */
static void
test_course_has_the_four_lessons(void)
{
	static const char *const titles[] = {
		"Vanilla RNNs: Hidden State and Sequence Unrolling",
		"The Vanishing Gradient Problem in Deep Time Steps",
		"LSTM Cell: Input, Forget, and Output Gates",
		"Sequence-to-One: Sentiment Analysis with an LSTM",
	};

	CU_ASSERT_EQUAL_FATAL(course_count(course), 4);
	for (size_t i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(course_lesson(course, i)->number, (int)i + 1);
		CU_ASSERT_STRING_EQUAL(course_lesson(course, i)->title, titles[i]);
	}
}

/* Counts the issue asks of every lesson. */
static void
test_course_lessons_have_sims_charts_quizzes(void)
{
	for (size_t i = 0; i < course_count(course); i++) {
		const struct lesson *l = course_lesson(course, i);
		size_t sections = 0, live = 0, choice = 0, numeric = 0;
		int summary = 0;

		CU_ASSERT_TRUE(strlen(l->goal) > 40);
		for (size_t b = 0; b < l->nblocks; b++) {
			const struct lesson_block *k = &l->blocks[b];

			if (k->kind == LESSON_HEADING && k->level == 1) {
				sections++;
				summary = strcasestr(k->text, "summary") != NULL;
			}
			if (k->kind == LESSON_SIM && k->sim.nknobs > 0 &&
			    k->sim.ncharts > 0 && k->sim.try_text != NULL)
				live++;
			if (k->kind == LESSON_QUIZ && k->quiz.explain != NULL) {
				if (k->quiz.choices != NULL)
					choice++;
				else
					numeric++;
			}
		}
		if (sections < 5 || sections > 9 || live < 2 || choice < 1 ||
		    numeric < 1 || choice + numeric < 3 || !summary)
			fprintf(stderr, "\nlesson %s: %zu sections, %zu live sims, "
			    "%zu + %zu quizzes, summary last: %d\n", l->id,
			    sections, live, choice, numeric, summary);
		CU_ASSERT_TRUE(sections >= 5 && sections <= 9);
		CU_ASSERT_TRUE(live >= 2);
		CU_ASSERT_TRUE(choice >= 1 && numeric >= 1 &&
		    choice + numeric >= 3);
		CU_ASSERT_TRUE(summary);	/* the last section is the summary */
	}
}

/* No line of any lesson is wider than 80 columns, in UTF-8 or ASCII. */
static void
test_course_fits_80_columns(void)
{
	struct sim_cache *cache = sim_cache_create();

	for (size_t i = 0; i < course_count(course); i++)
		for (int ascii = 0; ascii < 2; ascii++) {
			struct doc_opts o = {
				.width = 80,
				.ascii = ascii,
				.reveal = 1,
				.focus = -1,
				.cache = cache,	/* every simulation runs once */
			};
			struct doc_page *p = doc_layout(course_lesson(course, i), &o);
			size_t errors = 0;

			for (size_t k = 0; k < p->nlines; k++) {
				errors += p->lines[k].width > 80;
				for (size_t s = 0; s < p->lines[k].nspans; s++)
					errors += p->lines[k].spans[s].style ==
					    DOC_ERROR || p->lines[k].spans[s].style ==
					    DOC_MARK;	/* no code line wraps */
			}
			CU_ASSERT_EQUAL(errors, 0);
			doc_page_destroy(p);
		}
	sim_cache_destroy(cache);
}

/* The lint runs every simulation with the lesson's values: no error and
 * no warning. */
static void
test_course_passes_the_lint(void)
{
	for (size_t i = 0; i < course_count(course); i++) {
		struct diag_list d;

		diag_list_init(&d);
		cli_check_lesson(course_lesson(course, i), NULL, &d);
		for (size_t k = 0; k < d.n; k++)
			fprintf(stderr, "\n%s:%d:%d: %s\n", d.v[k].file, d.v[k].line,
			    d.v[k].col, d.v[k].msg);
		CU_ASSERT_EQUAL(d.n, 0);
		diag_list_free(&d);
	}
}

/* The directories watch mode watches are those course_load() reads a
 * reader's lessons from, in its order: -L, each $RNNTUTOR_PATH entry (the
 * empty ones skipped), the XDG lesson directory; the environment only when
 * the course uses it. */
static void
test_course_dirs_follow_the_course(void)
{
	static const char *const l_dirs[] = {"/l/one", "/l/two"};
	struct course_opts o = { .dirs = l_dirs, .ndirs = 2, .use_env = true };
	char *old_path = getenv("RNNTUTOR_PATH"), *old_xdg =
	    getenv("XDG_DATA_HOME");
	char *keep_path = old_path != NULL ? strdup(old_path) : NULL;
	char *keep_xdg = old_xdg != NULL ? strdup(old_xdg) : NULL;
	char **dirs;
	size_t n;

	setenv("RNNTUTOR_PATH", "/p/a::/p/b:", 1);
	setenv("XDG_DATA_HOME", "/x", 1);
	n = course_dirs(&o, &dirs);
	CU_ASSERT_EQUAL_FATAL(n, 5);
	CU_ASSERT_STRING_EQUAL(dirs[0], "/l/one");
	CU_ASSERT_STRING_EQUAL(dirs[1], "/l/two");
	CU_ASSERT_STRING_EQUAL(dirs[2], "/p/a");
	CU_ASSERT_STRING_EQUAL(dirs[3], "/p/b");
	CU_ASSERT_STRING_EQUAL(dirs[4], "/x/rnntutor/lessons");
	course_dirs_free(dirs, n);
	o.use_env = false;
	n = course_dirs(&o, &dirs);
	CU_ASSERT_EQUAL(n, 2);
	course_dirs_free(dirs, n);
	o.ndirs = 0;
	CU_ASSERT_EQUAL(course_dirs(&o, &dirs), 0);
	CU_ASSERT_PTR_NULL(dirs);
	if (keep_path != NULL)
		setenv("RNNTUTOR_PATH", keep_path, 1);
	else
		unsetenv("RNNTUTOR_PATH");
	if (keep_xdg != NULL)
		setenv("XDG_DATA_HOME", keep_xdg, 1);
	else
		unsetenv("XDG_DATA_HOME");
	free(keep_path);
	free(keep_xdg);
}

void
test_course_register(void)
{
	CU_pSuite s = CU_add_suite("course", course_setup, course_teardown);

	CU_add_test(s, "has the four lessons", test_course_has_the_four_lessons);
	CU_add_test(s, "lessons have sims charts quizzes", test_course_lessons_have_sims_charts_quizzes);
	CU_add_test(s, "fits 80 columns", test_course_fits_80_columns);
	CU_add_test(s, "passes the lint", test_course_passes_the_lint);
	CU_add_test(s, "dirs follow the course",
	    test_course_dirs_follow_the_course);
}
