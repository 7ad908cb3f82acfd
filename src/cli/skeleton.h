/* skeleton: the commented lesson that --new-lesson ID prints, using every
 * block kind, ready to edit; it passes --check as it is. */
#ifndef RNNTUTOR_SKELETON_H
#define RNNTUTOR_SKELETON_H

#include <stdio.h>

/* Write the skeleton of a lesson called id (a valid one: see
 * core/lessonid.h). */
void cli_skeleton(FILE *out, const char *id);

#endif
