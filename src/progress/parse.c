/* The progress file's text: parsing (linear in its length, within the
 * limits of progress.h) and formatting. */
#include "config.h"

#include "progress/progress.h"
#include "progress/progress_int.h"
#include "core/lessonid.h"
#include "core/num.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STAMP_MAX ((long long)1 << 62)

/* Split a line into at most 4 words; returns the count (5: too many). */
static int
split_words(char *line, char *words[4])
{
	int n = 0;
	char *save = NULL;

	for (char *w = strtok_r(line, " \t", &save); w != NULL;
	    w = strtok_r(NULL, " \t", &save)) {
		if (n == 4)
			return 5;
		words[n++] = w;
	}
	return n;
}

/* A whole number in [0, max] or -1. */
static long long
number(const char *s, long long max)
{
	long long v;

	return num_parse_long(s, 0, max, &v) == 0 ? v : -1;
}

/* Why a line was refused: a limit (the message) or NULL for bad syntax. */
struct parse_state {
	const char *limit;
	bool bare;		/* limit says its own number */
	size_t nextra;		/* unknown "#+ " lines kept so far */
};

/* One line inside a "lesson" section. */
static int
parse_lesson_line(struct parse_state *ps, struct progress_lesson *l,
    char **w, int n)
{
	long long v, at = 0, off = 0;

	if (n >= 2 && n <= 4 && strcmp(w[0], "block") == 0 &&
	    (v = number(w[1], PROGRESS_MAX_BLOCK)) >= 0 &&
	    (n == 2 || (at = number(w[2], STAMP_MAX)) >= 0) &&
	    (n <= 3 || num_parse_long(w[3], -PROGRESS_MAX_OFFSET,
	    PROGRESS_MAX_OFFSET, &off) == 0)) {
		l->block = (size_t)v;
		l->offset = (long)off;
		l->block_at = at;
		return 0;
	}
	if (n == 2 && strcmp(w[0], "seen") == 0 && (v = number(w[1], 100)) >= 0) {
		l->seen = (int)v;
		return 0;
	}
	if (n == 2 && strcmp(w[0], "finished") == 0 &&
	    (strcmp(w[1], "yes") == 0 || strcmp(w[1], "no") == 0)) {
		l->finished = strcmp(w[1], "yes") == 0;
		return 0;
	}
	if (n == 4 && strcmp(w[0], "quiz") == 0 &&
	    (strcmp(w[2], "right") == 0 || strcmp(w[2], "wrong") == 0)) {
		long long block = number(w[1], PROGRESS_MAX_BLOCK);
		long long tries = number(w[3], PROGRESS_MAX_ATTEMPTS);
		struct progress_quiz *q;

		if (block < 0 || tries < 0)
			return -1;
		if (progress_quiz_find(l, (size_t)block) == NULL &&
		    l->nquizzes >= PROGRESS_MAX_QUIZZES) {
			ps->limit = "more quizzes in one lesson than a progress "
			    "file may hold";
			return -1;
		}
		q = progress_quiz_record(l, (size_t)block);
		q->right = strcmp(w[2], "right") == 0;
		q->attempts = (int)tries;
		return 0;
	}
	return -1;
}

/* "#+ revealed BLOCK" in a lesson; 1 when the words are not of that
 * form. */
static int
parse_revealed(struct parse_state *ps, struct progress_lesson *l, char **w,
    int n)
{
	long long block;

	if (n != 2 || (block = number(w[1], PROGRESS_MAX_BLOCK)) < 0)
		return 1;
	if (progress_quiz_find(l, (size_t)block) == NULL &&
	    l->nquizzes >= PROGRESS_MAX_QUIZZES) {
		ps->limit = "more quizzes in one lesson than a progress file may "
		    "hold";
		return -1;
	}
	progress_quiz_revealed(l, (size_t)block);
	return 0;
}

/* "#+ predict BLOCK GUESS" in a lesson, the guess a letter (a choice) or
 * a number; 1 when the words are not of that form. */
