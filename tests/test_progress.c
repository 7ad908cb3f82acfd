/* Tests of src/progress: the progress file's round trip, corrupt files set
 * aside, and concurrent writers that never leave a broken file. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "nn/rng.h"
#include "progress/progress.h"
#include "progress/progress_int.h"
#include "lesson/course.h"
#include "view/review.h"
#include "tests.h"

/* Would the versions before offsets, reveals, predictions and reviews
 * (which know only these lines, and read any line starting with '#' as a
 * comment) read every line of text? */
static bool
older_versions_read(const char *text)
{
	char *copy = xstrdup(text), *save = NULL;
	bool ok = true;

	for (char *line = strtok_r(copy, "\n", &save); line != NULL && ok;
	    line = strtok_r(NULL, "\n", &save)) {
		char *w[5], *s2 = NULL;
		int n = 0;

		if (line[strspn(line, " ")] == '#')
			continue;
		for (char *t = strtok_r(line, " ", &s2); t != NULL && n < 5;
		    t = strtok_r(NULL, " ", &s2))
			w[n++] = t;
		ok = (n == 2 && strcmp(w[0], "version") == 0) ||
		    ((n == 2 || n == 3) && strcmp(w[0], "last") == 0) ||
		    (n == 2 && strcmp(w[0], "lesson") == 0) ||
		    ((n == 2 || n == 3) && strcmp(w[0], "block") == 0) ||
		    (n == 2 && strcmp(w[0], "seen") == 0) ||
		    (n == 2 && strcmp(w[0], "finished") == 0) ||
		    (n == 4 && strcmp(w[0], "quiz") == 0);
	}
	free(copy);
	return ok;
}

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

/* rm -rf dir; 0 when it went. */
static int
rm_rf(const char *dir)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'",
	    dir, dir);
	return system(cmd);
}

/* How many names in dir start with prefix. */
static int
count_prefix(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			n++;
	closedir(d);
	return n;
}

/* Write text to path; 0 on success. */
static int
write_text(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (f == NULL)
		return -1;
	ok = fwrite(text, 1, len, f) == len;
	return fclose(f) == 0 && ok ? 0 : -1;
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

/* Random bytes, a truncated file, and a directory in the file's place
 * (left alone, never saved over). */
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
	p.locked = false;	/* and not when it appears after the load */
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), -1);
	CU_ASSERT_EQUAL(count_prefix(dir, "progress.corrupt-"), 0);
	CU_ASSERT_EQUAL(count_prefix(dir, ".progress"), 0);
	progress_free(&p);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* Two processes answering different quizzes of one lesson and saving 200
 * times each: every read sees a whole file, and in the end every answer
 * of both is there, each counted once. */
