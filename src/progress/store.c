/* The progress file on disk: where it is, loading it (setting aside what
 * cannot be read), and saving it safely in a directory nobody else can
 * write to, merged with what another session saved. */
#include "config.h"

#include "progress/progress.h"
#include "core/file.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* See progress.h. */
char *
progress_default_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state != NULL && state[0] == '/')
		return xasprintf("%s/rnntutor/progress", state);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.local/state/rnntutor/progress", home);
	return NULL;
}

/* The directory part of path ("." when it has none), as a new string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* Open the directory of the progress file when it is safe to keep it
 * there: the user's own (a symbolic link to it too), writable by nobody
 * else. Returns the descriptor, or -1: with errno ENOENT when the
 * directory does not exist (nothing said), else with a message in diags. */
static int
open_safe_dir(const char *dir, enum diag_level level, const char *what,
    struct diag_list *diags)
{
	struct stat st;
	int fd;

	if (lstat(dir, &st) < 0) {
		if (errno != ENOENT)
			diag_add(diags, level, dir, 0, 0, "cannot use the progress "
			    "directory: %s; progress is %s", strerror(errno), what);
		return -1;
	}
	if (S_ISLNK(st.st_mode) && st.st_uid != geteuid()) {
		diag_add(diags, level, dir, 0, 0, "the progress directory is a "
		    "link made by another user; progress is %s", what);
		errno = EPERM;
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		diag_add(diags, level, dir, 0, 0, "cannot use the progress "
		    "directory: %s; progress is %s", strerror(err), what);
		errno = err;
		return -1;
	}
	if (st.st_uid != geteuid()) {
		diag_add(diags, level, dir, 0, 0, "the progress directory "
		    "belongs to another user; progress is %s", what);
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		diag_add(diags, level, dir, 0, 0, "others may write to the "
		    "progress directory (mode %03o); progress is %s until it is "
		    "made private (chmod 700)", (unsigned)(st.st_mode & 0777),
		    what);
	} else {
		return fd;
	}
	close(fd);
	errno = EPERM;
	return -1;
}

/* Read a whole progress file of at most PROGRESS_MAX_FILE bytes; NULL with
 * errno set (ENOENT when there is none; see file_read_regular). */
static char *
read_file(const char *path, size_t *len)
{
	char *buf;
	int err = file_read_regular(path, PROGRESS_MAX_FILE, &buf, len);

	errno = err;
	return err == 0 ? buf : NULL;
}

/* Move path to aside unless aside exists: rename() would replace an
 * older PATH.corrupt-TIME of the same second, losing the file kept there;
 * link() refuses an existing name. Where there are no hard links, rename
 * after checking (a race there only loses a file already set aside). */
