/* file: read a whole regular file, safely for paths people and lessons name.
 *
 * The file is opened without blocking, so a FIFO cannot hang the caller,
 * and anything but a regular file is refused before a byte is read. */
#ifndef RNNTUTOR_FILE_H
#define RNNTUTOR_FILE_H

#include <stddef.h>

/* Read the regular file at path, of at most max bytes, into *out: a new
 * heap buffer, NUL-terminated after *len bytes, that the caller frees.
 * Returns 0, or an errno value: what open, fstat or read said; EISDIR for a
 * directory; EINVAL for another file that is not regular; EFBIG when the
 * file is larger than max (*len then holds its size). */
int file_read_regular(const char *path, size_t max, char **out, size_t *len);

#endif