static void
test_progress_concurrent_writers(void)
{
	const char *dir = temp_dir();
	char path[256];
	pid_t kids[2];
	struct progress p;
	struct diag_list d;
	const struct progress_lesson *l;

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
				struct progress_lesson *own = progress_lesson(&mine,
				    k == 0 ? "lesson-a" : "lesson-b", true);

				progress_set_block(own, (size_t)i + 1);
				progress_quiz_answer(progress_lesson(&mine, "shared",
				    true), (size_t)(2 * i + k), true);
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
	CU_ASSERT_EQUAL(progress_lesson(&p, "lesson-a", false)->block, 200);
	CU_ASSERT_EQUAL(progress_lesson(&p, "lesson-b", false)->block, 200);
	l = progress_lesson(&p, "shared", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->nquizzes, 400);
	for (size_t i = 0; i < l->nquizzes; i++) {
		CU_ASSERT_EQUAL(l->quizzes[i].block, i);
		CU_ASSERT_TRUE(l->quizzes[i].right);
		CU_ASSERT_EQUAL(l->quizzes[i].attempts, 1);
	}
	progress_free(&p);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
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

/* A right answer stays right, whatever is answered after it. */
static void
test_progress_right_stays_right(void)
{
	struct progress p;
	struct progress_lesson *l;

	progress_init(&p);
	l = progress_lesson(&p, "a", true);
	progress_quiz_answer(l, 3, false);
	CU_ASSERT_FALSE(progress_quiz_find(l, 3)->right);
	progress_quiz_answer(l, 3, true);
	progress_quiz_answer(l, 3, false);
	CU_ASSERT_TRUE(progress_quiz_find(l, 3)->right);
	CU_ASSERT_EQUAL(progress_quiz_find(l, 3)->attempts, 3);
	progress_free(&p);
}

/* A second session that only looked at a lesson (its record created, the
 * place noted where it already was) writes nothing for it: the first
 * session's answer, position and "seen", saved meanwhile, survive. */
static void
test_progress_reader_erases_nothing(void)
{
	const char *dir = temp_dir();
	char path[256];
	struct progress a, b, end;
	struct progress_lesson *l;
	struct diag_list d;

	snprintf(path, sizeof path, "%s/progress", dir);
	CU_ASSERT_EQUAL(write_text(path, "version 1\nlesson one\n  block 2\n"
	    "  seen 10\n", 39), 0);
	progress_init(&a);
	progress_init(&b);
	progress_init(&end);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(progress_load(&a, path, &d), 0);
	CU_ASSERT_EQUAL(progress_load(&b, path, &d), 0);
	l = progress_lesson(&b, "one", true);	/* b shows lesson one */
	progress_set_block(l, 2);
	CU_ASSERT_FALSE(progress_lesson_changed(l));
	l = progress_lesson(&a, "one", true);	/* a works in it */
	progress_quiz_answer(l, 4, true);
	progress_set_block(l, 9);
	l->seen = 60;
	CU_ASSERT_EQUAL(progress_save(&a, path, &d), 0);
	CU_ASSERT_EQUAL(progress_save(&b, path, &d), 0);	/* b quits last */
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_EQUAL(progress_load(&end, path, &d), 0);
	l = progress_lesson(&end, "one", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_PTR_NOT_NULL_FATAL(progress_quiz_find(l, 4));
	CU_ASSERT_TRUE(progress_quiz_find(l, 4)->right);
	CU_ASSERT_EQUAL(l->block, 9);
	CU_ASSERT_EQUAL(l->seen, 60);
	/* b, after its save, holds what a saved */
	CU_ASSERT_EQUAL(progress_lesson(&b, "one", false)->block, 9);
	progress_free(&a);
	progress_free(&b);
	progress_free(&end);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* The reading position is the one moved last, whichever session quits
 * last; a lesson forgotten in one session stays forgotten. */
static void
test_progress_latest_position_wins(void)
{
	const char *dir = temp_dir();
	char path[256];
	struct progress a, b, end;
	struct diag_list d;

	snprintf(path, sizeof path, "%s/progress", dir);
	progress_init(&a);
	progress_init(&b);
	progress_init(&end);
	diag_list_init(&d);
	progress_set_block(progress_lesson(&a, "one", true), 5);
	progress_set_block(progress_lesson(&b, "one", true), 7);	/* later */
	progress_set_last(&b, "one");
	progress_set_last(&a, "two");	/* later still */
	CU_ASSERT_EQUAL(progress_save(&b, path, &d), 0);
	CU_ASSERT_EQUAL(progress_save(&a, path, &d), 0);
	CU_ASSERT_EQUAL(progress_load(&end, path, &d), 0);
	CU_ASSERT_EQUAL(progress_lesson(&end, "one", false)->block, 7);
	CU_ASSERT_STRING_EQUAL(end.last, "two");
	progress_free(&end);
	/* b forgets lesson one; a, which did nothing since, keeps that */
	progress_reset(&b, "one");
	CU_ASSERT_EQUAL(progress_save(&b, path, &d), 0);
	CU_ASSERT_EQUAL(progress_save(&a, path, &d), 0);
	progress_init(&end);
	CU_ASSERT_EQUAL(progress_load(&end, path, &d), 0);
	CU_ASSERT_PTR_NULL(progress_lesson(&end, "one", false));
	CU_ASSERT_EQUAL(d.n, 0);
	progress_free(&a);
	progress_free(&b);
	progress_free(&end);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

#define PROP_LESSONS 3
#define PROP_QUIZZES 4

/* What the file must hold after any interleaving: every fact either
 * session made. */
struct prop_model {
	bool right[PROP_LESSONS][PROP_QUIZZES];
	int attempts[PROP_LESSONS][PROP_QUIZZES];
	int seen[PROP_LESSONS];
	bool finished[PROP_LESSONS];
	size_t block[PROP_LESSONS];	/* the position moved to last */
	int last;			/* lesson set last, or -1 */
};

static const char *const prop_ids[PROP_LESSONS] = {"l-zero", "l-one", "l-two"};

/* A random starting file, and the model that matches it. */
static void
prop_initial(struct rng *rng, const char *path, struct prop_model *m)
{
	struct progress p;
	struct diag_list d;
	char *text;

	memset(m, 0, sizeof *m);
	m->last = -1;
	progress_init(&p);
	diag_list_init(&d);
	for (int i = 0; i < PROP_LESSONS; i++) {
		struct progress_lesson *l;

		if (rng_below(rng, 3) == 0)
			continue;	/* a lesson not in the file */
		l = progress_lesson(&p, prop_ids[i], true);
		l->block = m->block[i] = (size_t)rng_below(rng, 10);
		l->seen = m->seen[i] = (int)rng_below(rng, 101);
		l->finished = m->finished[i] = rng_below(rng, 4) == 0;
		for (int q = 0; q < PROP_QUIZZES; q++) {
			if (rng_below(rng, 2) == 0)
				continue;
			m->right[i][q] = rng_below(rng, 2) == 0;
			m->attempts[i][q] = 1 + (int)rng_below(rng, 3);
			progress_quiz_answer(l, (size_t)q, m->right[i][q]);
			progress_quiz_record(l, (size_t)q)->attempts =
			    m->attempts[i][q];
		}
	}
	if (p.n > 0 && rng_below(rng, 2) == 0) {
		m->last = (int)rng_below(rng, PROP_LESSONS);
		p.last = strdup(prop_ids[m->last]);
	}
	text = progress_format(&p);	/* stamps 0: older than any change */
	CU_ASSERT_EQUAL(write_text(path, text, strlen(text)), 0);
	free(text);
	progress_free(&p);
	diag_list_free(&d);
}

/* One thing a session does, as the reader would: answer, move, read
 * further, finish, open another lesson, or save. */
static void
prop_step(struct rng *rng, struct progress *s, const char *path,
    struct prop_model *m)
{
	int i = (int)rng_below(rng, PROP_LESSONS);
	struct progress_lesson *l = progress_lesson(s, prop_ids[i], true);
	struct diag_list d;
	size_t block;
	int q, v;

	switch (rng_below(rng, 6)) {
	case 0:
		q = (int)rng_below(rng, PROP_QUIZZES);
		v = rng_below(rng, 2) == 0;
		progress_quiz_answer(l, (size_t)q, v);
		m->right[i][q] = m->right[i][q] || v;
		m->attempts[i][q]++;
		break;
	case 1:
		block = (size_t)rng_below(rng, 10);
		if (l->block != block)
			m->block[i] = block;	/* a move, the latest */
		progress_set_block(l, block);
		break;
	case 2:
		v = (int)rng_below(rng, 101);
		if (v > l->seen)
			l->seen = v;
		if (v > m->seen[i])
			m->seen[i] = v;
		break;
	case 3:
		l->finished = m->finished[i] = true;
		break;
	case 4:
		if (s->last == NULL || strcmp(s->last, prop_ids[i]) != 0)
			m->last = i;
		progress_set_last(s, prop_ids[i]);
		break;
	default:
		diag_list_init(&d);
		CU_ASSERT_EQUAL(progress_save(s, path, &d), 0);
		diag_list_free(&d);
	}
}

/* Does the file at path hold every fact of the model? */
static int
prop_check(const char *path, const struct prop_model *m)
{
	struct progress p;
	struct diag_list d;
	int ok = 1;

	progress_init(&p);
	diag_list_init(&d);
	ok = progress_load(&p, path, &d) == 0 && d.n == 0;
	for (int i = 0; i < PROP_LESSONS && ok; i++) {
		const struct progress_lesson *l = progress_lesson(&p, prop_ids[i],
		    false);

		if (l == NULL) {
			ok = m->seen[i] == 0 && m->block[i] == 0 && !m->finished[i];
			for (int q = 0; q < PROP_QUIZZES; q++)
				ok = ok && m->attempts[i][q] == 0;
			continue;
		}
		ok = l->seen == m->seen[i] && l->finished == m->finished[i] &&
		    l->block == m->block[i];
		for (int q = 0; q < PROP_QUIZZES && ok; q++) {
			const struct progress_quiz *r = progress_quiz_find(l,
			    (size_t)q);

			ok = m->attempts[i][q] == 0 ? r == NULL : r != NULL &&
			    r->right == m->right[i][q] &&
			    r->attempts == m->attempts[i][q];
		}
	}
	if (ok)
		ok = m->last < 0 ? p.last == NULL : p.last != NULL &&
		    strcmp(p.last, prop_ids[m->last]) == 0;
	progress_free(&p);
	diag_list_free(&d);
	return ok;
}

/* Property: two sessions that start at random times, do random things
 * and save at random times, in any interleaving, lose nothing: every
 * answer either made is kept (right stays right, attempts add up), "seen"
 * is the largest, finished stays finished, and the reading position and
 * last lesson are the ones changed last. 300 seeded runs. */
static void
test_progress_merge_keeps_every_answer(void)
{
	const char *dir = temp_dir();
	char path[256];
	int failures = 0;

	snprintf(path, sizeof path, "%s/progress", dir);
	for (uint64_t seed = 1; seed <= 300; seed++) {
		struct rng rng;
		struct prop_model m;
		struct progress s[2];
		bool started[2] = {false, false};
		struct diag_list d;

		rng_seed(&rng, seed);
		prop_initial(&rng, path, &m);
		diag_list_init(&d);
		for (int k = 0; k < 2; k++)
			progress_init(&s[k]);
		for (int step = 0; step < 40; step++) {
			int k = (int)rng_below(&rng, 2);

			if (!started[k]) {	/* a session starts: it loads */
				CU_ASSERT_EQUAL(progress_load(&s[k], path, &d), 0);
				started[k] = true;
				continue;
			}
			prop_step(&rng, &s[k], path, &m);
		}
		/* both quit, in a random order */
		for (int j = 0, first = (int)rng_below(&rng, 2); j < 2; j++) {
			int k = j == 0 ? first : !first;

			if (started[k])
				CU_ASSERT_EQUAL(progress_save(&s[k], path, &d), 0);
			progress_free(&s[k]);
		}
		CU_ASSERT_EQUAL(d.n, 0);
		diag_list_free(&d);
		if (!prop_check(path, &m) && failures++ == 0)
			fprintf(stderr, "\nmerge property fails with seed %llu\n",
			    (unsigned long long)seed);
	}
	CU_ASSERT_EQUAL(failures, 0);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* The limits: a file with more lessons, or more quizzes in a lesson, than
 * allowed is refused with a message that says so; one at the limits is
 * read whole (every id found through the index). */
static void
test_progress_limits(void)
{
	struct strbuf sb;
	struct progress p;
	struct diag_list d;
	bool all = true;

	progress_init(&p);
	diag_list_init(&d);
	strbuf_init(&sb);
	strbuf_adds(&sb, "version 1\n");
	for (int i = 0; i < PROGRESS_MAX_LESSONS; i++)
		strbuf_addf(&sb, "lesson l%d\n  seen %d\n", i, i % 101);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "max", sb.s, sb.len, &d), 0);
	CU_ASSERT_EQUAL(p.n, PROGRESS_MAX_LESSONS);
	for (int i = 0; i < PROGRESS_MAX_LESSONS; i++) {
		char id[16];
		const struct progress_lesson *l;

		snprintf(id, sizeof id, "l%d", i);
		l = progress_lesson(&p, id, false);
		all = all && l != NULL && l->seen == i % 101;
	}
	CU_ASSERT_TRUE(all);
	progress_free(&p);
	strbuf_addf(&sb, "lesson one-too-many\n");
	CU_ASSERT_EQUAL(progress_parse(&p, "over", sb.s, sb.len, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_EQUAL(d.v[0].line, 2 * PROGRESS_MAX_LESSONS + 2);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "more lessons than a progress file "
	    "may hold (10000 lessons, 2000 quizzes in a lesson)");
	CU_ASSERT_EQUAL(p.n, 0);
	strbuf_free(&sb);

	diag_list_clear(&d);
	strbuf_init(&sb);
	strbuf_adds(&sb, "version 1\nlesson a\n");
	for (int i = PROGRESS_MAX_QUIZZES; i >= 0; i--)	/* out of order */
		strbuf_addf(&sb, "  quiz %d right 1\n", i);
	CU_ASSERT_EQUAL(progress_parse(&p, "quizzes", sb.s, sb.len, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "more quizzes in one lesson than a "
	    "progress file may hold (10000 lessons, 2000 quizzes in a lesson)");
	strbuf_free(&sb);

	/* predictions and unknown "#+ " lines: as many, and no more */
	diag_list_clear(&d);
	strbuf_init(&sb);
	strbuf_adds(&sb, "version 1\nlesson a\n");
	for (int i = PROGRESS_MAX_QUIZZES - 1; i >= 0; i--)
		strbuf_addf(&sb, "  #+ predict %d 0.5\n", i);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "p", sb.s, sb.len, &d), 0);
	CU_ASSERT_EQUAL(progress_lesson(&p, "a", false)->npredicts,
	    PROGRESS_MAX_QUIZZES);
	progress_free(&p);
	strbuf_adds(&sb, "  #+ predict 2000 0.5\n");
	CU_ASSERT_EQUAL(progress_parse(&p, "p", sb.s, sb.len, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "more predictions in one lesson "
	    "than a progress file may hold (2000)");
	strbuf_free(&sb);
	diag_list_clear(&d);
	strbuf_init(&sb);
	strbuf_adds(&sb, "version 1\n");
	for (int i = 0; i < PROGRESS_MAX_EXTRA; i++)
		strbuf_addf(&sb, "%s#+ later %d\n", i == 5000 ? "lesson b\n" :
		    "", i);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "x", sb.s, sb.len, &d), 0);
	CU_ASSERT_EQUAL(p.nextra + progress_lesson(&p, "b", false)->nextra,
	    PROGRESS_MAX_EXTRA);
	progress_free(&p);
	strbuf_adds(&sb, "#+ later still\n");
	CU_ASSERT_EQUAL(progress_parse(&p, "x", sb.s, sb.len, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "more unknown '#+' lines than a "
	    "progress file may hold (10000)");
	CU_ASSERT_EQUAL(p.n, 0);
	strbuf_free(&sb);
	diag_list_free(&d);
}

/* A file over the size limit is kept aside as PATH.corrupt-TIME, byte for
 * byte, and a new one is started: never replaced silently. */
static void
test_progress_too_large_kept_aside(void)
{
	const char *dir = temp_dir();
	char path[256];
	struct progress p;
	struct diag_list d;
	size_t size = PROGRESS_MAX_FILE + 100;
	char *big = malloc(size);
	DIR *dd;
	struct dirent *e;
	struct stat st;
	int found = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, '#', size);
	snprintf(path, sizeof path, "%s/progress", dir);
	CU_ASSERT_EQUAL(write_text(path, big, size), 0);
	free(big);
	progress_init(&p);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(progress_load(&p, path, &d), 0);
	CU_ASSERT_EQUAL_FATAL(d.n, 2);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "the progress file is larger than "
	    "4 MiB");
	CU_ASSERT_PTR_NOT_NULL(strstr(d.v[1].msg, "it was kept as"));
	progress_quiz_answer(progress_lesson(&p, "a", true), 1, true);
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), 0);
	dd = opendir(dir);
	while ((e = readdir(dd)) != NULL) {
		char aside[600];

		if (strncmp(e->d_name, "progress.corrupt-", 17) != 0)
			continue;
		snprintf(aside, sizeof aside, "%s/%s", dir, e->d_name);
		found = stat(aside, &st) == 0 && (size_t)st.st_size == size;
	}
	closedir(dd);
	CU_ASSERT_TRUE(found);
	progress_free(&p);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* The state directory: a new one is made 0700 and the file 0600; one that
 * others may write to, or that belongs to another user (as root only), is
 * refused with a message and nothing is written in it; names planted in it
 * (a symlink in the old temporary name) are never followed. */
