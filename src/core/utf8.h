/* utf8: decoding, display width and a visible form for every code point.
 *
 * Pure functions; nothing here depends on the C locale, so a page laid out
 * under LANG=C has the same widths as one laid out under a UTF-8 locale.
 * Lesson text is untrusted: utf8_visible() turns control characters, escape
 * sequences, bidirectional overrides and invalid bytes into harmless visible
 * text, so nothing from a lesson reaches the terminal raw. */
#ifndef RNNTUTOR_UTF8_H
#define RNNTUTOR_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID 0xFFFFFFFFu	/* what utf8_decode gives for a bad byte */

/* Decode one code point from s (len > 0 bytes). Returns the bytes used (1 to
 * 4). A malformed, overlong or surrogate sequence gives *cp = UTF8_INVALID
 * and uses one byte. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (no terminator); returns 1 to 4, or 0 for a bad cp. */
size_t utf8_encode(uint32_t cp, char out[4]);
/* Columns cp takes on a terminal: 0 (combining, zero-width), 1 or 2 (wide
 * East Asian, emoji). Control characters give 0: show them via utf8_visible. */
int utf8_cpwidth(uint32_t cp);
/* Display width of a string that holds only printable text (the output of
 * utf8_visible); invalid bytes count one column each. */
size_t utf8_width(const char *s, size_t len);

enum utf8_class {
	UTF8_PRINT,	/* shown as itself */
	UTF8_CONTROL,	/* a control or formatting character, shown as ^X or <U+XXXX> */
	UTF8_STANDIN	/* replaced: an ASCII stand-in, or U+FFFD / '?' for a bad byte */
};

/* What to show for cp: writes a NUL-terminated printable string (at most 15
 * bytes) to buf and says which kind it is. With ascii set, everything shown
 * is plain ASCII (stand-ins from translit_ascii, '?' for the rest). Tabs and
 * newlines are controls here: callers that lay out text handle them first. */
enum utf8_class utf8_visible(uint32_t cp, int ascii, char buf[16]);

/* A sanitised copy of s as a new heap string: every control character, bad
 * byte and (with ascii) non-ASCII character replaced by its visible form. */
char *utf8_sanitize(const char *s, size_t len, int ascii);

/* Is the codeset of the current locale UTF-8 (after setlocale)? */
int utf8_locale_is_utf8(void);

#endif
