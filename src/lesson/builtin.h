/* builtin: the lesson files compiled into the binary at build time.
 *
 * Generated (src/lesson/builtin.c) by src/tools/embed.c from lessons/. The
 * data is static and NUL-terminated after len bytes; nothing is freed. */
#ifndef RNNTUTOR_BUILTIN_H
#define RNNTUTOR_BUILTIN_H

#include <stddef.h>

struct lesson_builtin_file {
	const char *name;	/* path in the source tree: "lessons/01-....yaml" */
	const char *data;
	size_t len;
};

extern const struct lesson_builtin_file lesson_builtin_files[];
extern const size_t lesson_builtin_nfiles;

#endif
