/* result: building, copying and freeing struct sim_result (sim.h). */
#include "config.h"

#include "sim/sim.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

/* An empty result. */
void
sim_result_init(struct sim_result *res)
{
	res->step_name = NULL;
	res->step_first = 0;
	res->series = NULL;
	res->nseries = 0;
	res->scalars = NULL;
	res->nscalars = 0;
	res->tables = NULL;
	res->ntables = 0;
	res->notes = NULL;
	res->nnotes = 0;
}

/* Free one table's strings and arrays. */
static void
table_free(struct sim_table *t)
{
	free(t->name);
	for (size_t i = 0; i < t->ncols; i++)
		free(t->header[i]);
	free(t->header);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->bar);
}

/* Free everything and leave res empty. */
void
sim_result_free(struct sim_result *res)
{
	free(res->step_name);
	for (size_t i = 0; i < res->nseries; i++) {
		free(res->series[i].name);
		free(res->series[i].label);
		free(res->series[i].v);
	}
	free(res->series);
	for (size_t i = 0; i < res->nscalars; i++) {
		free(res->scalars[i].name);
		free(res->scalars[i].label);
	}
	free(res->scalars);
	for (size_t i = 0; i < res->ntables; i++)
		table_free(&res->tables[i]);
	free(res->tables);
	for (size_t i = 0; i < res->nnotes; i++)
		free(res->notes[i]);
	free(res->notes);
	sim_result_init(res);
}

/* Lookup by name. */
const struct sim_series *
sim_result_series(const struct sim_result *res, const char *name)
{
	for (size_t i = 0; i < res->nseries; i++)
		if (strcmp(res->series[i].name, name) == 0)
			return &res->series[i];
	return NULL;
}

/* Lookup by name. */
const struct sim_scalar *
sim_result_scalar(const struct sim_result *res, const char *name)
{
	for (size_t i = 0; i < res->nscalars; i++)
		if (strcmp(res->scalars[i].name, name) == 0)
			return &res->scalars[i];
	return NULL;
}

/* Append a series; the pointer is valid until the next append. */
struct sim_series *
sim_result_add_series(struct sim_result *res, const char *name,
    const char *label, double *v, size_t n)
{
	struct sim_series *s;

	res->series = xreallocarray(res->series, res->nseries + 1,
	    sizeof *res->series);
	s = &res->series[res->nseries++];
	s->name = xstrdup(name);
	s->label = xstrdup(label != NULL ? label : "");
	s->v = v;
	s->n = n;
	s->has_range = 0;
	s->lo = s->hi = 0.0;
	s->row = SIM_ROW_NONE;
	return s;
}

/* Append a scalar. */
void
sim_result_add_scalar(struct sim_result *res, const char *name,
    const char *label, double value)
{
	struct sim_scalar *s;

	res->scalars = xreallocarray(res->scalars, res->nscalars + 1,
	    sizeof *res->scalars);
	s = &res->scalars[res->nscalars++];
	s->name = xstrdup(name);
	s->label = xstrdup(label != NULL ? label : "");
	s->value = value;
}

/* Append an empty table; the pointer is valid until the next append. */
struct sim_table *
sim_result_add_table(struct sim_result *res, const char *name, size_t ncols,
    const char *const *header)
{
	struct sim_table *t;

	res->tables = xreallocarray(res->tables, res->ntables + 1,
	    sizeof *res->tables);
	t = &res->tables[res->ntables++];
	t->name = xstrdup(name);
	t->ncols = ncols;
	t->nrows = 0;
	t->header = xreallocarray(NULL, ncols, sizeof *t->header);
	for (size_t i = 0; i < ncols; i++)
		t->header[i] = xstrdup(header[i]);
	t->cells = NULL;
	t->bar = xcalloc(ncols + 1, 1);
	return t;
}

/* See sim.h. */
void
sim_table_set_bar(struct sim_table *t, size_t col)
{
	if (col < t->ncols)
		t->bar[col] = 1;
}

/* Append a row of copies of cells[0..ncols). */
void
sim_table_add_row(struct sim_table *t, const char *const *cells)
{
	size_t base = t->nrows * t->ncols;

	t->cells = xreallocarray(t->cells, base + t->ncols, sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[base + i] = xstrdup(cells[i]);
	t->nrows++;
}

/* Append a line of text. */
void
sim_result_add_note(struct sim_result *res, const char *fmt, ...)
{
	va_list ap;

	res->notes = xreallocarray(res->notes, res->nnotes + 1,
	    sizeof *res->notes);
	va_start(ap, fmt);
	res->notes[res->nnotes++] = xvasprintf(fmt, ap);
	va_end(ap);
}

/* A deep copy, built through the same appenders as any result. */
void
sim_result_copy(struct sim_result *dst, const struct sim_result *src)
{
	dst->step_name = src->step_name != NULL ? xstrdup(src->step_name) :
	    NULL;
	dst->step_first = src->step_first;
	for (size_t i = 0; i < src->nseries; i++) {
		const struct sim_series *s = &src->series[i];
		double *v = xreallocarray(NULL, s->n + 1, sizeof *v);
		struct sim_series *d;

		if (s->n > 0)
			memcpy(v, s->v, s->n * sizeof *v);
		d = sim_result_add_series(dst, s->name, s->label, v, s->n);
		d->has_range = s->has_range;
		d->lo = s->lo;
		d->hi = s->hi;
		d->row = s->row;
	}
	for (size_t i = 0; i < src->nscalars; i++)
		sim_result_add_scalar(dst, src->scalars[i].name,
		    src->scalars[i].label, src->scalars[i].value);
	for (size_t i = 0; i < src->ntables; i++) {
		const struct sim_table *t = &src->tables[i];
		struct sim_table *d = sim_result_add_table(dst, t->name, t->ncols,
		    (const char *const *)t->header);

		for (size_t r = 0; r < t->nrows; r++)
			sim_table_add_row(d,
			    (const char *const *)&t->cells[r * t->ncols]);
		memcpy(d->bar, t->bar, t->ncols);
	}
	for (size_t i = 0; i < src->nnotes; i++)
		sim_result_add_note(dst, "%s", src->notes[i]);
}
