/* watch: reload by itself when a lesson file changes (--watch, key w).
 *
 * The directories of lessons a reader edits are watched (course_dirs():
 * -L, $RNNTUTOR_PATH, the XDG lesson directory), not the files: editors
 * save by writing a new file and renaming it over the old one. With
 * inotify the program sleeps in poll() on the terminal and the inotify
 * descriptor together, so it uses no CPU while nothing changes; without it
 * (or with RNNTUTOR_WATCH=stat, which tests use), a stamp of the
 * directories' files (names, sizes, times) is compared at the next key or
 * resize. Never a busy poll. */
#include "config.h"

#include "ui/ui.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_INOTIFY_INIT1
#include <sys/inotify.h>
#endif

/* A hash of what the watched directories hold: each file's name, size,
 * modification time and inode. */
static unsigned long long
dirs_stamp(const struct ui_watch *w)
{
	unsigned long long h = 1469598103934665603ULL;

	for (size_t i = 0; i < w->ndirs; i++) {
		DIR *d = opendir(w->dirs[i]);
		struct dirent *e;

		if (d == NULL) {
			h = (h ^ 0x9e37U) * 1099511628211ULL;
			continue;
		}
		while ((e = readdir(d)) != NULL) {
			char path[4096];
			struct stat st;
			unsigned long long v;

			if (e->d_name[0] == '.')
				continue;
			if (snprintf(path, sizeof path, "%s/%s", w->dirs[i],
			    e->d_name) >= (int)sizeof path ||
			    stat(path, &st) != 0)
				continue;
			for (const char *c = e->d_name; *c != '\0'; c++)
				h = (h ^ (unsigned char)*c) * 1099511628211ULL;
			v = (unsigned long long)st.st_size * 31ULL +
			    (unsigned long long)st.st_mtim.tv_sec * 1000000007ULL +
			    (unsigned long long)st.st_mtim.tv_nsec +
			    (unsigned long long)st.st_ino * 7919ULL;
			/* order-free: readdir's order may change */
			h += v * 0x100000001b3ULL;
		}
		closedir(d);
	}
	return h;
}

/* Open the inotify descriptor on the watched directories; -1 when there is
 * no inotify, RNNTUTOR_WATCH=stat asks to do without it, or it cannot
 * watch them. */
static int
open_inotify(const struct ui_watch *w)
{
#ifdef HAVE_INOTIFY_INIT1
	const char *how = getenv("RNNTUTOR_WATCH");
	int fd, watched = 0;

	if (how != NULL && strcmp(how, "stat") == 0)
		return -1;
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t i = 0; i < w->ndirs; i++)
		if (inotify_add_watch(fd, w->dirs[i], IN_CLOSE_WRITE |
		    IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
		    IN_ATTRIB) >= 0)
			watched++;
	if (watched == 0) {
		close(fd);
		return -1;
	}
	return fd;
#else
	(void)w;
	return -1;
#endif
}

/* Is path a directory? */
static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* See ui.h. */
void
ui_watch_free(struct ui *ui)
{
	struct ui_watch *w = &ui->watch;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->on = 0;
	course_dirs_free(w->dirs, w->ndirs);
	w->dirs = NULL;
	w->ndirs = 0;
}

/* See ui.h. */
void
ui_watch_set(struct ui *ui, int on)
{
	struct ui_watch *w = &ui->watch;
	size_t found = 0;

	ui_watch_free(ui);
	if (!on) {
		ui_message(ui, "Watch mode off.");
		return;
	}
	if (ui->opts->course_opts != NULL)
		w->ndirs = course_dirs(ui->opts->course_opts, &w->dirs);
	for (size_t i = 0; i < w->ndirs; i++)
		found += is_dir(w->dirs[i]);
	if (found == 0) {
		ui_watch_free(ui);
		ui_message(ui, "Nothing to watch: no lesson directory (rnntutor "
		    "--watch -L DIR LESSON, or $RNNTUTOR_PATH).");
		return;
	}
	w->on = 1;
	w->fd = open_inotify(w);
	w->stamp = dirs_stamp(w);
	/* without inotify the files are looked at after each key */
	ui_message(ui, "Watch mode on: a changed lesson file reloads %s.",
	    w->fd >= 0 ? "by itself" : "at the next key");
}

/* See ui.h. */
int
ui_watch_changed(struct ui *ui)
{
	unsigned long long now;

	if (!ui->watch.on || ui->watch.fd >= 0)
		return 0;
	now = dirs_stamp(&ui->watch);
	if (now == ui->watch.stamp)
		return 0;
	ui->watch.stamp = now;
	return 1;
}

/* Read and drop every pending event; 1 when there was one. */
static int
drain(int fd)
{
	char buf[4096];
	int any = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof buf)) > 0)
		any = 1;
	return any;
}

/* See ui.h. */
int
ui_watch_wait(struct ui *ui)
{
	struct pollfd pfd[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = ui->watch.fd, .events = POLLIN },
	};
	int n = poll(pfd, ui->watch.fd >= 0 ? 2 : 1, -1);

	if (n < 0)
		return errno == EINTR ? 0 : -1;
	if (pfd[0].revents & POLLIN)
		return 1;
	if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	if (ui->watch.fd >= 0 && (pfd[1].revents & POLLIN)) {
		/* a save is several events (write, close, rename): one
		 * reload for the burst, after it settles */
		int more = drain(ui->watch.fd);

		while (poll(&pfd[1], 1, 50) > 0 && drain(ui->watch.fd))
			;
		return more ? 2 : 0;
	}
	return 0;
}
