/* edit: the text of the one-line editor (search words, a quiz's number, a
 * sentence for a trained model), UTF-8 typed one byte at a time.
 *
 * Ownership: struct view_edit is caller storage with a fixed buffer;
 * view_edit_clear() initialises it. Nothing is allocated. */
#ifndef RNNTUTOR_VIEW_EDIT_H
#define RNNTUTOR_VIEW_EDIT_H

#include <stddef.h>

struct view_edit {
	char buf[256];		/* UTF-8, NUL-terminated */
	size_t len;		/* bytes */
};

/* Empty the text. */
void view_edit_clear(struct view_edit *e);
/* Append one byte (part of a UTF-8 character). Returns 0, or -1 when the
 * text is full (it is left as it was). */
int view_edit_insert(struct view_edit *e, int byte);
/* Remove the last character, all its bytes. Returns 0, or -1 when the text
 * was empty. */
int view_edit_erase(struct view_edit *e);
/* The byte offset from which the end of the text fits in columns bytes,
 * at the start of a character. */
size_t view_edit_visible(const struct view_edit *e, int columns);

#endif
