/* strbuf: a growable NUL-terminated byte string.
 *
 * Caller-owned storage: strbuf_init() before use, strbuf_free() after, or
 * strbuf_detach() to take the heap string (the caller then frees it). The
 * buffer is always NUL-terminated, so sb.s can be read as a C string. */
#ifndef RNNTUTOR_STRBUF_H
#define RNNTUTOR_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *s;
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
/* Return the string and leave sb empty (re-initialised). */
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *p, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
/* Append c n times. */
void strbuf_addn(struct strbuf *sb, char c, size_t n);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