static void
test_progress_private_directory(void)
{
	const char *dir = temp_dir();
	char state[256], path[300], victim[300], planted[400];
	struct progress p;
	struct diag_list d;
	struct stat st;
	size_t len;
	char *text;

	snprintf(state, sizeof state, "%s/state/rnntutor", dir);
	snprintf(path, sizeof path, "%s/progress", state);
	snprintf(victim, sizeof victim, "%s/victim", dir);
	CU_ASSERT_EQUAL(write_text(victim, "precious\n", 9), 0);
	progress_init(&p);
	diag_list_init(&d);
	progress_quiz_answer(progress_lesson(&p, "a", true), 1, true);
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), 0);
	CU_ASSERT_EQUAL(stat(state, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(count_prefix(state, ".progress.tmp"), 0);

	/* planted links where the old code wrote its temporary file */
	snprintf(planted, sizeof planted, "%s/progress.tmp.%ld", state,
	    (long)getpid());
	CU_ASSERT_EQUAL(symlink(victim, planted), 0);
	progress_quiz_answer(progress_lesson(&p, "a", true), 2, true);
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), 0);
	text = test_read_file(victim, &len);
	CU_ASSERT_STRING_EQUAL(text, "precious\n");
	free(text);
	unlink(planted);

	/* writable by others: refused, nothing written */
	CU_ASSERT_EQUAL(chmod(state, 0777), 0);
	CU_ASSERT_EQUAL(unlink(path), 0);
	progress_quiz_answer(progress_lesson(&p, "a", true), 3, true);
	CU_ASSERT_EQUAL(progress_save(&p, path, &d), -1);
	CU_ASSERT_EQUAL_FATAL(d.n, 1);
	CU_ASSERT_STRING_EQUAL(d.v[0].file, state);
	CU_ASSERT_STRING_EQUAL(d.v[0].msg, "others may write to the progress "
	    "directory (mode 777); progress is not saved until it is made "
	    "private (chmod 700)");
	CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	CU_ASSERT_EQUAL(count_prefix(state, ".progress"), 0);
	diag_list_clear(&d);
	CU_ASSERT_EQUAL(progress_load(&p, path, &d), -1);
	CU_ASSERT_EQUAL(d.n, 1);
	CU_ASSERT_EQUAL(d.v[0].level, DIAG_WARNING);

	/* another user's directory, private to them: refused too */
	if (geteuid() == 0) {
		CU_ASSERT_EQUAL(chmod(state, 0700), 0);
		CU_ASSERT_EQUAL(chown(state, 65534, 65534), 0);
		diag_list_clear(&d);
		CU_ASSERT_EQUAL(progress_save(&p, path, &d), -1);
		CU_ASSERT_EQUAL_FATAL(d.n, 1);
		CU_ASSERT_STRING_EQUAL(d.v[0].msg, "the progress directory "
		    "belongs to another user; progress is not saved");
		CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
	}
	progress_free(&p);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* The place is a line inside a block: its offset survives a save, a
 * reload and a merge with another session's file, and a file without one
 * (older versions) still loads at the block's first line. */