static int
move_aside(const char *path, const char *aside)
{
	struct stat st;

	if (link(path, aside) == 0)
		return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
	if (errno == EEXIST)
		return -1;
	if (errno != EPERM && errno != ENOTSUP && errno != ENOSYS &&
	    errno != EXDEV && errno != EMLINK)
		return -1;
	if (lstat(aside, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(path, aside);
}

/* Rename a file that cannot be used out of the way, keeping it. Returns 0,
 * or -1 when it could not be moved (p is then locked). */
static int
set_aside(struct progress *p, const char *path, struct diag_list *diags)
{
	long long now = (long long)time(NULL);
	char *aside = xasprintf("%s.corrupt-%lld", path, now);
	int rc;

	/* PATH.corrupt-TIME, or PATH.corrupt-TIME.N when that is taken */
	for (int n = 1; (rc = move_aside(path, aside)) < 0 && errno == EEXIST &&
	    n < 1000; n++) {
		free(aside);
		aside = xasprintf("%s.corrupt-%lld.%d", path, now, n);
	}
	if (rc == 0) {
		diag_add(diags, DIAG_WARNING, path, 0, 0, "the progress file "
		    "could not be read; it was kept as %s and a new one is "
		    "started", aside);
	} else {
		diag_add(diags, DIAG_WARNING, path, 0, 0, "the progress file "
		    "could not be read and could not be set aside (%s); "
		    "progress will not be saved over it", strerror(errno));
		p->locked = true;
	}
	free(aside);
	return rc;
}

/* See progress.h. */
int
progress_load(struct progress *p, const char *path, struct diag_list *diags)
{
	struct diag_list parse;
	size_t len = 0;
	char *dir = dir_of(path), *text;
	int dfd = open_safe_dir(dir, DIAG_WARNING, "neither read nor saved",
	    diags);

	free(dir);
	if (dfd < 0)
		return errno == ENOENT ? 0 : -1;
	close(dfd);
	text = read_file(path, &len);
	if (text == NULL) {
		if (errno == ENOENT)
			return 0;
		if (errno == EISDIR) {
			/* not a file set aside by accident: leave it alone */
			diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read "
			    "the progress file: %s", strerror(errno));
			p->locked = true;
			return -1;
		}
		if (errno == EFBIG)
			diag_add(diags, DIAG_WARNING, path, 0, 0, "the progress "
			    "file is larger than %d MiB", PROGRESS_MAX_FILE >> 20);
		else
			diag_add(diags, DIAG_WARNING, path, 0, 0, "cannot read "
			    "the progress file: %s", strerror(errno));
		return set_aside(p, path, diags);
	}
	diag_list_init(&parse);
	if (progress_parse(p, path, text, len, &parse) < 0) {
		diag_list_move(diags, &parse);
		set_aside(p, path, diags);
	}
	diag_list_free(&parse);
	free(text);
	return 0;
}

/* mkdir -p for dir, each new directory 0700. */
static void
make_dirs(const char *dir)
{
	char *copy = xstrdup(dir);

	for (char *s = copy + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		(void)mkdir(copy, 0700);
		*s = '/';
	}
	(void)mkdir(copy, 0700);
	free(copy);
}

/* Write all of buf to fd. */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Create a new temporary file in the directory dfd, of a name nobody can
 * guess, with O_EXCL and O_NOFOLLOW so that nothing planted there is
 * followed or reused. Fills name (at least 32 bytes). */
static int
create_temp(int dfd, char *name, size_t size)
{
	static const char digits[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	static uint64_t counter;

	for (int tries = 0; tries < 100; tries++) {
		/* splitmix64 of the time, the pid and a counter */
		uint64_t z = (uint64_t)progress_now() ^
		    ((uint64_t)getpid() << 32) ^ (++counter * 0x9E3779B97F4A7C15ull);
		char *s;
		int fd;

		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
		z ^= z >> 31;
		snprintf(name, size, ".progress.tmp.");
		s = name + strlen(name);
		for (int i = 0; i < 12; i++, z /= 36)
			*s++ = digits[z % 36];
		*s = '\0';
		fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Hold the directory's lock while reading, merging and replacing the file,
 * so that two sessions saving at once both count. Waits up to a few
 * seconds for another session; after that saves anyway. */
static void
lock_dir(int dfd)
{
	struct timespec pause = {.tv_sec = 0, .tv_nsec = 10 * 1000 * 1000};

	for (int i = 0; i < 500; i++) {
		if (flock(dfd, LOCK_EX | LOCK_NB) == 0 || errno != EWOULDBLOCK)
			return;
		nanosleep(&pause, NULL);
	}
}

/* What the file holds now, parsed into disk (empty when there is none).
 * Returns -1 with errno set when it cannot be read or does not parse
 * (EINVAL). */
static int
read_saved(struct progress *disk, const char *path)
{
	struct diag_list ignore;
	size_t len;
	char *text = read_file(path, &len);
	int rc;

	progress_init(disk);
	if (text == NULL)
		return errno == ENOENT ? 0 : -1;
	diag_list_init(&ignore);
	rc = progress_parse(disk, path, text, len, &ignore);
	diag_list_free(&ignore);
	free(text);
	errno = EINVAL;
	return rc;
}

/* Write text to a new file in dfd and rename it to name. */
static int
replace_file(int dfd, const char *name, const char *text)
{
	char tmp[64];
	int fd = create_temp(dfd, tmp, sizeof tmp), err;

	if (fd < 0)
		return -1;
	if (write_all(fd, text, strlen(text)) < 0 || fsync(fd) < 0) {
		err = errno;
		close(fd);
		unlinkat(dfd, tmp, 0);
		errno = err;
		return -1;
	}
	if (close(fd) < 0 || renameat(dfd, tmp, dfd, name) < 0) {
		err = errno;
		unlinkat(dfd, tmp, 0);
		errno = err;
		return -1;
	}
	fsync(dfd);	/* make the rename itself durable */
	return 0;
}

/* See progress.h. */
int
progress_save(struct progress *p, const char *path, struct diag_list *diags)
{
	struct progress disk, merged;
	const char *slash = strrchr(path, '/');
	const char *name = slash != NULL ? slash + 1 : path;
	char *dir = dir_of(path), *text;
	int dfd, rc = 0;

	if (p->locked) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "the progress file could "
		    "not be read and is kept as it is; progress is not saved");
		free(dir);
		return -1;
	}
	make_dirs(dir);
	dfd = open_safe_dir(dir, DIAG_ERROR, "not saved", diags);
	if (dfd < 0) {
		if (errno == ENOENT)
			diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot create the "
			    "progress directory: %s", strerror(errno));
		free(dir);
		return -1;
	}
	free(dir);
	lock_dir(dfd);
	progress_init(&merged);
	if (read_saved(&disk, path) == 0) {
		progress_merge(&merged, p, &disk);
	} else if (errno == EISDIR) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: %s",
		    strerror(errno));
		close(dfd);
		return -1;
	} else {
		/* broken since it was loaded: keep it, and save all we have */
		struct progress none;

		if (set_aside(p, path, diags) < 0) {
			close(dfd);
			return -1;
		}
		progress_init(&none);
		progress_merge(&merged, &none, p);
	}
	progress_free(&disk);
	text = progress_format(&merged);
	if (strlen(text) > PROGRESS_MAX_FILE) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: "
		    "it would be larger than %d MiB", PROGRESS_MAX_FILE >> 20);
		rc = -1;
	} else if (replace_file(dfd, name, text) < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot save progress: %s",
		    strerror(errno));
		rc = -1;
	}
	free(text);
	close(dfd);	/* and with it the lock */
	if (rc < 0) {
		progress_free(&merged);
		return -1;
	}
	progress_free(p);
	*p = merged;
	return 0;
}
