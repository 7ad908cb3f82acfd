/* diag: error and warning records that point into an input file.
 *
 * Library code that can fail returns an int (0 ok, negative error) and adds
 * one or more records to a caller-owned struct diag_list; it never prints.
 * The caller decides what the user sees, usually with diag_format(), which
 * gives the form editors jump to: "FILE:LINE:COL: error: MESSAGE".
 *
 * Ownership: a diag_list owns every string in its records; diag_list_free()
 * releases them. diag_format() returns a heap string the caller frees. */
#ifndef RNNTUTOR_DIAG_H
#define RNNTUTOR_DIAG_H

#include <stddef.h>

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

struct diag {
	enum diag_level level;
	char *file;	/* NULL when the message is not about a file */
	int line;	/* 1-based; 0 when unknown */
	int col;	/* 1-based; 0 when unknown */
	char *msg;
};

struct diag_list {
	struct diag *v;
	size_t n;
	size_t cap;
	size_t nerrors;		/* records with level DIAG_ERROR */
};

void diag_list_init(struct diag_list *list);
void diag_list_free(struct diag_list *list);
/* Forget every record but keep the storage. */
void diag_list_clear(struct diag_list *list);

/* Add a record; file may be NULL, line and col 0 when unknown. */
void diag_add(struct diag_list *list, enum diag_level level, const char *file,
    int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7), nonnull(6)));
/* Move every record of src to the end of dst; src is left empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);

/* "FILE:LINE:COL: error: MSG" (parts that are unknown are left out). */
char *diag_format(const struct diag *d);

#endif
