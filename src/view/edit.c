/* edit: the one-line editor's text. */
#include "config.h"

#include "view/edit.h"

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
	e->buf[0] = '\0';
}

/* See edit.h. */
int
view_edit_insert(struct view_edit *e, int byte)
{
	if (e->len + 1 >= sizeof e->buf)
		return -1;
	e->buf[e->len++] = (char)byte;
	e->buf[e->len] = '\0';
	return 0;
}

/* See edit.h. */
int
view_edit_erase(struct view_edit *e)
{
	if (e->len == 0)
		return -1;
	do
		e->len--;
	while (e->len > 0 && continues(e->buf[e->len]));
	e->buf[e->len] = '\0';
	return 0;
}

/* See edit.h. */
size_t
view_edit_visible(const struct view_edit *e, int columns)
{
	size_t start;

	if (columns <= 0)
		return e->len;
	start = e->len > (size_t)columns ? e->len - (size_t)columns : 0;
	while (start < e->len && continues(e->buf[start]))
		start++;
	return start;
}
