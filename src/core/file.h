/* file: read a whole file, safely for paths people and lessons name.
 *
 * The file is opened without blocking, so a FIFO cannot hang the caller,
 * and what it is (regular, a pipe, a directory) is known before a byte is
 * read. Nothing is read past one byte over the size limit. */
#ifndef RNNTUTOR_FILE_H
#define RNNTUTOR_FILE_H

#include <stddef.h>

/* Flags of file_read(). */
enum {
	FILE_READ_STREAMS = 1	/* also read a pipe or FIFO (data=/dev/stdin)
				 * or a terminal, to its end; a FIFO nobody
				 * writes to reads as empty */
};

/* Read the file at path, of at most max bytes, into *out: a new heap
 * buffer, NUL-terminated after *len bytes, that the caller frees. Without
 * FILE_READ_STREAMS only a regular file is read.
 * Returns 0, or an errno value: what open, fstat or read said; EISDIR for a
 * directory; EINVAL for another kind of file not allowed by flags; EFBIG
 * when the file is larger than max (*len then holds a size over max, *out
 * is NULL). */
int file_read(const char *path, size_t max, unsigned flags, char **out,
    size_t *len);

/* file_read() of a regular file only (flags 0). */
int file_read_regular(const char *path, size_t max, char **out, size_t *len);

#endif
