#include "config.h"

#include "core/lessonid.h"

#include <string.h>

/* See lessonid.h. */
bool
lessonid_valid(const char *s, size_t len)
{
	size_t i, digits = 0;

	if (len == 0 || len > LESSONID_MAX || s[0] == '-')
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c >= 'a' && c <= 'z') && c != '-')
			return false;
	}
	return digits < len;
}
