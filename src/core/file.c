#include "config.h"

#include "core/file.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* 0 when flags allow reading a file of this mode, else the errno value
 * file_read() returns for it. */
static int
mode_allowed(mode_t mode, unsigned flags)
{
	if (S_ISREG(mode))
		return 0;
	if (S_ISDIR(mode))
		return EISDIR;
	if ((flags & FILE_READ_STREAMS) && (S_ISFIFO(mode) || S_ISCHR(mode)))
		return 0;
	return EINVAL;
}

/* Read fd to its end or to max + 1 bytes into a new buffer. Returns 0 or
 * an errno value; *len is the count read. */
static int
read_all(int fd, size_t max, char **out, size_t *len)
{
	size_t total = 0, cap = max < 65536 ? max + 1 : 65536;
	char *buf = xmalloc(cap + 1);
	ssize_t got;

	/* read up to one byte past max: a file that grew is still refused */
	while (total <= max) {
		if (total == cap) {
			cap = cap > max + 1 - cap ? max + 1 : 2 * cap;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		got = read(fd, buf + total, cap - total);
		if (got == 0)
			break;
		if (got < 0) {
			int err = errno;

			if (err == EINTR)
				continue;
			free(buf);
			return err;
		}
		total += (size_t)got;
	}
	buf[total] = '\0';
	*out = buf;
	*len = total;
	return 0;
}

/* See file.h. */
int
file_read(const char *path, size_t max, unsigned flags, char **out,
    size_t *len)
{
	struct stat st;
	int fd, err, fl;

	*out = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) < 0) {
		err = errno;
		close(fd);
		return err;
	}
	if ((err = mode_allowed(st.st_mode, flags)) != 0) {
		close(fd);
		return err;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		close(fd);
		*len = (size_t)st.st_size;
		return EFBIG;
	}
	/* opened without blocking only so that open() could not hang; a
	 * pipe with a writer is then read like a file */
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	err = read_all(fd, max, out, len);
	close(fd);
	if (err == 0 && *len > max) {
		free(*out);
		*out = NULL;
		return EFBIG;
	}
	return err;
}

/* See file.h. */
int
file_read_regular(const char *path, size_t max, char **out, size_t *len)
{
	return file_read(path, max, 0, out, len);
}