static int
parse_predict(struct parse_state *ps, struct progress_lesson *l, char **w,
    int n)
{
	long long block;
	double value = 0;
	bool letter;
	struct progress_predict *pr;

	if (n != 3 || (block = number(w[1], PROGRESS_MAX_BLOCK)) < 0)
		return 1;
	letter = w[2][0] >= 'a' && w[2][0] <= 'z' && w[2][1] == '\0';
	if (!letter && num_parse_double(w[2], &value) != NUM_OK)
		return 1;
	if (progress_predict_find(l, (size_t)block) == NULL &&
	    l->npredicts >= PROGRESS_MAX_QUIZZES) {
		ps->limit = "more predictions in one lesson than a progress "
		    "file may hold (" NUM_STR(PROGRESS_MAX_QUIZZES) ")";
		ps->bare = true;
		return -1;
	}
	pr = progress_predict_add(l, (size_t)block);
	if (pr == NULL)
		return 0;	/* the first one stands */
	pr->is_choice = letter;
	pr->choice = letter ? (size_t)(w[2][0] - 'a') : 0;
	pr->value = value;
	return 0;
}

/* "#+ review CONCEPT STREAK/ASKED STAMP" (or the same without "#+ ", as
 * the first versions with reviews wrote it), anywhere after "version 1". */
static int
parse_review(struct parse_state *ps, struct progress *p, char **w)
{
	char *slash = strchr(w[2], '/');
	long long streak, asked, at;
	struct progress_review *r;

	if (!progress_concept_valid(w[1]) || slash == NULL)
		return -1;
	*slash = '\0';
	streak = number(w[2], PROGRESS_MAX_ATTEMPTS);
	asked = number(slash + 1, PROGRESS_MAX_ATTEMPTS);
	at = number(w[3], STAMP_MAX);
	if (streak < 0 || asked < 0 || at < 0)
		return -1;
	if (progress_review_find(p, w[1]) == NULL &&
	    p->nreviews >= PROGRESS_MAX_REVIEWS) {
		ps->limit = "more reviewed concepts than a progress file may hold";
		return -1;
	}
	r = progress_review_record(p, w[1]);
	r->streak = (int)streak;
	r->asked = (int)asked;
	r->at = at;
	return 0;
}

/* "#+ offset N" after a lesson's block line: the line within the block
 * (written apart from "block" so that older versions, which know only
 * "block N TIME", still read the file); 1 when N is not a number. */
static int
parse_offset(struct progress_lesson *l, const char *word)
{
	long long off;

	if (num_parse_long(word, -PROGRESS_MAX_OFFSET, PROGRESS_MAX_OFFSET,
	    &off) != 0)
		return 1;
	l->offset = (long)off;
	return 0;
}

/* A "#+ " line (rest: what follows "#+ "): a record older versions skip as
 * a comment. One of a kind or form this version does not read is kept as
 * it is, in its lesson or before the first. */
static int
parse_extra(struct parse_state *ps, struct progress *p,
    struct progress_lesson *cur, char *rest)
{
	char *copy = xstrdup(rest), *w[4];
	int n = split_words(copy, w), rc = 1;

	if (cur != NULL && n >= 1 && strcmp(w[0], "revealed") == 0)
		rc = parse_revealed(ps, cur, w, n);
	else if (cur != NULL && n == 2 && strcmp(w[0], "offset") == 0)
		rc = parse_offset(cur, w[1]);
	else if (n == 4 && strcmp(w[0], "review") == 0)
		rc = parse_review(ps, p, w);
	else if (cur != NULL && n >= 1 && strcmp(w[0], "predict") == 0)
		rc = parse_predict(ps, cur, w, n);
	free(copy);
	if (rc <= 0)
		return rc;
	if (ps->nextra++ >= PROGRESS_MAX_EXTRA) {
		ps->limit = "more unknown '#+' lines than a progress file may "
		    "hold (" NUM_STR(PROGRESS_MAX_EXTRA) ")";
		ps->bare = true;
		return -1;
	}
	rest[strcspn(rest, "\r")] = '\0';
	if (cur != NULL)
		progress_extra_add(&cur->extra, &cur->nextra, rest);
	else
		progress_extra_add(&p->extra, &p->nextra, rest);
	return 0;
}

