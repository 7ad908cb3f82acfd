/* edit: the one-line editor's text. */
#include "config.h"

#include "view/edit.h"

#include <string.h>

#include "core/utf8.h"

/* Is byte c inside a UTF-8 character (a continuation byte)? */
static int
continues(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* See edit.h. */
void
view_edit_clear(struct view_edit *e)
{
	e->len = 0;
	e->cursor = 0;
	e->buf[0] = '\0';
}

/* See edit.h: a continuation byte joins the character before the cursor,
 * so the cursor stays at the start of a character once it is whole. */
int
view_edit_insert(struct view_edit *e, int byte)
{
	if (e->len + 1 >= sizeof e->buf)
		return -1;
	memmove(e->buf + e->cursor + 1, e->buf + e->cursor,
	    e->len - e->cursor + 1);
	e->buf[e->cursor++] = (char)byte;
	e->len++;
	return 0;
}

/* The start of the character before byte offset at. */
static size_t
before(const struct view_edit *e, size_t at)
{
	if (at == 0)
		return 0;
	do
		at--;
	while (at > 0 && continues(e->buf[at]));
	return at;
}

/* Remove bytes [from, to). */
static void
cut(struct view_edit *e, size_t from, size_t to)
{
	memmove(e->buf + from, e->buf + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
}

/* See edit.h. */
int
view_edit_erase(struct view_edit *e)
{
	if (e->len == 0)
		return -1;
	cut(e, before(e, e->cursor), e->cursor);
	return 0;
}

/* See edit.h. */
void
view_edit_delete(struct view_edit *e)
{
	size_t to = e->cursor;

	if (to >= e->len)
		return;
	do
		to++;
	while (to < e->len && continues(e->buf[to]));
	cut(e, e->cursor, to);
}

/* See edit.h: as a shell's Ctrl-W, spaces first, then the word. */
void
view_edit_erase_word(struct view_edit *e)
{
	size_t from = e->cursor;

	while (from > 0 && e->buf[from - 1] == ' ')
		from--;
	while (from > 0 && e->buf[from - 1] != ' ')
		from--;
	cut(e, from, e->cursor);
}

/* See edit.h. */
void
view_edit_move(struct view_edit *e, int dir)
{
	if (dir < 0) {
		e->cursor = before(e, e->cursor);
		return;
	}
	if (e->cursor < e->len)
		do
			e->cursor++;
		while (e->cursor < e->len && continues(e->buf[e->cursor]));
}

/* See edit.h. */
void
view_edit_home(struct view_edit *e)
{
	e->cursor = 0;
}

/* See edit.h. */
void
view_edit_end(struct view_edit *e)
{
	e->cursor = e->len;
}

/* See edit.h. */
size_t
view_edit_visible(const struct view_edit *e, int columns)
{
	size_t start = 0;

	if (columns <= 0)
		return e->cursor;
	while (start < e->cursor &&
	    utf8_width(e->buf + start, e->cursor - start) >= (size_t)columns)
		do
			start++;
		while (start < e->cursor && continues(e->buf[start]));
	return start;
}
