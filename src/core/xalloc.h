/* xalloc: allocation that never returns NULL.
 *
 * On allocation failure these call fatal(), which runs the hook set with
 * fatal_set_hook() (the TUI restores the terminal there), prints one line to
 * stderr and exits with status 3. Memory from these functions is freed with
 * free(). */
#ifndef RNNTUTOR_XALLOC_H
#define RNNTUTOR_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
/* Reallocate p to n * size bytes, checking the multiplication for overflow. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new heap string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Run the hook, print "rnntutor: MESSAGE" to stderr and exit(3). */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Called once by fatal() before it prints (restore the terminal, for example). */
void fatal_set_hook(void (*hook)(void));

#endif
