/* keep: the reader's knobs, models and texts, kept for the session. */
#include "config.h"

#include "view/keep.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"

enum what {
	KEEP_KNOBS,
	KEEP_MODEL,
	KEEP_TEXT
};

/* One kept thing of one block. */
struct entry {
	enum what what;
	char *lesson;
	size_t block;
	char *setting;		/* KEEP_MODEL: the settings' text */
	struct sim_args args;	/* KEEP_KNOBS */
	int knob;		/* KEEP_KNOBS */
	struct sim_model *model;	/* KEEP_MODEL */
	char *text;		/* KEEP_TEXT */
	unsigned long when;	/* order of puts */
};

struct view_keep {
	struct entry *v;
	size_t n, cap;
	unsigned long clock;
};

/* See keep.h. */
struct view_keep *
view_keep_create(void)
{
	return xcalloc(1, sizeof(struct view_keep));
}

/* Free what one entry holds. */
static void
entry_free(struct entry *e)
{
	free(e->lesson);
	free(e->setting);
	if (e->what == KEEP_KNOBS)
		sim_args_free(&e->args);
	sim_model_destroy(e->model);
	free(e->text);
}

/* See keep.h. */
void
view_keep_destroy(struct view_keep *keep)
{
	if (keep == NULL)
		return;
	for (size_t i = 0; i < keep->n; i++)
		entry_free(&keep->v[i]);
	free(keep->v);
	free(keep);
}

/* "name=value ..." of every parameter of args: the settings' identity. */
static char *
setting_of(const struct sim_args *args)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_adds(&sb, args->spec->name);
	for (size_t i = 0; i < args->spec->nparams && i < SIM_MAX_PARAMS;
	    i++) {
		char *v = sim_args_format(args, i);

		strbuf_addf(&sb, " %s=%s", args->spec->params[i].name, v);
		free(v);
	}
	return strbuf_detach(&sb);
}

/* The entry of that kind for block (and setting, for models), or NULL. */
static struct entry *
find(const struct view_keep *keep, enum what what, const char *lesson,
    size_t block, const char *setting)
{
	for (size_t i = 0; i < keep->n; i++) {
		struct entry *e = &keep->v[i];

		if (e->what == what && e->block == block &&
		    strcmp(e->lesson, lesson) == 0 && (setting == NULL ||
		    strcmp(e->setting, setting) == 0))
			return e;
	}
	return NULL;
}

/* A new empty entry at the end. */
static struct entry *
add(struct view_keep *keep, enum what what, const char *lesson, size_t block)
{
	struct entry *e;

	if (keep->n == keep->cap) {
		keep->cap = keep->cap > 0 ? 2 * keep->cap : 8;
		keep->v = xreallocarray(keep->v, keep->cap, sizeof *keep->v);
	}
	e = &keep->v[keep->n++];
	memset(e, 0, sizeof *e);
	e->what = what;
	e->lesson = xstrdup(lesson);
	e->block = block;
	return e;
}

/* Remove entry e (its place taken by the last). */
static void
drop(struct view_keep *keep, struct entry *e)
{
	entry_free(e);
	*e = keep->v[--keep->n];
}

/* See keep.h. */
void
view_keep_put_knobs(struct view_keep *keep, const char *lesson, size_t block,
    const struct sim_args *args, int knob)
{
	struct entry *e = find(keep, KEEP_KNOBS, lesson, block, NULL);

	if (e != NULL)
		drop(keep, e);
	if (args == NULL || args->spec == NULL) {
		if (knob == 0)
			return;
		e = add(keep, KEEP_KNOBS, lesson, block);
	} else {
		e = add(keep, KEEP_KNOBS, lesson, block);
		sim_args_copy(&e->args, args);
	}
	e->knob = knob;
	e->when = ++keep->clock;
}

/* See keep.h. */
const struct sim_args *
view_keep_knobs(const struct view_keep *keep, const char *lesson,
    size_t block, int *knob)
{
	struct entry *e = find(keep, KEEP_KNOBS, lesson, block, NULL);

	*knob = e != NULL ? e->knob : 0;
	return e != NULL && e->args.spec != NULL ? &e->args : NULL;
}

/* See keep.h. */
void
view_keep_put_model(struct view_keep *keep, const char *lesson,
    size_t block, const struct sim_args *args, struct sim_model *model)
{
	char *setting = setting_of(args);
	struct entry *e = find(keep, KEEP_MODEL, lesson, block, setting);

	if (e != NULL)
		drop(keep, e);
	e = add(keep, KEEP_MODEL, lesson, block);
	e->setting = setting;
	e->model = model;
	e->when = ++keep->clock;
}

/* See keep.h. */
const struct sim_model *
view_keep_model(const struct view_keep *keep, const char *lesson,
    size_t block, const struct sim_args *args)
{
	char *setting = setting_of(args);
	struct entry *e = find(keep, KEEP_MODEL, lesson, block, setting);

	free(setting);
	return e != NULL ? e->model : NULL;
}

/* See keep.h. */
const struct sim_model *
view_keep_beside(const struct view_keep *keep, const char *lesson,
    const struct sim_model *model, const char *want_kind)
{
	const struct entry *best = NULL;
	const char *kind = sim_model_kind(model);

	for (size_t i = 0; i < keep->n; i++) {
		const struct entry *e = &keep->v[i];
		const char *k;
		int better;

		if (e->what != KEEP_MODEL || strcmp(e->lesson, lesson) != 0 ||
		    !sim_model_same_sim(e->model, model))
			continue;
		k = sim_model_kind(e->model);
		if (strcmp(k, kind) == 0)
			continue;
		if (best == NULL)
			better = 1;
		else if ((strcmp(k, want_kind) == 0) !=
		    (strcmp(sim_model_kind(best->model), want_kind) == 0))
			better = strcmp(k, want_kind) == 0;
		else
			better = e->when > best->when;
		if (better)
			best = e;
	}
	return best != NULL ? best->model : NULL;
}

/* See keep.h. */
void
view_keep_put_text(struct view_keep *keep, const char *lesson, size_t block,
    const char *text)
{
	struct entry *e = find(keep, KEEP_TEXT, lesson, block, NULL);

	if (e == NULL)
		e = add(keep, KEEP_TEXT, lesson, block);
	free(e->text);
	e->text = xstrdup(text);
	e->when = ++keep->clock;
}

/* See keep.h. */
const char *
view_keep_text(const struct view_keep *keep, const char *lesson,
    size_t block)
{
	const struct entry *e = find(keep, KEEP_TEXT, lesson, block, NULL);

	return e != NULL ? e->text : NULL;
}