static void
test_progress_place_keeps_offset(void)
{
	const char *dir = temp_dir();
	char path[256];
	struct progress a, b;
	struct progress_lesson *l;
	struct diag_list d;
	char *text;

	snprintf(path, sizeof path, "%s/progress", dir);
	CU_ASSERT_EQUAL(write_text(path, "version 1\nlesson one\n  block 2 5\n"
	    "  seen 10\n", 43), 0);
	progress_init(&a);
	diag_list_init(&d);
	CU_ASSERT_EQUAL(progress_load(&a, path, &d), 0);
	l = progress_lesson(&a, "one", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->block, 2);
	CU_ASSERT_EQUAL(l->offset, 0);
	progress_set_place(l, 2, 0);
	CU_ASSERT_FALSE(progress_lesson_changed(l));
	progress_set_place(l, 2, 7);	/* seven lines further down */
	CU_ASSERT_TRUE(progress_lesson_changed(l));
	text = progress_format(&a);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  block 2 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n  #+ offset 7\n  seen 10\n"));
	CU_ASSERT_TRUE(older_versions_read(text));
	free(text);
	CU_ASSERT_EQUAL(progress_save(&a, path, &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	progress_init(&b);
	CU_ASSERT_EQUAL(progress_load(&b, path, &d), 0);
	l = progress_lesson(&b, "one", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->block, 2);
	CU_ASSERT_EQUAL(l->offset, 7);
	/* the other session moves within the same block: its line wins */
	progress_set_place(l, 2, 3);
	CU_ASSERT_EQUAL(progress_save(&b, path, &d), 0);
	CU_ASSERT_EQUAL(progress_save(&a, path, &d), 0);	/* a unchanged */
	CU_ASSERT_EQUAL(progress_lesson(&a, "one", false)->offset, 3);
	/* an offset past the limit is refused like any bad line */
	progress_free(&b);
	progress_init(&b);
	CU_ASSERT_EQUAL(progress_parse(&b, "x", "version 1\nlesson one\n"
	    "  block 2 5 99999999\n", 42, &d), -1);
	progress_free(&a);
	progress_free(&b);
	diag_list_free(&d);
	CU_ASSERT_EQUAL(rm_rf(dir), 0);
}

/* The lesson list's score: right answers, and those right at the first
 * try; a file of an older version (no new lines) reads the same way. */
static void
test_progress_first_try_score(void)
{
	static const char text[] =
	    "version 1\n"
	    "lesson a\n"
	    "  quiz 3 right 1\n"
	    "  quiz 5 right 3\n"
	    "  quiz 7 wrong 2\n"
	    "  quiz 9 right 1\n";
	struct progress p;
	struct diag_list d;
	struct progress_lesson *l;
	size_t right, first;

	progress_init(&p);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "f", text, strlen(text), &d), 0);
	progress_quiz_score(progress_lesson(&p, "a", false), &right, &first);
	CU_ASSERT_EQUAL(right, 3);
	CU_ASSERT_EQUAL(first, 2);
	/* a second try makes a quiz right, not right at the first try */
	l = progress_lesson(&p, "a", false);
	progress_quiz_answer(l, 7, true);
	progress_quiz_answer(l, 11, true);
	progress_quiz_score(l, &right, &first);
	CU_ASSERT_EQUAL(right, 5);
	CU_ASSERT_EQUAL(first, 3);
	progress_quiz_score(NULL, &right, &first);
	CU_ASSERT_EQUAL(right, 0);
	CU_ASSERT_EQUAL(first, 0);
	progress_free(&p);
	diag_list_free(&d);
}

