/* progress_int: what the files of src/progress share and nobody else uses. */
#ifndef RNNTUTOR_PROGRESS_INT_H
#define RNNTUTOR_PROGRESS_INT_H

#include "progress/progress.h"

/* Find or add the quiz record of a block, keeping the records sorted. */
struct progress_quiz *progress_quiz_record(struct progress_lesson *l,
    size_t block);
/* Add the prediction record of a block (empty), keeping the records
 * sorted; NULL when the block has one already. */
struct progress_predict *progress_predict_add(struct progress_lesson *l,
    size_t block);
/* Append a copy of line to a list of "#+ " lines. */
void progress_extra_add(char ***v, size_t *n, const char *line);
/* Find or add the review record of a concept (never asked). */
struct progress_review *progress_review_record(struct progress *p,
    const char *concept);
/* Make every fact of p its base: nothing counts as changed. */
void progress_settle(struct progress *p);

#endif
