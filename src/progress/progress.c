#include "config.h"

#include "progress/progress.h"
#include "core/file.h"
#include "core/lessonid.h"
#include "core/num.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* An empty record set. */
void
progress_init(struct progress *p)
{
	memset(p, 0, sizeof *p);
}

/* Free one lesson record's storage. */
static void
lesson_free(struct progress_lesson *l)
{
	free(l->id);
	free(l->quizzes);
}

/* Free everything p owns and leave it empty. */
void
progress_free(struct progress *p)
{
	for (size_t i = 0; i < p->n; i++)
		lesson_free(&p->lessons[i]);
	free(p->lessons);
	free(p->last);
	progress_init(p);
}

/* Find or create a lesson's record. */
struct progress_lesson *
progress_lesson(struct progress *p, const char *id, bool create)
{
	struct progress_lesson *l;

	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->lessons[i].id, id) == 0)
			return &p->lessons[i];
	if (!create)
		return NULL;
	p->lessons = xreallocarray(p->lessons, p->n + 1, sizeof *p->lessons);
	l = &p->lessons[p->n++];
	memset(l, 0, sizeof *l);
	l->id = xstrdup(id);
	l->dirty = true;
	return l;
}

/* The quiz record of a block. */
const struct progress_quiz *
progress_quiz_find(const struct progress_lesson *l, size_t block)
{
	for (size_t i = 0; i < l->nquizzes; i++)
		if (l->quizzes[i].block == block)
			return &l->quizzes[i];
	return NULL;
}

/* Find or add the quiz record of a block. */
static struct progress_quiz *
quiz_record(struct progress_lesson *l, size_t block)
{
	struct progress_quiz *q = (struct progress_quiz *)progress_quiz_find(l,
	    block);

	if (q != NULL)
		return q;
	l->quizzes = xreallocarray(l->quizzes, l->nquizzes + 1,
	    sizeof *l->quizzes);
	q = &l->quizzes[l->nquizzes++];
	memset(q, 0, sizeof *q);
	q->block = block;
	return q;
}

/* Record an answer. */
void
progress_quiz_answer(struct progress_lesson *l, size_t block, bool right)
{
	struct progress_quiz *q = quiz_record(l, block);

	q->right = right;
	if (q->attempts < 1000000)
		q->attempts++;
	l->dirty = true;
}

/* Forget one lesson or all; a forgotten lesson is saved as forgotten by
 * keeping an empty, dirty record. */
void
progress_reset(struct progress *p, const char *id)
{
	for (size_t i = 0; i < p->n; i++) {
		struct progress_lesson *l = &p->lessons[i];

		if (id != NULL && strcmp(l->id, id) != 0)
			continue;
		free(l->quizzes);
		l->quizzes = NULL;
		l->nquizzes = 0;
		l->block = 0;
		l->seen = 0;
		l->finished = false;
		l->dirty = true;
	}
	if (id == NULL || (p->last != NULL && strcmp(p->last, id) == 0)) {
		free(p->last);
		p->last = NULL;
		p->last_dirty = true;
	}
}

/* Split a line into at most 4 words; returns the count. */
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

/* One line inside a "lesson" section. */
static int
parse_lesson_line(struct progress_lesson *l, char **w, int n)
{
	long long v;

	if (n == 2 && strcmp(w[0], "block") == 0 &&
	    (v = number(w[1], 100000)) >= 0) {
		l->block = (size_t)v;
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
		long long block = number(w[1], 100000);
		long long tries = number(w[3], 1000000);
		struct progress_quiz *q;

		if (block < 0 || tries < 0)
			return -1;
		q = quiz_record(l, (size_t)block);
		q->right = strcmp(w[2], "right") == 0;
		q->attempts = (int)tries;
		return 0;
	}
	return -1;
}

/* See progress.h. */
int
progress_parse(struct progress *p, const char *name, const char *text,
    size_t len, struct diag_list *diags)
{
	struct progress_lesson *cur = NULL;
	char *copy, *line;
	int lineno = 0, rc = 0, version = 0;

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
		} else if (n == 2 && strcmp(words[0], "last") == 0 &&
		    lessonid_valid(words[1], strlen(words[1]))) {
			free(p->last);
			p->last = xstrdup(words[1]);
		} else if (n == 2 && strcmp(words[0], "lesson") == 0 &&
		    lessonid_valid(words[1], strlen(words[1]))) {
			cur = progress_lesson(p, words[1], true);
		} else if (cur == NULL || parse_lesson_line(cur, words, n) < 0) {
			rc = -1;
		}
	}
	free(copy);
	if (rc == 0 && version == 0 && lineno > 0 && len > 0) {
		rc = -1;
		lineno = 1;
	}
	if (rc < 0) {
		diag_add(diags, DIAG_ERROR, name, lineno, 0, version == 0 ?
		    "not a progress file (expected 'version 1')" :
		    "cannot read this line of the progress file");
		progress_free(p);
		return -1;
	}
	for (size_t i = 0; i < p->n; i++)
		p->lessons[i].dirty = false;
	p->last_dirty = false;
	return 0;
}

/* See progress.h. */
char *
progress_format(const struct progress *p)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, "# rnntutor progress: where you are in each lesson "
	    "and your quiz results.\n# Written by rnntutor; "
	    "rnntutor --reset-progress forgets it.\nversion 1\n");
	if (p->last != NULL)
		strbuf_addf(&sb, "last %s\n", p->last);
	for (size_t i = 0; i < p->n; i++) {
		const struct progress_lesson *l = &p->lessons[i];

		if (l->block == 0 && l->seen == 0 && !l->finished &&
		    l->nquizzes == 0)
			continue;	/* nothing to remember */
		strbuf_addf(&sb, "lesson %s\n  block %zu\n  seen %d\n"
		    "  finished %s\n", l->id, l->block, l->seen,
		    l->finished ? "yes" : "no");
		for (size_t j = 0; j < l->nquizzes; j++)
			strbuf_addf(&sb, "  quiz %zu %s %d\n", l->quizzes[j].block,
			    l->quizzes[j].right ? "right" : "wrong",
			    l->quizzes[j].attempts);
	}
	return strbuf_detach(&sb);
}