/* Review records: parsed, formatted back the same, streaks counted, and
 * merged by time with what another session saved. */
static void
test_progress_review_records(void)
{
	static const char text[] =
	    "version 1\n"
	    "lesson a\n"
	    "  quiz 3 wrong 2\n"
	    "review powers 2/5 1000\n"
	    "review quiz:a:3 0/1 2000\n";
	static const char bad_name[] = "version 1\nreview Bad 1/1 5\n";
	static const char bad_count[] = "version 1\nreview x 1 5\n";
	struct progress p, disk, out;
	struct diag_list d;
	const struct progress_review *r;
	char *again;

	progress_init(&p);
	progress_init(&disk);
	progress_init(&out);
	diag_list_init(&d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "f", text, strlen(text), &d), 0);
	r = progress_review_find(&p, "powers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(r->streak, 2);
	CU_ASSERT_EQUAL(r->asked, 5);
	CU_ASSERT_EQUAL(r->at, 1000);
	again = progress_format(&p);
	CU_ASSERT_PTR_NOT_NULL(strstr(again, "\n#+ review powers 2/5 1000\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(again, "\n#+ review quiz:a:3 0/1 2000\n"));
	CU_ASSERT_TRUE(older_versions_read(again));
	progress_free(&out);
	progress_init(&out);	/* and read back as written */
	CU_ASSERT_EQUAL(progress_parse(&out, "f", again, strlen(again), &d), 0);
	r = progress_review_find(&out, "powers");
	CU_ASSERT_TRUE(r != NULL && r->streak == 2 && r->asked == 5 &&
	    r->at == 1000);
	progress_free(&out);
	progress_init(&out);
	free(again);

	progress_review_answer(&p, "powers", false, 3000);
	progress_review_answer(&p, "quiz:a:3", true, 3000);
	progress_review_answer(&p, "clip", true, 3000);
	CU_ASSERT_EQUAL(progress_review_find(&p, "powers")->streak, 0);
	CU_ASSERT_EQUAL(progress_review_find(&p, "powers")->asked, 6);
	CU_ASSERT_EQUAL(progress_review_find(&p, "quiz:a:3")->streak, 1);

	/* another session asked quiz:a:3 later, and gates */
	CU_ASSERT_EQUAL_FATAL(progress_parse(&disk, "f", text, strlen(text), &d),
	    0);
	progress_review_answer(&disk, "quiz:a:3", false, 4000);
	progress_review_answer(&disk, "gates", true, 4000);
	progress_merge(&out, &p, &disk);
	CU_ASSERT_EQUAL(progress_review_find(&out, "powers")->streak, 0);
	CU_ASSERT_EQUAL(progress_review_find(&out, "quiz:a:3")->at, 4000);
	CU_ASSERT_EQUAL(progress_review_find(&out, "quiz:a:3")->streak, 0);
	CU_ASSERT_PTR_NOT_NULL(progress_review_find(&out, "gates"));
	CU_ASSERT_EQUAL(progress_review_find(&out, "clip")->streak, 1);

	/* malformed review lines are refused */
	progress_free(&disk);
	CU_ASSERT_EQUAL(progress_parse(&disk, "f", bad_name, strlen(bad_name),
	    &d), -1);
	CU_ASSERT_EQUAL(progress_parse(&disk, "f", bad_count,
	    strlen(bad_count), &d), -1);
	CU_ASSERT_FALSE(progress_concept_valid("quiz a"));
	CU_ASSERT_TRUE(progress_concept_valid("quiz:vanishing-gradients:4"));
	progress_free(&p);
	progress_free(&disk);
	progress_free(&out);
	diag_list_free(&d);
}

/* The review plan: missed quizzes first, quizzes right at the first try
 * never, a quiz retired after two right answers in review, and the same
 * seed giving the same generated questions with answers the engine
 * computes. */
static void
test_progress_review_plan(void)
{
	static const char text[] =
	    "version 1\n"
	    "lesson vanishing-gradients\n"
	    "  quiz 4 wrong 2\n"
	    "  quiz 13 right 1\n"
	    "  quiz 26 right 3\n";
	struct course_opts copts = { .use_builtin = true };
	struct course *course;
	struct progress p;
	struct diag_list d;
	struct review_plan a, b;
	char msg[256];

	diag_list_init(&d);
	progress_init(&p);
	course = course_load(&copts, &d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "f", text, strlen(text), &d), 0);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&a, course, &p, 9, 6, 100, &d), 0);
	CU_ASSERT_EQUAL(a.n, 6);
	CU_ASSERT_EQUAL(a.nquizzes, 2);
	CU_ASSERT_STRING_EQUAL(a.items[0].concept,
	    "quiz:vanishing-gradients:4");
	CU_ASSERT_STRING_EQUAL(a.items[1].concept,
	    "quiz:vanishing-gradients:26");
	CU_ASSERT_EQUAL(view_review_check(&a.items[0], "b", msg, sizeof msg), 1);
	CU_ASSERT_EQUAL(view_review_check(&a.items[0], "a", msg, sizeof msg), 0);
	CU_ASSERT_EQUAL(view_review_check(&a.items[0], "z", msg, sizeof msg),
	    -1);
	CU_ASSERT_EQUAL(view_review_check(&a.items[1], "0.8^10", msg,
	    sizeof msg), 1);
	for (size_t i = 2; i < a.n; i++) {
		char answer[64];

		CU_ASSERT_PTR_NULL(a.items[i].quiz);
		CU_ASSERT_TRUE(strncmp(a.items[i].concept, "quiz:", 5) != 0);
		view_review_answer(&a.items[i], answer, sizeof answer);
		CU_ASSERT_EQUAL(view_review_check(&a.items[i], answer, msg,
		    sizeof msg), 1);
	}
	/* the generated answers are what the engine says */
	for (size_t i = 2; i < a.n; i++)
		if (strcmp(a.items[i].concept, "powers") == 0) {
			double scale, k;

			CU_ASSERT_EQUAL_FATAL(sscanf(a.items[i].question,
			    "Without tanh, a state is multiplied by W_hh = %lf I "
			    "at every step. What fraction of its norm is left "
			    "after %lf steps?", &scale, &k), 2);
			CU_ASSERT_DOUBLE_EQUAL(a.items[i].value, pow(scale, k),
			    1e-12 * pow(scale, k));
		}
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&b, course, &p, 9, 6, 100, &d), 0);
	for (size_t i = 0; i < a.n; i++)
		CU_ASSERT_STRING_EQUAL(a.items[i].question, b.items[i].question);
	view_review_plan_free(&b);

	/* two right answers in review retire a quiz; one delays it a day */
	progress_review_answer(&p, "quiz:vanishing-gradients:4", true, 200);
	progress_review_answer(&p, "quiz:vanishing-gradients:26", true, 200);
	progress_review_answer(&p, "quiz:vanishing-gradients:26", true, 300);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&b, course, &p, 9, 6, 400, &d), 0);
	CU_ASSERT_EQUAL(b.nquizzes, 0);
	view_review_plan_free(&b);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&b, course, &p, 9, 6,
	    200 + VIEW_REVIEW_DAY, &d), 0);
	CU_ASSERT_EQUAL(b.nquizzes, 1);
	CU_ASSERT_STRING_EQUAL(b.items[0].concept,
	    "quiz:vanishing-gradients:4");
	view_review_plan_free(&b);
	view_review_plan_free(&a);
	course_destroy(course);
	progress_free(&p);
	diag_list_free(&d);
}

