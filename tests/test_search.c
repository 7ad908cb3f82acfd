/* Tests of src/doc/search.c: what / finds, and where it says it is. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc/page.h"
#include "doc/search.h"
#include "tests.h"

/* A page of the given UTF-8 lines, as the lessons show them. */
static struct doc_page *
page_of(const char *const *lines, size_t n)
{
	struct doc_page *p = doc_page_create(80, 0);

	for (size_t i = 0; i < n; i++)
		doc_line_add_text(doc_page_line(p, -1), DOC_PLAIN, lines[i],
		    strlen(lines[i]), 0);
	return p;
}

/* ASCII queries find text written with σ, − (U+2212) and subscripts, at
 * the right display columns; and the other way round. */
static void
test_search_folds_mathematical_characters(void)
{
	const char *const lines[] = {
		"bound \xE2\x80\x96\xE2\x88\x82h_T/\xE2\x88\x82h_k\xE2\x80\x96 "
		    "\xE2\x89\xA4 \xCF\x83_max(W_hh)^(T\xE2\x88\x92k)",
		"  h_{t\xE2\x88\x92" "1} and h\xE2\x82\x9C",
		"plain sigma_max and T-k",
	};
	struct doc_page *p = page_of(lines, 3);
	struct doc_match m;

	CU_ASSERT_TRUE(doc_search_line(p, 0, "sigma_max", 0, &m));
	/* "bound ‖∂h_T/∂h_k‖ ≤ " is 20 columns; σ_max takes 5 */
	CU_ASSERT_EQUAL(m.col, 20);
	CU_ASSERT_EQUAL(m.width, 5);
	CU_ASSERT_TRUE(doc_search_line(p, 0, "T-k", 0, &m));
	CU_ASSERT_EQUAL(m.col, 33);
	CU_ASSERT_EQUAL(m.width, 3);
	CU_ASSERT_TRUE(doc_search_line(p, 1, "h_{t-1}", 0, &m));
	CU_ASSERT_EQUAL(m.col, 2);
	CU_ASSERT_EQUAL(m.width, 7);
	CU_ASSERT_TRUE(doc_search_line(p, 1, "H_T", 0, &m));	/* hₜ */
	CU_ASSERT_EQUAL(m.col, 14);
	CU_ASSERT_EQUAL(m.width, 2);
	/* the query may hold the characters too */
	CU_ASSERT_TRUE(doc_search_line(p, 2, "\xCF\x83_max", 0, &m));
	CU_ASSERT_EQUAL(m.col, 6);
	CU_ASSERT_TRUE(doc_search_line(p, 2, "T\xE2\x88\x92k", 0, &m));
	CU_ASSERT_EQUAL(m.col, 20);
	/* from a column on, and not at all */
	CU_ASSERT_FALSE(doc_search_line(p, 0, "sigma_max", 21, &m));
	CU_ASSERT_FALSE(doc_search_line(p, 0, "tau", 0, &m));
	/* a match starts at a character, not inside a stand-in: "igma"
	 * is not in "σ" */
	CU_ASSERT_FALSE(doc_search_line(p, 0, "igma", 0, &m));
	CU_ASSERT_TRUE(doc_search(p, "sigma_MAX", 0, 1, 1, &m));
	CU_ASSERT_EQUAL(m.line, 0);
	CU_ASSERT_TRUE(doc_search(p, "sigma_max", 0, 1, 0, &m));
	CU_ASSERT_EQUAL(m.line, 2);
	doc_page_destroy(p);
}

void
test_search_register(void)
{
	CU_pSuite s = CU_add_suite("search", NULL, NULL);

	CU_add_test(s, "folds mathematical characters",
	    test_search_folds_mathematical_characters);
}
