/* builtin_data: lookup in the table of built-in files (builtin.h). */
#include "config.h"

#include "core/builtin.h"

#include <string.h>

/* See builtin.h. */
const char *
builtin_data(const char *name, size_t *len)
{
	for (size_t i = 0; i < builtin_nfiles; i++)
		if (strcmp(builtin_files[i].name, name) == 0) {
			*len = builtin_files[i].len;
			return builtin_files[i].data;
		}
	return NULL;
}