/* Revealed quizzes and committed predictions survive a save and a load,
 * and every line of the file is one an older version reads: a record it
 * knows, or a comment ("#+ "). */
static void
test_progress_reveal_predict_round_trip(void)
{
	static const char *const old_kinds[] = {"version", "last", "lesson",
	    "block", "seen", "finished", "quiz", "review"};
	struct progress p, q;
	struct progress_lesson *l;
	const struct progress_predict *pr;
	struct diag_list d;
	char *text, *copy, *save = NULL;

	progress_init(&p);
	diag_list_init(&d);
	l = progress_lesson(&p, "vanilla-rnn", true);
	progress_quiz_answer(l, 5, false);
	progress_quiz_revealed(l, 5);
	progress_quiz_answer(l, 7, true);
	progress_predict_commit(l, 9, true, 1, 0);
	progress_predict_commit(l, 9, true, 0, 0);	/* the first stands */
	progress_predict_commit(l, 11, false, 0, 0.1215766545905693);
	progress_predict_commit(l, 12, false, 0, INFINITY);	/* refused */
	progress_predict_commit(l, 13, true, 26, 0);		/* refused */
	text = progress_format(&p);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  quiz 5 wrong 1\n"
	    "  #+ revealed 5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  #+ predict 9 b\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  #+ predict 11 0.1215766545905693\n"));
	CU_ASSERT_PTR_NULL(strstr(text, "predict 12"));
	CU_ASSERT_PTR_NULL(strstr(text, "predict 13"));
	copy = strdup(text);
	for (char *line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *w = line + strspn(line, " ");
		size_t len = strcspn(w, " ");
		int known = w[0] == '#';

		for (size_t i = 0; !known && i < 8; i++)
			known = strlen(old_kinds[i]) == len &&
			    strncmp(w, old_kinds[i], len) == 0;
		CU_ASSERT_TRUE(known);
		if (!known)
			fprintf(stderr, "\nan older version refuses: %s\n", line);
	}
	free(copy);

	progress_init(&q);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&q, "f", text, strlen(text), &d), 0);
	l = progress_lesson(&q, "vanilla-rnn", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(progress_quiz_find(l, 5)->revealed);
	CU_ASSERT_EQUAL(progress_quiz_find(l, 5)->attempts, 1);
	CU_ASSERT_FALSE(progress_quiz_find(l, 7)->revealed);
	pr = progress_predict_find(l, 9);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr);
	CU_ASSERT_TRUE(pr->is_choice);
	CU_ASSERT_EQUAL(pr->choice, 1);
	pr = progress_predict_find(l, 11);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pr);
	CU_ASSERT_FALSE(pr->is_choice);
	CU_ASSERT_EQUAL(pr->value, 0.1215766545905693);	/* exactly */
	CU_ASSERT_PTR_NULL(progress_predict_find(l, 10));
	CU_ASSERT_FALSE(progress_lesson_changed(l));
	free(text);
	progress_free(&p);
	progress_free(&q);
	diag_list_free(&d);
}

