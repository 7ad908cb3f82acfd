/* progress: what a student has done, kept between sessions.
 *
 * For each lesson id: the reading position (the block at the top of the
 * screen and how many of its lines are above the screen's top) with the
 * time it was changed, how far into the lesson the reader
 * has been (percent), whether the lesson was finished, and each quiz's
 * result and attempts. The file is plain text a person can read (see
 * progress_format()):
 *
 *     # rnntutor progress
 *     version 1
 *     last vanishing-gradients 1718000000123456
 *     lesson vanishing-gradients
 *       block 12 1718000000123456
 *       seen 45
 *       finished no
 *       quiz 5 right 1
 *     review powers 2/5 1718000000123456
 *
 * The numbers after "last" and "block" are when they were changed
 * (microseconds since 1970); files without them still load. A fourth
 * number after "block", written only when it is not 0, is the line offset
 * into the block ("block 12 1718000000123456 3": the screen starts at the
 * fourth line of block 12; -1: the blank line just above it).
 *
 * Lines that begin with "#+ " are records older versions read as
 * comments, so a file holding them still loads there (an older version
 * that saves drops them, nothing else):
 *
 *       #+ revealed 5           the reader asked for quiz 5's answer
 *       #+ predict 9 b          the prediction committed on block 9:
 *       #+ predict 11 0.25        a choice's letter, or a number
 *
 * A "#+ " record of a kind this version does not know is kept as it is
 * and written back where it was (in its lesson, or before the first).
 *
 * Several sessions may run at once (two SSH logins, two terminals). Saving
 * merges by fact, not by lesson: what this session did is combined with
 * what the file holds now, and what it did not change is taken from the
 * file. A quiz answered right stays right, a revealed one stays revealed,
 * attempts add up, a committed prediction keeps the guess saved first,
 * "seen" takes the larger value, a finished lesson stays finished, and the reading
 * position and last lesson are the ones changed most recently. A lesson
 * forgotten with progress_reset() is saved as this session has it.
 *
 * Saving is atomic (a temporary file of a random name made with O_EXCL in
 * the same directory, fsync, rename), in a directory that must be the
 * user's own and writable by nobody else; a file that does not parse or
 * cannot be read is renamed aside, never silently lost.
 *
 * Ownership: struct progress is caller-owned storage (progress_init() /
 * progress_free()); it owns its records and strings. Pointers to records
 * are valid until the next call that adds a record, progress_save() or
 * progress_free(). */
#ifndef RNNTUTOR_PROGRESS_H
#define RNNTUTOR_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"

/* What a progress file may hold; a file past these is refused (and set
 * aside) with a message that says which limit. */
#define PROGRESS_MAX_FILE	(4 * 1024 * 1024)	/* bytes */
#define PROGRESS_MAX_LESSONS	10000
#define PROGRESS_MAX_QUIZZES	2000	/* quizzes in one lesson */
#define PROGRESS_MAX_BLOCK	100000	/* a block index */
#define PROGRESS_MAX_OFFSET	1000000	/* lines into a block */
#define PROGRESS_MAX_ATTEMPTS	1000000
#define PROGRESS_MAX_EXTRA	10000	/* unknown "#+ " records in a file */

struct progress_quiz {
	size_t block;		/* the quiz's block index in its lesson */
	bool right;		/* answered right at least once */
	int attempts;
	bool revealed;		/* the answer was shown before it was known */
	/* as loaded or last saved: what this session changed is the difference */
	bool base_right;
	int base_attempts;
	bool base_revealed;
};

/* A prediction committed on a simulation block that asks for one. */
struct progress_predict {
	size_t block;		/* the sim block's index in its lesson */
	bool is_choice;		/* choice (0 = a) or value was guessed */
	size_t choice;		/* < 26 */
	double value;		/* finite */
	bool base;		/* as loaded or last saved (not this session's) */
};

struct progress_lesson {
	char *id;
	size_t block;		/* block at the top of the screen */
	long offset;		/* its lines above the top of the screen;
				 * negative: blank lines before its first */
	int64_t block_at;	/* when block was set (progress_now()), or 0 */
	int seen;		/* furthest point read, percent 0..100 */
	bool finished;
	struct progress_quiz *quizzes;	/* sorted by block */
	size_t nquizzes;
	struct progress_predict *predicts;	/* sorted by block */
	size_t npredicts;
	char **extra;		/* "#+ " lines of unknown kinds, as read */
	size_t nextra;
	bool reset;		/* forgotten in this session: saved as it is */
	/* as loaded or last saved */
	size_t base_block;
	long base_offset;
	int64_t base_block_at;
	int base_seen;
	bool base_finished;
};

/* What `rnntutor review` knows of one concept: a kind of generated
 * question ("powers", "params", "gates", "clip") or a quiz the reader
 * missed ("quiz:LESSON-ID:BLOCK"). */
#define PROGRESS_MAX_CONCEPT	120	/* bytes of a concept name */
#define PROGRESS_MAX_REVIEWS	1000	/* concepts reviewed */

struct progress_review {
	char *concept;
	int streak;		/* right answers in a row (0 after a miss) */
	int asked;		/* times asked */
	int64_t at;		/* when last asked (progress_now()), or 0 */
	bool changed;		/* asked in this session */
};

