/* wrap: fill a paragraph of untrusted UTF-8 text into page lines.
 *
 * Words are separated by spaces, tabs and newlines and placed greedily;
 * widths are display columns (wide characters count two, combining marks
 * zero) and a character is never split from its combining marks. A word
 * longer than a line is broken between characters. */
#ifndef RNNTUTOR_WRAP_H
#define RNNTUTOR_WRAP_H

#include <stddef.h>

#include "doc/page.h"

struct doc_wrap {
	int width;		/* page width in columns */
	int indent;		/* columns before every line but the first */
	const char *marker;	/* printable text before the first line, or NULL */
	enum doc_style marker_style;
	int marker_indent;	/* columns before the marker */
	enum doc_style style;	/* style of the words */
	int block;		/* block index for the new lines */
	int ascii;		/* ASCII stand-ins for non-ASCII characters */
};

/* Lay out text (len bytes) as one paragraph. Adds at least one line. */
void doc_wrap(struct doc_page *page, const char *text, size_t len,
    const struct doc_wrap *w);

#endif
