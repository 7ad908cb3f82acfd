#include "config.h"

#include "core/file.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* See file.h. */
int
file_read_regular(const char *path, size_t max, char **out, size_t *len)
{
	struct stat st;
	size_t total = 0;
	ssize_t got;
	char *buf;
	int fd, err;

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
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		*len = (size_t)st.st_size;
		return EFBIG;
	}
	/* read up to one byte past max: a file that grew is still refused */
	buf = xmalloc(max + 2);
	while (total <= max &&
	    (got = read(fd, buf + total, max + 1 - total)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			close(fd);
			free(buf);
			return err;
		}
		total += (size_t)got;
	}
	close(fd);
	if (total > max) {
		free(buf);
		*len = total;
		return EFBIG;
	}
	buf[total] = '\0';
	*out = buf;
	*len = total;
	return 0;
}