/* See progress.h. */
char *
progress_default_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state != NULL && state[0] == '/')
		return xasprintf("%s/rnntutor/progress", state);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.local/state/rnntutor/progress", home);
	return NULL;
}

/* Read a whole progress file of at most PROGRESS_MAX_FILE bytes; NULL with
 * errno set (ENOENT when there is none; see file_read_regular). */
static char *
read_file(const char *path, size_t *len)
{
	char *buf;
	int err = file_read_regular(path, PROGRESS_MAX_FILE, &buf, len);

	errno = err;
	return err == 0 ? buf : NULL;
}

/* Move path to aside unless aside exists: rename() would replace an
 * older PATH.corrupt-TIME of the same second, losing the file kept there;
 * link() refuses an existing name. Where there are no hard links, rename
 * after checking (a race there only loses a file already set aside). */
static int
move_aside(const char *path, const char *aside)
{
	struct stat st;

	if (link(path, aside) == 0)
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	if (errno == EEXIST)
		return -1;
	if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS &&
	    errno != EXDEV && errno != EMLINK)
		return -1;
	if (lstat(aside, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(path, aside);
}

/* Rename a file that does not parse out of the way, keeping it. */
static void
set_aside(const char *path, struct diag_list *diags)
{
	long long now = (long long)time(NULL);
	char *aside = xasprintf("%s.corrupt-%lld", path, now);
	int rc;

	/* PATH.corrupt-TIME, or PATH.corrupt-TIME.N when that is taken */
	for (int n = 1; (rc = move_aside(path, aside)) < 0 && errno == EEXIST &&
	    n < 1000; n++) {
		free(aside);
		aside = xasprintf("%s.corrupt-%lld.%d", path, now, n);
	}
	if (rc == 0)
		diag_add(diags, DIAG_WARNING, path, 0, 0, "the progress file "
		    "could not be read; it was kept as %s and a new one is "
		    "started", aside);
	else
		diag_add(diags, DIAG_WARNING, path, 0, 0, "the progress file "
		    "could not be read and could not be set aside (%s); "
		    "progress will not be saved over it", strerror(errno));
	free(aside);
}

/* See progress.h. */
int
progress_load(struct progress *p, const char *path, struct diag_list *diags)
{
	struct diag_list parse;
	size_t len = 0;
	char *text = read_file(path, &len);

	if (text == NULL) {
		if (errno == ENOENT)
			return 0;
		diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read the "
		    "progress file: %s", strerror(errno));
		return -1;
	}
	diag_list_init(&parse);
	if (progress_parse(p, path, text, len, &parse) < 0) {
		diag_list_move(diags, &parse);
		set_aside(path, diags);
	}
	diag_list_free(&parse);
	free(text);
	return 0;
}

/* Take another session's saved lessons that this one has not touched. */
static void
merge_saved(struct progress *p, const char *path)
{
	struct progress disk;
	struct diag_list ignore;
	size_t len;
	char *text = read_file(path, &len);

	if (text == NULL)
		return;
	progress_init(&disk);
	diag_list_init(&ignore);
	if (progress_parse(&disk, path, text, len, &ignore) == 0) {
		for (size_t i = 0; i < disk.n; i++) {
			struct progress_lesson *mine = progress_lesson(p,
			    disk.lessons[i].id, false);

			if (mine != NULL && mine->dirty)
				continue;
			if (mine == NULL) {
				mine = progress_lesson(p, disk.lessons[i].id, true);
			}
			free(mine->quizzes);
			free(mine->id);
			*mine = disk.lessons[i];
			mine->dirty = false;
			disk.lessons[i].id = NULL;
			disk.lessons[i].quizzes = NULL;
		}
		if (!p->last_dirty && disk.last != NULL) {
			free(p->last);
			p->last = disk.last;
			disk.last = NULL;
		}
	}
	diag_list_free(&ignore);
	progress_free(&disk);
	free(text);
}

/* mkdir -p for the directory part of path. */
static int
make_parent(const char *path)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *s = dir + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(dir);
	return rc;
}

/* Write all of buf to fd. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* See progress.h. */
int
progress_save(struct progress *p, const char *path, struct diag_list *diags)
{
	char *tmp, *text, *slash;
	int fd, saved_errno;

	merge_saved(p, path);
	if (make_parent(path) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot create the "
		    "progress directory: %s", strerror(errno));
		return -1;
	}
	tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: %s",
		    strerror(errno));
		free(tmp);
		return -1;
	}
	text = progress_format(p);
	if (write_all(fd, text, strlen(text)) < 0 || fsync(fd) < 0) {
		saved_errno = errno;
		close(fd);
		unlink(tmp);
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: %s",
		    strerror(saved_errno));
		free(text);
		free(tmp);
		return -1;
	}
	free(text);
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		saved_errno = errno;
		unlink(tmp);
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: %s",
		    strerror(saved_errno));
		free(tmp);
		return -1;
	}
	free(tmp);
	/* make the rename itself durable */
	slash = strrchr(path, '/');
	if (slash != NULL) {
		char *dir = xstrndup(path, (size_t)(slash - path) + 1);
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	for (size_t i = 0; i < p->n; i++)
		p->lessons[i].dirty = false;
	p->last_dirty = false;
	return 0;
}
