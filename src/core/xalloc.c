#include "config.h"

#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

/* Remember what to undo before a fatal exit. */
void
fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Restore what the hook restores, say why, exit 3. */
_Noreturn void
fatal(const char *fmt, ...)
{
	void (*hook)(void) = fatal_hook;
	va_list ap;

	fatal_hook = NULL;	/* a failing hook must not recurse */
	if (hook != NULL)
		hook();
	fputs("rnntutor: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

/* malloc or die; a zero size still returns a unique pointer. */
void *
xmalloc(size_t size)
{
	void *p = malloc(size != 0 ? size : 1);

	if (p == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

/* calloc or die. */
void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

/* realloc to n * size bytes or die, refusing an overflowing product. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (size != 0 && n > SIZE_MAX / size)
		fatal("allocation too large (%zu x %zu bytes)", n, size);
	q = realloc(p, n * size != 0 ? n * size : 1);
	if (q == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return q;
}

/* strdup or die. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy at most n bytes of s into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

/* vasprintf that never fails. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int len;
	char *p;
	char first[256];

	/* format into a small buffer first; measure with it, not with NULL */
	va_copy(ap2, ap);
	len = vsnprintf(first, sizeof first, fmt, ap);
	if (len < 0)
		fatal("bad format string '%s'", fmt);
	p = xmalloc((size_t)len + 1);
	if ((size_t)len < sizeof first)
		memcpy(p, first, (size_t)len + 1);
	else
		vsnprintf(p, (size_t)len + 1, fmt, ap2);
	va_end(ap2);
	return p;
}

/* asprintf that never fails. */
char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
