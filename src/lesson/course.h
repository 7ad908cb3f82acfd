/* course: the lessons the reader can study, in course order.
 *
 * The built-in course (compiled into the binary) is merged with lesson files
 * found on disk; a lesson on disk replaces a built-in one with the same id.
 * Places searched, highest precedence first: the -L directories in the order
 * given, each entry of $RNNTUTOR_PATH (colon-separated),
 * $XDG_DATA_HOME/rnntutor/lessons (default ~/.local/share/rnntutor/lessons),
 * the installed PKGDATADIR/lessons, then the built-in course. A file that
 * does not load is reported in the diag list and skipped; the rest of the
 * course still works.
 *
 * Ownership: course_load() returns a heap course; course_destroy() frees it
 * and every lesson in it. Lessons are borrowed by callers. */
#ifndef RNNTUTOR_COURSE_H
#define RNNTUTOR_COURSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "lesson/lesson.h"

struct course;

struct course_opts {
	const char *const *dirs;	/* -L directories, highest precedence first */
	size_t ndirs;
	bool use_env;		/* search $RNNTUTOR_PATH and the XDG directory */
	bool use_installed;	/* search PKGDATADIR/lessons */
	bool use_builtin;	/* include the built-in course */
};

/* Load the course. Never fails as a whole: problems go to diags. */
struct course *course_load(const struct course_opts *opts,
    struct diag_list *diags);
void course_destroy(struct course *course);

size_t course_count(const struct course *course);
const struct lesson *course_lesson(const struct course *course, size_t i);
/* The directories of lesson files a reader may edit, in the order
 * course_load() reads them: the -L directories, then (use_env) each entry
 * of $RNNTUTOR_PATH and the XDG lesson directory, whether they exist or
 * not (not the installed lessons nor the built-in course). Returns their
 * count; *dirs is a new heap array of heap strings (NULL when there are
 * none) that course_dirs_free() frees. */
size_t course_dirs(const struct course_opts *opts, char ***dirs);
void course_dirs_free(char **dirs, size_t n);

/* The index of the lesson named by its number ("2") or id, or -1. */
long course_find(const struct course *course, const char *name);

/* Load files given by name (as --check does): every file is loaded, and a
 * lesson id used twice is an error at the second file. Returns the number of
 * files that failed. (*lessons_out)[i] is file i's lesson, or as much of it
 * as loaded when only its contents are wrong (lesson_load_file_partial), or
 * NULL when it could not be read or parsed. */
size_t course_check_files(const char *const *files, size_t n,
    struct diag_list *diags, struct lesson ***lessons_out);

#endif