struct progress {
	char *last;		/* id of the lesson read last; may be NULL */
	int64_t last_at;	/* when last was set, or 0 */
	char *base_last;	/* last as loaded or last saved */
	int64_t base_last_at;
	bool reset_all;		/* everything forgotten in this session */
	bool locked;		/* the file could not be read nor set aside:
				 * progress_save() refuses to replace it */
	struct progress_lesson *lessons;
	size_t n;
	struct progress_review *reviews;	/* in the order first asked */
	size_t nreviews;
	char **extra;		/* unknown "#+ " lines before the first lesson */
	size_t nextra;
	size_t *index;		/* hash of ids: lessons index + 1, 0 empty */
	size_t index_size;	/* slots, a power of two, or 0 */
};

void progress_init(struct progress *p);
void progress_free(struct progress *p);

/* Parse the text of a progress file into p (initialised, empty), in time
 * linear in len. Returns 0, or -1 with an error at FILE:LINE in diags
 * (also for a file past the limits above); p is then left empty. What
 * was parsed is the base: nothing counts as changed by this session. */
int progress_parse(struct progress *p, const char *name, const char *text,
    size_t len, struct diag_list *diags);
/* The file text of p, as a new heap string. */
char *progress_format(const struct progress *p);

/* A time stamp for a change: microseconds since 1970, and always later
 * than the one given before in this process. */
int64_t progress_now(void);

/* The record of a lesson id, created (empty, nothing changed) when absent
 * if create is set; NULL otherwise. */
struct progress_lesson *progress_lesson(struct progress *p, const char *id,
    bool create);
/* Move the reading position; a change is time-stamped, setting the same
 * block again is no change. */
void progress_set_block(struct progress_lesson *l, size_t block);
/* Move the reading position to line offset of block; as above. */
void progress_set_place(struct progress_lesson *l, size_t block,
    long offset);
/* The reader moved to line offset of block: as progress_set_place, and a
 * record never placed (block 0, offset 0, no stamp) moved to block 0 at
 * offset 0 is stamped too, for that is block 0's first line, a place of
 * its own, not the title a record without a stamp opens at. */
void progress_move_to(struct progress_lesson *l, size_t block, long offset);
/* Set the lesson read last (NULL: none); time-stamped as above. */
void progress_set_last(struct progress *p, const char *id);
/* Record a quiz answer: attempts count up, and a right answer stays right. */
void progress_quiz_answer(struct progress_lesson *l, size_t block, bool right);
/* How many of l's quizzes were answered right, and how many of those
 * right at the first try (one attempt, never revealed; a revealed answer
 * counts as a wrong try). l may be NULL (none). */
void progress_quiz_score(const struct progress_lesson *l, size_t *right,
    size_t *first_try);
/* The quiz record of a block, or NULL. */
const struct progress_quiz *progress_quiz_find(const struct progress_lesson *l,
    size_t block);
/* Record that a quiz's answer was shown before the reader knew it (asked
 * for with '!', or after as many wrong tries as the lesson allows). */
void progress_quiz_revealed(struct progress_lesson *l, size_t block);
/* Record the prediction committed on a sim block: a choice (is_choice,
 * index < 26) or a finite value. A block keeps its first prediction. */
void progress_predict_commit(struct progress_lesson *l, size_t block,
    bool is_choice, size_t choice, double value);
/* The prediction committed on a block, or NULL. */
const struct progress_predict *progress_predict_find(
    const struct progress_lesson *l, size_t block);
/* Is s a concept name: 1 to PROGRESS_MAX_CONCEPT bytes of a-z, 0-9, '-'
 * and ':'? */
bool progress_concept_valid(const char *s);
/* The review record of a concept, or NULL. */
const struct progress_review *progress_review_find(const struct progress *p,
    const char *concept);
/* Record a review answer (concept valid): the streak grows or restarts,
 * asked counts up, at becomes now. Merged by time: the latest asking of a
 * concept wins. */
void progress_review_answer(struct progress *p, const char *concept,
    bool right, int64_t now);
/* Forget a lesson (id), or everything (id NULL). The next save writes the
 * lesson as this session has it, whatever another session saved before. */
void progress_reset(struct progress *p, const char *id);

/* Did this session change the lesson (since it was loaded or saved)? */
bool progress_lesson_changed(const struct progress_lesson *l);
/* Merge: into out (initialised, empty), the facts of disk (what the file
 * holds now) combined with what mine changed, as described at the top.
 * out is a new base: nothing in it counts as changed. */
void progress_merge(struct progress *out, const struct progress *mine,
    const struct progress *disk);

/* The progress file's path: $XDG_STATE_HOME/rnntutor/progress, or
 * ~/.local/state/rnntutor/progress. NULL when neither can be found. Heap. */
char *progress_default_path(void);

/* Load path into p (initialised, empty). A missing file is no error. A file
 * that does not parse or cannot be read (too large, not a regular file) is
 * renamed to PATH.corrupt-TIME and a warning says so; p stays empty.
 * Returns 0, or -1 with a warning in diags when the directory is not safe
 * (see progress_save()), or the file could neither be read nor set aside,
 * or a directory stands in its place (p->locked is then set). */
int progress_load(struct progress *p, const char *path,
    struct diag_list *diags);
/* Save p atomically, merged with what the file holds now (see the top);
 * p then holds the merged records, all unchanged. Creates the directory
 * (mode 0700) if needed; refuses a directory that is not the user's own or
 * that others may write to, and a locked p. The file is mode 0600.
 * Returns 0, or -1 with an error in diags (the old file is then untouched
 * and p unchanged). */
int progress_save(struct progress *p, const char *path,
    struct diag_list *diags);

#endif