/* A revealed quiz was not known: a right answer merged in from another
 * session is right, but not at the first try, and review asks it. */
static void
test_progress_revealed_not_first_try(void)
{
	static const char text[] =
	    "version 1\n"
	    "lesson vanishing-gradients\n"
	    "  quiz 13 right 1\n"
	    "  #+ revealed 13\n"
	    "  quiz 26 right 1\n";
	struct course_opts copts = { .use_builtin = true };
	struct course *course;
	struct progress p;
	struct diag_list d;
	struct review_plan plan;
	size_t right, first;

	diag_list_init(&d);
	progress_init(&p);
	course = course_load(&copts, &d);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&p, "f", text, strlen(text), &d), 0);
	progress_quiz_score(progress_lesson(&p, "vanishing-gradients", false),
	    &right, &first);
	CU_ASSERT_EQUAL(right, 2);
	CU_ASSERT_EQUAL(first, 1);
	CU_ASSERT_EQUAL_FATAL(view_review_plan(&plan, course, &p, 9, 6, 100,
	    &d), 0);
	CU_ASSERT_EQUAL(plan.nquizzes, 1);
	CU_ASSERT_STRING_EQUAL(plan.items[0].concept,
	    "quiz:vanishing-gradients:13");
	view_review_plan_free(&plan);
	course_destroy(course);
	progress_free(&p);
	diag_list_free(&d);
}

/* Two sessions: a reveal made in either stays; a prediction this session
 * made goes in unless the file holds one for that block (the first saved
 * stands); forgetting a lesson forgets its reveals and predictions. */
