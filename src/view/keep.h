/* keep: what the reader made of a lesson's simulations, for the session.
 *
 * Leaving a lesson (q, [, ]) and coming back, or turning a knob and
 * turning it back, must not throw away the reader's work: the knob
 * settings of each block, each model trained (one per block and
 * setting: the last one trained with those settings) and the last text
 * typed for a block's model. Blocks are named by their lesson's id and
 * their index in it; settings by every parameter's value.
 *
 * Ownership: view_keep_create() returns a heap object
 * (view_keep_destroy()). It takes the models put into it and owns copies
 * of the rest; what its getters return is owned by it and valid until the
 * next put for the same block (or destroy). */
#ifndef RNNTUTOR_VIEW_KEEP_H
#define RNNTUTOR_VIEW_KEEP_H

#include <stddef.h>

#include "sim/sim.h"

struct view_keep;

struct view_keep *view_keep_create(void);
void view_keep_destroy(struct view_keep *keep);

/* The knobs of block of lesson: a copy of args (spec NULL or args NULL:
 * the lesson's own settings, forgetting any kept) and the selected knob. */
void view_keep_put_knobs(struct view_keep *keep, const char *lesson,
    size_t block, const struct sim_args *args, int knob);
/* The kept knobs of that block, or NULL; *knob gets the selected one. */
const struct sim_args *view_keep_knobs(const struct view_keep *keep,
    const char *lesson, size_t block, int *knob);

/* Keep model (taken) as the one trained for block with args, replacing
 * the one kept for the same settings. */
void view_keep_put_model(struct view_keep *keep, const char *lesson,
    size_t block, const struct sim_args *args, struct sim_model *model);
/* The model trained for block with args, or NULL. */
const struct sim_model *view_keep_model(const struct view_keep *keep,
    const char *lesson, size_t block, const struct sim_args *args);
/* A model to set beside model: the latest kept for lesson, of the same
 * simulation but of another kind (an RNN beside an LSTM), preferring
 * want_kind when some model is of that kind; NULL when there is none. */
const struct sim_model *view_keep_beside(const struct view_keep *keep,
    const char *lesson, const struct sim_model *model,
    const char *want_kind);

/* The last text typed for block's model (copied), and reading it back
 * (NULL: none). */
void view_keep_put_text(struct view_keep *keep, const char *lesson,
    size_t block, const char *text);
const char *view_keep_text(const struct view_keep *keep, const char *lesson,
    size_t block);

#endif
