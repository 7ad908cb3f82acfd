/* Tests of src/progress: the progress file's round trip, corrupt files set
 * aside, and concurrent writers that never leave a broken file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "progress/progress.h"
#include "tests.h"

/* A fresh temporary directory for one test (static buffer). */
static const char *
temp_dir(void)
{
	static char dir[64];

	snprintf(dir, sizeof dir, "/tmp/rnntutor-progress.XXXXXX");
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	return dir;
}

/* Remove a test directory and what is in it. */
static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[600];

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		remove(path);
	}
	closedir(d);
	rmdir(dir);
}

/* Everything saved comes back as it was. */
static void
test_progress_round_trip(void)
{
	const char *dir = temp_dir();
	char path[256];
	struct progress p, q;
	struct progress_lesson *l;
	const struct progress_quiz *quiz;
	struct diag_list d;

	snprintf(path, sizeof path, "%s/state/rnntutor/progress", dir);
	progress_init(&p);
	diag_list_init(&d);
	l = progress_lesson(&p, "vanishing-gradients", true);
	l->block = 12;
	l->seen = 45;
	progress_quiz_answer(l, 5, false);
	progress_quiz_answer(l, 5, true);
	progress_quiz_answer(l, 9, false);
	l = progress_lesson(&p, "vanilla-rnn", true);
	l->finished = true;
	l->seen = 100;
	p.last = strdup("vanishing-gradients");
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);

	progress_init(&q);
	CU_ASSERT_EQUAL(progress_load(&q, path, &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_STRING_EQUAL(q.last, "vanishing-gradients");
	l = progress_lesson(&q, "vanishing-gradients", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->block, 12);
	CU_ASSERT_EQUAL(l->seen, 45);
	CU_ASSERT_FALSE(l->finished);
	quiz = progress_quiz_find(l, 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(quiz);
	CU_ASSERT_TRUE(quiz->right);
	CU_ASSERT_EQUAL(quiz->attempts, 2);
	CU_ASSERT_FALSE(progress_quiz_find(l, 9)->right);
	CU_ASSERT_TRUE(progress_lesson(&q, "vanilla-rnn", false)->finished);
	progress_free(&p);
	progress_free(&q);
	diag_list_free(&d);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	CU_ASSERT_EQUAL(system(path), 0);
}

/* A file that does not parse is renamed aside with a warning, not lost. */
static void
test_progress_corrupt_file_set_aside(void)
{
	const char *dir = temp_dir();
	char path[256], aside[600];
	struct progress p;
	struct diag_list d;
	FILE *f;
	DIR *dd;
	struct dirent *e;
	int found = 0;

	snprintf(path, sizeof path, "%s/progress", dir);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("version 1\nlesson x\n  block banana\n", f);
	fclose(f);
	progress_init(&p);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(progress_load(&p, path, &d), 0);
	CU_ASSERT_EQUAL(p.n, 0);
	CU_ASSERT_TRUE(d.n >= 2);
	CU_ASSERT_EQUAL(d.v[0].line, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[d.n - 1].msg, "it was kept as"));
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	dd = opendir(dir);
	while ((e = readdir(dd)) != NULL)
		if (strncmp(e->d_name, "progress.corrupt-", 17) == 0) {
			snprintf(aside, sizeof aside, "%s/%s", dir, e->d_name);
			found = 1;
		}
	closedir(dd);
	CU_ASSERT_TRUE_FATAL(found);
	f = fopen(aside, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_PTR_NOT_NULL(fgets(path, sizeof path, f));
	CU_ASSERT_STRING_EQUAL(path, "version 1\n");	/* kept as it was */
	fclose(f);
	progress_free(&p);
	diag_list_free(&d);
	remove_dir(dir);
}

/* Random bytes, a truncated file, and a directory in the file's place. */
static void
test_progress_hostile_files(void)
{
	static const char garbage[] = "\x89PNG\r\n\x1a\n\x00\x01binary";
	const char *dir = temp_dir();
	char path[256];
	struct progress p;
	struct diag_list d;

	progress_init(&p);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(progress_parse(&p, "g", garbage, sizeof garbage - 1, &d),
	    -1);
	CU_ASSERT_EQUAL(progress_parse(&p, "t", "version 1\nlesson a\n  quiz 3 ri",
	    30, &d), -1);
	CU_ASSERT_EQUAL(progress_parse(&p, "e", "", 0, &d), 0);
	CU_ASSERT_EQUAL(p.n, 0);
	snprintf(path, sizeof path, "%s/progress", dir);
	CU_ASSERT_EQUAL(mkdir(path, 0700), 0);
	diag_list_clear(&d);
	CU_ASSERT_EQUAL(progress_load(&p, path, &d), -1);
	CU_ASSERT_EQUAL(d.n, 1);
	progress_lesson(&p, "a", true)->seen = 10;
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), -1);	/* not over a dir */
	rmdir(path);
	progress_free(&p);
	diag_list_free(&d);
	remove_dir(dir);
}