/* After the blanks that begin a line: is it a "#+ " record? Returns what
 * follows "#+" and its blanks, or NULL. */
static char *
extra_text(char *line)
{
	char *s = line + strspn(line, " \t");

	if (s[0] != '#' || s[1] != '+' || (s[2] != ' ' && s[2] != '\t'))
		return NULL;
	s += 2 + strspn(s + 2, " \t");
	return s[0] != '\0' ? s : NULL;
}

/* One line after "version 1". */
static int
parse_line(struct parse_state *ps, struct progress *p,
    struct progress_lesson **cur, char **w, int n)
{
	long long at = 0;

	if (n == 4 && strcmp(w[0], "review") == 0)
		return parse_review(ps, p, w);
	if ((n == 2 || n == 3) && strcmp(w[0], "last") == 0 &&
	    lessonid_valid(w[1], strlen(w[1])) &&
	    (n == 2 || (at = number(w[2], STAMP_MAX)) >= 0)) {
		free(p->last);
		p->last = xstrdup(w[1]);
		p->last_at = at;
		return 0;
	}
	if (n == 2 && strcmp(w[0], "lesson") == 0 &&
	    lessonid_valid(w[1], strlen(w[1]))) {
		*cur = progress_lesson(p, w[1], false);
		if (*cur != NULL)
			return 0;
		if (p->n >= PROGRESS_MAX_LESSONS) {
			ps->limit = "more lessons than a progress file may hold";
			return -1;
		}
		*cur = progress_lesson(p, w[1], true);
		return 0;
	}
	return *cur != NULL ? parse_lesson_line(ps, *cur, w, n) : -1;
}

/* See progress.h. */
int
progress_parse(struct progress *p, const char *name, const char *text,
    size_t len, struct diag_list *diags)
{
	struct parse_state ps = {.limit = NULL, .bare = false, .nextra = 0};
	struct progress_lesson *cur = NULL;
	char *copy, *line;
	int lineno = 0, rc = 0, version = 0;

	if (len > PROGRESS_MAX_FILE) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "the progress file is "
		    "larger than %d MiB", PROGRESS_MAX_FILE >> 20);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "not a progress file "
		    "(it holds a NUL byte)");
		return -1;
	}
	copy = xstrndup(text, len);
	for (char *p0 = copy; p0 != NULL && rc == 0; p0 = line) {
		char *words[4];
		int n;

		line = strchr(p0, '\n');
		if (line != NULL)
			*line++ = '\0';
		lineno++;
		if (p0[strcspn(p0, "\r")] == '\r')
			p0[strcspn(p0, "\r")] = '\0';
		if (version == 1 && extra_text(p0) != NULL) {
			rc = parse_extra(&ps, p, cur, extra_text(p0));
			continue;
		}
		if (p0[strspn(p0, " \t")] == '#' || p0[strspn(p0, " \t")] == '\0')
			continue;
		n = split_words(p0, words);
		if (version == 0) {
			if (n == 2 && strcmp(words[0], "version") == 0 &&
			    strcmp(words[1], "1") == 0) {
				version = 1;
				continue;
			}
			rc = -1;
		} else {
			rc = parse_line(&ps, p, &cur, words, n);
		}
	}
	free(copy);
	if (rc == 0 && version == 0 && lineno > 0 && len > 0) {
		rc = -1;
		lineno = 1;
	}
	if (rc < 0) {
		if (ps.limit != NULL && ps.bare)
			diag_add(diags, DIAG_ERROR, name, lineno, 0, "%s",
			    ps.limit);
		else if (ps.limit != NULL)
			diag_add(diags, DIAG_ERROR, name, lineno, 0, "%s (%d "
			    "lessons, %d quizzes in a lesson)", ps.limit,
			    PROGRESS_MAX_LESSONS, PROGRESS_MAX_QUIZZES);
		else
			diag_add(diags, DIAG_ERROR, name, lineno, 0, version == 0 ?
			    "not a progress file (expected 'version 1')" :
			    "cannot read this line of the progress file");
		progress_free(p);
		return -1;
	}
	progress_settle(p);
	return 0;
}

