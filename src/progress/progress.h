/* progress: what a student has done, kept between sessions.
 *
 * For each lesson id: the reading position (the block at the top of the
 * screen), how far into the lesson the reader has been (percent), whether
 * the lesson was finished, and each quiz's result and attempts. The file is
 * plain text a person can read (see progress_format()):
 *
 *     # rnntutor progress
 *     version 1
 *     last vanishing-gradients
 *     lesson vanishing-gradients
 *       block 12
 *       seen 45
 *       finished no
 *       quiz 5 right 1
 *
 * Saving is atomic (a temporary file in the same directory, fsync, rename),
 * and merges with what another session saved meanwhile, so a crash, a
 * dropped connection or two sessions never leave a broken file. A file that
 * does not parse is renamed aside, never silently lost.
 *
 * Ownership: struct progress is caller-owned storage (progress_init() /
 * progress_free()); it owns its records and strings. */
#ifndef RNNTUTOR_PROGRESS_H
#define RNNTUTOR_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

#define PROGRESS_MAX_FILE (4 * 1024 * 1024)

struct progress_quiz {
	size_t block;		/* the quiz's block index in its lesson */
	bool right;		/* the last answer was right */
	int attempts;
};

struct progress_lesson {
	char *id;
	size_t block;		/* block at the top of the screen */
	int seen;		/* furthest point read, percent 0..100 */
	bool finished;
	struct progress_quiz *quizzes;
	size_t nquizzes;
	bool dirty;		/* changed in this session: saved over others */
};

struct progress {
	char *last;		/* id of the lesson read last; may be NULL */
	bool last_dirty;
	struct progress_lesson *lessons;
	size_t n;
};

void progress_init(struct progress *p);
void progress_free(struct progress *p);

/* Parse the text of a progress file into p (initialised, empty). Returns 0,
 * or -1 with an error at FILE:LINE in diags; p is then left empty. */
int progress_parse(struct progress *p, const char *name, const char *text,
    size_t len, struct diag_list *diags);
/* The file text of p, as a new heap string. */
char *progress_format(const struct progress *p);

/* The record of a lesson id, created (and marked dirty) when absent if
 * create is set; NULL otherwise. */
struct progress_lesson *progress_lesson(struct progress *p, const char *id,
    bool create);
/* Record a quiz answer (attempts counts up). Marks the lesson dirty. */
void progress_quiz_answer(struct progress_lesson *l, size_t block, bool right);
/* The quiz record of a block, or NULL. */
const struct progress_quiz *progress_quiz_find(const struct progress_lesson *l,
    size_t block);
/* Forget a lesson (id), or everything (id NULL). Marks it for saving. */
void progress_reset(struct progress *p, const char *id);

/* The progress file's path: $XDG_STATE_HOME/rnntutor/progress, or
 * ~/.local/state/rnntutor/progress. NULL when neither can be found. Heap. */
char *progress_default_path(void);

/* Load path into p (initialised, empty). A missing file is no error. A file
 * that does not parse is renamed to PATH.corrupt-TIME and a warning says so;
 * p stays empty. Returns 0, or -1 on an error reading the file (warning in
 * diags). */
int progress_load(struct progress *p, const char *path,
    struct diag_list *diags);
/* Save p atomically, merging in the lessons another session saved that p
 * has not changed. Creates the directory if needed. Returns 0, or -1 with
 * an error in diags (the old file is then untouched). */
int progress_save(struct progress *p, const char *path,
    struct diag_list *diags);

#endif
