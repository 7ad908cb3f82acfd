#include "config.h"

#include "core/diag.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An empty list that owns nothing yet. */
void
diag_list_init(struct diag_list *list)
{
	list->v = NULL;
	list->n = list->cap = list->nerrors = 0;
}

/* Free the strings of every record but keep the array. */
void
diag_list_clear(struct diag_list *list)
{
	for (size_t i = 0; i < list->n; i++) {
		free(list->v[i].file);
		free(list->v[i].msg);
	}
	list->n = list->nerrors = 0;
}

/* Free everything the list owns. */
void
diag_list_free(struct diag_list *list)
{
	diag_list_clear(list);
	free(list->v);
	diag_list_init(list);
}

/* Append one record, growing the array. */
static void
diag_push(struct diag_list *list, struct diag d)
{
	if (list->n == list->cap) {
		list->cap = list->cap != 0 ? list->cap * 2 : 8;
		list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
	}
	list->v[list->n++] = d;
	if (d.level == DIAG_ERROR)
		list->nerrors++;
}

/* Format a message and record it with its position. */
void
diag_add(struct diag_list *list, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
{
	struct diag d;
	va_list ap, ap2;
	char first[256];
	int len;

	/* format into a small buffer first; measure with it, not with NULL */
	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(first, sizeof first, fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	d.msg = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof first)
		memcpy(d.msg, first, (size_t)len + 1);
	else
		vsnprintf(d.msg, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	d.level = level;
	d.file = file != NULL ? xstrdup(file) : NULL;
	d.line = line;
	d.col = col;
	diag_push(list, d);
}

/* Hand every record of src over to dst. */
void
diag_list_move(struct diag_list *dst, struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++)
		diag_push(dst, src->v[i]);
	free(src->v);
	diag_list_init(src);
}

/* The one-line form editors and people read. */
char *
diag_format(const struct diag *d)
{
	const char *level = d->level == DIAG_ERROR ? "error" : "warning";

	if (d->file == NULL)
		return xasprintf("%s: %s", level, d->msg);
	if (d->line <= 0)
		return xasprintf("%s: %s: %s", d->file, level, d->msg);
	if (d->col <= 0)
		return xasprintf("%s:%d: %s: %s", d->file, d->line, level, d->msg);
	return xasprintf("%s:%d:%d: %s: %s", d->file, d->line, d->col, level,
	    d->msg);
}
