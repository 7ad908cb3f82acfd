/* Tests of src/core: UTF-8 decoding, widths, visible forms. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/translit.h"
#include "core/utf8.h"
#include "tests.h"

/* Valid sequences decode; overlong, surrogate and truncated ones do not. */
static void
test_utf8_decode_rejects_malformed(void)
{
	uint32_t cp;

	CU_ASSERT_EQUAL(utf8_decode("\xCF\x83", 2, &cp), 2);
	CU_ASSERT_EQUAL(cp, 0x3C3);
	CU_ASSERT_EQUAL(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	CU_ASSERT_EQUAL(cp, 0x1F600);
	CU_ASSERT_EQUAL(utf8_decode("\xC0\xAF", 2, &cp), 1);	/* overlong '/' */
	CU_ASSERT_EQUAL(cp, UTF8_INVALID);
	CU_ASSERT_EQUAL(utf8_decode("\xED\xA0\x80", 3, &cp), 1);	/* surrogate */
	CU_ASSERT_EQUAL(cp, UTF8_INVALID);
	CU_ASSERT_EQUAL(utf8_decode("\xE2\x82", 2, &cp), 1);	/* truncated */
	CU_ASSERT_EQUAL(cp, UTF8_INVALID);
	CU_ASSERT_EQUAL(utf8_decode("\xF5\x80\x80\x80", 4, &cp), 1);
	CU_ASSERT_EQUAL(cp, UTF8_INVALID);
}

/* Wide CJK counts two columns, combining marks none, ASCII one. */
static void
test_utf8_width_of_wide_and_combining(void)
{
	CU_ASSERT_EQUAL(utf8_width("abc", 3), 3);
	CU_ASSERT_EQUAL(utf8_width("\xE6\xBC\xA2\xE5\xAD\x97", 6), 4);	/* 漢字 */
	CU_ASSERT_EQUAL(utf8_width("e\xCC\x81", 3), 1);	/* e + combining acute */
	CU_ASSERT_EQUAL(utf8_width("\xF0\x9F\x98\x80", 4), 2);	/* emoji */
	CU_ASSERT_EQUAL(utf8_width("\xCF\x83", 2), 1);	/* sigma */
}

/* ESC, C1 controls and bidi overrides become visible text. */
static void
test_utf8_visible_controls(void)
{
	char buf[16];

	CU_ASSERT_EQUAL(utf8_visible(0x1B, 0, buf), UTF8_CONTROL);
	CU_ASSERT_STRING_EQUAL(buf, "^[");
	CU_ASSERT_EQUAL(utf8_visible(0x7F, 0, buf), UTF8_CONTROL);
	CU_ASSERT_STRING_EQUAL(buf, "^?");
	CU_ASSERT_EQUAL(utf8_visible(0x9B, 0, buf), UTF8_CONTROL);
	CU_ASSERT_STRING_EQUAL(buf, "<U+009B>");
	CU_ASSERT_EQUAL(utf8_visible(0x202E, 0, buf), UTF8_CONTROL);
	CU_ASSERT_STRING_EQUAL(buf, "<U+202E>");
	CU_ASSERT_EQUAL(utf8_visible(UTF8_INVALID, 1, buf), UTF8_STANDIN);
	CU_ASSERT_STRING_EQUAL(buf, "?");
}

/* Sanitising leaves no byte below 0x20 and, in ASCII mode, none above 0x7F. */
static void
test_utf8_sanitize_escape_sequence(void)
{
	const char *hostile = "red \x1b[31mtext\x1b]0;title\x07 \xCF\x83\xFF";
	char *s = utf8_sanitize(hostile, strlen(hostile), 1);

	CU_ASSERT_STRING_EQUAL(s, "red ^[[31mtext^[]0;title^G sigma?");
	for (const char *p = s; *p != '\0'; p++)
		CU_ASSERT((unsigned char)*p >= 0x20 && (unsigned char)*p < 0x80);
	free(s);
}

/* The ASCII stand-ins the issue names. */
static void
test_utf8_translit_common_symbols(void)
{
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x3C3), "sigma");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x2016), "||");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x2192), "->");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0xD7), "x");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x2264), "<=");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x2014), "--");
	CU_ASSERT_STRING_EQUAL(translit_ascii(0x201C), "\"");
	CU_ASSERT_PTR_NULL(translit_ascii(0x4E00));
}

void
test_utf8_register(void)
{
	CU_pSuite s = CU_add_suite("utf8", NULL, NULL);

	CU_add_test(s, "decode rejects malformed", test_utf8_decode_rejects_malformed);
	CU_add_test(s, "width of wide and combining", test_utf8_width_of_wide_and_combining);
	CU_add_test(s, "visible controls", test_utf8_visible_controls);
	CU_add_test(s, "sanitize escape sequence", test_utf8_sanitize_escape_sequence);
	CU_add_test(s, "translit common symbols", test_utf8_translit_common_symbols);
}
