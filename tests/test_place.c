/* Tests of src/view/place.c beyond test_view.c: the exact line kept on the
 * blank lines between blocks, and the focused block kept on the screen. */
#include "config.h"

#include "doc/page.h"
#include "view/place.h"
#include "tests.h"

/* A page of nblocks blocks of len lines each, every block but the first
 * led by one blank line that belongs to it but lies above its first line
 * (as doc_layout lays out paragraphs); line 0 is the title. */
static struct doc_page *
page_with_gaps(size_t nblocks, size_t len)
{
	struct doc_page *p = doc_page_create(40, nblocks);

	doc_page_line(p, -1);
	for (size_t b = 0; b < nblocks; b++) {
		if (b > 0)
			doc_page_line(p, (int)b);	/* the blank line */
		p->blocks[b].first = p->nlines;
		for (size_t i = 0; i < len; i++)
			doc_page_line(p, (int)b);
		p->blocks[b].last = p->nlines;
	}
	return p;
}

/* A blank line above a block is a place of its own: captured and restored
 * it is the same line, not the block's last line (an offset that wrapped
 * round as a size_t). */
static void
test_place_blank_line_before_block(void)
{
	struct doc_page *p = page_with_gaps(5, 4);
	struct view_place place;
	size_t blank = p->blocks[3].first - 1;

	CU_ASSERT_EQUAL_FATAL(p->lines[blank].block, 3);
	view_place_capture(&place, p, blank);
	CU_ASSERT_EQUAL(place.block, 3);
	CU_ASSERT_EQUAL(place.offset, -1);
	CU_ASSERT_EQUAL(view_place_restore(&place, p, 3), blank);
	/* every line comes back as itself */
	for (size_t top = 0; top + 3 <= p->nlines; top++) {
		view_place_capture(&place, p, top);
		CU_ASSERT_EQUAL(view_place_restore(&place, p, 3), top);
	}
	doc_page_destroy(p);
}

/* The place kept in the progress file tells the title from block 0's
 * first line: the title is block 0 at a negative offset, and both come
 * back as the same line. */
static void
test_place_kept_title_apart_from_block_0(void)
{
	struct doc_page *p = doc_page_create(40, 2);
	struct view_place title, first, inside;

	doc_page_line(p, -1);		/* the title, underlined, a blank */
	doc_page_line(p, -1);
	doc_page_line(p, -1);
	for (int b = 0; b < 2; b++) {
		p->blocks[b].first = p->nlines;
		for (int i = 0; i < 30; i++)
			doc_page_line(p, b);
		p->blocks[b].last = p->nlines;
	}
	title = view_place_kept(p, 0);
	first = view_place_kept(p, 3);
	inside = view_place_kept(p, 5);
	CU_ASSERT_EQUAL(title.block, 0);
	CU_ASSERT_EQUAL(title.offset, -3);
	CU_ASSERT_EQUAL(first.block, 0);
	CU_ASSERT_EQUAL(first.offset, 0);
	CU_ASSERT_EQUAL(inside.offset, 2);
	CU_ASSERT_EQUAL(view_place_restore(&title, p, 10), 0);
	CU_ASSERT_EQUAL(view_place_restore(&first, p, 10), 3);
	CU_ASSERT_EQUAL(view_place_restore(&inside, p, 10), 5);
	/* the second line of the title */
	title = view_place_kept(p, 1);
	CU_ASSERT_EQUAL(title.offset, -2);
	CU_ASSERT_EQUAL(view_place_restore(&title, p, 10), 1);
	doc_page_destroy(p);
}

/* The focused block stays on the screen: all of it when it fits, moving
 * the page no more than needed; a screenful of it when it does not. */
static void
test_place_keep_focus(void)
{
	struct doc_page *p = page_with_gaps(10, 4);	/* blocks of 4 lines */
	const struct doc_extent *e = &p->blocks[5];
	size_t top;

	/* already all on a screen of 10: nothing moves */
	CU_ASSERT_EQUAL(view_place_keep(p, 10, e->first - 2, 5), e->first - 2);
	/* its last line below the screen: just enough to show it */
	top = view_place_keep(p, 10, e->first - 8, 5);
	CU_ASSERT_EQUAL(top, e->last - 10);
	CU_ASSERT_TRUE(top <= e->first && e->last <= top + 10);
	/* above the screen: its first line at the top */
	CU_ASSERT_EQUAL(view_place_keep(p, 10, e->first + 3, 5), e->first);
	/* a screen of 2 rows: within the block, never past it */
	CU_ASSERT_EQUAL(view_place_keep(p, 2, e->first + 1, 5), e->first + 1);
	CU_ASSERT_EQUAL(view_place_keep(p, 2, e->first + 7, 5), e->last - 2);
	CU_ASSERT_EQUAL(view_place_keep(p, 2, 0, 5), e->first);
	/* shows: any line of it */
	CU_ASSERT_TRUE(view_place_shows(p, 10, e->last - 1, 5));
	CU_ASSERT_FALSE(view_place_shows(p, 10, e->last, 5));
	CU_ASSERT_FALSE(view_place_shows(p, 10, e->first - 10, 5));
	CU_ASSERT_TRUE(view_place_shows(p, 10, e->first - 9, 5));
	doc_page_destroy(p);
}

void
test_place_register(void)
{
	CU_pSuite s = CU_add_suite("place", NULL, NULL);

	CU_add_test(s, "blank line before a block",
	    test_place_blank_line_before_block);
	CU_add_test(s, "keep the focused block", test_place_keep_focus);
	CU_add_test(s, "kept: the title apart from block 0's first line",
	    test_place_kept_title_apart_from_block_0);
}
