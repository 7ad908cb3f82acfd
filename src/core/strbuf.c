#include "config.h"

#include "core/strbuf.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An empty string with no heap storage yet. */
void
strbuf_init(struct strbuf *sb)
{
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

/* Release the storage. */
void
strbuf_free(struct strbuf *sb)
{
	free(sb->s);
	strbuf_init(sb);
}

/* Hand the string to the caller (never NULL). */
char *
strbuf_detach(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	strbuf_init(sb);
	return s;
}

/* Make the string empty, keeping the storage. */
void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

/* Make room for n more bytes and the terminator. */
static void
strbuf_grow(struct strbuf *sb, size_t n)
{
	size_t need;

	if (n > SIZE_MAX / 2 - sb->len)
		fatal("string too long");
	need = sb->len + n + 1;
	if (need <= sb->cap)
		return;
	if (sb->cap == 0)
		sb->cap = 64;
	while (sb->cap < need)
		sb->cap *= 2;
	sb->s = xreallocarray(sb->s, sb->cap, 1);
}

/* Append n bytes. */
void
strbuf_add(struct strbuf *sb, const char *p, size_t n)
{
	strbuf_grow(sb, n);
	if (n != 0)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

/* Append a C string. */
void
strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

/* Append one byte. */
void
strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

/* Append c n times (padding). */
void
strbuf_addn(struct strbuf *sb, char c, size_t n)
{
	strbuf_grow(sb, n);
	memset(sb->s + sb->len, c, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

/* Append formatted text. */
void
strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap, ap2;
	int len;

	char first[256];

	/* format into a small buffer first; measure with it, not with NULL */
	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(first, sizeof first, fmt, ap);
	va_end(ap);
	if (len > 0) {
		strbuf_grow(sb, (size_t)len);
		if ((size_t)len < sizeof first)
			memcpy(sb->s + sb->len, first, (size_t)len + 1);
		else
			vsnprintf(sb->s + sb->len, (size_t)len + 1, fmt, ap2);
		sb->len += (size_t)len;
	}
	va_end(ap2);
}
