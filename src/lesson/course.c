#include "config.h"

#include "lesson/course.h"
#include "core/builtin.h"
#include "core/num.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/rnntutor"
#endif

struct course {
	struct lesson **lessons;
	size_t n;
	size_t cap;
};

/* The lesson with id, or -1. */
static long
find_id(const struct course *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->lessons[i]->id, id) == 0)
			return (long)i;
	return -1;
}

/* Add a lesson unless a higher-precedence one has its id already. */
static void
course_add(struct course *c, struct lesson *l)
{
	if (find_id(c, l->id) >= 0) {
		lesson_destroy(l);	/* overridden by an earlier source */
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap != 0 ? c->cap * 2 : 8;
		c->lessons = xreallocarray(c->lessons, c->cap,
		    sizeof *c->lessons);
	}
	c->lessons[c->n++] = l;
}

/* Does a file name end in .yaml or .yml? */
static int
is_lesson_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && ((len > 5 && strcmp(name + len - 5, ".yaml") == 0)
	    || (len > 4 && strcmp(name + len - 4, ".yml") == 0));
}

/* qsort order for file names. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted lesson file names of a directory (an empty directory gives an
 * empty list, not NULL); NULL with *err set if it cannot be read. */
static char **
list_dir(const char *dir, size_t *n, int *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		*err = errno;
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_lesson_name(e->d_name))
			continue;
		if (*n == cap) {
			cap = cap != 0 ? cap * 2 : 16;
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
		if (*n >= 1000)
			break;	/* a lesson directory, not a dump */
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof *names, cmp_names);
	else
		names = xcalloc(1, sizeof *names);	/* empty, not unreadable */
	return names;
}

/* Load every lesson file of names; duplicates of an id among them are
 * errors at the later file. lessons[i] is NULL where file i failed, unless
 * keep is set: then a file that is YAML but breaks the schema gives its
 * lesson as far as it loaded, for --check to go on checking. */
static size_t
load_files(const char *const *names, size_t n, int keep,
    struct diag_list *diags, struct lesson **lessons)
{
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		struct stat st;

		lessons[i] = NULL;
		if (stat(names[i], &st) == 0 && !S_ISREG(st.st_mode)) {
			diag_add(diags, DIAG_ERROR, names[i], 0, 0, "not a "
			    "regular file; skipped");
			failed++;
			continue;
		}
		if ((keep ? lesson_load_file_partial(&lessons[i], names[i],
		    diags) : lesson_load_file(&lessons[i], names[i], diags)) < 0)
			failed++;
		if (lessons[i] == NULL || lessons[i]->id == NULL)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (lessons[j] == NULL || lessons[j]->id == NULL ||
			    strcmp(lessons[j]->id, lessons[i]->id) != 0)
				continue;
			diag_add(diags, DIAG_ERROR, names[i],
			    lessons[i]->id_pos.line, lessons[i]->id_pos.col,
			    "duplicate lesson id '%s' (also used by %s:%d:%d)",
			    lessons[i]->id, lessons[j]->file,
			    lessons[j]->id_pos.line, lessons[j]->id_pos.col);
			if (!keep) {
				lesson_destroy(lessons[i]);
				lessons[i] = NULL;
			}
			failed++;
			break;
		}
	}
	return failed;
}

/* See course.h. */
size_t
course_check_files(const char *const *files, size_t n, struct diag_list *diags,
    struct lesson ***lessons_out)
{
	struct lesson **lessons = xcalloc(n + 1, sizeof *lessons);
	size_t failed = load_files(files, n, 1, diags, lessons);

	if (lessons_out != NULL) {
		*lessons_out = lessons;
	} else {
		for (size_t i = 0; i < n; i++)
			lesson_destroy(lessons[i]);
		free(lessons);
	}
	return failed;
}

/* Load one directory of lessons into the course. explicit: the user named
 * it, so a missing directory is an error rather than normal. */
static void
load_dir(struct course *c, const char *dir, int explicit,
    struct diag_list *diags)
{
	struct lesson **lessons;
	size_t n = 0;
	int err = 0;
	char **names = list_dir(dir, &n, &err);

	if (names == NULL) {
		if (explicit || (err != ENOENT && err != ENOTDIR))
			diag_add(diags, explicit ? DIAG_ERROR : DIAG_WARNING, dir,
			    0, 0, "cannot read lesson directory: %s",
			    strerror(err));
		return;
	}
	lessons = xcalloc(n + 1, sizeof *lessons);
	load_files((const char *const *)names, n, 0, diags, lessons);
	for (size_t i = 0; i < n; i++) {
		if (lessons[i] != NULL)
			course_add(c, lessons[i]);
		free(names[i]);
	}
	free(lessons);
	free(names);
}