/* The shortest of %.15g, %.16g, %.17g that reads back as v, in buf (32
 * bytes). */
static const char *
shortest(char buf[32], double v)
{
	double back;

	for (int digits = 15; digits < 17; digits++) {
		snprintf(buf, 32, "%.*g", digits, v);
		if (num_parse_double(buf, &back) == NUM_OK && back == v)
			return buf;
	}
	snprintf(buf, 32, "%.17g", v);
	return buf;
}

/* See progress.h. */
char *
progress_format(const struct progress *p)
{
	struct strbuf sb;
	char num[32];

	strbuf_init(&sb);
	strbuf_adds(&sb, "# rnntutor progress: where you are in each lesson "
	    "and your quiz results.\n# Written by rnntutor; "
	    "rnntutor --reset-progress forgets it.\nversion 1\n");
	if (p->last != NULL)
		strbuf_addf(&sb, "last %s %" PRId64 "\n", p->last, p->last_at);
	for (size_t i = 0; i < p->nextra; i++)
		strbuf_addf(&sb, "#+ %s\n", p->extra[i]);
	for (size_t i = 0; i < p->n; i++) {
		const struct progress_lesson *l = &p->lessons[i];

		if (l->block == 0 && l->offset == 0 && l->seen == 0 &&
		    !l->finished && l->nquizzes == 0 && l->npredicts == 0 &&
		    l->nextra == 0)
			continue;	/* nothing to remember */
		strbuf_addf(&sb, "lesson %s\n  block %zu %" PRId64 "\n", l->id,
		    l->block, l->block_at);
		/* the line within the block, as a "#+ " record (a comment to
		 * older versions, which refuse a fourth word on "block") */
		if (l->offset != 0)
			strbuf_addf(&sb, "  #+ offset %ld\n", l->offset);
		strbuf_addf(&sb, "  seen %d\n  finished %s\n", l->seen,
		    l->finished ? "yes" : "no");
		for (size_t j = 0; j < l->nquizzes; j++) {
			strbuf_addf(&sb, "  quiz %zu %s %d\n", l->quizzes[j].block,
			    l->quizzes[j].right ? "right" : "wrong",
			    l->quizzes[j].attempts);
			/* "#+ ": older versions read it as a comment */
			if (l->quizzes[j].revealed)
				strbuf_addf(&sb, "  #+ revealed %zu\n",
				    l->quizzes[j].block);
		}
		for (size_t j = 0; j < l->npredicts; j++) {
			const struct progress_predict *pr = &l->predicts[j];

			if (pr->is_choice)
				strbuf_addf(&sb, "  #+ predict %zu %c\n", pr->block,
				    (char)('a' + pr->choice));
			else
				strbuf_addf(&sb, "  #+ predict %zu %s\n",
				    pr->block, shortest(num, pr->value));
		}
		for (size_t j = 0; j < l->nextra; j++)
			strbuf_addf(&sb, "  #+ %s\n", l->extra[j]);
	}
	for (size_t i = 0; i < p->nreviews; i++)
		if (p->reviews[i].asked > 0)
			strbuf_addf(&sb, "#+ review %s %d/%d %" PRId64 "\n",
			    p->reviews[i].concept, p->reviews[i].streak,
			    p->reviews[i].asked, p->reviews[i].at);
	return strbuf_detach(&sb);
}