static void
test_progress_merge_reveal_predict(void)
{
	static const char base[] =
	    "version 1\n"
	    "lesson a\n"
	    "  quiz 1 wrong 1\n";
	static const char other[] =
	    "version 1\n"
	    "lesson a\n"
	    "  quiz 1 wrong 1\n"
	    "  quiz 2 wrong 1\n"
	    "  #+ revealed 2\n"
	    "  #+ predict 9 a\n";
	struct progress mine, disk, out;
	struct progress_lesson *l;
	struct diag_list d;
	char *text;

	diag_list_init(&d);
	progress_init(&mine);
	progress_init(&disk);
	progress_init(&out);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&mine, "m", base, strlen(base),
	    &d), 0);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&disk, "d", other, strlen(other),
	    &d), 0);
	l = progress_lesson(&mine, "a", false);
	progress_quiz_answer(l, 1, false);
	progress_quiz_revealed(l, 1);
	progress_predict_commit(l, 9, true, 2, 0);
	progress_predict_commit(l, 11, false, 0, 2.5);
	progress_merge(&out, &mine, &disk);
	l = progress_lesson(&out, "a", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(progress_quiz_find(l, 1)->revealed);
	CU_ASSERT_EQUAL(progress_quiz_find(l, 1)->attempts, 2);
	CU_ASSERT_TRUE(progress_quiz_find(l, 2)->revealed);
	CU_ASSERT_EQUAL(progress_predict_find(l, 9)->choice, 0);
	CU_ASSERT_EQUAL(progress_predict_find(l, 11)->value, 2.5);
	CU_ASSERT_FALSE(progress_lesson_changed(l));
	text = progress_format(&out);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  #+ revealed 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "  #+ predict 9 a\n"
	    "  #+ predict 11 2.5\n"));
	free(text);
	progress_free(&out);

	/* a session that did nothing in the lesson keeps the file's */
	progress_init(&out);
	progress_free(&mine);
	progress_init(&mine);
	progress_merge(&out, &mine, &disk);
	CU_ASSERT_PTR_NOT_NULL(progress_predict_find(progress_lesson(&out, "a",
	    false), 9));
	progress_free(&out);

	/* forgotten: written as this session has it */
	progress_init(&out);
	progress_reset(&mine, "a");
	progress_merge(&out, &mine, &disk);
	l = progress_lesson(&out, "a", false);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->nquizzes, 0);
	CU_ASSERT_EQUAL(l->npredicts, 0);
	progress_free(&out);
	progress_free(&mine);
	progress_free(&disk);
	diag_list_free(&d);
}

/* "#+ " records this version does not read (a later version's) are kept
 * where they were and written back, through a merge, so a newer file
 * loses nothing here; a lesson forgotten forgets its own. */
static void
test_progress_unknown_records_kept(void)
{
	static const char text[] =
	    "# a comment, dropped\n"
	    "version 1\n"
	    "#+ streak-days 12 1718000000\n"
	    "lesson a\n"
	    "  block 3 10\n"
	    "  #+ bookmark 4 7 why this\n"
	    "  #+ predict 9 up down\n"
	    "  #+ revealed\n"
	    "lesson b\n"
	    "  #+ note\tsomething\n";
	struct progress mine, disk, out;
	struct diag_list d;
	char *written;

	diag_list_init(&d);
	progress_init(&mine);
	progress_init(&disk);
	progress_init(&out);
	CU_ASSERT_EQUAL_FATAL(progress_parse(&disk, "d", text, strlen(text),
	    &d), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	CU_ASSERT_EQUAL(progress_lesson(&disk, "a", false)->npredicts, 0);
	CU_ASSERT_EQUAL(progress_lesson(&disk, "a", false)->nquizzes, 0);
	progress_set_block(progress_lesson(&mine, "a", true), 5);
	progress_merge(&out, &mine, &disk);
	written = progress_format(&out);
	CU_ASSERT_PTR_NULL(strstr(written, "a comment"));
	CU_ASSERT_PTR_NOT_NULL(strstr(written, "version 1\n"
	    "#+ streak-days 12 1718000000\nlesson a\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(written, "  finished no\n"
	    "  #+ bookmark 4 7 why this\n"
	    "  #+ predict 9 up down\n"
	    "  #+ revealed\n"
	    "lesson b\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(written, "  #+ note\tsomething\n"));
	CU_ASSERT_EQUAL(progress_lesson(&out, "a", false)->block, 5);
	free(written);
	progress_free(&out);

	progress_init(&out);
	progress_reset(&mine, "a");
	progress_merge(&out, &mine, &disk);
	written = progress_format(&out);
	CU_ASSERT_PTR_NULL(strstr(written, "bookmark"));
	CU_ASSERT_PTR_NOT_NULL(strstr(written, "streak-days"));
	CU_ASSERT_PTR_NOT_NULL(strstr(written, "  #+ note\tsomething\n"));
	free(written);
	progress_free(&out);
	progress_free(&mine);
	progress_free(&disk);
	diag_list_free(&d);
}

void
test_progress_register(void)
{
	CU_pSuite s = CU_add_suite("progress", NULL, NULL);

	CU_add_test(s, "round trip", test_progress_round_trip);
	CU_add_test(s, "first try score", test_progress_first_try_score);
	CU_add_test(s, "review records", test_progress_review_records);
	CU_add_test(s, "review plan", test_progress_review_plan);
	CU_add_test(s, "corrupt file set aside", test_progress_corrupt_file_set_aside);
	CU_add_test(s, "hostile files", test_progress_hostile_files);
	CU_add_test(s, "concurrent writers", test_progress_concurrent_writers);
	CU_add_test(s, "reset", test_progress_reset);
	CU_add_test(s, "right stays right", test_progress_right_stays_right);
	CU_add_test(s, "reader erases nothing", test_progress_reader_erases_nothing);
	CU_add_test(s, "latest position wins", test_progress_latest_position_wins);
	CU_add_test(s, "merge keeps every answer",
	    test_progress_merge_keeps_every_answer);
	CU_add_test(s, "limits", test_progress_limits);
	CU_add_test(s, "too large kept aside", test_progress_too_large_kept_aside);
	CU_add_test(s, "private directory", test_progress_private_directory);
	CU_add_test(s, "place keeps offset", test_progress_place_keeps_offset);
	CU_add_test(s, "reveal predict round trip",
	    test_progress_reveal_predict_round_trip);
	CU_add_test(s, "revealed not first try",
	    test_progress_revealed_not_first_try);
	CU_add_test(s, "merge reveal predict", test_progress_merge_reveal_predict);
	CU_add_test(s, "unknown records kept", test_progress_unknown_records_kept);
}