/* Load each entry of a colon-separated path list. */
static void
load_path_list(struct course *c, const char *list, struct diag_list *diags)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *dir = strtok_r(copy, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save))
		load_dir(c, dir, 0, diags);
	free(copy);
}

/* $XDG_DATA_HOME/rnntutor/lessons or ~/.local/share/rnntutor/lessons, as
 * a new string, or NULL when neither variable says where. */
static char *
xdg_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/rnntutor/lessons", xdg);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.local/share/rnntutor/lessons", home);
	return NULL;
}

/* The user's own lesson directory (see xdg_dir()). */
static void
load_xdg(struct course *c, struct diag_list *diags)
{
	char *dir = xdg_dir();

	if (dir != NULL)
		load_dir(c, dir, 0, diags);
	free(dir);
}

/* Append a copy of dir to a list of n directories. */
static void
add_dir(char ***dirs, size_t *n, const char *dir)
{
	*dirs = xreallocarray(*dirs, *n + 1, sizeof **dirs);
	(*dirs)[(*n)++] = xstrdup(dir);
}

/* See course.h. */
size_t
course_dirs(const struct course_opts *opts, char ***dirs)
{
	size_t n = 0;

	*dirs = NULL;
	for (size_t i = 0; i < opts->ndirs; i++)
		add_dir(dirs, &n, opts->dirs[i]);
	if (opts->use_env) {
		const char *path = getenv("RNNTUTOR_PATH");
		char *xdg = xdg_dir();

		if (path != NULL && path[0] != '\0') {
			char *copy = xstrdup(path), *save = NULL;

			/* as load_path_list() reads it */
			for (char *dir = strtok_r(copy, ":", &save); dir != NULL;
			    dir = strtok_r(NULL, ":", &save))
				add_dir(dirs, &n, dir);
			free(copy);
		}
		if (xdg != NULL)
			add_dir(dirs, &n, xdg);
		free(xdg);
	}
	return n;
}

/* See course.h. */
void
course_dirs_free(char **dirs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(dirs[i]);
	free(dirs);
}

/* The lessons compiled into the binary. */
static void
load_builtin(struct course *c, struct diag_list *diags)
{
	for (size_t i = 0; i < builtin_nfiles; i++) {
		const struct builtin_file *f = &builtin_files[i];
		char *name;
		struct lesson *l;

		if (!is_lesson_name(strrchr(f->name, '/') != NULL ?
		    strrchr(f->name, '/') + 1 : f->name))
			continue;	/* data the lessons use, not a lesson */
		name = xasprintf("builtin:%s", f->name);
		if (lesson_load_buffer(&l, name, f->data, f->len, diags) == 0)
			course_add(c, l);
		free(name);
	}
}

/* Course order: by number, then by id. */
static int
cmp_lessons(const void *a, const void *b)
{
	const struct lesson *x = *(const struct lesson *const *)a;
	const struct lesson *y = *(const struct lesson *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* See course.h. */
struct course *
course_load(const struct course_opts *opts, struct diag_list *diags)
{
	struct course *c = xcalloc(1, sizeof *c);

	for (size_t i = 0; i < opts->ndirs; i++)
		load_dir(c, opts->dirs[i], 1, diags);
	if (opts->use_env) {
		const char *path = getenv("RNNTUTOR_PATH");

		if (path != NULL && path[0] != '\0')
			load_path_list(c, path, diags);
		load_xdg(c, diags);
	}
	if (opts->use_installed)
		load_dir(c, PKGDATADIR "/lessons", 0, diags);
	if (opts->use_builtin)
		load_builtin(c, diags);
	if (c->n > 1)
		qsort(c->lessons, c->n, sizeof *c->lessons, cmp_lessons);
	return c;
}

/* Free the course and its lessons. */
void
course_destroy(struct course *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		lesson_destroy(c->lessons[i]);
	free(c->lessons);
	free(c);
}

/* Number of lessons. */
size_t
course_count(const struct course *c)
{
	return c->n;
}

/* Lesson i in course order. */
const struct lesson *
course_lesson(const struct course *c, size_t i)
{
	return i < c->n ? c->lessons[i] : NULL;
}

/* Find a lesson by number or id: a word of digits is a number (no id is
 * all digits, see core/lessonid.h), read by core/num.c's rule. */
long
course_find(const struct course *c, const char *name)
{
	long long number;
	int rc = num_parse_long(name, 1, LESSON_MAX_NUMBER, &number);

	if (rc == NUM_OK) {
		for (size_t i = 0; i < c->n; i++)
			if (c->lessons[i]->number == number)
				return (long)i;
		return -1;
	}
	if (rc == NUM_ERANGE)
		return -1;	/* a number, but no lesson can have it */
	return find_id(c, name);
}
