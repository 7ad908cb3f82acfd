/* edit: the text of the one-line editor (search words, a quiz's number, a
 * sentence for a trained model), UTF-8 typed one byte at a time, with a
 * cursor that moves by whole characters.
 *
 * Ownership: struct view_edit is caller storage with a fixed buffer;
 * view_edit_clear() initialises it. Nothing is allocated. */
#ifndef RNNTUTOR_VIEW_EDIT_H
#define RNNTUTOR_VIEW_EDIT_H

#include <stddef.h>

/* Bytes a text may hold, its NUL included: more is refused, not cut. */
#define VIEW_EDIT_MAX 1024

struct view_edit {
	char buf[VIEW_EDIT_MAX];	/* UTF-8, NUL-terminated */
	size_t len;		/* bytes */
	size_t cursor;		/* byte offset of the cursor, 0..len, at the
				 * start of a character */
};

/* Empty the text (Ctrl-U). */
void view_edit_clear(struct view_edit *e);
/* Insert one byte (part of a UTF-8 character) at the cursor, which moves
 * past it. Returns 0, or -1 when the text is full (it is left as it was:
 * the caller says so). */
int view_edit_insert(struct view_edit *e, int byte);
/* Remove the character before the cursor, all its bytes (Backspace).
 * Returns 0 (nothing happens at the start of a text), or -1 when the text
 * is empty. */
int view_edit_erase(struct view_edit *e);
/* Remove the character under the cursor, all its bytes (Delete, Ctrl-D);
 * nothing at the end of the text. */
void view_edit_delete(struct view_edit *e);
/* Remove the word before the cursor and the spaces after it (Ctrl-W). */
void view_edit_erase_word(struct view_edit *e);
/* Move the cursor one character left or right (dir -1 or 1), to the
 * start (Home, Ctrl-A) or to the end (End, Ctrl-E). */
void view_edit_move(struct view_edit *e, int dir);
void view_edit_home(struct view_edit *e);
void view_edit_end(struct view_edit *e);
/* The byte offset, at the start of a character, from which the text is
 * shown in columns display columns so that the cursor is on them (the
 * text before the cursor takes fewer than columns). */
size_t view_edit_visible(const struct view_edit *e, int columns);

#endif
