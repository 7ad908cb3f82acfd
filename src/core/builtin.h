/* builtin: the files compiled into the binary at build time (the lessons
 * and lesson 4's corpus), so one binary carries the whole course.
 *
 * The table builtin_files[] is generated (src/core/builtin.c) by
 * src/tools/embed.c from lessons/; builtin_data() is in builtin_data.c.
 * The data is static and NUL-terminated after len bytes; nothing is
 * freed. */
#ifndef RNNTUTOR_CORE_BUILTIN_H
#define RNNTUTOR_CORE_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;	/* path in the source tree: "lessons/01-....yaml" */
	const char *data;
	size_t len;
};

extern const struct builtin_file builtin_files[];
extern const size_t builtin_nfiles;

/* The bytes of the built-in file called name, or NULL; *len gets their
 * length. */
const char *builtin_data(const char *name, size_t *len);

#endif
