/* place: the top line on the screen, kept across relayouts and scrolled. */
#include "config.h"

#include "view/place.h"

/* See place.h. */
void
view_place_capture(struct view_place *place, const struct doc_page *page,
    size_t top)
{
	place->block = -1;
	place->offset = 0;
	place->fraction = 0;
	if (page == NULL || page->nlines == 0 || top >= page->nlines)
		return;
	place->block = page->lines[top].block;
	if (place->block >= 0 && (size_t)place->block < page->nblocks)
		place->offset = (long)top -
		    (long)page->blocks[place->block].first;
	place->fraction = (double)top / (double)page->nlines;
}

/* See place.h. */
struct view_place
view_place_kept(const struct doc_page *page, size_t top)
{
	struct view_place place;

	view_place_capture(&place, page, top);
	if (place.block < 0 && page != NULL && page->nblocks > 0 &&
	    top < page->nlines && top < page->blocks[0].first) {
		place.block = 0;
		place.offset = (long)top - (long)page->blocks[0].first;
	}
	return place;
}

/* See place.h. */
size_t
view_place_restore(const struct view_place *place, const struct doc_page *page,
    size_t rows)
{
	size_t top, max = view_place_max_top(page, rows);

	if (place->block >= 0 && (size_t)place->block < page->nblocks) {
		const struct doc_extent *e = &page->blocks[place->block];
		long len = e->last > e->first ? (long)(e->last - e->first) : 1;
		long at = (long)e->first + (place->offset < len ?
		    place->offset : len - 1);

		top = at > 0 ? (size_t)at : 0;
	} else {
		top = (size_t)(place->fraction * (double)page->nlines);
	}
	return top < max ? top : max;
}

/* See place.h. */
size_t
view_place_max_top(const struct doc_page *page, size_t rows)
{
	return page->nlines > rows ? page->nlines - rows : 0;
}

/* See place.h. */
size_t
view_place_near_top(const struct doc_page *page, size_t rows, size_t line)
{
	size_t top = line > 2 ? line - 2 : 0, max = view_place_max_top(page,
	    rows);

	return top < max ? top : max;
}

/* See place.h. */
size_t
view_place_reveal(const struct doc_page *page, size_t rows, size_t top,
    size_t block)
{
	const struct doc_extent *e;

	if (block >= page->nblocks)
		return top;
	e = &page->blocks[block];
	if (e->first < top || e->last > top + rows)
		return view_place_near_top(page, rows, e->first);
	return top;
}

/* See place.h. */
size_t
view_place_keep(const struct doc_page *page, size_t rows, size_t top,
    size_t block)
{
	const struct doc_extent *e;
	size_t lo, hi, end, max = view_place_max_top(page, rows);

	if (block >= page->nblocks || rows == 0)
		return top;
	e = &page->blocks[block];
	/* the tops that show the block's first line and its last one, in
	 * either order (a block taller than the screen swaps them) */
	end = e->last > e->first + rows ? e->last - rows : 0;
	if (e->last <= e->first + rows) {
		lo = e->last > rows ? e->last - rows : 0;
		hi = e->first;
	} else {
		lo = e->first;
		hi = end;
	}
	if (top < lo)
		top = lo;
	if (top > hi)
		top = hi;
	return top < max ? top : max;
}

/* See place.h. */
size_t
view_place_show_end(const struct doc_page *page, size_t rows, size_t top,
    size_t block)
{
	const struct doc_extent *e;
	size_t max = view_place_max_top(page, rows);

	if (block >= page->nblocks || rows == 0)
		return top;
	e = &page->blocks[block];
	if (e->last > top + rows)
		top = e->last - rows;
	return top < max ? top : max;
}

/* See place.h. */
int
view_place_shows(const struct doc_page *page, size_t rows, size_t top,
    size_t block)
{
	const struct doc_extent *e;

	if (block >= page->nblocks)
		return 0;
	e = &page->blocks[block];
	return e->last > top && e->first < top + rows;
}

/* See place.h. */
size_t
view_place_scroll(const struct doc_page *page, size_t rows, size_t top,
    enum view_act act)
{
	long r = (long)rows, delta, to;
	size_t max = view_place_max_top(page, rows);

	switch (act) {
	case VIEW_ACT_LINE_DOWN: delta = 1; break;
	case VIEW_ACT_LINE_UP: delta = -1; break;
	case VIEW_ACT_PAGE_DOWN: delta = r > 2 ? r - 1 : 1; break;
	case VIEW_ACT_PAGE_UP: delta = r > 2 ? -(r - 1) : -1; break;
	case VIEW_ACT_HALF_DOWN: delta = r / 2; break;
	case VIEW_ACT_HALF_UP: delta = -r / 2; break;
	case VIEW_ACT_TOP: return 0;
	case VIEW_ACT_BOTTOM: return max;
	default: return top;
	}
	to = (long)top + delta;
	if (to < 0)
		to = 0;
	return (size_t)to > max ? max : (size_t)to;
}

/* See place.h. */
int
view_place_percent(size_t top, size_t rows, size_t nlines)
{
	size_t seen = top + rows < nlines ? top + rows : nlines;

	return nlines > 0 ? (int)(100 * seen / nlines) : 100;
}

/* See place.h. */
long
view_place_block(const struct doc_page *page, size_t top)
{
	for (size_t i = top; i < page->nlines; i++)
		if (page->lines[i].block >= 0)
			return page->lines[i].block;
	return -1;
}

/* See place.h. */
size_t
view_place_section(const struct doc_page *page, size_t top)
{
	size_t sel = 0;

	for (size_t i = 0; i < page->nanchors; i++)
		if (page->anchors[i].line <= top)
			sel = i;
	return sel;
}
