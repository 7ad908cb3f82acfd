/* diag: error and warning records that point into an input file.
 *
 * Library code that can fail returns an int (0 ok, negative error) and adds
 * one or more records to a caller-owned struct diag_list; it never prints.
 * The caller decides what the user sees: diag_format() gives the one line
 * editors jump to, "FILE:LINE:COL: error: MESSAGE"; diag_render() adds the
 * offending source line with a caret under the column and the "help:" line
 * of a known fix, as gcc and rustc do. A record gets its help from
 * diag_help() right after it is added, and its source line from
 * diag_attach_source() once the caller has the file's text at hand; any
 * module's messages (loader, checks, templates) are shown the same way.
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
	char *help;	/* a known fix ("quote the value: ..."), or NULL */
	char *source;	/* the text of line `line` of the file, or NULL */
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

/* Give the newest record of list a "help:" line (replacing one it had). */
void diag_help(struct diag_list *list, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), nonnull(2)));
/* Give every record from index `from` on that is about `file`, has a line
 * and no source yet the text of its line, taken from buf (len bytes). */
void diag_attach_source(struct diag_list *list, size_t from, const char *file,
    const char *buf, size_t len);
/* The same, reading the file itself (a regular file of at most 1 MiB;
 * nothing happens when it cannot be read). */
void diag_attach_file(struct diag_list *list, size_t from, const char *path);
/* The bytes of line `line` (1-based) of buf (len bytes), without its line
 * break, with *linelen set; NULL when buf has fewer lines. Lines end as
 * libyaml ends them (LF, CR LF, a lone CR, NEL, LS, PS), so the line is the
 * one libyaml's positions name. */
const char *diag_source_line(const char *buf, size_t len, int line,
    size_t *linelen);

/* "FILE:LINE:COL: error: MSG" (parts that are unknown are left out). */
char *diag_format(const struct diag *d);
/* diag_format()'s line, then (when known) the source line and a caret
 * under the column, then "help: ...", each line ending in a newline.
 * Everything from the file is made visible (control characters as ^X; with
 * ascii, plain ASCII); tabs are expanded and wide characters counted so the
 * caret stands under the column's character. A heap string. */
char *diag_render(const struct diag *d, int ascii);

#endif