/* Two processes saving different lessons 200 times each: the file always
 * parses, and in the end both lessons are in it. */
static void
test_progress_concurrent_writers(void)
{
	const char *dir = temp_dir();
	char path[256];
	pid_t kids[2];
	struct progress p;
	struct diag_list d;

	snprintf(path, sizeof path, "%s/progress", dir);
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		CU_ASSERT_TRUE_FATAL(kids[k] >= 0);
		if (kids[k] == 0) {
			struct progress mine;
			struct diag_list md;
			int bad = 0;

			progress_init(&mine);
			diag_list_init(&md);
			for (int i = 0; i < 200; i++) {
				struct progress_lesson *l = progress_lesson(&mine,
				    k == 0 ? "lesson-a" : "lesson-b", true);

				l->block = (size_t)i;
				l->dirty = true;
				if (progress_save(&mine, path, &md) < 0)
					bad = 1;
			}
			progress_free(&mine);
			diag_list_free(&md);
			_exit(bad);
		}
	}
	/* meanwhile, every read sees a whole file */
	diag_list_init(&d);
	for (int i = 0; i < 200; i++) {
		progress_init(&p);
		CU_ASSERT_EQUAL(progress_load(&p, path, &d), 0);
		progress_free(&p);
	}
	CU_ASSERT_EQUAL(d.n, 0);
	for (int k = 0; k < 2; k++) {
		int status;

		CU_ASSERT_EQUAL(waitpid(kids[k], &status, 0), kids[k]);
		CU_ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	progress_init(&p);
	CU_ASSERT_EQUAL(progress_load(&p, path, &d), 0);
	CU_ASSERT_PTR_NOT_NULL(progress_lesson(&p, "lesson-a", false));
	CU_ASSERT_PTR_NOT_NULL(progress_lesson(&p, "lesson-b", false));
	progress_free(&p);
	diag_list_free(&d);
	remove_dir(dir);
}

/* Resetting one lesson forgets it; resetting all forgets the last lesson. */
static void
test_progress_reset(void)
{
	struct progress p;
	char *text;

	progress_init(&p);
	progress_lesson(&p, "a", true)->seen = 30;
	progress_quiz_answer(progress_lesson(&p, "b", true), 2, true);
	p.last = strdup("b");
	progress_reset(&p, "b");
	text = progress_format(&p);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "lesson a\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "lesson b\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "last b"));
	free(text);
	progress_reset(&p, NULL);
	text = progress_format(&p);
	CU_ASSERT_PTR_NULL(strstr(text, "lesson a\n"));
	free(text);
	progress_free(&p);
}

void
test_progress_register(void)
{
	CU_pSuite s = CU_add_suite("progress", NULL, NULL);

	CU_add_test(s, "round trip", test_progress_round_trip);
	CU_add_test(s, "corrupt file set aside", test_progress_corrupt_file_set_aside);
	CU_add_test(s, "hostile files", test_progress_hostile_files);
	CU_add_test(s, "concurrent writers", test_progress_concurrent_writers);
	CU_add_test(s, "reset", test_progress_reset);
}
